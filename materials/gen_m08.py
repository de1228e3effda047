"""Seeded data sets of module 08: the promotion panel (its base; variants in course.variation)."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from course.variation.m08 import promotion_panel

__all__ = ["GENERATORS", "promotion_panel"]

GENERATORS: dict[str, Callable[[], pd.DataFrame]] = {"m08_panel.csv": promotion_panel}
