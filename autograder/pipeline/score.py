"""Scores made in the grader's process: the one place a test cell's points come from.

:class:`ScoreCells` runs in ``Autograde.autograde_preprocessors`` after the notebook has
been executed and before ``SaveAutoGrades``. For every auto-graded test cell it

1. finds the exercise the cell grades in the cell's *source*, which nbgrader has just
   restored from the gradebook (a learner cannot edit it): ``report("<key>", ...)`` for a
   value the learner computed, ``# graded from the saved answer: <key>`` for a widget;
2. takes the answer: a widget's from the snapshot of the handed-in answers
   (:mod:`autograder.pipeline.answers`, read before any learner code ran), a value from
   the one report of that exercise among this cell's outputs (:mod:`course.report`),
   parsed as plain data by :func:`decode`;
3. scores it with the catalog's rule, here, against a reference the kernel never saw;
4. replaces the cell's outputs with its own: the reason as text and the points as the
   cell's result, which is what nbgrader reads (so no output, a hidden display, a patched
   formatter or a printed number in the kernel changes nothing).

A cell with no valid answer scores 0 and says why, never full credit.
"""

from __future__ import annotations

import math
import re
from typing import Any

from nbconvert.preprocessors import Preprocessor
from nbformat import NotebookNode
from traitlets import Bool, Int

from autograder.pipeline.answers import RESOURCES_KEY
from autograder.pipeline.execute import KERNEL_STOPPED
from autograder.scoring.catalog import Exercise, get
from autograder.scoring.grade import score
from autograder.scoring.variants import Variants
from course.report import REPORT_FORMAT, REPORT_MIME
from course.variants import Variant, active, current

__all__ = ["OTHER_SCENARIO", "RECORD_MARK", "ReportError", "ScoreCells", "decode",
           "exercise_of"]

#: the line a widget exercise's hidden test holds instead of a report
RECORD_MARK = "# graded from the saved answer:"

_KEY = r"[0-9A-Za-z][\w-]*/[\w-]+"
_REPORT = re.compile(r"""\breport\(\s*["'](""" + _KEY + r""")["']""")
_MARK = re.compile(r"^\s*" + re.escape(RECORD_MARK) + r"\s*(" + _KEY + r")\s*$", re.MULTILINE)


#: how the grader's log starts a note about an answer made on another learner's scenario
OTHER_SCENARIO = "Answer from another scenario:"

#: the line between a test cell's self-check text and the grader's reason
_GRADED = "Graded: "


class ReportError(ValueError):
    """A report that cannot be read as an answer; the message says why, in plain words."""


def exercise_of(source: str) -> list[str]:
    """Return the exercise keys a test cell's source grades (normally exactly one)."""
    keys = [m.group(1) for m in _REPORT.finditer(source)]
    keys += [m.group(1) for m in _MARK.finditer(source)]
    return list(dict.fromkeys(keys))


def _number(value: Any) -> float:
    if isinstance(value, dict) and value.get("t") == "float":
        text = value.get("v")
        if text in ("nan", "inf", "-inf"):
            return float(text)
        raise ReportError("a number in the report is malformed")
    raise ReportError("a number in the report is malformed")


class _Budget:
    """Counts decoded elements so a huge or deep report cannot exhaust the grader."""

    def __init__(self, limit: int) -> None:
        self.left = limit

    def take(self, n: int = 1) -> None:
        self.left -= n
        if self.left < 0:
            raise ReportError("the reported answer is far larger than any answer to this task")


def _label(value: Any, budget: _Budget, depth: int) -> Any:
    budget.take()
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, list) and depth < 3:
        return tuple(_label(v, budget, depth + 1) for v in value)
    raise ReportError("a row or column label in the report is malformed")


def _decode(data: Any, budget: _Budget, depth: int) -> Any:
    budget.take()
    if depth > 8:
        raise ReportError("the reported answer is nested deeper than any answer to this task")
    if data is None or isinstance(data, (str, bool, int)):
        return data
    if isinstance(data, float):
        return data
    if not isinstance(data, dict):
        raise ReportError("the report holds data of a kind the grader does not read")
    kind = data.get("t")
    if kind == "float":
        return _number(data)
    if kind == "list" and isinstance(data.get("v"), list):
        return [_decode(v, budget, depth + 1) for v in data["v"]]
    if kind == "dict" and isinstance(data.get("v"), list):
        out = {}
        for pair in data["v"]:
            if not (isinstance(pair, list) and len(pair) == 2):
                raise ReportError("a mapping in the report is malformed")
            key = _decode(pair[0], budget, depth + 1)
            if isinstance(key, list):
                key = tuple(key)
            try:
                out[key] = _decode(pair[1], budget, depth + 1)
            except TypeError:
                raise ReportError("a mapping in the report has a key that is not a label") from None
        return out
    if kind == "series":
        return _series(data, budget, depth)
    if kind == "table":
        return _table(data, budget, depth)
    if kind == "unsupported":
        what = str(data.get("type", "value"))[:80]
        raise ReportError(f"the answer is a {what}, which the grader cannot read; give a table, "
                          f"a Series, a dict, a list, a number or a text")
    raise ReportError("the report holds data of a kind the grader does not read")


def _index(labels: Any, budget: _Budget, names: Any = None) -> Any:
    import pandas as pd

    if not isinstance(labels, list):
        raise ReportError("the row labels of a reported table are malformed")
    decoded = [_label(v, budget, 0) for v in labels]
    if decoded and all(isinstance(v, tuple) for v in decoded):
        widths = {len(v) for v in decoded}
        if len(widths) == 1 and widths.pop() > 0:
            names = names if isinstance(names, list) and len(names) == len(decoded[0]) else None
            return pd.MultiIndex.from_tuples(decoded, names=names)
    name = names[0] if isinstance(names, list) and len(names) == 1 else None
    if not isinstance(name, (str, int, type(None))):
        name = None
    return pd.Index(decoded, dtype=object, name=name)


def _column(values: list[Any]) -> Any:
    """A column as numbers when every value is a number or missing, else as objects."""
    import pandas as pd

    numeric = all(v is None or (isinstance(v, (int, float)) and not isinstance(v, bool))
                  for v in values)
    if numeric and values:
        return pd.array([math.nan if v is None else float(v) for v in values], dtype="float64")
    return pd.array(values, dtype=object)


def _series(data: dict, budget: _Budget, depth: int) -> Any:
    import pandas as pd

    values = data.get("values")
    if not isinstance(values, list):
        raise ReportError("a reported Series is malformed")
    index = _index(data.get("index"), budget)
    if len(index) != len(values):
        raise ReportError("a reported Series has as many labels as values")
    decoded = [_decode(v, budget, depth + 1) for v in values]
    name = data.get("name")
    name = name if isinstance(name, (str, int, type(None))) else None
    return pd.Series(_column(decoded), index=index, name=name)


def _table(data: dict, budget: _Budget, depth: int) -> Any:
    import pandas as pd

    rows, columns = data.get("data"), data.get("columns")
    if not (isinstance(rows, list) and isinstance(columns, list)):
        raise ReportError("a reported table is malformed")
    index = _index(data.get("index"), budget, data.get("index_names"))
    if len(index) != len(rows) or any(not isinstance(r, list) or len(r) != len(columns)
                                      for r in rows):
        raise ReportError("a reported table's rows do not match its labels and columns")
    cols = _index(columns, budget)
    budget.take(len(rows) * max(1, len(columns)))
    decoded = [[_decode(v, budget, depth + 1) for v in row] for row in rows]
    frame = {i: _column([row[i] for row in decoded]) for i in range(len(cols))}
    table = pd.DataFrame(frame, index=index)
    table.columns = cols
    return table


def decode(payload: Any, limit: int = 200_000) -> Any:
    """Return the answer in a report payload as Python and pandas data, or raise ReportError."""
    if not isinstance(payload, dict) or payload.get("format") != REPORT_FORMAT:
        raise ReportError("the report is not in the form the grader reads")
    if "value" not in payload:
        raise ReportError("the report holds no answer")
    return _decode(payload["value"], _Budget(limit), 0)


def _stopped(cell: NotebookNode) -> str | None:
    for output in cell.get("outputs", []):
        if output.get("output_type") == "error" and output.get("ename") == KERNEL_STOPPED:
            return str(output.get("evalue", "the kernel was stopped"))
    return None


def _kernel_error(cell: NotebookNode) -> str | None:
    for output in cell.get("outputs", []):
        if output.get("output_type") == "error":
            text = f"{output.get('ename', 'Error')}: {output.get('evalue', '')}"
            return text[:200]
    return None


class ScoreCells(Preprocessor):
    """Score every auto-graded test cell in the grader's process and write its outputs."""

    enabled = Bool(True).tag(config=True)
    kept_chars = Int(
        4000,
        help="How much of a test cell's own printed self-check text is kept above the grader's "
             "reason in the graded notebook and the feedback (the end is kept).",
    ).tag(config=True)
    report_limit = Int(
        200_000,
        help="Largest reported answer the grader parses, in values (cells, labels, items); a "
             "bigger report scores 0 with the reason instead of slowing grading down.",
    ).tag(config=True)

    def preprocess(self, nb: NotebookNode, resources: dict[str, Any]) -> tuple[NotebookNode, dict]:
        """Score each auto-graded code cell of ``nb``; see the module docstring."""
        state = resources.get(RESOURCES_KEY) or {}
        answers = state.get("answers") or {}
        notes = list(state.get("notes") or [])
        module = str(resources.get("nbgrader", {}).get("assignment", ""))
        student = resources.get("nbgrader", {}).get("student")
        variant = Variants(parent=self).for_learner(str(student)) if student else current()
        with active(variant):
            self._score_all(nb, answers, notes, module, variant)
        return nb, resources

    def _score_all(self, nb: NotebookNode, answers: dict[str, Any], notes: list[str],
                   module: str, variant: Variant) -> None:
        first = True
        for cell in nb.cells:
            meta = cell.get("metadata", {}).get("nbgrader", {})
            if not (cell.cell_type == "code" and meta.get("grade") and not meta.get("solution")):
                continue
            points = float(meta.get("points", 0) or 0)
            earned, reason = self._score(cell, answers, module, points, variant)
            text = reason if reason.endswith("\n") else reason + "\n"
            if first and notes:
                text = "".join(f"Note: {n.rstrip('.')}.\n" for n in notes) + text
                first = False
            # the self-check's own lines stay (text only: they cannot change a score)
            kept = "".join(str(o.get("text", "")) for o in cell.get("outputs", [])
                           if o.get("output_type") == "stream" and o.get("name") == "stdout")
            cell.outputs = [
                NotebookNode(output_type="stream", name="stdout",
                             text=(kept[-self.kept_chars:] if kept else "") + _GRADED + text),
                NotebookNode(output_type="execute_result", execution_count=cell.get(
                    "execution_count"), metadata={}, data={"text/plain": f"{earned:g}"}),
            ]

    def _score(self, cell: NotebookNode, answers: dict[str, Any], module: str,
               points: float, variant: Variant) -> tuple[float, str]:
        keys = exercise_of(cell.source)
        if len(keys) != 1:
            what = "names no exercise" if not keys else "names several exercises"
            return 0.0, f"This test cell {what} the grader knows; 0 of {points:g} points."
        try:
            exercise = get(keys[0])
        except KeyError:
            return 0.0, f"No graded exercise is registered as {keys[0]!r}; 0 of {points:g} points."
        if exercise.module != module or exercise.score is None:
            return 0.0, f"{exercise.exercise} is not auto-graded in this module; 0 points."
        stopped = _stopped(cell)
        if stopped:
            return 0.0, f"{exercise.exercise}: {stopped}."
        if exercise.source == "record":
            answer = answers.get(exercise.record)
            if answer is None:
                return 0.0, f"{exercise.exercise}: no saved answer, 0 of {points:g} points."
            value, made_on = answer.value, answer.variant
        else:
            try:
                value, made_on = self._reported(cell, exercise)
            except ReportError as exc:
                return 0.0, f"{exercise.exercise}: {exc}; 0 of {points:g} points."
        earned, reason = score(exercise, value, points)
        if made_on is not None and made_on != variant.id:
            note = (f"this answer was made on scenario {made_on[:12]}, not on "
                    f"{variant.learner}'s own scenario {variant.id}; it was graded on "
                    f"{variant.id}")
            self.log.warning("%s %s, %s: %s", OTHER_SCENARIO, variant.learner, exercise.key,
                             note)
            reason = f"{reason.rstrip()} (Note for the instructor: {note}.)"
        return earned, reason

    def _reported(self, cell: NotebookNode, exercise: Exercise) -> Any:
        found = []
        for output in cell.get("outputs", []):
            data = output.get("data") if output.get("output_type") in (
                "display_data", "execute_result", "update_display_data") else None
            if isinstance(data, dict) and REPORT_MIME in data:
                found.append(data[REPORT_MIME])
        mine = [p for p in found if isinstance(p, dict) and p.get("exercise") == exercise.key]
        if not found or not mine:
            error = _kernel_error(cell)
            why = f" (the cell stopped with {error})" if error else ""
            if found:
                return _raise("the answer reported here is for another exercise")
            return _raise(f"no answer was reported{why}")
        if len(found) > 1:
            return _raise("more than one answer was reported, so none can be trusted")
        made_on = mine[0].get("variant")
        return decode(mine[0], self.report_limit), (made_on if isinstance(made_on, str) else None)


def _raise(message: str) -> Any:
    raise ReportError(message)
