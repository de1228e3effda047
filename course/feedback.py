"""Self-checks learners run: they describe the form of an answer, never the answer itself.

A self-check prints one line per finding (a check mark when fine, a cross with what to
do when not) and returns whether everything looked complete. It never raises and never
writes to stderr, so "Run all" goes on and the hidden tests after it still award
partial credit.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd

from .widgets.base import AnswerWidget

__all__ = [
    "check_answered", "check_cut_line", "check_names", "check_rate_table", "check_scores",
    "check_table",
]


def _say(ok: bool, message: str) -> bool:
    print(f"{'✓' if ok else '✗'} {message}")
    return ok


def check_answered(widget: object, *, complete: Sequence[str] | None = None) -> bool:
    """Report whether ``widget`` holds a saved answer (and, for a matching, every row)."""
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


def check_scores(scores: object, index: Sequence[str], *, name: str = "scores") -> bool:
    """Report whether ``scores`` is a Series with one finite positive number per item."""
    if not isinstance(scores, pd.Series):
        return _say(False, f"{name} should be a pandas Series (a DataFrame column), "
                           f"not {type(scores).__name__}.")
    values = pd.to_numeric(scores.reindex(list(index)), errors="coerce")
    bad = [str(i) for i, v in values.items() if not math.isfinite(v)]
    if bad:
        return _say(False, f"{name} is missing or not a number for {', '.join(bad)}.")
    negative = [str(i) for i, v in values.items() if v <= 0]
    if negative:
        return _say(False, f"{name} should be positive; check {', '.join(negative)} "
                           f"(is effort the divisor?).")
    return _say(True, f"{name}: one positive number for each of the {len(index)} items.")


def check_rate_table(table: object, steps: Sequence[str], column: str) -> bool:
    """Report whether a per-step table holds a share between 0 and 1 for every step."""
    if not isinstance(table, pd.DataFrame):
        return _say(False, f"Expected a DataFrame indexed by step, got {type(table).__name__}.")
    if column not in table.columns:
        return _say(False, f"The table needs a {column!r} column; it has "
                           f"{', '.join(map(str, table.columns))}.")
    missing = [s for s in steps if s not in table.index]
    if missing:
        return _say(False, f"The table has no row for step(s) {', '.join(missing)}.")
    rates = pd.to_numeric(table.loc[list(steps), column], errors="coerce")
    if rates.isna().any():
        return _say(False, f"{column} must be a number for every step.")
    if not ((rates >= 0) & (rates <= 1)).all():
        return _say(False, f"{column} is a share between 0 and 1; multiply by 100 only "
                           f"when you print it.")
    return _say(True, f"{column}: a share between 0 and 1 for each of the {len(steps)} steps.")


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


def check_table(
    table: object, index: Sequence[str], columns: Sequence[str], *, name: str = "table",
    between: tuple[float, float] | None = None,
) -> bool:
    """Report whether ``table`` is a DataFrame with a finite number per row and column.

    With ``between``, every number must also lie in that range (a unit check, not a
    check of the values).
    """
    if not isinstance(table, pd.DataFrame):
        return _say(False, f"{name} should be a DataFrame with the columns "
                           f"{', '.join(columns)}, not {type(table).__name__}.")
    missing = [c for c in columns if c not in table.columns]
    if missing:
        return _say(False, f"{name} has no column(s) {', '.join(missing)}.")
    rows = [str(i) for i in index if i not in table.index]
    if rows:
        return _say(False, f"{name} has no row for {', '.join(rows)}; index it by item id.")
    values = table.loc[list(index), list(columns)].apply(pd.to_numeric, errors="coerce")
    if not values.map(math.isfinite).all().all():
        return _say(False, f"{name}: every cell must be a number.")
    if between is not None and not ((values >= between[0]) & (values <= between[1])).all().all():
        return _say(False, f"{name}: the numbers should lie between {between[0]:g} and "
                           f"{between[1]:g}; check the formula's units and signs.")
    return _say(True, f"{name}: a number in each of the {len(columns)} columns for each of "
                      f"the {len(index)} rows.")


def check_names(names: object, allowed: Sequence[str], count: int, *, name: str = "names") -> bool:
    """Report whether ``names`` lists ``count`` distinct ids taken from ``allowed``."""
    if isinstance(names, (str, bytes)) or not isinstance(names, (list, tuple)):
        return _say(False, f"{name} should be a list of {count} item ids, like "
                           f"[{', '.join(repr(str(a)) for a in list(allowed)[:2])}, ...].")
    unknown = [str(n) for n in names if str(n) not in {str(a) for a in allowed}]
    if unknown:
        return _say(False, f"{name}: {', '.join(unknown)} not among the item ids.")
    distinct = len({str(n) for n in names})
    if distinct != len(names) or distinct != count:
        return _say(False, f"{name} should hold {count} different ids; it holds {distinct} "
                           f"different of {len(names)}.")
    return _say(True, f"{name}: {count} different item ids. They are graded after you submit.")


# -- allocation, portfolio and partnership exercises ---------------------------------------


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


def check_weights(weights: object, criteria: Sequence[str], *, cap: float | None = None,
                  largest: str | None = None, name: str = "weights") -> bool:
    """Report whether ``weights`` gives every criterion a weight and follows the stated rules."""
    if not isinstance(weights, dict):
        return _say(False, f"{name} should be a dictionary from criterion to weight, like "
                           f"{{{criteria[0]!r}: 0.3, ...}}, not {type(weights).__name__}.")
    missing = [c for c in criteria if c not in weights]
    extra = [str(c) for c in weights if c not in criteria]
    if missing or extra:
        return _say(False, f"{name} needs exactly the criteria {', '.join(criteria)}"
                           + (f"; missing {', '.join(missing)}" if missing else "")
                           + (f"; unknown {', '.join(extra)}" if extra else "") + ".")
    try:
        values = {c: float(weights[c]) for c in criteria}
    except (TypeError, ValueError):
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


def check_labels(labels: object, index: Sequence[str], allowed: Sequence[str], *,
                 name: str = "labels") -> bool:
    """Report whether ``labels`` is a Series giving each item one of the ``allowed`` labels."""
    if not isinstance(labels, pd.Series):
        return _say(False, f"{name} should be a pandas Series (a column), "
                           f"not {type(labels).__name__}.")
    missing = [str(i) for i in index if i not in labels.index]
    if missing:
        return _say(False, f"{name} has no label for {', '.join(missing)}.")
    odd = sorted({str(v) for v in labels.reindex(list(index)) if v not in allowed})
    if odd:
        return _say(False, f"{name} holds {', '.join(odd)}; use only {', '.join(allowed)}.")
    return _say(True, f"{name}: one of the allowed labels for each of the {len(index)} items.")


def check_numbers(values: object, keys: Sequence[str], *, name: str = "values") -> bool:
    """Report whether ``values`` is a dictionary with a finite number under every key."""
    if not isinstance(values, dict):
        return _say(False, f"{name} should be a dictionary with the keys {', '.join(keys)}, "
                           f"not {type(values).__name__}.")
    bad = []
    for key in keys:
        try:
            ok = math.isfinite(float(values.get(key)))
        except (TypeError, ValueError):
            ok = False
        if not ok:
            bad.append(key)
    if bad:
        return _say(False, f"{name} needs a number for {', '.join(bad)}.")
    return _say(True, f"{name}: a number for each of {', '.join(keys)}.")


def check_option(value: object, options: Sequence[str], *, name: str = "answer") -> bool:
    """Report whether ``value`` is one of ``options``."""
    if value not in list(options):
        return _say(False, f"{name} should be one of {', '.join(map(str, options))}; "
                           f"got {value!r}.")
    return _say(True, f"{name}: one of the options. It is graded after you submit.")


__all__ += ["check_allocation", "check_labels", "check_numbers", "check_option", "check_weights"]
