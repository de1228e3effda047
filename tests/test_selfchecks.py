"""Learner-facing self-checks: no traceback, no bare True/False, and a ✓ that tells the truth."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
import pytest

import course.career as career
import course.feedback as feedback
from course.career import check_gap, check_plan, own_gap, top_gaps
from course.feedback import Verdict
from course.roles import COMPETENCY_IDS, profile


class Exploding:
    """A value whose every use raises: the worst a learner's data can do to a check."""

    def __getattr__(self, name: str) -> Any:
        raise RuntimeError("boom")

    def __iter__(self) -> Any:
        raise RuntimeError("boom")

    def __len__(self) -> int:
        raise RuntimeError("boom")

    def __eq__(self, other: object) -> bool:
        raise RuntimeError("boom")

    __hash__ = None  # type: ignore[assignment]


BAD: dict[str, Any] = {
    "none": None,
    "text": "leadership",
    "number": 42,
    "nan": math.nan,
    "empty list": [],
    "empty dict": {},
    "nested dict": {"a": {"b": [1, 2]}, "leadership": object()},
    "duplicate labels": pd.Series([1, 2, 3], index=["a", "a", "leadership"]),
    "duplicate columns": pd.DataFrame([[1, 2]], columns=["x", "x"], index=["a"]),
    "multi-index": pd.DataFrame({"x": [1, 2]}, index=pd.MultiIndex.from_tuples(
        [("a", 1), ("a", 1)])),
    "array": np.array([[1, 2], [3, 4]]),
    "exploding": Exploding(),
}

#: Each learner-facing check with the arguments that follow the learner's value.
CHECKS: dict[str, tuple[Callable[..., Any], tuple[Any, ...]]] = {
    "check_answered": (feedback.check_answered, ()),
    "check_scores": (feedback.check_scores, (["a", "b"],)),
    "check_rate_table": (feedback.check_rate_table, (["s1", "s2"], "rate")),
    "check_cut_line": (feedback.check_cut_line, ()),
    "check_table": (feedback.check_table, (["a", "b"], ["x", "y"])),
    "check_names": (feedback.check_names, (["a", "b", "c"], 2)),
    "check_allocation": (feedback.check_allocation, ()),
    "check_weights": (feedback.check_weights, (["x", "y"],)),
    "check_labels": (feedback.check_labels, (["a", "b"], ["p", "q"])),
    "check_numbers": (feedback.check_numbers, (["x", "y"],)),
    "check_option": (feedback.check_option, (["a", "b"],)),
    "check_picks": (feedback.check_picks, (["k"], ["a"])),
    "check_grid": (career.check_grid, (["r"], ["c"])),
    "check_id_lists": (career.check_id_lists, (["k"], ["a"])),
    "check_meets": (career.check_meets, (["c1"],)),
    "check_rated": (career.check_rated, ()),
    "check_gap": (career.check_gap, ()),
    "check_plan": (career.check_plan, ()),
}


def _public_checks() -> set[str]:
    names = set()
    for module in (feedback, career):
        names |= {n for n in module.__all__ if n.startswith("check_")}
    return names


def test_every_public_check_is_guarded() -> None:
    """Every check_* the lessons can import runs behind never_raises (list new ones in CHECKS)."""
    assert set(CHECKS) <= _public_checks()
    for name in _public_checks():
        check = getattr(feedback, name, None) or getattr(career, name)
        assert getattr(check, "__wrapped__", None) is not None, f"{name} is not guarded"


@pytest.mark.parametrize("kind", list(BAD))
@pytest.mark.parametrize("name", list(CHECKS))
def test_bad_data_gives_a_cross_line_not_a_traceback(
    name: str, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Any mistake in the learner's data becomes a ✗ line in plain words, never a traceback."""
    check, rest = CHECKS[name]
    verdict = check(BAD[kind], *rest)
    out = capsys.readouterr()
    assert isinstance(verdict, Verdict) and not verdict
    assert out.err == ""
    lines = out.out.splitlines()
    assert lines and all(line[:1] in "✓✗" for line in lines), out.out
    assert any(line.startswith("✗") for line in lines)
    for jargon in ("NoneType", "Traceback", "Error", "ndarray", "RuntimeError"):
        assert jargon not in out.out, out.out


def test_duplicate_labels_in_gap_are_named(capsys: pytest.CaptureFixture[str]) -> None:
    """check_gap names a competency given twice and says what to do (it used to raise)."""
    gap = pd.Series(range(16), index=[*COMPETENCY_IDS, "leadership"])
    assert not check_gap(gap)
    out = capsys.readouterr().out
    assert "leadership more than once" in out and "keep one value" in out


def test_verdict_shows_nothing_as_a_cells_last_value() -> None:
    """A check's result behaves as True/False in code but displays nothing in a notebook."""
    from IPython.core.formatters import DisplayFormatter

    shown, _ = DisplayFormatter().format(Verdict(True))
    assert shown == {}
    assert Verdict(True) and not Verdict(False)
    assert Verdict(True) == True and Verdict(False) == False  # noqa: E712


# -- a ✓ that tells the truth -----------------------------------------------------------

RATINGS = {c: 3 for c in COMPETENCY_IDS} | {"leadership": 1, "team-management": 2,
                                              "business-acumen": 2}
ROLE = "director"


def test_gap_with_the_wrong_sign_gets_a_cross(capsys: pytest.CaptureFixture[str]) -> None:
    """A gap computed as ratings minus profile is caught: ratings and role are on screen."""
    right = own_gap(RATINGS, ROLE)
    assert check_gap(right, RATINGS, ROLE)
    assert not check_gap(-right, RATINGS, ROLE)
    assert "wrong sign" in capsys.readouterr().out
    off = right.copy()
    off["leadership"] += 1
    assert not check_gap(off, RATINGS, ROLE)
    assert "'leadership'" in capsys.readouterr().out


def test_plan_covering_two_of_three_top_gaps_gets_a_cross(
    capsys: pytest.CaptureFixture[str]
) -> None:
    """A plan missing one of the learner's top gaps is not ✓; covering each once is."""
    top = top_gaps(RATINGS, ROLE)
    assert len(top) == 3

    def action(c: str) -> dict[str, str]:
        return {"competency": c, "action": "Do it", "measure": "3 reviews", "due": "2027-01-31"}

    assert not check_plan([action(c) for c in top[:2]], RATINGS, ROLE)
    assert f"no action yet for {top[2]}" in capsys.readouterr().out
    assert not check_plan([action(c) for c in [*top, top[0]]], RATINGS, ROLE)
    assert check_plan([action(c) for c in top], RATINGS, ROLE)


def test_profile_minus_the_ratings_dict_works(recwarn: pytest.WarningsRecorder) -> None:
    """The obvious first try, profile(role) - ratings.value, gives the gap with no warning."""
    gap = profile(ROLE) - RATINGS
    assert isinstance(gap, pd.Series)
    assert gap.to_dict() == own_gap(RATINGS, ROLE).to_dict()
    assert (RATINGS - profile(ROLE)).to_dict() == (-own_gap(RATINGS, ROLE)).to_dict()
    assert not recwarn.list


# -- charts: sharp, and described ---------------------------------------------------------


def test_charts_render_at_display_resolution_with_alt_text() -> None:
    """A course chart shows as an <img> with alt text, its PNG twice the display size."""
    import base64
    import re

    from course.data import load
    from course.models.allocation import AllocationScenario
    from course.plots import value_curves

    scenario = AllocationScenario.from_frame(load("m05_portfolio"), capacity=15,
                                             value_column="value_after", unit="squads",
                                             value_unit="value points")
    figure = value_curves(scenario)
    page = figure._repr_mimebundle_()[0]["text/html"]
    alt = re.search(r'alt="([^"]+)"', page)
    assert alt and "squads" in alt.group(1) and "9 initiatives" in alt.group(1)
    width = int(re.search(r'width="(\d+)"', page).group(1))
    png = base64.b64decode(re.search(r"base64,([^\"]+)", page).group(1))
    assert int.from_bytes(png[16:20], "big") == 2 * width  # PNG header: pixel width
    assert "by number of squads" in figure.axes[0].get_title()
    colours = {line.get_color() for line in figure.axes[0].lines}
    assert len(colours) == len(scenario.initiatives)  # no two lines share a colour
