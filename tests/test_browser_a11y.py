"""A keyboard-only learner in a real JupyterLab: every control is named, sliders stop once.

Module 00 is worked with the keyboard alone (Tab, arrows, Space, typing): the focus is put
on each widget's first control (moving between cells is JupyterLab's, not the course's),
and from there on only keys are pressed. Each control the focus lands on is read back from
chromium's accessibility tree (CDP ``Accessibility``), so the names are the ones a screen
reader announces. Module 03 checks the sliders (one Tab stop each, named after their
initiative) and the alt text of its charts, the KPI dashboard's included.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pandas as pd
import pytest

import course
from autograder.nbg import ROOT
from course.data import load
from course.models.allocation import AllocationScenario
from course.plots import describe, funnel_chart, radar_chart, value_curves
from course.plots_kpi import dashboard_figure, nps_chart, retention_heatmap, trend_chart
from course.widgets import (
    AllocationPanel,
    Buckets,
    Choice,
    CompetencyRatings,
    Matching,
    RaciGrid,
    RankingBoard,
)
from course.widgets.a11y import A11Y_HOOK, RATING_CLASS, ROW_CLASS, ROW_LABEL, SLIDER_CLASS
from course.widgets.dashboard import KpiDashboard
from tests.browser import (
    error_outputs,
    lab_session,
    open_notebook,
    require_browser,
    run_all,
    wait_for_record,
    wait_idle,
)

LADDER, PM, DIRECTOR = "00-product-ladder", "01-product-manager", "03-director"
COLLAB = "07-collaboration"
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


def _run(page: Any, server: Any, notebook: str, ready: str) -> Tree:
    """Open ``notebook``, run it all without errors, wait until ``ready`` (JS) holds."""
    open_notebook(page, server, notebook)
    run_all(page)
    assert error_outputs(page) == []
    page.wait_for_function(ready, timeout=20_000)
    return Tree(page)


def _answers(path: Path) -> dict[str, Any]:
    """Return the answers of an answer record, {} before it exists."""
    return json.loads(path.read_text())["answers"] if path.exists() else {}


@pytest.mark.browser
@pytest.mark.xdist_group("browser")
def test_module_00_by_keyboard_alone_with_names_from_the_accessibility_tree(
        tmp_path: Path) -> None:
    """Ranking, matching and rating widgets are named, reachable and usable by keyboard."""
    require_browser()
    workspace = tmp_path / "workspace"
    shutil.copytree(ROOT / "release" / LADDER, workspace / LADDER)
    record = workspace / LADDER / "1-the-ladder.answers.json"
    with lab_session(workspace, settings=_SETTINGS) as (server, page):
        tree = _run(page, server, f"{LADDER}/1-the-ladder.ipynb",
                    "() => document.querySelector('.plc-answer-widget')"
                    "?.hasAttribute('data-lm-suppress-shortcuts')")
        assert tree.unnamed_controls() == [], "\n".join(tree.unnamed_controls())

        live = page.evaluate("() => Array.from(document.querySelectorAll("
                             "'.plc-status-line > .widget-html-content')).map(e => e.role)")
        assert live and set(live) == {"status"}, "status lines are polite live regions"

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


#: module 01's worst-step question: option text -> the id its answer saves
_WORST_STEP = {"sign-up \u2192 activation": "activation",
               "activation \u2192 core action": "core_action",
               "core action \u2192 upgrade": "upgrade"}

_RADIO_GROUP_JS = """(css) => {
  const box = document.querySelector(css + ' .widget-radio-box');
  return {role: box.getAttribute('role'), label: box.getAttribute('aria-label'),
          names: Array.from(box.querySelectorAll('input')).map(i => i.name),
          checked: Array.from(box.querySelectorAll('label'))
                        .filter(l => l.querySelector('input').checked).map(l => l.textContent)};
}"""


@pytest.mark.browser
@pytest.mark.xdist_group("browser")
def test_choices_are_radio_groups_and_raci_menus_work_by_keyboard(tmp_path: Path) -> None:
    """A Choice is one named radio group (one Tab stop, arrows choose); RACI menus by keys."""
    require_browser()
    workspace = tmp_path / "workspace"
    for module in (PM, COLLAB):
        shutil.copytree(ROOT / "release" / module, workspace / module)
    funnel = workspace / PM / "2-prioritize-and-measure.answers.json"
    raci = workspace / COLLAB / "1-working-across-levels.answers.json"
    with lab_session(workspace, settings=_SETTINGS) as (server, page):
        css = ".plc-choice-funnel-worst-step"
        tree = _run(page, server, f"{PM}/2-prioritize-and-measure.ipynb",
                    f"() => document.querySelector('{css} .widget-radio-box')"
                    "?.getAttribute('role') === 'radiogroup'")
        group = page.evaluate(_RADIO_GROUP_JS, css)
        assert group["label"] == "funnel worst step", group
        assert len(set(group["names"])) == 1 and group["names"][0], "one group, one name"
        assert group["checked"] == []
        page.locator(f"{css} input").first.focus()
        first = tree.focused()
        assert first["role"] == "radio" and first["name"] in _WORST_STEP, first
        page.keyboard.press("ArrowDown")
        chosen = tree.focused()
        assert chosen["role"] == "radio" and chosen["name"] not in ("", first["name"]), chosen
        assert page.evaluate(_RADIO_GROUP_JS, css)["checked"] == [chosen["name"]]
        wait_for_record(funnel, lambda r: r["answers"]["funnel-worst-step"]["value"]
                        == _WORST_STEP[chosen["name"]])
        # Tab leaves the question: the group was a single stop
        assert _tab(page, tree)["name"] not in _WORST_STEP
        assert tree.unnamed_controls() == [], "\n".join(tree.unnamed_controls())

    # a lab of its own: after a first notebook, JupyterLab left the second one's widget
    # views unrendered in some runs (a fresh clone), which is not what this test is about
    with lab_session(workspace, settings=_SETTINGS) as (server, page):
        tree = _run(page, server, f"{COLLAB}/1-working-across-levels.ipynb",
                    "() => document.querySelector('.plc-raci-cell select')"
                    "?.hasAttribute('aria-label')")
        page.locator(".plc-raci-cell select").first.focus()
        cell = tree.focused()
        assert cell["role"] == "combobox" and ": " in cell["name"], cell
        page.keyboard.press("ArrowDown")
        saved = wait_for_record(raci, lambda r: any(
            letter for row in r["answers"]["raci"]["value"].values() for letter in row.values()))
        assert [v for row in saved["answers"]["raci"]["value"].values()
                for v in row.values() if v] == ["R"]
        beside = _tab(page, tree)
        assert beside["role"] == "combobox" and beside["name"] != cell["name"]
        assert beside["name"].split(":")[0] == cell["name"].split(":")[0], "same decision"
        assert tree.unnamed_controls() == [], "\n".join(tree.unnamed_controls())


@pytest.mark.browser
@pytest.mark.xdist_group("browser")
def test_module_03_sliders_stop_once_each_and_charts_have_alt_text(tmp_path: Path) -> None:
    """Every slider is one Tab stop named after its initiative; charts carry alt text."""
    require_browser()
    workspace = tmp_path / "workspace"
    shutil.copytree(ROOT / "release" / DIRECTOR, workspace / DIRECTOR)
    record = workspace / DIRECTOR / "2-allocate-capacity.answers.json"
    with lab_session(workspace, settings=_SETTINGS) as (server, page):
        tree = _run(page, server, f"{DIRECTOR}/2-allocate-capacity.ipynb",
                    "() => document.querySelector('.plc-a11y-slider .noUi-handle')"
                    "?.hasAttribute('aria-label')")
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



@pytest.mark.browser
@pytest.mark.xdist_group("browser")
def test_module_03_dashboard_chart_has_alt_text_with_its_numbers(tmp_path: Path) -> None:
    """The KPI dashboard's chart image carries alt text naming its panels and values."""
    require_browser()
    workspace = tmp_path / "workspace"
    shutil.copytree(ROOT / "release" / DIRECTOR, workspace / DIRECTOR)
    with lab_session(workspace, settings=_SETTINGS) as (server, page):
        tree = _run(page, server, f"{DIRECTOR}/3-kpi-dashboard.ipynb",
                    "() => (document.querySelector('img.plc-dash-chart')?.alt || '')"
                    ".startsWith('Dashboard')")
        assert any(n.startswith("Dashboard") and "Funnel:" in n for n in tree.images())
        assert tree.unnamed_controls() == [], "\n".join(tree.unnamed_controls())

# -- without a browser: where each control's name comes from --------------------------------

#: controls a learner operates, and whether ipywidgets puts their tooltip in the page
_OPERATED = (widgets.Dropdown, widgets.Select, widgets.IntText, widgets.BoundedIntText,
             widgets.IntSlider, widgets.ToggleButtons, widgets.Checkbox, widgets.RadioButtons)


def _controls(root: widgets.Widget) -> list[tuple[widgets.Widget, widgets.Widget | None]]:
    """Return every operated control under ``root`` with the box directly holding it."""
    found, stack = [], [(root, None)]
    while stack:
        widget, parent = stack.pop()
        if isinstance(widget, _OPERATED):
            found.append((widget, parent))
        stack.extend((child, widget) for child in getattr(widget, "children", ()))
    return found


def _named(control: widgets.Widget, parent: widgets.Widget | None) -> bool:
    """Whether ``control`` gets an accessible name (see course.widgets.a11y for how)."""
    if getattr(control, "description", ""):
        return True  # ipywidgets' <label for>
    if parent is not None and ROW_CLASS in parent._dom_classes:
        labels = [c for c in parent.children if ROW_LABEL in c._dom_classes]
        return len(labels) == 1 and bool(str(labels[0].value).strip())
    if isinstance(control, widgets.IntSlider):
        return SLIDER_CLASS in control._dom_classes and bool(control.tooltip)
    if isinstance(control, widgets.ToggleButtons):
        return RATING_CLASS in control._dom_classes and bool(control.tooltip)
    return isinstance(control, (widgets.Dropdown, widgets.Select, widgets.RadioButtons)) and \
        bool(control.tooltip)


def _events() -> pd.DataFrame:
    """Return a small funnel log: two segments, two quarters."""
    rows = []
    for user in range(40):
        steps = ["signup", "activation", "core_action", "upgrade"][: 1 + user % 4]
        for step in steps:
            rows.append({"user_id": user, "step": step, "segment": "smb" if user % 2 else "ent",
                         "date": f"2026-{1 + user % 6:02d}-1{user % 9}"})
    return pd.DataFrame(rows)


def _widgets(lesson: course.Lesson) -> list[widgets.Widget]:
    """Return one of every course widget, built on course data."""
    levels = load("m00_levels")
    scenario = AllocationScenario.from_frame(
        load("m05_portfolio"), capacity=15, value_column="value_after", unit="squads",
        value_unit="value points")
    backlog = pd.DataFrame({"title": ["Search", "Export", "SSO"], "effort": [3, 2, 5]},
                           index=["B1", "B2", "B3"])
    return [
        RankingBoard(lesson, "ranking", backlog, capacity=6),
        RankingBoard(lesson, "ladder", levels),
        Matching(lesson, "match", rows={"S1": "Runs <b>one</b> product", "S2": "Owns strategy"},
                 options={"pm": "Product Manager", "cpo": "CPO"}),
        Choice(lesson, "choice", ["yes", "no"], prompt="Is it <i>fair</i>?"),
        Buckets(lesson, "buckets", backlog, {"must": "Must", "should": "Should",
                                             "could": "Could", "wont": "Won't"}),
        RaciGrid(lesson, "raci", {"D1": "Set the roadmap"}, {"pm": "PM", "dir": "Director"}),
        CompetencyRatings(lesson, "ratings"),
        AllocationPanel(lesson, "plan", scenario),
        KpiDashboard(lesson, "diagnosis", _events()),
    ]


@pytest.mark.usefixtures("shown")
def test_every_control_of_every_widget_has_a_source_for_its_name(tmp_path: Path) -> None:
    """Each operated control has a description, a labelled row, or a tooltip that is used."""
    lesson = course.Lesson(LADDER, "1-the-ladder", directory=tmp_path)
    for widget in _widgets(lesson):
        controls = _controls(widget)
        assert controls, type(widget).__name__
        unnamed = [type(c).__name__ for c, parent in controls if not _named(c, parent)]
        assert unnamed == [], f"{type(widget).__name__}: {unnamed}"
        assert A11Y_HOOK in widget._status_line.value, "the status line carries the script"


@pytest.mark.usefixtures("shown")
def test_rows_name_their_controls_after_the_visible_text(tmp_path: Path) -> None:
    """A matching menu is named after its statement; a slider after its initiative."""
    lesson = course.Lesson(LADDER, "1-the-ladder", directory=tmp_path)
    matching = Matching(lesson, "match", rows={"S1": "Runs <b>one</b> product"},
                        options=["pm", "cpo"])
    ((menu, row),) = _controls(matching)
    assert menu.tooltip == "Runs one product"
    assert [c.value for c in row.children if ROW_LABEL in c._dom_classes] == [
        "Runs <b>one</b> product"]
    panel = _widgets(lesson)[7]
    names = [c.tooltip for c, _ in _controls(panel) if isinstance(c, widgets.IntSlider)]
    assert names and all(": squads" in n for n in names) and len(set(names)) == len(names)
    ticks = [c.description for c, _ in _controls(panel) if isinstance(c, widgets.Checkbox)]
    assert all(t.startswith("Fund ") and len(t) > 5 for t in ticks)


def test_the_script_names_sliders_ratings_and_chart_images() -> None:
    """The hook holds the selectors it fixes, escaped for an HTML attribute."""
    for part in (f".{SLIDER_CLASS}", f".{RATING_CLASS}", "aria-pressed", "aria-label",
                 "tabindex", "data-lm-suppress-shortcuts", "plc-chart-alt", "role"):
        assert part in A11Y_HOOK, part
    assert "//" not in A11Y_HOOK, "the script is joined into one line: no // comments"
    assert A11Y_HOOK.startswith('<img src="data:,"') and "'" not in A11Y_HOOK.split('"')[0]
    assert '"' not in A11Y_HOOK.split('onerror="', 1)[1][:-2], "quotes are escaped"


@pytest.mark.usefixtures("shown")
def test_dashboard_chart_alt_text_states_the_numbers(tmp_path: Path) -> None:
    """The dashboard's chart alt text names its panels and their values once drawn."""
    lesson = course.Lesson(LADDER, "1-the-ladder", directory=tmp_path)
    dash = KpiDashboard(lesson, "diagnosis", _events())
    dash.draw()
    assert dash.chart_alt.startswith("Dashboard")
    assert "Funnel: signup 40 users" in dash.chart_alt
    assert "Step conversion by segment: ent" in dash.chart_alt
    assert dash.chart_alt in dash._chart_alt.value.replace("&#x27;", "'")
    dash.select(segment="smb")
    assert "signup 20 users" in dash.chart_alt


def test_chart_helpers_say_what_they_show() -> None:
    """Each chart helper's alt text states its data, not just its title."""
    funnel = pd.DataFrame({"users": [100, 40], "step_conversion": [1.0, 0.4]},
                          index=["signup", "activation"])
    assert "activation 40 (40%)" in describe(funnel_chart(funnel))
    radar = describe(radar_chart({"a": 3}, labels={"a": "Alpha", "b": "Beta"},
                                 compare={"a": 4, "b": 5}))
    assert "you: Alpha 3, Beta not rated" in radar and "target: Alpha 4, Beta 5" in radar
    scenario = AllocationScenario.from_frame(
        load("m05_portfolio"), capacity=15, value_column="value_after", unit="squads",
        value_unit="value points")
    assert "The most each can give:" in describe(value_curves(scenario))
    table = pd.DataFrame({0: [1.0, 1.0], 1: [0.8, 0.9]}, index=["2026-01", "2026-02"])
    assert "month 1 85%" in describe(retention_heatmap(table))
    assert "smb +10, ent -20" in describe(nps_chart(pd.Series({"smb": 10.0, "ent": -20.0})))
    trend = pd.DataFrame({"signups": [5, 9], "churn": [0.02, 0.05]}, index=["2026-01", "2026-02"])
    assert "churn from 2.0% to 5.0%" in describe(trend_chart(trend))
    empty = describe(dashboard_figure(None, None, None, None, title="All"))
    assert empty.count("no data for this selection") == 4
