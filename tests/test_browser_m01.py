"""A learner works module 01 in a real JupyterLab, in Debian's chromium; nbgrader grades it."""

from __future__ import annotations

import shutil
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
)
from tests.pipeline import grade_learner

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

MODULE = "01-product-manager"
NB2 = "2-prioritize-and-measure"


def test_learner_reorders_by_keyboard_saves_and_is_graded(tmp_path: Path) -> None:
    """Keyboard reorder and cut line on the ranking board persist and autograde as chosen."""
    require_browser()
    workspace = tmp_path / "workspace"
    shutil.copytree(ROOT / "release" / MODULE, workspace / MODULE)
    record_path = workspace / MODULE / f"{NB2}.answers.json"
    released_order = [f"B{i:02d}" for i in range(1, 13)]

    with lab_session(workspace) as (server, page):
        open_notebook(page, server, f"{MODULE}/{NB2}.ipynb")
        run_all(page)
        assert error_outputs(page) == [], "the released notebook runs top to bottom"
        assert not record_path.exists(), "running the notebook saves nothing by itself"

        # keyboard only: B03's place box, type 1, Enter; then Tab on to the next boxes
        box = page.locator(".plc-rank-B03 input").first
        box.wait_for(state="visible")
        box.focus()
        page.keyboard.press("ControlOrMeta+a")
        page.keyboard.type("1")
        page.keyboard.press("Enter")
        wait_for_record(record_path, lambda r: r["answers"]["rice-ranking"]["value"]["order"][0]
                         == "B03")
        assert box.evaluate("e => e === document.activeElement"), "focus stays where it was"
        # the arrow keys step a place: B12 from 12th to 11th
        last = page.locator(".plc-rank-B12 input").first
        last.focus()
        page.keyboard.press("ArrowDown")
        page.keyboard.press("Enter")
        wait_for_record(record_path, lambda r: r["answers"]["rice-ranking"]["value"]["order"][-2]
                         == "B12")

        cut = page.locator(".plc-cut input").first
        cut.focus()
        page.keyboard.press("ControlOrMeta+a")
        page.keyboard.type("2")
        page.keyboard.press("Enter")
        saved = wait_for_record(
            record_path, lambda r: r["answers"]["rice-ranking"]["value"]["cut"] == 2
        )
        expected_order = ["B03", "B01", "B02", *released_order[3:10], "B12", "B11"]
        assert saved["answers"]["rice-ranking"]["value"] == {"order": expected_order, "cut": 2}
        status = page.locator(".plc-answer-widget .plc-status").first.inner_text()
        assert "Saved" in status
        save(page, record=record_path)

    notebook = nbformat.read(workspace / MODULE / f"{NB2}.ipynb", as_version=4)
    kept = harvest(notebook, MODULE, NB2)[0]["rice-ranking"]
    assert kept.value == {"order": expected_order, "cut": 2}, "the notebook keeps the answer"

    got = grade_learner(tmp_path, MODULE, workspace / MODULE)[NB2]
    expected = grade(f"{MODULE}/rice-ranking", directory=workspace / MODULE)
    assert 0 < expected < 3
    assert got["rice-ranking-test"] == pytest.approx(expected)
    assert got["rice-cutline-test"] == 0  # two items are not what the capacity funds
    assert got["rice-scores-test"] == 0  # no scores were computed
