"""The learner's progress view: records and notebooks across modules, text, chart, bad inputs."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import nbformat
import pytest

from course.answers import AnswerStore
from course.progress import collect, curriculum, main, progress_chart, show, summary_text
from course.roles import COMPETENCY_IDS

M07, NB07 = "07-collaboration", "1-working-across-levels"
M08, NB08 = "08-career-progression", "2-gap-and-plan"


def _notebook(path: Path, outputs: dict[str, str], manual: dict[str, str]) -> None:
    """Write a notebook whose test cells printed ``outputs`` and whose manual cells hold text."""
    cells = []
    for grade_id, text in outputs.items():
        cell = nbformat.v4.new_code_cell("check(...)", id=grade_id)
        cell.metadata["nbgrader"] = {"grade": True, "grade_id": grade_id, "points": 1}
        cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=text)]
        cells.append(cell)
    for grade_id, text in manual.items():
        cell = nbformat.v4.new_markdown_cell(text, id=grade_id)
        cell.metadata["nbgrader"] = {"grade": True, "solution": True, "grade_id": grade_id,
                                     "points": 2}
        cells.append(cell)
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nbformat.v4.new_notebook(cells=cells), path)


@pytest.fixture()
def workspace(tmp_path: Path) -> Path:
    """A workspace where module 07 is partly done and module 08 holds self-ratings."""
    AnswerStore(tmp_path / M07, M07, NB07).save("raci", {"D1": {"cpo": "A"}})
    _notebook(tmp_path / M07 / f"{NB07}.ipynb",
              {"raci-test": "✓ raci: all cells filled.\n",
               "escalation-test": "✗ No answer saved yet for 'escalation'.\n"},
              {"reflection": "Executive reporting broke down when..."})
    store = AnswerStore(tmp_path / M08, M08, NB08)
    store.save("self-ratings", dict.fromkeys(COMPETENCY_IDS, 3))
    store.save("target-role", "director")
    return tmp_path


def _status(progress, module: str, exercise: str):  # noqa: ANN001, ANN202
    return next(e for e in progress.exercises if (e.module, e.exercise) == (module, exercise))


def test_collect_reads_records_notebooks_and_self_checks(workspace: Path) -> None:
    """Saved widget answers, written reflections and self-check marks are all picked up."""
    progress = collect(workspace)
    raci, escalation = _status(progress, M07, "raci"), _status(progress, M07, "escalation")
    reflection = _status(progress, M07, "reflection")
    assert (raci.done, raci.selfcheck) == (True, "passed")
    assert (escalation.done, escalation.selfcheck) == (False, "flagged")
    assert (reflection.done, reflection.selfcheck) == (True, "")
    row = progress.modules()[M07]
    # module 07: raci (4) and the reflection (2) done; escalation (3) and claims (3) not
    assert (row["done"], row["exercises"], row["points_done"], row["points"]) == (2, 4, 6, 12)
    assert (row["passed"], row["flagged"]) == (1, 1)
    gap = _status(progress, M08, "competency-gap")
    assert (gap.done, gap.selfcheck) == (False, "not run")
    assert len(progress.exercises) == len(curriculum()["exercises"])


def test_practice_counts_points_per_competency(workspace: Path) -> None:
    """Each competency's practice is the points of done exercises over the points available."""
    practice = collect(workspace).practice()
    expected_total = sum(e["points"] for e in curriculum()["exercises"]
                         if "communication" in e["competencies"])
    done, total = practice["communication"]
    assert total == expected_total
    assert done == 4 + 2  # the RACI grid (4) and the reflection (2) of module 07


def test_profile_prefers_module_08_and_knows_the_target(workspace: Path) -> None:
    """The latest self-ratings (module 08) and target role feed the profile."""
    progress = collect(workspace)
    assert progress.ratings == dict.fromkeys(COMPETENCY_IDS, 3)
    assert progress.ratings_from == "08-career-progression self-ratings"
    assert progress.target == "director"


def test_profile_falls_back_to_module_00(tmp_path: Path) -> None:
    """Without module 08 ratings, module 00's self-assessment is shown."""
    AnswerStore(tmp_path / "00-product-ladder", "00-product-ladder", "1-the-ladder").save(
        "self-assessment", {"leadership": 2})
    progress = collect(tmp_path)
    assert progress.ratings == {"leadership": 2}
    assert progress.ratings_from == "00-product-ladder self-assessment"
    assert progress.target is None


def test_bad_ratings_and_unknown_role_are_reported_not_raised(tmp_path: Path) -> None:
    """Out-of-range ratings and an unknown target role become notes; nothing is shown wrongly."""
    store = AnswerStore(tmp_path / M08, M08, NB08)
    store.save("self-ratings", {"leadership": 7})
    store.save("target-role", "chief_of_everything")
    progress = collect(tmp_path)
    assert progress.ratings is None and progress.target is None
    notes = " ".join(progress.notes)
    assert "outside the scale" in notes and "not a role of the course" in notes
    assert "No self-assessment saved yet" in summary_text(progress)


def test_corrupt_record_is_noted_and_left_alone(tmp_path: Path) -> None:
    """A damaged record is mentioned, counted as not done and never moved."""
    record = tmp_path / M07 / f"{NB07}.answers.json"
    record.parent.mkdir()
    record.write_text("{broken")
    progress = collect(tmp_path)
    assert any("could not be read" in note for note in progress.notes)
    assert not _status(progress, M07, "raci").done
    assert [p.name for p in record.parent.iterdir()] == [record.name]


def test_module_folder_means_its_workspace(workspace: Path) -> None:
    """Called from inside a module folder, the view reads the whole workspace around it."""
    assert collect(workspace / M08).folder == workspace.resolve()


def test_summary_text_lists_modules_competencies_and_ratings(workspace: Path) -> None:
    """The text summary names each module, the practice bars and the self-assessment."""
    text = summary_text(collect(workspace))
    assert f"{M07}" in text and "not in this folder" in text
    assert "1 ✓, 1 ✗" in text
    assert "Strategic thinking" in text and "(role expects 4)" in text


def test_command_prints_the_summary(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``python -m course.progress FOLDER`` prints the summary; a missing folder is refused."""
    assert main([str(workspace)]) == 0
    assert "Progress in" in capsys.readouterr().out
    assert main([str(workspace / "nope")]) == 2
    assert "No folder named" in capsys.readouterr().out


def test_chart_renders_practice_and_radar(workspace: Path) -> None:
    """The chart has the practice bars and, with ratings, a polar radar with two profiles."""
    figure = progress_chart(collect(workspace))
    bars, radar = figure.axes
    assert len(bars.patches) == len(COMPETENCY_IDS)
    assert radar.name == "polar" and len(radar.lines) == 2
    assert [t.get_text() for t in radar.get_legend().get_texts()] == ["you", "director"]
    buffer = BytesIO()
    figure.savefig(buffer, format="png")
    assert buffer.getvalue()[:8] == b"\x89PNG\r\n\x1a\n"


def test_chart_without_ratings_has_only_bars(tmp_path: Path) -> None:
    """With no self-assessment the figure shows the practice bars alone, all empty."""
    figure = progress_chart(collect(tmp_path))
    assert len(figure.axes) == 1
    assert all(p.get_width() == 0 for p in figure.axes[0].patches)


def test_show_displays_only_the_table_and_chart(
    workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``show()`` displays the table and chart and leaves no repr as the cell's value."""
    import IPython.display

    shown: list[object] = []
    monkeypatch.setattr(IPython.display, "display", shown.append)
    assert show(workspace) is None
    table, figure = shown
    assert "Exercises answered" in table.data and M07 in table.data  # type: ignore[attr-defined]
    assert len(figure.axes) == 2  # type: ignore[attr-defined]


def test_progress_says_answered_never_a_score(workspace: Path) -> None:
    """The progress view counts answers, and nothing in it reads like points scored."""
    text = summary_text(collect(workspace))
    assert "answered" in text and "not a score" in text
    for wording in ("points done", "passed", "6/12", "6 of 12"):
        assert wording not in text
