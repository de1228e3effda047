"""Seeded KPI data sets (modules 03 and 06): usage events, subscriptions, NPS, 360, quarters.

Three products of one company, January to June 2026:

- ``ledger`` is healthy on usage, but its customer segments disagree about it (enterprise
  customers promote it, small businesses do not);
- ``pulse`` converts well until April, when the upgrade step breaks for small businesses,
  and the customers who subscribed in February on a promotion churn fast;
- ``relay`` loses most new users before they activate.

Sign-ups follow a weekday rhythm and grow month by month. Every function takes a seed and
returns the same frame, bit for bit, for the same seed.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

__all__ = [
    "GENERATORS",
    "feedback_360",
    "nps_survey",
    "quarterly_metrics",
    "subscriptions",
    "usage_events",
]

PRODUCTS = ("ledger", "pulse", "relay")
SEGMENTS = ("smb", "mid_market", "enterprise")
STEPS = ("signup", "activation", "core_action", "upgrade")
START, END = pd.Timestamp("2026-01-01"), pd.Timestamp("2026-06-30")

# probability of passing each step after sign-up: activation, core action, upgrade
_FUNNEL = {
    "ledger": (0.71, 0.63, 0.30),
    "pulse": (0.69, 0.61, 0.33),
    "relay": (0.30, 0.66, 0.34),
}
_SEGMENT_MIX = (0.5, 0.3, 0.2)


def _signup_days(rng: np.random.Generator, n: int) -> pd.DatetimeIndex:
    """Draw ``n`` sign-up days: fewer at weekends, and a steady monthly growth."""
    days = pd.date_range(START, END, freq="D")
    weights = np.where(days.day_of_week < 5, 1.0, 0.5) * (1 + 0.06 * (days.month.to_numpy() - 1))
    return days[rng.choice(len(days), size=n, p=weights / weights.sum())]


def usage_events(seed: int = 20260630, users_per_product: int = 2400) -> pd.DataFrame:
    """Return the funnel event log: one row per user per step reached, three products."""
    rng = np.random.default_rng(seed)
    frames = []
    for number, product in enumerate(PRODUCTS):
        n = users_per_product
        signup = _signup_days(rng, n)
        segment = rng.choice(SEGMENTS, size=n, p=_SEGMENT_MIX)
        p_act, p_core, p_up = _FUNNEL[product]
        p_up = np.full(n, p_up)
        if product == "pulse":  # the pricing page breaks for small businesses in April
            p_up[(segment == "smb") & (signup >= pd.Timestamp("2026-04-01"))] = 0.05
        reached = np.ones((n, 4), dtype=bool)
        reached[:, 1] = rng.random(n) < p_act
        reached[:, 2] = reached[:, 1] & (rng.random(n) < p_core)
        reached[:, 3] = reached[:, 2] & (rng.random(n) < p_up)
        lag = rng.integers(0, 5, size=(n, 4)).cumsum(axis=1)
        lag[:, 0] = 0
        ids = np.arange(n) + 100000 * (number + 1) + 1
        for index, step in enumerate(STEPS):
            who = np.flatnonzero(reached[:, index])
            day = np.minimum(signup[who] + pd.to_timedelta(lag[who, index], unit="D"), END)
            frames.append(pd.DataFrame({
                "user_id": ids[who], "product": product, "segment": segment[who],
                "step": step, "date": day.strftime("%Y-%m-%d"),
            }))
    events = pd.concat(frames, ignore_index=True)
    return events.sort_values(["date", "user_id", "step"], kind="stable").reset_index(drop=True)


_PLANS = {"basic": 29.0, "pro": 79.0, "team": 199.0}
_PLAN_MIX = {"smb": (0.6, 0.35, 0.05), "mid_market": (0.25, 0.5, 0.25),
             "enterprise": (0.05, 0.35, 0.6)}
_HAZARD = {"ledger": 0.018, "pulse": 0.020, "relay": 0.026}  # monthly cancellation chance


def subscriptions(seed: int = 20260631, per_month: int = 55) -> pd.DataFrame:
    """Return subscriptions started July 2025 to June 2026, with cancellations to 30 June."""
    rng = np.random.default_rng(seed)
    months = pd.period_range("2025-07", "2026-06", freq="M")
    rows = []
    for product in PRODUCTS:
        for month in months:
            count = int(per_month * (1 + 0.04 * (month.month % 12)))
            if product == "pulse" and str(month) == "2026-02":
                count *= 2  # a promotion doubles the February intake...
            first = month.start_time
            start = first + pd.to_timedelta(rng.integers(0, month.days_in_month, count), "D")
            segment = rng.choice(SEGMENTS, size=count, p=_SEGMENT_MIX)
            plan = np.array([rng.choice(list(_PLANS), p=_PLAN_MIX[s]) for s in segment])
            hazard = np.full(count, _HAZARD[product])
            if product == "pulse" and str(month) == "2026-02":
                hazard[:] = 0.32  # ...and those promotion customers leave fast
            hazard[segment == "enterprise"] *= 0.5
            # months survived before cancelling (geometric), then a day within that month
            survived = rng.geometric(hazard) - 1
            cancel = [
                s + pd.DateOffset(months=int(k)) + pd.Timedelta(days=int(d))
                for s, k, d in zip(start, survived, rng.integers(1, 28, count), strict=True)
            ]
            cancel = pd.DatetimeIndex(cancel)
            for i in range(count):
                rows.append((product, segment[i], plan[i], _PLANS[plan[i]],
                             start[i].strftime("%Y-%m-%d"),
                             cancel[i].strftime("%Y-%m-%d") if cancel[i] <= END else ""))
    frame = pd.DataFrame(rows, columns=["product", "segment", "plan", "monthly_price", "start",
                                        "cancelled"])
    frame = frame.sort_values(["start", "product"], kind="stable").reset_index(drop=True)
    frame.insert(0, "id", [f"S{i:05d}" for i in range(1, len(frame) + 1)])
    return frame


# chance of a promoter (9-10) and of a detractor (0-6), by product and segment
_NPS = {
    ("ledger", "smb"): (0.28, 0.36), ("ledger", "mid_market"): (0.50, 0.16),
    ("ledger", "enterprise"): (0.70, 0.06),
    ("pulse", "smb"): (0.44, 0.20), ("pulse", "mid_market"): (0.52, 0.14),
    ("pulse", "enterprise"): (0.56, 0.10),
    ("relay", "smb"): (0.44, 0.20), ("relay", "mid_market"): (0.43, 0.21),
    ("relay", "enterprise"): (0.46, 0.18),
}


def nps_survey(seed: int = 20260632, per_product: int = 900) -> pd.DataFrame:
    """Return NPS survey answers (0-10) by product and segment, January to June 2026."""
    rng = np.random.default_rng(seed)
    frames = []
    for product in PRODUCTS:
        segment = rng.choice(SEGMENTS, size=per_product, p=(0.45, 0.33, 0.22))
        kind = rng.random(per_product)
        p_pro = np.array([_NPS[product, s][0] for s in segment])
        p_det = np.array([_NPS[product, s][1] for s in segment])
        score = np.where(
            kind < p_pro, rng.integers(9, 11, per_product),
            np.where(kind < p_pro + p_det, rng.choice(np.arange(0, 7), per_product,
                                                      p=[.04, .04, .08, .12, .17, .25, .30]),
                     rng.integers(7, 9, per_product)),
        )
        frames.append(pd.DataFrame({
            "product": product, "segment": segment, "date": _signup_days(rng, per_product)
            .strftime("%Y-%m-%d"), "score": score.astype(int),
        }))
    survey = pd.concat(frames, ignore_index=True)
    survey = survey.sort_values(["date", "product"], kind="stable").reset_index(drop=True)
    survey.insert(0, "id", [f"N{i:05d}" for i in range(1, len(survey) + 1)])
    return survey


COMPETENCIES_360 = (
    "strategic-thinking", "vision-innovation", "leadership", "communication",
    "collaboration-influence", "decision-making", "data-analysis", "customer-focus",
)
_RATERS = {"manager": 1, "peer": 5, "report": 6, "stakeholder": 6}
# mean rating (1-5) by relationship for each competency; columns follow _RATERS
_MEANS = {
    "strategic-thinking": (4.2, 4.1, 4.0, 3.9),
    "vision-innovation": (4.6, 4.5, 4.6, 4.4),
    "leadership": (4.0, 3.8, 4.7, 2.5),
    "communication": (3.0, 3.0, 3.3, 2.6),
    "collaboration-influence": (3.6, 3.4, 3.9, 3.1),
    "decision-making": (3.9, 3.7, 3.6, 3.7),
    "data-analysis": (4.3, 4.1, 3.9, 4.2),
    "customer-focus": (3.9, 3.9, 3.8, 4.1),
}
_COMMENTS = {
    "low": ("Hard to reach when plans change.", "I often learn about decisions late.",
            "Would like the reasoning explained, not only the outcome.",
            "Meetings end without a clear next step."),
    "mid": ("Solid, with room to involve us earlier.", "Good when engaged; not always engaged.",
            "Does the job; could share more context.", "Reliable, though sometimes rushed."),
    "high": ("Sets a direction people want to follow.", "Generous with time and coaching.",
             "Brings evidence to every debate.", "Sees where the market is going early."),
}


def feedback_360(seed: int = 20260633) -> pd.DataFrame:
    """Return a 360-degree review of one Distinguished PM: a rating and comment per rater."""
    rng = np.random.default_rng(seed)
    rows = []
    number = 0
    for group, (relationship, count) in enumerate(_RATERS.items()):
        for _ in range(count):
            number += 1
            rater = f"R{number:02d}"
            for competency in COMPETENCIES_360:
                mean = _MEANS[competency][group]
                rating = int(np.clip(np.rint(mean + rng.normal(0, 0.55)), 1, 5))
                band = "low" if rating <= 2 else "mid" if rating == 3 else "high"
                pool = _COMMENTS[band]
                comment = pool[int(rng.integers(len(pool)))] if rng.random() < 0.35 else ""
                rows.append((rater, relationship, competency, rating, comment))
    frame = pd.DataFrame(rows, columns=["rater", "relationship", "competency", "rating",
                                        "comment"])
    frame.insert(0, "id", [f"F{i:03d}" for i in range(1, len(frame) + 1)])
    return frame


_AREAS = {  # area: (initiative, launch quarter)
    "search": ("ai_assistant", "2025Q3"),
    "workspace": ("guided_onboarding", "2025Q3"),
    "reports": ("carbon_dashboard", "2025Q3"),
}


def quarterly_metrics(seed: int = 20260634) -> pd.DataFrame:
    """Return quarterly KPIs of three product areas, 2024 Q3 to 2026 Q2, one initiative each.

    The AI assistant lifts adoption but not retention or NPS (novelty); guided onboarding
    lifts retention and NPS, and revenue follows; the carbon dashboard changes little.
    Revenue peaks every fourth quarter (year-end budgets).
    """
    rng = np.random.default_rng(seed)
    quarters = pd.period_range("2024Q3", "2026Q2", freq="Q")
    rows = []
    for area, (initiative, launch) in _AREAS.items():
        eligible = 8000.0
        active_prev = 3000.0
        price = {"search": 41.0, "workspace": 36.0, "reports": 52.0}[area]
        for quarter in quarters:
            after = quarter >= pd.Period(launch, freq="Q")
            adoption = 0.40 + rng.normal(0, 0.006)
            retention = 0.80 + rng.normal(0, 0.006)
            promoters, detractors = 0.42, 0.22
            if after and initiative == "ai_assistant":
                adoption += 0.12
                retention -= 0.01
            if after and initiative == "guided_onboarding":
                adoption += 0.04
                retention += 0.08
                promoters, detractors = 0.52, 0.14
            if after and initiative == "carbon_dashboard":
                adoption += 0.01
                promoters = 0.44
            eligible *= 1.03
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


#: file name in materials/data -> function building its frame
GENERATORS: dict[str, Callable[[], pd.DataFrame]] = {
    "kpi_events.csv": usage_events,
    "kpi_subscriptions.csv": subscriptions,
    "kpi_nps.csv": nps_survey,
    "m06_feedback_360.csv": feedback_360,
    "m06_quarterly.csv": quarterly_metrics,
}
