"""Synthetic cohorts without running a kernel: full solutions, partial work, blank releases.

The source notebooks of a module are run by each learner (:func:`tests.pipeline.solve`),
on that learner's own scenario variant, so the
widget answers they set in code are saved in answer records, as any learner's are when
they run their cells; nothing a kernel writes while grading counts. A *solution* learner
hands in that solved folder. A *partial* learner hands in the source notebooks with a
seeded share of the solution cells put back as released (the "# YOUR CODE HERE" stub) and
the solved records with a seeded share of their answers left out, so some exercises are
answered and others not.
"""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import nbformat
from nbgrader.api import Gradebook

from autograder.collect.cohort import db_url
from tests.learners import submit
from tests.pipeline import solve

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


def _thin_records(solved: Path, dest: Path, seed: int, share: float) -> None:
    """Copy the solved answer records into ``dest`` with a seeded share of answers left out."""
    rng = random.Random(seed)
    for path in sorted(solved.glob("*.answers.json")):
        record = json.loads(path.read_text())
        record["answers"] = {k: v for k, v in sorted(record["answers"].items())
                             if rng.random() >= share}
        (dest / path.name).write_text(json.dumps(record))


def submit_cohort(course: Path, module: str, size: int, work: Path,
                  prefix: str = "learner", mode: str | None = None) -> list[str]:
    """Submit ``size`` learners of ``module`` cycling solution, partial, blank; return ids.

    Each learner solves their own scenario; with ``mode="shared"`` (for a course copy set
    up by :func:`tests.pipeline.share_variant`) the notebooks are solved once for all.
    """
    source, release = course / "source" / module, course / "release" / module
    ids = []
    for i in range(size):
        kind = KINDS[i % len(KINDS)]
        learner = f"{prefix}{i:02d}"
        solver = "class" if mode == "shared" else learner
        solved = work / module / f"_solved-{solver}"  # each on their own scenario
        if kind != "blank" and not solved.exists():
            solve(source, solved, solver, mode)
        if kind == "solution":
            files = sorted(solved.iterdir())
        elif kind == "blank":
            files = sorted(release.glob("*.ipynb"))
        else:
            folder = work / module / learner
            if folder.exists():
                shutil.rmtree(folder)
            partial(source, release, folder, seed=i)
            _thin_records(solved, folder, seed=i, share=0.5)
            files = sorted(folder.iterdir())
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
