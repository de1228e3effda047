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
  fit, funds two to six of them and is beaten by at least 3% by swapping one of them for up to two others: a
  large project crowds out smaller ones, as the lesson says.
- ``m04_product_lines``: the same seven lines; last year's revenue 80-125% of the base,
  this year's growth within 6 points of the base's, margins within 6 points, market
  growth within 6 points and relative share 70-140% of the base. Sound when every
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

from course.models.portfolio import growth_share_table, project_table
from course.variation import Draw

__all__ = ["VARIES", "budget", "product_lines", "projects", "summary_lines"]

RATE = 0.10  # the discount rate of lesson 1
YEARS = ["cf_1", "cf_2", "cf_3", "cf_4", "cf_5"]
GROWTH_CUT, SHARE_CUT = 0.10, 1.0  # the cut-offs of lesson 2


def projects(draw: Draw) -> pd.DataFrame:
    """The projects asking for money, in this variant."""
    for attempt in draw.attempts():
        rng, frame = attempt.rng, draw.base()
        for project in frame.index:
            frame.loc[project] = _project(rng, draw.base().loc[project])
        table = project_table(frame, RATE)
        npvs = np.sort(table["npv"].to_numpy())
        fraction = table["payback"] % 1
        if ((np.diff(npvs) >= 5).all() and int(((fraction >= 0.1) & (fraction <= 0.9)).sum()) >= 2
                and len(_budgets(frame)) >= 3):
            return frame
    raise AssertionError("unreachable")  # attempts() raises first


def _project(rng: Any, base: pd.Series) -> pd.Series:
    """One project redrawn until it pays back within five years and its NPV is clear of 0."""
    while True:
        row = base.copy()
        row["investment"] = int(round(row["investment"] * rng.uniform(0.85, 1.2), -1))
        for year in YEARS:
            row[year] = int(5 * round(row[year] * rng.uniform(0.75, 1.3) / 5))
        flows = [-row["investment"], *row[YEARS]]
        npv = sum(f / (1 + RATE) ** t for t, f in enumerate(flows))
        if sum(flows) >= 0 and abs(npv) >= 10:
            return row


def _greedy(npv: pd.Series, cost: pd.Series, money: float) -> list[str]:
    """Projects by NPV, largest first, skipping those that no longer fit."""
    chosen, spent = [], 0.0
    for project in npv[npv > 0].sort_values(ascending=False, kind="stable").index:
        if spent + cost[project] <= money:
            chosen.append(str(project))
            spent += float(cost[project])
    return chosen


def _best_swap(npv: pd.Series, cost: pd.Series, money: float, chosen: list[str]) -> float:
    """The most NPV reached by dropping one chosen project for up to two others that fit."""
    others = [p for p in npv.index if p not in chosen]
    pairs = [(a,) for a in others] + [(a, b) for i, a in enumerate(others)
                                      for b in others[i + 1:]]
    best = float(npv[chosen].sum())
    for out in chosen:
        kept = [p for p in chosen if p != out]
        for extra in pairs:
            plan = kept + list(extra)
            if float(cost[plan].sum()) <= money:
                best = max(best, float(npv[plan].sum()))
    return best


def _budgets(frame: pd.DataFrame) -> list[int]:
    """The budgets (1,500 to 2,600 $k, steps of 50) where greedy by NPV is clearly beaten."""
    npv, cost = project_table(frame, RATE)["npv"], frame["investment"]
    good = []
    for money in range(1500, 2650, 50):
        chosen = _greedy(npv, cost, money)
        if (2 <= len(chosen) <= 6
                and float(npv[chosen].sum()) <= 0.97 * _best_swap(npv, cost, money, chosen)):
            good.append(money)
    return good


def budget(draw: Draw) -> int:
    """The $k for new projects this year: greedy by NPV leaves value on the table."""
    return int(draw.rng.choice(_budgets(draw.get("m04_projects"))))


def product_lines(draw: Draw) -> pd.DataFrame:
    """The company's product lines, in this variant."""
    for attempt in draw.attempts():
        rng, frame = attempt.rng, draw.base()
        own = frame["revenue"] / frame["revenue_prev"]
        prev = [int(round(v * rng.uniform(0.8, 1.25), -1)) for v in frame["revenue_prev"]]
        frame["revenue"] = [int(round(p * (g + rng.uniform(-0.06, 0.06)), -1))
                            for p, g in zip(prev, own, strict=True)]
        frame["revenue_prev"] = prev
        frame["margin"] = [round(float(np.clip(m + rng.uniform(-0.06, 0.06), 0.1, 0.8)), 2)
                           for m in frame["margin"]]
        frame["market_growth"] = [round(g + rng.uniform(-0.06, 0.06), 2)
                                  for g in frame["market_growth"]]
        frame["relative_share"] = [round(s * rng.uniform(0.7, 1.4) * 20) / 20
                                   for s in frame["relative_share"]]
        if _sound_lines(frame):
            return frame
    raise AssertionError("unreachable")


def _sound_lines(frame: pd.DataFrame) -> bool:
    """Whether the lines tell the lesson's story with no borderline case."""
    quadrant = growth_share_table(frame, growth_cut=GROWTH_CUT, share_cut=SHARE_CUT)
    revenue = frame["revenue"]
    growth = revenue.sum() / frame["revenue_prev"].sum() - 1
    weighted = (revenue * frame["margin"]).sum() / revenue.sum()
    return bool(
        set(quadrant) == {"star", "cash_cow", "question_mark", "dog"}
        and ((frame["market_growth"] - GROWTH_CUT).abs() >= 0.015).all()
        and ((frame["relative_share"] - SHARE_CUT).abs() >= 0.1).all()
        and quadrant["L2"] == "cash_cow" and revenue.idxmax() == "L2"
        and 0.02 <= growth <= 0.15
        and abs(weighted - frame["margin"].mean()) >= 0.01
    )


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
