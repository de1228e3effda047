"""A learner uses the KPI dashboard of module 06 in a real JupyterLab; nbgrader grades it."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import nbformat
import pytest

from autograder.nbg import ROOT
from autograder.pipeline.answers import harvest
from autograder.scoring.catalog import get
from autograder.scoring.grade import grade
from course.tables import readable
from course.widgets.dashboard import KPI_METRICS
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

MODULE = "06-distinguished-pm"
NB2 = "2-scorecard-and-bets"


def _signed_up(text: str) -> int:
    """The 'Users signed up' figure of the dashboard's metrics table."""
    found = re.search(r"Users signed up\s+([\d,]+)", text)
    assert found, text
    return int(found.group(1).replace(",", ""))


def test_learner_filters_the_dashboard_records_a_diagnosis_and_is_graded(tmp_path: Path) -> None:
    """Segment and quarter filters redraw the view; the saved diagnosis autogrades as chosen."""
    require_browser()
    workspace = tmp_path / "workspace"
    shutil.copytree(ROOT / "release" / MODULE, workspace / MODULE)
    record_path = workspace / MODULE / f"{NB2}.answers.json"
    # the right step and segment of this learner's scenario, and a metric that is not
    right = get(f"{MODULE}/usage-diagnosis").reference()
    wrong_metric = next(m for m in ("nps", "churn", "activation") if m != right["metric"])
    chosen = {"step": right["step"], "segment": right["segment"], "metric": wrong_metric}

    with lab_session(workspace) as (server, page):
        open_notebook(page, server, f"{MODULE}/{NB2}.ipynb")
        run_all(page)
        assert error_outputs(page) == [], "the released notebook runs top to bottom"
        metrics = page.locator(".plc-dash-metrics").first
        metrics.wait_for(state="visible")
        everyone = _signed_up(metrics.inner_text())
        assert everyone > 0, "all of Pulse's sign-ups are shown at first"

        page.locator(".plc-dash-segment select").first.select_option(
            label=readable(right["segment"]))
        wait_idle(page)
        page.locator(".plc-dash-period select").first.select_option("2026Q2")
        wait_idle(page)
        page.wait_for_function(  # the one segment that signed up in the second quarter
            "(n) => { const m = document.querySelector('.plc-dash-metrics').innerText"
            ".match(/Users signed up\\s+([\\d,]+)/); "
            "return m && Number(m[1].replace(/,/g, '')) < n; }",
            arg=everyone, timeout=30_000)
        assert 0 < _signed_up(metrics.inner_text()) < everyone

        def label(field: str, option: str) -> str:  # drop-downs show labels
            return KPI_METRICS[option][0] if field == "metric" else readable(option)

        for field, option in chosen.items():  # drop-downs show labels
            page.locator(f".plc-dash-diag-{field} select").first.select_option(
                label=label(field, option))
            wait_idle(page)
        assert not record_path.exists(), "choosing alone saves nothing"
        page.locator(".plc-answer-widget .plc-save").filter(has_text="Save diagnosis").click()
        saved = wait_for_record(record_path, lambda r: "usage-diagnosis" in r["answers"])
        assert saved["answers"]["usage-diagnosis"]["value"] == chosen
        wait_idle(page)
        save(page, record=record_path)

    notebook = nbformat.read(workspace / MODULE / f"{NB2}.ipynb", as_version=4)
    kept, _ = harvest(notebook, MODULE, NB2)
    assert kept["usage-diagnosis"].value == chosen, "the notebook keeps it"

    got = grade_learner(tmp_path, MODULE, workspace / MODULE)[NB2]
    expected = grade(f"{MODULE}/usage-diagnosis", directory=workspace / MODULE)
    assert 0 < expected < get(f"{MODULE}/usage-diagnosis").points  # the metric is wrong
    assert got["dashboard-test"] == expected
    assert got["scorecard-test"] == 0  # nothing else was answered
