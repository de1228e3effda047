"""Self-checks for the collaboration and career modules (07 and 08).

Like every self-check they report the *form* of an answer (complete, right type, in
range) and never reveal a graded answer; they print one line per finding and never raise
(``course.feedback.never_raises``). Where the learner's own data on screen fully decides
the answer (the gap between their ratings and their target role, and which gaps a plan
must cover), they check that too, so a ✓ means everything they could check is right.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from .feedback import never_raises, say
from .models._checks import kind_of, plural
from .models.career import is_dated, is_measurable, plan_problems
from .roles import COMPETENCY_IDS, ROLE_IDS, profiles
from .widgets.base import AnswerWidget

__all__ = ["TOP_GAPS", "check_case", "check_case_plan", "check_gap", "check_grid",
           "check_id_lists", "check_meets", "check_plan", "check_rated", "own_gap",
           "role_options", "top_gaps"]


_say = say
TOP_GAPS = 3  # a plan takes one action for each of this many largest gaps


def _own(ratings: object, target: object) -> tuple[dict[str, float], str] | None:
    """Return the learner's saved ratings and target role when both are complete, else None."""
    ratings = ratings.value if isinstance(ratings, AnswerWidget) else ratings
    target = target.value if isinstance(target, AnswerWidget) else target
    if not isinstance(ratings, Mapping) or not isinstance(target, str):
        return None
    if target not in ROLE_IDS or any(c not in ratings for c in COMPETENCY_IDS):
        return None
    return {c: float(ratings[c]) for c in COMPETENCY_IDS}, target


def own_gap(ratings: Mapping[str, float], role: str) -> pd.Series:
    """Return the target role's profile minus the ratings, per competency (positive: to grow)."""
    return profiles().loc[role].astype(float) - pd.Series(ratings, dtype=float)[
        list(COMPETENCY_IDS)]


def top_gaps(ratings: Mapping[str, float], role: str, n: int = TOP_GAPS) -> list[str]:
    """Return up to ``n`` competencies with the largest positive gap (ties in course order)."""
    gap = own_gap(ratings, role)
    gap = gap[gap > 0].sort_values(ascending=False, kind="stable")
    return [str(c) for c in gap.index[:n]]


@never_raises
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
        parts = [plural(empty, "empty cell")] if empty else []
        if no_decider:
            parts.append(f"no decider (A) yet for {', '.join(no_decider)}")
        return _say(False, f"{grid.exercise}: saved, but {'; '.join(parts)}.")
    return _say(True, f"{grid.exercise}: all {len(rows) * len(columns)} cells filled, one "
                      f"decider per decision. It is graded after you submit.")


@never_raises
def check_id_lists(lists: object, keys: Sequence[str], allowed: Sequence[str], *,
                   name: str = "answer") -> bool:
    """Report whether ``lists`` (a dict) holds, under each of ``keys``, a list of known ids.

    Only the form is checked (a list, possibly empty, of ids from ``allowed``); which ids
    belong in it is graded after submission.
    """
    if not isinstance(lists, Mapping):
        return _say(False, f"{name} should be a dictionary with the keys "
                           f"{', '.join(repr(k) for k in keys)}.")
    known = {str(a) for a in allowed}
    ok = True
    for key in keys:
        value = lists.get(key)
        if isinstance(value, (set, tuple, pd.Index, pd.Series)):
            value = list(value)
        fine = isinstance(value, list) and all(str(v) in known for v in value)
        ok &= _say(fine, f"{name}[{key!r}]: " + ("a list of ids from the table."
                                                 if fine else "missing, not a list, or holds "
                                                              "something that is not an id."))
    return ok


@never_raises
def check_meets(table: object, candidates: Sequence[str]) -> bool:
    """Report whether ``table`` is a True/False table of candidates x the fifteen competencies."""
    if not isinstance(table, pd.DataFrame):
        return _say(False, f"meets should be a DataFrame, not {kind_of(table)}.")
    missing_rows = [c for c in candidates if c not in table.index]
    missing_cols = [c for c in COMPETENCY_IDS if c not in table.columns]
    if missing_rows or missing_cols:
        what = [f"rows {', '.join(missing_rows)}"] if missing_rows else []
        if missing_cols:
            what.append(f"{plural(len(missing_cols), 'competency column')}, "
                        f"e.g. {missing_cols[0]!r}")
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


@never_raises
def check_rated(widget: object) -> bool:
    """Report how many of the fifteen competencies the ratings widget has saved."""
    if not isinstance(widget, AnswerWidget):
        return _say(False, "Pass the ratings widget itself.")
    rated = len(widget.value or {})
    if rated < len(COMPETENCY_IDS):
        return _say(False, f"{rated} of {len(COMPETENCY_IDS)} competencies rated and saved; "
                           f"rate them all (or press 'Keep these ratings').")
    return _say(True, f"All {len(COMPETENCY_IDS)} competencies rated and saved.")


@never_raises
def check_gap(gap: object, ratings: object = None, target: object = None) -> bool:
    """Report whether ``gap`` is a Series with a number per competency, within -4..4.

    Given the learner's ratings and target role (widgets or values), it also checks the
    gap against them: both are on the learner's screen, so nothing hidden is revealed.
    """
    if isinstance(gap, Mapping):  # {competency: number} is graded like the Series it makes
        gap = pd.Series(dict(gap), dtype=object)
    if not isinstance(gap, pd.Series):
        return _say(False, f"gap should be a pandas Series, not {kind_of(gap)}.")
    if gap.index.has_duplicates:
        twice = sorted({str(c) for c in gap.index[gap.index.duplicated()]})
        return _say(False, f"gap lists {', '.join(twice)} more than once; keep one value per "
                           f"competency (index it by the fifteen competency ids).")
    missing = [c for c in COMPETENCY_IDS if c not in gap.index]
    if missing:
        return _say(False, f"gap has no value for {len(missing)} of the competencies, e.g. "
                           f"{missing[0]!r}; index it by the competency ids.")
    values = pd.to_numeric(gap.reindex(list(COMPETENCY_IDS)), errors="coerce")
    if values.isna().any():
        return _say(False, "gap holds a missing value: rate every competency first.")
    if ((values < -4) | (values > 4)).any():
        return _say(False, "gap values lie between -4 and 4 on a 1-5 scale; check the columns "
                           "you subtracted.")
    own = _own(ratings, target)
    if own is not None:
        expected = own_gap(*own)
        if ((values + expected).abs() < 0.01).all() and (expected != 0).any():
            return _say(False, "gap has the wrong sign: take the target role's rating minus "
                               "yours (positive where you have room to grow).")
        off = [c for c in COMPETENCY_IDS if abs(values[c] - expected[c]) >= 0.01]
        if off:
            return _say(False, f"gap differs from the target role's profile minus your saved "
                               f"ratings for {len(off)} competencies, e.g. {off[0]!r}; "
                               f"recompute it from profile(target_role.value) and "
                               f"ratings.value.")
        return _say(True, f"gap: the target role's rating minus yours for all "
                          f"{len(COMPETENCY_IDS)} competencies; {int((values > 0).sum())} "
                          f"of them positive.")
    return _say(True, f"gap: one number per competency; {int((values > 0).sum())} of them "
                      f"positive. Rate yourself and pick a role to have it checked against "
                      f"them.")


@never_raises
def check_plan(plan: object, ratings: object = None, target: object = None) -> bool:
    """Report problems with a development plan's form and, if possible, its coverage.

    Given the learner's ratings and target role, it checks that the plan takes exactly one
    action for each of their top gaps (those follow from data on the learner's screen).
    """
    if isinstance(plan, tuple):
        plan = list(plan)
    problems = plan_problems(plan, COMPETENCY_IDS)
    for problem in problems:
        _say(False, problem)
    if problems:
        return False
    own = _own(ratings, target)
    if own is None:
        return _say(True, f"plan: {plural(len(plan), 'action')}, each with a competency, a measure "
                          f"with a number and a date. Rate yourself and pick a role to have "
                          f"its coverage checked.")
    top = top_gaps(*own)
    count = pd.Series([a.get("competency") for a in plan], dtype=object).value_counts()
    uncovered = [c for c in top if count.get(c, 0) == 0]
    doubled = [c for c in top if count.get(c, 0) > 1]
    others = sorted({str(c) for c in count.index if c not in top})
    if uncovered or doubled or others:
        parts = []
        if uncovered:
            parts.append(f"no action yet for {', '.join(uncovered)}")
        if doubled:
            parts.append(f"more than one action for {', '.join(doubled)}")
        if others:
            parts.append(f"actions for {', '.join(others)}, not among your top gaps")
        return _say(False, f"plan: your top gaps are {', '.join(top) or 'none'}; "
                           f"{'; '.join(parts)}. Take exactly one action per top gap.")
    return _say(True, f"plan: one action for each of your {plural(len(top), 'top gap')}, each "
                      f"measurable and dated. How well the actions fit is reviewed by hand.")


@never_raises
def check_case(case: object) -> bool:
    """Report the form of a promotion case: three lists of competency ids and a verdict.

    Which ids belong in each list is graded after submission; this never says.
    """
    keys = ("top_gaps", "blockers", "tolerated")
    if not isinstance(case, Mapping):
        return _say(False, "case should be a dictionary with the keys top_gaps, blockers, "
                           "tolerated and verdict.")
    ok = True
    for key in keys:
        value = case.get(key)
        if isinstance(value, (set, tuple, pd.Index)):
            value = list(value)
        fine = isinstance(value, list) and all(str(v) in COMPETENCY_IDS for v in value)
        ok &= _say(fine, f"case[{key!r}]: " + ("a list of competency ids." if fine else
                                               "missing, not a list, or holds something "
                                               "that is not a competency id."))
    fine = case.get("verdict") in ("ready", "not-yet")
    ok &= _say(fine, "case['verdict']: " + ("ready or not-yet." if fine else
                                            "should be \"ready\" or \"not-yet\"."))
    return ok


@never_raises
def check_case_plan(plan: object) -> bool:
    """Report the form of a promotion plan: actions with a competency, numeric evidence, a date.

    Whether the actions cover the right gaps is graded after submission; this never says.
    """
    if isinstance(plan, tuple):
        plan = list(plan)
    if not isinstance(plan, list) or not plan or not all(isinstance(a, Mapping) for a in plan):
        return _say(False, "noor_plan should be a non-empty list of actions (dictionaries).")
    ok = True
    for number, action in enumerate(plan, start=1):
        problems = []
        if str(action.get("competency")) not in COMPETENCY_IDS:
            problems.append("its competency is not a competency id")
        if not str(action.get("action") or "").strip():
            problems.append("it has no action")
        if not is_measurable(action.get("evidence")):
            problems.append("its evidence holds no number")
        if not is_dated(action.get("due")):
            problems.append("its due date is not written YYYY-MM-DD")
        ok &= _say(not problems, f"action {number}: " + ("; ".join(problems) if problems else
                                                         "competency, evidence with a number "
                                                         "and a date."))
    return ok


def role_options() -> dict[str, str]:
    """Return ``{role id: name}`` of the ten roles, for a choice widget."""
    from .roles import roles

    names = roles(contrasts=False)["name"].to_dict()
    return {role: names[role] for role in ROLE_IDS}
