"""Module 01's scenarios per learner: the RICE backlog, the quarter's capacity, the funnel.

- ``m01_backlog``: the same twelve items and titles; reach, impact, confidence and effort
  redrawn around the base values on the scales the lesson teaches. Sound when no two RICE
  scores are within 2% of each other (a ranking with one right order).
- ``m01_capacity``: person-months for the quarter, drawn so that the cut line funds 3 to 8
  items and leaves at least 2 person-months unused by the next item (no near-tie at the
  line).
- ``m01_funnel_events``: the same generator as the base log, with redrawn conversion rates
  and the broken activation -> core action step on a drawn platform. Sound when one step
  is clearly the worst overall (2 points ahead of the next) and the broken platform's
  core-action conversion trails the other's by at least 0.2.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from course.models.kpi import funnel
from course.models.prioritization import IMPACT_SCALE, longest_fit, rice
from course.variation import Draw

__all__ = ["VARIES", "funnel_events"]

STEPS = ["signup", "activation", "core_action", "upgrade"]
_EFFORTS = np.array([0.5, 1, 1.5, 2, 2.5, 3, 4, 5, 6, 8])
_CONFIDENCE = np.array([0.5, 0.8, 1.0])


def _near(rng: Any, grid: np.ndarray, value: float) -> float:
    """A value of ``grid`` at most one step away from ``value``."""
    at = int(np.abs(grid - value).argmin())
    return float(grid[int(np.clip(at + rng.integers(-1, 2), 0, len(grid) - 1))])


def backlog(draw: Draw) -> pd.DataFrame:
    """The RICE backlog of this variant."""
    impacts = np.array(sorted(IMPACT_SCALE))
    for attempt in draw.attempts():
        rng, frame = attempt.rng, draw.base()
        frame["reach"] = [int(round(r * rng.uniform(0.6, 1.5), -2)) or 100 for r in frame["reach"]]
        frame["impact"] = [_near(rng, impacts, v) for v in frame["impact"]]
        frame["confidence"] = [_near(rng, _CONFIDENCE, v) for v in frame["confidence"]]
        frame["effort"] = [_near(rng, _EFFORTS, v) for v in frame["effort"]]
        scores = np.sort(rice(frame).to_numpy())
        if (np.diff(scores) > 0.02 * scores[1:]).all():
            return frame
    raise AssertionError("unreachable")  # attempts() raises first


def capacity(draw: Draw) -> int:
    """Person-months for the quarter: the cut line funds 3 to 8 items, with no near-tie."""
    frame = draw.get("m01_backlog")
    order = list(rice(frame).sort_values(ascending=False, kind="stable").index)
    effort = frame["effort"]
    for attempt in draw.attempts():
        months = int(attempt.rng.integers(8, 17))
        funded = longest_fit(order, effort, months)
        used = float(effort[order[:funded]].sum())
        if 3 <= funded <= len(order) - 2 and used + float(effort[order[funded]]) - months >= 0.5:
            return months
    raise AssertionError("unreachable")


def funnel_events(seed: int = 20261101, users: int = 6000, *,
                  p_activate: tuple = (0.72, 0.64, 0.41), p_core: tuple = (0.66, 0.22),
                  p_upgrade: tuple = (0.26, 0.31), broken: str = "mobile") -> pd.DataFrame:
    """Return a funnel event log whose activation-to-core-action step is broken on one platform.

    Shapes built in: weekday seasonality of sign-ups, a partner channel that activates
    poorly, and users of the ``broken`` platform who rarely reach the core action.
    ``p_activate`` is per segment (organic, paid search, partner), ``p_core`` is (working
    platform, broken platform), ``p_upgrade`` is (other segments, paid search).
    """
    rng = np.random.default_rng(seed)
    days = pd.date_range("2026-07-01", "2026-09-30", freq="D")
    weights = np.where(days.day_of_week < 5, 1.0, 0.55)
    signup_day = rng.choice(len(days), size=users, p=weights / weights.sum())
    segment = rng.choice(["organic", "paid_search", "partner"], size=users, p=[0.5, 0.3, 0.2])
    platform = rng.choice(["web", "mobile"], size=users, p=[0.55, 0.45])
    activate = np.select([segment == "organic", segment == "paid_search"],
                         list(p_activate[:2]), default=p_activate[2])
    core = np.where(platform == broken, p_core[1], p_core[0])
    upgrade = np.where(segment == "paid_search", p_upgrade[1], p_upgrade[0])
    reached = np.ones((users, 4), dtype=bool)
    reached[:, 1] = rng.random(users) < activate
    reached[:, 2] = reached[:, 1] & (rng.random(users) < core)
    reached[:, 3] = reached[:, 2] & (rng.random(users) < upgrade)
    lag = rng.integers(0, 4, size=(users, 4)).cumsum(axis=1)
    lag[:, 0] = 0
    rows = []
    for step_index, step in enumerate(STEPS):
        who = np.flatnonzero(reached[:, step_index])
        day = np.minimum(signup_day[who] + lag[who, step_index], len(days) - 1)
        rows.append(pd.DataFrame({
            "user_id": who + 100001,
            "segment": segment[who],
            "platform": platform[who],
            "step": step,
            "date": days[day].strftime("%Y-%m-%d"),
        }))
    events = pd.concat(rows, ignore_index=True)
    return events.sort_values(["date", "user_id", "step"], kind="stable").reset_index(drop=True)


def _step_rates(events: pd.DataFrame) -> pd.Series:
    return funnel(events, STEPS)["step_conversion"].iloc[1:]


def funnel_log(draw: Draw) -> pd.DataFrame:
    """The Q3 event log of this variant."""
    for attempt in draw.attempts():
        rng = attempt.rng
        broken = str(rng.choice(["web", "mobile"]))
        events = funnel_events(
            int(rng.integers(1, 2**31)), int(rng.integers(45, 76)) * 100,
            p_activate=(rng.uniform(0.55, 0.8), rng.uniform(0.5, 0.72), rng.uniform(0.3, 0.5)),
            p_core=(rng.uniform(0.55, 0.8), rng.uniform(0.15, 0.3)),
            p_upgrade=(rng.uniform(0.2, 0.5), rng.uniform(0.25, 0.55)),
            broken=broken)
        rates = np.sort(_step_rates(events).to_numpy())
        by_platform = {p: _step_rates(g)["core_action"] for p, g in events.groupby("platform")}
        other = "web" if broken == "mobile" else "mobile"
        if rates[1] - rates[0] >= 0.02 and by_platform[other] - by_platform[broken] >= 0.2:
            return events
    raise AssertionError("unreachable")


#: data set or figure -> builder (see the module docstring)
VARIES: dict[str, Callable[[Draw], Any]] = {
    "m01_backlog": backlog,
    "m01_capacity": capacity,
    "m01_funnel_events": funnel_log,
}
