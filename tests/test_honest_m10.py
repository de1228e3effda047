"""Module 10: honest answers in other forms earn full marks, and the self-check agrees.

Each new exercise of module 10 is answered the way a learner might: rung names in
capitals, a Series for a dict, a response letter in lower case, a table transposed or with
its ids in a column, a share rounded to the precision the tolerance allows. The honest
variant earns every point (and where there is a self-check it says ✓); a wrong answer of
the same form does not.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import pytest

from autograder.scoring.catalog import get
from autograder.scoring.catalog.m10 import (
    CHOICE_CREDIT,
    PLACEMENTS,
    best_proposal,
    experiment_reference,
    pricing_reference,
)
from autograder.scoring.grade import grade
from course import feedback
from course.data import load

MODULE = "10-competencies"


def full(exercise: str, value: Any) -> bool:
    """Whether ``value`` earns every point of module 10's ``exercise``."""
    key = f"{MODULE}/{exercise}"
    return grade(key, value) == get(key).points


def says_ok(capsys: pytest.CaptureFixture[str], check: Callable[..., bool], *args: Any,
            **kwargs: Any) -> bool:
    """Run a self-check; return True when it printed only ✓ lines (and nothing on stderr)."""
    capsys.readouterr()
    result = check(*args, **kwargs)
    out, err = capsys.readouterr()
    assert err == ""
    assert result == ("✗" not in out), out
    return result


@pytest.mark.parametrize("exercise", sorted(PLACEMENTS))
def test_placement_as_series_in_capitals(exercise: str) -> None:
    """A placement as a Series with rung ids in capitals earns full marks; a swap does not."""
    key = PLACEMENTS[exercise]
    assert full(exercise, pd.Series({item: rung.upper() for item, rung in key.items()}))
    items = sorted(key)
    swapped = {**key, items[0]: key[items[1]], items[1]: key[items[0]]}
    if swapped != key:
        assert not full(exercise, swapped)


@pytest.mark.parametrize("exercise", sorted(CHOICE_CREDIT))
def test_scenario_letter_in_lower_case(exercise: str) -> None:
    """The best response as a lower-case letter (or a one-element list) earns full marks."""
    best = next(letter for letter, credit in CHOICE_CREDIT[exercise].items() if credit == 1)
    assert full(exercise, best.lower())
    assert full(exercise, pd.Series([best]))
    assert all(not full(exercise, letter) for letter in "ABCD" if letter != best)


def _rates_forms() -> dict[str, Any]:
    rates = experiment_reference()
    return {
        "segments in a column": rates.reset_index(),
        "transposed": rates.T,
        "rounded to three decimals": rates.round(3),
        "upper-case columns": rates.rename(columns=str.upper),
    }


@pytest.mark.parametrize("form", sorted(_rates_forms()))
def test_experiment_rates_other_forms(capsys: pytest.CaptureFixture[str], form: str) -> None:
    """The conversion table in another layout earns full marks, and the self-check agrees."""
    value = _rates_forms()[form]
    assert full("experiment-rates", value)
    assert says_ok(capsys, feedback.check_table, value, ["new", "returning", "all"],
                   ["control", "test"], name="rates", between=(0, 1))


def test_experiment_rates_in_percent_stay_wrong(capsys: pytest.CaptureFixture[str]) -> None:
    """Rates in percent earn nothing and the self-check flags the unit."""
    value = 100 * experiment_reference()
    assert grade(f"{MODULE}/experiment-rates", value) == 0
    assert not says_ok(capsys, feedback.check_table, value, ["new", "returning", "all"],
                       ["control", "test"], name="rates", between=(0, 1))


def _pricing_forms() -> dict[str, Any]:
    plans = pricing_reference()
    return {
        "ids in a column": plans.reset_index(),
        "transposed": plans.T,
        "margin rounded to two decimals": plans.assign(margin=plans["margin"].round(2)),
        "integers for money": plans.assign(revenue=plans["revenue"].astype(int),
                                           profit=plans["profit"].astype(int)),
    }


@pytest.mark.parametrize("form", sorted(_pricing_forms()))
def test_pricing_other_forms(capsys: pytest.CaptureFixture[str], form: str) -> None:
    """The pricing table in another layout earns full marks, and the self-check agrees."""
    value = _pricing_forms()[form]
    assert full("pricing-profit", value)
    assert says_ok(capsys, feedback.check_table, value, list(load("m10_pricing").index),
                   ["revenue", "profit", "margin"], name="plans")


def test_pricing_without_fixed_cost_stays_wrong() -> None:
    """Forgetting the fixed cost leaves the proposals that have one wrong."""
    pricing = load("m10_pricing")
    revenue = pricing["price"] * pricing["accounts"]
    profit = pricing["accounts"] * (pricing["price"] - pricing["unit_cost"])
    value = pd.DataFrame({"revenue": revenue, "profit": profit, "margin": profit / revenue})
    assert 0 < grade(f"{MODULE}/pricing-profit", value) < get(f"{MODULE}/pricing-profit").points


def test_pricing_call_in_lower_case() -> None:
    """The proposal id in lower case earns full marks; the highest-revenue one does not."""
    assert full("pricing-call", best_proposal().lower())
    assert not full("pricing-call", str(pricing_reference()["revenue"].idxmax()))
