"""Seeded KPI data sets (modules 03 and 06): usage events, subscriptions, NPS, 360, quarters.

Three products of one company, January to June 2026:

- ``ledger`` is healthy on usage, but its customer segments disagree about it (enterprise
  customers promote it, small businesses do not);
- ``pulse`` converts well until April, when the upgrade step breaks for small businesses,
  and the customers who subscribed in February on a promotion churn fast;
- ``relay`` loses most new users before they activate.

Sign-ups follow a weekday rhythm and grow month by month. Every function takes a seed and
returns the same frame, bit for bit, for the same seed. The usage, subscription and NPS
generators live in :mod:`course.variation.m03`, which redraws them for each learner; the
committed base files are built from their defaults.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from course.variation.m03 import PRODUCTS, nps_survey, subscriptions, usage_events

__all__ = [
    "GENERATORS",
    "PRODUCTS",
    "feedback_360",
    "nps_survey",
    "quarterly_metrics",
    "subscriptions",
    "usage_events",
]

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
