"""Scoring rules: how much of an exercise's points an answer earns, with a reason."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from course.forms import as_ids, as_mapping, as_scalar, as_table, label_key, lookup

__all__ = [
    "Score", "board_cut", "board_ranking", "bucket_credit", "exact", "named_overlap",
    "numbers_within", "overlap", "rank_agreement", "table_within",
]


#: Tolerances get this slack, so a value rounded to the precision a tolerance allows (0.125
#: rounded to 0.12 against abs 0.005, say) is not lost to floating point.
_SLACK = 1e-9


def _close(got: Any, expected: float, rel: float, abs_: float) -> bool:
    """Whether ``got`` (any number-like, a one-element Series too) is within tolerance."""
    try:
        got = float(as_scalar(got))
    except (TypeError, ValueError):
        return False
    return math.isfinite(got) and math.isclose(got, float(expected), rel_tol=rel + _SLACK,
                                               abs_tol=abs_ + _SLACK)


def _same(got: Any, expected: Any) -> bool:
    """Whether ``got`` equals ``expected``; texts compare as labels (case, spaces, - and _)."""
    got = as_scalar(got)
    if isinstance(expected, str):
        return isinstance(got, str) and label_key(got) == label_key(expected)
    try:
        return bool(got == expected)
    except (TypeError, ValueError):
        return False


@dataclass(frozen=True)
class Score:
    """A fraction of the points in [0, 1] and a plain-words reason that reveals no answer."""

    fraction: float
    reason: str

    def points(self, out_of: float) -> float:
        """Return the points earned out of ``out_of``, rounded to hundredths."""
        return round(max(0.0, min(1.0, self.fraction)) * out_of, 2)


def rank_agreement(answer: Sequence[str], reference: Sequence[str]) -> Score:
    """Score an order by weighted Kendall tau against ``reference``; the top counts most.

    Uses :func:`scipy.stats.weightedtau` with hyperbolic weights on the reference rank;
    a negative agreement scores 0.
    """
    from scipy.stats import weightedtau

    answer, reference = [str(a) for a in answer], [str(r) for r in reference]
    if sorted(answer) != sorted(reference) or len(set(answer)) != len(answer):
        return Score(0.0, "The ranking does not list every item exactly once.")
    position = {item: i for i, item in enumerate(answer)}
    n = len(reference)
    ref_importance = [float(n - i) for i in range(n)]
    ans_importance = [float(n - position[item]) for item in reference]
    tau = float(weightedtau(ref_importance, ans_importance, rank=None).statistic)
    if math.isnan(tau):
        tau = 0.0
    if list(answer) == list(reference):
        return Score(1.0, "Your ranking matches the reference ranking.")
    return Score(max(0.0, tau), f"Rank agreement with the reference: {tau:.2f} (1 is perfect).")


def _board_order(value: Any) -> list[str] | None:
    """The order a ranking board saved (``{"order": [...], "cut": n}``), or None."""
    if not isinstance(value, dict) or not isinstance(value.get("order"), list):
        return None
    return value["order"]


def board_ranking(value: Any, reference: Sequence[str]) -> Score:
    """Score a ranking board's saved order by :func:`rank_agreement` with ``reference``."""
    order = _board_order(value)
    if order is None:
        return Score(0.0, "The saved ranking is not in the expected form.")
    return rank_agreement(order, reference)


def board_cut(value: Any, funded: frozenset[str]) -> Score:
    """Score a ranking board's cut line: the items above it must be exactly ``funded``."""
    order = _board_order(value)
    if order is None:
        return Score(0.0, "The saved ranking is not in the expected form.")
    cut = value.get("cut")
    if not isinstance(cut, int) or isinstance(cut, bool) or cut < 1:
        return Score(0.0, "No cut line was drawn.")
    return exact(frozenset(order[:cut]), funded, "funded set")


def exact(answer: Any, reference: Any, what: str = "answer") -> Score:
    """Score 1 when ``answer`` equals ``reference``, else 0."""
    if answer == reference:
        return Score(1.0, f"Your {what} is right.")
    return Score(0.0, f"Your {what} is not the expected one.")


def overlap(answer: Mapping[str, Any], reference: Mapping[str, Any], what: str = "rows") -> Score:
    """Score the share of ``reference`` keys that ``answer`` maps to the same value.

    ``answer`` may be a dict or a Series; keys and text values are compared as labels, so
    ``"Cash cow "`` matches ``"cash_cow"``.
    """
    answer = as_mapping(answer)
    if answer is None:
        return Score(0.0, "The answer is not a mapping of rows to choices.")
    if not reference:
        raise ValueError("overlap needs a non-empty reference")
    right = sum(1 for key, value in reference.items() if _same(lookup(answer, key), value))
    return Score(right / len(reference), f"{right} of {len(reference)} {what} right.")


def numbers_within(
    answer: Mapping[str, Any], reference: Mapping[str, float], *, rel: float = 0.0,
    abs_: float = 0.0, what: str = "values",
) -> Score:
    """Score the share of reference numbers the answer matches within a tolerance.

    ``answer`` may be a dict, a Series or a one-column DataFrame; keys are compared as
    labels, and a one-element Series or array stands for its number.
    """
    if not reference:
        raise ValueError("numbers_within needs a non-empty reference")
    answer = as_mapping(answer) or {}
    right = sum(1 for key, expected in reference.items()
                if _close(lookup(answer, str(key)), expected, rel, abs_))
    return Score(right / len(reference), f"{right} of {len(reference)} {what} within tolerance.")


def bucket_credit(
    answer: Mapping[str, Any], reference: Mapping[str, str], what: str = "buckets"
) -> Score:
    """Score a bucketing ``{item: bucket}`` bucket by bucket: the mean Jaccard overlap.

    For every bucket used by the reference or the answer, the items the answer puts there
    are compared with the items the reference puts there (shared / either); the score is
    the mean over those buckets. Items the answer leaves out count in no bucket.
    """
    if not isinstance(answer, Mapping):
        return Score(0.0, "The answer is not a mapping of items to buckets.")
    if not reference:
        raise ValueError("bucket_credit needs a non-empty reference")
    answer = {str(k): v for k, v in answer.items() if str(k) in reference}
    buckets = sorted({*reference.values(), *(str(v) for v in answer.values())})
    credits = []
    for bucket in buckets:
        ref = {item for item, b in reference.items() if b == bucket}
        got = {item for item, b in answer.items() if str(b) == bucket}
        credits.append(len(ref & got) / len(ref | got))
    whole = sum(1 for c in credits if c == 1.0)
    fraction = sum(credits) / len(credits)
    return Score(fraction, f"{whole} of {len(credits)} {what} exactly right; "
                           f"mean overlap per bucket {fraction:.2f}.")


def named_overlap(answer: Any, reference: Sequence[str], what: str = "items") -> Score:
    """Score the share of ``reference`` named among the first ``len(reference)`` answers.

    Only that many distinct names count, so listing everything earns no more than guessing.
    Any collection of ids works (list, tuple, set, array, pandas Index, a Series of scores
    indexed by id); ids are compared as labels.
    """
    ids = as_ids(answer)
    if ids is None:
        return Score(0.0, f"The answer should be a list of {what}.")
    if not reference:
        raise ValueError("named_overlap needs a non-empty reference")
    named: list[str] = []
    for item in ids:
        if label_key(item) not in named:
            named.append(label_key(item))
    counted = named[: len(reference)]
    right = len(set(counted) & {label_key(r) for r in reference})
    note = f" (only the first {len(reference)} count)" if len(named) > len(reference) else ""
    return Score(right / len(reference), f"{right} of {len(reference)} {what} named{note}.")


def table_within(
    answer: Any, reference: Any, tolerances: Mapping[str, tuple[float, float]],
    what: str = "cells",
) -> Score:
    """Score the share of a reference table's cells the answer matches within tolerance.

    ``reference`` is a DataFrame; ``tolerances`` maps each graded column to ``(rel, abs)``
    tolerances. The answer is read with :func:`course.feedback.as_table`: rows are matched by
    label compared as text (so a quarter Period and its text both match, and index levels
    may come in another order), ids may sit in a column instead of the index, the table may
    be transposed and column names may differ in case. Cells whose reference is missing
    (NaN) are not graded. A missing row, column or non-number earns nothing for that cell.
    """
    import pandas as pd

    if not isinstance(reference, pd.DataFrame) or not tolerances:
        raise ValueError("table_within needs a reference DataFrame and column tolerances")
    table = as_table(answer, list(reference.index), list(tolerances))
    if table is None:
        return Score(0.0, f"The answer is not a table (got {type(answer).__name__}).")
    right = total = 0
    for column, (rel, abs_) in tolerances.items():
        for key, expected in reference[column].items():
            if not math.isfinite(float(expected)):
                continue
            total += 1
            if column in table.columns and key in table.index:
                right += _close(table.loc[key, column], expected, rel, abs_)
    if total == 0:
        raise ValueError("table_within: the reference has no cell to grade")
    return Score(right / total, f"{right} of {total} {what} within tolerance.")
