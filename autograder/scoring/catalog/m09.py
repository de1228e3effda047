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
from dataclasses import replace
from itertools import combinations
from typing import Any

import numpy as np
import pandas as pd

from autograder.scoring.catalog import Exercise, register, register_check
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
#: the largest fall of the Q2 data must lead the next by this much (points of conversion)
LEAK_MARGIN = 0.03
#: the best plan of an allocation must lead every other plan by this much ($k ARR): two
#: plans closer than that share the optimum (values are listed to 0.1 $k)
PLAN_MARGIN = 0.01

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


def _drops(events: pd.DataFrame) -> pd.Series:
    """Return each segment and step's fall in step conversion from Q1 to Q2, largest first."""
    quarter = pd.to_datetime(events["date"]).dt.quarter
    drops = {}
    for segment in division().mix.index:
        mine = events["segment"] == segment
        before = funnel(events[mine & (quarter == 1)])["step_conversion"]
        after = funnel(events[mine & (quarter == 2)])["step_conversion"]
        for step in STEPS:
            drops[str(segment), step] = float(before[step] - after[step])
    return pd.Series(drops).sort_values(ascending=False, kind="stable")


def _text(value: Any) -> str | None:
    """Return a decision as JSON text, to cache what it leads to (None: not plain data)."""
    try:
        return json.dumps(value, sort_keys=True)
    except (TypeError, ValueError):
        return None


def leak(q1: Any = None) -> dict[str, str]:
    """Return the segment and step whose step conversion fell most from Q1 to Q2 sign-ups."""
    text = _text(q1)
    return dict(_leak(text) if text is not None else _find_leak(q1))


@variant_cache
def _leak(text: str) -> tuple[tuple[str, str], ...]:
    """Return :func:`leak` of the Q1 decision written as ``text`` (cached per variant)."""
    return _find_leak(json.loads(text))


def _find_leak(q1: Any) -> tuple[tuple[str, str], ...]:
    """Return :func:`leak` of ``q1`` as pairs, computed from the Q2 data it leads to."""
    segment, step = _drops(division().events({"q1": _ranking_checked(q1)})).index[0]
    return (("segment", segment), ("step", step))


@variant_cache
def _regime_drops(broken: bool) -> pd.Series:
    """Return the Q2 falls when debt breaks the fragile step in Q2 (or never breaks it).

    Only whether Q1 left the debt at or above the limit changes the Q2 data, so these two
    cover every Q1 decision a learner can make.
    """
    scenario = division()
    limit = scenario.settings.debt + 1 if broken else 1000.0  # Q1 never breaks, Q2 may
    settings = replace(scenario.settings, debt_limit=limit)
    twin = CapstoneScenario.from_frames(scenario.backlog, scenario.initiatives,
                                        scenario.rates, scenario.users, settings)
    return _drops(twin.events(None))


def _regime_leak(broken: bool) -> dict[str, str]:
    """Return the right diagnosis when the fragile step breaks in Q2 (or does not)."""
    segment, step = _regime_drops(broken).index[0]
    return {"segment": segment, "step": step}


def allocation(quarter: int, decisions: Decisions) -> AllocationScenario:
    """Return the Q3 or Q4 allocation the decisions before that quarter leave."""
    before = [decisions.q1, decisions.q3 if quarter == 4 else None]
    text = _text(before)
    return _allocation(quarter, text) if text is not None else _find_allocation(quarter, before)


@variant_cache
def _allocation(quarter: int, text: str) -> AllocationScenario:
    """Return :func:`allocation` after the Q1 and Q3 decisions written as ``text`` (cached)."""
    return _find_allocation(quarter, json.loads(text))


def _find_allocation(quarter: int, before: list[Any]) -> AllocationScenario:
    """Return :func:`allocation` after the Q1 and Q3 decisions ``before``, computed."""
    q1, q3 = before
    year = simulate(division(), Decisions(q1=q1, q3=q3))
    state = year.state("Q2" if quarter == 3 else "Q3")
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


def _board(order: Any, cut: int) -> dict[str, Any]:
    """Return a ranking board's saved value."""
    return {"order": list(order), "cut": cut}


@variant_cache
def _reference_decisions() -> Decisions:
    """Return the decisions of the model solution (RICE in Q1, the best plans after)."""
    q1 = _board(rice_order(), len(funded()))
    q3 = optimal_plan(allocation(3, Decisions(q1=q1))).plan
    q4 = optimal_plan(allocation(4, Decisions(q1=q1, q3=q3))).plan
    return Decisions(q1=q1, q2=leak(q1), q3=q3, q4=q4)


def _reported(*keys: str, **changed: Any) -> dict[str, Any]:
    """Return what the hidden test reports for the model solution, with some answers changed."""
    made = _reference_decisions()
    return {k: changed.get(k, getattr(made, k)) for k in keys}


def _q2_mistakes() -> list[dict[str, Any]]:
    """The diagnosis of the other Q1 outcome; the right segment at the wrong step; the reverse."""
    right = _reference_decisions().q2
    assert right is not None
    others = [_regime_leak(broken) for broken in (False, True)]
    wrong_step = next(s for s in STEPS if s != right["step"])
    wrong_segment = next(str(s) for s in division().mix.index if s != right["segment"])
    answers = [o for o in others if o != right] + [
        {"segment": right["segment"], "step": wrong_step},
        {"segment": wrong_segment, "step": right["step"]},
    ]
    return [_reported("q1", "q2", q2=a) for a in answers]


def _q3_mistakes() -> list[dict[str, Any]]:
    """The panel's starting plan (nothing), and every engineer on the best first engineer."""
    scenario = allocation(3, _reference_decisions())
    free = [i for i in scenario.initiatives if i.requires is None]
    top = max(free, key=lambda i: i.value)
    return [_reported("q1", "q3", q3={}),
            _reported("q1", "q3", q3={top.id: min(top.max_units, int(scenario.capacity or 0))})]


def _q4_mistakes() -> list[dict[str, Any]]:
    """The Q3 plan kept after the market moved (the panel's start), and nothing."""
    return [_reported("q1", "q3", "q4", q4=_reference_decisions().q3),
            _reported("q1", "q3", "q4", q4={})]


# -- soundness of a variant -------------------------------------------------------------


def _sound_backlog() -> list[str]:
    """One RICE order with no near-tie, and a cut line with room on both sides."""
    scores = rice(division().backlog).sort_values(ascending=False)
    names = list(scores.index)
    problems = [f"RICE scores of {names[i]} and {names[i + 1]} are within 2%"
                for i in range(len(names) - 1)
                if scores.iloc[i] - scores.iloc[i + 1] < 0.02 * scores.iloc[i + 1]]
    order, count = rice_order(), len(funded())
    effort, capacity = division().backlog["effort"], division().settings.capacity_q1
    if not 2 <= count < len(order):
        problems.append(f"the Q1 cut line funds {count} of {len(order)} items")
    else:
        spare = float(effort[list(order[:count + 1])].sum()) - capacity
        if spare < 0.5:
            problems.append(f"the next item misses the Q1 capacity by only {spare:g}")
    return problems


def _sound_diagnosis() -> list[str]:
    """One right diagnosis in Q2, whatever Q1 did, and the Q1 decision changes it."""
    problems = []
    for broken in (False, True):
        drops = _regime_drops(broken)
        if drops.iloc[0] - drops.iloc[1] < LEAK_MARGIN:
            state = "with" if broken else "without"
            problems.append(f"{state} the debt incident, two Q2 falls are nearly equal "
                            f"({drops.iloc[:2].round(3).to_dict()})")
    if _regime_leak(True) == _regime_leak(False):
        problems.append("the Q2 diagnosis is the same whatever Q1 did to the debt")
    if _reference_decisions().q2 not in (_regime_leak(True), _regime_leak(False)):
        problems.append("the model solution's Q2 data is neither of the two outcomes")
    return problems


def _plan_values(scenario: AllocationScenario) -> tuple[np.ndarray, np.ndarray]:
    """Return every plan that fits ``scenario`` (rows of units) and its value."""
    items = scenario.initiatives
    units = np.zeros((1, 0), dtype=int)
    value, used, spent = np.zeros(1), np.zeros(1), np.zeros(1)
    for item in items:
        options = np.array([0, *range(item.min_units, item.max_units + 1)])
        worth = np.array([item.value_of(int(u)) for u in options])
        cost = np.array([item.cost_of(int(u)) for u in options])
        count = len(options)
        units = np.hstack([np.repeat(units, count, axis=0),
                           np.tile(options, len(value))[:, None]])
        value = (value[:, None] + worth[None, :]).ravel()
        used = (used[:, None] + options[None, :]).ravel()
        spent = (spent[:, None] + cost[None, :]).ravel()
    fits = np.ones(len(value), dtype=bool)
    if scenario.capacity is not None:
        fits &= used <= scenario.capacity + 1e-9
    if scenario.budget is not None:
        fits &= spent <= scenario.budget + 1e-9
    column = {item.id: i for i, item in enumerate(items)}
    for i, item in enumerate(items):
        if item.requires is not None:
            fits &= (units[:, i] == 0) | (units[:, column[item.requires]] > 0)
    return units[fits], value[fits]


def _unique_optimum(scenario: AllocationScenario, what: str) -> list[str]:
    """Problems of one allocation: no plan worth anything, or a near-tie for the best."""
    plans, values = _plan_values(scenario)
    order = np.argsort(-values, kind="stable")
    best = float(values[order[0]])
    solved = optimal_plan(scenario).value
    problems = []
    if best <= 0:
        return [f"{what}: no plan that fits is worth anything"]
    if abs(best - solved) > 1e-6 * best:
        problems.append(f"{what}: the solver's best ({solved:g}) is not the best plan ({best:g})")
    second = float(values[order[1]]) if len(order) > 1 else 0.0
    if best - second < PLAN_MARGIN:
        plan = dict(zip((i.id for i in scenario.initiatives), plans[order[1]].tolist(),
                        strict=True))
        problems.append(f"{what}: a second plan ({plan}) is worth {second:.2f}, as much as "
                        f"the best ({best:.2f})")
    return problems


def _sound_allocations() -> list[str]:
    """A unique best plan in Q3 and Q4 on the model solution's path and the default path."""
    made = _reference_decisions()
    default = Decisions(q1=None, q3={})
    problems = _unique_optimum(allocation(3, made), "Q3 on the model solution's path")
    problems += _unique_optimum(allocation(4, made), "Q4 on the model solution's path")
    problems += _unique_optimum(allocation(3, default), "Q3 on the default path")
    problems += _unique_optimum(allocation(4, default), "Q4 on the default path")
    kept = share_of_optimum(made.q3, allocation(4, made))
    if kept.fraction >= 1:
        problems.append("keeping the Q3 plan in Q4 already earns full marks")
    return problems


def _worth_something(scenario: AllocationScenario) -> bool:
    """Whether some plan that fits the scenario is worth more than nothing."""
    for item in scenario.initiatives:
        fits = (item.requires is None and item.min_units <= (scenario.capacity or 0)
                and item.cost_of(item.min_units) <= (scenario.budget or 0))
        if fits and item.value > 0:
            return True
    return False


def _sound_year() -> list[str]:
    """The year can be completed from every state a learner can reach.

    Only morale costs engineers, and only Q1 moves morale: the Q1 decision with the least
    morale leaves the fewest engineers in every later quarter, and the budgets do not
    depend on the path. So the Q1 items of least morale, of most and of least debt are
    played, each with nothing and with the most debt paid down in Q3, and each allocation
    on the way must have a plan that fits and is worth something.
    """
    scenario = division()
    backlog = scenario.backlog
    capacity = scenario.settings.capacity_q1
    extremes: dict[str, tuple[float, tuple[str, ...]]] = {}
    for size in range(len(backlog) + 1):
        for items in combinations(backlog.index, size):
            chosen = backlog.loc[list(items)]
            if chosen["effort"].sum() > capacity + 1e-9:
                continue
            for name, score in (("least morale", chosen["morale"].sum()),
                                ("most debt", -chosen["debt"].sum()),
                                ("least debt", chosen["debt"].sum())):
                if name not in extremes or score < extremes[name][0]:
                    extremes[name] = (float(score), items)
    paydown = scenario.initiatives["debt_per_unit"]
    problems = []
    for name, (_, items) in extremes.items():
        q1 = _board([*items, *(i for i in backlog.index if i not in items)], len(items))
        path = f"after the Q1 of {name} ({', '.join(items) or 'nothing'})"
        q3 = allocation(3, Decisions(q1=q1))
        if not _worth_something(q3):
            problems.append(f"{path}, no Q3 plan is worth anything ({q3.capacity:g} engineers)")
            continue
        for plan in ({}, _most_paydown(q3, paydown)):
            q4 = allocation(4, Decisions(q1=q1, q3=plan))
            if not _worth_something(q4):
                problems.append(f"{path} and the Q3 plan {plan}, no Q4 plan is worth anything "
                                f"({q4.capacity:g} engineers)")
    return problems


def _most_paydown(scenario: AllocationScenario, paydown: pd.Series) -> dict[str, int]:
    """Return a plan that fits and pays the most debt down (greedy, most per engineer first)."""
    plan: dict[str, int] = {}
    for initiative in paydown.sort_values(ascending=False).index:
        if paydown[initiative] <= 0:
            break
        item = scenario[initiative]
        for units in range(item.max_units, item.min_units - 1, -1):
            if scenario.evaluate({**plan, initiative: units}).feasible:
                plan[initiative] = units
                break
    return plan


register_check(MODULE, "backlog", _sound_backlog)
register_check(MODULE, "q2-diagnosis", _sound_diagnosis)
register_check(MODULE, "allocations", _sound_allocations)
register_check(MODULE, "year", _sound_year)


def _fingerprints_q2() -> list[str]:
    alternatives = [json.dumps(leak(_reference_decisions().q1), sort_keys=True),
                    json.dumps(leak(None), sort_keys=True)]
    return sorted(set(alternatives))


def _fingerprints_plan(quarter: int) -> list[str]:
    made = _reference_decisions()
    return [json.dumps(getattr(made, f"q{quarter}"), sort_keys=True)]


#: the capstone's reflection looks at the year from every rung (CURRICULUM: roles "all")
_EVERY_ROLE = ("associate_pm", "product_manager", "senior_pm", "director", "senior_director",
               "head_of_product", "vp_product", "cpo", "distinguished_pm", "digital_pm")

register(Exercise(MODULE, NOTEBOOK, "q1-ranking", 3, "prioritization", _score_ranking,
                  record_key="q1-backlog",
                  fingerprints=lambda: [json.dumps(list(rice_order()))],
                  competencies=("decision-making", "strategic-thinking", "customer-focus"),
                  roles=("director", "senior_pm", "product_manager"),
                  reference=lambda: _reference_decisions().q1,
                  mistakes=lambda: [_board(rice_order()[::-1], len(funded()))]))
register(Exercise(MODULE, NOTEBOOK, "q1-cutline", 1, "prioritization", _score_cut,
                  record_key="q1-backlog",
                  fingerprints=lambda: [json.dumps(sorted(funded()))],
                  competencies=("scope-management", "team-management"),
                  roles=("director", "senior_pm"),
                  reference=lambda: _reference_decisions().q1,
                  mistakes=lambda: [_board(rice_order(), len(funded()) + 1),
                                    _board(rice_order(), len(funded()) - 1)]))
register(Exercise(MODULE, NOTEBOOK, "q2-diagnosis", 2, "kpi", _score_diagnosis,
                  source="value", fingerprints=_fingerprints_q2,
                  competencies=("data-analysis", "customer-focus", "decision-making"),
                  roles=("director", "distinguished_pm", "digital_pm"),
                  reference=lambda: _reported("q1", "q2"), mistakes=_q2_mistakes))
register(Exercise(MODULE, NOTEBOOK, "q3-plan", 4, "allocation", _score_plan(3),
                  source="value", fingerprints=lambda: _fingerprints_plan(3),
                  competencies=("business-acumen", "decision-making", "scope-management",
                                "strategic-thinking"),
                  roles=("director", "senior_director", "head_of_product"),
                  reference=lambda: _reported("q1", "q3"), mistakes=_q3_mistakes))
register(Exercise(MODULE, NOTEBOOK, "q4-plan", 4, "allocation", _score_plan(4),
                  source="value", fingerprints=lambda: _fingerprints_plan(4),
                  competencies=("adaptability-resilience", "vision-innovation",
                                "decision-making", "strategic-thinking"),
                  roles=("director", "vp_product", "cpo"),
                  reference=lambda: _reported("q1", "q3", "q4"), mistakes=_q4_mistakes))
register(Exercise(MODULE, NOTEBOOK, "year-review", 3, "reflection", None, source="manual",
                  competencies=("self-reflection-learning", "communication", "leadership",
                                "collaboration-influence"),
                  roles=_EVERY_ROLE))
