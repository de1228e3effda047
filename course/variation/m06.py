"""Module 06's scenarios per learner: the 360 review, the quarterly KPIs, the three bets.

- ``m06_feedback_360``: the same eighteen raters (one manager, five peers, six reports, six
  stakeholders) and eight competencies, with the base review's rating profiles dealt to
  the competencies in a drawn order and nudged by up to 0.25; comments come from the base
  review's own pool for the rating's band. Sound when the strongest and the weakest
  competency lead the next one by 0.15 of a mean rating, the widest gap between group
  means leads the next by 0.3, and that widest gap is neither the strongest nor the
  weakest competency (so no one reading answers two questions).
- ``m06_quarterly``: three areas and initiatives launched in 2025Q3, eight quarters; the
  three effect profiles the lesson warns about (a novelty jump in adoption, a lasting
  retention lift, little change) dealt to the initiatives in a drawn order, with drawn
  sizes, prices, account base and growth. Sound when the initiative with the largest
  retention gain leads the next by 2 points and is not the one with the largest
  adoption jump.
- ``m06_bets``: the same three bets, with cost, probabilities and payoffs redrawn around the
  base values (thousands of USD; probabilities in steps of 0.05 adding up to 1).
- ``m06_risk_limit``: the largest loss the company accepts on one bet, drawn so that the
  bet of highest expected value is ruled out by it, two bets stay allowed, no worst case
  sits within 100 of the limit, and the best allowed bet leads the other by 5% of its
  value and at least 50.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from course.variation import Draw

__all__ = ["VARIES", "feedback_360", "quarterly_metrics"]

COMPETENCIES_360 = (
    "strategic-thinking", "vision-innovation", "leadership", "communication",
    "collaboration-influence", "decision-making", "data-analysis", "customer-focus",
)
RATERS = {"manager": 1, "peer": 5, "report": 6, "stakeholder": 6}
#: the base review's mean rating by relationship (columns follow RATERS), per competency
MEANS = {
    "strategic-thinking": (4.2, 4.1, 4.0, 3.9),
    "vision-innovation": (4.6, 4.5, 4.6, 4.4),
    "leadership": (4.0, 3.8, 4.7, 2.5),
    "communication": (3.0, 3.0, 3.3, 2.6),
    "collaboration-influence": (3.6, 3.4, 3.9, 3.1),
    "decision-making": (3.9, 3.7, 3.6, 3.7),
    "data-analysis": (4.3, 4.1, 3.9, 4.2),
    "customer-focus": (3.9, 3.9, 3.8, 4.1),
}
BANDS = ("low", "mid", "high")


def _band(rating: int) -> str:
    """The comment band of a rating: low (1-2), mid (3) or high (4-5)."""
    return "low" if rating <= 2 else "mid" if rating == 3 else "high"


def feedback_360(seed: int, comments: Mapping[str, tuple[str, ...]],
                 means: Mapping[str, tuple[float, ...]] = MEANS) -> pd.DataFrame:
    """Return a 360-degree review of one Distinguished PM: a rating and comment per rater.

    ``means`` gives each competency's mean rating per relationship (in the order of
    :data:`RATERS`); ``comments`` the pool of comments for each band of rating.
    """
    rng = np.random.default_rng(seed)
    rows = []
    number = 0
    for group, (relationship, count) in enumerate(RATERS.items()):
        for _ in range(count):
            number += 1
            rater = f"R{number:02d}"
            for competency in COMPETENCIES_360:
                mean = means[competency][group]
                rating = int(np.clip(np.rint(mean + rng.normal(0, 0.55)), 1, 5))
                pool = comments[_band(rating)]
                comment = pool[int(rng.integers(len(pool)))] if rng.random() < 0.35 else ""
                rows.append((rater, relationship, competency, rating, comment))
    frame = pd.DataFrame(rows, columns=["rater", "relationship", "competency", "rating",
                                        "comment"])
    frame.insert(0, "id", [f"F{i:03d}" for i in range(1, len(frame) + 1)])
    return frame


def _comment_pool(frame: pd.DataFrame) -> dict[str, tuple[str, ...]]:
    """The base review's comments, by the band of the rating they came with."""
    said = frame[frame["comment"].fillna("") != ""]
    bands = said["rating"].map(_band)
    return {band: tuple(sorted(set(said.loc[bands == band, "comment"]))) for band in BANDS}


def _review_margins(frame: pd.DataFrame) -> tuple[str, str, str, float, float, float]:
    """Strongest, weakest, widest gap and how far each leads the runner-up.

    ``frame`` has the rows :func:`feedback_360` writes: raters in order, each rating the
    competencies in the order of :data:`COMPETENCIES_360`.
    """
    ratings = frame["rating"].to_numpy(dtype=float).reshape(-1, len(COMPETENCIES_360))
    groups = np.repeat(np.arange(len(RATERS)), list(RATERS.values()))
    means = np.array([ratings[groups == g].mean(axis=0) for g in range(len(RATERS))])
    overall = ratings.mean(axis=0)
    spread = means.max(axis=0) - means.min(axis=0)
    by_overall, by_spread = np.argsort(overall), np.argsort(spread)
    names = COMPETENCIES_360
    return (names[by_overall[-1]], names[by_overall[0]], names[by_spread[-1]],
            float(overall[by_overall[-1]] - overall[by_overall[-2]]),
            float(overall[by_overall[1]] - overall[by_overall[0]]),
            float(spread[by_spread[-1]] - spread[by_spread[-2]]))


def feedback(draw: Draw) -> pd.DataFrame:
    """The 360 review of this variant."""
    comments = _comment_pool(draw.base())
    profiles = list(MEANS.values())
    for attempt in draw.attempts():
        rng = attempt.rng
        order = rng.permutation(len(profiles))
        means = {c: tuple(float(np.clip(m + rng.uniform(-0.25, 0.25), 1.2, 4.9))
                          for m in profiles[order[i]])
                 for i, c in enumerate(COMPETENCIES_360)}
        frame = feedback_360(int(rng.integers(1, 2**31)), comments, means)
        strongest, weakest, widest, top, bottom, gap = _review_margins(frame)
        if (top >= 0.15 and bottom >= 0.15 and gap >= 0.3
                and widest not in (strongest, weakest)):
            return frame.set_index("id")  # as course.data reads a keyed table
    raise AssertionError("unreachable")  # attempts() raises first


AREAS = {  # area: (initiative, launch quarter)
    "search": ("ai_assistant", "2025Q3"),
    "workspace": ("guided_onboarding", "2025Q3"),
    "reports": ("carbon_dashboard", "2025Q3"),
}
PRICES = {"search": 41.0, "workspace": 36.0, "reports": 52.0}
#: initiative -> (adoption lift, retention lift, promoters, detractors) from launch on
EFFECTS = {
    "ai_assistant": (0.12, -0.01, 0.42, 0.22),
    "guided_onboarding": (0.04, 0.08, 0.52, 0.14),
    "carbon_dashboard": (0.01, 0.0, 0.44, 0.22),
}


def quarterly_metrics(seed: int, effects: Mapping[str, tuple[float, float, float, float]]
                      = EFFECTS, prices: Mapping[str, float] = PRICES, *,
                      eligible_start: float = 8000.0, active_start: float = 3000.0,
                      growth: float = 1.03) -> pd.DataFrame:
    """Return quarterly KPIs of three product areas, 2024 Q3 to 2026 Q2, one initiative each.

    ``effects`` says what each initiative changes from its launch on: adoption and
    retention (added), and the shares of promoters and detractors. Revenue peaks every
    fourth quarter (year-end budgets).
    """
    rng = np.random.default_rng(seed)
    quarters = pd.period_range("2024Q3", "2026Q2", freq="Q")
    rows = []
    for area, (initiative, launch) in AREAS.items():
        eligible = eligible_start
        active_prev = active_start
        price = prices[area]
        lift_adoption, lift_retention, after_pro, after_det = effects[initiative]
        for quarter in quarters:
            after = quarter >= pd.Period(launch, freq="Q")
            adoption = 0.40 + rng.normal(0, 0.006)
            retention = 0.80 + rng.normal(0, 0.006)
            promoters, detractors = 0.42, 0.22
            if after:
                adoption += lift_adoption
                retention += lift_retention
                promoters, detractors = after_pro, after_det
            eligible *= growth
            active = round(eligible * adoption)
            retained = round(active_prev * retention)
            seasonal = 1.12 if quarter.quarter == 4 else 1.0
            revenue = round(active * price * 3 * seasonal * (1 + rng.normal(0, 0.01)), -2)
            responses = int(rng.integers(180, 260))
            n_pro = int(rng.binomial(responses, promoters))
            n_det = int(rng.binomial(responses - n_pro, detractors / (1 - promoters)))
            rows.append((str(quarter), area, initiative, launch, int(round(eligible)),
                         int(active_prev), active, retained, revenue, n_pro,
                         responses - n_pro - n_det, n_det))
            active_prev = active
    return pd.DataFrame(rows, columns=[
        "quarter", "area", "initiative", "launched", "eligible_accounts", "active_start",
        "active_accounts", "retained_accounts", "revenue", "promoters", "passives", "detractors",
    ])


def _gains(frame: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Each initiative's mean retention and adoption after launch minus before."""
    rows = frame.assign(
        adoption=frame["active_accounts"] / frame["eligible_accounts"],
        retention=frame["retained_accounts"] / frame["active_start"],
        after=pd.PeriodIndex(frame["quarter"], freq="Q")
        >= pd.PeriodIndex(frame["launched"], freq="Q"))
    means = rows.groupby(["initiative", "after"])[["retention", "adoption"]].mean()
    gain = means.xs(True, level="after") - means.xs(False, level="after")
    return gain["retention"], gain["adoption"]


def quarterly(draw: Draw) -> pd.DataFrame:
    """The eight quarters of this variant."""
    initiatives = [initiative for initiative, _ in AREAS.values()]
    for attempt in draw.attempts():
        rng = attempt.rng
        profiles = [  # novelty, lasting value, little change
            (rng.uniform(0.08, 0.15), rng.uniform(-0.02, 0.0), 0.42, 0.22),
            (rng.uniform(0.02, 0.05), rng.uniform(0.05, 0.10), rng.uniform(0.48, 0.56),
             rng.uniform(0.10, 0.16)),
            (rng.uniform(0.0, 0.02), rng.uniform(-0.005, 0.01), rng.uniform(0.42, 0.46), 0.22),
        ]
        order = rng.permutation(len(profiles))
        effects = {initiative: tuple(float(v) for v in profiles[order[i]])
                   for i, initiative in enumerate(initiatives)}
        prices = {area: float(round(p * rng.uniform(0.8, 1.25))) for area, p in PRICES.items()}
        eligible = float(round(rng.uniform(6000, 10000), -2))
        frame = quarterly_metrics(
            int(rng.integers(1, 2**31)), effects, prices, eligible_start=eligible,
            active_start=float(round(eligible * rng.uniform(0.34, 0.40))),
            growth=float(rng.uniform(1.015, 1.04)))
        retention, adoption = _gains(frame)
        ranked = retention.sort_values()
        if (ranked.iloc[-1] - ranked.iloc[-2] >= 0.02
                and adoption.idxmax() != retention.idxmax()):
            return frame
    raise AssertionError("unreachable")


OUTCOMES = ("success", "partial", "failure")


def _values(bets: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Each bet's expected value net of cost, and its worst case (thousands of USD)."""
    value = sum(bets[f"p_{o}"] * bets[f"payoff_{o}"] for o in OUTCOMES) - bets["cost"]
    worst = bets[[f"payoff_{o}" for o in OUTCOMES]].min(axis=1) - bets["cost"]
    return value, worst


def _round(value: float, step: float) -> float:
    """``value`` rounded to a multiple of ``step``, at least one step."""
    return float(max(step, round(value / step) * step))


def bets(draw: Draw) -> pd.DataFrame:
    """The three bets of this variant: a risky bet of highest value and two affordable ones."""
    committed = draw.base()
    start = {c: committed[c].to_numpy() for c in committed.columns if c != "title"}
    for attempt in draw.attempts():
        rng = attempt.rng
        columns: dict[str, list[float]] = {c: [] for c in start}
        columns["cost"] = [int(_round(c * rng.uniform(0.75, 1.3), 100)) for c in start["cost"]]
        for i in range(len(committed)):
            success = _round(start["p_success"][i] + rng.uniform(-0.1, 0.1), 0.05)
            partial = _round(start["p_partial"][i] + rng.uniform(-0.1, 0.1), 0.05)
            success, partial = min(success, 0.8), min(partial, 0.85 - min(success, 0.8))
            columns["p_success"].append(round(success, 2))
            columns["p_partial"].append(round(partial, 2))
            columns["p_failure"].append(round(1 - success - partial, 2))
            top = int(_round(start["payoff_success"][i] * rng.uniform(0.75, 1.3), 100))
            middle = int(_round(start["payoff_partial"][i] * rng.uniform(0.7, 1.3), 100))
            low = int(_round(start["payoff_failure"][i] * rng.uniform(0.5, 1.5), 50)
                      if start["payoff_failure"][i] > 0 else 0)
            columns["payoff_success"].append(top)
            columns["payoff_partial"].append(min(middle, top - 100))
            columns["payoff_failure"].append(min(low, middle - 100))
        frame = committed.assign(**columns)
        value, worst = _values(frame)
        if _limits(value, worst):
            return frame
    raise AssertionError("unreachable")  # attempts() raises first


def _limits(value: pd.Series, worst: pd.Series) -> list[int]:
    """Risk limits (multiples of 100) under which the bets make a sound exercise."""
    values, worsts = value.to_numpy(dtype=float), worst.to_numpy(dtype=float)
    best = int(values.argmax())
    out = []
    for limit in range(100, int(-worsts[best]), 100):
        allowed = worsts >= -limit
        if allowed.sum() != len(values) - 1 or allowed[best]:
            continue
        if np.abs(limit + worsts).min() < 100:
            continue
        ranked = np.sort(values[allowed])[::-1]
        if ranked[0] - ranked[1] >= max(50.0, 0.05 * abs(ranked[0])):
            out.append(limit)
    return out


def risk_limit(draw: Draw) -> int:
    """The largest loss the company accepts on one bet (thousands of USD)."""
    value, worst = _values(draw.get("m06_bets"))
    limits = _limits(value, worst)
    return int(limits[int(draw.rng.integers(len(limits)))])


#: data set or figure -> builder (see the module docstring)
VARIES: dict[str, Callable[[Draw], Any]] = {
    "m06_feedback_360": feedback,
    "m06_quarterly": quarterly,
    "m06_bets": bets,
    "m06_risk_limit": risk_limit,
}
