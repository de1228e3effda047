"""Self-checks learners run: they describe the form of an answer, never the answer itself.

A self-check prints one line per finding (a check mark when fine, a cross with what to
do when not) and returns whether everything looked complete. It never raises and never
writes to stderr, so "Run all" goes on and the hidden tests after it still award
partial credit.

A self-check reads answers with the helpers of ``course.forms``, as grading does, so a
self-check and the grade never disagree about the form. Every check returns a ``Verdict``
(true or false in code, nothing shown as a cell's last value) and runs behind
``never_raises``.
"""

from __future__ import annotations

import functools
import math
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from .forms import as_ids, as_mapping, as_scalar, as_table, key_text, label_key, lookup
from .models._checks import kind_of, plural

__all__ = [
    "Verdict", "check_answered", "check_cut_line", "check_names", "check_rate_table",
    "check_scores", "check_table", "never_raises", "say",
]


# -- self-checks ---------------------------------------------------------------------------


class Verdict:
    """What a self-check found: true when everything it could check looked right.

    It behaves as ``True``/``False`` in code but shows nothing as a cell's last value: the
    printed lines are the message, so no bare ``True``/``False`` appears under them.
    """

    __slots__ = ("ok",)

    def __init__(self, ok: object) -> None:
        self.ok = bool(ok)

    def __bool__(self) -> bool:
        return self.ok

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (bool, Verdict)):
            return self.ok == bool(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.ok)

    def __repr__(self) -> str:
        return f"Verdict({self.ok})"

    def _ipython_display_(self) -> None:
        """Show nothing: the self-check has already printed what it found."""


def never_raises(check: Callable[..., bool]) -> Callable[..., Verdict]:
    """Guard a self-check: an answer it cannot read becomes a ✗ line, never a traceback.

    Every learner-facing check (here and in ``course.career``) runs behind this guard, so a
    mistake in the learner's data never stops "Run all" nor writes to stderr.
    """

    @functools.wraps(check)
    def guarded(*args: Any, **kwargs: Any) -> Verdict:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # a pandas warning on stderr would cost points
                return Verdict(check(*args, **kwargs))
        except Exception as exc:  # noqa: BLE001 - a self-check must never stop "Run all"
            return Verdict(say(False, f"This answer could not be read ({_plain(exc)}); "
                                      f"check its form against the instructions above."))

    return guarded


def _plain(exc: Exception) -> str:
    """Name what went wrong in plain words, without Python's type names."""
    if isinstance(exc, KeyError):
        return f"no entry {exc.args[0]!r}" if exc.args else "an entry is missing"
    if isinstance(exc, (TypeError, AttributeError)):
        return "a value is not of the kind expected"
    if isinstance(exc, ValueError) and "duplicate" in str(exc).lower():
        return "the same label appears twice"
    if isinstance(exc, ValueError):
        return "a value could not be read"
    return "it is not in the form asked for"


def say(ok: bool, message: str) -> bool:
    """Print one finding, with a check mark when fine and a cross when not; return ``ok``."""
    print(f"{'✓' if ok else '✗'} {message}")
    return ok


_never_raises = never_raises
_say = say


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
def check_answered(widget: object, *, complete: Sequence[str] | None = None,
                   graded: bool = True) -> bool:
    """Report whether ``widget`` holds a saved answer (and, for a matching, every row).

    ``graded=False`` marks a personal choice (a target role, say): the message then says
    that the choice itself is not graded.
    """
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
    if not graded:
        return _say(True, f"{widget.exercise}: saved. This is your own choice and is not "
                          f"graded; the exercises below that build on it are.")
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
                           f"not {kind_of(scores)}.")
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
        return _say(False, f"Expected a DataFrame indexed by step, got {kind_of(table)}.")
    read = as_table(table, steps, [column])
    if column not in read.columns:
        return _say(False, f"The table needs a {column!r} column; it has "
                           f"{', '.join(map(str, table.columns))}.")
    missing = [s for s in steps[1:] if s not in read.index]
    if missing:
        return _say(False, f"The table has no row for {_the(missing, 'step')}.")
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
    return _say(True, f"The top {plural(cut, 'item')} {'uses' if cut == 1 else 'use'} "
                      f"{board.funded_effort:g} of "
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
                           f"{', '.join(columns)}, not {kind_of(table)}.")
    missing = [c for c in columns if c not in read.columns]
    if missing:
        return _say(False, f"{name} has no {_the(missing, 'column', article=False)}.")
    rows = [key_text(i) for i in index if i not in read.index]
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
    """Report a saved allocation plan: what it uses, its value, and a local one-unit check.

    ✓ only when no single move of one unit (add one, remove one, or move one between two
    initiatives) would raise the value: a local check that names no better plan and does
    not reveal the best one.
    """
    from .widgets.allocation import AllocationPanel

    if not isinstance(panel, AllocationPanel):
        return _say(False, "Pass the allocation panel itself (the variable the lesson created).")
    if panel.value is None:
        return _say(False, f"No plan saved yet for {panel.exercise!r}: set the panel above "
                           f"until the plan fits every constraint (it is saved as soon as it "
                           f"does).")
    scenario = panel.scenario
    saved = scenario.evaluate(panel.value)
    parts = []
    if saved.capacity is not None:
        parts.append(f"{saved.used:g} of {saved.capacity:g} {scenario.unit}")
    if saved.budget is not None:
        parts.append(f"{saved.spent:,.0f} of {saved.budget:,.0f} {scenario.money}")
    print(f"{panel.exercise}: plan saved; it uses {' and '.join(parts)} and projects "
          f"{saved.value:,.1f} {scenario.value_unit}.")
    ok = True
    if scenario.one_unit_moves(saved.plan):
        ok = _say(False, f"A single move of one {_singular(scenario.unit)} (adding, removing "
                         f"or moving one between two initiatives) would raise the value: "
                         f"compare what the next {_singular(scenario.unit)} adds on each "
                         f"initiative.")
    else:
        _say(True, f"No single move of one {_singular(scenario.unit)} would raise the value "
                   f"(a local check: a larger change might still). It is graded after you "
                   f"submit.")
    if panel.draft != saved.plan:
        draft = panel.evaluation
        broken = len(draft.violations)
        state = ("fits, but is not saved: press Save plan" if draft.feasible else
                 f"breaks {broken} {'rule' if broken == 1 else 'rules'}, so it is not saved")
        ok = _say(False, f"The sliders show a different plan that {state}.")
    return ok


def _the(names: Sequence[str], noun: str, *, article: bool = True) -> str:
    """Return "the step a" or "the steps a, b" (without "the" when ``article`` is off)."""
    words = f"{noun} {names[0]}" if len(names) == 1 else f"{noun}s {', '.join(names)}"
    return f"the {words}" if article else words


def _singular(unit: str) -> str:
    """Return the singular of a unit name ("engineers" -> "engineer")."""
    return unit[:-1] if unit.endswith("s") and not unit.endswith("ss") else unit


@_never_raises
def check_weights(weights: object, criteria: Sequence[str], *, cap: float | None = None,
                  largest: str | None = None, name: str = "weights") -> bool:
    """Report whether ``weights`` gives every criterion a weight and follows the stated rules."""
    mapping = as_mapping(weights)
    if mapping is None:
        return _say(False, f"{name} should be a dictionary from criterion to weight, like "
                           f"{{{criteria[0]!r}: 0.3, ...}}, not {kind_of(weights)}.")
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
                           f"not {kind_of(labels)}.")
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
                           f"not {kind_of(values)}.")
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
        got = repr(value) if isinstance(value, (str, int, float)) else kind_of(value)
        return _say(False, f"{name} should be one of {', '.join(map(str, options))}; "
                           f"got {got}.")
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
