"""The lesson notebooks: one place to edit, nbgrader metadata right, release/ in sync, no leaks."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from autograder.build.leaks import answer_texts, scan
from autograder.build.notebooks import LessonError, build, build_all, lesson_sources
from autograder.build.release import generate
from autograder.nbg import ROOT, copy_course, modules, nbgrader
from autograder.pipeline.score import exercise_of
from autograder.scoring.catalog import all_exercises

_GRADE_CALL = re.compile(r'grade\(\s*"([^"]+)"')


def _source_notebooks() -> list[Path]:
    return sorted((ROOT / "source").glob("*/*.ipynb"))


def test_source_notebooks_match_their_lesson_texts() -> None:
    """Every source notebook is exactly what its lesson text builds (no hand edits, no drift)."""
    assert lesson_sources(), "there are lesson texts"
    assert build_all(check=True) == []
    built = {p.parent.name + "/" + p.stem for p in lesson_sources()}
    on_disk = {p.parent.name + "/" + p.stem for p in _source_notebooks()}
    assert built == on_disk, "a source notebook without a lesson text (or the reverse)"


def test_drift_is_detected(tmp_path: Path) -> None:
    """A source notebook edited by hand is reported as stale."""
    lessons, source = tmp_path / "lessons", tmp_path / "source"
    text = lesson_sources()[0]
    (lessons / text.parent.name).mkdir(parents=True)
    (lessons / text.parent.name / text.name).write_text(text.read_text())
    assert build_all(lessons=lessons, source=source) != []
    assert build_all(check=True, lessons=lessons, source=source) == []
    target = next(source.rglob("*.ipynb"))
    target.write_text(target.read_text().replace("Module", "Modul", 1))
    assert build_all(check=True, lessons=lessons, source=source) == [target]


@pytest.mark.parametrize("header, message", [
    ('# %% kind="bogus"\nx = 1\n', "unknown kind"),
    ('# %% kind="tests" grade_id="t"\nx = 1\n', "needs points"),
    ('# %% kind="readonly" grade_id="a"\nx = 1\n\n# %% kind="readonly" grade_id="a"\ny = 2\n',
     "used twice"),
    ('# %% kind="readonly" colour="red"\nx = 1\n', "unknown option"),
])
def test_bad_lesson_text_is_refused(tmp_path: Path, header: str, message: str) -> None:
    """A malformed lesson text gets a specific error naming the file and the problem."""
    text = tmp_path / "bad.py"
    text.write_text(header)
    with pytest.raises(LessonError, match=message):
        build(text)


@pytest.mark.parametrize("path", _source_notebooks(), ids=lambda p: p.stem)
def test_source_notebooks_are_clean(path: Path) -> None:
    """Source notebooks are committed without outputs, execution counts or widget state."""
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert "widgets" not in nb.metadata
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, cell.id


def test_test_cells_match_the_catalog() -> None:
    """Each graded test cell calls exactly one catalog exercise, worth the same points."""
    catalog = {e.key: e for e in all_exercises()}
    seen = set()
    for path in _source_notebooks():
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            meta = cell.metadata.get("nbgrader", {})
            if not meta.get("grade"):
                continue
            if cell.cell_type == "markdown":  # a written answer, graded by hand
                exercise = catalog[f"{path.parent.name}/{meta['grade_id']}"]
                assert exercise.source == "manual" and exercise.notebook == path.stem
                assert meta["points"] == exercise.points, f"{cell.id}: points differ"
                seen.add(exercise.key)
                continue
            keys = exercise_of(cell.source)
            assert len(keys) == 1, f"{path.name}#{cell.id} should grade exactly one exercise"
            exercise = catalog[keys[0]]
            # a value is reported by the kernel; a widget's saved answer is read by the grader
            reports = "report(" in cell.source
            assert reports == (exercise.source == "value"), f"{cell.id}: wrong hidden-test form"
            assert "autograder" not in cell.source, f"{cell.id}: no grader in kernel"
            assert (exercise.module, exercise.notebook) == (path.parent.name, path.stem)
            assert meta["points"] == exercise.points, f"{cell.id}: points differ from the catalog"
            assert "### BEGIN HIDDEN TESTS" in cell.source, f"{cell.id}: the grading is hidden"
            seen.add(keys[0])
    assert seen == set(catalog), f"catalog exercises without a test cell: {set(catalog) - seen}"


def test_every_module_has_a_hand_graded_reflection() -> None:
    """A manually graded written answer exists in each module, and never alone."""
    for module in modules():
        cells = [c for p in (ROOT / "source" / module).glob("*.ipynb")
                 for c in nbformat.read(p, as_version=4).cells]
        manual = [c for c in cells if c.metadata.get("nbgrader", {}).get("solution")
                  and c.metadata["nbgrader"].get("grade") and c.cell_type == "markdown"]
        auto = [c for c in cells if c.metadata.get("nbgrader", {}).get("grade")
                and c.cell_type == "code"]
        assert manual and auto, module


def test_release_equals_a_fresh_generate_assignment(tmp_path: Path) -> None:
    """release/ is byte for byte what nbgrader generates from source/ now."""
    names = modules()
    generate(names, tmp_path)
    for module in names:
        fresh = sorted(p.name for p in (tmp_path / module).iterdir())
        committed = sorted(p.name for p in (ROOT / "release" / module).iterdir())
        assert fresh == committed, module
        for name in fresh:
            assert (tmp_path / module / name).read_text() == (
                ROOT / "release" / module / name
            ).read_text(), f"release/{module}/{name} is stale: run `make release`"


def test_release_and_course_package_leak_no_answer() -> None:
    """No solution line, hidden test or reference value appears in release/ or course/."""
    texts = answer_texts(ROOT / "source")
    assert len(texts) > 10, "the scan knows what to look for"
    leaks = scan([ROOT / "release", ROOT / "course"], ROOT / "source")
    assert leaks == [], "\n".join(map(str, leaks))


def test_leak_scan_finds_a_planted_answer(tmp_path: Path) -> None:
    """The leak scan is able to fail: a hidden test pasted into a released notebook is found."""
    planted = tmp_path / "release"
    planted.mkdir()
    src = next(iter(answer_texts(ROOT / "source")))
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(f"x = 1\n{src}\n")])
    nbformat.write(nb, planted / "leaky.ipynb")
    assert [leak.text for leak in scan([planted], ROOT / "source")] == [src]


def test_answer_records_in_source_never_reach_the_release(tmp_path: Path) -> None:
    """A record an instructor leaves in source/ stays out of the generated release."""
    course = copy_course(tmp_path / "course", with_release=False)
    module = modules()[0]
    notebook = sorted((course / "source" / module).glob("*.ipynb"))[0].stem
    # written by hand: the answer store itself never writes in a source folder
    record = course / "source" / module / f"{notebook}.answers.json"
    record.write_text('{"answers": {"x": {"value": "secret"}}}')
    nbgrader("generate_assignment", module, "--force", root=course)
    released = list((course / "release" / module).iterdir())
    assert any(p.suffix == ".ipynb" for p in released)
    assert not [p for p in released if ".answers" in p.name]
