"""Scoring rules: how much of an exercise's points an answer earns, with a reason."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = ["Score", "exact", "numbers_within", "overlap", "rank_agreement"]


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
