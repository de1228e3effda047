"""Input checks shared by the scenario models: every message names the problem and the fix."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

__all__ = ["ScenarioError", "kind_of", "plural", "require_columns", "require_frame",
           "require_numeric"]


def plural(number: float, noun: str, many: str | None = None) -> str:
    """Return "1 engineer", "2 engineers", "0 items": ``noun`` is singular or plural.

    ``noun`` may be given in the plural ("engineers"); its singular is then the noun less
    its final "s". ``many`` overrides the plural ("1 person", "3 people").
    """
    if many is None:
        one = noun[:-1] if noun.endswith("s") and not noun.endswith("ss") else noun
        many = noun if one != noun else f"{noun}s"
    else:
        one = noun
    return f"{number:g} {one if number == 1 else many}"


class ScenarioError(ValueError):
    """A scenario input that cannot be evaluated, with a message saying how to fix it."""


def require_frame(frame: object, what: str) -> pd.DataFrame:
    """Return ``frame`` if it is a non-empty DataFrame, else raise a ScenarioError."""
    if not isinstance(frame, pd.DataFrame):
        raise ScenarioError(
            f"{what} must be a pandas DataFrame, got {kind_of(frame)}; "
            f"load it with the data helpers or build it with pd.DataFrame(...)."
        )
    if len(frame.columns) == 0:
        raise ScenarioError(f"{what} has no columns; check how it was built or loaded.")
    if frame.empty:
        raise ScenarioError(f"{what} is empty; it needs at least one row.")
    return frame


def require_columns(frame: pd.DataFrame, columns: Iterable[str], what: str) -> None:
    """Raise a ScenarioError naming every column of ``columns`` missing from ``frame``."""
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ScenarioError(
            f"{what} is missing the {'column' if len(missing) == 1 else 'columns'} "
            f"{', '.join(map(repr, missing))}; "
            f"it has {', '.join(map(repr, map(str, frame.columns)))}. "
            f"Add or rename {'it' if len(missing) == 1 else 'them'} and try again."
        )


def require_numeric(frame: pd.DataFrame, column: str, what: str, *, positive: bool = False,
                    nonnegative: bool = False,
                    allowed: Iterable[float] | None = None,
                    between: tuple[float, float] | None = None) -> pd.Series:
    """Return ``frame[column]`` as floats, raising a ScenarioError that names the first bad row."""
    values = pd.to_numeric(frame[column], errors="coerce")
    bad = values.isna()
    if bad.any():
        row = frame.index[bad.to_numpy()][0]
        raise ScenarioError(
            f"{what}: row {row!r} has {frame.loc[row, column]!r} in {column!r}, which is not a "
            f"number. Put a number there."
        )
    values = values.astype(float)
    if positive:
        bad = values <= 0
        if bad.any():
            row = frame.index[bad.to_numpy()][0]
            raise ScenarioError(
                f"{what}: row {row!r} has {column} = {values[row]:g}; it must be greater than "
                f"zero. Use a small positive estimate instead."
            )
    if nonnegative:
        bad = values < 0
        if bad.any():
            row = frame.index[bad.to_numpy()][0]
            raise ScenarioError(
                f"{what}: row {row!r} has {column} = {values[row]:g}; it cannot be negative."
            )
    if allowed is not None:
        allowed = sorted(set(allowed))
        bad = ~values.isin(allowed)
        if bad.any():
            row = frame.index[bad.to_numpy()][0]
            raise ScenarioError(
                f"{what}: row {row!r} has {column} = {values[row]:g}, which is not on the scale; "
                f"use one of {', '.join(f'{a:g}' for a in allowed)}."
            )
    if between is not None:
        lo, hi = between
        bad = (values < lo) | (values > hi)
        if bad.any():
            row = frame.index[bad.to_numpy()][0]
            raise ScenarioError(
                f"{what}: row {row!r} has {column} = {values[row]:g}, outside {lo:g} to {hi:g}. "
                f"Check the units (for example a percentage given as 80 instead of 0.8)."
            )
    return values


def kind_of(value: object) -> str:
    """Name what ``value`` is in plain words, for a message a learner reads.

    ``None`` reads as "nothing" (with the usual cause), never as Python's ``NoneType``.
    """
    if value is None:
        return "nothing (None: is the variable set, and does the cell before it run?)"
    if isinstance(value, bool):
        return f"True/False ({value})"
    plain = [(pd.DataFrame, "a DataFrame (table)"), (pd.Series, "a Series (column)"),
             (np.ndarray, "a NumPy array"), (pd.Index, "an Index"), (dict, "a dict"),
             (list, "a list"), (tuple, "a tuple"), (set, "a set"),
             (str, "a text"), (int, "a number"), (float, "a number")]
    for kind, words in plain:
        if isinstance(value, kind):
            return words
    name = type(value).__name__
    return f"{'an' if name[:1].lower() in 'aeiou' else 'a'} {name}"
