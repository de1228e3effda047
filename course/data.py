"""Load the course's scenario data sets by name."""

from __future__ import annotations

from functools import cache

import pandas as pd

from materials import data_dir

__all__ = ["load"]

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
    return frame


def load(name: str) -> pd.DataFrame:
    """Return a fresh copy of the data set ``name`` (for example ``"m01_backlog"``).

    A table whose first column is ``id`` comes indexed by it.
    """
    return _read(name).copy()
