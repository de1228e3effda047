"""Module 00, The product ladder: references and scoring."""

from __future__ import annotations

import json
from typing import Any

from autograder.scoring.catalog import Exercise, register
from autograder.scoring.rules import Score, overlap, rank_agreement
from course.data import load

MODULE = "00-product-ladder"
NOTEBOOK = "1-the-ladder"

#: The seven levels of the management ladder, lowest first (source 004).
LADDER = ("product_manager", "senior_pm", "director", "senior_director", "head_of_product",
          "vp_product", "cpo")

#: The level each scope statement of m00_scope.csv describes (the exercise's key).
SCOPE_LEVELS = {
    "S1": "product_manager",
    "S2": "senior_pm",
    "S3": "director",
    "S4": "senior_director",
    "S5": "head_of_product",
    "S6": "vp_product",
    "S7": "cpo",
    "S8": "distinguished_pm",
}


def competency_ids() -> list[str]:
    """Return the ids of the fifteen competencies (materials/data/competencies.csv)."""
    return [str(i) for i in load("competencies").index]


def _score_ladder(value: Any) -> Score:
    if not isinstance(value, dict) or not isinstance(value.get("order"), list):
        return Score(0.0, "The saved ladder is not in the expected form.")
    return rank_agreement(value["order"], LADDER)


def _score_self_assessment(value: Any) -> Score:
    """Completion only: the share of the fifteen competencies rated 1 to 5."""
    if not isinstance(value, dict):
        return Score(0.0, "The self-assessment is not in the expected form.")
    ids = competency_ids()
    rated = [c for c in ids if isinstance(value.get(c), int) and not isinstance(value[c], bool)
             and 1 <= value[c] <= 5]
    return Score(len(rated) / len(ids),
                 f"{len(rated)} of {len(ids)} competencies rated (graded for completion only).")


_ALL_LEVELS = (*LADDER, "distinguished_pm", "associate_pm")

register(Exercise(MODULE, NOTEBOOK, "ladder-order", 2, "roles", _score_ladder,
                  fingerprints=lambda: [json.dumps(list(LADDER)),
                                        json.dumps(list(reversed(LADDER)))],
                  competencies=("scope-management", "self-reflection-learning"),
                  roles=LADDER))
register(Exercise(MODULE, NOTEBOOK, "level-scope", 4, "roles",
                  lambda v: overlap(v, SCOPE_LEVELS, "statements"),
                  fingerprints=lambda: [json.dumps(SCOPE_LEVELS, sort_keys=True)],
                  competencies=("scope-management", "team-management", "leadership"),
                  roles=_ALL_LEVELS))
register(Exercise(MODULE, NOTEBOOK, "self-assessment", 2, "self-assessment",
                  _score_self_assessment,
                  competencies=("self-reflection-learning",), roles=_ALL_LEVELS))
register(Exercise(MODULE, NOTEBOOK, "reflection", 2, "reflection", None, source="manual",
                  competencies=("self-reflection-learning", "vision-innovation"),
                  roles=_ALL_LEVELS))
