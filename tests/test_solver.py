"""The reference solver finds known optima with scipy's milp, and scores plans against them."""

from __future__ import annotations

import itertools

import pandas as pd
import pytest

from autograder.scoring.catalog import m03, m04, m05
from autograder.scoring.solver import TOLERANCE, optimal_plan, share_of_optimum
from course.models.allocation import AllocationScenario


def _scenario(rows: dict[str, tuple], **limits: float) -> AllocationScenario:
    """Build a scenario from ``{id: (min, max, value, decay, fixed_cost, requires)}``."""
    frame = pd.DataFrame.from_dict(
        rows, orient="index",
        columns=["min_units", "max_units", "value", "decay", "fixed_cost", "requires"],
    )
    return AllocationScenario.from_frame(frame, **limits)


def _brute_force(scenario: AllocationScenario) -> float:
    """Return the best feasible value by trying every plan that fits (depth first)."""
    items = scenario.initiatives
    cap = scenario.capacity if scenario.capacity is not None else float("inf")
    budget = scenario.budget if scenario.budget is not None else float("inf")
    index = {item.id: k for k, item in enumerate(items)}
    units = [0] * len(items)
    best = 0.0

    def visit(i: int, used: int, spent: float, value: float) -> None:
        nonlocal best
        if i == len(items):
            if value > best and all(units[k] == 0 or item.requires is None
                                    or units[index[item.requires]] > 0
                                    for k, item in enumerate(items)):
                best = value
            return
        item = items[i]
        for u in [0, *range(item.min_units, item.max_units + 1)]:
            cost = item.cost_of(u)
            if used + u > cap or spent + cost > budget + 1e-9:
                break  # more units only cost more
            units[i] = u
            visit(i + 1, used + u, spent + cost, value + item.value_of(u))
        units[i] = 0

    visit(0, 0, 0.0, 0.0)
    return best


def test_knapsack_prefers_two_small_over_one_large() -> None:
    """Budget 10: A (cost 10, value 15) loses to B + C (cost 5 each, value 9 each)."""
    scenario = _scenario({"A": (1, 1, 15, 1.0, 10, ""), "B": (1, 1, 9, 1.0, 5, ""),
                          "C": (1, 1, 9, 1.0, 5, "")}, budget=10)
    best = optimal_plan(scenario)
    assert best.plan == {"A": 0, "B": 1, "C": 1}
    assert best.value == pytest.approx(18)


def test_minimum_funding_is_respected() -> None:
    """Capacity 3: A needs 3 to start (3 x 10); B is worth 8 a unit; all three go to A."""
    scenario = _scenario({"A": (3, 3, 10, 1.0, 0, ""), "B": (1, 3, 8, 1.0, 0, "")}, capacity=3)
    assert optimal_plan(scenario).plan == {"A": 3, "B": 0}


def test_diminishing_returns_spread_the_units() -> None:
    """With decay 0.5 each, 4 units split 2 and 2 (100+50 twice) beat 4 on one (187.5)."""
    scenario = _scenario({"A": (1, 4, 100, 0.5, 0, ""), "B": (1, 4, 100, 0.5, 0, "")},
                         capacity=4)
    best = optimal_plan(scenario)
    assert best.plan == {"A": 2, "B": 2}
    assert best.value == pytest.approx(300)


def test_dependency_pulls_in_a_weak_enabler() -> None:
    """B (worth 50) needs A (worth 5): with room for two, fund A and B, not B and C (worth 20)."""
    scenario = _scenario({"A": (1, 1, 5, 1.0, 0, ""), "B": (1, 1, 50, 1.0, 0, "A"),
                          "C": (1, 1, 20, 1.0, 0, "")}, capacity=2)
    assert optimal_plan(scenario).plan == {"A": 1, "B": 1, "C": 0}


def test_nothing_fits_gives_the_empty_plan() -> None:
    """When every minimum exceeds the capacity, the best plan funds nothing."""
    scenario = _scenario({"A": (3, 4, 10, 1.0, 0, "")}, capacity=2)
    best = optimal_plan(scenario)
    assert best.plan == {"A": 0} and best.value == 0


@pytest.mark.parametrize("scenario", [m03.scenario, m05.shift_scenario],
                         ids=["m03", "m05"])
def test_course_scenarios_match_brute_force(scenario) -> None:
    """The milp optimum of the course's scenarios equals an exhaustive search."""
    assert optimal_plan(scenario()).value == pytest.approx(_brute_force(scenario()))


def test_m04_funding_matches_brute_force() -> None:
    """The best set of projects within the budget equals an exhaustive search."""
    scenario = m04.funding_scenario()
    best = max(
        scenario.evaluate(dict(zip(scenario.ids, pick, strict=True))).value
        for pick in itertools.product([0, 1], repeat=len(scenario.ids))
        if scenario.evaluate(dict(zip(scenario.ids, pick, strict=True))).feasible
    )
    assert optimal_plan(scenario).value == pytest.approx(best)


def test_share_of_optimum_scores() -> None:
    """Optimal: 1; within the tolerance: 1; worse: the share; infeasible or garbage: 0."""
    scenario = _scenario({"A": (1, 1, 100, 1.0, 0, ""), "B": (1, 1, 60, 1.0, 0, ""),
                          "C": (1, 1, 99, 1.0, 0, "")}, capacity=1)
    assert share_of_optimum({"A": 1}, scenario).fraction == 1.0
    assert share_of_optimum({"C": 1}, scenario).fraction == 1.0  # 99% >= 1 - TOLERANCE
    assert 1 - TOLERANCE == pytest.approx(0.98)
    low = share_of_optimum({"B": 1}, scenario)
    assert low.fraction == pytest.approx(0.6) and "60.0%" in low.reason
    over = share_of_optimum({"A": 1, "B": 1}, scenario)
    assert over.fraction == 0 and "Over capacity" in over.reason
    assert share_of_optimum("all of it", scenario).fraction == 0
    assert share_of_optimum({"Z": 1}, scenario).fraction == 0


def test_reasons_reveal_no_optimal_plan() -> None:
    """The grading reason gives a share, never the best plan or its value."""
    scenario = m03.scenario()
    best = optimal_plan(scenario)
    reason = share_of_optimum({"I1": 2}, scenario).reason
    assert f"{best.value:,.1f}" not in reason and f"{best.value:.0f}" not in reason
    assert "I2" not in reason
