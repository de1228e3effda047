"""Portfolio finance: ROI, NPV, payback, the growth-share matrix and weighted scoring.

Cash flows are yearly, year 0 first (the investment, usually negative). Rates and
growth figures are fractions (0.10 for 10%).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from numbers import Real

import pandas as pd

from ._checks import ScenarioError, kind_of, require_columns, require_frame, require_numeric

__all__ = [
    "QUADRANTS",
    "cash_flow_columns",
    "growth_share",
    "growth_share_table",
    "npv",
    "payback_period",
    "project_table",
    "roi",
    "weighted_scores",
]

#: The four cells of the growth-share matrix.
QUADRANTS = ("star", "cash_cow", "question_mark", "dog")


def _number(value: object, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, Real) or not math.isfinite(value):
        raise ScenarioError(f"{name} must be a finite number, got {value!r}.")
    return float(value)


def _flows(cashflows: Sequence[float]) -> list[float]:
    if isinstance(cashflows, (str, bytes)) or not isinstance(cashflows, (Sequence, pd.Series)):
        raise ScenarioError(
            "Cash flows are a list of yearly amounts, year 0 first (for example "
            f"[-100, 30, 40, 50]); got {kind_of(cashflows)}."
        )
    flows = [_number(v, f"Cash flow of year {t}") for t, v in enumerate(list(cashflows))]
    if len(flows) < 2:
        raise ScenarioError("Cash flows need year 0 and at least one later year.")
    return flows


def _rate(rate: object) -> float:
    rate = _number(rate, "The discount rate")
    if rate >= 1:
        raise ScenarioError(
            f"The discount rate is a fraction: write {rate / 100:g} for {rate:g}%, not {rate:g}."
        )
    if rate <= -1:
        raise ScenarioError(f"A discount rate of {rate:g} is not possible; it must be above -1.")
    return rate


def npv(cashflows: Sequence[float], rate: float) -> float:
    """Return the net present value: each year's flow divided by (1 + rate) ** year, summed."""
    rate = _rate(rate)
    return float(sum(flow / (1.0 + rate) ** year for year, flow in enumerate(_flows(cashflows))))


def payback_period(cashflows: Sequence[float]) -> float:
    """Return the years until the cumulative cash flow reaches zero (``math.inf``: never).

    Within the year it turns, the flow is taken as even: a project down 20 at the end of
    year 2 that earns 40 in year 3 pays back after 2.5 years.
    """
    flows = _flows(cashflows)
    total = flows[0]
    if total >= 0:
        return 0.0
    for year, flow in enumerate(flows[1:], start=1):
        if total + flow >= 0:
            return float(year - 1 + (-total) / flow)
        total += flow
    return math.inf


def roi(gain: float, cost: float) -> float:
    """Return the return on investment: (gain - cost) / cost."""
    gain, cost = _number(gain, "The gain"), _number(cost, "The cost")
    if cost <= 0:
        raise ScenarioError(f"The cost must be above zero to compute an ROI, got {cost:g}.")
    return (gain - cost) / cost


def cash_flow_columns(frame: pd.DataFrame, prefix: str = "cf_") -> list[str]:
    """Return the yearly cash-flow columns ``cf_1``, ``cf_2``... of ``frame``, in year order."""
    found = []
    year = 1
    while f"{prefix}{year}" in frame.columns:
        found.append(f"{prefix}{year}")
        year += 1
    if not found:
        raise ScenarioError(
            f"The projects table needs yearly cash-flow columns {prefix}1, {prefix}2, ...; it "
            f"has {', '.join(map(str, frame.columns))}."
        )
    return found


def project_table(projects: pd.DataFrame, rate: float) -> pd.DataFrame:
    """Return ``npv``, ``payback`` (years) and ``roi`` for each project.

    ``projects`` has an ``investment`` column (a positive amount spent in year 0) and yearly
    inflows ``cf_1``, ``cf_2``...; ROI compares the undiscounted inflows with the investment.
    """
    what = "The projects table"
    frame = require_frame(projects, what)
    require_columns(frame, ["investment"], what)
    investment = require_numeric(frame, "investment", what, positive=True)
    columns = cash_flow_columns(frame)
    inflows = {c: require_numeric(frame, c, what) for c in columns}
    rows = {}
    for row in frame.index:
        flows = [-investment[row], *(inflows[c][row] for c in columns)]
        rows[row] = {
            "npv": npv(flows, rate),
            "payback": payback_period(flows),
            "roi": roi(sum(flows[1:]), investment[row]),
        }
    return pd.DataFrame.from_dict(rows, orient="index").rename_axis(frame.index.name)


def growth_share(market_growth: float, relative_share: float, *,
                 growth_cut: float = 0.10, share_cut: float = 1.0) -> str:
    """Return the growth-share quadrant: star, cash_cow, question_mark or dog.

    Growth at or above ``growth_cut`` is high; a relative share (your share divided by the
    largest rival's) at or above ``share_cut`` is high.
    """
    growth = _number(market_growth, "Market growth")
    share = _number(relative_share, "Relative market share")
    if growth > 2:
        raise ScenarioError(
            f"Market growth is a fraction: write {growth / 100:g} for {growth:g}%, not {growth:g}."
        )
    if share < 0:
        raise ScenarioError(f"A relative market share cannot be negative, got {share:g}.")
    high_growth, high_share = growth >= growth_cut, share >= share_cut
    if high_growth:
        return "star" if high_share else "question_mark"
    return "cash_cow" if high_share else "dog"


def growth_share_table(lines: pd.DataFrame, *, growth_cut: float = 0.10,
                       share_cut: float = 1.0) -> pd.Series:
    """Return the quadrant of each product line from ``market_growth`` and ``relative_share``."""
    what = "The product lines"
    frame = require_frame(lines, what)
    require_columns(frame, ["market_growth", "relative_share"], what)
    growth = require_numeric(frame, "market_growth", what)
    share = require_numeric(frame, "relative_share", what, nonnegative=True)
    return pd.Series(
        {row: growth_share(growth[row], share[row], growth_cut=growth_cut, share_cut=share_cut)
         for row in frame.index}, name="quadrant", dtype=object,
    ).rename_axis(frame.index.name)


def weighted_scores(candidates: pd.DataFrame, weights: Mapping[str, float], *,
                    tolerance: float = 1e-6) -> pd.Series:
    """Return each candidate's weighted score: the sum of criterion score times weight.

    ``weights`` names every criterion (a column of ``candidates``) with a weight of zero
    or more; the weights add up to 1.
    """
    what = "The candidates table"
    frame = require_frame(candidates, what)
    if not isinstance(weights, Mapping) or not weights:
        raise ScenarioError(
            "The weights are a dictionary from criterion to weight, for example "
            '{"strategic_fit": 0.4, ...}; got ' + kind_of(weights) + "."
        )
    require_columns(frame, list(weights), what)
    clean = {str(k): _number(v, f"The weight of {k!r}") for k, v in weights.items()}
    negative = [k for k, v in clean.items() if v < 0]
    if negative:
        raise ScenarioError(f"Weights cannot be negative: {', '.join(negative)}.")
    total = sum(clean.values())
    if not math.isclose(total, 1.0, abs_tol=tolerance):
        raise ScenarioError(
            f"The weights add up to {total:g}; they must add up to 1 (divide each by {total:g})."
        )
    score = pd.Series(0.0, index=frame.index)
    for criterion, weight in clean.items():
        score = score + require_numeric(frame, criterion, what) * weight
    return score.rename("score")
