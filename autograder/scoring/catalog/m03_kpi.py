"""Module 03, Director of Product, notebook 3 (KPI review across products): references."""

from __future__ import annotations

import json
from typing import Any

import pandas as pd

from autograder.scoring.catalog import Exercise, register
from autograder.scoring.catalog._kpi import TARGETS, kpis, shortfall
from autograder.scoring.rules import Score, overlap, table_within
from course.models.kpi import cac, ltv, ltv_cac, payback_months
from course.variants import variant_cache

MODULE = "03-director"
NOTEBOOK = "3-kpi-dashboard"
PRODUCTS = ("ledger", "pulse", "relay")
MARGIN = 0.8
#: half-year sales and marketing spend and customers won, as stated in the notebook
ACQUISITION = {"ledger": (540_000, 700), "pulse": (610_000, 1_000), "relay": (380_000, 650)}


@variant_cache
def product_kpis() -> pd.DataFrame:
    """Return activation, upgrade, churn and NPS per product."""
    return pd.DataFrame({p: kpis(p) for p in PRODUCTS}).T[list(TARGETS)]


@variant_cache
def attention() -> dict[str, str]:
    """Return the product and KPI furthest short of target (as a share of the target)."""
    table = product_kpis()
    product, metric = max(
        ((p, m) for p in PRODUCTS for m in TARGETS),
        key=lambda pm: shortfall(pm[1], table.loc[pm[0], pm[1]]),
    )
    return {"product": product, "metric": metric}


@variant_cache
def economics() -> pd.DataFrame:
    """Return LTV, LTV:CAC and payback months per product."""
    rows = {}
    for product in PRODUCTS:
        figures = kpis(product)
        value = ltv(figures["arpu"], figures["churn"], MARGIN)
        cost = cac(*ACQUISITION[product])
        rows[product] = {"ltv": value, "ltv_cac": ltv_cac(value, cost),
                         "payback_months": payback_months(cost, figures["arpu"], MARGIN)}
    return pd.DataFrame(rows).T


def _score_kpis(value: Any) -> Score:
    tolerances = {"activation": (0.0, 0.002), "upgrade": (0.0, 0.002), "churn": (0.0, 0.0005),
                  "nps": (0.0, 0.5)}
    return table_within(value, product_kpis(), tolerances, what="KPI values")


def _score_economics(value: Any) -> Score:
    tolerances = {c: (0.02, 0.0) for c in ("ltv", "ltv_cac", "payback_months")}
    return table_within(value, economics(), tolerances, what="unit-economics values")


_DIRECTOR = ("director",)
register(Exercise(MODULE, NOTEBOOK, "kpi-scorecard", 3, "kpi", _score_kpis, source="value",
                  competencies=("data-analysis", "business-acumen"), roles=_DIRECTOR))
register(Exercise(MODULE, NOTEBOOK, "kpi-diagnosis", 2, "kpi",
                  lambda v: overlap(v, attention(), "parts of the diagnosis"),
                  fingerprints=lambda: [json.dumps(attention(), sort_keys=True)],
                  competencies=("data-analysis", "decision-making", "strategic-thinking"),
                  roles=_DIRECTOR))
register(Exercise(MODULE, NOTEBOOK, "unit-economics", 3, "kpi", _score_economics,
                  source="value",
                  competencies=("business-acumen", "data-analysis"), roles=_DIRECTOR))
