"""Exercises on fixed facts show their items in each learner's own order; the key stays.

Modules 00, 01 (lesson 1), 07 and 10 grade facts from the sources (the ladder, who owns a
responsibility, who decides, which rung a behaviour belongs to). Their data does not vary;
instead each lesson passes the rows, menus and starting orders through
:func:`course.variants.shuffled`. These tests run the lessons' own cells (the read-only
ones and the model solutions) in this process as several learners, and check that what
each widget shows is the same set of things in another order, while the saved answer
(ids, never positions) and its grade do not change.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import nbformat
import pytest

from autograder.scoring.catalog import get
from autograder.scoring.grade import grade
from course.variants import Variant, active
from course.widgets import AnswerWidget

ROOT = Path(__file__).resolve().parents[1]
#: The learners whose orders are compared (three, so a chance tie of two cannot hide it).
LEARNERS = ("alice", "bob", "carol")
#: notebook -> the exercises on fixed facts whose presentation order is the learner's own
SHUFFLED: dict[tuple[str, str], tuple[str, ...]] = {
    ("00-product-ladder", "1-the-ladder"): ("ladder-order", "level-scope"),
    ("01-product-manager", "1-the-role"): ("role-owners", "research-methods", "dpm-skills"),
    ("07-collaboration", "1-working-across-levels"): ("raci", "escalation",
                                                      "source-or-proposal"),
    ("10-competencies", "1-direction"): ("strategy-rungs", "vision-rungs", "incomplete-data"),
    ("10-competencies", "2-people"): ("leadership-rungs", "team-growth", "feedback-response"),
    ("10-competencies", "3-reach"): ("scope-rungs", "influence", "slip"),
    ("10-competencies", "4-market"): ("customer-rungs", "domain-rungs", "new-domain",
                                      "partnership-rungs", "negotiation"),
    ("10-competencies", "5-numbers-and-change"): ("experiment-call", "market-shift"),
}


def _shown(widget: widgets.Widget) -> list[str]:
    """Return what a widget shows, in display order: texts, menu and list labels.

    A ranking list numbers its lines by place; the numbers are left out, so two orders
    of the same items show the same labels.
    """
    out: list[str] = []
    if isinstance(widget, (widgets.Dropdown, widgets.RadioButtons, widgets.Select)):
        out += [re.sub(r"^\s*\d+\.\s+", "", str(o[0] if isinstance(o, tuple) else o)).strip()
                for o in widget.options]
    elif isinstance(widget, widgets.HTML):
        out.append(widget.value)
    for child in getattr(widget, "children", ()):
        out += _shown(child)
    return out


def _run_lesson(module: str, notebook: str, learner: str, folder: Path) -> dict[str, Any]:
    """Run a lesson's read-only and solution cells as ``learner``; return its widgets' views."""
    nb = nbformat.read(ROOT / "source" / module / f"{notebook}.ipynb", as_version=4)
    folder.mkdir(parents=True)
    namespace: dict[str, Any] = {"__name__": "__lesson__"}
    views: dict[str, Any] = {}
    here = Path.cwd()
    os.chdir(folder)
    try:
        with active(Variant(learner)):
            for cell in nb.cells:
                meta = cell.metadata.get("nbgrader", {})
                if cell.cell_type == "code" and meta and not meta.get("grade"):
                    exec(compile(cell.source, f"{notebook}:{meta['grade_id']}", "exec"),
                         namespace)
                    for value in namespace.values():  # as first shown, before any answer
                        if isinstance(value, AnswerWidget) and value.exercise not in views:
                            views[value.exercise] = {"shown": _shown(value), "widget": value}
    finally:
        os.chdir(here)
    for view in views.values():
        view["value"] = view.pop("widget").value
    return views


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str, str], Any]:
    """Every listed lesson run by every learner: (module, notebook, learner) -> views."""
    base = tmp_path_factory.mktemp("shuffle")
    return {(module, notebook, learner): _run_lesson(module, notebook, learner,
                                                     base / learner / module / notebook)
            for module, notebook in SHUFFLED for learner in LEARNERS}


@pytest.mark.parametrize(("module", "notebook"), sorted(SHUFFLED))
def test_each_learner_sees_the_same_items_in_an_order_of_their_own(
        runs: dict[tuple[str, str, str], Any], module: str, notebook: str) -> None:
    """What a fact exercise shows differs in order between learners, never in content."""
    for exercise in SHUFFLED[(module, notebook)]:
        shown = [runs[(module, notebook, learner)][exercise]["shown"] for learner in LEARNERS]
        assert all(sorted(s) == sorted(shown[0]) for s in shown), f"{exercise}: same items"
        assert len({tuple(s) for s in shown}) > 1, f"{exercise}: the order is the learner's"


@pytest.mark.parametrize(("module", "notebook"), sorted(SHUFFLED))
def test_the_same_answer_earns_the_same_grade_in_every_order(
        runs: dict[tuple[str, str, str], Any], module: str, notebook: str) -> None:
    """The model solution saves the same answer for every learner, and it earns full marks."""
    for exercise in SHUFFLED[(module, notebook)]:
        values = [runs[(module, notebook, learner)][exercise]["value"] for learner in LEARNERS]
        assert all(v == values[0] for v in values), f"{exercise}: the key is not the order"
        key = f"{module}/{exercise}"
        for learner in LEARNERS:
            with active(Variant(learner)):
                assert grade(key, values[0]) == get(key).points, key


def test_a_learner_always_sees_the_same_order(tmp_path: Path) -> None:
    """Running a lesson again as the same learner shows the same order as before."""
    first = _run_lesson("00-product-ladder", "1-the-ladder", "alice", tmp_path / "a")
    again = _run_lesson("00-product-ladder", "1-the-ladder", "alice", tmp_path / "b")
    for exercise in SHUFFLED[("00-product-ladder", "1-the-ladder")]:
        assert first[exercise]["shown"] == again[exercise]["shown"], exercise
