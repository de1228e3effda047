"""Reference KPI figures shared by the KPI exercises of modules 03 and 06 (grading side only).

The targets are the ones the lessons state; the reference numbers are computed here from
the seeded data with the models of :mod:`course.models.kpi`.
"""

from __future__ import annotations

import pandas as pd

from course.data import load
from course.models.kpi import churn_rate, funnel, monthly_churn, nps
from course.variants import variant_cache

__all__ = ["AS_OF", "FIRST", "LAST", "TARGETS", "kpis", "shortfall", "worst_gap"]

AS_OF = "2026-06-30"
FIRST, LAST = "2026-01", "2026-06"
#: the targets both lessons state: at least, at least, at most, at least
TARGETS = {"activation": 0.60, "upgrade": 0.25, "churn": 0.025, "nps": 25.0}


def _only(frame: pd.DataFrame, product: str | None) -> pd.DataFrame:
    return frame if product is None else frame[frame["product"] == product]


@variant_cache
def kpis(product: str | None = None) -> dict[str, float]:
    """Return activation, upgrade, churn, NPS and ARPU of ``product`` (None: all) for H1 2026."""
    table = funnel(_only(load("kpi_events"), product))
    subs = _only(load("kpi_subscriptions"), product)
    monthly = monthly_churn(subs, as_of=AS_OF).loc[FIRST:LAST]
    return {
        "activation": float(table.loc["activation", "step_conversion"]),
        "upgrade": float(table.loc["upgrade", "step_conversion"]),
        "churn": churn_rate(subs, FIRST, LAST, as_of=AS_OF),
        "nps": nps(_only(load("kpi_nps"), product)["score"]),
        "arpu": float(monthly["revenue"].sum() / monthly["subscribers"].sum()),
    }


def shortfall(metric: str, value: float) -> float:
    """Return how far ``value`` falls short of the target, as a share of it (<= 0: met)."""
    target = TARGETS[metric]
    if metric == "churn":
        return (value - target) / target
    return (target - value) / target


def worst_gap(product: str | None = None) -> str:
    """Return the metric of ``product`` furthest short of its target."""
    figures = kpis(product)
    return max(TARGETS, key=lambda m: shortfall(m, figures[m]))
