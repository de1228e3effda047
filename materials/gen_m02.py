"""Seeded data sets of module 02: the seller app's Kano survey (its base; variants elsewhere).

The generator lives in :mod:`course.variation.m02`, which also draws each learner's survey.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from course.variation.m02 import kano_survey

__all__ = ["GENERATORS", "kano_survey"]

#: file name in materials/data -> function building its frame
GENERATORS: dict[str, Callable[[], pd.DataFrame]] = {
    "m02_kano_survey.csv": kano_survey,
}
