"""Seeded data set of module 09 (the capstone): the division's sign-ups of Q1 and Q2 2027.

Each sign-up carries one uniform random draw per funnel step. The capstone model turns the
draws into an event log for any state of the division (a user passes a step when the draw
is below the step's rate for their segment and quarter), so the Q2 data reflects what the
learner funded in Q1 and is the same, bit for bit, for the same decisions. The generator
lives in :mod:`course.variation.m09`, which also draws each learner's own sign-ups with it;
this base table is its default draw.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from course.variation.m09 import signups

__all__ = ["GENERATORS", "signups"]

#: file name in materials/data -> function building its frame
GENERATORS: dict[str, Callable[[], pd.DataFrame]] = {
    "m09_users.csv": signups,
}
