"""The allocation panel, headless: live evaluation, feasible plans saved, infeasible never."""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pandas as pd
import pytest
import traitlets

import course
from course.feedback import check_allocation
from course.models import ScenarioError
from course.models.allocation import AllocationScenario
from course.widgets import AllocationPanel

MODULE = "03-test-module"
NOTEBOOK = "2-allocation"


pytestmark = pytest.mark.usefixtures("shown")  # see tests/conftest.py


@pytest.fixture
def lesson(tmp_path: Path) -> course.Lesson:
    """Return a lesson whose answer record lives in a temporary folder."""
    return course.Lesson(MODULE, NOTEBOOK, directory=tmp_path)


def _scenario() -> AllocationScenario:
    """Capacity 5, budget 30: A (2-4 units, cost 10), B (1-2, cost 25, requires A), C (1-3)."""
    frame = pd.DataFrame({
        "title": ["Alpha", "Beta", "Gamma"], "min_units": [2, 1, 1], "max_units": [4, 2, 3],
        "value": [100.0, 80.0, 30.0], "decay": [0.5, 1.0, 1.0],
        "fixed_cost": [10.0, 25.0, 0.0], "requires": ["", "A", ""],
    }, index=pd.Index(["A", "B", "C"], name="id"))
    return AllocationScenario.from_frame(frame, capacity=5, budget=30, unit="engineers",
                                         value_unit="points")


def _panel(lesson: course.Lesson, **kwargs: Any) -> AllocationPanel:
    """Return a panel over the test scenario."""
    return AllocationPanel(lesson, "plan", _scenario(), **kwargs)


def _record(lesson: course.Lesson) -> dict[str, Any]:
    """Return the answers section of the record on disk."""
    return json.loads(lesson.store.path.read_text(encoding="utf-8"))["answers"]


def _slider(panel: AllocationPanel, item: str) -> widgets.IntSlider:
    """Return the slider of ``item``."""
    return panel._controls[item]


def test_new_panel_shows_the_empty_plan_and_writes_nothing(lesson: course.Lesson) -> None:
    """Building a panel saves nothing, warns nothing and shows the empty plan."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        panel = _panel(lesson)
    assert [str(w.message) for w in caught] == []
    assert panel.value is None and panel.draft == {"A": 0, "B": 0, "C": 0}
    assert panel.status.startswith("empty")
    assert not lesson.store.path.exists()
    assert "Projected value: 0.0 points" in panel._summary.value


def test_moving_a_slider_evaluates_and_saves_a_feasible_plan(lesson: course.Lesson) -> None:
    """A slider move to a plan that fits updates value, bars and chart and saves it."""
    panel = _panel(lesson)
    _slider(panel, "A").value = 2
    assert panel.value == {"A": 2, "B": 0, "C": 0}
    assert _record(lesson)["plan"]["value"] == {"A": 2, "B": 0, "C": 0}
    assert panel.status.startswith("saved")
    assert "150.0 points" in panel._summary.value
    assert panel._capacity_bar.value == 2 and panel._capacity_bar.bar_style == "success"
    assert panel._budget_bar.value == 10
    assert "2 of 5 engineers" in panel._capacity_text.value
    assert "width:" in panel._chart.value
    assert "next one adds 25.0" in panel._row_values["A"].value


def test_infeasible_draft_is_shown_with_reasons_and_never_saved(lesson: course.Lesson) -> None:
    """Below a minimum: the reason is shown, the record keeps the last feasible plan."""
    panel = _panel(lesson)
    _slider(panel, "A").value = 2  # fits: saved
    saved = lesson.store.path.read_text()
    _slider(panel, "C").value = 3  # A2 + C3 = 5 engineers: fits, saved
    assert panel.value == {"A": 2, "B": 0, "C": 3}
    _slider(panel, "A").value = 1  # below the minimum of 2
    assert panel.value == {"A": 2, "B": 0, "C": 3}, "the answer is the last feasible plan"
    assert _record(lesson)["plan"]["value"] == {"A": 2, "B": 0, "C": 3}
    assert panel.draft == {"A": 1, "B": 0, "C": 3}, "the draft is kept on screen"
    assert panel.status.startswith("invalid") and "Your saved plan is kept" in panel.status
    assert "below its minimum of 2" in panel._problems.value
    assert "infeasible: not saved" in panel._summary.value
    assert "Saved plan: 240.0 points" in panel._summary.value
    assert saved != lesson.store.path.read_text()  # the draft entry changed, not the answer
    assert _record(lesson)["plan-draft"]["value"] == {"A": 1, "B": 0, "C": 3}


def test_over_capacity_budget_and_dependency_are_all_listed(lesson: course.Lesson) -> None:
    """A draft breaking three rules lists all three and turns the bars red."""
    panel = _panel(lesson)
    panel.set_units("B", 2)  # needs A, and 25 of budget
    panel.set_units("C", 3)
    panel.set_units("A", 4)  # 9 engineers, 35 $k
    problems = panel._problems.value
    assert "Over capacity" in problems and "Over budget" in problems
    panel.set_units("A", 0)
    assert "depends on Alpha (A)" in panel._problems.value
    assert panel._capacity_bar.bar_style == "success"
    panel.set_units("A", 4)
    assert panel._capacity_bar.bar_style == "danger" and panel._budget_bar.bar_style == "danger"
    assert panel.value is None, "no plan along the way fitted, so nothing was saved"


def test_plan_setter_saves_or_raises(lesson: course.Lesson) -> None:
    """panel.plan = ... saves a plan that fits; one that breaks a rule raises, not saved."""
    panel = _panel(lesson)
    panel.plan = {"A": 3, "C": 2}
    assert _record(lesson)["plan"]["value"] == {"A": 3, "B": 0, "C": 2}
    with pytest.raises(traitlets.TraitError, match="Over capacity"):
        panel.plan = {"A": 4, "C": 3}
    assert _record(lesson)["plan"]["value"] == {"A": 3, "B": 0, "C": 2}
    with pytest.raises(ScenarioError, match="not an initiative"):
        panel.plan = {"Z": 1}
    with pytest.raises(traitlets.TraitError):
        panel.value = {"A": 1}


def test_save_and_revert_buttons(lesson: course.Lesson) -> None:
    """Save plan refuses an infeasible draft; Back to saved plan restores the sliders."""
    panel = _panel(lesson)
    panel.plan = {"A": 2}
    panel.set_units("B", 2)  # over budget (35 of 30)
    (save,) = [b for b in panel.children[-2].children if b.description == "Save plan"]
    (back,) = [b for b in panel.children[-2].children if b.description == "Back to saved plan"]
    save.click()
    assert panel.status.startswith("invalid") and panel.value == {"A": 2, "B": 0, "C": 0}
    back.click()
    assert panel.draft == {"A": 2, "B": 0, "C": 0}
    assert _slider(panel, "B").value == 0
    save.click()
    assert panel.status.startswith("saved")


def test_panel_reloads_answer_and_draft(lesson: course.Lesson, tmp_path: Path) -> None:
    """A new panel (a re-run cell or a new kernel) shows the saved plan and the last draft."""
    panel = _panel(lesson)
    panel.plan = {"A": 2, "C": 1}
    panel.set_units("C", 0)
    panel.set_units("B", 3)  # above B's maximum: a draft only
    again = AllocationPanel(course.Lesson(MODULE, NOTEBOOK, directory=tmp_path), "plan",
                            _scenario())
    assert again.value == {"A": 2, "B": 0, "C": 0}
    assert again.draft == {"A": 2, "B": 3, "C": 0}
    assert _slider(again, "B").value == 2, "the slider cannot show more than its maximum"
    assert "above its maximum" in again._problems.value


def test_start_plan_is_shown_but_not_saved(lesson: course.Lesson) -> None:
    """A starting plan (last year's split) is a draft until the learner changes it."""
    panel = _panel(lesson, start={"A": 4, "C": 3})
    assert panel.value is None and panel.draft == {"A": 4, "B": 0, "C": 3}
    assert "Over capacity" in panel._problems.value
    assert not lesson.store.path.exists()
    panel.set_units("C", 1)
    assert panel.value == {"A": 4, "B": 0, "C": 1}


def test_fund_or_not_projects_use_tick_boxes(lesson: course.Lesson) -> None:
    """One-unit projects get a Fund tick box; ticking saves 1, unticking 0."""
    projects = pd.DataFrame({"title": ["X", "Y"], "investment": [300.0, 500.0]},
                            index=pd.Index(["P1", "P2"], name="id"))
    scenario = AllocationScenario.from_projects(
        projects, pd.Series({"P1": 0.0, "P2": 0.0}), projects["investment"], budget=600)
    panel = AllocationPanel(lesson, "fund", scenario)
    box = panel._controls["P1"]
    assert isinstance(box, widgets.Checkbox)
    box.value = True
    assert _record(lesson)["fund"]["value"] == {"P1": 1, "P2": 0}
    panel._controls["P2"].value = True
    assert "Over budget" in panel._problems.value
    assert _record(lesson)["fund"]["value"] == {"P1": 1, "P2": 0}


def test_bad_construction_is_refused(lesson: course.Lesson) -> None:
    """The panel needs a lesson, a scenario and a start plan of that scenario."""
    with pytest.raises(TypeError, match="course.start"):
        AllocationPanel("lesson", "plan", _scenario())
    with pytest.raises(ScenarioError, match="AllocationScenario"):
        AllocationPanel(lesson, "plan", {"A": 1})
    with pytest.raises(ScenarioError, match="not an initiative"):
        _panel(lesson, start={"Q": 1})
    with pytest.raises(ScenarioError, match="not an initiative"):
        _panel(lesson).set_units("Q", 1)


def test_tampered_record_is_not_shown_and_kept(lesson: course.Lesson) -> None:
    """A saved plan that breaks a rule (edited by hand) is reported, not shown, not lost."""
    lesson.store.save("plan", {"A": 1})
    panel = _panel(lesson)
    assert panel.value is None and panel.status.startswith("invalid")
    assert _record(lesson)["plan"]["value"] == {"A": 1}


def test_accepted_plan_updates_the_notebook_copy(
    lesson: course.Lesson, shown: list[tuple[str, tuple, dict]]
) -> None:
    """Each saved plan refreshes the answer copy kept in the notebook; a refused one does not."""
    panel = _panel(lesson)
    panel.set_units("A", 2)
    updates = [c for c in shown if c[0] == "update"]
    assert len(updates) == 1
    panel.set_units("A", 1)
    assert len([c for c in shown if c[0] == "update"]) == 1


def test_self_check_reports_form_not_quality(
    lesson: course.Lesson, capsys: pytest.CaptureFixture[str]
) -> None:
    """check_allocation says what is saved and whether the draft differs, never how good."""
    panel = _panel(lesson)
    assert not check_allocation(panel)
    panel.plan = {"A": 2, "C": 3}
    assert check_allocation(panel)
    panel.set_units("A", 1)
    assert not check_allocation(panel)
    out = capsys.readouterr()
    assert "uses 5 of 5 engineers and 10 of 30 $k" in out.out
    assert "breaks 1 rule, so it is not saved" in out.out
    assert "best" not in out.out and out.err == ""
    assert not check_allocation("not a panel")
