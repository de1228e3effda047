"""A learner plays the capstone in a real JupyterLab; each quarter is graded on their own path."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from autograder.nbg import ROOT
from autograder.scoring.grade import grade
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

MODULE = "09-capstone"
NB = "1-a-year-as-director"


def _answers(path: Path) -> dict:
    """Return ``{exercise: value}`` of an answer record."""
    return {k: v["value"] for k, v in json.loads(path.read_text())["answers"].items()}


def test_learner_plays_the_year_and_is_graded_on_their_own_path(tmp_path: Path) -> None:
    """Q1 board, re-run, Q2 diagnosis and Q3 plan persist; autograde scores each on that path."""
    require_browser()
    workspace = tmp_path / "workspace"
    shutil.copytree(ROOT / "release" / MODULE, workspace / MODULE)
    record_path = workspace / MODULE / f"{NB}.answers.json"

    with lab_session(workspace) as (server, page):
        open_notebook(page, server, f"{MODULE}/{NB}.ipynb")
        run_all(page)
        assert error_outputs(page) == [], "the released notebook runs top to bottom"
        assert not record_path.exists(), "running the notebook saves nothing by itself"

        # Q1 by keyboard: the sync refactor first, then fund the top two
        box = page.locator(".plc-rank-B3 input").first
        box.focus()
        page.keyboard.press("ControlOrMeta+a")
        page.keyboard.type("1")
        page.keyboard.press("Enter")
        wait_for_record(record_path, lambda r: r["answers"]["q1-backlog"]["value"]["order"][0]
                        == "B3")
        cut = page.locator(".plc-cut input").first
        cut.focus()
        page.keyboard.press("ControlOrMeta+a")
        page.keyboard.type("2")
        page.keyboard.press("Enter")
        wait_for_record(record_path, lambda r: r["answers"]["q1-backlog"]["value"]["cut"] == 2)
        q1 = _answers(record_path)["q1-backlog"]

        # the later quarters are built from the saved board: run everything again
        run_all(page)
        assert error_outputs(page) == []
        assert _answers(record_path)["q1-backlog"] == q1, "running again keeps the saved board"

        # Q2: a diagnosis through the drop-downs, then saved
        for field, label in (("segment", "enterprise"), ("step", "core action → upgrade")):
            page.locator(f".plc-dash-diag-{field} select").first.select_option(label=label)
            wait_idle(page)
        page.locator(".plc-answer-widget .plc-save").filter(has_text="Save diagnosis").click()
        wait_for_record(record_path, lambda r: "q2-diagnosis" in r["answers"])

        # Q3: one engineer on SMB self-serve growth (its minimum), by keyboard on the slider
        handle = page.locator(".plc-alloc-I3 .noUi-handle").first
        handle.focus()
        page.keyboard.press("ArrowRight")
        wait_idle(page)
        wait_for_record(record_path, lambda r: "q3-plan" in r["answers"])
        save(page, record=record_path)

    answers = _answers(record_path)
    assert answers["q2-diagnosis"] == {"segment": "enterprise", "step": "upgrade"}
    assert answers["q3-plan"]["I3"] == 1 and sum(answers["q3-plan"].values()) == 1

    got = grade_learner(tmp_path, MODULE, workspace / MODULE)[NB]
    path = {"q1": answers["q1-backlog"], "q2": answers["q2-diagnosis"],
            "q3": answers["q3-plan"]}
    assert got["q1-ranking-test"] == pytest.approx(
        grade(f"{MODULE}/q1-ranking", directory=workspace / MODULE))
    assert got["q1-cutline-test"] == grade(f"{MODULE}/q1-cutline", directory=workspace / MODULE)
    assert got["q2-diagnosis-test"] == grade(f"{MODULE}/q2-diagnosis",
                                             {"q1": path["q1"], "q2": path["q2"]})
    q3 = grade(f"{MODULE}/q3-plan", {"q1": path["q1"], "q3": path["q3"]})
    assert 0 < q3 < 4, "one engineer is a real but poor plan"
    assert got["q3-plan-test"] == pytest.approx(q3)
    assert got["q4-plan-test"] == 0  # the Q4 plan was never saved
