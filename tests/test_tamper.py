"""Bad submissions through the real pipeline: collect from a folder, parallel grade, gradebook.

A cohort of module 01 where nearly every learner did something wrong on purpose (deleted or
edited locked cells, loops, noisy or huge output, broken answer records, broken or foreign
notebooks, wrong types) is imported with :func:`autograder.collect.cohort.import_cohort` and graded
with :func:`autograder.pipeline.parallel.grade`. Each is graded as intended, the honest learners are
unaffected, and every submission is either graded or reported with a reason.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import nbformat
import pytest

from autograder.collect.cohort import import_cohort
from autograder.nbg import copy_course, nbgrader
from autograder.pipeline.parallel import GradeSummary, grade
from tests.learners import edit_cells, strip_answer_copies
from tests.pipeline import auto_maxima, scores, share_variant, solve, work_as

pytestmark = [pytest.mark.pipeline, pytest.mark.xdist_group("tamper")]

MODULE = "01-product-manager"
NB1, NB2 = "1-the-role", "2-prioritize-and-measure"
WIDGET_CELLS = {"role-owners-code", "rice-board-code", "funnel-choices-code"}
TIMEOUT = 5  # seconds per cell in this course copy, so the loops end quickly

SIGINT_LOOP = "import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True:\n    pass"


def _solutions(source: Path) -> dict[str, dict[str, str]]:
    """Return the source text of every solution cell, per notebook: a learner typing them."""
    out: dict[str, dict[str, str]] = {}
    for path in sorted(source.glob("*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.metadata.get("nbgrader", {}).get("solution"):
                out.setdefault(path.stem, {})[cell.id] = cell.source
    return out


def _copy(src: Path, dest: Path, names: list[str] | None = None) -> Path:
    dest.mkdir(parents=True)
    for path in sorted(src.iterdir()):
        if path.is_file() and (names is None or path.name in names):
            shutil.copy2(path, dest / path.name)
    return dest


def _drop_cell(path: Path, cell_id: str) -> None:
    nb = nbformat.read(path, as_version=4)
    nb.cells = [c for c in nb.cells if c.get("id") != cell_id]
    nbformat.write(nb, path)


def _foreign_module(course: Path) -> None:
    """Add a module 99-other to the course copy: a notebook of it is what some learners hand in."""
    other = course / "source" / "99-other"
    other.mkdir()
    nb = nbformat.read(course / "source" / MODULE / f"{NB1}.ipynb", as_version=4)
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader")
        if meta and meta.get("grade_id"):
            meta["grade_id"] = "other-" + meta["grade_id"]
            cell.id = "other-" + cell.id
    nbformat.write(nb, other / "1-elsewhere.ipynb")


def _cohort(course: Path, tmp: Path) -> Path:
    source, release = course / "source" / MODULE, course / "release" / MODULE
    cohort = tmp / "cohort"
    cohort.mkdir()
    # one worked and one solved folder are handed in under many ids: a shared variant
    worked = work_as(release, tmp / "worked", _solutions(source), WIDGET_CELLS, "worked",
                     mode="shared")

    # the solutions, run: widget answers saved
    solved = solve(source, tmp / "solved", "solution", mode="shared")

    def from_source(name: str, edits: dict[str, dict[str, str]] | None = None) -> Path:
        folder = _copy(solved, cohort / name)
        for stem, cells in (edits or {}).items():
            edit_cells(folder / f"{stem}.ipynb", cells)
        return folder

    from_source("solution")
    _copy(worked, cohort / "worked")
    _drop_cell(from_source("deleted-test") / f"{NB2}.ipynb", "rice-scores-test")
    # the release with its locked cells rewritten to hand out points
    edited = _copy(release, cohort / "edited-locked")
    edit_cells(edited / f"{NB1}.ipynb", {"role-owners-test": "4.0",
                                         "setup-1": "import course\nlesson = None"})
    edit_cells(edited / f"{NB2}.ipynb", {c: "3.0" for c in (
        "rice-scores-test", "rice-ranking-test", "rice-cutline-test", "funnel-rates-test",
        "funnel-worst-test", "funnel-platform-test")})
    from_source("loop", {NB2: {"rice-code": "while True:\n    pass"}})
    from_source("sigint-loop", {NB2: {"rice-code": SIGINT_LOOP}})
    rice = _solutions(source)[NB2]["rice-code"]
    from_source("stderr", {NB2: {"rice-code": rice + "\nimport sys\nprint('debug', "
                                 "file=sys.stderr)"}})
    many_lines = "\nprint('\\n'.join(map(str, range(400_000))))"
    from_source("huge-output", {NB2: {"rice-code": rice + many_lines}})
    _copy(worked, cohort / "nbonly", [f"{NB1}.ipynb", f"{NB2}.ipynb"])
    corrupt = _copy(worked, cohort / "corrupt-record")
    (corrupt / f"{NB2}.answers.json").write_text('{"format": "product-leadership-ans')
    strip_answer_copies(corrupt / f"{NB2}.ipynb")
    missing = _copy(worked, cohort / "missing-record")
    (missing / f"{NB1}.answers.json").unlink()
    strip_answer_copies(missing / f"{NB1}.ipynb")
    truncated = from_source("truncated")
    text = (truncated / f"{NB2}.ipynb").read_text()
    (truncated / f"{NB2}.ipynb").write_text(text[: len(text) // 2])
    other = from_source("other-module")
    shutil.copy2(course / "source" / "99-other" / "1-elsewhere.ipynb", other / f"{NB1}.ipynb")
    shutil.copy2(course / "source" / "99-other" / "1-elsewhere.ipynb", other)
    wrong = _copy(worked, cohort / "wrong-types")
    edit_cells(wrong / f"{NB2}.ipynb", {"rice-code": 'backlog["rice"] = "high"',
                                        "funnel-code": "funnel_table = 42"})
    for stem, changes in ((NB1, {"role-owners": "everything"}),
                          (NB2, {"rice-ranking": 42, "funnel-worst-step": ["signup"]})):
        record = json.loads((wrong / f"{stem}.answers.json").read_text())
        for key, value in changes.items():
            record["answers"][key]["value"] = value
        (wrong / f"{stem}.answers.json").write_text(json.dumps(record))
    _copy(source, cohort / "bad id!")
    # learner code that swaps the grader for one handing out full marks
    patched = _copy(release, cohort / "monkeypatch")
    edit_cells(patched / f"{NB2}.ipynb", {"rice-code": PATCH_GRADER})
    # a submission carrying its own `autograder` package, in place of the real one
    _shadow(_copy(release, cohort / "shadow"))
    return cohort


PATCH_GRADER = """import autograder.scoring.grade
import autograder.scoring.rules
autograder.scoring.grade.grade = lambda *args, **kwargs: 3.0
autograder.scoring.rules.Score.points = lambda self, total: total"""


def _shadow(folder: Path) -> Path:
    """Put a fake ``autograder`` package (every grade full marks) in a submission folder."""
    fake = folder / "autograder"
    fake.mkdir()
    (fake / "__init__.py").write_text("")
    (fake / "grading.py").write_text("def grade(*args, **kwargs):\n    return 99.0\n")
    return folder


@pytest.fixture(scope="module")
def tamper(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Import and grade the tampered cohort; return the course, reports and summaries."""
    tmp = tmp_path_factory.mktemp("tamper")
    course = copy_course(tmp / "course")
    with open(course / "nbgrader_config.py", "a") as handle:
        handle.write(f"\nc.Execute.timeout = {TIMEOUT}\n")
    share_variant(course)
    nbgrader("generate_assignment", MODULE, "--force", root=course)
    _foreign_module(course)
    cohort = _cohort(course, tmp)
    collected = import_cohort(course, cohort, MODULE)
    # handed in through the exchange, so nothing checked it: a notebook that is not JSON
    direct = course / "submitted" / "malformed-direct" / MODULE
    _copy(course / "source" / MODULE, direct)
    (direct / f"{NB2}.ipynb").write_text("{this is not a notebook")
    # handed in through the exchange with a fake `autograder` package beside the notebooks
    _shadow(_copy(course / "release" / MODULE, course / "submitted" / "shadow-direct" / MODULE))
    first = grade(course, [MODULE], workers=2, progress=False)
    return {"course": course, "cohort": cohort, "collected": collected, "first": first,
            "entries": sorted(p.name for p in cohort.iterdir()) + ["malformed-direct",
                                                                    "shadow-direct"]}


def _status(summary: GradeSummary) -> dict[str, str]:
    return {o.student: o.status for o in summary.outcomes}


def test_every_submission_is_graded_or_reported(tamper: dict) -> None:
    """Submissions in = graded + reported, and every report carries a reason."""
    rejected = {p.learner for p in tamper["collected"].rejected}
    status = _status(tamper["first"])
    graded = {s for s, st in status.items() if st == "graded"}
    failed = {o.student: o.reasons for o in tamper["first"].outcomes if o.status == "failed"}
    assert graded | rejected | set(failed) == set(tamper["entries"])
    assert not graded & (rejected | set(failed))
    assert rejected == {"bad id!"}
    assert set(failed) == {"malformed-direct"}
    assert all(reason.strip() for reasons in failed.values() for reason in reasons)
    assert all(p.reason for p in tamper["collected"].problems)


def test_honest_learners_get_full_marks(tamper: dict) -> None:
    """Solutions, worked widgets, and a notebook-only upload earn every auto-graded point."""
    maxima = auto_maxima(tamper["course"], MODULE)
    for learner in ("solution", "worked", "nbonly", "stderr", "huge-output", "deleted-test"):
        got = scores(tamper["course"], MODULE, learner)
        for nb, cells in maxima.items():
            assert {c: got[nb][c] for c in cells} == cells, learner


def test_deleted_test_cell_is_put_back(tamper: dict) -> None:
    """The deleted test cell is restored and graded, not left waiting for a human."""
    graded = tamper["course"] / "autograded" / "deleted-test" / MODULE / f"{NB2}.ipynb"
    ids = [c.metadata.get("nbgrader", {}).get("grade_id")
           for c in nbformat.read(graded, as_version=4).cells]
    assert "rice-scores-test" in ids
    assert scores(tamper["course"], MODULE, "deleted-test")[NB2]["rice-scores-test"] == 2


def test_edited_locked_cells_are_restored(tamper: dict) -> None:
    """Rewriting test and read-only cells to hand out points earns nothing."""
    got = scores(tamper["course"], MODULE, "edited-locked")
    assert all(v == 0 for nb in got.values() for v in nb.values() if v is not None)


def test_infinite_loop_costs_only_its_exercise(tamper: dict) -> None:
    """A loop is interrupted at the time limit; the rest of the notebook is graded."""
    got = scores(tamper["course"], MODULE, "loop")
    assert got[NB2]["rice-scores-test"] == 0
    assert got[NB2]["funnel-rates-test"] == 2
    assert got[NB1]["role-owners-test"] == 4


def test_loop_ignoring_interrupts_is_killed_and_scored(tamper: dict) -> None:
    """A loop that ignores SIGINT: kernel killed, the notebook scored 0 from there, reason given."""
    got = scores(tamper["course"], MODULE, "sigint-loop")
    assert all(v == 0 for k, v in got[NB2].items() if k != "reflection")
    assert got[NB1]["role-owners-test"] == 4
    outcome = next(o for o in tamper["first"].outcomes if o.student == "sigint-loop")
    assert outcome.status == "graded"
    assert any("ignored the interrupt" in r and "rice-code" in r for r in outcome.reasons)


def test_huge_output_is_truncated(tamper: dict) -> None:
    """Four hundred thousand lines of output are cut down in the graded notebook."""
    graded = tamper["course"] / "autograded" / "huge-output" / MODULE / f"{NB2}.ipynb"
    assert graded.stat().st_size < 1_000_000


def test_broken_answer_records_cost_only_their_widgets(tamper: dict) -> None:
    """A corrupt or missing record (no copy in the notebook) zeroes its widget exercises only."""
    corrupt = scores(tamper["course"], MODULE, "corrupt-record")
    assert corrupt[NB2]["rice-ranking-test"] == corrupt[NB2]["funnel-worst-test"] == 0
    assert corrupt[NB2]["rice-scores-test"] == 2 and corrupt[NB2]["funnel-rates-test"] == 2
    assert corrupt[NB1]["role-owners-test"] == 4
    missing = scores(tamper["course"], MODULE, "missing-record")
    assert missing[NB1]["role-owners-test"] == 0
    assert missing[NB2]["rice-ranking-test"] == 3


def test_broken_and_foreign_notebooks_are_left_out_with_reasons(tamper: dict) -> None:
    """Truncated and other-module notebooks are reported at collect and count as not handed in."""
    problems = {(p.learner, p.item): p.reason for p in tamper["collected"].problems}
    assert "truncated" in problems[("truncated", f"{NB2}.ipynb")]
    assert "99-other" in problems[("other-module", f"{NB1}.ipynb")]
    assert "99-other" in problems[("other-module", "1-elsewhere.ipynb")]
    truncated = scores(tamper["course"], MODULE, "truncated")
    assert truncated[NB1]["role-owners-test"] == 4
    assert all(v == 0 for k, v in truncated[NB2].items() if k != "reflection")
    other = scores(tamper["course"], MODULE, "other-module")
    assert other[NB1]["role-owners-test"] == 0 and other[NB2]["rice-ranking-test"] == 3


def test_wrong_types_score_zero_without_crashing(tamper: dict) -> None:
    """Answers of the wrong type earn 0 for their exercises and nothing else changes."""
    got = scores(tamper["course"], MODULE, "wrong-types")
    assert got[NB1]["role-owners-test"] == 0
    for cell in ("rice-scores-test", "rice-ranking-test", "rice-cutline-test",
                 "funnel-rates-test", "funnel-worst-test"):
        assert got[NB2][cell] == 0, cell
    assert got[NB2]["funnel-platform-test"] == 1


def test_learner_code_cannot_replace_the_grader(tamper: dict) -> None:
    """Patching the grader from a learner cell, or shipping a fake one, earns nothing."""
    for learner in ("monkeypatch", "shadow", "shadow-direct"):
        got = scores(tamper["course"], MODULE, learner)
        assert all(v == 0 for nb in got.values() for v in nb.values() if v is not None), learner
    problems = {(p.learner, p.item): p.reason for p in tamper["collected"].problems}
    assert "in place of the course's own code" in problems[("shadow", "autograder")]
    # inside the grading sandbox the grading package is out of the learner code's sight
    graded = nbformat.read(tamper["course"] / "autograded" / "monkeypatch" / MODULE /
                           f"{NB2}.ipynb", as_version=4)
    errors = [o.evalue for c in graded.cells if c.cell_type == "code" for o in c.outputs
              if o.output_type == "error"]
    assert any("No module named 'autograder'" in e for e in errors), errors


def test_grading_again_is_idempotent(tamper: dict) -> None:
    """Grading again skips what is graded; forcing it gives the very same gradebook."""
    course = tamper["course"]
    graded = sorted(o.student for o in tamper["first"].outcomes if o.status == "graded")
    before = {s: scores(course, MODULE, s) for s in graded}
    again = grade(course, [MODULE], graded[:3], workers=2, progress=False)
    assert {o.status for o in again.outcomes} == {"skipped"}
    forced = grade(course, [MODULE], graded[:3], workers=2, progress=False, force=True)
    assert {o.status for o in forced.outcomes} == {"graded"}
    assert {s: scores(course, MODULE, s) for s in graded} == before
