"""Value reports: what the kernel encodes, the grader decodes as plain data, or refuses why."""

from __future__ import annotations

import json
import math
from typing import Any

import numpy as np
import pandas as pd
import pytest

from autograder.pipeline.score import ReportError, decode, exercise_of
from course.report import REPORT_FORMAT, encode


def _round_trip(value: Any) -> Any:
    """Encode as the kernel does, pass through JSON as nbformat does, decode as the grader."""
    payload = {"format": REPORT_FORMAT, "exercise": "01-x/y", "value": encode(value)}
    return decode(json.loads(json.dumps(payload, allow_nan=False)))


def test_table_with_multiindex_round_trips() -> None:
    """A DataFrame with a two-level index and mixed columns comes back equal."""
    frame = pd.DataFrame({"users": [10, 7], "rate": [1.0, 0.7], "name": ["a", "b"]},
                         index=pd.MultiIndex.from_tuples([("web", "s1"), ("app", "s2")],
                                                         names=["platform", "step"]))
    got = _round_trip(frame)
    assert list(got.index) == [("web", "s1"), ("app", "s2")]
    assert list(got.index.names) == ["platform", "step"]
    assert got["rate"].tolist() == [1.0, 0.7] and got["name"].tolist() == ["a", "b"]


def test_series_dicts_sets_and_numpy_round_trip() -> None:
    """Series, dicts with number keys, sets, tuples and numpy values become plain data."""
    series = _round_trip(pd.Series([np.float64(1.5), np.nan], index=["B1", "B2"], name="rice"))
    assert series.index.tolist() == ["B1", "B2"] and series.name == "rice"
    assert series.iloc[0] == 1.5 and math.isnan(series.iloc[1])
    assert _round_trip({1: "a", "k": [np.int64(2), (3, 4)]}) == {1: "a", "k": [2, [3, 4]]}
    assert _round_trip({"b", "a"}) == ["a", "b"]
    assert math.isinf(_round_trip(float("inf")))
    assert _round_trip(pd.Index(["x", "y"])) == ["x", "y"]


def test_a_value_the_grader_cannot_read_says_which() -> None:
    """An object of the learner's own class is refused with its type named, never called."""
    class Mine:
        def __eq__(self, other: object) -> bool:
            return True

    with pytest.raises(ReportError, match="Mine"):
        _round_trip(Mine())


@pytest.mark.parametrize("payload", [
    None, "text", {"format": 99, "value": 1}, {"format": REPORT_FORMAT},
    {"format": REPORT_FORMAT, "value": {"t": "table", "data": "x", "columns": []}},
    {"format": REPORT_FORMAT, "value": {"t": "table", "index": ["a"], "columns": ["c"],
                                        "data": [[1, 2]]}},
    {"format": REPORT_FORMAT, "value": {"t": "series", "index": ["a", "b"], "values": [1]}},
    {"format": REPORT_FORMAT, "value": {"t": "dict", "v": [[1]]}},
    {"format": REPORT_FORMAT, "value": {"t": "float", "v": "1e400"}},
    {"format": REPORT_FORMAT, "value": {"t": "pickle", "v": "gASVAAAA"}},
], ids=["none", "text", "schema", "no value", "rows not a list", "ragged row",
        "labels and values differ", "bad pair", "bad float", "unknown kind"])
def test_malformed_reports_are_refused(payload: Any) -> None:
    """Every malformed report raises ReportError (scored 0 with the reason), nothing else."""
    with pytest.raises(ReportError):
        decode(payload)


def test_huge_and_deep_reports_are_refused() -> None:
    """A report far larger or deeper than any answer is refused instead of exhausting memory."""
    huge = {"format": REPORT_FORMAT, "value": {"t": "list", "v": list(range(1000))}}
    with pytest.raises(ReportError, match="larger"):
        decode(huge, limit=100)
    deep: Any = 1
    for _ in range(20):
        deep = {"t": "list", "v": [deep]}
    with pytest.raises(ReportError, match="deeper"):
        decode({"format": REPORT_FORMAT, "value": deep})


def test_exercise_is_read_from_the_restored_test_source() -> None:
    """A test cell names its exercise by report(...) or by the saved-answer line, once."""
    assert exercise_of('check(x)\nreport("01-pm/rice-scores", x)') == ["01-pm/rice-scores"]
    assert exercise_of("# graded from the saved answer: 01-pm/rice-ranking\n") == [
        "01-pm/rice-ranking"]
    assert exercise_of("grade('01-pm/a')") == []
    assert len(exercise_of('report("01-a/b", 1)\nreport("01-a/c", 2)')) == 2
