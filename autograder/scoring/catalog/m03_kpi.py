"""Module 03, Director of Product, notebook 3 (KPI review across products): references.

The event log, subscriptions and NPS survey vary per learner (:mod:`course.variation.m03`);
the targets, the margin and finance's acquisition figures are the lesson's and stay fixed.
"""

from __future__ import annotations

import json
from typing import Any

import pandas as pd

from autograder.scoring.catalog import Exercise, register, register_check
from autograder.scoring.catalog._kpi import TARGETS, kpis, shortfall
from autograder.scoring.rules import Score, overlap, table_within
from course.data import load
from course.models.kpi import cac, funnel, ltv, ltv_cac, payback_months, worst_step
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


#: the best diagnosis must lead the next (product, metric) by this share of its target
DIAGNOSIS_MARGIN = 0.05


def _gaps() -> list[tuple[float, str, str]]:
    """Every (shortfall, product, metric), furthest short of target first."""
    table = product_kpis()
    return sorted(((shortfall(m, table.loc[p, m]), p, m) for p in PRODUCTS for m in TARGETS),
                  reverse=True)


def _scorecard_mistakes() -> list[pd.DataFrame]:
    """Churn as the share of subscriptions ever cancelled; upgrade over sign-ups."""
    subscriptions = load("kpi_subscriptions")
    ever = subscriptions.groupby("product")["cancelled"].apply(lambda c: c.notna().mean())
    events = load("kpi_events")
    overall = {p: float(funnel(rows).loc["upgrade", "overall_conversion"])
               for p, rows in events.groupby("product")}
    return [product_kpis().assign(churn=ever.reindex(list(PRODUCTS)).to_numpy()),
            product_kpis().assign(upgrade=[overall[p] for p in PRODUCTS])]


def _diagnosis_mistakes() -> list[dict[str, str]]:
    """The right product with the runner-up metric; the runner-up product on the metric."""
    right = attention()
    metric = next(m for _, p, m in _gaps() if m != right["metric"])
    product = next(p for _, p, _m in _gaps() if p != right["product"])
    return [{"product": right["product"], "metric": metric},
            {"product": product, "metric": right["metric"]}]


def _economics_mistakes() -> list[pd.DataFrame]:
    """LTV without the gross margin; payback without the margin."""
    table = economics()
    return [table.assign(ltv=table["ltv"] / MARGIN, ltv_cac=table["ltv_cac"] / MARGIN),
            table.assign(payback_months=table["payback_months"] * MARGIN)]


def _sound_diagnosis() -> list[str]:
    """One (product, metric) is furthest short of target, clearly ahead of the next."""
    (first, p1, m1), (second, p2, m2) = _gaps()[:2]
    problems = []
    if first <= 0:
        problems.append("every KPI meets its target: nothing to diagnose")
    if first - second < DIAGNOSIS_MARGIN:
        problems.append(f"{p1} {m1} ({first:.1%} short) and {p2} {m2} ({second:.1%} short) "
                        f"are nearly equally far from target")
    return problems


def _sound_pulse_story() -> list[str]:
    """Pulse (module 06 reads the same data): upgrade its worst step, worst for smb."""
    events = load("kpi_events")
    pulse = events[events["product"] == "pulse"]
    problems = []
    steps = funnel(pulse)["step_conversion"].iloc[1:].sort_values()
    if worst_step(funnel(pulse)) != "upgrade" or steps.iloc[1] - steps.iloc[0] < 0.05:
        problems.append(f"pulse's upgrade step is not clearly its worst ({steps.round(3)})")
    upgrade = pd.Series({s: funnel(rows).loc["upgrade", "step_conversion"]
                         for s, rows in pulse.groupby("segment")}).sort_values()
    if upgrade.index[0] != "smb" or upgrade.iloc[1] - upgrade.iloc[0] < 0.03:
        problems.append(f"small businesses are not clearly pulse's weakest upgrade segment "
                        f"({upgrade.round(3).to_dict()})")
    table = product_kpis().loc["pulse"]
    gaps = sorted((shortfall(m, table[m]), m) for m in TARGETS)
    if gaps[-1][0] - gaps[-2][0] < DIAGNOSIS_MARGIN:
        problems.append(f"pulse's {gaps[-1][1]} and {gaps[-2][1]} are nearly equally far "
                        f"from target")
    return problems


def _score_kpis(value: Any) -> Score:
    tolerances = {"activation": (0.0, 0.002), "upgrade": (0.0, 0.002), "churn": (0.0, 0.0005),
                  "nps": (0.0, 0.5)}
    return table_within(value, product_kpis(), tolerances, what="KPI values")


def _score_economics(value: Any) -> Score:
    tolerances = {c: (0.02, 0.0) for c in ("ltv", "ltv_cac", "payback_months")}
    return table_within(value, economics(), tolerances, what="unit-economics values")


_DIRECTOR = ("director",)
register(Exercise(MODULE, NOTEBOOK, "kpi-scorecard", 3, "kpi", _score_kpis, source="value",
                  competencies=("data-analysis", "business-acumen"), roles=_DIRECTOR,
                  reference=product_kpis, mistakes=_scorecard_mistakes))
register(Exercise(MODULE, NOTEBOOK, "kpi-diagnosis", 2, "kpi",
                  lambda v: overlap(v, attention(), "parts of the diagnosis"),
                  fingerprints=lambda: [json.dumps(attention(), sort_keys=True)],
                  competencies=("data-analysis", "decision-making", "strategic-thinking"),
                  roles=_DIRECTOR, reference=attention, mistakes=_diagnosis_mistakes))
register(Exercise(MODULE, NOTEBOOK, "unit-economics", 3, "kpi", _score_economics,
                  source="value",
                  competencies=("business-acumen", "data-analysis"), roles=_DIRECTOR,
                  reference=economics, mistakes=_economics_mistakes))
register_check(MODULE, "kpi-diagnosis", _sound_diagnosis)
register_check(MODULE, "kpi-pulse-story", _sound_pulse_story)
