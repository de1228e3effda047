"""Module 04's scenarios per learner: the projects, the budget, the product lines, the draft.

The job postings (``m04_rungs``) describe the ladder and stay the same for everybody.

- ``m04_projects``: the same eight projects; each investment redrawn 85-120% of the base
  (to 10 $k), each yearly cash flow 75-130% of the base (to 5 $k; a year without cash
  stays without), until it pays back within the five years and its NPV at 10% is at least
  10 $k away from zero (the tablet edition usually destroys value, as in the base). Sound
  when no two NPVs are within 5 $k of each other and at least two paybacks
  sit 0.1 year or more away from a whole year (so counting whole years is visibly wrong).
- ``m04_budget``: the $k for new projects, 1,500 to 2,600 in steps of 50. Sound when
  taking the projects of positive NPV by NPV, largest first, skipping those that no longer
  fit, funds two to six of them and is beaten by at least 3% by swapping one of them for
  up to two others: a large project crowds out smaller ones, as the lesson says. The
  projects are redrawn until at least three budgets are sound.
- ``m04_product_lines``: the same seven lines; last year's revenue 80-125% of the base,
  this year's growth within 6 points of the base's, margins within 6 points, market
  growth within 8 points and relative share 60-160% of the base. Sound when every
  quadrant of the growth-share matrix holds a line, no line sits within 1.5 points of the
  growth cut or 0.1 of the share cut, Payments stays the largest line and a cash cow, the
  portfolio grows 2-15%, and the weighted margin differs from the plain average by at
  least 1 point.
- ``m04_summary_lines``: the same six draft sentences, each breaking the same rule (or
  none), with the numbers of this variant's product lines.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from course.variation import Draw

__all__ = ["VARIES", "budget", "product_lines", "projects", "summary_lines"]

RATE = 0.10  # the discount rate of lesson 1
YEARS = ["cf_1", "cf_2", "cf_3", "cf_4", "cf_5"]
GROWTH_CUT, SHARE_CUT = 0.10, 1.0  # the cut-offs of lesson 2


def projects(draw: Draw) -> pd.DataFrame:
    """The projects asking for money, in this variant."""
    base = draw.base()
    investment, flows = base["investment"].to_numpy(float), base[YEARS].to_numpy(float)
    for attempt in draw.attempts():
        rng = attempt.rng
        drawn = [_project(rng, investment[i], flows[i]) for i in range(len(base))]
        cost = np.array([d[0] for d in drawn])
        cash = np.array([d[1] for d in drawn])
        npv = _npv(cost, cash)
        fraction = np.array([_payback(c, f) for c, f in zip(cost, cash, strict=True)]) % 1
        if ((np.diff(np.sort(npv)) >= 5).all()
                and int(((fraction >= 0.1) & (fraction <= 0.9)).sum()) >= 2
                and len(_budgets(dict(zip(base.index, npv, strict=True)),
                                 dict(zip(base.index, cost, strict=True)), enough=3)) == 3):
            frame = base.copy()
            frame["investment"] = cost.astype(int)
            frame[YEARS] = cash.astype(int)
            return frame
    raise AssertionError("unreachable")  # attempts() raises first


def _npv(cost: np.ndarray, cash: np.ndarray) -> np.ndarray:
    """NPV at the lesson's rate of each project (investment in year 0, then the flows)."""
    discount = (1 + RATE) ** -np.arange(1, cash.shape[-1] + 1)
    return cash @ discount - cost


def _payback(cost: float, cash: np.ndarray) -> float:
    """Years until the cumulative flow turns positive (the part of a year counted)."""
    owed = cost
    for year, flow in enumerate(cash):
        if flow >= owed:
            return year + owed / flow
        owed -= flow
    return np.inf  # never within the five years


def _project(rng: Any, cost: float, cash: np.ndarray) -> tuple[float, np.ndarray]:
    """One project redrawn until it pays back within five years and its NPV is clear of 0."""
    while True:
        drawn_cost = float(round(cost * rng.uniform(0.85, 1.2), -1))
        drawn_cash = 5 * np.round(cash * rng.uniform(0.75, 1.3, size=len(cash)) / 5)
        if drawn_cash.sum() >= drawn_cost and abs(_npv(drawn_cost, drawn_cash)) >= 10:
            return drawn_cost, drawn_cash


def _greedy(npv: dict[str, float], cost: dict[str, float], money: float) -> list[str]:
    """Projects of positive NPV by NPV, largest first, skipping those that no longer fit."""
    chosen, spent = [], 0.0
    for project in sorted((p for p in npv if npv[p] > 0), key=lambda p: -npv[p]):
        if spent + cost[project] <= money:
            chosen.append(project)
            spent += cost[project]
    return chosen


def _best_swap(npv: dict[str, float], cost: dict[str, float], money: float,
               chosen: list[str]) -> float:
    """The most NPV reached by dropping one chosen project for up to two others that fit."""
    others = [p for p in npv if p not in chosen]
    extras = [(a,) for a in others] + [(a, b) for i, a in enumerate(others)
                                       for b in others[i + 1:]]
    total_npv, total_cost = sum(npv[p] for p in chosen), sum(cost[p] for p in chosen)
    best = total_npv
    for out in chosen:
        for extra in extras:
            spend = total_cost - cost[out] + sum(cost[p] for p in extra)
            if spend <= money:
                best = max(best, total_npv - npv[out] + sum(npv[p] for p in extra))
    return best


def _budgets(npv: dict[str, float], cost: dict[str, float],
             enough: int | None = None) -> list[int]:
    """The budgets (1,500 to 2,600 $k, steps of 50) where greedy by NPV is clearly beaten.

    With ``enough``, stop as soon as that many are found.
    """
    good: list[int] = []
    for money in range(1500, 2650, 50):
        chosen = _greedy(npv, cost, money)
        if (2 <= len(chosen) <= 6
                and sum(npv[p] for p in chosen) <= 0.97 * _best_swap(npv, cost, money, chosen)):
            good.append(money)
            if len(good) == enough:
                break
    return good


def budget(draw: Draw) -> int:
    """The $k for new projects this year: greedy by NPV leaves value on the table."""
    frame = draw.get("m04_projects")
    npv = _npv(frame["investment"].to_numpy(float), frame[YEARS].to_numpy(float))
    good = _budgets({str(k): float(v) for k, v in zip(frame.index, npv, strict=True)},
                    {str(k): float(v) for k, v in frame["investment"].items()})
    return int(draw.rng.choice(good))


def product_lines(draw: Draw) -> pd.DataFrame:
    """The company's product lines, in this variant."""
    base = draw.base()
    columns = ["revenue_prev", "revenue", "margin", "market_growth", "relative_share"]
    prev0, revenue0, margin0, growth0, share0 = base[columns].to_numpy(float).T
    payments = list(base.index).index("L2")
    for attempt in draw.attempts():
        rng, n = attempt.rng, len(base)
        prev = np.round(prev0 * rng.uniform(0.8, 1.25, n), -1)
        revenue = np.round(prev * (revenue0 / prev0 + rng.uniform(-0.06, 0.06, n)), -1)
        margin = np.round(np.clip(margin0 + rng.uniform(-0.06, 0.06, n), 0.1, 0.8), 2)
        growth = np.round(growth0 + rng.uniform(-0.08, 0.08, n), 2)
        share = np.round(share0 * rng.uniform(0.6, 1.6, n) * 20) / 20
        high_growth, high_share = growth >= GROWTH_CUT, share >= SHARE_CUT
        cells = set(zip(high_growth, high_share, strict=True))
        weighted = (revenue * margin).sum() / revenue.sum()
        if (len(cells) == 4
                and (np.abs(growth - GROWTH_CUT) >= 0.015).all()
                and (np.abs(share - SHARE_CUT) >= 0.1).all()
                and high_share[payments] and not high_growth[payments]
                and revenue.argmax() == payments
                and 0.02 <= revenue.sum() / prev.sum() - 1 <= 0.15
                and abs(weighted - margin.mean()) >= 0.01):
            frame = base.copy()
            frame["revenue_prev"], frame["revenue"] = prev.astype(int), revenue.astype(int)
            frame["margin"], frame["market_growth"] = margin, growth
            frame["relative_share"] = share
            return frame
    raise AssertionError("unreachable")


def summary_lines(draw: Draw) -> pd.DataFrame:
    """The director's draft sentences, with this variant's numbers."""
    lines = draw.get("m04_product_lines")
    frame = draw.base()
    revenue, prev = lines["revenue"], lines["revenue_prev"]
    total, gained = revenue.sum() / 1000, (revenue - prev) / 1000
    top = gained.idxmax()
    payments = "L2"
    frame.loc["B1", "sentence"] = f"Revenue reached {total:.1f} M$ this year."
    frame.loc["B2", "sentence"] = (
        f"Revenue grew {revenue.sum() / prev.sum() - 1:.0%} on last year to {total:.1f} M$; "
        f"{lines.loc[top, 'title']} added the most, {gained[top]:.1f} M$ of the "
        f"{gained.sum():.1f} M$ increase.")
    frame.loc["B3", "sentence"] = (
        f"Our gross margin is {lines['margin'].mean():.0%}: the average of the seven lines' "
        f"margins.")
    frame.loc["B6", "sentence"] = (
        f"Payments brings {revenue[payments] / revenue.sum():.0%} of revenue "
        f"({prev[payments] / prev.sum():.0%} last year) in a market growing "
        f"{lines.loc[payments, 'market_growth']:.0%} a year: a price war there is our largest "
        f"risk, and we will track its share monthly.")
    return frame


#: data set or figure -> builder (see the module docstring)
VARIES: dict[str, Callable[[Draw], Any]] = {
    "m04_projects": projects,
    "m04_budget": budget,
    "m04_product_lines": product_lines,
    "m04_summary_lines": summary_lines,
}
