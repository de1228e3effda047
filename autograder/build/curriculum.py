"""The curriculum map: every graded exercise with its grade ids, competencies and roles.

``python -m autograder.build.curriculum`` (``make map``) builds the map from the exercise
catalog and the grade cells of ``source/``, writes ``materials/curriculum.yaml`` (shipped
with the learner's package; it holds no reference answer) and the coverage tables of the
README between ``<!-- coverage:start -->`` and ``<!-- coverage:end -->``. With
``--check`` it writes nothing and exits 1 when either is stale or a grade cell and the
catalog disagree.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat
import yaml

from autograder.scoring.catalog import Exercise, all_exercises
from course.roles import COMPETENCY_IDS, CONTRAST_IDS, ROLE_IDS

__all__ = [
    "FORMAT",
    "MAP_PATH",
    "README_PATH",
    "CurriculumError",
    "GradeCell",
    "build_map",
    "coverage",
    "grade_cells",
    "main",
    "missing",
    "problems",
    "render_readme_block",
    "render_yaml",
    "update_readme",
]

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "source"
MAP_PATH = ROOT / "materials" / "curriculum.yaml"
README_PATH = ROOT / "README.md"
FORMAT = "product-leadership-curriculum"
START, END = "<!-- coverage:start -->", "<!-- coverage:end -->"
_GRADE_CALL = re.compile(r'grade\(\s*"([^"]+)"')
# the hidden-test forms of the out-of-kernel grader (autograder/pipeline/score.py)
_REPORT_CALL = re.compile(r"""\breport\(\s*["']([^"']+)["']""")
_RECORD_MARK = re.compile(r"^\s*# graded from the saved answer:\s*(\S+)\s*$", re.MULTILINE)


class CurriculumError(ValueError):
    """The catalog, the source notebooks or the README cannot give a consistent map."""


@dataclass(frozen=True)
class GradeCell:
    """One graded cell of a source notebook and the exercise it grades."""

    module: str
    notebook: str
    grade_id: str
    key: str | None  # ``<module>/<exercise>``; None when the cell grades nothing known
    points: float


def grade_cells(source: Path = SOURCE) -> list[GradeCell]:
    """Return every graded cell (auto-graded tests and hand-graded answers) under ``source``."""
    cells = []
    for path in sorted(source.glob("*/*.ipynb")):
        module, notebook = path.parent.name, path.stem
        for cell in nbformat.read(path, as_version=4).cells:
            meta = cell.metadata.get("nbgrader", {})
            if not meta.get("grade"):
                continue
            if cell.cell_type == "markdown":
                key: str | None = f"{module}/{meta['grade_id']}"
            else:
                calls = list(dict.fromkeys(
                    _GRADE_CALL.findall(cell.source) + _REPORT_CALL.findall(cell.source)
                    + _RECORD_MARK.findall(cell.source)))
                key = calls[0] if len(calls) == 1 else None
            cells.append(GradeCell(module, notebook, meta["grade_id"], key,
                                   float(meta.get("points", 0))))
    return cells


def problems(exercises: Iterable[Exercise], cells: Iterable[GradeCell]) -> list[str]:
    """Return every disagreement between the catalog and the grade cells, in plain words."""
    exercises, cells = list(exercises), list(cells)
    found = []
    keys = {e.key: e for e in exercises}
    for cell in cells:
        where = f"{cell.module}/{cell.notebook}.ipynb#{cell.grade_id}"
        exercise = keys.get(cell.key or "")
        if exercise is None:
            found.append(f"grade cell {where} grades no catalog exercise "
                         f"({cell.key or 'no single grade(...) call'})")
        elif exercise.notebook != cell.notebook or exercise.module != cell.module:
            found.append(f"grade cell {where} grades {exercise.key}, which the catalog places "
                         f"in notebook {exercise.notebook!r}")
    graded = {c.key for c in cells}
    for exercise in exercises:
        if exercise.key not in graded:
            found.append(f"catalog exercise {exercise.key} has no grade cell in source/")
        for competency in exercise.competencies:
            if competency not in COMPETENCY_IDS:
                found.append(f"catalog exercise {exercise.key} names an unknown competency "
                             f"{competency!r}")
        for role in exercise.roles:
            if role not in ROLE_IDS + CONTRAST_IDS:
                found.append(f"catalog exercise {exercise.key} names an unknown role {role!r}")
    return found


def build_map(exercises: Iterable[Exercise] | None = None,
              cells: Iterable[GradeCell] | None = None) -> dict[str, Any]:
    """Return the curriculum map (plain data, ready for YAML) of the catalog and source/."""
    exercises = all_exercises() if exercises is None else list(exercises)
    cells = grade_cells() if cells is None else list(cells)
    ids: dict[str, list[str]] = {}
    for cell in cells:
        if cell.key:
            ids.setdefault(cell.key, []).append(cell.grade_id)
    entries = []
    for e in sorted(exercises, key=lambda e: (e.module, e.notebook, e.exercise)):
        entries.append({
            "module": e.module,
            "notebook": e.notebook,
            "exercise": e.exercise,
            "grade_ids": sorted(ids.get(e.key, [])),
            "source": e.source,
            "record": e.record if e.source == "record" else None,
            "family": e.family,
            "points": float(e.points),
            "competencies": [c for c in COMPETENCY_IDS if c in e.competencies],
            "roles": [r for r in ROLE_IDS + CONTRAST_IDS if r in e.roles],
        })
    return {
        "format": FORMAT,
        "schema": 1,
        "competencies": list(COMPETENCY_IDS),
        "roles": list(ROLE_IDS),
        "exercises": entries,
    }


def render_yaml(curriculum: dict[str, Any]) -> str:
    """Return the committed text of ``materials/curriculum.yaml``."""
    head = ("# The curriculum map: every graded exercise of every module, with its grade ids,\n"
            "# competencies and roles. Generated by `python -m autograder.build.curriculum`\n"
            "# (make map) from autograder/scoring/catalog and source/: do not edit by hand.\n")
    return head + yaml.safe_dump(curriculum, sort_keys=False, default_flow_style=None,
                                 allow_unicode=True, width=100)


def _modules(curriculum: dict[str, Any]) -> list[str]:
    return sorted({e["module"] for e in curriculum["exercises"]})


def coverage(curriculum: dict[str, Any], what: str = "competencies") -> dict[str, dict[str, int]]:
    """Return ``{id: {module: number of graded exercises}}`` for competencies or roles."""
    ids = curriculum[what]
    table = {i: dict.fromkeys(_modules(curriculum), 0) for i in ids}
    for entry in curriculum["exercises"]:
        for i in entry[what]:
            if i in table:
                table[i][entry["module"]] += 1
    return table


def missing(curriculum: dict[str, Any]) -> dict[str, list[str]]:
    """Return the competencies and roles that no graded exercise covers yet."""
    return {what: [i for i, row in coverage(curriculum, what).items() if not sum(row.values())]
            for what in ("competencies", "roles")}


def _table(curriculum: dict[str, Any], what: str, names: dict[str, str],
           label: str) -> list[str]:
    modules = _modules(curriculum)
    head = f"| {label} | " + " | ".join(m.split("-", 1)[0] for m in modules) + " | total |"
    lines = [head, "|---|" + "---:|" * (len(modules) + 1)]
    for i, row in coverage(curriculum, what).items():
        cells = [str(n) if n else "·" for n in row.values()]
        total = sum(row.values())
        lines.append(f"| {names.get(i, i)} | " + " | ".join(cells)
                     + f" | {total if total else '**0**'} |")
    return lines


def render_readme_block(curriculum: dict[str, Any]) -> str:
    """Return the coverage section written between the README's markers."""
    from course.roles import competency_names, roles

    names = competency_names()
    role_names = roles()["name"].to_dict()
    gaps = missing(curriculum)
    total_c, total_r = len(curriculum["competencies"]), len(curriculum["roles"])
    lines = [
        START,
        f"Graded exercises per competency and module ({len(curriculum['exercises'])} graded "
        f"exercises; one exercise usually trains several competencies). Generated from "
        f"`materials/curriculum.yaml` by `make map`.",
        "",
        *_table(curriculum, "competencies", names, "competency"),
        "",
        *_table(curriculum, "roles", role_names, "role"),
        "",
        f"Covered by graded work: {total_c - len(gaps['competencies'])}/{total_c} "
        f"competencies, {total_r - len(gaps['roles'])}/{total_r} roles"
        + (f"; not yet: {', '.join(gaps['competencies'] + gaps['roles'])}."
           if gaps["competencies"] or gaps["roles"] else "."),
        END,
    ]
    return "\n".join(lines)


def update_readme(text: str, block: str) -> str:
    """Return ``text`` with the part between the coverage markers replaced by ``block``."""
    if text.count(START) != 1 or text.count(END) != 1 or text.index(START) > text.index(END):
        raise CurriculumError(
            f"README.md needs exactly one {START} followed by one {END} (in the 'Curriculum "
            f"coverage' section) for the coverage table."
        )
    before, rest = text.split(START, 1)
    after = rest.split(END, 1)[1]
    return before + block + after


def main(argv: list[str] | None = None) -> int:
    """Command line: write the curriculum map and the README table, or check they are fresh."""
    parser = argparse.ArgumentParser(
        prog="python -m autograder.build.curriculum",
        description="Build materials/curriculum.yaml and the README's coverage table from the "
        "exercise catalog and the grade cells of source/.",
    )
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if the map or the README table is stale "
                        "or a grade cell and the catalog disagree")
    args = parser.parse_args(argv)
    exercises, cells = all_exercises(), grade_cells()
    found = problems(exercises, cells)
    curriculum = build_map(exercises, cells)
    text = render_yaml(curriculum)
    readme = README_PATH.read_text(encoding="utf-8")
    try:
        new_readme = update_readme(readme, render_readme_block(curriculum))
    except CurriculumError as exc:
        print(exc)
        return 1
    stale = []
    current = MAP_PATH.read_text(encoding="utf-8") if MAP_PATH.exists() else None
    if current != text:
        stale.append(MAP_PATH)
    if new_readme != readme:
        stale.append(README_PATH)
    for problem in found:
        print(f"PROBLEM {problem}")
    for path in stale:
        if args.check:
            print(f"stale: {path.relative_to(ROOT)}")
        else:
            path.write_text(text if path == MAP_PATH else new_readme, encoding="utf-8")
            print(f"wrote {path.relative_to(ROOT)}")
    gaps = missing(curriculum)
    print(f"{len(curriculum['exercises'])} graded exercises in "
          f"{len(_modules(curriculum))} modules; not covered yet: "
          f"{', '.join(gaps['competencies'] + gaps['roles']) or 'nothing'}")
    if args.check and stale:
        print("Run `make map` (python -m autograder.build.curriculum) and commit the result.")
    return 1 if found or (args.check and stale) else 0


if __name__ == "__main__":
    sys.exit(main())
