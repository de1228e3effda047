"""Module 03, Director of Product (lessons 1 and 2): references and scoring.

The KPI dashboard lesson of the same module registers its exercises in ``m03_kpi.py``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import pandas as pd

from autograder.scoring.catalog import Exercise, register
from autograder.scoring.rules import Score, numbers_within, overlap
from autograder.scoring.solver import optimal_plan, share_of_optimum
from course.data import load
from course.forms import as_mapping
from course.models.allocation import AllocationScenario
from course.variants import variant_cache

MODULE = "03-director"
CAPACITY = 24  # engineers for the quarter, as stated in lesson 2
BUDGET = 250  # $k of non-salary budget, as stated in lesson 2
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


@variant_cache
def scenario() -> AllocationScenario:
    """Return the division's allocation scenario of lesson 2."""
    return AllocationScenario.from_frame(
        load("m03_initiatives"), capacity=CAPACITY, budget=BUDGET, unit="engineers",
        value_unit="$k ARR",
    )


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
                  roles=("director", "senior_pm")))
