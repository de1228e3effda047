"""The allocation model: value with diminishing returns, every broken rule in words, bad input."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from course.models import ScenarioError
from course.models.allocation import AllocationScenario, curve_value


def _frame(**changes: list) -> pd.DataFrame:
    """Return a three-initiative table: A (2-4), B (1-3, requires A), C (1-2)."""
    data = {
        "title": ["Alpha", "Beta", "Gamma"],
        "min_units": [2, 1, 1],
        "max_units": [4, 3, 2],
        "value": [100.0, 50.0, 30.0],
        "decay": [0.5, 1.0, 0.9],
        "fixed_cost": [10.0, 20.0, 0.0],
        "unit_cost": [0.0, 0.0, 5.0],
        "requires": ["", "A", ""],
    }
    data.update(changes)
    return pd.DataFrame(data, index=pd.Index(["A", "B", "C"], name="id"))


def _scenario(capacity: float | None = 6, budget: float | None = 40, **changes: list):
    """Return the test scenario with the given limits."""
    return AllocationScenario.from_frame(_frame(**changes), capacity=capacity, budget=budget,
                                         unit="engineers")


def test_curve_value_is_a_geometric_sum() -> None:
    """Each unit is worth decay times the one before; decay 1 is linear; 0 units is 0."""
    assert curve_value(100, 0.8, 4) == pytest.approx(100 + 80 + 64 + 51.2)
    assert curve_value(10, 1.0, 3) == 30
    assert curve_value(10, 0.5, 0) == 0


def test_feasible_plan_value_and_usage() -> None:
    """A plan that fits reports its value per initiative, capacity used and budget spent."""
    result = _scenario().evaluate({"A": 2, "B": 1, "C": 2})
    assert result.feasible and result.violations == ()
    assert result.values == pytest.approx({"A": 150.0, "B": 50.0, "C": 57.0})
    assert result.value == pytest.approx(257.0)
    assert result.used == 5
    assert result.spent == pytest.approx(10 + 20 + 10)


def test_missing_ids_count_as_zero() -> None:
    """A plan may leave initiatives out; they get no units and cost nothing."""
    result = _scenario().evaluate({"C": 1})
    assert result.plan == {"A": 0, "B": 0, "C": 1}
    assert result.feasible


def test_below_minimum_is_named_with_the_fix() -> None:
    """Funding under the minimum is a violation naming the initiative and its minimum."""
    result = _scenario().evaluate({"A": 1})
    assert not result.feasible
    (message,) = result.violations
    assert "Alpha (A)" in message and "minimum of 2" in message and "set it to 0" in message


def test_above_maximum_is_a_violation() -> None:
    """More units than the maximum is a violation."""
    (message,) = _scenario(capacity=10, budget=100).evaluate({"C": 3}).violations
    assert "maximum of 2" in message


def test_dependency_is_enforced() -> None:
    """B without A breaks the dependency, in words naming both."""
    result = _scenario().evaluate({"B": 1})
    assert any("depends on Alpha (A)" in v and "fund A too" in v for v in result.violations)


def test_over_capacity_and_budget_are_both_reported() -> None:
    """Every broken rule is listed, not only the first."""
    result = _scenario(capacity=3, budget=15).evaluate({"A": 2, "B": 2})
    kinds = " ".join(result.violations)
    assert "Over capacity: the plan uses 4 engineers, 1 more than the 3 available." in kinds
    assert "Over budget" in kinds and "15 more than the 15 available" in kinds


@pytest.mark.parametrize("plan, message", [
    (["A", 2], "maps each initiative id"),
    ({"Z": 1}, "'Z' is not an initiative"),
    ({"A": 1.5}, "not a whole number"),
    ({"A": -1}, "negative"),
    ({"A": "two"}, "not a number"),
    ({"A": True}, "not a number"),
    ({"A": math.nan}, "not a whole number"),
])
def test_malformed_plans_raise(plan: object, message: str) -> None:
    """Anything that is not a plan raises a ScenarioError saying what is wrong."""
    with pytest.raises(ScenarioError, match=message):
        _scenario().evaluate(plan)


def test_whole_floats_are_accepted() -> None:
    """3.0 units is a whole number and becomes 3."""
    assert _scenario().check_plan({"A": 3.0}) == {"A": 3, "B": 0, "C": 0}


@pytest.mark.parametrize("changes, message", [
    ({"min_units": [0, 1, 1]}, "minimum when funded is at least 1"),
    ({"max_units": [1, 3, 2]}, "below its min_units"),
    ({"min_units": [2.5, 1, 1]}, "whole numbers"),
    ({"decay": [0.0, 1.0, 0.9]}, "above 0 and at most 1"),
    ({"decay": [1.2, 1.0, 0.9]}, "above 0 and at most 1"),
    ({"value": [-5.0, 50.0, 30.0]}, "negative value"),
    ({"value": ["lots", 50.0, 30.0]}, "not a number"),
    ({"fixed_cost": [-1.0, 0.0, 0.0]}, "cannot be negative"),
    ({"requires": ["", "Q", ""]}, "'Q', which is not an initiative"),
    ({"requires": ["A", "", ""]}, "requires itself"),
    ({"requires": ["B", "A", ""]}, "circle"),
])
def test_bad_scenario_tables_raise(changes: dict, message: str) -> None:
    """Each bad scenario table is refused with a message naming the row and the fix."""
    with pytest.raises(ScenarioError, match=message):
        _scenario(**changes)


def test_scenario_needs_columns_a_limit_and_rows() -> None:
    """A missing column, no limit at all, a negative limit or an empty table are refused."""
    with pytest.raises(ScenarioError, match="'decay'"):
        AllocationScenario.from_frame(_frame().drop(columns="decay"), capacity=3)
    with pytest.raises(ScenarioError, match="capacity or a budget"):
        AllocationScenario.from_frame(_frame())
    with pytest.raises(ScenarioError, match="zero or more"):
        AllocationScenario.from_frame(_frame(), capacity=-1)
    with pytest.raises(ScenarioError, match="empty"):
        AllocationScenario.from_frame(_frame().iloc[0:0], capacity=3)
    with pytest.raises(ScenarioError, match="DataFrame"):
        AllocationScenario.from_frame({"A": 1}, capacity=3)


def test_negative_value_allowed_with_no_decay() -> None:
    """A project that loses money (negative value, decay 1) lowers the total when funded."""
    scenario = _scenario(value=[-5.0, 50.0, 30.0], decay=[1.0, 1.0, 0.9])
    assert scenario.evaluate({"A": 2}).value == pytest.approx(-10.0)


def test_projects_are_fund_or_not() -> None:
    """from_projects builds one-unit projects spending their cost from the budget."""
    projects = pd.DataFrame({"title": ["X", "Y"], "investment": [300.0, 500.0]},
                            index=pd.Index(["P1", "P2"], name="id"))
    scenario = AllocationScenario.from_projects(
        projects, pd.Series({"P1": 40.0, "P2": -10.0}), projects["investment"], budget=600)
    assert scenario.evaluate({"P1": 1}).spent == 300
    assert scenario.evaluate({"P2": 1}).value == -10
    assert "Over budget" in scenario.evaluate({"P1": 1, "P2": 1}).violations[0]
    with pytest.raises(ScenarioError, match="no entry for P2"):
        AllocationScenario.from_projects(projects, pd.Series({"P1": 1.0}),
                                         projects["investment"], budget=600)
    with pytest.raises(ScenarioError, match="pandas Series"):
        AllocationScenario.from_projects(projects, [1, 2], projects["investment"], budget=600)


def test_table_round_trips() -> None:
    """table() gives back a frame that builds the same scenario."""
    scenario = _scenario()
    again = AllocationScenario.from_frame(scenario.table(), capacity=6, budget=40)
    plan = {"A": 3, "B": 1, "C": 1}
    assert again.evaluate(plan) == scenario.evaluate(plan)
