"""Module 10, Competencies across the ladder: references and scoring.

Three kinds of exercise train the fifteen competencies one by one:

- **rung placement**: observed behaviours placed on the rung (PM, Director, VP, CPO) whose
  description in source 004 they match; graded per behaviour (share right);
- **scenario choice**: how to handle a short situation at a given rung; the best response
  earns everything, a defensible but weaker one half, the rest nothing;
- **small analyses**: an experiment readout by segment (data analysis) and the monthly
  profit of four pricing proposals (business acumen), graded on the numbers, then the call
  they support.

Every competency has one exercise whose *main* competency it is (``MAIN``); domain
knowledge and strategic partnerships, the least trained elsewhere, have two.

The two analyses work on the learner's own data (``course/variation/m10.py``): their
references are computed from it, and the soundness checks keep the story the lesson and
the Director scenario tell (the pooled gap misleads, the discount raises revenue but not
profit, one proposal is clearly the most profitable). The placements and scenarios are
facts: their keys are the same for everybody, only their presentation order varies.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import pandas as pd

from autograder.scoring.catalog import Exercise, register, register_check
from autograder.scoring.rules import Score, exact, overlap, table_within
from course.data import load
from course.forms import as_scalar, label_key
from course.variants import variant_cache

__all__ = [
    "CHOICE_CREDIT",
    "MAIN",
    "PLACEMENTS",
    "best_proposal",
    "experiment_reference",
    "pricing_reference",
    "score_choice",
]

MODULE = "10-competencies"
NB1, NB2, NB3, NB4, NB5 = ("1-direction", "2-people", "3-reach", "4-market",
                           "5-numbers-and-change")
#: The four rungs whose competencies source 004 describes (answer ids of the placements).
RUNG_ROLES = {"pm": "product_manager", "director": "director", "vp": "vp_product",
              "cpo": "cpo"}
_ALL = tuple(RUNG_ROLES.values())

#: The rung each behaviour of m10_behaviours.csv describes (the placement exercises' key).
PLACEMENTS: dict[str, dict[str, str]] = {
    "strategy-rungs": {"ST1": "pm", "ST2": "cpo", "ST3": "director", "ST4": "vp",
                       "ST5": "pm", "ST6": "director"},
    "vision-rungs": {"VI1": "cpo", "VI2": "pm", "VI3": "vp", "VI4": "director", "VI5": "pm"},
    "leadership-rungs": {"LE1": "cpo", "LE2": "pm", "LE3": "vp", "LE4": "director",
                         "LE5": "pm"},
    "scope-rungs": {"SC1": "cpo", "SC2": "pm", "SC3": "vp", "SC4": "director", "SC5": "pm"},
    "customer-rungs": {"CF1": "pm", "CF2": "cpo", "CF3": "director", "CF4": "vp",
                       "CF5": "pm"},
    # the Director's list in source 004 has no separate domain-knowledge item
    "domain-rungs": {"DK1": "pm", "DK2": "vp", "DK3": "cpo", "DK4": "pm", "DK5": "vp"},
    # the PM's list in source 004 has no strategic-partnerships item
    "partnership-rungs": {"SP1": "director", "SP2": "vp", "SP3": "cpo", "SP4": "director",
                          "SP5": "vp"},
}

#: Credit of each response of m10_scenario_options.csv (the scenario exercises' key):
#: 1 the best handling at that rung, 0.5 defensible but weaker, 0 otherwise.
CHOICE_CREDIT: dict[str, dict[str, float]] = {
    "incomplete-data": {"A": 0.0, "B": 0.5, "C": 1.0, "D": 0.0},
    "team-growth": {"A": 0.0, "B": 0.5, "C": 0.0, "D": 1.0},
    "feedback-response": {"A": 1.0, "B": 0.0, "C": 0.5, "D": 0.0},
    "influence": {"A": 0.0, "B": 0.0, "C": 0.5, "D": 1.0},
    "slip": {"A": 0.0, "B": 1.0, "C": 0.0, "D": 0.5},
    "new-domain": {"A": 0.0, "B": 0.0, "C": 0.5, "D": 1.0},
    "negotiation": {"A": 0.0, "B": 1.0, "C": 0.0, "D": 0.5},
    "experiment-call": {"A": 0.0, "B": 0.0, "C": 1.0, "D": 0.0},
    "market-shift": {"A": 0.0, "B": 0.0, "C": 0.5, "D": 1.0},
}

#: The competency each exercise mainly trains (its section of the module).
MAIN: dict[str, str] = {
    "strategy-rungs": "strategic-thinking",
    "vision-rungs": "vision-innovation",
    "incomplete-data": "decision-making",
    "leadership-rungs": "leadership",
    "team-growth": "team-management",
    "feedback-response": "self-reflection-learning",
    "scope-rungs": "scope-management",
    "influence": "collaboration-influence",
    "slip": "communication",
    "customer-rungs": "customer-focus",
    "domain-rungs": "domain-knowledge",
    "new-domain": "domain-knowledge",
    "partnership-rungs": "strategic-partnerships",
    "negotiation": "strategic-partnerships",
    "experiment-rates": "data-analysis",
    "experiment-call": "data-analysis",
    "pricing-profit": "business-acumen",
    "pricing-call": "business-acumen",
    "market-shift": "adaptability-resilience",
}



def score_choice(value: Any, credit: Mapping[str, float], what: str = "response") -> Score:
    """Score one picked option by its credit (1 best, 0.5 weaker, 0 otherwise)."""
    picked = as_scalar(value)
    if not isinstance(picked, str) or not picked.strip():
        return Score(0.0, f"No {what} was chosen.")
    by_label = {label_key(k): v for k, v in credit.items()}
    got = by_label.get(label_key(picked))
    if got is None:
        return Score(0.0, f"{picked!r} is not one of the options.")
    if got >= 1:
        return Score(1.0, f"The {what} you chose is the strongest at this rung.")
    if got > 0:
        return Score(got, f"The {what} you chose is defensible, but a stronger one exists.")
    return Score(0.0, f"The {what} you chose is not a good way to handle this.")


@variant_cache
def experiment_reference() -> pd.DataFrame:
    """Return conversion (converted / users) by segment (new, returning, all) and variant."""
    data = load("m10_experiment")
    by = data.groupby(["segment", "variant"])[["users", "converted"]].sum()
    total = data.groupby("variant")[["users", "converted"]].sum()
    rates = (by["converted"] / by["users"]).unstack("variant")
    rates.loc["all"] = total["converted"] / total["users"]
    rates.columns.name = None
    rates.index.name = "segment"
    return rates[["control", "test"]].astype(float)


@variant_cache
def pricing_reference() -> pd.DataFrame:
    """Return monthly revenue, profit and margin of every pricing proposal (lesson 5).

    profit = accounts x (price - unit_cost) - fixed_cost; margin = profit / revenue.
    """
    plans = load("m10_pricing")
    revenue = plans["price"] * plans["accounts"]
    profit = plans["accounts"] * (plans["price"] - plans["unit_cost"]) - plans["fixed_cost"]
    return pd.DataFrame({"revenue": revenue, "profit": profit,
                         "margin": profit / revenue}).astype(float)


@variant_cache
def best_proposal() -> str:
    """Return the proposal with the highest monthly profit."""
    return str(pricing_reference()["profit"].idxmax())


def _rates_mistakes() -> list[pd.DataFrame]:
    """The "all" row as the mean of the segment rates; rates in percent; groups swapped."""
    rates = experiment_reference()
    mean = rates.copy()
    mean.loc["all"] = rates.loc[["new", "returning"]].mean()
    swapped = rates.rename(columns={"control": "test", "test": "control"})
    return [mean, 100 * rates, swapped]


def _pricing_mistakes() -> list[pd.DataFrame]:
    """No fixed cost; the margin in percent; profit as revenue less fixed cost only."""
    plans, pricing = pricing_reference(), load("m10_pricing")
    unfixed = plans.assign(profit=plans["profit"] + pricing["fixed_cost"])
    unfixed["margin"] = unfixed["profit"] / unfixed["revenue"]
    no_unit = plans.assign(profit=plans["revenue"] - pricing["fixed_cost"])
    no_unit["margin"] = no_unit["profit"] / no_unit["revenue"]
    return [unfixed, plans.assign(margin=100 * plans["margin"]), no_unit]


def _sound_experiment() -> list[str]:
    """The readout fits the Director scenario's story, and pooling differs from averaging."""
    rates = experiment_reference()
    gap = rates["test"] - rates["control"]
    problems = []
    if gap["all"] < 0.03:
        problems.append(f"the test group is not far better overall ({gap['all']:+.3f})")
    if gap["new"] < 0.01:
        problems.append(f"the test does not clearly help new users ({gap['new']:+.3f})")
    if not -0.025 <= gap["returning"] <= -0.003:
        problems.append(f"the test does not slightly hurt returning users "
                        f"({gap['returning']:+.3f})")
    mean = rates.loc[["new", "returning"]].mean()
    if ((mean - rates.loc["all"]).abs() < 0.002).any():
        problems.append("the mean of the segment rates is close to the pooled rate")
    if ((rates - rates.round(3)).abs() > 0.00049).any().any():
        problems.append("a rate rounded to three decimals falls outside the tolerance")
    return problems


def _sound_pricing() -> list[str]:
    """One clearly most profitable proposal, not the one with the highest revenue."""
    plans = pricing_reference()
    ranked = plans["profit"].sort_values(ascending=False)
    problems = []
    if ranked.iloc[0] < 1.03 * ranked.iloc[1]:
        problems.append(f"{ranked.index[0]} and {ranked.index[1]} are within 3% on profit")
    if plans["revenue"].idxmax() == ranked.index[0]:
        problems.append("the highest revenue is also the highest profit")
    if not (plans.loc["P1", "revenue"] > plans.loc["P0", "revenue"]
            and plans.loc["P1", "profit"] < plans.loc["P0", "profit"]):
        problems.append("the discount does not raise revenue while lowering profit")
    if (plans["profit"] <= 0).any():
        problems.append("a proposal loses money")
    if ((plans["margin"] - plans["margin"].round(2)).abs() > 0.00495).any():
        problems.append("a margin rounded to two decimals falls outside the tolerance")
    return problems


register_check(MODULE, "experiment", _sound_experiment)
register_check(MODULE, "pricing", _sound_pricing)


def _score_rates(value: Any) -> Score:
    return table_within(value, experiment_reference(),
                        {"control": (0.0, 0.0005), "test": (0.0, 0.0005)}, "conversion rates")


def _score_pricing(value: Any) -> Score:
    return table_within(value, pricing_reference(),
                        {"revenue": (0.001, 0.0), "profit": (0.001, 0.0),
                         "margin": (0.0, 0.005)}, "pricing cells")


def _score_proposal(value: Any) -> Score:
    picked = as_scalar(value)
    if not isinstance(picked, str):
        return Score(0.0, "No proposal was chosen.")
    return exact(label_key(picked), label_key(best_proposal()), "proposal")


def _placement(exercise: str, notebook: str, points: float, others: tuple[str, ...],
               roles: tuple[str, ...]) -> Exercise:
    key = PLACEMENTS[exercise]
    return register(Exercise(
        MODULE, notebook, exercise, points, "roles",
        lambda v, key=key: overlap(v, key, "behaviours"),
        fingerprints=lambda key=key: [json.dumps(key, sort_keys=True)],
        competencies=(MAIN[exercise], *others), roles=roles))


def _scenario(exercise: str, notebook: str, points: float, others: tuple[str, ...],
              roles: tuple[str, ...]) -> Exercise:
    credit = CHOICE_CREDIT[exercise]
    return register(Exercise(
        MODULE, notebook, exercise, points, "scenario",
        lambda v, credit=credit: score_choice(v, credit),
        fingerprints=lambda credit=credit: [json.dumps(credit, sort_keys=True)],
        competencies=(MAIN[exercise], *others), roles=roles))


# -- lesson 1: strategic thinking, vision and innovation, decision-making --------------------
_placement("strategy-rungs", NB1, 2, (), _ALL)
_placement("vision-rungs", NB1, 2, (), _ALL)
_scenario("incomplete-data", NB1, 2, ("adaptability-resilience",), ("director",))
# -- lesson 2: leadership, team management, self-reflection ----------------------------------
_placement("leadership-rungs", NB2, 2, (), _ALL)
_scenario("team-growth", NB2, 2, ("leadership",), ("vp_product", "director"))
_scenario("feedback-response", NB2, 2, ("leadership",), ("director",))
# -- lesson 3: scope management, collaboration and influence, communication ------------------
_placement("scope-rungs", NB3, 2, (), _ALL)
_scenario("influence", NB3, 2, ("communication",), ("director",))
_scenario("slip", NB3, 2, ("collaboration-influence",), ("product_manager",))
# -- lesson 4: customer focus, domain knowledge, strategic partnerships ----------------------
_placement("customer-rungs", NB4, 2, (), _ALL)
_placement("domain-rungs", NB4, 2, (), ("product_manager", "vp_product", "cpo"))
_scenario("new-domain", NB4, 2, ("customer-focus",), ("vp_product",))
_placement("partnership-rungs", NB4, 2, (), ("director", "vp_product", "cpo"))
_scenario("negotiation", NB4, 2, ("business-acumen",), ("vp_product", "cpo"))
# -- lesson 5: data analysis, business acumen, adaptability and resilience -------------------
register(Exercise(MODULE, NB5, "experiment-rates", 3, "kpi", _score_rates, source="value",
                  fingerprints=lambda: [json.dumps(
                      experiment_reference().round(4).to_dict(orient="index"), sort_keys=True)],
                  competencies=("data-analysis",), roles=("director", "product_manager"),
                  reference=experiment_reference, mistakes=_rates_mistakes))
_scenario("experiment-call", NB5, 2, ("decision-making",), ("director",))
register(Exercise(MODULE, NB5, "pricing-profit", 3, "kpi", _score_pricing, source="value",
                  fingerprints=lambda: [json.dumps(
                      pricing_reference().round(4).to_dict(orient="index"), sort_keys=True)],
                  competencies=("business-acumen", "data-analysis"),
                  roles=("vp_product", "cpo"),
                  reference=pricing_reference, mistakes=_pricing_mistakes))
register(Exercise(MODULE, NB5, "pricing-call", 2, "portfolio", _score_proposal,
                  competencies=("business-acumen", "decision-making"),
                  roles=("vp_product", "cpo"), reference=best_proposal,
                  mistakes=lambda: [p for p in pricing_reference().index
                                    if p != best_proposal()]))
_scenario("market-shift", NB5, 2, ("strategic-thinking", "vision-innovation"), ("cpo",))
register(Exercise(MODULE, NB5, "next-rung", 2, "reflection", None, source="manual",
                  competencies=("self-reflection-learning", "communication"), roles=_ALL))
