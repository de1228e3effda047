"""Load the course's scenario data sets by name."""

from __future__ import annotations

from functools import cache

import pandas as pd

from materials import data_dir

__all__ = ["load"]

_INDEX = {"m01_backlog": "id", "m01_responsibilities": "id"}


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
    if name in _INDEX:
        frame = frame.set_index(_INDEX[name])
    return frame


def load(name: str) -> pd.DataFrame:
    """Return a fresh copy of the data set ``name`` (for example ``"m01_backlog"``)."""
    return _read(name).copy()
