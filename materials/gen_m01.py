"""Seeded data sets of module 01: the funnel event log (its base; variants in course.variation)."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from course.variation.m01 import funnel_events

__all__ = ["GENERATORS", "funnel_events"]

#: file name in materials/data -> function building its frame
GENERATORS: dict[str, Callable[[], pd.DataFrame]] = {
    "m01_funnel_events.csv": funnel_events,
}
