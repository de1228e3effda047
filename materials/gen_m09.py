"""Seeded data set of module 09 (the capstone): the division's sign-ups of Q1 and Q2 2027.

Each sign-up carries one uniform random draw per funnel step. The capstone model turns the
draws into an event log for any state of the division (a user passes a step when the draw
is below the step's rate for their segment and quarter), so the Q2 data reflects what the
learner funded in Q1 and is the same, bit for bit, for the same decisions.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

__all__ = ["GENERATORS", "signups"]

SEGMENTS = ("smb", "mid_market", "enterprise")
MIX = (0.5, 0.3, 0.2)  # the shares of m09_funnel.csv
QUARTERS = (("2027-01-01", "2027-03-31"), ("2027-04-01", "2027-06-30"))


def signups(seed: int = 20270109, per_quarter: int = 4000) -> pd.DataFrame:
    """Return one row per sign-up of Q1 and Q2 2027 with its segment and three draws."""
    rng = np.random.default_rng(seed)
    frames = []
    for number, (first, last) in enumerate(QUARTERS):
        days = pd.date_range(first, last, freq="D")
        weights = np.where(days.day_of_week < 5, 1.0, 0.6)
        day = days[rng.choice(len(days), size=per_quarter, p=weights / weights.sum())]
        frames.append(pd.DataFrame({
            "user_id": 900_001 + number * per_quarter + np.arange(per_quarter),
            "segment": rng.choice(SEGMENTS, size=per_quarter, p=MIX),
            "signup": day.strftime("%Y-%m-%d"),
            "u_activation": rng.random(per_quarter).round(4),
            "u_core_action": rng.random(per_quarter).round(4),
            "u_upgrade": rng.random(per_quarter).round(4),
        }))
    frame = pd.concat(frames, ignore_index=True)
    return frame.sort_values(["signup", "user_id"], kind="stable").reset_index(drop=True)


#: file name in materials/data -> function building its frame
GENERATORS: dict[str, Callable[[], pd.DataFrame]] = {
    "m09_users.csv": signups,
}
