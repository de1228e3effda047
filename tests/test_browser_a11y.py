"""A keyboard-only learner in a real JupyterLab: every control is named, sliders stop once.

Module 00 is walked with the keyboard alone (Tab, arrows, Space, typing); each control the
focus lands on is read back from chromium's accessibility tree (CDP ``Accessibility``), so
the names are the ones a screen reader announces. Module 03's allocation notebook checks
the sliders: one Tab stop each, named after their initiative, and charts with alt text.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from autograder.nbg import ROOT
from tests.browser import (
    error_outputs,
    lab_session,
    open_notebook,
    require_browser,
    run_all,
    wait_for_record,
    wait_idle,
)

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

LADDER, DIRECTOR = "00-product-ladder", "03-director"
#: every cell attached to the page, so the whole notebook is in the accessibility tree
_SETTINGS = {"@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {
    "autoStartDefaultKernel": True, "windowingMode": "none"}}
#: roles of the controls a learner operates
_CONTROLS = {"button", "checkbox", "combobox", "listbox", "radio", "slider", "spinbutton",
             "textbox", "menulistpopup", "togglebutton"}


class Tree:
    """Chromium's accessibility tree of one page, read through the DevTools protocol."""

    def __init__(self, page: Any) -> None:
        """Open a DevTools session on ``page`` and enable its accessibility domain."""
        self.page = page
        self.cdp = page.context.new_cdp_session(page)
        self.cdp.send("Accessibility.enable")

    def focused(self) -> dict[str, Any]:
        """Return role, name, pressed state and classes of the element that has the focus."""
        handle = self.cdp.send("Runtime.evaluate", {"expression": "document.activeElement"})
        node = self.cdp.send("Accessibility.getPartialAXTree", {
            "objectId": handle["result"]["objectId"], "fetchRelatives": False})["nodes"][0]
        where = self.page.evaluate(
            "() => { const e = document.activeElement; const w = e.closest('.jupyter-widgets');"
            " return [e.className || e.tagName, w ? w.className : '']; }")
        return {"role": node.get("role", {}).get("value"), "name": _name(node),
                "pressed": _property(node, "pressed"), "element": where[0], "widget": where[1]}

    def unnamed_controls(self) -> list[str]:
        """Return role and HTML of every control inside a course widget that has no name."""
        nodes = self.cdp.send("Accessibility.getFullAXTree")["nodes"]
        missing = []
        for node in nodes:
            role = node.get("role", {}).get("value")
            if role not in _CONTROLS or node.get("ignored") or "backendDOMNodeId" not in node:
                continue
            resolved = self.cdp.send("DOM.resolveNode",
                                     {"backendNodeId": node["backendDOMNodeId"]})
            inside = self.cdp.send("Runtime.callFunctionOn", {
                "objectId": resolved["object"]["objectId"], "returnByValue": True,
                "functionDeclaration": "function () { return this.closest && "
                "this.closest('.plc-answer-widget') ? this.outerHTML.slice(0, 160) : null; }"})
            html = inside["result"].get("value")
            if html is not None and not _name(node).strip():
                missing.append(f"{role}: {html}")
        return missing

    def images(self) -> list[str]:
        """Return the names of every image in the page's accessibility tree."""
        nodes = self.cdp.send("Accessibility.getFullAXTree")["nodes"]
        return [_name(n) for n in nodes
                if n.get("role", {}).get("value") == "image" and not n.get("ignored")]


def _name(node: dict[str, Any]) -> str:
    """Return an accessibility node's computed name ('' when it has none)."""
    return str(node.get("name", {}).get("value") or "")


def _property(node: dict[str, Any], name: str) -> Any:
    """Return one property (``pressed``, ``focused``...) of an accessibility node, or None."""
    for item in node.get("properties", []):
        if item["name"] == name:
            return item["value"].get("value")
    return None


def _tab(page: Any, tree: Tree, times: int = 1, key: str = "Tab") -> dict[str, Any]:
    """Press Tab (or ``key``) ``times`` times and return what then has the focus."""
    for _ in range(times):
        page.keyboard.press(key)
    page.wait_for_timeout(60)
    return tree.focused()


def _answers(path: Path) -> dict[str, Any]:
    """Return the answers of an answer record, {} before it exists."""
    return json.loads(path.read_text())["answers"] if path.exists() else {}


def test_module_00_by_keyboard_alone_with_names_from_the_accessibility_tree(
        tmp_path: Path) -> None:
    """Ranking, matching and rating widgets are named, reachable and usable by keyboard."""
    require_browser()
    workspace = tmp_path / "workspace"
    shutil.copytree(ROOT / "release" / LADDER, workspace / LADDER)
    record = workspace / LADDER / "1-the-ladder.answers.json"
    with lab_session(workspace, settings=_SETTINGS) as (server, page):
        open_notebook(page, server, f"{LADDER}/1-the-ladder.ipynb")
        run_all(page)
        assert error_outputs(page) == []
        tree = Tree(page)
        page.wait_for_function("() => document.querySelector('.plc-answer-widget')"
                               "?.hasAttribute('data-lm-suppress-shortcuts')", timeout=20_000)
        assert tree.unnamed_controls() == [], "\n".join(tree.unnamed_controls())

        # the ranking board: the list, its four move buttons and Save, then one place box
        # per level, each named after its level
        page.locator(".plc-ranking-list select").first.focus()
        here = tree.focused()
        assert here["role"] == "listbox" and here["name"].startswith("Backlog order")
        names = [_tab(page, tree)["name"] for _ in range(5)]
        assert names == ["Up", "Down", "To top", "To bottom", "Save this order"]
        boxes = [_tab(page, tree) for _ in range(page.locator(".plc-rank").count())]
        labels = page.locator(".plc-rank-panel .plc-row-label").all_inner_texts()
        assert [b["name"] for b in boxes] == [t.strip() for t in labels], "named by its row"
        assert all(b["role"] == "spinbutton" for b in boxes), boxes
        last = boxes[-1]["name"].split(" ")[0]
        page.keyboard.press("ControlOrMeta+a")
        page.keyboard.type("1")
        page.keyboard.press("Enter")
        wait_idle(page)
        wait_for_record(record, lambda r: r["answers"]["ladder-order"]["value"]["order"][0]
                        == last)

        # the matching menus: each named after its statement; the arrow keys choose
        page.locator(".plc-match select").first.focus()
        first = tree.focused()
        assert first["role"] == "combobox" and len(first["name"]) > 20, first
        page.keyboard.press("ArrowDown")
        second = _tab(page, tree)
        assert second["role"] == "combobox" and second["name"] != first["name"], (first, second)
        wait_for_record(record, lambda r: len(r["answers"]["level-scope"]["value"]) == 1)

        # the ratings: one Tab stop per competency, a named group, buttons with aria-pressed
        page.locator(".plc-rating button").first.focus()
        stops = [tree.focused()]
        stops += [_tab(page, tree) for _ in range(14)]
        assert all(s["role"] == "button" and ": 1 of 5" in s["name"] for s in stops), stops
        assert len({s["name"].split(":")[0] for s in stops}) == 15, "one stop per competency"
        assert _tab(page, tree)["name"] == "Keep these ratings"
        page.locator(".plc-rating button").first.focus()
        moved = _tab(page, tree, 2, key="ArrowRight")
        assert ": 3 of 5" in moved["name"] and moved["pressed"] == "false"
        page.keyboard.press("Space")
        wait_idle(page)
        page.wait_for_timeout(300)
        pressed = tree.focused()
        assert pressed["pressed"] == "true", pressed
        saved = wait_for_record(record, lambda r: "self-assessment" in r["answers"])
        assert list(saved["answers"]["self-assessment"]["value"].values()) == [3]
        # the row's one Tab stop is now its pressed button
        stops = page.evaluate("() => Array.from(document.querySelector('.plc-rating')"
                              ".querySelectorAll('button')).map(b => b.tabIndex)")
        assert stops == [-1, -1, 0, -1, -1]

        # the radar chart says what it shows
        assert any(name.startswith("Radar chart, My competencies today") for name in
                   tree.images()), tree.images()


def test_module_03_sliders_stop_once_each_and_charts_have_alt_text(tmp_path: Path) -> None:
    """Every slider is one Tab stop named after its initiative; charts carry alt text."""
    require_browser()
    workspace = tmp_path / "workspace"
    shutil.copytree(ROOT / "release" / DIRECTOR, workspace / DIRECTOR)
    record = workspace / DIRECTOR / "2-allocate-capacity.answers.json"
    with lab_session(workspace, settings=_SETTINGS) as (server, page):
        open_notebook(page, server, f"{DIRECTOR}/2-allocate-capacity.ipynb")
        run_all(page)
        assert error_outputs(page) == []
        tree = Tree(page)
        page.wait_for_function("() => document.querySelector('.plc-a11y-slider .noUi-handle')"
                               "?.hasAttribute('aria-label')", timeout=20_000)
        assert tree.unnamed_controls() == [], "\n".join(tree.unnamed_controls())
        sliders = page.locator(".plc-a11y-slider").count()
        ticks = page.locator(".plc-alloc-control input[type=checkbox]").count()
        assert sliders >= 3
        page.locator(".plc-a11y-slider .noUi-handle").first.focus()
        stops = [tree.focused()]
        stops += [_tab(page, tree) for _ in range(sliders + ticks - 1)]
        roles = [s["role"] for s in stops]
        assert roles == ["slider"] * sliders + ["checkbox"] * ticks, stops
        assert len({s["name"] for s in stops}) == len(stops), "each control its own name"
        assert all(s["name"].startswith("I" if s["role"] == "slider" else "Fund I")
                   for s in stops), stops
        assert _tab(page, tree)["name"] == "Save plan"

        # the keyboard moves a slider, and the plan is saved
        page.locator(".plc-a11y-slider .noUi-handle").first.focus()
        _tab(page, tree, 2, key="ArrowRight")
        wait_idle(page)
        wait_for_record(record, lambda r: r["answers"]["capacity-plan"]["value"]["I1"] == 2)

        images = tree.images()
        assert any(n.startswith("Line chart: the projected value") for n in images), images
        assert any(n.startswith("Bar chart: value") and "I1" in n for n in images), images
        assert _answers(record)["capacity-plan"]["value"]["I1"] == 2
