"""Module 04, Senior Director, Head of Product, VP: references and scoring."""

from __future__ import annotations

import itertools
import json
import math
from typing import Any

import numpy as np
import pandas as pd

from autograder.scoring.catalog import Exercise, register, register_check
from autograder.scoring.catalog._hints import hinted_overlap
from autograder.scoring.rules import Score, numbers_within, overlap
from autograder.scoring.solver import TOLERANCE, optimal_plan, share_of_optimum
from course.data import figure, load
from course.forms import as_mapping
from course.models.allocation import AllocationScenario
from course.models.portfolio import growth_share_table, project_table
from course.variants import variant_cache

MODULE = "04-senior-leadership"
RATE = 0.10  # discount rate, as stated in lesson 1
KPI_KEYS = ("total_revenue", "revenue_growth", "margin", "star_share")
#: the best set of projects must lead every other set that fits by this much NPV ($k)
UNIQUE_GAP = 1.0


@variant_cache
def projects() -> pd.DataFrame:
    """Return NPV, payback and ROI of every project of m04_projects.csv."""
    return project_table(load("m04_projects"), RATE)


@variant_cache
def funding_scenario() -> AllocationScenario:
    """Return the fund-or-not scenario of the projects, valued at their true NPV."""
    frame = load("m04_projects")
    return AllocationScenario.from_projects(frame, projects()["npv"], frame["investment"],
                                            budget=float(figure("m04_budget")),
                                            value_unit="$k NPV")


@variant_cache
def quadrants() -> dict[str, str]:
    """Return the growth-share quadrant of every product line."""
    return {str(k): str(v) for k, v in growth_share_table(load("m04_product_lines")).items()}


@variant_cache
def portfolio_kpis() -> dict[str, float]:
    """Return the four portfolio KPIs of the executive summary."""
    lines = load("m04_product_lines")
    revenue = lines["revenue"].sum()
    stars = [k for k, v in quadrants().items() if v == "star"]
    return {
        "total_revenue": float(revenue),
        "revenue_growth": float(revenue / lines["revenue_prev"].sum() - 1),
        "margin": float((lines["revenue"] * lines["margin"]).sum() / revenue),
        "star_share": float(lines.loc[stars, "revenue"].sum() / revenue),
    }


def _column(value: Any) -> dict[str, Any] | None:
    """Return a column answer (a Series, a dict or a one-column table) as a dict."""
    return as_mapping(value)


def _score_npv(value: Any) -> Score:
    answer = _column(value)
    if answer is None:
        return Score(0.0, 'projects["npv"] should be a column of the projects table.')
    return numbers_within(answer, projects()["npv"].to_dict(), abs_=0.5, what="NPVs")


def _score_payback(value: Any) -> Score:
    answer = _column(value)
    if answer is None:
        return Score(0.0, 'projects["payback"] should be a column of the projects table.')
    # a payback rounded to one decimal place (2.33 years written 2.3) counts
    return numbers_within(answer, projects()["payback"].to_dict(), abs_=0.05,
                          what="payback periods")


def _score_quadrants(value: Any) -> Score:
    answer = _column(value)
    if answer is None:
        return Score(0.0, 'lines["quadrant"] should be a column of the product-lines table.')
    return overlap(answer, quadrants(), "product lines")  # "Cash cow" reads as cash_cow


def _score_kpis(value: Any) -> Score:
    value = as_mapping(value)
    if value is None:
        return Score(0.0, f"summary should be a dictionary with the keys {', '.join(KPI_KEYS)}.")
    reference = portfolio_kpis()
    tolerance = {"total_revenue": 0.5, "revenue_growth": 0.0005, "margin": 0.0005,
                 "star_share": 0.0005}
    right = sum(numbers_within({k: value.get(k)}, {k: reference[k]}, abs_=tolerance[k])
                .fraction for k in KPI_KEYS)
    return Score(right / len(KPI_KEYS), f"{right:g} of {len(KPI_KEYS)} KPIs within tolerance.")


def _flows() -> pd.DataFrame:
    """Each project's flows by year, the investment negative in year 0."""
    frame = load("m04_projects")
    years = [c for c in frame.columns if c.startswith("cf_")]
    flows = pd.concat([-frame["investment"], frame[years]], axis=1)
    flows.columns = range(len(flows.columns))
    return flows


def _npv_mistakes() -> list[Any]:
    """The flows added up undiscounted; every flow discounted one year too many."""
    flows = _flows()
    late = pd.Series([(1 + RATE) ** -(t + 1) for t in flows.columns], index=flows.columns)
    return [flows.sum(axis=1), (flows * late).sum(axis=1)]


def _payback_mistakes() -> list[Any]:
    """Payback counted in whole years (the year the cumulative flow turns positive)."""
    return [np.ceil(projects()["payback"])]


def greedy_plan() -> dict[str, int]:
    """Projects by NPV, largest first, skipping those that no longer fit the budget."""
    table, cost = projects(), load("m04_projects")["investment"]
    money, plan = float(figure("m04_budget")), {}
    for project in table["npv"].sort_values(ascending=False, kind="stable").index:
        if table.loc[project, "npv"] > 0 and cost[project] <= money:
            plan[str(project)] = 1
            money -= float(cost[project])
    return plan


def _funding_mistakes() -> list[Any]:
    """The top of the NPV list (crowded out); every project (over budget); nothing."""
    return [greedy_plan(), dict.fromkeys(funding_scenario().ids, 1), {}]


def _transposed() -> dict[str, str]:
    """The matrix read with its axes swapped: question marks and cash cows exchanged."""
    swap = {"question_mark": "cash_cow", "cash_cow": "question_mark"}
    return {k: swap.get(v, v) for k, v in quadrants().items()}


def _quadrant_mistakes() -> list[Any]:
    """The axes swapped; every label moved one line down."""
    labels = pd.Series(quadrants())
    return [_transposed(), pd.Series(np.roll(labels.to_numpy(), 1), index=labels.index)]


def _kpi_mistakes() -> list[Any]:
    """The plain average of the margins; growth as a ratio, not a change."""
    kpis, lines = portfolio_kpis(), load("m04_product_lines")
    return [dict(kpis, margin=float(lines["margin"].mean())),
            dict(kpis, revenue_growth=kpis["revenue_growth"] + 1)]


def _sound_funding() -> list[str]:
    """One best set of projects, clearly ahead of the next; greedy by NPV falls short."""
    scenario = funding_scenario()
    values = sorted((scenario.evaluate(dict(zip(scenario.ids, pick, strict=True))).value
                     for pick in itertools.product([0, 1], repeat=len(scenario.ids))
                     if scenario.evaluate(dict(zip(scenario.ids, pick,
                                                   strict=True))).feasible), reverse=True)
    best = optimal_plan(scenario).value
    problems = []
    if not math.isclose(values[0], best, rel_tol=1e-9, abs_tol=1e-6):
        problems.append(f"the solver's best NPV {best:.1f} is not the exhaustive {values[0]:.1f}")
    if values[1] > values[0] - UNIQUE_GAP:
        problems.append(f"two sets of projects are within {UNIQUE_GAP:g} $k of the best NPV "
                        f"({values[0]:.1f} and {values[1]:.1f})")
    funded = sum(optimal_plan(scenario).plan.values())
    if not 2 <= funded < len(scenario.ids):
        problems.append(f"the best set funds {funded} of {len(scenario.ids)} projects")
    greedy = scenario.evaluate(greedy_plan()).value
    if greedy >= (1 - TOLERANCE) * best:
        problems.append("taking the projects by NPV, largest first, is as good as the best")
    return problems


def _sound_projects() -> list[str]:
    """Every project pays back within five years; whole years are not the payback."""
    table = projects()
    problems = [f"{p} pays back after {v:.2f} years" for p, v in table["payback"].items()
                if not 0 < v <= 5]
    fraction = table["payback"] % 1
    if int(((fraction >= 0.1) & (fraction <= 0.9)).sum()) < 2:
        problems.append("nearly every payback is a whole number of years")
    return problems


def _sound_lines() -> list[str]:
    """Every quadrant is used, no line sits on a cut, the margins tell weighted from plain."""
    lines = load("m04_product_lines")
    problems = []
    if set(quadrants().values()) != {"star", "cash_cow", "question_mark", "dog"}:
        problems.append(f"not every quadrant holds a line: {sorted(set(quadrants().values()))}")
    near = lines.index[((lines["market_growth"] - 0.10).abs() < 0.01)
                       | ((lines["relative_share"] - 1.0).abs() < 0.05)]
    problems += [f"{line} sits on a cut-off of the matrix" for line in near]
    if abs(portfolio_kpis()["margin"] - lines["margin"].mean()) < 0.005:
        problems.append("the weighted margin equals the plain average")
    return problems


register_check(MODULE, "funding", _sound_funding)
register_check(MODULE, "projects", _sound_projects)
register_check(MODULE, "product-lines", _sound_lines)

_NB1, _NB2 = "1-portfolio-investment", "2-growth-share-and-reporting"
_LEADERS = ("senior_director", "head_of_product", "vp_product")

#: The rung each job posting of m04_rungs.csv describes (the key).
RUNGS = {"P1": "head_of_product", "P2": "senior_director", "P3": "vp_product",
         "P4": "senior_director", "P5": "head_of_product", "P6": "vp_product"}
_RUNG_HINTS = {
    "P1": "what does it own: some teams, the function, or the portfolio's money?",
    "P2": "count the teams, and see who else is in the resource decision.",
    "P3": "what is being decided, and across what?",
    "P4": "is the job about teams succeeding together, the function, or investment?",
    "P5": "what does the person answer for, and to whom?",
    "P6": "how high are the calls, and over how much of the product?",
}
#: What each draft sentence of m04_summary_lines.csv needs (the key).
SUMMARY_EDITS = {"B1": "number-alone", "B2": "keep", "B3": "plain-average", "B4": "keep",
                 "B5": "answer-buried", "B6": "keep"}
_EDIT_HINTS = {
    "B1": "is the number compared with anything?",
    "B2": "does it compare, and say where the growth came from?",
    "B3": "how is a portfolio's margin computed?",
    "B4": "does it propose, cost and say what will not be done?",
    "B5": "where does the reader find what they must decide?",
    "B6": "a number with its comparison, a risk and what will be watched.",
}

register(Exercise(MODULE, _NB1, "which-rung", 3, "roles",
                  lambda v: hinted_overlap(v, RUNGS, _RUNG_HINTS, "postings"),
                  fingerprints=lambda: [json.dumps(RUNGS, sort_keys=True)],
                  competencies=("scope-management", "leadership", "team-management"),
                  roles=("senior_director", "head_of_product", "vp_product")))
register(Exercise(MODULE, _NB2, "summary-edits", 3, "roles",
                  lambda v: hinted_overlap(v, SUMMARY_EDITS, _EDIT_HINTS, "sentences"),
                  fingerprints=lambda: [json.dumps(SUMMARY_EDITS, sort_keys=True)],
                  competencies=("communication", "business-acumen", "data-analysis"),
                  roles=("senior_director", "head_of_product", "vp_product")))
register(Exercise(MODULE, _NB1, "project-npv", 2, "portfolio", _score_npv, source="value",
                  competencies=("business-acumen", "data-analysis"), roles=_LEADERS,
                  reference=lambda: projects()["npv"], mistakes=_npv_mistakes))
register(Exercise(MODULE, _NB1, "project-payback", 1, "portfolio", _score_payback,
                  source="value", competencies=("business-acumen",), roles=_LEADERS,
                  reference=lambda: projects()["payback"], mistakes=_payback_mistakes))
register(Exercise(MODULE, _NB1, "fund-projects", 4, "allocation",
                  lambda v: share_of_optimum(v, funding_scenario()), scenario=funding_scenario,
                  fingerprints=lambda: [json.dumps(optimal_plan(funding_scenario()).plan,
                                                   sort_keys=True)],
                  competencies=("decision-making", "strategic-thinking", "scope-management"),
                  roles=_LEADERS,
                  reference=lambda: optimal_plan(funding_scenario()).plan,
                  mistakes=_funding_mistakes))
register(Exercise(MODULE, _NB2, "growth-share", 3, "portfolio", _score_quadrants,
                  source="value",
                  fingerprints=lambda: [json.dumps(quadrants(), sort_keys=True)],
                  competencies=("strategic-thinking", "data-analysis"), roles=_LEADERS,
                  reference=lambda: pd.Series(quadrants()), mistakes=_quadrant_mistakes))
register(Exercise(MODULE, _NB2, "portfolio-kpis", 3, "kpi", _score_kpis, source="value",
                  competencies=("data-analysis", "communication"), roles=_LEADERS,
                  reference=portfolio_kpis, mistakes=_kpi_mistakes))
register(Exercise(MODULE, _NB2, "executive-summary", 3, "reflection", None, source="manual",
                  competencies=("communication", "collaboration-influence"), roles=_LEADERS))

__all__ = ["funding_scenario", "greedy_plan", "portfolio_kpis", "projects", "quadrants"]
