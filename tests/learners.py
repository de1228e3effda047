"""Build learner submissions the way learners make them: edit cells, run the notebook, save."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import nbclient
import nbformat

from course.answers import ANSWER_MIME

__all__ = ["edit_cells", "run_notebook", "strip_answer_copies", "submit"]


def edit_cells(path: Path, sources: dict[str, str]) -> None:
    """Replace the source of the cells with the given ids (as a learner typing in them)."""
    nb = nbformat.read(path, as_version=4)
    found = set()
    for cell in nb.cells:
        if cell.get("id") in sources:
            cell.source = sources[cell.id]
            found.add(cell.id)
    missing = set(sources) - found
    assert not missing, f"no cell with id {sorted(missing)} in {path.name}"
    nbformat.write(nb, path)


def run_notebook(path: Path, timeout: int = 60, learner: str | None = None,
                 mode: str | None = None) -> nbformat.NotebookNode:
    """Execute a notebook in its own folder, save it with outputs, and return it.

    ``learner`` is who runs it (``PLCOURSE_LEARNER``): their own scenario variant. Hand the
    result in under that same id, or it is graded on another learner's variant. ``mode``
    "shared" runs it on the class's shared variant (``PLCOURSE_VARIANTS``).
    """
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(
        nb, timeout=timeout, allow_errors=True, kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    env = dict(os.environ)
    if learner is not None:
        env["PLCOURSE_LEARNER"] = learner
    if mode is not None:
        env["PLCOURSE_VARIANTS"] = mode
    client.execute(env=env)
    nbformat.write(nb, path)
    return nb


def strip_answer_copies(path: Path) -> int:
    """Remove the answer copies a notebook keeps in its outputs; return how many."""
    nb = nbformat.read(path, as_version=4)
    removed = 0
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        kept = []
        for output in cell.outputs:
            if ANSWER_MIME in output.get("data", {}):
                removed += 1
            else:
                kept.append(output)
        cell.outputs = kept
    nbformat.write(nb, path)
    return removed


def submit(course: Path, student: str, module: str, files: list[Path],
           timestamp: str = "2026-11-20 10:00:00.000000 UTC") -> Path:
    """Place files in ``submitted/<student>/<module>/`` as nbgrader collect would."""
    target = course / "submitted" / student / module
    target.mkdir(parents=True, exist_ok=True)
    for file in files:
        if file.is_dir():  # e.g. .ipynb_checkpoints, which nbgrader ignores
            shutil.copytree(file, target / file.name, dirs_exist_ok=True)
        else:
            shutil.copy2(file, target / file.name)
    (target / "timestamp.txt").write_text(timestamp)
    return target


def record(path: Path) -> dict:
    """Return the JSON of an answer record."""
    return json.loads(path.read_text())
