"""Load the course's scenario data sets by name."""

from __future__ import annotations

from functools import cache

import pandas as pd

from materials import data_dir

__all__ = ["SOURCE_LABELS", "load"]

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


def load(name: str) -> pd.DataFrame:
    """Return a fresh copy of the data set ``name`` (for example ``"m01_backlog"``).

    A table whose first column is ``id`` comes indexed by it.
    """
    return _read(name).copy()
