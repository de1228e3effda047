"""Answer forms: how the honest variants of an answer are read, by grading and self-checks alike.

An answer may honestly be written in several forms: a dict or a Series, a table with its
ids in a column instead of the index, transposed, an id in another case. Grading
(``autograder.scoring.rules`` and ``autograder.scoring.catalog``) and the learner's self-checks
(``course.feedback``, ``course.career``) read answers with these same helpers, so a
self-check and the grade never disagree about the form. Nothing here holds or reveals a
reference answer; the module imports pandas and numpy only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["as_ids", "as_mapping", "as_scalar", "as_table", "key_text", "label_key", "lookup"]


# -- answer forms: how honest variants of an answer are read ------------------------------


def label_key(text: object) -> str:
    """Return how ids and labels are compared: trimmed, case-folded, ``-``/``_``/spaces alike."""
    return re.sub(r"[\s_\-]+", "_", str(text).strip().casefold())


def key_text(key: object) -> str:
    """Return a row or column label as text (a tuple label joined with ``|``)."""
    return "|".join(map(str, key)) if isinstance(key, tuple) else str(key)


def as_scalar(value: Any) -> Any:
    """Unwrap a one-element numpy array, pandas Series or Index, or one-cell DataFrame."""
    if isinstance(value, (np.ndarray, pd.Series, pd.Index, pd.DataFrame)) and value.size == 1:
        return np.asarray(value).reshape(-1)[0]
    return value


def as_mapping(value: Any) -> dict[str, Any] | None:
    """Return a dict, a Series or a one-column DataFrame as ``{text key: value}``; else None."""
    if isinstance(value, pd.DataFrame):
        if value.shape[1] != 1:
            return None
        value = value.iloc[:, 0]
    if isinstance(value, pd.Series):
        return {key_text(k): v for k, v in value.items()}
    if isinstance(value, Mapping):
        return {key_text(k): v for k, v in value.items()}
    return None


def lookup(mapping: Mapping[str, Any], key: str, default: Any = None) -> Any:
    """Return ``mapping[key]``, or the one entry whose key reads the same (see label_key)."""
    if key in mapping:
        return mapping[key]
    want = label_key(key)
    found = [v for k, v in mapping.items() if label_key(k) == want]
    return found[0] if len(found) == 1 else default


def as_ids(value: Any) -> list[str] | None:
    """Return a collection of ids as a list of texts, in order (None when it is not one).

    A list, tuple, set, numpy array or pandas Index all work; a Series of numbers (scores
    indexed by id, say the top rows of a sort) gives its index, a Series of texts its values.
    """
    if value is None or isinstance(value, (str, bytes, pd.DataFrame)):
        return None
    if isinstance(value, pd.Series):
        numeric = pd.api.types.is_numeric_dtype(value) or pd.api.types.is_bool_dtype(value)
        items: Iterable[Any] = value.index if numeric else value.to_numpy()
    elif isinstance(value, (set, frozenset)):
        items = sorted(value, key=str)
    elif isinstance(value, Iterable):
        items = value
    else:
        return None
    return [str(as_scalar(item)).strip() for item in items]


def _row_key(label: object) -> tuple[str, ...]:
    parts = label if isinstance(label, tuple) else (label,)
    return tuple(sorted(label_key(p) for p in parts))  # level order does not matter


def _match_columns(frame: pd.DataFrame, columns: Sequence[str]) -> dict[str, Any]:
    """Return ``{wanted column: the frame's column}`` for the columns the frame has."""
    found = {}
    for column in columns:
        if column in frame.columns:
            found[column] = column
            continue
        same = [c for c in frame.columns if label_key(key_text(c)) == label_key(column)]
        if len(same) == 1:
            found[column] = same[0]
    return found


def _flatten_columns(frame: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    """Keep the column level that names the wanted columns (a pivot may add another)."""
    if not isinstance(frame.columns, pd.MultiIndex):
        return frame
    wanted = {label_key(c) for c in columns}
    best = max(range(frame.columns.nlevels),
               key=lambda i: sum(label_key(v) in wanted for v in frame.columns.get_level_values(i)))
    level = frame.columns.get_level_values(best)
    if level.has_duplicates:
        return frame
    return frame.set_axis(level, axis=1)


def _candidates(frame: pd.DataFrame, levels: int) -> list[pd.DataFrame]:
    """The ways a table may be laid out: as is, transposed, ids in columns, not the index."""
    out = [frame, frame.T]
    texts = [c for c in frame.columns if not pd.api.types.is_numeric_dtype(frame[c])
             or pd.api.types.is_integer_dtype(frame[c])]
    if levels == 1:
        out += [frame.set_index(c) for c in texts]
    elif len(texts) >= levels:
        out.append(frame.set_index(texts[:levels]))
    return out


def as_table(value: Any, rows: Sequence[Any], columns: Sequence[str]) -> pd.DataFrame | None:
    """Read a table answer as rows ``rows`` x columns ``columns`` (None: not a table).

    Accepts a DataFrame or a dict of columns; the ids in a column instead of the index (or
    the index levels in another order); the table transposed; column names in another case;
    the extra column level a pivot table adds. Returns only the rows and columns found,
    labelled exactly as ``rows`` and ``columns``.
    """
    if isinstance(value, Mapping) and value and all(
            isinstance(v, (Mapping, pd.Series)) for v in value.values()):
        try:
            value = pd.DataFrame(value)
        except (TypeError, ValueError):
            return None
    if not isinstance(value, pd.DataFrame):
        return None
    rows = list(rows)
    levels = len(rows[0]) if rows and isinstance(rows[0], tuple) else 1
    wanted = {_row_key(r): r for r in rows}
    best, best_size = None, -1
    for candidate in _candidates(_flatten_columns(value, columns), levels):
        candidate = _flatten_columns(candidate, columns)
        found_cols = _match_columns(candidate, columns)
        positions = {}
        for i, label in enumerate(candidate.index):
            row = wanted.get(_row_key(label))
            if row is not None and row not in positions:
                positions[row] = i
        size = len(positions) * len(found_cols)
        if size > best_size:
            best, best_size = (candidate, positions, found_cols), size
    candidate, positions, found_cols = best
    order = [r for r in rows if r in positions]
    index = pd.MultiIndex.from_tuples(order) if levels > 1 and order else pd.Index(order)
    return pd.DataFrame(
        {c: [candidate[found_cols[c]].iloc[positions[r]] if not isinstance(
            candidate[found_cols[c]], pd.DataFrame) else None for r in order]
         for c in columns if c in found_cols},
        index=index,
    )
