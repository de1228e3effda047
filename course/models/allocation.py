"""Resource allocation: split engineering capacity and budget across initiatives.

A scenario lists initiatives, each with a minimum and maximum number of units (people or
sprints) when it is funded at all, the value of its first unit and a ``decay`` (each
further unit is worth ``decay`` times the one before: diminishing returns), what it costs
from the budget (``fixed_cost`` once if funded, ``unit_cost`` per unit) and, optionally,
another initiative it ``requires`` (B only if A). A plan maps initiative ids to whole
units; :meth:`AllocationScenario.evaluate` returns its projected value and every
constraint it breaks, in words. Evaluation is plain Python over precomputed tuples, so a
widget can re-evaluate on every slider move.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from numbers import Integral, Real
from typing import Any

import pandas as pd

from ._checks import (
    ScenarioError,
    kind_of,
    plural,
    require_columns,
    require_frame,
    require_numeric,
)

__all__ = ["AllocationScenario", "Evaluation", "Initiative", "curve_value", "headers"]

_REQUIRED = ("min_units", "max_units", "value", "decay")
_EPS = 1e-9


def headers(unit: str = "engineers", value_unit: str = "$k ARR",
            money: str = "$k") -> dict[str, str]:
    """Return readable headers, with units, for a table of initiatives (column -> label)."""
    one = plural(1, unit).split(" ", 1)[1]
    return {
        "title": "Initiative",
        "min_units": f"Min {unit} if funded",
        "max_units": f"Max {unit}",
        "value": f"First {one} adds ({value_unit})",
        "decay": f"Decay (each next {one} adds this share of the one before)",
        "unit_cost": f"Cost per {one} ({money})",
        "fixed_cost": f"Fixed cost if funded ({money})",
        "requires": "Needs (funded first)",
    }


def curve_value(first: float, decay: float, units: int) -> float:
    """Return the value of ``units`` units (a geometric sum).

    The first unit is worth ``first``; each further unit is worth ``decay`` times the one
    before it.
    """
    if units <= 0:
        return 0.0
    if decay >= 1.0:
        return first * units
    return first * (1.0 - decay**units) / (1.0 - decay)


@dataclass(frozen=True)
class Initiative:
    """One initiative of a scenario (all numbers already checked)."""

    id: str
    title: str
    min_units: int
    max_units: int
    value: float
    decay: float
    unit_cost: float = 0.0
    fixed_cost: float = 0.0
    requires: str | None = None

    def value_of(self, units: int) -> float:
        """Return the projected value of funding this initiative with ``units`` units."""
        return curve_value(self.value, self.decay, units)

    def next_unit(self, units: int) -> float:
        """Return what one more unit would add on top of ``units`` (0 past the maximum)."""
        if units >= self.max_units:
            return 0.0
        return self.value * self.decay**units

    def cost_of(self, units: int) -> float:
        """Return the budget ``units`` units of this initiative spend."""
        return 0.0 if units <= 0 else self.fixed_cost + self.unit_cost * units


@dataclass(frozen=True)
class Evaluation:
    """What a plan achieves and what it breaks."""

    plan: dict[str, int]
    value: float
    values: dict[str, float]
    used: int
    spent: float
    capacity: float | None
    budget: float | None
    violations: tuple[str, ...]

    @property
    def feasible(self) -> bool:
        """Whether the plan respects every constraint."""
        return not self.violations


class AllocationScenario:
    """Initiatives competing for a capacity (units) and a budget (money).

    Build it with :meth:`from_frame`; ``capacity`` or ``budget`` may be None (no limit).
    ``unit`` names the units ("engineers"), ``value_unit`` the value ("$k ARR") and
    ``money`` the budget's currency ("$k").
    """

    def __init__(
        self, initiatives: list[Initiative], *, capacity: float | None = None,
        budget: float | None = None, unit: str = "units", value_unit: str = "value",
        money: str = "$k",
    ) -> None:
        if not initiatives:
            raise ScenarioError("A scenario needs at least one initiative.")
        if capacity is None and budget is None:
            raise ScenarioError(
                "A scenario needs a capacity or a budget (or both); without a limit there is "
                "nothing to allocate."
            )
        for name, limit in (("capacity", capacity), ("budget", budget)):
            if limit is not None and (
                isinstance(limit, bool) or not isinstance(limit, Real)
                or not math.isfinite(limit) or limit < 0
            ):
                raise ScenarioError(
                    f"The {name} must be a number of zero or more (or None for no limit); "
                    f"got {limit!r}."
                )
        self.initiatives = tuple(initiatives)
        self.ids = tuple(i.id for i in initiatives)
        self._by_id = {i.id: i for i in initiatives}
        if len(self._by_id) != len(initiatives):
            raise ScenarioError("Two initiatives share an id; give each its own.")
        self.capacity = None if capacity is None else float(capacity)
        self.budget = None if budget is None else float(budget)
        self.unit = unit
        self.value_unit = value_unit
        self.money = money
        _check_requirements(self._by_id)

    # -- construction -------------------------------------------------------------------
    @classmethod
    def from_frame(
        cls, frame: pd.DataFrame, *, capacity: float | None = None,
        budget: float | None = None, unit: str = "units", value_unit: str = "value",
        money: str = "$k", value_column: str = "value",
    ) -> AllocationScenario:
        """Return the scenario described by ``frame`` (one row per initiative, indexed by id).

        Columns: ``min_units``, ``max_units`` (whole numbers, 1 <= min <= max), ``value``
        (value of the first unit; another column with ``value_column``), ``decay``
        (0 < decay <= 1; a negative value needs decay 1) and optionally ``title``,
        ``unit_cost``, ``fixed_cost`` (>= 0) and ``requires`` (the id of another
        initiative, or empty).
        """
        what = "The initiatives table"
        frame = require_frame(frame, what)
        columns = [c if c != "value" else value_column for c in _REQUIRED]
        require_columns(frame, columns, what)
        low = _whole(frame, "min_units", what)
        high = _whole(frame, "max_units", what)
        for row in frame.index:
            if low[row] < 1:
                raise ScenarioError(
                    f"{what}: row {row!r} has min_units = {low[row]}; the minimum when funded "
                    f"is at least 1 (an unfunded initiative simply gets 0)."
                )
            if high[row] < low[row]:
                raise ScenarioError(
                    f"{what}: row {row!r} has max_units = {high[row]} below its min_units = "
                    f"{low[row]}; swap them or raise the maximum."
                )
        value = require_numeric(frame, value_column, what)
        decay = require_numeric(frame, "decay", what)
        bad = (decay <= 0) | (decay > 1)
        if bad.any():
            row = frame.index[bad.to_numpy()][0]
            raise ScenarioError(
                f"{what}: row {row!r} has decay = {decay[row]:g}; it must be above 0 and at "
                f"most 1 (1 means every unit is worth the same, 0.8 means each further unit "
                f"adds 80% of the one before)."
            )
        bad = (value < 0) & (decay < 1)
        if bad.any():
            row = frame.index[bad.to_numpy()][0]
            raise ScenarioError(
                f"{what}: row {row!r} has a negative {value_column} ({value[row]:g}) with "
                f"decay {decay[row]:g}; a negative value (a project that loses money) needs "
                f"decay = 1."
            )
        costs = {}
        for column in ("unit_cost", "fixed_cost"):
            costs[column] = (
                require_numeric(frame, column, what, nonnegative=True)
                if column in frame.columns else pd.Series(0.0, index=frame.index)
            )
        titles = frame["title"] if "title" in frame.columns else pd.Series(
            [str(i) for i in frame.index], index=frame.index)
        requires = frame["requires"] if "requires" in frame.columns else pd.Series(
            None, index=frame.index, dtype=object)
        initiatives = []
        for row in frame.index:
            needed = requires[row]
            needed = None if needed is None or (isinstance(needed, float) and math.isnan(
                needed)) or str(needed).strip() == "" else str(needed).strip()
            initiatives.append(Initiative(
                id=str(row), title=str(titles[row]), min_units=int(low[row]),
                max_units=int(high[row]), value=float(value[row]), decay=float(decay[row]),
                unit_cost=float(costs["unit_cost"][row]),
                fixed_cost=float(costs["fixed_cost"][row]), requires=needed,
            ))
        return cls(initiatives, capacity=capacity, budget=budget, unit=unit,
                   value_unit=value_unit, money=money)

    @classmethod
    def from_projects(
        cls, projects: pd.DataFrame, value: pd.Series, cost: pd.Series, *, budget: float,
        value_unit: str = "value", money: str = "$k",
    ) -> AllocationScenario:
        """Return a fund-or-not scenario: each project takes one unit and spends its ``cost``.

        ``value`` and ``cost`` are Series indexed like ``projects`` (a ``title`` column is
        used when present); a project with a negative value may be funded but lowers the
        total.
        """
        frame = require_frame(projects, "The projects table")
        table = pd.DataFrame({
            "title": frame["title"] if "title" in frame.columns else frame.index.astype(str),
            "min_units": 1, "max_units": 1, "decay": 1.0,
            "value": _aligned(value, frame.index, "value"),
            "unit_cost": _aligned(cost, frame.index, "cost"),
        }, index=frame.index)
        return cls.from_frame(table, budget=budget, unit="projects", value_unit=value_unit,
                              money=money)

    # -- plans --------------------------------------------------------------------------
    def __getitem__(self, initiative: str) -> Initiative:
        return self._by_id[initiative]

    def empty_plan(self) -> dict[str, int]:
        """Return the plan that funds nothing."""
        return dict.fromkeys(self.ids, 0)

    def check_plan(self, plan: Any) -> dict[str, int]:
        """Return ``plan`` as ``{id: whole units}`` for every initiative (missing ids get 0).

        Raises ScenarioError for anything that is not such a plan: not a mapping, an
        unknown id, a fraction, a negative number or a non-number.
        """
        if not isinstance(plan, Mapping):
            raise ScenarioError(
                "A plan maps each initiative id to a whole number of units, for example "
                f'{{"{self.ids[0]}": 2}}; got {kind_of(plan)}.'
            )
        out = self.empty_plan()
        for key, units in plan.items():
            key = str(key)
            if key not in self._by_id:
                raise ScenarioError(
                    f"{key!r} is not an initiative of this scenario; use one of "
                    f"{', '.join(self.ids)}."
                )
            if isinstance(units, bool) or not isinstance(units, Real):
                raise ScenarioError(
                    f"{key}: {units!r} is not a number of {self.unit}; use a whole number."
                )
            if not isinstance(units, Integral):
                if not math.isfinite(units) or units != int(units):
                    raise ScenarioError(
                        f"{key}: {units!r} {self.unit} is not a whole number; units come whole "
                        f"(round it)."
                    )
                units = int(units)
            if units < 0:
                raise ScenarioError(
                    f"{key}: {plural(units, self.unit)} is negative; use 0 or more.")
            out[key] = int(units)
        return out

    def evaluate(self, plan: Any) -> Evaluation:
        """Return the projected value of ``plan`` and every constraint it breaks, in words."""
        plan = self.check_plan(plan)
        values: dict[str, float] = {}
        violations: list[str] = []
        used = 0
        spent = 0.0
        for item in self.initiatives:
            units = plan[item.id]
            used += units
            if units == 0:
                values[item.id] = 0.0
                continue
            spent += item.cost_of(units)
            values[item.id] = item.value_of(min(units, item.max_units))
            if units < item.min_units:
                violations.append(
                    f"{item.title} ({item.id}) has {plural(units, self.unit)}, below its "
                    f"minimum of {item.min_units}: give it at least {item.min_units} or set it "
                    f"to 0."
                )
            elif units > item.max_units:
                violations.append(
                    f"{item.title} ({item.id}) has {plural(units, self.unit)}, above its "
                    f"maximum of {item.max_units}: more would not be used."
                )
            if item.requires is not None and plan[item.requires] == 0:
                needed = self._by_id[item.requires]
                violations.append(
                    f"{item.title} ({item.id}) depends on {needed.title} ({needed.id}), which "
                    f"is not funded: fund {needed.id} too, or set {item.id} to 0."
                )
        if self.capacity is not None and used > self.capacity + _EPS:
            violations.append(
                f"Over capacity: the plan uses {plural(used, self.unit)}, {used - self.capacity:g} "
                f"more than the {self.capacity:g} available."
            )
        if self.budget is not None and spent > self.budget + _EPS:
            violations.append(
                f"Over budget: the plan spends {spent:,.0f} {self.money}, "
                f"{spent - self.budget:,.0f} more than the {self.budget:,.0f} available."
            )
        return Evaluation(plan, sum(values.values()), values, used, spent, self.capacity,
                          self.budget, tuple(violations))

    def one_unit_moves(self, plan: Any) -> list[tuple[str | None, str | None, float]]:
        """Return the feasible one-unit moves that raise ``plan``'s value, best first.

        A move takes one unit from an initiative (``None``: from the spare capacity or
        budget), gives it to another (``None``: leaves it spare), or both; each comes with
        the value it adds. A local check only: an empty list does not mean the plan is the
        best one, since larger changes are not tried.
        """
        plan = self.check_plan(plan)
        base = self.evaluate(plan)
        moves = []
        for source in (None, *self.ids):
            if source is not None and plan[source] == 0:
                continue
            for target in (None, *self.ids):
                if target == source or (source is None and target is None):
                    continue
                trial = dict(plan)
                if source is not None:
                    trial[source] -= 1
                if target is not None:
                    trial[target] += 1
                outcome = self.evaluate(trial)
                if outcome.feasible and outcome.value > base.value + 1e-9:
                    moves.append((source, target, outcome.value - base.value))
        return sorted(moves, key=lambda move: -move[2])

    def table(self) -> pd.DataFrame:
        """Return the scenario as a DataFrame (one row per initiative, indexed by id).

        ``table.attrs["headers"]`` holds readable headers with this scenario's units (see
        :func:`course.tables.styled`).
        """
        table = pd.DataFrame(
            [{"id": i.id, "title": i.title, "min_units": i.min_units, "max_units": i.max_units,
              "value": i.value, "decay": i.decay, "unit_cost": i.unit_cost,
              "fixed_cost": i.fixed_cost, "requires": i.requires or ""}
             for i in self.initiatives]
        ).set_index("id")
        table.attrs["headers"] = headers(self.unit, self.value_unit, self.money)
        return table

    def __repr__(self) -> str:
        limits = []
        if self.capacity is not None:
            limits.append(f"capacity {self.capacity:g} {self.unit}")
        if self.budget is not None:
            limits.append(f"budget {self.budget:,.0f} {self.money}")
        return f"AllocationScenario({len(self.ids)} initiatives, {', '.join(limits)})"


def _whole(frame: pd.DataFrame, column: str, what: str) -> pd.Series:
    values = require_numeric(frame, column, what)
    bad = values != values.round()
    if bad.any():
        row = frame.index[bad.to_numpy()][0]
        raise ScenarioError(
            f"{what}: row {row!r} has {column} = {values[row]:g}; units are whole numbers."
        )
    return values.astype(int)


def _aligned(series: object, index: pd.Index, what: str) -> pd.Series:
    if not isinstance(series, pd.Series):
        raise ScenarioError(
            f"The projects' {what} must be a pandas Series indexed like the projects "
            f"(a column of the table); got {kind_of(series)}."
        )
    missing = [str(i) for i in index if i not in series.index]
    if missing:
        raise ScenarioError(f"The projects' {what} has no entry for {', '.join(missing)}.")
    return series.reindex(index)


def _check_requirements(by_id: Mapping[str, Initiative]) -> None:
    """Raise a ScenarioError for an unknown, self or circular requirement."""
    for item in by_id.values():
        if item.requires is None:
            continue
        if item.requires == item.id:
            raise ScenarioError(f"{item.id} requires itself; leave 'requires' empty instead.")
        if item.requires not in by_id:
            raise ScenarioError(
                f"{item.id} requires {item.requires!r}, which is not an initiative of the "
                f"scenario; use one of {', '.join(by_id)} or leave it empty."
            )
    for start in by_id.values():
        seen = [start.id]
        current = start
        while current.requires is not None:
            if current.requires in seen:
                loop = " -> ".join([*seen[seen.index(current.requires):], current.requires])
                raise ScenarioError(
                    f"The requirements go round in a circle ({loop}); none of them could ever "
                    f"be funded. Remove one of the links."
                )
            seen.append(current.requires)
            current = by_id[current.requires]
