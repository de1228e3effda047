"""Seeded data sets of module 02: the Kano survey of the seller app (its base; variants in
course.variation)."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from course.variation.m02 import kano_survey

__all__ = ["GENERATORS", "kano_survey"]

#: file name in materials/data -> function building its frame
GENERATORS: dict[str, Callable[[], pd.DataFrame]] = {
    "m02_kano_survey.csv": kano_survey,
}
