"""Module 10's scenarios per learner: the onboarding experiment and the four pricing proposals.

The behaviours, the scenarios and their responses are facts of the competency track and
stay the same for everybody (their presentation order is shuffled in the lessons instead).

- ``m10_experiment``: the same four rows (segment x variant). Each segment has 4,000 to
  6,000 users, and the rollout bug sends 75-85% of the new users to control and 75-85% of
  the returning users to test. New users convert at 5-10% in control and 1.5 to 4 points
  better in test; returning users at 17-28% in control and 0.5 to 2 points worse in test.
  Sound when the story of the lesson's Director scenario holds on the counts: the test
  group converts at least 3 points better overall, helps new users by at least 1 point and
  hurts returning users by 0.3 to 2.5 points; and no rate sits within 0.00001 of a
  half-way point of three decimals (a rate rounded to three decimals stays right).
- ``m10_pricing``: the same four proposals. Today's price ($45-60), accounts
  (3,500-4,500) and unit cost ($10-15); a discount of $6-12 that wins enough accounts to
  raise revenue but too few to keep profit; a premium tier $10-20 dearer with 8-28% fewer
  accounts, a unit cost $1-4 higher and $5,000-20,000 of fixed cost; usage-based plans
  $4-10 dearer with up to 20% more accounts, a unit cost $6-14 higher and $2,000-7,000 of
  fixed cost. The best is today's price or the premium tier, by variant. Sound when the
  discount raises revenue but lowers profit,
  the highest revenue is not the highest profit, the best profit leads the next by at
  least 3%, every profit is positive, and no margin sits near a half-way point of two
  decimals.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from course.variation import Draw

__all__ = ["VARIES", "experiment", "pricing"]


def _rounds_safely(values: Any, decimals: int, margin: float) -> bool:
    """Whether every value is at most ``margin`` away from its rounding to ``decimals``."""
    values = np.asarray(values, dtype=float)
    return bool((np.abs(values - np.round(values, decimals)) <= margin).all())


def _hundreds(value: float) -> int:
    return int(round(value / 100.0)) * 100


def experiment(draw: Draw) -> pd.DataFrame:
    """The onboarding experiment of this variant (counts by segment and group)."""
    frame = draw.base()
    for attempt in draw.attempts():
        rng = attempt.rng
        new, returning = (int(rng.integers(40, 61)) * 100 for _ in range(2))
        new_control = _hundreds(new * rng.uniform(0.75, 0.85))
        returning_test = _hundreds(returning * rng.uniform(0.75, 0.85))
        users = {("new", "control"): new_control, ("new", "test"): new - new_control,
                 ("returning", "control"): returning - returning_test,
                 ("returning", "test"): returning_test}
        new_rate = rng.uniform(0.05, 0.10)
        returning_rate = rng.uniform(0.17, 0.28)
        rates = {("new", "control"): new_rate,
                 ("new", "test"): new_rate + rng.uniform(0.015, 0.04),
                 ("returning", "control"): returning_rate,
                 ("returning", "test"): returning_rate - rng.uniform(0.005, 0.02)}
        converted = {key: int(round(users[key] * rates[key])) for key in users}
        real = {key: converted[key] / users[key] for key in users}
        pooled = {group: sum(converted[(s, group)] for s in ("new", "returning"))
                  / sum(users[(s, group)] for s in ("new", "returning"))
                  for group in ("control", "test")}
        sound = (pooled["test"] - pooled["control"] >= 0.03
                 and real[("new", "test")] - real[("new", "control")] >= 0.01
                 and 0.003 <= real[("returning", "control")] - real[("returning", "test")]
                 <= 0.025
                 and _rounds_safely([*real.values(), *pooled.values()], 3, 0.00049))
        if sound:
            keys = list(zip(frame["segment"], frame["variant"], strict=True))
            frame["users"] = [users[k] for k in keys]
            frame["converted"] = [converted[k] for k in keys]
            return frame
    raise AssertionError("unreachable")  # attempts() raises first


def _plans(frame: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    revenue = frame["price"] * frame["accounts"]
    profit = frame["accounts"] * (frame["price"] - frame["unit_cost"]) - frame["fixed_cost"]
    return revenue.astype(float), profit.astype(float)


def pricing(draw: Draw) -> pd.DataFrame:
    """The four pricing proposals of this variant (same ids, names and columns)."""
    frame = draw.base()
    for attempt in draw.attempts():
        rng = attempt.rng
        price = int(rng.integers(45, 61))
        accounts = int(rng.integers(35, 46)) * 100
        cost = int(rng.integers(10, 16))
        discount = int(rng.integers(6, 13))
        # the discount's growth in accounts lies between the growth that keeps revenue
        # level and the growth that keeps profit level: revenue rises, profit falls
        level_revenue = price / (price - discount)
        level_profit = (price - cost) / (price - cost - discount)
        growth = level_revenue + rng.uniform(0.2, 0.8) * (level_profit - level_revenue)
        frame["price"] = [price, price - discount, price + int(rng.integers(10, 21)),
                          price + int(rng.integers(4, 11))]
        frame["accounts"] = [accounts, _hundreds(accounts * growth),
                             _hundreds(accounts * rng.uniform(0.72, 0.92)),
                             _hundreds(accounts * rng.uniform(1.0, 1.2))]
        frame["unit_cost"] = [cost, cost, cost + int(rng.integers(1, 5)),
                              cost + int(rng.integers(6, 15))]
        frame["fixed_cost"] = [0, 0, int(rng.integers(5, 21)) * 1000,
                               int(rng.integers(2, 8)) * 1000]
        revenue, profit = _plans(frame)
        ranked = profit.sort_values(ascending=False)
        sound = (revenue.iloc[1] > revenue.iloc[0] and profit.iloc[1] < profit.iloc[0]
                 and revenue.idxmax() != profit.idxmax()
                 and ranked.iloc[0] >= 1.03 * ranked.iloc[1]
                 and (profit > 0).all()
                 and _rounds_safely(profit / revenue, 2, 0.00495))
        if sound:
            return frame
    raise AssertionError("unreachable")


#: data set -> builder (see the module docstring)
VARIES: dict[str, Callable[[Draw], Any]] = {
    "m10_experiment": experiment,
    "m10_pricing": pricing,
}
