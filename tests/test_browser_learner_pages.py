"""Issue 14 in a real JupyterLab: start page, capstone tables and dashboard, reopening."""

from __future__ import annotations

import json
import os
import re
import shutil
import urllib.request
from pathlib import Path

import pytest

from autograder.nbg import ROOT
from course.home import write
from tests.browser import (
    JupyterServer,
    error_outputs,
    lab_session,
    open_notebook,
    require_browser,
    run_all,
    save,
    wait_for_record,
    wait_idle,
)

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

LEARNER_CONFIG = ROOT / "jupyter" / "learner"
MODULE = "09-capstone"
NB = "1-a-year-as-director"

#: per output table: is it inside its output area (not clipped), and does it scroll sideways
_TABLES_JS = """
() => [...document.querySelectorAll('.jp-OutputArea-output table')].map(t => {
  t.scrollIntoView();  // cells off screen are not laid out (content-visibility)
  const area = t.closest('.jp-OutputArea-output').getBoundingClientRect();
  const box = t.getBoundingClientRect();
  return {inside: box.right <= area.right + 1, wide: t.scrollWidth > t.clientWidth + 1,
          scrolls: getComputedStyle(t).overflowX === 'auto', text: t.textContent};
})
"""
_NOTICES_SHOWN_JS = """
() => [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .plc-rerun')]
  .filter(e => getComputedStyle(e).display !== 'none').map(e => e.innerText)
"""
_NOTICES_JS = """
() => document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .plc-rerun').length
"""


def _shot(page: object, name: str) -> None:
    """Save a full-page screenshot under screenshots/ when PLC_SCREENSHOTS is set."""
    if os.environ.get("PLC_SCREENSHOTS"):
        (ROOT / "screenshots").mkdir(exist_ok=True)
        page.screenshot(path=str(ROOT / "screenshots" / f"{name}.png"), full_page=True)  # type: ignore[attr-defined]


def _make_lab_url() -> str:
    """Return the default URL `make lab` starts JupyterLab with."""
    found = re.search(r"--LabApp\.default_url=(\S+)", (ROOT / "Makefile").read_text())
    assert found, "make lab sets no default URL: it would open on the launcher"
    return found.group(1)


def _stop_kernels(server: JupyterServer) -> None:
    """Shut down every kernel session, as closing JupyterLab and coming back later does."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    sessions = json.loads(opener.open(server.api_url("api/sessions"), timeout=10).read())
    for session in sessions:
        request = urllib.request.Request(server.api_url(f"api/sessions/{session['id']}"),
                                         method="DELETE")
        opener.open(request, timeout=30)


def test_make_lab_opens_the_start_page(tmp_path: Path) -> None:
    """JupyterLab opens on START.ipynb: modules, what they teach, progress, where to begin."""
    require_browser()
    workspace = tmp_path / "workspace"
    for module in ("00-product-ladder", MODULE):
        shutil.copytree(ROOT / "release" / module, workspace / module)
    write(workspace)
    url = _make_lab_url()
    with lab_session(workspace, config_dir=LEARNER_CONFIG,
                     extra_args=[f"--LabApp.default_url={url}"]) as (server, page):
        page.goto(f"{server.url}/?token={server.token}", wait_until="domcontentloaded")
        heading = page.locator(".jp-MarkdownOutput h1", has_text="start here").first
        heading.wait_for(state="visible", timeout=60_000)
        assert page.locator(".jp-Launcher:visible").count() == 0, "the launcher is shown"
        text = " ".join(page.locator(".jp-MarkdownOutput").all_inner_texts())
        for words in ("Where to begin", "Start with", "Module 00 · The product ladder",
                      "Module 09 · Capstone: a year as Director", "A year as Director: rank",
                      "answered", "0 of "):
            assert words in text, words
        _shot(page, "after-start-page")
        page.locator(".jp-MarkdownOutput a", has_text="1-the-ladder").first.click()
        page.locator(".lm-TabBar-tab.lm-mod-current", has_text="1-the-ladder.ipynb").wait_for(
            timeout=60_000)


def test_capstone_reads_well_and_a_reopened_notebook_says_run_all(tmp_path: Path) -> None:
    """Capstone: styled tables, a full dashboard, honest save states, a kept draft; reopened.

    After reopening, one line says to run all, and it goes once the cells have run.
    """
    require_browser()
    workspace = tmp_path / "workspace"
    shutil.copytree(ROOT / "release" / MODULE, workspace / MODULE)
    record_path = workspace / MODULE / f"{NB}.answers.json"
    with lab_session(workspace, config_dir=LEARNER_CONFIG) as (server, page):
        open_notebook(page, server, f"{MODULE}/{NB}.ipynb")
        run_all(page)
        assert error_outputs(page) == []
        assert page.evaluate(_NOTICES_JS) == 1, "the setup cell shows one notice"
        assert page.evaluate(_NOTICES_SHOWN_JS) == [], "the notice shows while the cells run"

        # item 4: tables for reading, none clipped
        tables = page.evaluate(_TABLES_JS)
        text = " ".join(t["text"] for t in tables)
        assert "NaN" not in text and "unit_cost" not in text
        for label in ("Sign-ups (thousands)", "Effort (person-months)",
                      "Debt paid down per engineer (points)", "Retention (% kept)"):
            assert label in text, label
        assert page.locator(".jp-OutputArea-output table mjx-container").count() == 0
        assert len(tables) >= 6
        assert all(t["inside"] and (t["scrolls"] or not t["wide"]) for t in tables), tables
        for name, words in (("q3-table", "Debt paid down"), ("year-table", "A step failed")):
            table = page.locator(".jp-OutputArea-output table", has_text=words).last
            table.scroll_into_view_if_needed()
            _shot(page, f"after-09-capstone-{name}")

        # item 3: the dashboard's Target column is filled and its chart is sharp
        rows = page.evaluate(
            "() => [...document.querySelectorAll('.plc-dash-table tr')].map(r => r.textContent)")
        assert len(rows) >= 5 and all(re.search(r"at least|no target set", r) for r in rows[1:])
        chart = page.locator("img.plc-dash-chart").first
        chart.scroll_into_view_if_needed()
        natural, shown = chart.evaluate("i => [i.naturalWidth, i.clientWidth]")
        assert shown > 300 and natural >= 2 * shown - 2, (natural, shown)

        _shot(page, "after-09-capstone-dashboard")
        # item 12: a changed diagnosis says it is not saved yet
        page.locator(".plc-dash-diag-segment select").first.select_option(label="enterprise")
        page.locator(".plc-status-unsaved", has_text="Not saved yet").first.wait_for(
            timeout=20_000)
        assert not record_path.exists()

        # item 12: an infeasible Q3 draft stays on screen after a re-run, and says so
        handle = page.locator(".plc-alloc-I1 .noUi-handle").first
        handle.focus()
        page.keyboard.press("ArrowRight")  # 1 engineer, below I1's minimum of 2
        wait_idle(page)
        wait_for_record(record_path, lambda r: r["answers"]["q3-plan-draft"]["value"]["I1"] == 1)
        run_all(page)
        handle = page.locator(".plc-alloc-I1 .noUi-handle").first
        assert float(handle.get_attribute("aria-valuenow") or "nan") == 1.0
        page.locator(".plc-status", has_text="last draft is back on screen").first.wait_for(
            timeout=20_000)
        assert "q3-plan" not in json.loads(record_path.read_text())["answers"]

        # item 7: reopened later (no kernel, no widget state), one line says to run all
        save(page)
        _stop_kernels(server)
        open_notebook(page, server, f"{MODULE}/{NB}.ipynb")
        shown_notices = page.evaluate(_NOTICES_SHOWN_JS)
        _shot(page, "after-09-capstone-reopened")
        assert len(shown_notices) == 1 and "Run All Cells" in shown_notices[0], shown_notices
        run_all(page)
        page.wait_for_function(f"() => ({_NOTICES_SHOWN_JS})().length === 0", timeout=30_000)
        assert page.evaluate(_NOTICES_JS) == 1
