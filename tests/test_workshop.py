"""The facilitator's tools: a roster into teams, team folders, and the results board.

The board is built from team folders whose answer records were written by the real course
widgets (headless, as in tests/test_widgets.py) or the answer store; expected points come
from :func:`autograder.scoring.grade.grade` and expected outcomes from the scenario model.
"""

from __future__ import annotations

import csv
import html
import math
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import course
import course.widgets.base as widget_base
from autograder.cli import main, parser
from autograder.nbg import copy_course
from autograder.reports.workshop import (
    MAX_SIZE,
    MIN_SIZE,
    NOT_ANSWERED,
    Member,
    WorkshopError,
    form_teams,
    read_board,
    read_roster,
    set_up,
    team_variant,
    write_board,
)
from autograder.scoring.catalog import all_exercises, get
from autograder.scoring.grade import grade
from course.answers import AnswerStore
from course.data import figure, load
from course.models.allocation import AllocationScenario
from course.variants import DEFAULT_SEED, FOLDER_FILE, Variant, active
from course.widgets import AllocationPanel, Matching

MODULE = "03-director"
PLAN_KEY, MATCH_KEY, KPI_KEY = (f"{MODULE}/capacity-plan", f"{MODULE}/specialisation",
                                f"{MODULE}/kpi-diagnosis")
#: a feasible plan for lesson 2's division (24 engineers, 250 $k): 21 engineers, 200 $k
PLAN = {"I1": 4, "I2": 6, "I3": 3, "I4": 5, "I6": 3}


def _roster(folder: Path, text: str | bytes, name: str = "roster.csv") -> Path:
    """Write a roster file (text as UTF-8, bytes as they are) and return its path."""
    path = folder / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def _people(count: int, departments: list[str] | None = None) -> list[Member]:
    """Return ``count`` members, departments dealt in blocks (the worst order for mixing)."""
    departments = departments or ["Eng"] * count
    return [Member(f"Person {i:02d}", i + 2, {"department": departments[i],
                                              "level": ("junior", "mid", "senior")[i % 3]})
            for i in range(count)]


def _assignment(teams: list) -> dict[str, str]:
    """Return ``{name: team}`` for a list of teams."""
    return {m.name: t.name for t in teams for m in t.members}


@pytest.fixture(scope="module")
def course_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A temporary course copy, with a stray answer record planted in its release folder."""
    root = copy_course(tmp_path_factory.mktemp("course") / "course")
    stray = AnswerStore(root / "release" / MODULE, MODULE, "2-allocate-capacity")
    stray.save("capacity-plan", PLAN)  # must never reach a team folder
    return root


# -- the roster -----------------------------------------------------------------------------


def test_roster_tolerates_bom_blank_lines_and_spaces(tmp_path: Path) -> None:
    """A BOM, blank lines, spaces around cells and header case are all accepted."""
    path = _roster(tmp_path, "\ufeff Name , Department,LEVEL\n\n  Ada  Lovelace , Eng ,senior\n"
                             ",,\nBob, Design,mid\r\n\nCy,Eng,\n")
    members = read_roster(path)
    assert [m.name for m in members] == ["Ada Lovelace", "Bob", "Cy"]
    assert members[0].details == {"department": "Eng", "level": "senior"}
    assert [m.row for m in members] == [3, 5, 7]
    renamed = read_roster(_roster(tmp_path, "name,team\nAda,Core\nBob,Core\nCy,Web\n", "t.csv"))
    assert renamed[0].details == {"team_hint": "Core"}, "a roster's own team column is a hint"


@pytest.mark.parametrize(("content", "expected"), [
    ("who,department\nAda,Eng\nBob,Eng\nCy,Eng\n", ["no 'name' column", "who, department"]),
    ("name\nAda\nBob\nada\nCy\n", ["'Ada' appears on rows 2 and 4", "unique"]),
    ("name\nAda\n\nBob\n", ["2 people", "at least 3"]),
    ("", ["is empty", "'name' column"]),
    ("\n\n", ["is empty"]),
    ("name,department\nAda,Eng\n,Design\nBob,Eng\nCy,Eng\n", ["row 3 has no name"]),
    ("name\nLovelace, Ada\nBob\nCy\nDee\n", ["row 2 has 2 cells", "double quotes"]),
    (b"name\nJos\xe9\nBob\nCy\n", ["not UTF-8", "CSV UTF-8"]),
    ("name,team\nAda,a\nBob,b\nBob,c\n,x\n",
     ["'Bob' appears on rows 3 and 4", "row 5 has no name"]),
], ids=["no-name-column", "duplicate", "too-few", "empty", "blank-only", "empty-name",
        "extra-cells", "not-utf8", "several-problems"])
def test_bad_rosters_are_refused_with_a_specific_message(tmp_path: Path, content: str | bytes,
                                                          expected: list[str]) -> None:
    """Each kind of bad roster is refused with a message naming the problem and the row."""
    with pytest.raises(WorkshopError) as refused:
        read_roster(_roster(tmp_path, content))
    for text in expected:
        assert text in str(refused.value)


def test_missing_roster_file_says_what_to_give(tmp_path: Path) -> None:
    """A roster path that does not exist is refused with what to pass instead."""
    with pytest.raises(WorkshopError, match="no roster at .*'name' column"):
        read_roster(tmp_path / "nope.csv")


@pytest.mark.parametrize("size", [2, 6])
def test_team_size_outside_three_to_five_is_refused(size: int) -> None:
    """--size must be 3, 4 or 5."""
    with pytest.raises(WorkshopError, match="choose --size 3, 4 or 5"):
        form_teams(_people(12), size=size)


# -- teams ----------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [3, 4, 5])
def test_teams_for_rosters_of_three_to_twenty_three(size: int) -> None:
    """3..23 people: teams of 3-5, balanced, everyone once, nearest size, seeded."""
    for count in range(3, 24):
        members = _people(count)
        teams = form_teams(members, size=size, seed=11)
        sizes = [len(t.members) for t in teams]
        assert all(MIN_SIZE <= s <= MAX_SIZE for s in sizes), (count, sizes)
        assert max(sizes) - min(sizes) <= 1, (count, sizes)
        assert sorted(m.name for t in teams for m in t.members) == sorted(
            m.name for m in members)
        possible = [k for k in range(1, count + 1)
                    if math.ceil(count / k) <= MAX_SIZE and count // k >= MIN_SIZE]
        best = min(abs(count / k - size) for k in possible)
        assert abs(count / len(teams) - size) == best, (count, sizes)
        assert len({t.name for t in teams}) == len(teams)
        again = form_teams(list(members), size=size, seed=11)
        assert _assignment(again) == _assignment(teams)


def test_another_seed_deals_other_teams() -> None:
    """The seed matters: two seeds deal twenty people differently."""
    members = _people(20)
    assert _assignment(form_teams(members, seed=1)) != _assignment(form_teams(members, seed=2))


@pytest.mark.parametrize("seed", range(1, 6))
def test_departments_and_levels_are_spread(seed: int) -> None:
    """No team holds more than its share of a department; each team mixes departments."""
    departments = ["Eng"] * 7 + ["Design"] * 4 + ["Sales"] * 3 + ["Product"] * 3
    members = _people(len(departments), departments)
    teams = form_teams(members, seed=seed)
    per_department = Counter(departments)
    for team in teams:
        held = Counter(m.details["department"] for m in team.members)
        for department, count in held.items():
            assert count <= math.ceil(per_department[department] / len(teams)), (team, held)
        assert len(held) >= 2, team
    # with levels only, the levels are spread the same way
    only_levels = [Member(m.name, m.row, {"level": m.details["level"]}) for m in members]
    for team in form_teams(only_levels, seed=seed):
        held = Counter(m.details["level"] for m in team.members)
        assert max(held.values()) <= math.ceil(len(members) / 3 / len(teams))


# -- team folders ---------------------------------------------------------------------------


def test_set_up_gives_every_team_the_release(course_root: Path, tmp_path: Path) -> None:
    """teams.csv lists everyone once; every team folder holds the released notebooks only."""
    names = [f"Person {i}" for i in range(10)]
    roster = _roster(tmp_path, "name,department\n" + "".join(
        f"{n},{'AB'[i % 2]}\n" for i, n in enumerate(names)))
    out = tmp_path / "ws"
    teams = set_up(course_root, roster, MODULE, out)
    with open(out / "teams.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert sorted(r["name"] for r in rows) == sorted(names)
    assert {r["name"]: r["team"] for r in rows} == _assignment(teams)
    assert {r["name"]: r["department"] for r in rows} == {n: "AB"[i % 2]
                                                          for i, n in enumerate(names)}
    release = course_root / "release" / MODULE
    notebooks = sorted(p.name for p in release.glob("*.ipynb"))
    assert list(release.glob("*.answers.json")), "the planted record is there to be left out"
    for team in teams:
        folder = out / team.name / MODULE
        assert sorted(p.name for p in folder.iterdir()) == sorted([*notebooks, FOLDER_FILE])
        assert team_variant(folder).id == team_variant(out / teams[0].name / MODULE).id
        for name in notebooks:
            assert (folder / name).read_bytes() == (release / name).read_bytes()


def test_set_up_one_notebook_only(course_root: Path, tmp_path: Path) -> None:
    """--notebook hands out that notebook alone (with or without .ipynb)."""
    roster = _roster(tmp_path, "name\nAda\nBob\nCy\n")
    teams = set_up(course_root, roster, MODULE, tmp_path / "ws", notebook="2-allocate-capacity")
    assert sorted(p.name for p in (tmp_path / "ws" / teams[0].name / MODULE).iterdir()) == [
        "2-allocate-capacity.ipynb", FOLDER_FILE]
    with pytest.raises(WorkshopError, match="no notebook 'nine'; it has: 1-the-director"):
        set_up(course_root, roster, MODULE, tmp_path / "other", notebook="nine")


def test_set_up_refuses_to_overwrite_and_force_moves_aside(course_root: Path,
                                                           tmp_path: Path) -> None:
    """A second run refuses and keeps the teams' answers; --force moves them aside."""
    roster = _roster(tmp_path, "name\nAda\nBob\nCy\nDee\n")
    out = tmp_path / "ws"
    (team,) = set_up(course_root, roster, MODULE, out)
    store = AnswerStore(out / team.name / MODULE, MODULE, "2-allocate-capacity")
    store.save("capacity-plan", PLAN)
    saved = store.path.read_bytes()
    with pytest.raises(WorkshopError, match="already holds a workshop.*--force"):
        set_up(course_root, roster, MODULE, out, seed=2)
    assert store.path.read_bytes() == saved
    set_up(course_root, roster, MODULE, out, seed=2, force=True)
    assert not store.path.exists(), "the new team folder starts without answers"
    (aside,) = out.glob("replaced-*")
    assert (aside / team.name / MODULE / store.path.name).read_bytes() == saved
    assert (aside / "teams.csv").exists()


def test_set_up_writes_nothing_for_a_bad_module_or_roster(course_root: Path,
                                                          tmp_path: Path) -> None:
    """An unreleased module or a bad roster is refused before anything is written."""
    good = _roster(tmp_path, "name\nAda\nBob\nCy\n")
    with pytest.raises(WorkshopError, match="run `plcourse release 99-nothing` first"):
        set_up(course_root, good, "99-nothing", tmp_path / "ws")
    bad = _roster(tmp_path, "name\nAda\nAda\nCy\n", "bad.csv")
    with pytest.raises(WorkshopError, match="appears on rows 2 and 3"):
        set_up(course_root, bad, MODULE, tmp_path / "ws")
    assert not (tmp_path / "ws").exists()


# -- the board ------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _shared_scenario() -> Iterator[None]:
    """Work as the teams do: on the workshop's shared scenario (its grading, its data)."""
    with active(Variant("workshop", DEFAULT_SEED, "shared")):
        yield


def _division() -> AllocationScenario:
    """Return lesson 2's division scenario, built the way the notebook builds it."""
    return AllocationScenario.from_frame(load("m03_initiatives"), capacity=figure("m03_capacity"),
                                         budget=figure("m03_budget"), unit="engineers",
                                         value_unit="$k ARR")


def _match(folder: Path, answer: dict[str, str]) -> None:
    """Answer the specialisation exercise through the Matching widget of lesson 1."""
    lesson = course.Lesson(MODULE, "1-the-director", directory=folder)
    needs = Matching(lesson, "specialisation", rows=load("m03_companies")["company"].to_dict(),
                     options=load("specialisations")["name"].to_dict())
    needs.value = answer


@pytest.fixture(scope="module")
def workshop(course_root: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Three teams: one answers all three widgets, one has a corrupt record, one is empty."""
    tmp = tmp_path_factory.mktemp("board")
    roster = _roster(tmp, "name,department\n" + "".join(
        f"P{i},{'ABC'[i % 3]}\n" for i in range(12)))
    out = tmp / "ws"
    teams = [t.name for t in set_up(course_root, roster, MODULE, out)]
    full, corrupt, empty = teams
    answers = {
        MATCH_KEY: {"C1": "technical", "C2": "data", "C4": "data"},
        PLAN_KEY: PLAN,
        KPI_KEY: {"product": "ledger", "metric": "nps"},
        "corrupt-match": {"C1": "growth", "C2": "growth", "C3": "design", "C4": "data",
                          "C5": "enterprise"},
    }
    with pytest.MonkeyPatch.context() as patch:  # as the `shown` fixture of conftest
        patch.setattr(widget_base, "display", lambda *a, **k: None)
        patch.setattr(widget_base, "update_display", lambda *a, **k: None)
        patch.setattr(widget_base, "get_ipython", lambda: object())
        folder = out / full / MODULE
        _match(folder, answers[MATCH_KEY])
        panel = AllocationPanel(course.Lesson(MODULE, "2-allocate-capacity", directory=folder),
                                "capacity-plan", _division())
        panel.plan = PLAN
        AnswerStore(folder, MODULE, "3-kpi-dashboard").save("kpi-diagnosis", answers[KPI_KEY])
        _match(out / corrupt / MODULE, answers["corrupt-match"])
    (out / corrupt / MODULE / "2-allocate-capacity.answers.json").write_text(
        '{"format": "product-leadership-answers", "answers": {', encoding="utf-8")
    before = sorted(str(p.relative_to(out)) for p in out.rglob("*"))
    board, page, table = write_board(out)
    return {"out": out, "teams": teams, "answers": answers, "board": board, "page": page,
            "table": table, "html": page.read_text(encoding="utf-8"), "before": before}


def test_board_scores_answers_like_grading(workshop: dict[str, Any]) -> None:
    """Each answered exercise earns what grade() gives the same answer."""
    board, (full, corrupt, _) = workshop["board"], workshop["teams"]
    answers = workshop["answers"]
    for key in (MATCH_KEY, PLAN_KEY, KPI_KEY):
        result = board.results[(full, key)]
        assert result.status == "scored"
        assert result.points == grade(key, answers[key])
        assert f"{result.points:g} of {get(key).points:g} points" in result.why
    assert board.results[(corrupt, MATCH_KEY)].points == grade(MATCH_KEY,
                                                               answers["corrupt-match"])
    expected_total = sum(grade(k, answers[k]) for k in (MATCH_KEY, PLAN_KEY, KPI_KEY))
    assert board.total(full) == pytest.approx(expected_total)


def test_board_shows_the_plan_and_its_projected_value(workshop: dict[str, Any]) -> None:
    """The allocation result carries the plan's projected value from the scenario model."""
    full = workshop["teams"][0]
    evaluation = _division().evaluate(PLAN)
    result = workshop["board"].results[(full, PLAN_KEY)]
    assert result.projected == pytest.approx(evaluation.value)
    page = workshop["html"]
    assert f"projected {evaluation.value:,.0f} $k ARR" in page
    assert f"{evaluation.used} of {figure('m03_capacity'):g} engineers" in page
    for item, units in PLAN.items():
        assert f"{item}: {units}" in result.decision


def test_board_reports_the_corrupt_team_and_keeps_its_file(workshop: dict[str, Any]) -> None:
    """A corrupt record is reported under its team, set aside, and its exercise unanswered."""
    board, corrupt = workshop["board"], workshop["teams"][1]
    problems = " ".join(board.problems[corrupt])
    assert "2-allocate-capacity.answers.json" in problems and "not valid JSON" in problems
    assert board.results[(corrupt, PLAN_KEY)].status == NOT_ANSWERED
    folder = workshop["out"] / corrupt / MODULE
    (kept,) = folder.glob("2-allocate-capacity.answers.corrupt-*.json")
    assert kept.read_text(encoding="utf-8").startswith('{"format"')
    assert html.escape(corrupt) in workshop["html"].split("<h2>Problems</h2>")[1]
    assert not any(board.problems[t] for t in workshop["teams"] if t != corrupt)


def test_board_marks_the_empty_team_not_yet_answered(workshop: dict[str, Any]) -> None:
    """A team without answers shows 'not yet answered' on every scored exercise."""
    board, empty = workshop["board"], workshop["teams"][2]
    scored = [e.key for e in board.scored]
    assert {board.results[(empty, k)].status for k in scored} == {NOT_ANSWERED}
    assert board.total(empty) == 0 and board.answered(empty) == 0
    row = re.search(rf"<tr><td>{empty}</td>(.*?)</tr>", workshop["html"]).group(1)
    assert row.count(NOT_ANSWERED) == len(scored)


def test_board_lists_unscorable_exercises_for_the_debrief(workshop: dict[str, Any]) -> None:
    """Exercises graded from code or by hand are listed, not scored and not dropped."""
    catalog = [e for e in all_exercises() if e.module == MODULE]
    expected = sorted(e.key for e in catalog if e.source != "record")
    board = workshop["board"]
    assert sorted(e.key for e in board.debrief) == expected
    assert sorted(e.key for e in board.scored) == sorted(
        e.key for e in catalog if e.source == "record")
    section = workshop["html"].split("not scored here</h2>")[1].split("<h2>")[0]
    for key in expected:
        assert f"<li>{key.split('/')[1]} (" in section


def test_board_page_is_self_contained_with_charts(workshop: dict[str, Any]) -> None:
    """The page embeds its charts as PNG and loads nothing from elsewhere."""
    page = workshop["html"]
    assert len(re.findall(r"src='data:image/png;base64,", page)) == 2
    assert "http://" not in page and "https://" not in page and "<script" not in page
    for heading in ("Points per exercise", "Decisions side by side", "Outcomes", "Teams"):
        assert f"<h2>{heading}</h2>" in page


def test_board_csv_has_a_row_per_team_and_exercise(workshop: dict[str, Any]) -> None:
    """The CSV beside the page holds every team x exercise with points and status."""
    board = workshop["board"]
    assert workshop["table"] == workshop["page"].with_suffix(".csv")
    with open(workshop["table"], newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(workshop["teams"]) * (len(board.scored) + len(board.debrief))
    full = workshop["teams"][0]
    plan = next(r for r in rows if r["team"] == full and r["exercise"] == "capacity-plan")
    assert float(plan["points"]) == grade(PLAN_KEY, PLAN)
    assert float(plan["projected_value"]) == pytest.approx(_division().evaluate(PLAN).value,
                                                           abs=0.01)
    statuses = Counter(r["status"] for r in rows)
    assert statuses["discussed in the debrief, not scored here"] == 3 * len(board.debrief)


def test_board_touches_no_team_file_but_the_corrupt_one(workshop: dict[str, Any]) -> None:
    """Building the board adds only the page, the CSV and the set-aside corrupt record."""
    out = workshop["out"]
    after = sorted(str(p.relative_to(out)) for p in out.rglob("*"))
    added = sorted(set(after) - set(workshop["before"]))
    assert set(workshop["before"]) - set(after) == {
        f"{workshop['teams'][1]}/{MODULE}/2-allocate-capacity.answers.json"}
    assert [a for a in added if "corrupt-" not in a] == ["board.csv", "board.html"]


def test_board_refreshes_with_new_answers(course_root: Path, tmp_path: Path) -> None:
    """Running the board again brings in an answer saved since."""
    roster = _roster(tmp_path, "name\nAda\nBob\nCy\n")
    out = tmp_path / "ws"
    (team,) = set_up(course_root, roster, MODULE, out, notebook="2-allocate-capacity")
    board, page, _ = write_board(out, tmp_path / "results" / "board.html")
    assert board.results[(team.name, PLAN_KEY)].status == NOT_ANSWERED
    assert [e.key for e in board.scored] == [PLAN_KEY], "only the notebook handed out"
    AnswerStore(out / team.name / MODULE, MODULE, "2-allocate-capacity").save(
        "capacity-plan", PLAN)
    board, page, _ = write_board(out, page)
    assert board.results[(team.name, PLAN_KEY)].points == grade(PLAN_KEY, PLAN)
    assert f"{grade(PLAN_KEY, PLAN):g}" in page.read_text(encoding="utf-8")


@pytest.mark.parametrize("key", [e.key for e in all_exercises()
                                 if e.family == "allocation" and e.source == "record"])
def test_every_allocation_exercise_gets_a_projection(key: str, course_root: Path,
                                                     tmp_path: Path) -> None:
    """For every allocation exercise of the catalog the board finds the scenario it grades."""
    exercise = get(key)
    roster = _roster(tmp_path, "name\nAda\nBob\nCy\n")
    out = tmp_path / "ws"
    (team,) = set_up(course_root, roster, exercise.module, out, notebook=exercise.notebook)
    AnswerStore(out / team.name / exercise.module, exercise.module, exercise.notebook).save(
        exercise.record, {})  # the plan that funds nothing always fits
    result = read_board(out).results[(team.name, key)]
    assert result.projected == 0 and result.outcome.startswith("projected 0 ")
    assert result.decision == "nothing funded"


def test_board_of_a_folder_that_is_no_workshop(tmp_path: Path) -> None:
    """A folder without teams says how to set one up; a missing folder says what to give."""
    with pytest.raises(WorkshopError, match="plcourse workshop teams"):
        read_board(tmp_path)
    with pytest.raises(WorkshopError, match="no workshop folder"):
        read_board(tmp_path / "missing")


# -- the command line -----------------------------------------------------------------------


def test_cli_teams_then_board(course_root: Path, tmp_path: Path,
                              capsys: pytest.CaptureFixture[str]) -> None:
    """`plcourse workshop teams` deals the seeded teams and refuses a rerun; board writes."""
    roster = _roster(tmp_path, "name,level\n" + "".join(f"Person {i},L{i % 3}\n"
                                                         for i in range(9)))
    out = tmp_path / "ws"
    argv = ["--root", str(course_root), "workshop", "teams", str(roster), "--module", MODULE,
            "--out", str(out), "--seed", "3"]
    assert main(argv) == 0
    printed = capsys.readouterr().out
    expected = form_teams(read_roster(roster), 4, 3)
    for team in expected:
        assert team.name in printed
    assert all(f"Person {i}" in printed for i in range(9))
    frame = pd.read_csv(out / "teams.csv")
    assert dict(zip(frame["name"], frame["team"], strict=True)) == _assignment(expected)
    assert main(argv) == 1
    assert "--force" in capsys.readouterr().err
    assert main(["workshop", "board", str(out)]) == 0
    printed = capsys.readouterr().out
    out_of = sum(e.points for e in all_exercises() if e.module == MODULE
                 and e.source == "record")
    for team in expected:
        assert f"{team.name}: 0 of {out_of:g} points" in printed
    assert (out / "board.html").exists() and (out / "board.csv").exists()


def test_cli_bad_roster_exits_1_with_the_reason(course_root: Path, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    """A bad roster exits 1 and says which rows to fix, on stderr."""
    roster = _roster(tmp_path, "name\nAda\nBob\nAda\n")
    code = main(["--root", str(course_root), "workshop", "teams", str(roster), "--module",
                 MODULE, "--out", str(tmp_path / "ws")])
    assert code == 1
    assert "'Ada' appears on rows 2 and 4" in capsys.readouterr().err


@pytest.mark.parametrize("step", ["teams", "board"])
def test_workshop_steps_explain_themselves(step: str,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    """`plcourse workshop <step> --help` says what it does, with an example."""
    with pytest.raises(SystemExit) as done:
        parser().parse_args(["workshop", step, "--help"])
    assert done.value.code == 0
    text = capsys.readouterr().out
    assert f"plcourse workshop {step}" in text and "examples:" in text and "fix" in text


def test_per_team_scenarios_compare_shares_of_each_best(course_root: Path, tmp_path: Path) -> None:
    """With --variants per-team every team has its own numbers; the board shows shares."""
    roster = _roster(tmp_path, "name\n" + "\n".join(f"P{i}" for i in range(6)) + "\n")
    out = tmp_path / "ws"
    teams = set_up(course_root, roster, MODULE, out, notebook="2-allocate-capacity",
                   variants="per-team")
    variants = [team_variant(out / t.name / MODULE) for t in teams]
    assert len({v.id for v in variants}) == len(teams) == 2
    exercise = get(PLAN_KEY)
    for team, variant in zip(teams, variants, strict=True):
        with active(variant):  # each team plays its own best plan
            best = exercise.reference()
            AnswerStore(out / team.name / MODULE, MODULE, "2-allocate-capacity").save(
                "capacity-plan", best)
    board, page, _ = write_board(out)
    for team in teams:
        result = board.results[(team.name, PLAN_KEY)]
        assert result.points == exercise.points
        assert result.share == pytest.approx(1.0)
        assert "made on" not in result.why and "answered on scenario" not in result.why
    assert "100% of the best plan for this scenario" in page.read_text(encoding="utf-8")
    with pytest.raises(WorkshopError, match="--variants must be shared or per-team"):
        set_up(course_root, roster, MODULE, tmp_path / "other", variants="each")
