"""The bucketing widget, headless (no browser, no kernel), and the radar chart."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pandas as pd
import pytest
import traitlets

import course
from course.models import ScenarioError
from course.plots import radar_chart
from course.widgets import KANO_LABELS, MOSCOW_LABELS, Buckets

MODULE = "07-test-module"
NOTEBOOK = "3-buckets"


pytestmark = pytest.mark.usefixtures("shown")  # see tests/conftest.py


@pytest.fixture
def lesson(tmp_path: Path) -> course.Lesson:
    """Return a lesson whose answer record lives in a temporary folder."""
    return course.Lesson(MODULE, NOTEBOOK, directory=tmp_path)


def _sprint() -> pd.DataFrame:
    """Return four items with efforts 4, 3, 2, 1 (capacity 10: musts at most 6)."""
    return pd.DataFrame({"title": ["Alpha", "Beta", "Gamma", "Delta"],
                         "effort": [4.0, 3.0, 2.0, 1.0]},
                        index=pd.Index(["A", "B", "C", "D"], name="id"))


def _saved(lesson: course.Lesson, exercise: str) -> Any:
    """Return the value saved for ``exercise`` in the record file, read from disk."""
    raw = json.loads(lesson.store.path.read_text(encoding="utf-8"))
    return raw["answers"][exercise]["value"]


def _menu(widget: widgets.Widget, css: str) -> widgets.Dropdown:
    """Return the one drop-down menu of ``widget`` carrying the class ``css``."""
    found = []

    def walk(node: widgets.Widget) -> None:
        for child in getattr(node, "children", ()):
            if isinstance(child, widgets.Dropdown) and css in child._dom_classes:
                found.append(child)
            walk(child)

    walk(widget)
    (menu,) = found
    return menu


# -- Buckets ------------------------------------------------------------------------------


def test_choosing_in_a_menu_saves_a_partial_bucketing(lesson: course.Lesson) -> None:
    """Each menu choice is saved at once; unplaced items are simply absent."""
    plan = Buckets(lesson, "moscow", _sprint(), MOSCOW_LABELS, capacity=10)
    assert plan.value is None and not lesson.store.path.exists()
    _menu(plan, "plc-bucket-A").value = "must"
    _menu(plan, "plc-bucket-D").value = "could"
    assert _saved(lesson, "moscow") == {"A": "must", "D": "could"}
    assert plan.effort_by_bucket == {"must": 4.0, "should": 0.0, "could": 1.0, "wont": 0.0}
    _menu(plan, "plc-bucket-D").value = ""
    assert _saved(lesson, "moscow") == {"A": "must"}


def test_too_many_musts_are_shown_refused_and_not_saved(lesson: course.Lesson) -> None:
    """A choice that pushes the musts past 60% stays on screen with the reason, unsaved."""
    plan = Buckets(lesson, "moscow", _sprint(), MOSCOW_LABELS, capacity=10)
    _menu(plan, "plc-bucket-A").value = "must"
    _menu(plan, "plc-bucket-B").value = "must"  # 7 of 10
    assert _saved(lesson, "moscow") == {"A": "must"}
    assert plan.value == {"A": "must"}
    assert _menu(plan, "plc-bucket-B").value == "must", "the learner's choice stays visible"
    assert plan.status.startswith("invalid: Not saved: the must-haves take 7 of 10")
    _menu(plan, "plc-bucket-B").value = "should"  # fixed: saved again
    assert _saved(lesson, "moscow") == {"A": "must", "B": "should"}
    assert plan.status.startswith("saved")


def test_an_overfull_plan_from_code_raises(lesson: course.Lesson) -> None:
    """Setting an infeasible plan in code raises with the reason; nothing is saved."""
    plan = Buckets(lesson, "moscow", _sprint(), MOSCOW_LABELS, capacity=5)
    with pytest.raises(traitlets.TraitError, match="more than the capacity of 5"):
        plan.value = {"A": "could", "B": "could"}
    assert not lesson.store.path.exists()


def test_a_saved_bucketing_is_shown_again(lesson: course.Lesson) -> None:
    """A new widget over the same record shows the saved choices in its menus."""
    Buckets(lesson, "kano", _sprint(), KANO_LABELS).value = {"A": "must-be", "C": "reverse"}
    again = Buckets(course.Lesson(MODULE, NOTEBOOK, directory=lesson.directory), "kano",
                    _sprint(), KANO_LABELS)
    assert again.value == {"A": "must-be", "C": "reverse"}
    assert _menu(again, "plc-bucket-C").value == "reverse"
    assert _menu(again, "plc-bucket-B").value == ""


def test_unknown_bucket_or_item_is_refused(lesson: course.Lesson) -> None:
    """A bucket or item that is not offered raises a TraitError naming it."""
    kano = Buckets(lesson, "kano", _sprint(), KANO_LABELS)
    with pytest.raises(traitlets.TraitError, match=r"'delighter' \(for 'A'\) is not a bucket"):
        kano.value = {"A": "delighter"}
    with pytest.raises(traitlets.TraitError, match=r"'Z' is not an item"):
        kano.value = {"Z": "reverse"}


def test_capacity_needs_moscow_buckets_and_effort(lesson: course.Lesson) -> None:
    """A capacity with other buckets, or without an effort column, is a ScenarioError."""
    with pytest.raises(ScenarioError, match="works with the MoSCoW buckets"):
        Buckets(lesson, "kano", _sprint(), KANO_LABELS, capacity=10)
    with pytest.raises(ScenarioError, match="'effort' column"):
        Buckets(lesson, "moscow", _sprint().drop(columns="effort"), MOSCOW_LABELS, capacity=10)


def test_put_from_code_and_summary(lesson: course.Lesson) -> None:
    """``put`` places and removes items; the summary counts them and shows the limits."""
    plan = Buckets(lesson, "moscow", _sprint(), MOSCOW_LABELS, capacity=10)
    plan.put("C", "must")
    plan.put("D", "wont")
    plan.put("D", None)
    assert _saved(lesson, "moscow") == {"C": "must"}
    assert "1 of 4 placed" in plan._summary.value
    assert "must-haves 2 of at most 6" in plan._summary.value


# -- radar chart --------------------------------------------------------------------------


def test_radar_chart_draws_one_spoke_per_competency() -> None:
    """The chart is a polar Figure with a profile closed over every labelled spoke."""
    names = {"leadership": "Leadership", "communication": "Communication",
             "data-analysis": "Data analysis"}
    figure = radar_chart({"leadership": 4, "communication": 2}, labels=names)
    (axes,) = figure.axes
    assert axes.name == "polar"
    assert [t.get_text() for t in axes.get_xticklabels()] == ["Leadership", "Communication",
                                                             "Data analysis"]
    (line,) = axes.get_lines()
    assert list(line.get_ydata()) == [4, 2, 0, 4]  # missing rating at the bottom, closed
    assert figure._repr_mimebundle_()[0]["image/png"].startswith(b"\x89PNG")


def test_radar_chart_compares_with_a_target() -> None:
    """A comparison profile adds a second line and a legend."""
    figure = radar_chart({"a": 1, "b": 2, "c": 3}, compare={"a": 5, "b": 5, "c": 4})
    (axes,) = figure.axes
    assert len(axes.get_lines()) == 2 and axes.get_legend() is not None
    with pytest.raises(ValueError, match="at least one value"):
        radar_chart({})
