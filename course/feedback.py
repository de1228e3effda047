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

__all__ = ["check_answered", "check_cut_line", "check_rate_table", "check_scores"]


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
