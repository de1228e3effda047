"""What a learner sees in a real JupyterLab started as `make lab` starts it (issue 14)."""

from __future__ import annotations

import json
import os
import shutil
import urllib.request
from pathlib import Path

import pytest

from autograder.nbg import ROOT
from course.data import figure
from tests.browser import error_outputs, lab_session, open_notebook, require_browser, run_all

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

LEARNER_CONFIG = ROOT / "jupyter" / "learner"
SHOTS = ROOT / "screenshots"

#: output areas whose whole text is a bare True or False (a self-check's return value)
_BARE_BOOLS_JS = """
() => [...document.querySelectorAll('.jp-OutputArea-output')]
  .map(e => e.innerText.trim()).filter(t => t === 'True' || t === 'False').length
"""
_CHART_ALTS_JS = """
() => [...document.querySelectorAll('.jp-OutputArea-output img:not([aria-hidden="true"])')]
  .map(i => i.getAttribute('alt') || '')
"""


def _shot(page: object, name: str) -> None:
    if os.environ.get("PLC_SCREENSHOTS"):
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)  # type: ignore[attr-defined]


def test_learner_lab_shows_learner_tools_only(tmp_path: Path) -> None:
    """The config make lab uses hides Create Assignment, formgrader, course list, news."""
    require_browser()
    (tmp_path / "empty").mkdir()
    with lab_session(tmp_path / "empty", config_dir=LEARNER_CONFIG) as (server, page):
        page.goto(f"{server.url}/lab?token={server.token}", wait_until="domcontentloaded")
        page.locator("#jp-main-dock-panel").wait_for(state="visible", timeout=60_000)
        config = json.loads(page.locator("#jupyter-config-data").text_content() or "{}")
        disabled = config.get("disabledExtensions", [])
        for plugin in ("@jupyter/nbgrader:create-assignment", "@jupyter/nbgrader:course-list",
                       "@jupyter/nbgrader:menu",
                       "@jupyterlab/apputils-extension:announcements"):
            assert plugin in disabled, plugin
        menus = page.locator(".lm-MenuBar-itemLabel").all_inner_texts()
        assert "Nbgrader" not in menus and menus
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        with pytest.raises(urllib.error.HTTPError):  # the formgrader server extension is off
            opener.open(f"{server.url}/formgrader?token={server.token}", timeout=10)
        css = opener.open(f"{server.url}/custom/custom.css?token={server.token}",
                          timeout=10).read().decode()
        assert "graded after you submit" in css


@pytest.mark.parametrize("module, notebook", [
    ("03-director", "2-allocate-capacity"),
    ("08-career-progression", "2-gap-and-plan"),
])
def test_briefs_render_money_and_self_checks_show_no_bare_bools(
    tmp_path: Path, module: str, notebook: str
) -> None:
    """After Run all: amounts show as money, no True/False under a check, charts have alt."""
    require_browser()
    workspace = tmp_path / "workspace"
    shutil.copytree(ROOT / "release" / module, workspace / module)
    with lab_session(workspace, config_dir=LEARNER_CONFIG) as (server, page):
        open_notebook(page, server, f"{module}/{notebook}.ipynb")
        run_all(page)
        assert error_outputs(page) == []
        assert page.locator(".jp-MarkdownOutput mjx-container, .jp-MarkdownOutput .MathJax"
                            ).count() == 0, "a markdown cell was typeset as maths"
        if module == "03-director":
            # the learner's own budget, stated by lesson.brief (the lab runs as "tester")
            brief = page.locator(".jp-OutputArea .jp-RenderedMarkdown",
                                 has_text="non-salary budget").first
            text = " ".join((brief.text_content() or "").split())
            assert f"{figure('m03_budget'):,} $k" in text, text
            assert brief.locator("mjx-container, .MathJax").count() == 0
        assert page.evaluate(_BARE_BOOLS_JS) == 0
        alts = page.evaluate(_CHART_ALTS_JS)
        assert alts and all("chart" in a.lower() and len(a) > 20 for a in alts), alts
        _shot(page, f"after-{module}")
