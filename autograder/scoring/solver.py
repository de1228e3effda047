"""Reference solver: the best plan of an allocation scenario, found with scipy's ``milp``.

The scenario (:class:`course.models.allocation.AllocationScenario`) becomes a mixed-integer
linear program. For each initiative ``i``:

- ``x_i`` whole units in ``[0, max_i]`` and ``y_i`` in ``{0, 1}`` (funded or not), with
  ``min_i * y_i <= x_i <= max_i * y_i``;
- one continuous ``z_ik`` in ``[0, 1]`` per possible unit ``k``, worth ``value_i *
  decay_i ** (k - 1)`` and tied by ``x_i = sum_k z_ik``. Because the unit values never
  grow, maximising fills the first units first, so the objective equals the scenario's
  diminishing-returns value exactly;
- ``y_i <= y_j`` when ``i`` requires ``j``;

and overall ``sum x_i <= capacity`` and ``sum (fixed_i * y_i + unit_cost_i * x_i) <= budget``.

Scoring (:func:`share_of_optimum`) gives the share of the optimal value a learner's plan
reaches, full marks within :data:`TOLERANCE` of the optimum, and nothing for a plan that
breaks a constraint. The optimum is computed here, at grading time; it is never stored in
``course/`` or ``release/``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from autograder.scoring.rules import Score
from course.models import ScenarioError
from course.models.allocation import AllocationScenario

__all__ = ["TOLERANCE", "Optimum", "SolverError", "optimal_plan", "share_of_optimum"]

#: A plan within this share of the optimal value earns full marks (2%).
TOLERANCE = 0.02


class SolverError(RuntimeError):
    """The solver found no optimal plan (it should always find one: funding nothing fits)."""


@dataclass(frozen=True)
class Optimum:
    """The best plan of a scenario and its value."""

    plan: dict[str, int]
    value: float


def optimal_plan(scenario: AllocationScenario) -> Optimum:
    """Return the plan of highest projected value that breaks no constraint."""
    from scipy.optimize import Bounds, LinearConstraint, milp

    items = scenario.initiatives
    n = len(items)
    segments = [item.max_units for item in items]
    offsets = np.concatenate([[0], np.cumsum(segments)])[:-1] + 2 * n
    size = 2 * n + int(sum(segments))
    x = np.arange(n)  # column of x_i
    y = n + np.arange(n)  # column of y_i

    objective = np.zeros(size)
    lower, upper = np.zeros(size), np.ones(size)
    integrality = np.zeros(size)
    for i, item in enumerate(items):
        upper[x[i]] = item.max_units
        integrality[x[i]] = integrality[y[i]] = 1
        for k in range(item.max_units):
            objective[offsets[i] + k] = -item.value * item.decay**k  # milp minimises

    rows, low, high = [], [], []

    def constrain(coefficients: dict[int, float], lo: float, hi: float) -> None:
        row = np.zeros(size)
        for column, coefficient in coefficients.items():
            row[column] += coefficient
        rows.append(row)
        low.append(lo)
        high.append(hi)

    index = {item.id: i for i, item in enumerate(items)}
    for i, item in enumerate(items):
        tie = {x[i]: 1.0}
        tie.update({offsets[i] + k: -1.0 for k in range(item.max_units)})
        constrain(tie, 0.0, 0.0)
        constrain({x[i]: 1.0, y[i]: -float(item.min_units)}, 0.0, np.inf)
        constrain({x[i]: 1.0, y[i]: -float(item.max_units)}, -np.inf, 0.0)
        if item.requires is not None:
            constrain({y[i]: 1.0, y[index[item.requires]]: -1.0}, -np.inf, 0.0)
    if scenario.capacity is not None:
        constrain({x[i]: 1.0 for i in range(n)}, -np.inf, scenario.capacity)
    if scenario.budget is not None:
        spend: dict[int, float] = {}
        for i, item in enumerate(items):
            spend[x[i]] = item.unit_cost
            spend[y[i]] = item.fixed_cost
        constrain(spend, -np.inf, scenario.budget)

    result = milp(
        objective, integrality=integrality, bounds=Bounds(lower, upper),
        constraints=LinearConstraint(np.array(rows), np.array(low), np.array(high)),
        options={"mip_rel_gap": 0.0},
    )
    if not result.success or result.x is None:
        raise SolverError(f"the solver found no optimal plan: {result.message}")
    plan = {item.id: int(round(result.x[x[i]])) for i, item in enumerate(items)}
    evaluation = scenario.evaluate(plan)
    if not evaluation.feasible:  # pragma: no cover - guards against rounding surprises
        raise SolverError(f"the solver's plan breaks a constraint: {evaluation.violations}")
    return Optimum(plan, evaluation.value)


def share_of_optimum(plan: Any, scenario: AllocationScenario,
                     tolerance: float = TOLERANCE) -> Score:
    """Score ``plan`` as the share of the optimal value it reaches.

    A plan within ``tolerance`` of the optimum earns full marks; a plan that breaks a
    constraint, or is not a plan at all, earns nothing and the reason says why.
    """
    try:
        evaluation = scenario.evaluate(plan)
    except ScenarioError as exc:
        return Score(0.0, f"The saved plan is not a plan of this scenario: {exc}")
    if not evaluation.feasible:
        return Score(0.0, "The saved plan breaks a constraint: "
                          + " ".join(evaluation.violations))
    best = optimal_plan(scenario).value
    if best <= 0:
        return Score(1.0, "Any plan that fits is as good as the best here.")
    share = evaluation.value / best
    if share >= 1.0 - tolerance:
        return Score(1.0, f"Your plan reaches {share:.0%} of the best value a plan can reach "
                          f"(full marks from {1 - tolerance:.0%}).")
    return Score(share, f"Your plan reaches {share:.1%} of the best value a plan can reach "
                        f"(full marks from {1 - tolerance:.0%}).")
