"""Module 02, Senior and Group PM: references and scoring."""

from __future__ import annotations

import json
from typing import Any

import pandas as pd

from autograder.scoring.catalog import Exercise, register, register_check
from autograder.scoring.rules import (
    Score,
    board_cut,
    board_ranking,
    bucket_credit,
    named_overlap,
    numbers_within,
    table_within,
)
from course.data import figure, load
from course.forms import as_table
from course.models.prioritization import (
    KANO_ANSWERS,
    MUST_SHARE,
    ice,
    kano,
    longest_fit,
    moscow,
    rice,
    wsjf,
)
from course.variants import variant_cache
from course.variation.m02 import PLAUSIBLE, kano_lead

MODULE = "02-senior-group-pm"
NB1, NB2 = "1-across-products", "2-frameworks-and-kano"
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
    capacity = float(figure("m02_wsjf_capacity"))  # job-size points, stated in the lesson
    return frozenset(order[: longest_fit(order, load("m02_wsjf_backlog")["job_size"],
                                         capacity)])


#: WSJF scores are small numbers (about 1 to 10): one decimal place is as precise as the
#: inputs, so a score rounded to it (1.54 written 1.5) counts.
WSJF_ROUNDING = 0.05


def _score_wsjf(value: Any) -> Score:
    """Score the reported WSJF scores against this variant's."""
    reference = wsjf(load("m02_wsjf_backlog")).to_dict()
    return numbers_within(value, reference, rel=0.01, abs_=WSJF_ROUNDING, what="WSJF scores")


def _score_wsjf_ranking(value: Any) -> Score:
    """Score the saved board's order against the WSJF order."""
    return board_ranking(value, wsjf_order())


def _score_wsjf_cut(value: Any) -> Score:
    """Score the saved board's cut line against the items the capacity funds."""
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
    left = float(figure("m02_sprint_days")) - float(items.loc[critical, "effort"].sum())
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
    """Score the reported RICE, ICE and WSJF table cell by cell."""
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
    """Score the reported better and worse coefficients cell by cell."""
    reference = kano_table()[["better", "worse"]].astype(float)
    if as_table(value, list(reference.index), ["better", "worse"]) is None:
        return Score(0.0, "coefficients should be a DataFrame with columns better and worse.")
    tolerances = {column: (0.0, 0.005) for column in ("better", "worse")}
    return table_within(value, reference, tolerances, what="coefficients")


# -- What the variant tester checks -------------------------------------------------------


def _board(order: tuple[str, ...] | list[str], cut: int) -> dict[str, Any]:
    """A ranking board's saved value: the order and how many items are funded."""
    return {"order": list(order), "cut": cut}


def _wsjf_board() -> dict[str, Any]:
    """The board a learner who solved this variant saves: WSJF order, the right cut."""
    return _board(wsjf_order(), len(wsjf_funded()))


def _wsjf_mistakes() -> list[Any]:
    """Cost of delay alone, cost of delay times job size, the risk reduction left out."""
    shared = load("m02_wsjf_backlog")
    delay = shared["business_value"] + shared["time_criticality"] + shared["risk_reduction"]
    partial = shared["business_value"] + shared["time_criticality"]
    return [delay, delay * shared["job_size"], partial / shared["job_size"]]


def _ranking_mistakes() -> list[Any]:
    """The reverse order, and the order the board starts in (backlog order)."""
    count = len(wsjf_funded())
    return [_board(wsjf_order()[::-1], count),
            _board(list(load("m02_wsjf_backlog").index.astype(str)), count)]


def _cut_mistakes() -> list[Any]:
    """One item too many, one too few."""
    count = len(wsjf_funded())
    return [_board(wsjf_order(), count + 1), _board(wsjf_order(), count - 1)]


def _moscow_mistakes() -> list[Any]:
    """Coulds by value instead of value per day; shoulds made musts; no coulds at all."""
    items, reference = load("m02_sprint"), moscow_reference()
    committed = [i for i, b in reference.items() if b in ("must", "should")]
    left = float(figure("m02_sprint_days")) - float(items.loc[committed, "effort"].sum())
    by_value = {i: b for i, b in reference.items() if b in ("must", "should")}
    rest = items.drop(index=committed)
    for item, row in rest.sort_values("value", ascending=False, kind="stable").iterrows():
        fits = row["effort"] <= left + 1e-9
        by_value[str(item)] = "could" if fits else "wont"
        left -= float(row["effort"]) if fits else 0.0
    all_must = {i: "must" if b == "should" else b for i, b in reference.items()}
    no_coulds = {i: "wont" if b == "could" else b for i, b in reference.items()}
    return [by_value, all_must, no_coulds]


def _framework_mistakes() -> list[Any]:
    """RICE without its confidence; ICE as a sum; WSJF as the cost of delay alone."""
    backlog, right = load("m02_backlog"), framework_scores()
    delay = backlog["business_value"] + backlog["time_criticality"] + backlog["risk_reduction"]
    return [
        right.assign(rice=backlog["reach"] * backlog["impact"] / backlog["effort"]),
        right.assign(ice=backlog["ice_impact"] + backlog["ice_confidence"] + backlog["ease"]),
        right.assign(wsjf=delay),
    ]


def _movers_mistakes() -> list[Any]:
    """The three items that move least; the top three by RICE."""
    ranks = framework_scores().rank(ascending=False, method="min")
    spread = (ranks.max(axis=1) - ranks.min(axis=1)).sort_values(kind="stable")
    rice_top = framework_scores()["rice"].sort_values(ascending=False, kind="stable")
    return [list(spread.index[:MOVERS]), list(rice_top.index[:MOVERS])]


def _kano_categories() -> dict[str, str]:
    """The Kano category of every feature, as the menus save it."""
    return {str(k): str(v) for k, v in kano_table()["category"].items()}


def _kano_mistakes() -> list[Any]:
    """Must-be and performance confused; the evaluation table read the wrong way round."""
    swap = {"must-be": "performance", "performance": "must-be"}
    confused = {k: swap.get(v, v) for k, v in _kano_categories().items()}
    survey = load("m02_kano_survey")
    turned = survey.assign(functional=survey["dysfunctional"],
                           dysfunctional=survey["functional"])
    transposed = {str(k): str(v) for k, v in kano(turned)["category"].items()}
    return [confused, transposed]


def _coefficients_mistakes() -> list[Any]:
    """Worse without its minus sign; both shares taken over every answer (R and Q too)."""
    table = kano_table()
    right = table[["better", "worse"]].astype(float)
    everything = table[["must-be", "performance", "attractive", "indifferent", "reverse",
                        "questionable"]].sum(axis=1)
    over_all = pd.DataFrame({
        "better": (table["attractive"] + table["performance"]) / everything,
        "worse": -(table["performance"] + table["must-be"]) / everything,
    })
    return [right.assign(worse=-right["worse"]), over_all]


def _apart(scores: pd.Series, rel: float, abs_: float = 0.0) -> list[str]:
    """Pairs of neighbouring scores closer than ``rel`` (relative) or ``abs_``."""
    ordered = scores.sort_values(ascending=False, kind="stable")
    names = list(ordered.index)
    return [f"{names[i]} and {names[i + 1]} score within {rel:.0%} or {abs_:g} "
            f"({ordered.iloc[i]:.3g} and {ordered.iloc[i + 1]:.3g})"
            for i in range(len(names) - 1)
            if ordered.iloc[i] - ordered.iloc[i + 1] <= max(rel * ordered.iloc[i + 1], abs_)]


def _sound_wsjf() -> list[str]:
    """One WSJF order (no near-tie, even rounded to a decimal) and a cut line inside it."""
    shared = load("m02_wsjf_backlog")
    problems = [f"WSJF: {p}" for p in _apart(wsjf(shared), 0.03, 0.15)]
    order, funded = wsjf_order(), len(wsjf_funded())
    if not 3 <= funded <= len(order) - 2:
        problems.append(f"the cut line funds {funded} of {len(order)} items")
    if (shared["job_size"] < 2).any():
        problems.append("a job size of 1 makes the cost of delay a right WSJF score")
    return problems


def _sound_sprint() -> list[str]:
    """The reference plan fits, uses every bucket, and coulds by value alone differ."""
    items, reference = load("m02_sprint"), moscow_reference()
    days = float(figure("m02_sprint_days"))
    plan = moscow(reference, items["effort"], days, MUST_SHARE)
    problems = [f"the reference plan does not fit: {p}" for p in plan.problems]
    unused = sorted(set(("must", "should", "could", "wont")) - set(reference.values()))
    if unused:
        problems.append(f"no item belongs in {', '.join(unused)}")
    rest = items.loc[items["goal_critical"].eq("no")]
    problems += [f"value per day: {p}" for p in _apart(rest["value"] / rest["effort"], 0.02)]
    if _moscow_mistakes()[0] == reference:
        problems.append("taking the coulds by value alone gives the right plan")
    return problems


def _sound_lab() -> list[str]:
    """Clear scores per framework, three clear movers, the tax rules' story intact."""
    scores = framework_scores()
    problems = [f"{c.upper()}: {p}" for c in scores for p in _apart(scores[c], 0.02)]
    ranks = scores.rank(ascending=False, method="min")
    spread = (ranks.max(axis=1) - ranks.min(axis=1)).sort_values(ascending=False)
    if spread.iloc[MOVERS] >= spread.iloc[MOVERS - 1]:
        problems.append(f"a tie at the edge of the biggest movers ({spread.to_dict()})")
    low_ice = (scores["ice"] > scores.loc["F02", "ice"]).sum() >= len(scores) // 2
    if scores["rice"].idxmin() != "F02" or scores["wsjf"].idxmax() != "F02" or not low_ice:
        problems.append("the tax rules (F02) are not last by RICE, low by ICE and first by "
                        "WSJF, as the reflection's model answer says")
    if (load("m02_backlog")["confidence"] >= 1).all():
        problems.append("every confidence is 1.0: RICE without it would be right")
    return problems


def _sound_kano() -> list[str]:
    """One clear category per feature, a plausible one, and some reverse or Q answers."""
    table = kano_table()
    lead = pd.Series(kano_lead(table), index=table.index)
    problems = [f"{f}'s category leads the next by only {int(n)} answers"
                for f, n in lead.items() if n < 3]
    problems += [f"{f} comes out {c}, not one of {', '.join(PLAUSIBLE[f])}"
                 for f, c in table["category"].items() if c not in PLAUSIBLE.get(f, (c,))]
    if not (table[["reverse", "questionable"]] > 0).any(axis=None):
        problems.append("no reverse or questionable answer: the coefficients' base is trivial")
    survey = load("m02_kano_survey")
    if (set(survey["functional"]) | set(survey["dysfunctional"])) - set(KANO_ANSWERS):
        problems.append("the survey holds an answer outside the five Kano answers")
    return problems


register_check(MODULE, "wsjf-order", _sound_wsjf)
register_check(MODULE, "sprint", _sound_sprint)
register_check(MODULE, "frameworks", _sound_lab)
register_check(MODULE, "kano", _sound_kano)


_SENIOR = ("senior_pm", "product_manager")

register(Exercise(MODULE, NB1, "wsjf-scores", 2, "prioritization", _score_wsjf, source="value",
                  competencies=("business-acumen", "data-analysis"), roles=_SENIOR,
                  reference=lambda: wsjf(load("m02_wsjf_backlog")), mistakes=_wsjf_mistakes))
register(Exercise(MODULE, NB1, "wsjf-ranking", 3, "prioritization", _score_wsjf_ranking,
                  fingerprints=lambda: [json.dumps(list(wsjf_order()))],
                  competencies=("decision-making", "strategic-thinking", "scope-management"),
                  roles=_SENIOR, reference=_wsjf_board, mistakes=_ranking_mistakes))
register(Exercise(MODULE, NB1, "wsjf-cutline", 1, "prioritization", _score_wsjf_cut,
                  record_key="wsjf-ranking",
                  fingerprints=lambda: [json.dumps(sorted(wsjf_funded()))],
                  competencies=("scope-management", "collaboration-influence"), roles=_SENIOR,
                  reference=_wsjf_board, mistakes=_cut_mistakes))
register(Exercise(MODULE, NB1, "moscow", 3, "prioritization",
                  lambda v: bucket_credit(v, moscow_reference(), "buckets"),
                  fingerprints=lambda: [json.dumps(moscow_reference(), sort_keys=True)],
                  competencies=("scope-management", "decision-making", "communication"),
                  roles=_SENIOR, reference=moscow_reference, mistakes=_moscow_mistakes))
register(Exercise(MODULE, NB2, "framework-scores", 3, "prioritization",
                  _score_framework_scores, source="value",
                  competencies=("data-analysis",), roles=_SENIOR,
                  reference=framework_scores, mistakes=_framework_mistakes))
register(Exercise(MODULE, NB2, "framework-movers", 2, "prioritization",
                  lambda v: named_overlap(v, movers(), "biggest movers"), source="value",
                  fingerprints=lambda: [json.dumps(sorted(movers())),
                                        json.dumps(list(movers()))],
                  competencies=("decision-making", "adaptability-resilience"), roles=_SENIOR,
                  reference=lambda: list(movers()), mistakes=_movers_mistakes))
register(Exercise(MODULE, NB2, "kano-categories", 3, "prioritization",
                  lambda v: bucket_credit(v, kano_table()["category"].to_dict(), "categories"),
                  fingerprints=lambda: [
                      json.dumps(kano_table()["category"].to_dict(), sort_keys=True)],
                  competencies=("customer-focus", "data-analysis"), roles=_SENIOR,
                  reference=_kano_categories, mistakes=_kano_mistakes))
register(Exercise(MODULE, NB2, "kano-coefficients", 2, "prioritization",
                  _score_kano_coefficients, source="value",
                  competencies=("customer-focus", "data-analysis"), roles=_SENIOR,
                  reference=lambda: kano_table()[["better", "worse"]].astype(float),
                  mistakes=_coefficients_mistakes))
register(Exercise(MODULE, NB2, "reflection", 2, "reflection", None, source="manual",
                  competencies=("self-reflection-learning", "communication", "leadership"),
                  roles=_SENIOR))
