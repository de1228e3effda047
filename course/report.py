"""Reporting a computed answer for grading, as plain data (runs in the learner's kernel).

A hidden test of a *value* exercise (a table or a number the learner computed) ends in
``report("<module>/<exercise>", value)``. This only *shows* the value, as JSON in a
display output of its own type (:data:`REPORT_MIME`); it scores nothing. The grader
reads that output after the notebook has run, parses it as data (never by unpickling and
never by calling anything the learner's code defined) and scores it in its own process
against a reference the kernel never sees.

The encoding (schema 1) of a value::

    null, true, 1, 2.5, "text"                     as themselves
    {"t": "float", "v": "nan"}                     a non-finite number
    {"t": "list", "v": [...]}                      list, tuple, set (sorted), array, Index
    {"t": "dict", "v": [[key, value], ...]}        a mapping, keys encoded too
    {"t": "series", "index": [...], "values": [...], "name": ...}
    {"t": "table", "index": [...], "columns": [...], "data": [[...], ...],
     "index_names": [...]}                          a DataFrame (tuples for MultiIndex rows)

Anything else is reported as ``{"t": "unsupported", "type": "<type name>"}`` and the
grader says which type it could not read. Only the standard library is imported here;
pandas and numpy objects are recognised by duck typing.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

__all__ = ["REPORT_FORMAT", "REPORT_MIME", "encode", "report"]

#: The display type the grader reads; nothing else in an output counts as a report.
REPORT_MIME = "application/vnd.product-leadership.report+json"
#: Schema of a report payload.
REPORT_FORMAT = 1

_DEPTH = 6  # nested lists of tables of lists... deeper than any lesson asks for


def _label(value: Any) -> Any:
    """An index or column label as plain data (tuples stay lists, periods become text)."""
    if isinstance(value, tuple):
        return [_label(v) for v in value]
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if hasattr(value, "item") and callable(value.item):  # numpy scalar
        try:
            return _label(value.item())
        except (TypeError, ValueError):
            pass
    return str(value)


def _scalar(value: Any) -> Any:
    if isinstance(value, bool) or value is None or isinstance(value, (str, int)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else {"t": "float", "v": str(value)}
    return _NOT_SCALAR


_NOT_SCALAR = object()


def encode(value: Any, depth: int = 0) -> Any:
    """Return ``value`` as JSON-ready plain data in the report encoding (see the module)."""
    plain = _scalar(value)
    if plain is not _NOT_SCALAR:
        return plain
    if depth > _DEPTH:
        return {"t": "unsupported", "type": "nesting deeper than the grader reads"}
    kind = type(value).__name__
    if _subclass_named(value, "DataFrame"):
        return {
            "t": "table",
            "index": [_label(i) for i in value.index],
            "index_names": [_label(n) for n in value.index.names],
            "columns": [_label(c) for c in value.columns],
            "data": [[encode(v, depth + 1) for v in row] for row in value.itertuples(index=False)],
        }
    if _subclass_named(value, "Series"):
        return {
            "t": "series",
            "index": [_label(i) for i in value.index],
            "values": [encode(v, depth + 1) for v in value.tolist()],
            "name": _label(value.name),
        }
    if isinstance(value, Mapping):
        return {"t": "dict", "v": [[encode(k, depth + 1), encode(v, depth + 1)]
                                   for k, v in value.items()]}
    if isinstance(value, (set, frozenset)):
        items = [encode(v, depth + 1) for v in value]
        return {"t": "list", "v": sorted(items, key=str)}
    if isinstance(value, (list, tuple)) or _subclass_named(value, "Index"):
        return {"t": "list", "v": [encode(v, depth + 1) for v in value]}
    if hasattr(value, "tolist") and callable(value.tolist):  # numpy scalar or array
        try:
            converted = value.tolist()
        except (TypeError, ValueError):
            converted = _NOT_SCALAR
        if converted is not _NOT_SCALAR and type(converted) is not type(value):
            return encode(converted, depth + 1)
    if _subclass_named(value, "Period") or _subclass_named(value, "Timestamp"):
        return str(value)
    return {"t": "unsupported", "type": kind}


def _subclass_named(value: Any, name: str) -> bool:
    """Whether ``value`` is an instance of a pandas class called ``name`` (or a subclass)."""
    return any(c.__name__ == name and (c.__module__ or "").startswith("pandas")
               for c in type(value).__mro__)


def report(exercise: str, value: Any) -> None:
    """Show ``value`` as the answer to ``exercise`` for the grader to read (scores nothing)."""
    from IPython.display import display

    try:
        data = encode(value)
    except Exception as exc:  # noqa: BLE001 - a value we cannot read is reported as such
        data = {"t": "unsupported", "type": f"{type(value).__name__} ({type(exc).__name__})"}
    from course.variants import current

    try:
        variant: str | None = current().id
    except ValueError:  # an unusable learner id: the grader reports the missing variant
        variant = None
    payload = {"format": REPORT_FORMAT, "exercise": exercise, "value": data, "variant": variant}
    display({"text/plain": f"Answer to {exercise} handed to the grader.",
             REPORT_MIME: payload}, raw=True)
