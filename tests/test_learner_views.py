"""What learners read, headless (issue 14): dashboards, tables, counts, drafts, start page."""

from __future__ import annotations

import json
import re
import shutil
import struct
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import course
import course.widgets.base as base
from autograder.nbg import ROOT
from course.answers import AnswerStore
from course.data import base as base_table
from course.home import SUMMARIES, next_lesson, write
from course.lesson import RERUN_NOTICE, rerun_notice, show_rerun_notice
from course.models._checks import plural
from course.models.allocation import AllocationScenario
from course.models.capstone import CapstoneScenario, Settings, simulate
from course.plots import year_chart
from course.progress import collect, curriculum
from course.tables import MISSING, styled
from course.widgets import AllocationPanel
from course.widgets.dashboard import KpiDashboard

LESSONS = ROOT / "materials" / "lessons"


@pytest.fixture(autouse=True)
def no_frontend(monkeypatch: pytest.MonkeyPatch) -> None:
    """Replace display calls of the widget base (there is no frontend here)."""
    monkeypatch.setattr(base, "display", lambda *a, **k: None)
    monkeypatch.setattr(base, "update_display", lambda *a, **k: None)
    monkeypatch.setattr(base, "get_ipython", lambda: object())


@pytest.fixture
def lesson(tmp_path: Path) -> course.Lesson:
    """Return a lesson whose answer record lives in a temporary folder."""
    return course.Lesson("09-test-module", "1-views", directory=tmp_path)


@pytest.fixture(scope="module")
def division() -> CapstoneScenario:
    """The capstone division built from the committed base data (the same for everybody)."""
    return CapstoneScenario.from_frames(
        base_table("m09_backlog"), base_table("m09_initiatives"), base_table("m09_funnel"),
        base_table("m09_users"), settings=Settings())


def _events() -> pd.DataFrame:
    """Return a small event log: users 1-4 smb in Feb, 5-8 ent in May.

    Users 1-4 all activate and reach the core action, user 1 upgrades; of users 5-8, 5 and
    6 activate, reach the core action and upgrade.
    """
    rows = []
    for user in range(1, 9):
        segment, date = ("smb", "2026-02-01") if user <= 4 else ("ent", "2026-05-01")
        steps = ["signup"]
        if user <= 4 or user in (5, 6):
            steps += ["activation", "core_action"]
        if user in (1, 5, 6):
            steps.append("upgrade")
        rows += [(user, segment, step, date) for step in steps]
    return pd.DataFrame(rows, columns=["user_id", "segment", "step", "date"])


def _png_width(data: bytes) -> int:
    """Return the pixel width in a PNG's header."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">I", data[16:20])[0]


# -- item 3: the capstone's dashboard ---------------------------------------------------


def test_event_log_dashboard_fills_every_panel(lesson: course.Lesson) -> None:
    """With events only, the default selection fills four panels with hand-checked rates."""
    dash = KpiDashboard(lesson, "d", _events(), diagnosis={"segment": ["smb", "ent"]})
    panels = dash._panels
    assert panels is not None and panels["funnel"] is not None
    segments, quarters = panels["by_segment"], panels["by_quarter"]
    assert segments.loc["smb"].tolist() == pytest.approx([1.0, 1.0, 0.25])
    assert segments.loc["ent"].tolist() == pytest.approx([0.5, 1.0, 1.0])
    assert list(quarters.index) == ["2026Q1", "2026Q2"]
    assert quarters.loc["2026Q2"].tolist() == pytest.approx([0.5, 1.0, 1.0])
    trend = panels["trend"]
    assert trend.loc["2026-02", "signups"] == 4 and trend.loc["2026-05", "activation"] == 0.5
    assert dash.metrics["core_action"] == 1.0


def test_dashboard_chart_is_drawn_at_twice_its_display_width(lesson: course.Lesson) -> None:
    """The chart PNG holds twice the pixels of the width it is shown at (sharp, not blurry)."""
    dash = KpiDashboard(lesson, "d", _events(), diagnosis={"segment": ["smb", "ent"]})
    dash.draw()
    shown = int(dash._chart.layout.max_width.removesuffix("px"))
    assert _png_width(dash._chart.value) == 2 * shown
    assert dash._chart.layout.width == "100%"


def test_capstone_dashboard_has_a_filled_target_column(lesson: course.Lesson,
                                                       division: CapstoneScenario) -> None:
    """The capstone's plan is the target of each step; every metric row states its target."""
    targets = division.targets()
    # shares 0.5/0.3/0.2; activation .50/.66/.72 -> .592; core action .64/.62/.68 of those
    # -> .643; upgrade .40/.48/.52 of those -> .457
    assert targets == pytest.approx({"activation": 0.592, "core_action": 0.643,
                                     "upgrade": 0.457}, abs=1e-3)
    dash = KpiDashboard(lesson, "d", division.events(), targets=targets,
                        diagnosis={"segment": ["smb"], "step": ["upgrade"]})
    rows = re.findall(r"<tr>(.*?)</tr>", dash._metrics_html.value)
    assert "<th>Target</th>" in rows[0]
    body = rows[1:]
    assert len(body) == 5  # users, activation, core action, upgrade, overall
    assert all(row.count("<td") == 3 for row in body)
    assert sum("at least" in row for row in body) == 3
    assert all("no target set" in row for row in body if "at least" not in row)
    assert all(dash._panels[k] is not None for k in ("funnel", "by_segment", "by_quarter",
                                                     "trend"))


def test_dashboard_without_targets_has_no_empty_target_column(lesson: course.Lesson) -> None:
    """No targets: no Target column at all, rather than an empty one."""
    dash = KpiDashboard(lesson, "d", _events(), diagnosis={"segment": ["smb", "ent"]})
    assert "Target" not in dash._metrics_html.value


# -- item 12: the diagnosis says when it is not saved; a draft survives a re-run ---------


def test_diagnosis_change_says_not_saved_until_saved(lesson: course.Lesson) -> None:
    """A changed drop-down no longer reads as saved: it says "not saved yet" until Save."""
    dash = KpiDashboard(lesson, "d", _events(),
                        diagnosis={"segment": ["smb", "ent"], "step": ["upgrade", "activation"]})
    dash._choices["segment"].value = "ent"
    assert dash.status.startswith("unsaved") and "choose a step" in dash.status
    dash._choices["step"].value = "upgrade"
    assert dash.status.startswith("unsaved") and "press Save diagnosis" in dash.status
    dash.save_diagnosis()
    assert dash.status.startswith("saved")
    dash._choices["segment"].value = "smb"
    assert dash.status.startswith("unsaved") and "(ent, upgrade) is kept" in dash.status
    assert lesson.saved("d").value == {"segment": "ent", "step": "upgrade"}
    dash._choices["segment"].value = "ent"
    assert dash.status.startswith("saved")


def _small() -> AllocationScenario:
    frame = pd.DataFrame({"title": ["Alpha", "Beta"], "min_units": [2, 1],
                          "max_units": [4, 2], "value": [100.0, 80.0], "decay": [0.5, 1.0]},
                         index=pd.Index(["A", "B"], name="id"))
    return AllocationScenario.from_frame(frame, capacity=4, unit="engineers")


def test_rerun_keeps_an_infeasible_draft_and_says_so(lesson: course.Lesson,
                                                     tmp_path: Path) -> None:
    """A re-run shows the learner's infeasible draft, and the status says it is not saved."""
    panel = AllocationPanel(lesson, "plan", _small())
    panel.plan = {"A": 2}
    panel.set_units("A", 1)  # below A's minimum: a draft only
    assert "breaks 1 rule," in panel.status and "constraint(s)" not in panel.status
    again = AllocationPanel(course.Lesson("09-test-module", "1-views", directory=tmp_path),
                            "plan", _small())
    assert again.draft == {"A": 1, "B": 0} and again.value == {"A": 2, "B": 0}
    assert again.status.startswith("invalid")
    assert "last draft is back on screen" in again.status and "saved plan is kept" in again.status


# -- item 5: counts and the Q4 team ----------------------------------------------------------


@pytest.mark.parametrize("number, noun, expected", [
    (1, "engineers", "1 engineer"), (2, "engineers", "2 engineers"), (0, "item", "0 items"),
    (1, "squads", "1 squad"), (3, "saved answer", "3 saved answers"), (1, "rule", "1 rule"),
])
def test_plural(number: int, noun: str, expected: str) -> None:
    """Counts agree with their noun: never "1 engineers"."""
    assert plural(number, noun) == expected


def test_violation_says_one_engineer() -> None:
    """A plan one engineer short of a minimum says "1 engineer", not "1 engineers"."""
    (message,) = _small().evaluate({"A": 1}).violations
    assert "has 1 engineer, below its minimum of 2" in message


def test_no_learner_message_source_says_s_in_parentheses() -> None:
    """No learner-facing string in the course package writes "(s)" after a count."""
    found = [f"{p.name}:{n}" for p in (ROOT / "course").rglob("*.py")
             for n, line in enumerate(p.read_text().splitlines(), 1)
             if re.search(r"\b[a-z]+\(s\)(?! for)", line)
             and not line.lstrip().startswith("#")]
    assert found == []


def test_q4_team_is_the_one_planned_with(division: CapstoneScenario) -> None:
    """Q4 is worked by the engineers the Q4 allocation had, two fewer than Q3's (the shift)."""
    year = simulate(division)
    team = year.team()
    q4 = division.allocation(4, year.state("Q3").engineers, year.state("Q3").tech_debt)
    assert team["Q4"] == q4.capacity == year.state("Q3").engineers - 2
    assert team["Q3"] == year.state("Q2").engineers
    # after Q4 the shift's loss is kept: the end-of-year team is the Q4 team less morale
    morale_loss = 0 if year.state("Q4").morale >= 60 else 1 if year.state("Q4").morale >= 50 else 2
    assert year.state("Q4").engineers == team["Q4"] - morale_loss


def test_year_chart_plots_the_team_of_each_quarter(division: CapstoneScenario) -> None:
    """The team panel's engineers line is the team of each quarter, labelled as such."""
    year = simulate(division)
    figure = year_chart(year)
    twin = figure.axes[-1]
    (line,) = [ln for ln in twin.get_lines() if ln.get_label().startswith("engineers")]
    assert list(line.get_ydata()) == list(year.team().to_numpy())
    assert "working in the quarter" in line.get_label()


# -- item 4: tables for reading ----------------------------------------------------------------


def test_styled_reads_well() -> None:
    """Headers readable with the column name beneath, "none" for gaps, shares as %."""
    frame = pd.DataFrame({"min_units": [2, 3], "requires": [np.nan, "I3"], "decay": [0.8, 0.85],
                          "retention": [0.812, 0.845], "note": ["", "x"]},
                         index=pd.Index(["I1", "I2"], name="id"))
    page = styled(frame, {"min_units": "Min engineers if funded"},
                  percent=["retention"]).to_html()
    assert "Min engineers if funded<br><code>min_units</code>" in page
    assert "Requires<br><code>requires</code>" in page
    assert "NaN" not in page and page.count(f">{MISSING}<") == 2
    assert "81.2%" in page and "84.5%" in page
    assert "0.85<" in page and ">2<" in page
    assert "overflow-x:auto" in page.replace(" ", "")
    assert frame.loc["I1", "note"] == "", "the frame itself is unchanged"


def test_styled_ids_read_as_names_and_long_text_wraps() -> None:
    """An id keeps its digits together (100081), a count gets separators, prose wraps."""
    frame = pd.DataFrame({"user_id": [100081, 100082], "users": [12500, 3],
                          "comment": ["short", "a long comment that runs well past forty "
                                               "characters of text"]})
    page = styled(frame).to_html()
    assert ">100081<" in page and "100,081" not in page
    assert ">12,500<" in page
    css = page.split("</style>")[0].replace(" ", "")
    assert "white-space:normal" in css and "max-width:28em" in css
    short = styled(frame.assign(comment="short")).to_html()
    assert "max-width:28em" not in short.split("</style>")[0].replace(" ", "")


def test_capstone_tables_name_their_units(division: CapstoneScenario) -> None:
    """The year table shows units in every header and retention to 0.1 percentage point."""
    page = styled(simulate(division).table()).to_html()
    start = styled(simulate(division).table().loc[["start", "Q1"]]).to_html()
    assert "Sign-ups (thousands)" in start and "85.0%" in start, "a slice keeps its headers"
    for label in ("Sign-ups (thousands)", "Revenue ($k/quarter)", "Tech debt (0-100)",
                  "Retention (% kept)"):
        assert label in page
    assert "85.0%" in page and "NaN" not in page


def test_q3_brief_names_only_columns_the_table_has(division: CapstoneScenario) -> None:
    """Every `column` the Q3 brief names is in the Q3 table, and there is no unit_cost of 0."""
    text = (LESSONS / "09-capstone" / "1-a-year-as-director.py").read_text()
    brief = text.split('grade_id="q3-intro"')[1].split("# %%")[0]
    named = set(re.findall(r"`([a-z_]+)`", brief))
    q3 = division.allocation(3, 12, 40)
    table = division.plan_table(q3)
    assert {"value", "decay", "fixed_cost", "requires", "debt_per_unit"} <= named
    assert named <= set(table.columns), named - set(table.columns)
    assert "unit_cost" not in table.columns
    assert table.loc["I1", "debt_per_unit"] == 6
    page = styled(table).to_html()
    assert "Debt paid down per engineer (points)" in page and "NaN" not in page


def test_lessons_show_styled_tables() -> None:
    """The capstone and the allocation lessons show their data tables through styled()."""
    for relative, count in (("09-capstone/1-a-year-as-director.py", 6),
                            ("03-director/2-allocate-capacity.py", 1),
                            ("05-cpo/2-market-shift.py", 1)):
        text = (LESSONS / relative).read_text()
        assert text.count("styled(") >= count, relative
        assert ".round(" not in text, relative


# -- item 7: the notice of a reopened notebook ----------------------------------------------


def test_rerun_notice_is_one_line_hidden_by_a_live_widget() -> None:
    """The notice names Run All Cells; the widget's style hides exactly its class."""
    bundle, css = rerun_notice("09-capstone", "1-a-year-as-director")
    assert css == "plc-rerun-09-capstone-1-a-year-as-director"
    assert f'class="plc-rerun {css}"' in bundle["text/html"]
    assert "Run All Cells" in RERUN_NOTICE and "\n" not in RERUN_NOTICE


def test_rerun_notice_is_not_shown_outside_a_kernel(capsys: pytest.CaptureFixture[str]) -> None:
    """A script or test calling course.start prints its one line and no notice."""
    show_rerun_notice("09-capstone", "1-a-year-as-director")
    assert capsys.readouterr().out == ""


# -- item 6: the start page ---------------------------------------------------------------------


def test_every_module_has_a_summary() -> None:
    """The start page says what every module teaches."""
    modules = {p.name for p in LESSONS.iterdir() if p.is_dir()}
    assert modules == set(SUMMARIES)


def test_start_page_lists_modules_progress_and_where_to_begin(tmp_path: Path) -> None:
    """START.ipynb lists each module with links and progress, and points at the next lesson."""
    for module in ("00-product-ladder", "01-product-manager"):
        shutil.copytree(ROOT / "release" / module, tmp_path / module)
    page = json.loads(write(tmp_path).read_text())
    text = "\n".join(c["source"] for c in page["cells"] if c["cell_type"] == "markdown")
    assert "Start with **Module 00 · The product ladder**" in text
    assert "(00-product-ladder/1-the-ladder.ipynb)" in text
    assert "(01-product-manager/2-prioritize-and-measure.ipynb)" in text
    assert SUMMARIES["01-product-manager"] in text
    assert "| 0 of " in text
    # answer module 00's exercises: the page moves on to module 01 and counts them
    store = AnswerStore(tmp_path / "00-product-ladder", "00-product-ladder", "1-the-ladder")
    for entry in curriculum()["exercises"]:
        if entry["module"] == "00-product-ladder" and entry["source"] == "record":
            store.save(entry["record"], {"placeholder": 1})
    progress = collect(tmp_path)
    found = {"00-product-ladder": ["1-the-ladder"], "01-product-manager": ["1-the-role"]}
    assert next_lesson(progress, found) in (("00-product-ladder", "1-the-ladder"),
                                            ("01-product-manager", "1-the-role"))
    text = "\n".join(c["source"] for c in json.loads(write(tmp_path).read_text())["cells"]
                     if c["cell_type"] == "markdown")
    assert "You have answered" in text and "Start with" not in text
