"""Build the nbgrader source notebooks from their readable text form.

A lesson is written once, as a percent-format script in ``materials/lessons/<module>/``;
``python -m autograder.build.notebooks`` turns each into ``source/<module>/<name>.ipynb`` with
nbgrader's cell metadata, and ``--check`` fails when a committed notebook has drifted.

Cell headers carry the nbgrader role in a ``kind`` option::

    # %% [markdown] kind="readonly"             a locked reading
    # %% kind="readonly" grade_id="setup"         locked code (setup, widget cells)
    # %% kind="solution" grade_id="rice-code"     an answer cell (solution region inside)
    # %% kind="tests" grade_id="rice-t" points=3  an auto-graded test cell
    # %% [markdown] kind="manual" grade_id="refl" points=2   a hand-graded written answer

Cells without a ``kind`` are ordinary cells learners may edit freely.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import jupytext
import nbformat
from nbformat import NotebookNode

__all__ = ["build", "build_all", "lesson_sources", "main"]

ROOT = Path(__file__).resolve().parents[2]
LESSONS = ROOT / "materials" / "lessons"
SOURCE = ROOT / "source"

_KINDS = {
    "readonly": {"grade": False, "solution": False, "locked": True, "task": False},
    "solution": {"grade": False, "solution": True, "locked": False, "task": False},
    "tests": {"grade": True, "solution": False, "locked": True, "task": False},
    "manual": {"grade": True, "solution": True, "locked": False, "task": False},
}
_KERNEL = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


class LessonError(ValueError):
    """A lesson text that cannot become a valid nbgrader notebook."""


def lesson_sources(root: Path = LESSONS) -> list[Path]:
    """Return every lesson text (``materials/lessons/<module>/<name>.py``), sorted."""
    return sorted(p for p in root.glob("*/*.py") if not p.name.startswith("_"))


def build(text: Path) -> NotebookNode:
    """Return the nbgrader notebook described by the lesson text ``text``."""
    nb = jupytext.read(text, fmt="py:percent")
    cells = []
    seen: set[str] = set()
    for index, cell in enumerate(nb.cells):
        options = dict(cell.metadata)
        kind = options.pop("kind", None)
        grade_id = options.pop("grade_id", None)
        points = options.pop("points", None)
        metadata: dict = {}
        if kind is not None:
            if kind not in _KINDS:
                raise LessonError(f"{text.name}, cell {index + 1}: unknown kind {kind!r}")
            if not grade_id:
                grade_id = f"{text.stem}-{index + 1:02d}"
            if grade_id in seen:
                raise LessonError(f"{text.name}: grade_id {grade_id!r} is used twice")
            seen.add(grade_id)
            nbg = {**_KINDS[kind], "grade_id": grade_id, "schema_version": 3}
            if nbg["grade"]:
                if not isinstance(points, (int, float)) or points <= 0:
                    raise LessonError(f"{text.name}: {grade_id!r} needs points > 0")
                nbg["points"] = points
            if kind == "tests" and cell.cell_type != "code":
                raise LessonError(f"{text.name}: test cell {grade_id!r} must be code")
            metadata["nbgrader"] = nbg
            if kind in ("readonly", "tests"):
                metadata["deletable"] = False
                metadata["editable"] = False
        if options:
            raise LessonError(f"{text.name}, cell {index + 1}: unknown option(s) {sorted(options)}")
        cell_id = grade_id or f"{text.stem}-c{index + 1:02d}"
        if cell.cell_type == "code":
            new = nbformat.v4.new_code_cell(cell.source, metadata=metadata, id=cell_id)
        elif cell.cell_type == "markdown":
            new = nbformat.v4.new_markdown_cell(cell.source, metadata=metadata, id=cell_id)
        else:
            new = nbformat.v4.new_raw_cell(cell.source, metadata=metadata, id=cell_id)
        cells.append(new)
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.nbformat_minor = 5
    notebook.metadata = {
        "kernelspec": _KERNEL,
        "language_info": {"name": "python"},
    }
    nbformat.validate(notebook)
    return notebook


def _target(text: Path, source: Path) -> Path:
    return source / text.parent.name / f"{text.stem}.ipynb"


def _render(notebook: NotebookNode) -> str:
    return nbformat.writes(notebook) + "\n"


def build_all(check: bool = False, lessons: Path = LESSONS, source: Path = SOURCE) -> list[Path]:
    """Write (or with ``check`` only compare) every source notebook; return the stale ones."""
    stale = []
    for text in lesson_sources(lessons):
        target = _target(text, source)
        rendered = _render(build(text))
        current = target.read_text(encoding="utf-8") if target.exists() else None
        if current != rendered:
            stale.append(target)
            if not check:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(rendered, encoding="utf-8")
    return stale


def main(argv: list[str] | None = None) -> int:
    """Command line: build the source notebooks, or check that none has drifted."""
    parser = argparse.ArgumentParser(
        prog="python -m autograder.build.notebooks",
        description="Build source/<module>/*.ipynb from materials/lessons/<module>/*.py "
        "(the lesson texts are the one place to edit a lesson).",
    )
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 and list notebooks that differ from their text")
    args = parser.parse_args(argv)
    stale = build_all(check=args.check)
    for path in stale:
        verb = "differs from its lesson text:" if args.check else "wrote"
        print(f"{verb} {path.relative_to(ROOT)}")
    if args.check and stale:
        print("Run `make notebooks` (python -m autograder.build.notebooks) and commit the result.")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
