"""Shared pipeline machinery: a course copy, a cohort of learners, one stock nbgrader run.

Every module's pipeline test builds the same three learners (``solution``: the source
notebooks; ``untouched``: the release as handed out; ``wrong``: plausible mistakes typed
into the release and run by a real kernel), grades them with ``nbgrader autograde``,
generates feedback and exports grades. A module adds learners of its own when it needs to.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import nbformat
from nbgrader.api import Gradebook

from autograder.build.leaks import answer_texts
from autograder.nbg import copy_course, nbgrader
from autograder.pipeline.parallel import grade as grade_cohort
from tests.learners import edit_cells, run_notebook, submit

__all__ = [
    "COURSE_ID", "auto_maxima", "build_cohort", "false_alarms", "feedback_leaks", "grade_learner",
    "raw_tables", "scores", "share_variant", "solve", "work_as",
]

COURSE_ID = "product-leadership"


def _db(course: Path) -> str:
    return f"sqlite:///{course / 'gradebook.db'}"


def work_as(release: Path, dest: Path, edits: dict[str, dict[str, str]],
            widget_cells: set[str], learner: str, mode: str | None = None) -> Path:
    """Copy ``release`` to ``dest``, type ``edits`` in, run every notebook as ``learner``, save.

    Cells in ``widget_cells`` are the optional "answer in code" cells of widget exercises:
    after the run they are put back as released, as if the learner had clicked the widgets
    instead, so the answer lives only in the record and in the notebook's copy.
    """
    shutil.copytree(release, dest)
    for stem, cells in edits.items():
        edit_cells(dest / f"{stem}.ipynb", cells)
    for notebook in sorted(dest.glob("*.ipynb")):
        run_notebook(notebook, learner=learner, mode=mode)
    for stem, cells in edits.items():
        path = dest / f"{stem}.ipynb"
        released = {c.id: c.source for c in nbformat.read(release / path.name, 4).cells}
        edit_cells(path, {cell: released[cell] for cell in cells if cell in widget_cells})
    return dest


def solve(source: Path, dest: Path, learner: str, mode: str | None = None) -> Path:
    """Copy the source notebooks to ``dest`` and run them as ``learner``, who answered all.

    Widget answers set in code are saved when their cell runs, as for any learner; the
    grader reads those saved answers, never what a kernel writes while grading. The
    answers fit ``learner``'s own scenario: hand them in under that id (or, with ``mode``
    "shared", under any id of a course that :func:`share_variant` set up).
    """
    dest.mkdir(parents=True)
    for notebook in sorted(source.glob("*.ipynb")):
        shutil.copy2(notebook, dest / notebook.name)
        run_notebook(dest / notebook.name, learner=learner, mode=mode)
    return dest


def share_variant(course: Path) -> None:
    """Give the whole class of the course copy ``course`` one shared scenario variant.

    For tests that hand in one solved folder under many learner ids (tampered, damaged
    copies): solve it with ``mode="shared"`` too.
    """
    with (course / "nbgrader_config.py").open("a", encoding="utf-8") as config:
        config.write('\nc.Variants.mode = "shared"  # added by tests.pipeline.share_variant\n')


def build_cohort(
    module: str, tmp: Path, wrong: dict[str, dict[str, str]], widget_cells: set[str],
    more: Callable[[Path, Path, Path], None] | None = None, *, stock: bool = False,
) -> Path:
    """Build and grade the standard cohort of ``module`` in ``tmp``; return the course root.

    ``more(course, release, work)`` may submit extra learners before grading. With
    ``stock`` the cohort is graded by the stock ``nbgrader autograde`` command (module 01
    does this); otherwise by the course's parallel grader, which runs nbgrader's own
    Autograde converter and gives the same scores (tests/test_parallel.py checks that),
    in a fraction of the time.
    """
    course = copy_course(tmp / "course")
    nbgrader("generate_assignment", module, "--force", root=course)
    release = course / "release" / module
    work = tmp / "learners"
    work.mkdir()
    submit(course, "solution", module, sorted(solve(course / "source" / module,
                                                    work / "solution", "solution").iterdir()))
    submit(course, "untouched", module, sorted(release.glob("*.ipynb")))
    mistakes = work_as(release, work / "wrong", wrong, widget_cells, "wrong")
    submit(course, "wrong", module, sorted(mistakes.iterdir()))
    if more is not None:
        more(course, release, work)
    if stock:
        nbgrader("autograde", module, root=course)
    else:
        summary = grade_cohort(course, [module], workers=1, progress=False)
        assert summary.count("failed") == 0, "\n".join(summary.lines())
    nbgrader("generate_feedback", module, root=course)
    nbgrader("export", root=course)
    return course


def grade_learner(tmp: Path, module: str, folder: Path,
                  student: str = "tester") -> dict[str, dict[str, float | None]]:
    """Hand in ``folder`` to a fresh course copy, grade it with stock nbgrader, return scores.

    ``student`` is the learner who did the work: by default the one every test runs as
    (tests/conftest.py), whose scenario the browser tests' JupyterLab showed.
    """
    course = copy_course(tmp / "course")
    nbgrader("generate_assignment", module, "--force", root=course)
    submit(course, student, module, sorted(folder.iterdir()))
    nbgrader("autograde", module, "--student", student, root=course)
    return scores(course, module, student)


def scores(course: Path, module: str, student: str) -> dict[str, dict[str, float | None]]:
    """Return ``{notebook: {grade_id: auto_score}}`` for one learner from the gradebook."""
    out: dict[str, dict[str, float | None]] = {}
    with Gradebook(_db(course), course_id=COURSE_ID) as gb:
        for notebook in gb.find_assignment(module).notebooks:
            sub = gb.find_submission_notebook(notebook.name, module, student)
            out[notebook.name] = {g.name: g.auto_score for g in sub.grades}
    return out


def auto_maxima(course: Path, module: str) -> dict[str, dict[str, float]]:
    """Return the points of every auto-graded (code) cell, per notebook."""
    out: dict[str, dict[str, float]] = {}
    with Gradebook(_db(course), course_id=COURSE_ID) as gb:
        for notebook in gb.find_assignment(module).notebooks:
            out[notebook.name] = {
                c.name: c.max_score for c in notebook.grade_cells if c.cell_type == "code"
            }
    return out


def feedback_leaks(course: Path, module: str, student: str) -> dict[str, list[str]]:
    """Return ``{page: [what leaked]}`` for a learner's feedback pages (empty when clean)."""
    texts = answer_texts(course / "source")
    found = {}
    pages = sorted((course / "feedback" / student / module).glob("*.html"))
    assert pages, f"no feedback for {student}"
    for page in pages:
        html = page.read_text()
        leaked = [what for text, what in texts.items() if text in html]
        if "BEGIN HIDDEN TESTS" in html:
            leaked.append("a hidden test block")
        if leaked:
            found[page.name] = leaked
    return found


def false_alarms(course: Path, module: str, student: str) -> list[str]:
    """Return the self-check lines marked ✗ in a learner's graded notebooks."""
    found = []
    for path in sorted((course / "autograded" / student / module).glob("*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            for output in cell.get("outputs", []) if cell.cell_type == "code" else []:
                text = output.get("text", "") or output.get("data", {}).get("text/plain", "")
                found += [f"{path.stem}: {line}" for line in str(text).splitlines()
                          if line.startswith("✗")]
    return found


def raw_tables(course: Path, module: str, student: str) -> list[str]:
    """Return the cells of a learner's graded notebooks that show a raw pandas table.

    A table a learner reads goes through ``course.tables.styled`` (readable headers with
    units, "none" for a gap); a raw frame's HTML carries ``class="dataframe"``. Each hit is
    "notebook: last line of the cell's source".
    """
    found = []
    for path in sorted((course / "autograded" / student / module).glob("*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            outputs = cell.get("outputs", []) if cell.cell_type == "code" else []
            if any('class="dataframe"' in str(output.get("data", {}).get("text/html", ""))
                   for output in outputs):
                lines = [line for line in cell.source.splitlines() if line.strip()]
                found.append(f"{path.stem}: {lines[-1] if lines else ''}")
    return found
