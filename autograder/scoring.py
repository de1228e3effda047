"""Scoring rules: how much of an exercise's points an answer earns, with a reason."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = [
    "Score", "bucket_credit", "exact", "named_overlap", "numbers_within", "overlap",
    "rank_agreement", "table_within",
]


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


def exact(answer: Any, reference: Any, what: str = "answer") -> Score:
    """Score 1 when ``answer`` equals ``reference``, else 0."""
    if answer == reference:
        return Score(1.0, f"Your {what} is right.")
    return Score(0.0, f"Your {what} is not the expected one.")


def overlap(answer: Mapping[str, Any], reference: Mapping[str, Any], what: str = "rows") -> Score:
    """Score the share of ``reference`` keys that ``answer`` maps to the same value."""
    if not isinstance(answer, Mapping):
        return Score(0.0, "The answer is not a mapping of rows to choices.")
    if not reference:
        raise ValueError("overlap needs a non-empty reference")
    right = sum(1 for key, value in reference.items() if answer.get(key) == value)
    return Score(right / len(reference), f"{right} of {len(reference)} {what} right.")


def numbers_within(
    answer: Mapping[str, Any], reference: Mapping[str, float], *, rel: float = 0.0,
    abs_: float = 0.0, what: str = "values",
) -> Score:
    """Score the share of reference numbers the answer matches within a tolerance."""
    if not reference:
        raise ValueError("numbers_within needs a non-empty reference")
    right = 0
    for key, expected in reference.items():
        got = answer.get(key) if isinstance(answer, Mapping) else None
        try:
            got = float(got)
        except (TypeError, ValueError):
            continue
        if math.isfinite(got) and math.isclose(got, expected, rel_tol=rel, abs_tol=abs_):
            right += 1
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
    """
    if isinstance(answer, (str, bytes)) or not isinstance(answer, (Sequence, set, frozenset)):
        return Score(0.0, f"The answer should be a list of {what}.")
    if not reference:
        raise ValueError("named_overlap needs a non-empty reference")
    named: list[str] = []
    for item in (sorted(answer, key=str) if isinstance(answer, (set, frozenset)) else answer):
        if str(item) not in named:
            named.append(str(item))
    counted = named[: len(reference)]
    right = len(set(counted) & {str(r) for r in reference})
    note = f" (only the first {len(reference)} count)" if len(named) > len(reference) else ""
    return Score(right / len(reference), f"{right} of {len(reference)} {what} named{note}.")


def table_within(
    answer: Any, reference: Any, tolerances: Mapping[str, tuple[float, float]],
    what: str = "cells",
) -> Score:
    """Score the share of a reference table's cells the answer matches within tolerance.

    ``reference`` is a DataFrame; ``tolerances`` maps each graded column to ``(rel, abs)``
    tolerances. Answer rows are matched by index label (compared as text, so a quarter
    Period and its text both match); cells whose reference is missing (NaN) are not graded.
    A missing row, column or non-number earns nothing for that cell.
    """
    import pandas as pd

    if not isinstance(reference, pd.DataFrame) or not tolerances:
        raise ValueError("table_within needs a reference DataFrame and column tolerances")
    if not isinstance(answer, pd.DataFrame):
        return Score(0.0, f"The answer is not a table (got {type(answer).__name__}).")

    def label(key: Any) -> str:
        return "|".join(map(str, key)) if isinstance(key, tuple) else str(key)

    rows = {label(k): i for i, k in enumerate(answer.index)}
    right = total = 0
    for column, (rel, abs_) in tolerances.items():
        for key, expected in reference[column].items():
            if not math.isfinite(float(expected)):
                continue
            total += 1
            position = rows.get(label(key))
            if position is None or column not in answer.columns:
                continue
            try:
                got = float(answer[column].iloc[position])
            except (TypeError, ValueError):
                continue
            if math.isfinite(got) and math.isclose(got, float(expected), rel_tol=rel,
                                                   abs_tol=abs_):
                right += 1
    if total == 0:
        raise ValueError("table_within: the reference has no cell to grade")
    return Score(right / total, f"{right} of {total} {what} within tolerance.")
