"""The variant tester: every varying exercise sound on 50 learners' scenarios, and it can fail."""

from __future__ import annotations

import pandas as pd
import pytest

import course.variation
from autograder.cli import main
from autograder.scoring.catalog import all_exercises
from autograder.scoring.tester import check_variants, lesson_figures, varying_exercises
from course.data import figure, load
from course.variants import Variant, active

#: variants per exercise in CI (issue 12: at least 50); `plcourse variants check --n` for more
N = 50


@pytest.fixture(scope="module")
def result() -> object:
    """One run of the tester over every module (the slow part, shared by the tests)."""
    return check_variants(N)


def test_every_variant_is_sound(result: object) -> None:
    """Reference full, blank 0, each typical mistake below full, every soundness check clean."""
    findings = "\n".join(f"{f.variant} {f.where}: {f.problem}" for f in result.findings)
    assert result.ok, findings


def test_every_varying_exercise_is_checked_on_n_variants(result: object) -> None:
    """Each exercise with a reference was checked on N variants, and there are such exercises."""
    keys = {e.key for e in varying_exercises()}
    assert len(keys) >= 6
    assert result.checked == dict.fromkeys(keys, N)
    assert result.checks and set(result.checks.values()) == {N}


def test_every_exercise_on_varied_data_has_a_reference() -> None:
    """An auto-graded exercise of a notebook whose data varies names its reference answer."""
    missing = [e.key for e in all_exercises()
               if e.key.startswith("01-product-manager/") and e.notebook.startswith("2-")
               and e.score is not None and e.reference is None]
    assert missing == []


def test_lesson_figures_are_found() -> None:
    """The tester finds the figures lessons state through lesson.brief (module 01's capacity)."""
    found = lesson_figures(["01-product-manager"])
    assert "m01_capacity" in found["01-product-manager/2-prioritize-and-measure.py"]


def test_a_generator_with_ties_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    """A backlog builder that makes every RICE score equal is reported on every variant."""
    def tied(draw: course.variation.Draw) -> pd.DataFrame:
        frame = draw.base()
        frame["reach"], frame["impact"], frame["confidence"], frame["effort"] = 1000, 1, 1.0, 1
        return frame

    monkeypatch.setitem(course.variation.VARIES, "m01_backlog", tied)
    monkeypatch.setitem(course.variation.VARIES, "m01_capacity", lambda draw: 5)
    found = check_variants(3, ["01-product-manager"], start=900)
    assert not found.ok
    assert "01-product-manager/backlog" in {f.where for f in found.findings}
    assert any("within 2%" in f.problem for f in found.findings)
    assert all("(tester-90" in f.variant for f in found.findings), "names the variant"


def test_a_mistake_scoring_full_marks_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    """A 'typical mistake' that is in fact the right answer is reported."""
    import dataclasses

    from autograder.scoring import catalog

    key = "01-product-manager/funnel-platform"
    exercise = catalog.get(key)
    broken = dataclasses.replace(exercise, mistakes=lambda: [exercise.reference()])
    monkeypatch.setitem(catalog._REGISTRY, key, broken)
    found = check_variants(2, ["01-product-manager"], start=950)
    assert any(f.where == key and "mistake #1 scores full" in f.problem for f in found.findings)


def test_same_learner_same_data_other_learner_other_data() -> None:
    """Variants are deterministic per learner and seed, and differ between them."""
    def data(variant: Variant) -> tuple:
        with active(variant):
            return (load("m01_backlog").to_json(), figure("m01_capacity"))

    assert data(Variant("ann")) == data(Variant("ann"))
    assert data(Variant("ann")) != data(Variant("ben"))
    assert data(Variant("ann")) != data(Variant("ann", seed="spring-2027"))
    assert data(Variant("ann", mode="shared")) == data(Variant("ben", mode="shared"))


def test_cli_checks_and_explains(capsys: pytest.CaptureFixture[str]) -> None:
    """`plcourse variants check` exits 0 on sound variants and its --help explains the checks."""
    assert main(["variants", "check", "--n", "3", "--module", "01-product-manager",
                 "--no-progress"]) == 0
    out = capsys.readouterr().out
    assert "3 variants" in out and "nothing found" in out
    with pytest.raises(SystemExit):
        main(["variants", "check", "--help"])
    assert "blank scores 0" in capsys.readouterr().out
