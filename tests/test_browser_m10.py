"""A learner works module 10's market lesson in a real JupyterLab; nbgrader grades it."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest

from autograder.nbg import ROOT
from autograder.pipeline.answers import harvest
from autograder.scoring.grade import grade
from course.answers import AnswerStore
from course.roles import BASELINE_EXERCISE, BASELINE_MODULE, COMPETENCY_IDS
from course.track import RUNG_NAMES
from tests.browser import (
    error_outputs,
    lab_session,
    open_notebook,
    require_browser,
    run_all,
    save,
    wait_for_record,
    wait_idle,
)
from tests.pipeline import grade_learner

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

MODULE = "10-competencies"
NB4 = "4-market"
#: What the learner picks in the domain-knowledge placement: DK5 put one rung too high.
PLACED = {"DK1": "pm", "DK2": "vp", "DK3": "cpo", "DK4": "pm", "DK5": "cpo"}


def test_learner_sees_their_rating_places_behaviours_and_is_graded(tmp_path: Path) -> None:
    """The module 00 rating shows; menus and a radio choice save, and grade as chosen."""
    require_browser()
    workspace = tmp_path / "workspace"
    shutil.copytree(ROOT / "release" / MODULE, workspace / MODULE)
    AnswerStore(workspace / BASELINE_MODULE, BASELINE_MODULE, "1-the-ladder").save(
        BASELINE_EXERCISE, dict.fromkeys(COMPETENCY_IDS, 2))
    record_path = workspace / MODULE / f"{NB4}.answers.json"

    with lab_session(workspace) as (server, page):
        open_notebook(page, server, f"{MODULE}/{NB4}.ipynb")
        run_all(page)
        assert error_outputs(page) == [], "the released notebook runs top to bottom"
        ratings = page.get_by_text("Your module 00 self-rating:")
        ratings.first.wait_for(state="visible")
        assert ratings.count() == 3, "each of the three sections shows the saved rating"
        assert page.get_by_text("no item of its own in the source").count() >= 2

        for behaviour, rung in PLACED.items():
            page.locator(f".plc-match-{behaviour} select").first.select_option(
                label=RUNG_NAMES[rung])
            wait_idle(page)
        page.locator(".plc-choice-new-domain").get_by_label("Response D").check()
        wait_idle(page)
        saved = wait_for_record(
            record_path,
            lambda r: r["answers"]["domain-rungs"]["value"] == PLACED
            and "new-domain" in r["answers"])
        assert saved["answers"]["new-domain"]["value"] == "D"
        save(page, record=record_path)

    notebook = nbformat.read(workspace / MODULE / f"{NB4}.ipynb", as_version=4)
    kept, _ = harvest(notebook, MODULE, NB4)
    assert kept["domain-rungs"].value == PLACED, "the notebook keeps it"

    got = grade_learner(tmp_path, MODULE, workspace / MODULE)[NB4]
    expected = grade(f"{MODULE}/domain-rungs", directory=workspace / MODULE)
    assert expected == 1.6  # 4 of 5 behaviours
    assert got["domain-test"] == expected
    assert got["new-domain-test"] == 2.0
    assert got["customer-test"] == got["partnership-test"] == got["negotiation-test"] == 0
