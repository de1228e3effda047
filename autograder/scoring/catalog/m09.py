"""Module 09, the capstone (a year as Director): references and scoring.

The year is one simulation (:mod:`course.models.capstone`), so the later quarters are
graded on the learner's own division: the Q2 data reflects their Q1 choice, and the Q3 and
Q4 plans are compared with the best plan for the engineers, budget and tech debt their
earlier decisions left them. The hidden tests of Q2 to Q4 therefore pass the decisions
made so far (``{"q1": ..., "q2": ..., ...}``, the widgets' saved answers).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import pandas as pd

from autograder.scoring.catalog import Exercise, register
from autograder.scoring.rules import Score, board_cut, board_ranking, overlap
from autograder.scoring.solver import optimal_plan, share_of_optimum
from course.data import load
from course.models import ScenarioError
from course.models.allocation import AllocationScenario
from course.models.capstone import CapstoneScenario, Decisions, simulate
from course.models.kpi import funnel
from course.models.prioritization import longest_fit, rice
from course.variants import variant_cache

MODULE = "09-capstone"
NOTEBOOK = "1-a-year-as-director"
STEPS = ("activation", "core_action", "upgrade")

__all__ = ["allocation", "division", "funded", "leak", "rice_order"]


@variant_cache
def division() -> CapstoneScenario:
    """Return the division of the capstone, built from the m09 data sets."""
    return CapstoneScenario.from_frames(load("m09_backlog"), load("m09_initiatives"),
                                        load("m09_funnel"), load("m09_users"))


@variant_cache
def rice_order() -> tuple[str, ...]:
    """Return the backlog ids by RICE score, highest first."""
    scores = rice(division().backlog)
    return tuple(scores.sort_values(ascending=False, kind="stable").index.astype(str))


@variant_cache
def funded() -> frozenset[str]:
    """Return the items funded from the top of the RICE order within the Q1 capacity."""
    order = rice_order()
    fits = longest_fit(order, division().backlog["effort"], division().settings.capacity_q1)
    return frozenset(order[:fits])


def _decisions(value: Any, *keys: str) -> Decisions:
    """Return the decisions ``keys`` of a hidden test's mapping (others left out)."""
    if not isinstance(value, Mapping):
        raise ScenarioError("the hidden test should pass the decisions made so far.")
    return Decisions.of({k: value.get(k) for k in keys})


def _ranking_checked(q1: Any) -> dict[str, Any] | None:
    """Return ``q1`` when it is a ranking the division accepts (None: fund nothing)."""
    division().funded(q1)  # raises for a ranking the board would have refused
    return q1


def leak(q1: Any = None) -> dict[str, str]:
    """Return the segment and step whose step conversion fell most from Q1 to Q2 sign-ups."""
    events = division().events({"q1": _ranking_checked(q1)})
    quarter = pd.to_datetime(events["date"]).dt.quarter
    drops = {}
    for segment in division().mix.index:
        mine = events["segment"] == segment
        before = funnel(events[mine & (quarter == 1)])["step_conversion"]
        after = funnel(events[mine & (quarter == 2)])["step_conversion"]
        for step in STEPS:
            drops[str(segment), step] = float(before[step] - after[step])
    segment, step = max(drops, key=drops.get)
    return {"segment": segment, "step": step}


def allocation(quarter: int, decisions: Decisions) -> AllocationScenario:
    """Return the Q3 or Q4 allocation the decisions before that quarter leave."""
    if quarter == 3:
        year = simulate(division(), Decisions(q1=decisions.q1))
        state = year.state("Q2")
    else:
        year = simulate(division(), Decisions(q1=decisions.q1, q3=decisions.q3))
        state = year.state("Q3")
    return division().allocation(quarter, state.engineers, state.tech_debt)


def _score_ranking(value: Any) -> Score:
    return board_ranking(value, rice_order())


def _score_cut(value: Any) -> Score:
    return board_cut(value, funded())


def _score_diagnosis(value: Any) -> Score:
    try:
        made = _decisions(value, "q1", "q2")
        reference = leak(made.q1)
    except ScenarioError as exc:
        return Score(0.0, f"The decisions could not be read: {exc}")
    if made.q2 is None:
        return Score(0.0, "No diagnosis was saved.")
    score = overlap(made.q2, reference, "parts of the diagnosis")
    return Score(score.fraction, f"{score.reason} (Graded on the Q2 data your Q1 choice made.)")


def _score_plan(quarter: int) -> Any:
    key = f"q{quarter}"

    def score(value: Any) -> Score:
        try:
            made = _decisions(value, "q1", "q3", "q4")
            scenario = allocation(quarter, made)
        except ScenarioError as exc:
            return Score(0.0, f"The decisions could not be read: {exc}")
        plan = getattr(made, key)
        if plan is None:
            return Score(0.0, f"No Q{quarter} plan was saved.")
        return share_of_optimum(plan, scenario)

    return score


def _reference_decisions() -> Decisions:
    """Return the decisions of the model solution (used for the leak fingerprints)."""
    q1 = {"order": list(rice_order()), "cut": len(funded())}
    q3 = optimal_plan(allocation(3, Decisions(q1=q1))).plan
    return Decisions(q1=q1, q3=q3)


def _fingerprints_q2() -> list[str]:
    alternatives = [json.dumps(leak(_reference_decisions().q1), sort_keys=True),
                    json.dumps(leak(None), sort_keys=True)]
    return sorted(set(alternatives))


def _fingerprints_plan(quarter: int) -> list[str]:
    made = _reference_decisions()
    return [json.dumps(optimal_plan(allocation(quarter, made)).plan, sort_keys=True)]


#: the capstone's reflection looks at the year from every rung (CURRICULUM: roles "all")
_EVERY_ROLE = ("associate_pm", "product_manager", "senior_pm", "director", "senior_director",
               "head_of_product", "vp_product", "cpo", "distinguished_pm", "digital_pm")

register(Exercise(MODULE, NOTEBOOK, "q1-ranking", 3, "prioritization", _score_ranking,
                  record_key="q1-backlog",
                  fingerprints=lambda: [json.dumps(list(rice_order()))],
                  competencies=("decision-making", "strategic-thinking", "customer-focus"),
                  roles=("director", "senior_pm", "product_manager")))
register(Exercise(MODULE, NOTEBOOK, "q1-cutline", 1, "prioritization", _score_cut,
                  record_key="q1-backlog",
                  fingerprints=lambda: [json.dumps(sorted(funded()))],
                  competencies=("scope-management", "team-management"),
                  roles=("director", "senior_pm")))
register(Exercise(MODULE, NOTEBOOK, "q2-diagnosis", 2, "kpi", _score_diagnosis,
                  source="value", fingerprints=_fingerprints_q2,
                  competencies=("data-analysis", "customer-focus", "decision-making"),
                  roles=("director", "distinguished_pm", "digital_pm")))
register(Exercise(MODULE, NOTEBOOK, "q3-plan", 4, "allocation", _score_plan(3),
                  source="value", fingerprints=lambda: _fingerprints_plan(3),
                  competencies=("business-acumen", "decision-making", "scope-management",
                                "strategic-thinking"),
                  roles=("director", "senior_director", "head_of_product")))
register(Exercise(MODULE, NOTEBOOK, "q4-plan", 4, "allocation", _score_plan(4),
                  source="value", fingerprints=lambda: _fingerprints_plan(4),
                  competencies=("adaptability-resilience", "vision-innovation",
                                "decision-making", "strategic-thinking"),
                  roles=("director", "vp_product", "cpo")))
register(Exercise(MODULE, NOTEBOOK, "year-review", 3, "reflection", None, source="manual",
                  competencies=("self-reflection-learning", "communication", "leadership",
                                "collaboration-influence"),
                  roles=_EVERY_ROLE))
