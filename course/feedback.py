"""Self-checks learners run: they describe the form of an answer, never the answer itself.

A self-check prints one line per finding (a check mark when fine, a cross with what to
do when not) and returns whether everything looked complete. It never raises and never
writes to stderr, so "Run all" goes on and the hidden tests after it still award
partial credit.

The helpers at the top (``as_mapping``, ``as_table``, ``as_ids``, ``label_key`` ...) say how
an answer may honestly be written: a dict or a Series, a table with its ids in a column
instead of the index, an id in another case. Grading (``autograder.scoring``) reads answers
with the same helpers, so a self-check and the grade never disagree about the form. They
hold no reference answer.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "as_ids", "as_mapping", "as_scalar", "as_table", "check_answered", "check_cut_line",
    "check_names", "check_rate_table", "check_scores", "check_table", "label_key", "lookup",
]


# -- answer forms: how honest variants of an answer are read ------------------------------


def label_key(text: object) -> str:
    """Return how ids and labels are compared: trimmed, case-folded, ``-``/``_``/spaces alike."""
    return re.sub(r"[\s_\-]+", "_", str(text).strip().casefold())


def _key(key: object) -> str:
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
        return {_key(k): v for k, v in value.items()}
    if isinstance(value, Mapping):
        return {_key(k): v for k, v in value.items()}
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
        same = [c for c in frame.columns if label_key(_key(c)) == label_key(column)]
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
    """The ways a table may be laid out: as is, transposed, ids in column(s) not the index."""
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


# -- self-checks ---------------------------------------------------------------------------


def _never_raises(check: Callable[..., bool]) -> Callable[..., bool]:
    """A self-check that meets an answer it cannot read says so instead of raising."""

    @functools.wraps(check)
    def guarded(*args: Any, **kwargs: Any) -> bool:
        try:
            return check(*args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - a self-check must never stop "Run all"
            return _say(False, f"This answer could not be read ({exc.__class__.__name__}); "
                               f"check its form against the instructions above.")

    return guarded


def _say(ok: bool, message: str) -> bool:
    print(f"{'✓' if ok else '✗'} {message}")
    return ok


def _number(value: Any) -> float:
    """Return ``value`` as a float (NaN when it is not a number)."""
    try:
        return float(as_scalar(value))
    except (TypeError, ValueError):
        return math.nan


def _outside(values: Mapping[str, float], between: Any) -> list[str]:
    """Return the keys whose value lies outside ``between`` ((low, high), or per key)."""
    out = []
    for key, value in values.items():
        bounds = between.get(key) if isinstance(between, Mapping) else between
        if bounds is not None and not bounds[0] <= value <= bounds[1]:
            out.append(key)
    return out


@_never_raises
def check_answered(widget: object, *, complete: Sequence[str] | None = None) -> bool:
    """Report whether ``widget`` holds a saved answer (and, for a matching, every row)."""
    from .widgets.base import AnswerWidget

    if not isinstance(widget, AnswerWidget):
        return _say(False, "Pass the exercise widget itself (the variable the lesson created).")
    if widget.value is None:
        return _say(False, f"No answer saved yet for {widget.exercise!r}: use the widget above "
                           f"(or set it in code) and run this cell again.")
    if complete is not None:
        missing = [str(row) for row in complete if row not in widget.value]
        if missing:
            return _say(False, f"{widget.exercise}: saved, but still to answer: "
                               f"{', '.join(missing)}.")
    return _say(True, f"{widget.exercise}: answer saved. It is graded after you submit.")


@_never_raises
def check_scores(scores: object, index: Sequence[str], *, name: str = "scores",
                 positive: bool = True, between: tuple[float, float] | None = None,
                 aliases: Mapping[str, str] | None = None) -> bool:
    """Report whether ``scores`` (a Series or dict) holds one finite number per item.

    With ``positive`` every number must be above 0; with ``between`` inside that range (a
    unit check, not a check of the values). ``aliases`` maps other names of the items (as
    the data writes them) to their ids.
    """
    mapping = as_mapping(scores)
    if mapping is None:
        return _say(False, f"{name} should be a pandas Series (a DataFrame column), "
                           f"not {type(scores).__name__}.")
    if aliases:
        mapping = {aliases.get(k, k): v for k, v in mapping.items()}
    values = {str(i): _number(lookup(mapping, str(i))) for i in index}
    bad = [i for i, v in values.items() if not math.isfinite(v)]
    if bad:
        return _say(False, f"{name} is missing or not a number for {', '.join(bad)}.")
    if positive:
        negative = [i for i, v in values.items() if v <= 0]
        if negative:
            return _say(False, f"{name} should be positive; check {', '.join(negative)} "
                               f"(is effort the divisor?).")
    if between is not None and _outside(values, between):
        return _say(False, f"{name}: the numbers should lie between {between[0]:g} and "
                           f"{between[1]:g}; check the units (a fraction, not a percentage?).")
    return _say(True, f"{name}: one number for each of the {len(index)} items.")


@_never_raises
def check_rate_table(table: object, steps: Sequence[str], column: str) -> bool:
    """Report whether a per-step table holds a share between 0 and 1 for every step.

    The first step has no step before it, so its rate may be left missing.
    """
    if not isinstance(table, pd.DataFrame):
        return _say(False, f"Expected a DataFrame indexed by step, got {type(table).__name__}.")
    read = as_table(table, steps, [column])
    if column not in read.columns:
        return _say(False, f"The table needs a {column!r} column; it has "
                           f"{', '.join(map(str, table.columns))}.")
    missing = [s for s in steps[1:] if s not in read.index]
    if missing:
        return _say(False, f"The table has no row for step(s) {', '.join(missing)}.")
    rates = {s: _number(read.loc[s, column]) for s in steps if s in read.index}
    first = rates.pop(steps[0], math.nan)
    if any(not math.isfinite(v) for v in rates.values()):
        return _say(False, f"{column} must be a number for every step after the first.")
    if math.isfinite(first):
        rates[steps[0]] = first
    if _outside(rates, (0.0, 1.0)):
        return _say(False, f"{column} is a share between 0 and 1; multiply by 100 only "
                           f"when you print it.")
    return _say(True, f"{column}: a share between 0 and 1 for each of the {len(steps)} steps.")


@_never_raises
def check_cut_line(board: object) -> bool:
    """Report whether a ranking board has a cut line and what the funded items use."""
    from .widgets.ranking import RankingBoard

    if not isinstance(board, RankingBoard) or board.value is None:
        return _say(False, "No ranking saved yet: order the board above first.")
    cut = board.value.get("cut") or 0
    if cut < 1:
        return _say(False, "No cut line yet: set 'Fund top' to the number of items you fund.")
    return _say(True, f"The top {cut} item(s) use {board.funded_effort:g} of "
                      f"{board.capacity:g} (the board refuses a line past the capacity).")


@_never_raises
def check_table(
    table: object, index: Sequence[Any], columns: Sequence[str], *, name: str = "table",
    between: tuple[float, float] | Mapping[str, tuple[float, float]] | None = None,
    gaps: Sequence[str] = (),
) -> bool:
    """Report whether ``table`` is a DataFrame with a finite number per row and column.

    With ``between`` (one range, or one per column), every number must also lie in that
    range (a unit check, not a check of the values). Columns in ``gaps`` may hold missing
    values (a first period with no period before it, say).
    """
    read = as_table(table, index, columns)
    if read is None:
        return _say(False, f"{name} should be a DataFrame with the columns "
                           f"{', '.join(columns)}, not {type(table).__name__}.")
    missing = [c for c in columns if c not in read.columns]
    if missing:
        return _say(False, f"{name} has no column(s) {', '.join(missing)}.")
    rows = [_key(i) for i in index if i not in read.index]
    if rows:
        shown = ", ".join(rows[:8]) + (", ..." if len(rows) > 8 else "")
        return _say(False, f"{name} has no row for {shown}; index it by item id.")
    values = read.apply(lambda col: col.map(_number))
    for column in columns:
        cells = values[column]
        if column in gaps:
            cells = cells[cells.notna()]
        if not cells.map(math.isfinite).all():
            return _say(False, f"{name}: every cell must be a number (check {column}).")
        outside = _outside(dict(cells.items()), between.get(column) if isinstance(
            between, Mapping) else between) if between is not None else []
        if outside:
            low, high = between[column] if isinstance(between, Mapping) else between
            return _say(False, f"{name}: the numbers in {column} should lie between {low:g} "
                               f"and {high:g}; check the formula's units and signs.")
    return _say(True, f"{name}: a number in each of the {len(columns)} columns for each of "
                      f"the {len(index)} rows.")


@_never_raises
def check_names(names: object, allowed: Sequence[str], count: int, *, name: str = "names") -> bool:
    """Report whether ``names`` lists ``count`` distinct ids taken from ``allowed``."""
    ids = as_ids(names)
    if ids is None:
        return _say(False, f"{name} should be a list of {count} item ids, like "
                           f"[{', '.join(repr(str(a)) for a in list(allowed)[:2])}, ...].")
    known = {label_key(a): str(a) for a in allowed}
    unknown = [i for i in ids if label_key(i) not in known]
    if unknown:
        return _say(False, f"{name}: {', '.join(unknown)} not among the item ids.")
    distinct = len({label_key(i) for i in ids})
    if distinct != len(ids) or distinct != count:
        return _say(False, f"{name} should hold {count} different ids; it holds {distinct} "
                           f"different of {len(ids)}.")
    return _say(True, f"{name}: {count} different item ids. They are graded after you submit.")


# -- allocation, portfolio and partnership exercises ---------------------------------------


@_never_raises
def check_allocation(panel: object) -> bool:
    """Report what a saved allocation plan uses and its projected value (not how good it is)."""
    from .widgets.allocation import AllocationPanel

    if not isinstance(panel, AllocationPanel):
        return _say(False, "Pass the allocation panel itself (the variable the lesson created).")
    if panel.value is None:
        return _say(False, f"No plan saved yet for {panel.exercise!r}: set the panel above "
                           f"until the plan fits every constraint (it is saved as soon as it "
                           f"does).")
    saved = panel.scenario.evaluate(panel.value)
    parts = []
    if saved.capacity is not None:
        parts.append(f"{saved.used:g} of {saved.capacity:g} {panel.scenario.unit}")
    if saved.budget is not None:
        parts.append(f"{saved.spent:,.0f} of {saved.budget:,.0f} {panel.scenario.money}")
    _say(True, f"{panel.exercise}: plan saved; it uses {' and '.join(parts)} and projects "
               f"{saved.value:,.1f} {panel.scenario.value_unit}. It is graded after you submit.")
    if panel.draft != saved.plan:
        draft = panel.evaluation
        state = ("fits, but is not saved: press Save plan" if draft.feasible else
                 f"breaks {len(draft.violations)} constraint(s), so it is not saved")
        _say(False, f"The sliders show a different plan that {state}.")
        return False
    return True


@_never_raises
def check_weights(weights: object, criteria: Sequence[str], *, cap: float | None = None,
                  largest: str | None = None, name: str = "weights") -> bool:
    """Report whether ``weights`` gives every criterion a weight and follows the stated rules."""
    mapping = as_mapping(weights)
    if mapping is None:
        return _say(False, f"{name} should be a dictionary from criterion to weight, like "
                           f"{{{criteria[0]!r}: 0.3, ...}}, not {type(weights).__name__}.")
    missing = [c for c in criteria if c not in mapping]
    extra = [str(c) for c in mapping if c not in criteria]
    if missing or extra:
        return _say(False, f"{name} needs exactly the criteria {', '.join(criteria)}"
                           + (f"; missing {', '.join(missing)}" if missing else "")
                           + (f"; unknown {', '.join(extra)}" if extra else "") + ".")
    values = {c: _number(mapping[c]) for c in criteria}
    if any(math.isnan(v) for v in values.values()):
        return _say(False, f"Every weight in {name} must be a number.")
    if any(not math.isfinite(v) or v < 0 for v in values.values()):
        return _say(False, f"Every weight in {name} must be a number of zero or more.")
    total = sum(values.values())
    if not math.isclose(total, 1.0, abs_tol=1e-6):
        return _say(False, f"{name} add up to {total:g}; they must add up to 1.")
    if cap is not None and any(v > cap + 1e-9 for v in values.values()):
        return _say(False, f"No weight in {name} may be above {cap:g}.")
    if largest is not None and any(values[largest] < v - 1e-9 for v in values.values()):
        return _say(False, f"{largest} must weigh at least as much as every other criterion.")
    return _say(True, f"{name}: {len(criteria)} weights that follow the rules.")


@_never_raises
def check_labels(labels: object, index: Sequence[str], allowed: Sequence[str], *,
                 name: str = "labels") -> bool:
    """Report whether ``labels`` (a Series or dict) gives each item one of ``allowed``.

    Case, spaces, hyphens and underscores do not matter: "Cash cow" reads as cash_cow.
    """
    mapping = as_mapping(labels)
    if mapping is None:
        return _say(False, f"{name} should be a pandas Series (a column), "
                           f"not {type(labels).__name__}.")
    got = {str(i): lookup(mapping, str(i)) for i in index}
    missing = [i for i, v in got.items() if v is None or (isinstance(v, float) and math.isnan(v))]
    if missing:
        return _say(False, f"{name} has no label for {', '.join(missing)}.")
    known = {label_key(a) for a in allowed}
    odd = sorted({str(v) for v in got.values() if label_key(as_scalar(v)) not in known})
    if odd:
        return _say(False, f"{name} holds {', '.join(odd)}; use only {', '.join(allowed)}.")
    return _say(True, f"{name}: one of the allowed labels for each of the {len(index)} items.")


@_never_raises
def check_numbers(values: object, keys: Sequence[str], *, name: str = "values",
                  between: tuple[float, float] | Mapping[str, tuple[float, float]] | None = None,
                  ) -> bool:
    """Report whether ``values`` (a dict or Series) has a finite number under every key.

    With ``between`` (one range, or one per key) the numbers must lie in it: a unit check.
    """
    mapping = as_mapping(values)
    if mapping is None:
        return _say(False, f"{name} should be a dictionary with the keys {', '.join(keys)}, "
                           f"not {type(values).__name__}.")
    numbers = {key: _number(lookup(mapping, key)) for key in keys}
    bad = [key for key, v in numbers.items() if not math.isfinite(v)]
    if bad:
        return _say(False, f"{name} needs a number for {', '.join(bad)}.")
    outside = _outside(numbers, between) if between is not None else []
    if outside:
        return _say(False, f"{name}: {', '.join(outside)} is out of range; check the units "
                           f"(a fraction such as 0.25, not 25?).")
    return _say(True, f"{name}: a number for each of {', '.join(keys)}.")


def _one(value: Any) -> Any:
    """Unwrap a one-element list, tuple, array, Index or Series (an id picked by a filter)."""
    if isinstance(value, (list, tuple)) and len(value) == 1:
        value = value[0]
    return as_scalar(value)


@_never_raises
def check_option(value: object, options: Sequence[str], *, name: str = "answer",
                 aliases: Mapping[str, str] | None = None) -> bool:
    """Report whether ``value`` is one of ``options`` (or one of their ``aliases``)."""
    value = _one(value)
    known = {label_key(o) for o in options} | {label_key(a) for a in (aliases or {})}
    if isinstance(value, (list, tuple, set, dict, np.ndarray, pd.Series, pd.Index,
                          pd.DataFrame)) or label_key(value) not in known or value is None:
        return _say(False, f"{name} should be one of {', '.join(map(str, options))}; "
                           f"got {value!r}.")
    return _say(True, f"{name}: one of the options. It is graded after you submit.")


@_never_raises
def check_picks(picks: object, keys: Sequence[str], allowed: Iterable[str], *,
                name: str = "answer") -> bool:
    """Report whether ``picks`` (a dict) names one of ``allowed`` under each of ``keys``."""
    mapping = as_mapping(picks)
    known = {label_key(a) for a in allowed}
    ok = True
    for key in keys:
        value = _one(lookup(mapping, key)) if mapping is not None else None
        fine = value is not None and not isinstance(value, (list, tuple, dict, np.ndarray,
                                                            pd.Series)) \
            and label_key(value) in known
        ok &= _say(fine, f"{name}[{key!r}]: " + ("one of the ids in the data."
                                                 if fine else "missing or not an id of the data."))
    return ok


__all__ += ["check_allocation", "check_labels", "check_numbers", "check_option", "check_picks",
            "check_weights"]
