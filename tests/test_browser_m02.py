"""A learner works module 02 in a real JupyterLab, in Debian's chromium; nbgrader grades it."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

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

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

MODULE = "02-senior-group-pm"
NB1 = "1-across-products"


def _type_into(page: Page, selector: str, text: str) -> None:
    """Focus the input at ``selector``, replace its text by typing, and press Enter."""
    box = page.locator(selector).first
    box.wait_for(state="visible")
    box.focus()
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type(text)
    page.keyboard.press("Enter")


def test_group_pm_orders_two_products_by_keyboard_and_is_graded(tmp_path: Path) -> None:
    """Keyboard reorder, cut line and a MoSCoW menu choice persist and autograde as chosen."""
    require_browser()
    workspace = tmp_path / "workspace"
    shutil.copytree(ROOT / "release" / MODULE, workspace / MODULE)
    record_path = workspace / MODULE / f"{NB1}.answers.json"
    released = [f"W{i:02d}" for i in range(1, 11)]

    def ranking(r: dict) -> dict:
        return r["answers"]["wsjf-ranking"]["value"]

    with lab_session(workspace) as (server, page):
        open_notebook(page, server, f"{MODULE}/{NB1}.ipynb")
        run_all(page)
        assert error_outputs(page) == [], "the released notebook runs top to bottom"
        assert not record_path.exists(), "running the notebook saves nothing by itself"

        # keyboard only: W10 to first place, then W04 to second
        _type_into(page, ".plc-rank-W10 input", "1")
        wait_for_record(record_path, lambda r: ranking(r)["order"][0] == "W10")
        _type_into(page, ".plc-rank-W04 input", "2")
        wait_for_record(record_path, lambda r: ranking(r)["order"][1] == "W04")
        _type_into(page, ".plc-cut input", "2")
        saved = wait_for_record(record_path, lambda r: ranking(r)["cut"] == 2)
        expected = ["W10", "W04", *[w for w in released if w not in ("W10", "W04")]]
        assert ranking(saved) == {"order": expected, "cut": 2}
        # the Save button, reached from the keyboard
        page.locator(".plc-save").first.focus()
        page.keyboard.press("Enter")
        # one MoSCoW choice in its drop-down menu
        page.locator(".plc-bucket-S01 select").first.select_option(label="Must have")
        saved = wait_for_record(record_path, lambda r: "moscow" in r["answers"])
        assert saved["answers"]["moscow"]["value"] == {"S01": "must"}
        save(page, record=record_path)

    notebook = nbformat.read(workspace / MODULE / f"{NB1}.ipynb", as_version=4)
    kept, _ = harvest(notebook, MODULE, NB1)
    assert kept["wsjf-ranking"].value == {"order": expected, "cut": 2}
    assert kept["moscow"].value == {"S01": "must"}, "the notebook keeps the answers"

    got = grade_learner(tmp_path, MODULE, workspace / MODULE)[NB1]
    ranked = grade(f"{MODULE}/wsjf-ranking", directory=workspace / MODULE)
    assert 0 < ranked < 3
    assert got["wsjf-ranking-test"] == pytest.approx(ranked)
    assert got["wsjf-cutline-test"] == 0  # the capacity funds three items or more
    assert got["moscow-test"] == pytest.approx(
        grade(f"{MODULE}/moscow", directory=workspace / MODULE)) == 0.25  # must 1/3, mean of 4
    assert got["wsjf-scores-test"] == 0  # no scores were computed
