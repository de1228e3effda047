"""Prioritization models: scores, rankings, MoSCoW buckets and Kano categories.

RICE, ICE, WSJF and weighted scoring score a backlog; a ranking is checked against a
capacity (the cut line); MoSCoW buckets are measured against a capacity; Kano categories
and better/worse coefficients come from paired survey answers.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from numbers import Integral

import pandas as pd

from ._checks import ScenarioError, kind_of, require_columns, require_frame, require_numeric

__all__ = [
    "CONFIDENCE_SCALE",
    "ICE_RANGE",
    "IMPACT_SCALE",
    "KANO_ANSWERS",
    "KANO_CATEGORIES",
    "KANO_TABLE",
    "MOSCOW",
    "MUST_SHARE",
    "WSJF_PARTS",
    "CutLine",
    "MoscowPlan",
    "check_buckets",
    "check_order",
    "cost_of_delay",
    "cut_line",
    "longest_fit",
    "ice",
    "kano",
    "kano_category",
    "moscow",
    "rice",
    "weighted_score",
    "wsjf",
]

#: Impact scale used with RICE: massive, high, medium, low, minimal.
IMPACT_SCALE = (3.0, 2.0, 1.0, 0.5, 0.25)
#: Confidence scale used with RICE, as fractions: high, medium, low.
CONFIDENCE_SCALE = (1.0, 0.8, 0.5)


def rice(backlog: pd.DataFrame) -> pd.Series:
    """Return the RICE score (reach x impact x confidence / effort) of every backlog item."""
    frame = require_frame(backlog, "The backlog")
    require_columns(frame, ["reach", "impact", "confidence", "effort"], "The backlog")
    reach = require_numeric(frame, "reach", "The backlog", nonnegative=True)
    impact = require_numeric(frame, "impact", "The backlog", allowed=IMPACT_SCALE)
    raw = pd.to_numeric(frame["confidence"], errors="coerce")
    if (raw > 1).any():
        row = frame.index[(raw > 1).to_numpy()][0]
        raise ScenarioError(
            f"The backlog: row {row!r} has confidence = {raw[row]:g}; confidence is a fraction "
            f"(1.0, 0.8 or 0.5), so write {raw[row] / 100:g} instead of {raw[row]:g}."
        )
    confidence = require_numeric(frame, "confidence", "The backlog", allowed=CONFIDENCE_SCALE)
    effort = require_numeric(frame, "effort", "The backlog", positive=True)
    return (reach * impact * confidence / effort).rename("rice")


def check_order(order: Sequence[str], items: Sequence[str]) -> list[str]:
    """Return ``order`` as a list if it ranks each of ``items`` exactly once, else raise."""
    if isinstance(order, (str, bytes)) or not isinstance(order, Sequence):
        raise ScenarioError(
            f"A ranking must be a list of item ids, got {kind_of(order)}."
        )
    order = [str(o) for o in order]
    unknown = [o for o in order if o not in set(items)]
    if unknown:
        raise ScenarioError(
            f"The ranking names {'an item' if len(unknown) == 1 else 'items'} not in the "
            f"backlog: {', '.join(map(repr, unknown))}."
        )
    seen: set[str] = set()
    twice = [o for o in order if o in seen or seen.add(o)]
    if twice:
        raise ScenarioError(
            f"The ranking lists {', '.join(map(repr, sorted(set(twice))))} more than once; "
            f"each item goes in exactly one place."
        )
    missing = [i for i in items if i not in seen]
    if missing:
        raise ScenarioError(
            f"The ranking leaves out {', '.join(map(repr, missing))}; rank every item."
        )
    return order


@dataclass(frozen=True)
class CutLine:
    """What a ranking funds under a capacity: the items above the line and their cost."""

    funded: tuple[str, ...]
    used: float
    capacity: float

    @property
    def fits(self) -> bool:
        """Whether the funded items fit within the capacity."""
        return self.used <= self.capacity + 1e-9


def longest_fit(order: Sequence[str], effort: pd.Series | Mapping[str, float],
                capacity: float) -> int:
    """Return how many items from the top of ``order`` fit within ``capacity``.

    Funding goes down the list and stops at the first item that no longer fits: a cut line
    funds a top of the list, it does not skip ahead to smaller items.
    """
    used, count = 0.0, 0
    for item in order:
        used += float(effort[item])
        if used > capacity + 1e-9:
            break
        count += 1
    return count


def cut_line(order: Sequence[str], effort: pd.Series, capacity: float, cut: int) -> CutLine:
    """Evaluate funding the first ``cut`` items of ``order`` against ``capacity``."""
    order = check_order(order, [str(i) for i in effort.index])
    if not isinstance(cut, Integral) or isinstance(cut, bool) or not 0 <= cut <= len(order):
        raise ScenarioError(
            f"The cut line must be a whole number from 0 to {len(order)}, got {cut!r}."
        )
    effort = effort.rename(index=str)
    cut = int(cut)
    funded = tuple(order[:cut])
    return CutLine(funded, float(effort.loc[list(funded)].sum()), float(capacity))


# -- ICE, WSJF, weighted scoring ----------------------------------------------------------

#: ICE factors are each rated on a 1 to 10 scale.
ICE_RANGE = (1.0, 10.0)
#: The three parts of the cost of delay in WSJF, as column names.
WSJF_PARTS = ("business_value", "time_criticality", "risk_reduction")


def ice(backlog: pd.DataFrame, *, impact: str = "impact", confidence: str = "confidence",
        ease: str = "ease") -> pd.Series:
    """Return the ICE score (impact x confidence x ease, each rated 1-10) of every item.

    The column names can be changed (e.g. ``impact="ice_impact"``) when a backlog also
    holds RICE estimates under the usual names.
    """
    frame = require_frame(backlog, "The backlog")
    require_columns(frame, [impact, confidence, ease], "The backlog")
    parts = [
        require_numeric(frame, column, "The backlog (ICE ratings are 1 to 10)", between=ICE_RANGE)
        for column in (impact, confidence, ease)
    ]
    return (parts[0] * parts[1] * parts[2]).rename("ice")


def cost_of_delay(backlog: pd.DataFrame) -> pd.Series:
    """Return the cost of delay: business value + time criticality + risk reduction."""
    frame = require_frame(backlog, "The backlog")
    require_columns(frame, WSJF_PARTS, "The backlog")
    total = sum(
        require_numeric(frame, column, "The backlog", nonnegative=True) for column in WSJF_PARTS
    )
    zero = total <= 0
    if zero.any():
        row = frame.index[zero.to_numpy()][0]
        raise ScenarioError(
            f"The backlog: row {row!r} has no cost of delay (business value, time criticality "
            f"and risk reduction are all 0); rate at least one of them above zero."
        )
    return total.rename("cost_of_delay")


def wsjf(backlog: pd.DataFrame, *, job_size: str = "job_size") -> pd.Series:
    """Return WSJF = cost of delay / job size for every item (higher goes first)."""
    delay = cost_of_delay(backlog)
    require_columns(backlog, [job_size], "The backlog")
    size = require_numeric(backlog, job_size, "The backlog", positive=True)
    return (delay / size).rename("wsjf")


def weighted_score(options: pd.DataFrame, weights: Mapping[str, float]) -> pd.Series:
    """Return the weighted score of each row: sum of criterion x weight over the weights' sum.

    ``weights`` maps criterion columns to non-negative weights (they need not add up to 1;
    they are normalised), so the score stays on the scale of the ratings.
    """
    frame = require_frame(options, "The options")
    if not isinstance(weights, Mapping) or not weights:
        raise ScenarioError(
            "The weights must be a dictionary like {'criterion': weight, ...} naming at "
            "least one criterion column."
        )
    require_columns(frame, list(weights), "The options")
    clean: dict[str, float] = {}
    for criterion, weight in weights.items():
        try:
            value = float(weight)
        except (TypeError, ValueError):
            raise ScenarioError(
                f"The weight of {criterion!r} is {weight!r}, not a number; give a number."
            ) from None
        if not math.isfinite(value) or value < 0:
            raise ScenarioError(
                f"The weight of {criterion!r} is {weight!r}; weights must be zero or positive."
            )
        clean[criterion] = value
    total = sum(clean.values())
    if total <= 0:
        raise ScenarioError("All weights are zero; give at least one criterion a weight.")
    score = sum(
        require_numeric(frame, criterion, "The options") * (weight / total)
        for criterion, weight in clean.items()
    )
    return pd.Series(score, index=frame.index, name="weighted_score")


# -- MoSCoW under a capacity --------------------------------------------------------------

#: MoSCoW buckets, in order: must have, should have, could have, won't have (this time).
MOSCOW = ("must", "should", "could", "wont")
#: The largest share of the capacity must-haves should take (the usual rule of thumb).
MUST_SHARE = 0.6


def check_buckets(value: object, items: Sequence[str], buckets: Sequence[str]) -> dict[str, str]:
    """Return ``value`` as ``{item: bucket}`` if every key is an item and every value a bucket.

    Items may be left out (an answer in progress); unknown items or buckets raise.
    """
    if not isinstance(value, Mapping):
        raise ScenarioError(
            f"A bucketing maps each item id to a bucket, like {{'A': '{buckets[0]}'}}; "
            f"got {kind_of(value)}."
        )
    known = {str(i) for i in items}
    answer: dict[str, str] = {}
    for item, bucket in value.items():
        if str(item) not in known:
            raise ScenarioError(
                f"{item!r} is not an item of this exercise; use one of {', '.join(sorted(known))}."
            )
        if bucket not in buckets:
            raise ScenarioError(
                f"{bucket!r} (for {item!r}) is not a bucket; use one of {', '.join(buckets)}."
            )
        answer[str(item)] = str(bucket)
    return answer


@dataclass(frozen=True)
class MoscowPlan:
    """A MoSCoW bucketing measured against a capacity."""

    effort: dict[str, float]
    capacity: float
    must_share: float

    @property
    def must_limit(self) -> float:
        """The most effort the must-haves may take."""
        return self.capacity * self.must_share

    @property
    def planned(self) -> float:
        """The effort of everything planned (must, should and could)."""
        return sum(self.effort.get(b, 0.0) for b in ("must", "should", "could"))

    @property
    def problems(self) -> list[str]:
        """Plain-words reasons the plan does not fit (empty when it does)."""
        found = []
        if self.effort.get("must", 0.0) > self.must_limit + 1e-9:
            found.append(
                f"the must-haves take {self.effort['must']:g} of {self.capacity:g}, more than "
                f"{self.must_share:.0%} ({self.must_limit:g}); move some to should or could"
            )
        if self.planned > self.capacity + 1e-9:
            found.append(
                f"must, should and could together take {self.planned:g}, more than the "
                f"capacity of {self.capacity:g}; move some coulds to won't"
            )
        return found

    @property
    def fits(self) -> bool:
        """Whether the plan respects both the must-have share and the capacity."""
        return not self.problems


def moscow(buckets: Mapping[str, str], effort: pd.Series, capacity: float,
           must_share: float = MUST_SHARE) -> MoscowPlan:
    """Measure a MoSCoW bucketing ``{item: bucket}`` against ``capacity``.

    Items left out count in no bucket. ``effort`` is indexed by item id.
    """
    if not isinstance(effort, pd.Series) or effort.empty:
        raise ScenarioError("MoSCoW needs the effort of each item as a non-empty Series.")
    try:
        capacity = float(capacity)
    except (TypeError, ValueError):
        raise ScenarioError(f"The capacity must be a number, got {capacity!r}.") from None
    if not math.isfinite(capacity) or capacity <= 0:
        raise ScenarioError(f"The capacity must be greater than zero, got {capacity!r}.")
    if not 0 < must_share <= 1:
        raise ScenarioError(f"must_share is a fraction between 0 and 1, got {must_share!r}.")
    frame = effort.rename(index=str).to_frame("effort")
    sizes = require_numeric(frame, "effort", "The effort", positive=True)
    plan = check_buckets(buckets, list(frame.index), MOSCOW)
    used = {b: 0.0 for b in MOSCOW}
    for item, bucket in plan.items():
        used[bucket] += float(sizes[item])
    return MoscowPlan(used, capacity, float(must_share))


# -- Kano ---------------------------------------------------------------------------------

#: Answers to a Kano question pair, from most to least pleased.
KANO_ANSWERS = ("like", "expect", "neutral", "tolerate", "dislike")
#: Kano categories (the evaluation table's letters: M, O, A, I, R, Q).
KANO_CATEGORIES = ("must-be", "performance", "attractive", "indifferent", "reverse",
                   "questionable")
_M, _O, _A, _I, _R, _Q = KANO_CATEGORIES
#: The Kano evaluation table: functional answer (row) x dysfunctional answer (column).
KANO_TABLE: dict[str, dict[str, str]] = {
    "like": dict(zip(KANO_ANSWERS, (_Q, _A, _A, _A, _O), strict=True)),
    "expect": dict(zip(KANO_ANSWERS, (_R, _I, _I, _I, _M), strict=True)),
    "neutral": dict(zip(KANO_ANSWERS, (_R, _I, _I, _I, _M), strict=True)),
    "tolerate": dict(zip(KANO_ANSWERS, (_R, _I, _I, _I, _M), strict=True)),
    "dislike": dict(zip(KANO_ANSWERS, (_R, _R, _R, _R, _Q), strict=True)),
}
#: How a tie between the most frequent categories is broken (the usual M > O > A > I).
KANO_TIE_ORDER = (_M, _O, _A, _I, _R)


def kano_category(functional: str, dysfunctional: str) -> str:
    """Return the Kano category of one respondent's answer pair."""
    for name, answer in (("functional", functional), ("dysfunctional", dysfunctional)):
        if answer not in KANO_ANSWERS:
            raise ScenarioError(
                f"{answer!r} is not a Kano answer for the {name} question; use one of "
                f"{', '.join(KANO_ANSWERS)}."
            )
    return KANO_TABLE[functional][dysfunctional]


def kano(survey: pd.DataFrame, *, feature: str = "feature", functional: str = "functional",
         dysfunctional: str = "dysfunctional") -> pd.DataFrame:
    """Classify each feature of a Kano survey; one row per feature.

    Columns: the count of each category, ``category`` (the most frequent of must-be,
    performance, attractive, indifferent and reverse; ties broken M > O > A > I),
    ``better`` = (A + O) / (A + O + M + I) and ``worse`` = -(O + M) / (A + O + M + I).
    """
    frame = require_frame(survey, "The survey")
    require_columns(frame, [feature, functional, dysfunctional], "The survey")
    for column in (functional, dysfunctional):
        answers = frame[column].astype("string").str.strip().str.lower()
        bad = ~answers.isin(KANO_ANSWERS).fillna(False).to_numpy(dtype=bool)
        if bad.any():
            row = frame.index[bad][0]
            raise ScenarioError(
                f"The survey: row {row!r} has {frame.loc[row, column]!r} in {column!r}; "
                f"answers must be one of {', '.join(KANO_ANSWERS)}."
            )
    if frame[feature].isna().any():
        row = frame.index[frame[feature].isna().to_numpy()][0]
        raise ScenarioError(f"The survey: row {row!r} names no {feature!r}; fill it in.")
    pairs = pd.DataFrame({
        "feature": frame[feature].astype(str).to_numpy(),
        "category": [
            KANO_TABLE[f][d] for f, d in zip(
                frame[functional].astype(str).str.strip().str.lower(),
                frame[dysfunctional].astype(str).str.strip().str.lower(), strict=True)
        ],
    })
    counts = pd.crosstab(pairs["feature"], pairs["category"]).reindex(
        columns=list(KANO_CATEGORIES), fill_value=0
    )
    counts.columns.name = None
    counts.index.name = "feature"
    valid = counts[[_A, _O, _M, _I]].sum(axis=1)
    if (valid == 0).any():
        name = valid.index[(valid == 0).to_numpy()][0]
        raise ScenarioError(
            f"The survey: feature {name!r} has no answer that is must-be, performance, "
            f"attractive or indifferent, so its coefficients cannot be computed; check its rows."
        )
    table = counts.astype(int)
    table["category"] = [
        max(KANO_TIE_ORDER, key=lambda c, row=row: (row[c], -KANO_TIE_ORDER.index(c)))
        for _, row in counts.iterrows()
    ]
    table["better"] = (counts[_A] + counts[_O]) / valid
    table["worse"] = -(counts[_O] + counts[_M]) / valid
    return table
