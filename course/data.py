"""Load the course's scenario data sets by name, in the learner's own variant.

The committed tables in ``materials/data`` are the base; a data set listed in
:data:`course.variation.VARIES` is rebuilt from its base for the variant in use
(:func:`course.variants.current`), so every learner gets numbers of their own. Facts
from the sources (the ladder, salaries, competencies) are not varied.
"""

from __future__ import annotations

from functools import cache, lru_cache

import pandas as pd

from course.variants import Variant, active, current
from materials import data_dir

__all__ = ["SOURCE_LABELS", "base", "figure", "load", "varies", "warm"]

#: What learners read in a ``source`` column: each source article by what it is, never by
#: its file name (the CSV files keep the file names, so the data stays traceable).
SOURCE_LABELS: dict[str, str] = {
    "000_a9098604e3a780c6.txt": "guide to the Distinguished PM role",
    "001_13e4409070237c0e.txt": "vendor article on the Director role and its pay",
    "002_939074e79387996a.txt": "guide to the Digital PM role",
    "003_875c3631e32bc363.txt": "in-depth guide to the Director role",
    "004_443cdad832fda553.txt": "guide to progressing from PM to CPO",
}

@cache
def _read(name: str) -> pd.DataFrame:
    path = data_dir() / f"{name}.csv"
    if not path.exists():
        known = sorted(p.stem for p in data_dir().glob("*.csv"))
        raise FileNotFoundError(
            f"no data set named {name!r}; the course has {', '.join(known)}. If a generated "
            f"file is missing, rebuild it with: python -m materials.generate"
        )
    frame = pd.read_csv(path)
    if len(frame.columns) and frame.columns[0] == "id":  # the convention for keyed tables
        frame = frame.set_index("id")
    if "source" in frame.columns:
        frame["source"] = frame["source"].map(lambda v: SOURCE_LABELS.get(v, v))
    return frame


def warm() -> int:
    """Read every base table once and return how many (before a kernel template forks)."""
    names = sorted(p.stem for p in data_dir().glob("*.csv"))
    for name in names:
        _read(name)
    return len(names)


def base(name: str) -> pd.DataFrame:
    """Return a fresh copy of the committed base table ``name``, the same for everybody."""
    return _read(name).copy()


def varies(name: str) -> bool:
    """Whether the data set or figure ``name`` differs from one variant to another."""
    from course.variation import VARIES

    return name in VARIES


@lru_cache(maxsize=256)  # a grading worker meets many learners: keep the recent ones
def _varied(variant_id: str, variant: Variant, name: str) -> object:
    from course.variation import VARIES, Draw

    with active(variant):
        return VARIES[name](Draw(variant, name))


def load(name: str) -> pd.DataFrame:
    """Return a fresh copy of the data set ``name`` (for example ``"m01_backlog"``).

    A table whose first column is ``id`` comes indexed by it. A scenario data set comes
    in the current learner's variant; a table of facts is the same for everybody.
    """
    if not varies(name):
        return base(name)
    variant = current()
    frame = _varied(variant.id, variant, name)
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"{name} is a figure, not a table: read it with figure({name!r})")
    return frame.copy()


def figure(name: str) -> float | int:
    """Return the scenario figure ``name`` (a budget, a capacity) in the current variant."""
    if not varies(name):
        from course.variation import VARIES

        known = sorted(n for n in VARIES if not (data_dir() / f"{n}.csv").exists())
        raise KeyError(f"no scenario figure named {name!r}; the course has {', '.join(known)}")
    variant = current()
    value = _varied(variant.id, variant, name)
    if isinstance(value, pd.DataFrame):
        raise TypeError(f"{name} is a table, not a figure: read it with load({name!r})")
    return value
