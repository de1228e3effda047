"""Seeded data sets of module 01: the funnel event log."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

__all__ = ["GENERATORS", "funnel_events"]

_STEPS = ["signup", "activation", "core_action", "upgrade"]


def funnel_events(seed: int = 20261101, users: int = 6000) -> pd.DataFrame:
    """Return a funnel event log whose activation-to-core-action step is broken on mobile.

    Shapes built in: weekday seasonality of sign-ups, a partner channel that activates
    poorly, and mobile users who rarely reach the core action (a broken step).
    """
    rng = np.random.default_rng(seed)
    days = pd.date_range("2026-07-01", "2026-09-30", freq="D")
    weights = np.where(days.day_of_week < 5, 1.0, 0.55)
    signup_day = rng.choice(len(days), size=users, p=weights / weights.sum())
    segment = rng.choice(["organic", "paid_search", "partner"], size=users, p=[0.5, 0.3, 0.2])
    platform = rng.choice(["web", "mobile"], size=users, p=[0.55, 0.45])
    p_activate = np.select(
        [segment == "organic", segment == "paid_search"], [0.72, 0.64], default=0.41
    )
    p_core = np.where(platform == "mobile", 0.22, 0.66)
    p_upgrade = np.where(segment == "paid_search", 0.31, 0.26)
    reached = np.ones((users, 4), dtype=bool)
    reached[:, 1] = rng.random(users) < p_activate
    reached[:, 2] = reached[:, 1] & (rng.random(users) < p_core)
    reached[:, 3] = reached[:, 2] & (rng.random(users) < p_upgrade)
    lag = rng.integers(0, 4, size=(users, 4)).cumsum(axis=1)
    lag[:, 0] = 0
    rows = []
    for step_index, step in enumerate(_STEPS):
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


#: file name in materials/data -> function building its frame
GENERATORS: dict[str, Callable[[], pd.DataFrame]] = {
    "m01_funnel_events.csv": funnel_events,
}
