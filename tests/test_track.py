"""Module 10's competency track: the link to the learner, coverage, the view by competency."""

from __future__ import annotations

from pathlib import Path

import pytest

from autograder.build.curriculum import build_map
from autograder.scoring.catalog import all_exercises
from autograder.scoring.catalog.m10 import CHOICE_CREDIT, MAIN, PLACEMENTS
from course.answers import AnswerStore
from course.data import load
from course.progress import (
    collect,
    competency_chart,
    competency_text,
    competency_view,
    curriculum,
    main,
    show_competencies,
)
from course.roles import BASELINE_EXERCISE, BASELINE_MODULE, COMPETENCY_IDS
from course.track import (
    MODULE,
    NOT_LISTED,
    RUNGS,
    SECTIONS,
    behaviours,
    connect,
    next_rung,
    rung_expectations,
    scenario,
    trained_by,
)

NB00 = "1-the-ladder"


def _module_folder(workspace: Path) -> Path:
    folder = workspace / MODULE
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_every_competency_has_a_section_with_a_main_exercise() -> None:
    """Each of the fifteen has a module 10 notebook and an auto-graded exercise mainly its own."""
    assert set(SECTIONS) == set(COMPETENCY_IDS)
    mine = {e.exercise: e for e in all_exercises()
            if e.module == MODULE and e.source != "manual"}
    assert set(MAIN) == set(mine)
    assert set(MAIN.values()) == set(COMPETENCY_IDS)
    for exercise, competency in MAIN.items():
        assert mine[exercise].competencies[0] == competency
        assert mine[exercise].notebook == SECTIONS[competency], exercise
        assert mine[exercise].source != "manual"


def test_no_competency_has_fewer_than_three_auto_graded_exercises() -> None:
    """Across the course every competency is trained by at least 3 auto-graded exercises."""
    counts = dict.fromkeys(COMPETENCY_IDS, 0)
    for entry in build_map()["exercises"]:
        if entry["source"] != "manual":
            for competency in entry["competencies"]:
                counts[competency] += 1
    assert {c: n for c, n in counts.items() if n < 3} == {}


def test_behaviours_and_scenarios_match_their_keys() -> None:
    """Every behaviour has a rung in the key and every scenario response a credit, and back."""
    table = load("m10_behaviours")
    keyed = {item for key in PLACEMENTS.values() for item in key}
    assert set(table.index) == keyed
    for exercise, key in PLACEMENTS.items():
        assert set(behaviours(MAIN[exercise])) == set(key)
    for exercise, credit in CHOICE_CREDIT.items():
        case = scenario(exercise)
        assert set(case.responses) == set(credit) == set("ABCD")
        assert sorted(credit.values())[-1] == 1.0 and case.competency == MAIN[exercise]
        assert case.role in RUNGS.values()


def test_placements_leave_out_the_rungs_the_source_does_not_list() -> None:
    """No domain-knowledge behaviour is a Director's and no partnership behaviour a PM's."""
    assert ("domain-knowledge", "director") in NOT_LISTED
    assert "director" not in PLACEMENTS["domain-rungs"].values()
    assert "pm" not in PLACEMENTS["partnership-rungs"].values()


def test_next_rung_is_the_first_that_expects_more() -> None:
    """The next rung is the lowest whose profile expects more than the rating; none at the top."""
    expected = rung_expectations("strategic-thinking")
    assert list(expected) == list(RUNGS)
    low = min(v for v in expected.values() if v is not None)
    assert next_rung("strategic-thinking", None) == "pm"
    assert next_rung("strategic-thinking", int(low) - 1) == "pm"
    assert next_rung("strategic-thinking", 5) is None


def test_connect_without_module_00_says_so(tmp_path: Path) -> None:
    """With no module 00 folder the connection has no rating and says where to rate."""
    link = connect("communication", _module_folder(tmp_path))
    assert link.rating is None
    text = link.markdown()
    assert "no module 00 self-assessment" in text and "module 00, lesson 1" in text
    assert "../" in text and "rate yourself here" not in text


def test_connect_reads_the_module_00_rating(tmp_path: Path) -> None:
    """A saved module 00 self-assessment gives the rating and the next rung above it."""
    store = AnswerStore(tmp_path / BASELINE_MODULE, BASELINE_MODULE, NB00)
    store.save(BASELINE_EXERCISE, {"communication": 1, "leadership": 5})
    record = store.path.read_bytes()
    link = connect("communication", _module_folder(tmp_path))
    assert link.rating == 1 and link.next_rung == next_rung("communication", 1)
    assert "self-rating:* 1 of 5" in link.markdown()
    assert connect("leadership", _module_folder(tmp_path)).next_rung is None
    assert store.path.read_bytes() == record, "module 00's record is never changed"


def test_trained_by_lists_modules_00_to_09_only() -> None:
    """The exercises offered for practice come from the other modules of the map."""
    found = trained_by("domain-knowledge")
    assert found and all(e["module"] != MODULE for e in found)
    assert {e["module"] for e in found} < {e["module"] for e in curriculum()["exercises"]}


@pytest.fixture()
def workspace(tmp_path: Path) -> Path:
    """A workspace with module 00 ratings and one module 10 answer."""
    AnswerStore(tmp_path / BASELINE_MODULE, BASELINE_MODULE, NB00).save(
        BASELINE_EXERCISE, dict.fromkeys(COMPETENCY_IDS, 2))
    AnswerStore(_module_folder(tmp_path), MODULE, "1-direction").save(
        "strategy-rungs", {"ST1": "pm"})
    return tmp_path


def test_progress_counts_module_10(workspace: Path) -> None:
    """The progress view lists module 10 with its exercises and the saved answer."""
    modules = collect(workspace).modules()
    assert modules[MODULE]["exercises"] == len(MAIN) + 1  # and the written reflection
    assert modules[MODULE]["done"] == 1


def test_competency_view_table(workspace: Path) -> None:
    """One row per competency with rating, points answered and the lesson to open next."""
    view = competency_view(collect(workspace))
    assert list(view.index) == list(COMPETENCY_IDS)
    assert set(view["self_rating"]) == {2}
    assert view.loc["strategic-thinking", "points_answered"] == 2
    assert view.loc["vision-innovation", "next_lesson"] == f"{MODULE}/1-direction"
    # its one module 10 exercise is answered, so strategic thinking points elsewhere
    assert not view.loc["strategic-thinking", "next_lesson"].startswith(MODULE)
    assert view.loc["communication", "next_lesson"] == f"{MODULE}/3-reach"
    assert (view["points_available"] > 0).all()


def test_next_lesson_moves_on_when_the_section_is_answered(workspace: Path) -> None:
    """Once a section is answered the next lesson is an unanswered exercise elsewhere."""
    store = AnswerStore(workspace / MODULE, MODULE, "4-market")
    for exercise in ("domain-rungs", "new-domain"):
        store.save(exercise, {"DK1": "pm"} if exercise == "domain-rungs" else "A")
    view = competency_view(collect(workspace))
    assert not view.loc["domain-knowledge", "next_lesson"].startswith(MODULE)


def test_competency_text_chart_and_command(workspace: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    """The text, the chart (two panels) and ``--by-competency`` show the same view."""
    progress = collect(workspace)
    text = competency_text(progress)
    assert "Strategic thinking" in text and "not a score" in text
    figure = competency_chart(progress)
    assert len(figure.axes) == 2
    assert len(figure.axes[0].patches) == len(COMPETENCY_IDS)
    assert main([str(workspace), "--by-competency"]) == 0
    assert "open next" in capsys.readouterr().out


def test_show_competencies_displays_table_and_chart(
    workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``show_competencies()`` displays an HTML table with links and a chart."""
    import IPython.display

    shown: list[object] = []
    monkeypatch.setattr(IPython.display, "display", shown.append)
    assert show_competencies(workspace) is None
    table, figure = shown
    assert "<caption>" in table.data and "1-direction.ipynb" in table.data  # type: ignore[attr-defined]
    assert len(figure.axes) == 2  # type: ignore[attr-defined]
