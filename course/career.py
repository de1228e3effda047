"""Self-checks for the collaboration and career modules (07 and 08).

Like every self-check they report the *form* of an answer (complete, right type, in
range), never whether it is right; they print one line and never raise.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from .models.career import plan_problems
from .roles import COMPETENCY_IDS, ROLE_IDS
from .widgets.base import AnswerWidget

__all__ = ["check_gap", "check_grid", "check_meets", "check_plan", "check_rated", "role_options"]


def _say(ok: bool, message: str) -> bool:
    print(f"{'✓' if ok else '✗'} {message}")
    return ok


def check_grid(grid: object, rows: Sequence[str], columns: Sequence[str]) -> bool:
    """Report whether every cell of a RACI grid is filled and each row has one decider."""
    if not isinstance(grid, AnswerWidget):
        return _say(False, "Pass the grid widget itself (the variable the lesson created).")
    value = grid.value or {}
    if not value:
        return _say(False, f"No grid saved yet for {grid.exercise!r}: fill it in above.")
    empty = sum(1 for r in rows for c in columns if not (value.get(r) or {}).get(c))
    no_decider = [r for r in rows if "A" not in (value.get(r) or {}).values()]
    if empty or no_decider:
        parts = [f"{empty} empty cell(s)"] if empty else []
        if no_decider:
            parts.append(f"no decider (A) yet for {', '.join(no_decider)}")
        return _say(False, f"{grid.exercise}: saved, but {'; '.join(parts)}.")
    return _say(True, f"{grid.exercise}: all {len(rows) * len(columns)} cells filled, one "
                      f"decider per decision. It is graded after you submit.")


def check_meets(table: object, candidates: Sequence[str]) -> bool:
    """Report whether ``table`` is a True/False table of candidates x the fifteen competencies."""
    if not isinstance(table, pd.DataFrame):
        return _say(False, f"meets should be a DataFrame, not {type(table).__name__}.")
    missing_rows = [c for c in candidates if c not in table.index]
    missing_cols = [c for c in COMPETENCY_IDS if c not in table.columns]
    if missing_rows or missing_cols:
        what = [f"rows {', '.join(missing_rows)}"] if missing_rows else []
        if missing_cols:
            what.append(f"{len(missing_cols)} competency column(s), e.g. {missing_cols[0]!r}")
        return _say(False, f"meets is missing {' and '.join(what)}.")
    cells = table.loc[list(candidates), list(COMPETENCY_IDS)]
    as_flags = all(pd.api.types.is_bool_dtype(cells[c]) for c in cells.columns) or (
        all(pd.api.types.is_numeric_dtype(cells[c]) for c in cells.columns)
        and cells.isin([0, 1]).all().all()  # 1/0 read as True/False, as grading does
    )
    if not as_flags:
        return _say(False, "meets should hold True/False values (a comparison gives them).")
    return _say(True, f"meets: True/False for {len(candidates)} candidates x "
                      f"{len(COMPETENCY_IDS)} criteria.")


def check_rated(widget: object) -> bool:
    """Report how many of the fifteen competencies the ratings widget has saved."""
    if not isinstance(widget, AnswerWidget):
        return _say(False, "Pass the ratings widget itself.")
    rated = len(widget.value or {})
    if rated < len(COMPETENCY_IDS):
        return _say(False, f"{rated} of {len(COMPETENCY_IDS)} competencies rated and saved; "
                           f"rate them all (or press 'Keep these ratings').")
    return _say(True, f"All {len(COMPETENCY_IDS)} competencies rated and saved.")


def check_gap(gap: object) -> bool:
    """Report whether ``gap`` is a Series with a whole number per competency, within -4..4."""
    if isinstance(gap, dict):  # {competency: number} is graded like the Series it makes
        gap = pd.Series(gap, dtype=object)
    if not isinstance(gap, pd.Series):
        return _say(False, f"gap should be a pandas Series, not {type(gap).__name__}.")
    missing = [c for c in COMPETENCY_IDS if c not in gap.index]
    if missing:
        return _say(False, f"gap has no value for {len(missing)} competenc(ies), e.g. "
                           f"{missing[0]!r}; index it by the competency ids.")
    values = pd.to_numeric(gap.reindex(list(COMPETENCY_IDS)), errors="coerce")
    if values.isna().any():
        return _say(False, "gap holds a missing value: rate every competency first.")
    if ((values < -4) | (values > 4)).any():
        return _say(False, "gap values lie between -4 and 4 on a 1-5 scale; check the columns "
                           "you subtracted.")
    return _say(True, f"gap: one number per competency; {int((values > 0).sum())} of them "
                      f"positive.")


def check_plan(plan: object) -> bool:
    """Report problems with the form of a development plan (never its content)."""
    problems = plan_problems(plan, COMPETENCY_IDS)
    for problem in problems:
        _say(False, problem)
    if problems:
        return False
    return _say(True, f"plan: {len(plan)} action(s), each with a competency, a measure with a "
                      f"number and a date. Whether they match your top gaps is graded after "
                      f"you submit.")


def role_options() -> dict[str, str]:
    """Return ``{role id: name}`` of the ten roles, for a choice widget."""
    from .roles import roles

    names = roles(contrasts=False)["name"].to_dict()
    return {role: names[role] for role in ROLE_IDS}
