"""A learner works the allocation panel of module 03 in a real JupyterLab; nbgrader grades it."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import nbformat
import pytest

from autograder.nbg import ROOT
from autograder.pipeline.answers import harvest
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

MODULE = "03-director"
NB2 = "2-allocate-capacity"


def _plan(record: dict) -> dict | None:
    """Return the saved plan in a record, or None."""
    entry = record["answers"].get("capacity-plan")
    return None if entry is None else entry["value"]


def test_learner_moves_sliders_saves_and_is_graded(tmp_path: Path) -> None:
    """Keyboard slider moves save only feasible plans; Save plan and autograde agree."""
    require_browser()
    workspace = tmp_path / "workspace"
    shutil.copytree(ROOT / "release" / MODULE, workspace / MODULE)
    record_path = workspace / MODULE / f"{NB2}.answers.json"

    with lab_session(workspace) as (server, page):
        open_notebook(page, server, f"{MODULE}/{NB2}.ipynb")
        run_all(page)
        assert error_outputs(page) == [], "the released notebook runs top to bottom"
        assert not record_path.exists(), "running the notebook saves nothing by itself"

        def press(item: str, key: str, times: int) -> None:
            handle = page.locator(f".plc-alloc-{item} .noUi-handle").first
            handle.wait_for(state="visible")
            handle.focus()
            for _ in range(times):
                page.keyboard.press(key)
            wait_idle(page)

        # one engineer on I1 is below its minimum of 2: shown as infeasible, not saved
        press("I1", "ArrowRight", 1)
        problems = page.locator(".plc-alloc-problems").first
        problems.wait_for(state="visible")
        page.wait_for_function(
            "() => document.querySelector('.plc-alloc-problems').innerText"
            ".includes('below its minimum')", timeout=20_000)
        time.sleep(0.5)
        assert not record_path.exists() or _plan(json.loads(record_path.read_text())) is None
        # a second engineer makes it fit: saved at once
        press("I1", "ArrowRight", 1)
        wait_for_record(record_path, lambda r: _plan(r) is not None and _plan(r)["I1"] == 2)
        press("I2", "ArrowRight", 4)
        wait_for_record(record_path, lambda r: _plan(r) is not None and _plan(r)["I2"] == 4)
        page.locator(".plc-save button, button.plc-save").first.click()
        wait_idle(page)
        saved = wait_for_record(record_path, lambda r: r["answers"]["capacity-plan-draft"]["value"]
                          == _plan(r))
        expected_plan = {"I1": 2, "I2": 4, "I3": 0, "I4": 0, "I5": 0, "I6": 0, "I7": 0}
        assert _plan(saved) == expected_plan
        status = page.locator(".plc-answer-widget .plc-status").first.inner_text()
        assert "aved" in status
        save(page, record=record_path)

    notebook = nbformat.read(workspace / MODULE / f"{NB2}.ipynb", as_version=4)
    assert harvest(notebook, MODULE, NB2)[0]["capacity-plan"].value == expected_plan

    got = grade_learner(tmp_path, MODULE, workspace / MODULE)[NB2]
    expected = grade(f"{MODULE}/capacity-plan", directory=workspace / MODULE)
    assert 0 < expected < 4
    assert got["capacity-plan-test"] == pytest.approx(expected)
