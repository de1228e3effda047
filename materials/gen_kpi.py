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
from course.variation.m06 import COMPETENCIES_360, MEANS, RATERS
from course.variation.m06 import quarterly_metrics as _quarterly

__all__ = [
    "GENERATORS",
    "PRODUCTS",
    "feedback_360",
    "nps_survey",
    "quarterly_metrics",
    "subscriptions",
    "usage_events",
]

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
    for group, (relationship, count) in enumerate(RATERS.items()):
        for _ in range(count):
            number += 1
            rater = f"R{number:02d}"
            for competency in COMPETENCIES_360:
                mean = MEANS[competency][group]
                rating = int(np.clip(np.rint(mean + rng.normal(0, 0.55)), 1, 5))
                band = "low" if rating <= 2 else "mid" if rating == 3 else "high"
                pool = _COMMENTS[band]
                comment = pool[int(rng.integers(len(pool)))] if rng.random() < 0.35 else ""
                rows.append((rater, relationship, competency, rating, comment))
    frame = pd.DataFrame(rows, columns=["rater", "relationship", "competency", "rating",
                                        "comment"])
    frame.insert(0, "id", [f"F{i:03d}" for i in range(1, len(frame) + 1)])
    return frame


def quarterly_metrics(seed: int = 20260634) -> pd.DataFrame:
    """Return quarterly KPIs of three product areas, 2024 Q3 to 2026 Q2, one initiative each.

    The AI assistant lifts adoption but not retention or NPS (novelty); guided onboarding
    lifts retention and NPS, and revenue follows; the carbon dashboard changes little.
    The generator is :func:`course.variation.m06.quarterly_metrics` (which redraws it per
    learner); the base file uses its default effects and prices.
    """
    return _quarterly(seed)


#: file name in materials/data -> function building its frame
GENERATORS: dict[str, Callable[[], pd.DataFrame]] = {
    "kpi_events.csv": usage_events,
    "kpi_subscriptions.csv": subscriptions,
    "kpi_nps.csv": nps_survey,
    "m06_feedback_360.csv": feedback_360,
    "m06_quarterly.csv": quarterly_metrics,
}
