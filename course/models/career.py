"""Pure models for collaboration and career work: RACI grids and development plans.

They check the *form* of a decision (known rows and letters, one decider, dated and
measurable actions) and never judge whether it is the right one: that is graded.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from ._checks import ScenarioError, kind_of

__all__ = ["PLAN_FIELDS", "RACI_LETTERS", "check_raci", "is_dated", "is_measurable",
           "plan_problems"]

#: RACI letters and what they mean; "-" marks a level that is not involved.
RACI_LETTERS: dict[str, str] = {
    "R": "responsible: prepares the options and carries the decision out",
    "A": "accountable: makes the decision (exactly one per decision)",
    "C": "consulted: asked for their view before the decision",
    "I": "informed: told once it is made",
    "-": "not involved",
}
#: What every action of a development plan holds.
PLAN_FIELDS: tuple[str, ...] = ("competency", "action", "measure", "due")
_NUMBER = re.compile(r"\d")


def check_raci(
    grid: object, rows: Sequence[str], columns: Sequence[str]
) -> dict[str, dict[str, str]]:
    """Return ``grid`` ({row: {column: letter}}) cleaned, or raise a ScenarioError.

    A grid may be partly filled; each row has at most one ``A`` (one decider).
    """
    if not isinstance(grid, Mapping):
        raise ScenarioError(
            f"A RACI grid maps each decision id to {{role id: letter}}; got "
            f"{kind_of(grid)}."
        )
    clean: dict[str, dict[str, str]] = {}
    for row, cells in grid.items():
        if row not in rows:
            raise ScenarioError(f"{row!r} is not a decision of this exercise; use one of "
                                f"{', '.join(rows)}.")
        if not isinstance(cells, Mapping):
            raise ScenarioError(f"Decision {row!r}: give a mapping of role id to letter, got "
                                f"{kind_of(cells)}.")
        line: dict[str, str] = {}
        for column, letter in cells.items():
            if column not in columns:
                raise ScenarioError(f"Decision {row!r}: {column!r} is not a role of the grid; "
                                    f"use one of {', '.join(columns)}.")
            if letter not in RACI_LETTERS:
                raise ScenarioError(f"Decision {row!r}, {column}: {letter!r} is not a RACI "
                                    f"letter; use one of {', '.join(RACI_LETTERS)}.")
            line[str(column)] = str(letter)
        deciders = [c for c, letter in line.items() if letter == "A"]
        if len(deciders) > 1:
            raise ScenarioError(
                f"Decision {row!r} has {len(deciders)} deciders (A: {', '.join(deciders)}); "
                f"exactly one level is accountable. Change one of them."
            )
        if line:
            clean[str(row)] = line
    return clean


def is_dated(due: Any) -> bool:
    """Return whether ``due`` is a calendar date written ``YYYY-MM-DD``."""
    if not isinstance(due, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", due):
        return False
    try:
        date.fromisoformat(due)
    except ValueError:
        return False
    return True


def is_measurable(measure: Any) -> bool:
    """Return whether ``measure`` is a text holding a number (what to count and the target)."""
    return isinstance(measure, str) and bool(measure.strip()) and bool(_NUMBER.search(measure))


def plan_problems(plan: object, competencies: Sequence[str]) -> list[str]:
    """Return what is wrong with the form of a development plan (empty when well formed).

    A plan is a list of actions, each a dict with ``competency`` (an id of
    ``competencies``), ``action`` (what you will do), ``measure`` (how you will know,
    with a number) and ``due`` (a date, ``YYYY-MM-DD``).
    """
    if not isinstance(plan, Sequence) or isinstance(plan, (str, bytes)):
        return [f"The plan should be a list of actions (dicts); got {kind_of(plan)}."]
    if not plan:
        return ["The plan has no actions yet."]
    problems = []
    for number, item in enumerate(plan, start=1):
        if not isinstance(item, Mapping):
            problems.append(f"Action {number} should be a dict with the keys "
                            f"{', '.join(PLAN_FIELDS)}.")
            continue
        missing = [f for f in PLAN_FIELDS if not str(item.get(f) or "").strip()]
        if missing:
            problems.append(f"Action {number} has no {', '.join(missing)}.")
        if item.get("competency") and item["competency"] not in competencies:
            problems.append(f"Action {number}: {item['competency']!r} is not a competency id.")
        if item.get("measure") and not is_measurable(item["measure"]):
            problems.append(f"Action {number}: the measure has no number, so it cannot be "
                            f"checked (say what you will count and the target).")
        if item.get("due") and not is_dated(item["due"]):
            problems.append(f"Action {number}: the due date {item['due']!r} is not a date "
                            f"written YYYY-MM-DD.")
    return problems
