"""Module 07, Collaboration across the ladder: references and scoring.

The RACI reference follows the house rules the lesson states: the lowest level whose
scope covers everything a decision touches decides (A); the level just below prepares
and carries it out (R; the PM does both when the PM decides); the level just above is
consulted (C); levels further below are informed (I); levels two or more above are not
involved (-).
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from ..scoring import Score, overlap
from . import Exercise, register

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


@cache
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
register(Exercise(MODULE, NOTEBOOK, "reflection", 2, "reflection", None, source="manual",
                  competencies=("communication", "team-management", "strategic-partnerships"),
                  roles=("director", "senior_director", "head_of_product", "vp_product", "cpo")))
