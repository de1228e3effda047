"""Grades out of the gradebook: nbgrader's CSV, and per exercise and per competency.

A grade cell of a source notebook is tied to a catalog exercise by the ``grade("<key>"``
call of its hidden test (or, for a hand-graded answer, by its grade id), so every score
carries the exercise's family and competencies from :mod:`autograder.scoring.catalog`.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

import nbformat

from autograder.collect.cohort import db_url
from autograder.nbg import course_config, nbgrader
from autograder.scoring.catalog import Exercise, all_exercises

__all__ = ["Row", "competency_table", "exercise_map", "export", "handed_out", "rows"]

#: nbgrader's default exchange root, when the course's config sets none
_EXCHANGE = "/srv/nbgrader/exchange"

_CALL = re.compile(r"""grade\(\s*["']([^"']+)["']""")


@dataclass(frozen=True)
class Row:
    """One learner's score on one grade cell."""

    learner: str
    module: str
    notebook: str
    cell: str
    exercise: Exercise | None
    #: None while a hand-graded answer waits for the instructor
    points: float | None
    max_points: float


def exercise_map(root: Path) -> dict[tuple[str, str, str], Exercise]:
    """Return ``{(module, notebook, grade id): exercise}`` for the source notebooks of ``root``."""
    catalog = {e.key: e for e in all_exercises()}
    found: dict[tuple[str, str, str], Exercise] = {}
    try:  # the curriculum map ties grade cells to exercises, when the course has one
        from autograder.build.curriculum import grade_cells
    except ImportError:
        grade_cells = None
    if grade_cells is not None:
        for cell in grade_cells(Path(root) / "source"):
            if cell.key in catalog:
                found[(cell.module, cell.notebook, cell.grade_id)] = catalog[cell.key]
    for path in sorted((Path(root) / "source").glob("*/*.ipynb")):
        module = path.parent.name
        for cell in nbformat.read(path, as_version=4).cells:
            grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
            if not grade_id or (module, path.stem, grade_id) in found:
                continue
            keys = _CALL.findall(cell.source) + [f"{module}/{grade_id}"]
            for key in keys:
                if key in catalog:
                    found[(module, path.stem, grade_id)] = catalog[key]
                    break
    return found


def rows(root: Path) -> list[Row]:
    """Return every learner's score on every grade cell of every module in the gradebook."""
    from nbgrader.api import Gradebook, MissingEntry

    mapping = exercise_map(root)
    out: list[Row] = []
    with Gradebook(db_url(root)) as gb:
        students = sorted(s.id for s in gb.students)
        for assignment in sorted(gb.assignments, key=lambda a: a.name):
            for student in students:
                try:
                    submission = gb.find_submission(assignment.name, student)
                except MissingEntry:
                    continue
                for notebook in submission.notebooks:
                    for g in notebook.grades:
                        points = g.manual_score if g.manual_score is not None else g.auto_score
                        if g.needs_manual_grade and g.manual_score is None:
                            points = None
                        out.append(Row(student, assignment.name, notebook.name, g.name,
                                       mapping.get((assignment.name, notebook.name, g.name)),
                                       None if points is None else float(points),
                                       float(g.max_score)))
    return out


def competency_table(data: list[Row]) -> list[dict[str, object]]:
    """Return per learner and competency: points, the maximum, the share (graded work only).

    An exercise counts in full for each competency it exercises; work waiting for a
    hand grade is left out of both the points and the maximum until it is graded.
    """
    totals: dict[tuple[str, str], list[float]] = {}
    for row in data:
        if row.exercise is None or row.points is None:
            continue
        for competency in row.exercise.competencies:
            t = totals.setdefault((row.learner, competency), [0.0, 0.0])
            t[0] += row.points
            t[1] += row.max_points
    return [
        {"learner": learner, "competency": competency, "points": round(p, 4),
         "max_points": round(m, 4), "share": round(p / m, 4) if m else 0.0}
        for (learner, competency), (p, m) in sorted(totals.items())
    ]


def handed_out(root: Path) -> list[str]:
    """Return the modules learners were given: released to the exchange, or with a submission.

    A submission counts in the gradebook or in ``submitted/``. ``plcourse release`` records
    every module in the gradebook, handed out or not; a module nobody was given must not
    put a row of zeros per learner into the export.
    """
    from nbgrader.api import Gradebook

    root = Path(root).resolve()
    found = {p.name for p in (root / "submitted").glob("*/*") if p.is_dir()}
    if (root / "gradebook.db").exists():
        with Gradebook(db_url(root)) as gb:
            found |= {a.name for a in gb.assignments if a.submissions}
    config = course_config(root)
    exchange = Path(config.Exchange.get("root", _EXCHANGE))
    course_id = config.CourseDirectory.get("course_id", "")
    if course_id and (exchange / course_id / "outbound").is_dir():
        found |= {p.name for p in (exchange / course_id / "outbound").iterdir() if p.is_dir()}
    return sorted(found)


def export(root: Path, out: Path | None = None) -> list[Path]:
    """Write the three grade CSV files into ``out`` (default: the course root); return them.

    ``grades.csv`` comes from the stock ``nbgrader export``, limited to the modules
    :func:`handed_out` finds; ``grades_by_exercise.csv`` and ``grades_by_competency.csv``
    from the gradebook and the catalog.
    """
    root = Path(root).resolve()
    out = Path(out).resolve() if out else root
    out.mkdir(parents=True, exist_ok=True)
    stock = out / "grades.csv"
    # an empty list would mean "every module": name one that cannot exist instead
    names = handed_out(root) or ["(no module handed out yet)"]
    nbgrader("export", "--to", str(stock), f"--ExportPlugin.assignment={names!r}", root=root)
    data = rows(root)
    by_exercise = out / "grades_by_exercise.csv"
    with open(by_exercise, "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["learner", "module", "notebook", "grade_cell", "exercise", "family",
                         "competencies", "points", "max_points", "status"])
        for r in data:
            writer.writerow([
                r.learner, r.module, r.notebook, r.cell,
                r.exercise.exercise if r.exercise else "", r.exercise.family if r.exercise else "",
                " ".join(r.exercise.competencies) if r.exercise else "",
                "" if r.points is None else f"{r.points:g}", f"{r.max_points:g}",
                "waiting for a hand grade" if r.points is None else "graded",
            ])
    by_competency = out / "grades_by_competency.csv"
    with open(by_competency, "w", newline="") as handle:
        writer = csv.DictWriter(handle, ["learner", "competency", "points", "max_points",
                                         "share"])
        writer.writeheader()
        writer.writerows(competency_table(data))
    return [stock, by_exercise, by_competency]
