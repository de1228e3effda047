"""Module 02, Senior and Group PM: references and scoring."""

from __future__ import annotations

import json
from typing import Any

import pandas as pd

from autograder.scoring.catalog import Exercise, register
from autograder.scoring.rules import (
    Score,
    board_cut,
    board_ranking,
    bucket_credit,
    named_overlap,
    numbers_within,
    table_within,
)
from course.data import load
from course.forms import as_table
from course.models.prioritization import ice, kano, longest_fit, rice, wsjf
from course.variants import variant_cache

MODULE = "02-senior-group-pm"
NB1, NB2 = "1-across-products", "2-frameworks-and-kano"
WSJF_CAPACITY = 20.0  # job-size points the shared team takes on, as stated in the lesson
SPRINT_CAPACITY = 20.0  # developer-days in the sprint, as stated in the lesson
MOVERS = 3  # how many items the "frameworks disagree" lab asks for


# -- WSJF across two products -------------------------------------------------------------


@variant_cache
def wsjf_order() -> tuple[str, ...]:
    """Return the two products' shared backlog by WSJF, highest first."""
    scores = wsjf(load("m02_wsjf_backlog"))
    return tuple(scores.sort_values(ascending=False, kind="stable").index.astype(str))


@variant_cache
def wsjf_funded() -> frozenset[str]:
    """Return the items funded from the top of the WSJF order until the capacity runs out."""
    order = wsjf_order()
    return frozenset(order[: longest_fit(order, load("m02_wsjf_backlog")["job_size"],
                                         WSJF_CAPACITY)])


#: WSJF scores are small numbers (about 1 to 10): one decimal place is as precise as the
#: inputs, so a score rounded to it (1.54 written 1.5) counts.
WSJF_ROUNDING = 0.05


def _score_wsjf(value: Any) -> Score:
    reference = wsjf(load("m02_wsjf_backlog")).to_dict()
    return numbers_within(value, reference, rel=0.01, abs_=WSJF_ROUNDING, what="WSJF scores")


def _score_wsjf_ranking(value: Any) -> Score:
    return board_ranking(value, wsjf_order())


def _score_wsjf_cut(value: Any) -> Score:
    return board_cut(value, wsjf_funded())


# -- MoSCoW under a sprint capacity -------------------------------------------------------


@variant_cache
def moscow_reference() -> dict[str, str]:
    """Return the MoSCoW bucket of every sprint item by the rules stated in the lesson.

    Must: the sprint goal fails without it and there is no workaround. Should: the goal
    needs it but a workaround exists. The rest, by value per day of effort (best first,
    ties in backlog order), are coulds while they fit in the capacity left, else won't.
    """
    items = load("m02_sprint")
    critical = items["goal_critical"].eq("yes")
    workaround = items["workaround"].eq("yes")
    buckets = {str(i): "must" for i in items.index[critical & ~workaround]}
    buckets |= {str(i): "should" for i in items.index[critical & workaround]}
    left = SPRINT_CAPACITY - float(items.loc[critical, "effort"].sum())
    rest = items.loc[~critical].copy()
    rest["ratio"] = rest["value"] / rest["effort"]
    for item, row in rest.sort_values("ratio", ascending=False, kind="stable").iterrows():
        if row["effort"] <= left + 1e-9:
            buckets[str(item)] = "could"
            left -= float(row["effort"])
        else:
            buckets[str(item)] = "wont"
    return buckets


# -- Frameworks disagree ------------------------------------------------------------------


@variant_cache
def framework_scores() -> pd.DataFrame:
    """Return the RICE, ICE and WSJF score of every item of the lab backlog."""
    backlog = load("m02_backlog")
    return pd.DataFrame({
        "rice": rice(backlog),
        "ice": ice(backlog, impact="ice_impact", confidence="ice_confidence"),
        "wsjf": wsjf(backlog),
    })


@variant_cache
def movers() -> tuple[str, ...]:
    """Return the items whose rank differs most between the three frameworks, largest first."""
    ranks = framework_scores().rank(ascending=False, method="min")
    spread = (ranks.max(axis=1) - ranks.min(axis=1)).sort_values(ascending=False, kind="stable")
    top = spread.iloc[:MOVERS]
    if spread.iloc[MOVERS] == top.iloc[-1]:  # the data is built so the answer is unambiguous
        raise ValueError("the lab backlog has a tie at the edge of the biggest movers")
    return tuple(str(i) for i in top.index)


def _score_framework_scores(value: Any) -> Score:
    if as_table(value, list(framework_scores().index), ["rice", "ice", "wsjf"]) is None:
        return Score(0.0, "scores should be a DataFrame with columns rice, ice and wsjf.")
    tolerances = {column: (0.01, WSJF_ROUNDING) for column in ("rice", "ice", "wsjf")}
    return table_within(value, framework_scores(), tolerances, what="scores")


# -- Kano ---------------------------------------------------------------------------------


@variant_cache
def kano_table() -> pd.DataFrame:
    """Return the Kano classification of the seeded survey."""
    return kano(load("m02_kano_survey"))


def _score_kano_coefficients(value: Any) -> Score:
    reference = kano_table()[["better", "worse"]].astype(float)
    if as_table(value, list(reference.index), ["better", "worse"]) is None:
        return Score(0.0, "coefficients should be a DataFrame with columns better and worse.")
    tolerances = {column: (0.0, 0.005) for column in ("better", "worse")}
    return table_within(value, reference, tolerances, what="coefficients")


_SENIOR = ("senior_pm", "product_manager")

register(Exercise(MODULE, NB1, "wsjf-scores", 2, "prioritization", _score_wsjf, source="value",
                  competencies=("business-acumen", "data-analysis"), roles=_SENIOR))
register(Exercise(MODULE, NB1, "wsjf-ranking", 3, "prioritization", _score_wsjf_ranking,
                  fingerprints=lambda: [json.dumps(list(wsjf_order()))],
                  competencies=("decision-making", "strategic-thinking", "scope-management"),
                  roles=_SENIOR))
register(Exercise(MODULE, NB1, "wsjf-cutline", 1, "prioritization", _score_wsjf_cut,
                  record_key="wsjf-ranking",
                  fingerprints=lambda: [json.dumps(sorted(wsjf_funded()))],
                  competencies=("scope-management", "collaboration-influence"), roles=_SENIOR))
register(Exercise(MODULE, NB1, "moscow", 3, "prioritization",
                  lambda v: bucket_credit(v, moscow_reference(), "buckets"),
                  fingerprints=lambda: [json.dumps(moscow_reference(), sort_keys=True)],
                  competencies=("scope-management", "decision-making", "communication"),
                  roles=_SENIOR))
register(Exercise(MODULE, NB2, "framework-scores", 3, "prioritization",
                  _score_framework_scores, source="value",
                  competencies=("data-analysis",), roles=_SENIOR))
register(Exercise(MODULE, NB2, "framework-movers", 2, "prioritization",
                  lambda v: named_overlap(v, movers(), "biggest movers"), source="value",
                  fingerprints=lambda: [json.dumps(sorted(movers())),
                                        json.dumps(list(movers()))],
                  competencies=("decision-making", "adaptability-resilience"), roles=_SENIOR))
register(Exercise(MODULE, NB2, "kano-categories", 3, "prioritization",
                  lambda v: bucket_credit(v, kano_table()["category"].to_dict(), "categories"),
                  fingerprints=lambda: [
                      json.dumps(kano_table()["category"].to_dict(), sort_keys=True)],
                  competencies=("customer-focus", "data-analysis"), roles=_SENIOR))
register(Exercise(MODULE, NB2, "kano-coefficients", 2, "prioritization",
                  _score_kano_coefficients, source="value",
                  competencies=("customer-focus", "data-analysis"), roles=_SENIOR))
register(Exercise(MODULE, NB2, "reflection", 2, "reflection", None, source="manual",
                  competencies=("self-reflection-learning", "communication", "leadership"),
                  roles=_SENIOR))
