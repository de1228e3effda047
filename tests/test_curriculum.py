"""The curriculum map: complete, fresh, consistent with source/, and covering the course."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from autograder.build.curriculum import (
    END,
    MAP_PATH,
    README_PATH,
    START,
    CurriculumError,
    GradeCell,
    build_map,
    grade_cells,
    main,
    missing,
    problems,
    render_readme_block,
    render_yaml,
    update_readme,
)
from autograder.scoring.catalog import Exercise, all_exercises
from autograder.scoring.rules import Score
from course.progress import curriculum
from course.roles import COMPETENCY_IDS, ROLE_IDS


def _committed() -> dict:
    return yaml.safe_load(MAP_PATH.read_text(encoding="utf-8"))


def test_every_grade_id_in_source_is_in_the_map_and_back() -> None:
    """Each graded cell of source/ is listed in the map, and each listed grade id exists."""
    in_source = {(c.module, c.notebook, c.grade_id) for c in grade_cells()}
    in_map = {(e["module"], e["notebook"], g) for e in _committed()["exercises"]
              for g in e["grade_ids"]}
    assert in_source - in_map == set(), "grade cells missing from the map: run `make map`"
    assert in_map - in_source == set(), "the map lists grade ids that source/ no longer has"
    unmapped = [e["module"] + "/" + e["exercise"] for e in _committed()["exercises"]
                if not e["grade_ids"]]
    assert unmapped == [], f"catalog exercises without a grade cell in source/: {unmapped}"


def test_catalog_and_grade_cells_agree() -> None:
    """No grade cell grades an unknown exercise and no exercise lacks a cell or uses a bad id."""
    assert problems(all_exercises(), grade_cells()) == []


def test_committed_map_and_readme_table_are_fresh() -> None:
    """materials/curriculum.yaml and the README's coverage table equal a rebuild (no drift)."""
    fresh = build_map()
    assert MAP_PATH.read_text(encoding="utf-8") == render_yaml(fresh), "run `make map`"
    readme = README_PATH.read_text(encoding="utf-8")
    assert update_readme(readme, render_readme_block(fresh)) == readme, "run `make map`"


def test_all_competencies_and_roles_are_covered() -> None:
    """All fifteen competencies and all ten roles are trained by graded work somewhere."""
    gaps = missing(_committed())
    assert gaps == {"competencies": [], "roles": []}, f"not covered by graded work: {gaps}"


def test_map_holds_no_reference_answer() -> None:
    """No catalog fingerprint (a reference value) appears in the shipped map."""
    text = MAP_PATH.read_text(encoding="utf-8")
    for exercise in all_exercises():
        for fingerprint in exercise.fingerprints():
            assert fingerprint not in text, exercise.key


def test_map_ships_with_the_course_package() -> None:
    """The learner's package reads the same map through its package data."""
    assert curriculum()["exercises"] == _committed()["exercises"]
    assert curriculum()["competencies"] == list(COMPETENCY_IDS)


def _exercise(key: str, **extra: object) -> Exercise:
    module, name = key.split("/")
    return Exercise(module, "1-nb", name, 2, "roles", lambda v: Score(1.0, "ok"), **extra)


def test_disagreements_are_reported_in_plain_words() -> None:
    """An orphan grade cell, an exercise without a cell and unknown ids are each reported."""
    exercises = [_exercise("99-x/a", competencies=("leadershp",), roles=("boss",)),
                 _exercise("99-x/b")]
    cells = [GradeCell("99-x", "1-nb", "a-test", "99-x/a", 2),
             GradeCell("99-x", "1-nb", "c-test", "99-x/c", 1),
             GradeCell("99-x", "2-nb", "b-test", "99-x/b", 2)]
    found = "\n".join(problems(exercises, cells))
    assert "1-nb.ipynb#c-test grades no catalog exercise (99-x/c)" in found
    assert "grades 99-x/b, which the catalog places in notebook '1-nb'" in found
    assert "unknown competency 'leadershp'" in found and "unknown role 'boss'" in found
    assert "99-x/a has no grade cell" not in found
    assert "has no grade cell" in "\n".join(problems(exercises, cells[:1]))


def test_missing_coverage_is_named() -> None:
    """A map that misses competencies and roles lists exactly which ones."""
    small = build_map([_exercise("99-x/a", competencies=("leadership",),
                                 roles=("cpo", "director"))],
                      [GradeCell("99-x", "1-nb", "a-test", "99-x/a", 2)])
    gaps = missing(small)
    assert gaps["competencies"] == [c for c in COMPETENCY_IDS if c != "leadership"]
    assert gaps["roles"] == [r for r in ROLE_IDS if r not in ("cpo", "director")]
    block = render_readme_block(small)
    assert "1/15 competencies, 2/10 roles; not yet: strategic-thinking" in block
    assert "| Leadership | 1 | 1 |" in block


def test_readme_markers_are_required() -> None:
    """Updating a README without the coverage markers fails with a clear message."""
    with pytest.raises(CurriculumError, match="coverage:start"):
        update_readme("# no markers here\n", "x")
    assert update_readme(f"a\n{START}\nold\n{END}\nb\n", f"{START}\nnew\n{END}") == (
        f"a\n{START}\nnew\n{END}\nb\n")


def test_check_command_reports_drift(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    """``--check`` writes nothing and exits 1 when the committed map is stale."""
    import autograder.build.curriculum as cur

    stale_map = tmp_path / "curriculum.yaml"
    stale_map.write_text("format: old\n")
    readme = tmp_path / "README.md"
    readme.write_text(README_PATH.read_text(encoding="utf-8"))
    monkeypatch.setattr(cur, "MAP_PATH", stale_map)
    monkeypatch.setattr(cur, "README_PATH", readme)
    monkeypatch.setattr(cur, "ROOT", tmp_path)
    assert main(["--check"]) == 1
    assert "stale: curriculum.yaml" in capsys.readouterr().out
    assert stale_map.read_text() == "format: old\n"
    main([])
    assert stale_map.read_text() == render_yaml(build_map())
