"""Synthetic cohorts without running a kernel: full solutions, partial work, blank releases.

A *partial* learner hands in the source notebooks with a seeded share of the solution
cells put back as released (the "# YOUR CODE HERE" stub), so some exercises are answered
and others not. Widget exercises answered in code write their answer record when the
notebook runs at grading time, as the pipeline tests' ``solution`` learner does.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import nbformat
from nbgrader.api import Gradebook

from autograder.cohort import db_url
from tests.learners import submit

__all__ = ["KINDS", "gradebook", "partial", "submit_cohort"]

KINDS = ("solution", "partial", "blank")


def partial(source: Path, release: Path, dest: Path, seed: int, share: float = 0.5) -> Path:
    """Write the notebooks of ``source`` into ``dest`` with a share of solutions left blank."""
    rng = random.Random(seed)
    dest.mkdir(parents=True, exist_ok=True)
    for path in sorted(source.glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        released = {c.get("id"): c.source for c in nbformat.read(release / path.name, 4).cells}
        for cell in nb.cells:
            meta = cell.metadata.get("nbgrader", {})
            if meta.get("solution") and cell.get("id") in released and rng.random() < share:
                cell.source = released[cell.id]
        nbformat.write(nb, dest / path.name)
    return dest


def submit_cohort(course: Path, module: str, size: int, work: Path,
                  prefix: str = "learner") -> list[str]:
    """Submit ``size`` learners of ``module`` cycling solution, partial, blank; return ids."""
    source, release = course / "source" / module, course / "release" / module
    ids = []
    for i in range(size):
        kind = KINDS[i % len(KINDS)]
        learner = f"{prefix}{i:02d}"
        if kind == "solution":
            files = sorted(source.glob("*.ipynb"))
        elif kind == "blank":
            files = sorted(release.glob("*.ipynb"))
        else:
            folder = work / module / learner
            if folder.exists():
                shutil.rmtree(folder)
            files = sorted(partial(source, release, folder, seed=i).glob("*.ipynb"))
        submit(course, learner, module, files)
        ids.append(learner)
    return ids


def gradebook(root: Path) -> dict[tuple[str, ...], tuple]:
    """Return every grade of the gradebook: (module, learner, notebook, cell) -> scores."""
    out: dict[tuple[str, ...], tuple] = {}
    with Gradebook(db_url(root)) as gb:
        for assignment in gb.assignments:
            for submission in assignment.submissions:
                for notebook in submission.notebooks:
                    for g in notebook.grades:
                        out[(assignment.name, submission.student.id, notebook.name, g.name)] = (
                            g.auto_score, g.manual_score, g.needs_manual_grade)
    return out
