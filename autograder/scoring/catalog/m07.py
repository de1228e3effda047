"""Module 07, Collaboration across the ladder: references and scoring.

The RACI reference follows the house rules the lesson states: the lowest level whose
scope covers everything a decision touches decides (A); the level just below prepares
and carries it out (R; the PM does both when the PM decides); the level just above is
consulted (C); levels further below are informed (I); levels two or more above are not
involved (-).
"""

from __future__ import annotations

import json
from typing import Any

from autograder.scoring.catalog import Exercise, register
from autograder.scoring.catalog._hints import hinted_overlap
from autograder.scoring.rules import Score, overlap
from course.variants import variant_cache

MODULE = "07-collaboration"
NOTEBOOK = "1-working-across-levels"
#: The four levels of the grid, lowest first.
LEVELS = ("product_manager", "director", "vp_product", "cpo")

#: Who decides each decision of m07_decisions.csv (the exercise's key).
DECIDERS = {
    "D1": "product_manager",
    "D2": "director",
    "D3": "director",
    "D4": "vp_product",
    "D5": "product_manager",
    "D6": "cpo",
    "D7": "vp_product",
    "D8": "cpo",
}
#: The level each problem of m07_problems.csv is escalated to (the exercise's key).
ESCALATION = {
    "E1": "product_manager",
    "E2": "director",
    "E3": "vp_product",
    "E4": "cpo",
    "E5": "director",
    "E6": "vp_product",
}

#: Whether source 004 itself gives each level the part a statement of m07_claims.csv
#: states ("source"), or describes the aspect as joint work ("proposal"); the key.
CLAIMS = {
    "A1": "source",    # PM-Director strategic alignment: guidance vs domain knowledge
    "A2": "proposal",  # resource allocation: decided together
    "A3": "source",    # coaching: the Director coaches the PM
    "A4": "source",    # Director-VP strategic alignment: market view vs domain knowledge
    "A5": "proposal",  # executive reporting: presentations prepared together
    "A6": "proposal",  # partnerships: both assess, both negotiate
    "A7": "source",    # VP-CPO vision: industry insight vs product expertise
    "A8": "proposal",  # talent: hiring overseen jointly
}
#: Which paragraph of the lesson decides each statement (shown for wrong rows; no key).
CLAIM_HINTS = {
    "A1": "reread the PM and Director paragraph, strategic alignment.",
    "A2": "reread the PM and Director paragraph, resource allocation.",
    "A3": "reread the PM and Director paragraph, coaching.",
    "A4": "reread the Director and VP paragraph, strategic alignment.",
    "A5": "reread the Director and VP paragraph, executive reporting.",
    "A6": "reread the VP and CPO paragraph, strategic partnerships.",
    "A7": "reread the VP and CPO paragraph, vision and strategy.",
    "A8": "reread the VP and CPO paragraph, talent.",
}


def raci_row(decider: str) -> dict[str, str]:
    """Return the RACI letters of every level when ``decider`` decides (the house rules)."""
    top = LEVELS.index(decider)
    row = {}
    for position, level in enumerate(LEVELS):
        if position == top:
            row[level] = "A"
        elif position == top - 1:
            row[level] = "R"
        elif position == top + 1:
            row[level] = "C"
        elif position < top:
            row[level] = "I"
        else:
            row[level] = "-"
    return row


@variant_cache
def raci_reference() -> dict[str, dict[str, str]]:
    """Return the reference grid ``{decision: {level: letter}}``."""
    return {decision: raci_row(level) for decision, level in DECIDERS.items()}


def _score_raci(value: Any) -> Score:
    if not isinstance(value, dict):
        return Score(0.0, "The saved grid is not in the expected form.")
    reference = raci_reference()
    cells = {f"{d}/{lvl}": letter for d, row in reference.items() for lvl, letter in row.items()}
    answer = {
        f"{d}/{lvl}": letter
        for d, row in value.items() if isinstance(row, dict)
        for lvl, letter in row.items()
    }
    return overlap(answer, cells, "cells")


def _fingerprints() -> list[str]:
    return [json.dumps(raci_reference(), sort_keys=True), json.dumps(DECIDERS, sort_keys=True)]


_ROLES = LEVELS
register(Exercise(MODULE, NOTEBOOK, "raci", 4, "roles", _score_raci,
                  fingerprints=_fingerprints,
                  competencies=("collaboration-influence", "decision-making", "communication"),
                  roles=_ROLES))
register(Exercise(MODULE, NOTEBOOK, "escalation", 3, "roles",
                  lambda v: overlap(v, ESCALATION, "problems"),
                  fingerprints=lambda: [json.dumps(ESCALATION, sort_keys=True)],
                  competencies=("scope-management", "decision-making", "leadership"),
                  roles=_ROLES))
register(Exercise(MODULE, NOTEBOOK, "source-or-proposal", 3, "roles",
                  lambda v: hinted_overlap(v, CLAIMS, CLAIM_HINTS, "statements"),
                  fingerprints=lambda: [json.dumps(CLAIMS, sort_keys=True)],
                  competencies=("collaboration-influence", "strategic-partnerships",
                                "communication"),
                  roles=_ROLES))
register(Exercise(MODULE, NOTEBOOK, "reflection", 2, "reflection", None, source="manual",
                  competencies=("communication", "team-management", "strategic-partnerships"),
                  roles=("director", "senior_director", "head_of_product", "vp_product", "cpo")))
