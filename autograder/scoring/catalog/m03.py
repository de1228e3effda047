"""Module 03, Director of Product (lessons 1 and 2): references and scoring.

The KPI dashboard lesson of the same module registers its exercises in ``m03_kpi.py``.
Lesson 2's division (initiatives, engineers, budget) varies per learner
(:mod:`course.variation.m03`); the salary facts of lesson 1 do not.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from autograder.scoring.catalog import Exercise, register, register_check
from autograder.scoring.rules import Score, numbers_within, overlap
from autograder.scoring.solver import optimal_plan, share_of_optimum
from course.data import figure, load
from course.forms import as_mapping
from course.models.allocation import AllocationScenario, curve_value
from course.variants import variant_cache

MODULE = "03-director"
CITIES = ("sf", "mia", "sea", "pdx", "nyc")

#: The specialisation each company of m03_companies.csv needs (the exercise's key).
SPECIALISATIONS = {
    "C1": "technical", "C2": "growth", "C3": "design", "C4": "data", "C5": "enterprise",
}
#: What to look at again, per company, when the choice was wrong (never names the answer).
_SIGNS = {
    "C1": "what its buyers compare vendors on, and where its hardest problems lie.",
    "C2": "which numbers have slipped, and what it would take to move them.",
    "C3": "why shoppers leave, and what the brand depends on.",
    "C4": "what exactly its customers pay for.",
    "C5": "who buys it and what every deal requires.",
}


#: the best plan's value must lead every other plan's by more than this share of it (more
#: than rounding): one plan alone reaches the optimum value
UNIQUE_MARGIN = 1e-9


@variant_cache
def scenario() -> AllocationScenario:
    """Return the division's allocation scenario of lesson 2, in the current variant."""
    return AllocationScenario.from_frame(
        load("m03_initiatives"), capacity=figure("m03_capacity"), budget=figure("m03_budget"),
        unit="engineers", value_unit="$k ARR",
    )


def _best_plan() -> dict[str, int]:
    """The reference plan, as the allocation widget saves it (every initiative, whole units)."""
    return dict(optimal_plan(scenario()).plan)


def brimful_plan(division: AllocationScenario) -> dict[str, int]:
    """Fill initiatives to their maximum, biggest first engineer first, while they fit.

    The mistake of ignoring diminishing returns: it respects every rule, so it is a plan,
    but it pours engineers into the biggest bets long after they stopped paying back.
    """
    plan = division.empty_plan()
    left, money = float(division.capacity or 0), float(division.budget or 0)
    for item in sorted(division.initiatives, key=lambda i: -i.value):
        units = int(min(item.max_units, left))
        needed = item.requires is None or plan[item.requires] > 0
        if needed and units >= item.min_units and item.cost_of(units) <= money:
            plan[item.id] = units
            left -= units
            money -= item.cost_of(units)
    return plan


def _plan_mistakes() -> list[dict[str, int]]:
    """An even split, dependants without their prerequisite, all at minimum, the default.

    The first three break a rule on every variant (the budget never covers every
    initiative's fixed cost), the default plan funds nothing. :func:`brimful_plan` is not
    here: on a few variants it comes within 2% of the optimum.
    """
    division = scenario()
    ids = [item.id for item in division.initiatives]
    even = {i: int(division.capacity or 0) // len(ids) for i in ids}
    orphans = {item.id: item.min_units for item in division.initiatives
               if item.requires is not None}
    minimums = {item.id: item.min_units for item in division.initiatives}
    return [even, orphans, minimums, division.empty_plan()]


def _plan_values(division: AllocationScenario) -> tuple[np.ndarray, list[np.ndarray]]:
    """Every plan's value, and each initiative's units, over all plans that fit (exhaustive)."""
    options = [np.array([0, *range(i.min_units, i.max_units + 1)]) for i in division.initiatives]
    grids = np.meshgrid(*[np.arange(len(o)) for o in options], indexing="ij")
    units = [o[g].ravel() for o, g in zip(options, grids, strict=True)]
    value = sum(np.array([curve_value(i.value, i.decay, int(u)) for u in o])[g].ravel()
                for i, o, g in zip(division.initiatives, options, grids, strict=True))
    cost = sum(np.where(u > 0, i.fixed_cost, 0.0) + i.unit_cost * u
               for i, u in zip(division.initiatives, units, strict=True))
    fits = (sum(units) <= (division.capacity or np.inf)) & (cost <= (division.budget or np.inf))
    index = {item.id: k for k, item in enumerate(division.initiatives)}
    for k, item in enumerate(division.initiatives):
        if item.requires is not None:
            fits &= ~((units[k] > 0) & (units[index[item.requires]] == 0))
    return np.where(fits, value, -np.inf), units


def _sound_allocation() -> list[str]:
    """A feasible plan funds several initiatives, and its optimum value is unique."""
    division = scenario()
    best = optimal_plan(division)
    values, _ = _plan_values(division)
    order = np.sort(values[np.isfinite(values)])[::-1]
    problems = []
    if not np.isclose(order[0], best.value, rtol=1e-9):
        problems.append(f"the solver's optimum {best.value:.3f} differs from an exhaustive "
                        f"search ({order[0]:.3f})")
    if len(order) < 2 or order[0] - order[1] <= UNIQUE_MARGIN * max(1.0, order[0]):
        problems.append(f"two plans share the best value {order[0]:.3f}")
    funded = sum(1 for units in best.plan.values() if units > 0)
    if funded < 3:
        problems.append(f"the best plan funds only {funded} initiatives")
    evaluation = division.evaluate(best.plan)
    if evaluation.used < 0.75 * float(division.capacity or 0):
        problems.append(f"the best plan leaves most engineers idle ({evaluation.used:g} used)")
    return problems


def _pay() -> pd.Series:
    return load("m03_compensation")["usd"].astype(float)


def bonus_share() -> float:
    """Return the cash bonus as a share of average total pay."""
    pay = _pay()
    return float(pay["us-bonus"] / pay["us-total"])


def city_premium() -> dict[str, float]:
    """Return each city's average salary over the national average salary, as a fraction."""
    pay = _pay()
    return {city: float(pay[city] / pay["us-salary"] - 1) for city in CITIES}


def _score_specialisation(value: Any) -> Score:
    base = overlap(value, SPECIALISATIONS, "companies")
    if not isinstance(value, Mapping):
        return base
    wrong = [c for c in SPECIALISATIONS if value.get(c) != SPECIALISATIONS[c]]
    if not wrong:
        return base
    hints = " ".join(f"For {c}, look again at {_SIGNS[c]}" for c in wrong)
    return Score(base.fraction, f"{base.reason} {hints}")


def _score_bonus(value: Any) -> Score:
    return numbers_within({"share": value}, {"share": bonus_share()}, abs_=0.0005,
                          what="bonus share")


def place_ids() -> dict[str, str]:
    """Return ``{place name: city id}``: a premium indexed by place name is read by id."""
    places = load("m03_compensation")["place"]
    return {str(place): str(city) for city, place in places.items() if city in CITIES}


def _score_premium(value: Any) -> Score:
    mapping = as_mapping(value)
    if mapping is None:
        return Score(0.0, "city_premium should be a Series indexed by city id.")
    aliases = place_ids()
    answer = {}
    for key, number in mapping.items():
        if key not in CITIES:  # indexed by place name: accept it
            key = aliases.get(key, key)
        answer[key] = number
    return numbers_within(answer, city_premium(), abs_=0.0005, what="city premiums")


_NB1, _NB2 = "1-the-director", "2-allocate-capacity"
_DIRECTOR = ("director",)

register(Exercise(MODULE, _NB1, "specialisation", 5, "roles", _score_specialisation,
                  fingerprints=lambda: [json.dumps(SPECIALISATIONS, sort_keys=True)],
                  competencies=("domain-knowledge", "strategic-thinking"), roles=_DIRECTOR))
register(Exercise(MODULE, _NB1, "bonus-share", 1, "compensation", _score_bonus, source="value",
                  competencies=("data-analysis", "business-acumen"), roles=_DIRECTOR))
register(Exercise(MODULE, _NB1, "city-premium", 2, "compensation", _score_premium,
                  source="value", competencies=("data-analysis",), roles=_DIRECTOR))
register(Exercise(MODULE, _NB1, "reflection", 2, "reflection", None, source="manual",
                  competencies=("adaptability-resilience", "self-reflection-learning"),
                  roles=_DIRECTOR))
register(Exercise(MODULE, _NB2, "capacity-plan", 4, "allocation",
                  lambda v: share_of_optimum(v, scenario()), scenario=scenario,
                  fingerprints=lambda: [json.dumps(optimal_plan(scenario()).plan,
                                                   sort_keys=True)],
                  competencies=("decision-making", "scope-management", "business-acumen"),
                  roles=("director", "senior_pm"),
                  reference=_best_plan, mistakes=_plan_mistakes))
register_check(MODULE, "allocation", _sound_allocation)
