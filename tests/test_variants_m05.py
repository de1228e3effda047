"""Module 05 per learner: partner scores, the market shift and the squads vary; rungs stay."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from autograder.scoring.catalog import get, m05, soundness_checks
from autograder.scoring.grade import score
from autograder.scoring.tester import check_variants, lesson_figures
from course.data import base, figure, load
from course.lesson import fill
from course.variants import Variant, active
from course.variation import VARIES
from course.variation.m05 import even_trim
from tests.learners import run_notebook
from tests.variants import (
    assert_figure_varies,
    assert_table_varies,
    outputs_text,
    table_as,
)

MODULE = "05-cpo"
ROOT = Path(__file__).resolve().parents[1]
TABLES = ("m05_partners", "m05_portfolio")
FIGURES = ("m05_squads",)
LEARNERS = ("alice", "bob", "carol", "dan")


@pytest.mark.parametrize("name", TABLES)
def test_learners_get_their_own_data(name: str) -> None:
    """Alice and Bob get different numbers; each gets the same numbers every time."""
    assert_table_varies(name)


@pytest.mark.parametrize("name", FIGURES)
def test_figures_vary_and_repeat(name: str) -> None:
    """A figure takes several values across learners and one value per learner."""
    assert_figure_varies(name, LEARNERS)


def test_names_structure_and_behaviours_stay() -> None:
    """Names, offers, unit limits, decays, dependencies and last year's split stay."""
    assert "m05_vp_cpo" not in VARIES
    fixed = {"m05_partners": ["name", "offer"],
             "m05_portfolio": ["title", "min_units", "max_units", "value_before", "decay",
                               "requires", "current_units"]}
    for learner in LEARNERS:
        for name, columns in fixed.items():
            varied, committed = table_as(learner, name), base(name)
            assert list(varied.index) == list(committed.index), name
            assert list(varied.columns) == list(committed.columns), name
            assert varied[columns].equals(committed[columns]), name
        partners = table_as(learner, "m05_partners")
        assert partners[list(m05.CRITERIA)].stack().between(1, 5).all()
        assert table_as(learner, "m05_vp_cpo").equals(base("m05_vp_cpo"))


def test_stories_hold_on_every_learners_scenario() -> None:
    """The winner flips along the shift; the even trim fits and the shift beats it."""
    for learner in LEARNERS:
        with active(Variant(learner)):
            assert m05.robustness()["flip_at"] is not None
            assert m05.robustness()["margin"] >= 0.049
            squads = figure("m05_squads")
            assert 13 <= squads <= 16
            trimmed = even_trim(load("m05_portfolio"), squads)
            assert sum(trimmed.values()) == squads
            exercise = get(f"{MODULE}/shift-plan")
            assert 0 < score(exercise, trimmed)[0] < exercise.points


def test_lessons_state_each_learners_figures() -> None:
    """The squads stated through lesson.brief fill in with each learner's own."""
    stated = set().union(*lesson_figures([MODULE]).values())
    assert stated == set(FIGURES)
    shown = {}
    for learner in LEARNERS:
        with active(Variant(learner)):
            shown[learner] = fill("{m05_squads}")
            assert shown[learner] == str(figure("m05_squads"))
    assert len(set(shown.values())) > 1


def test_answers_swapped_between_learners_lose_points() -> None:
    """Alice's right answers, graded on Bob's scenario, lose points on the varied exercises."""
    keys = ["partner-scores", "shift-plan"]
    with active(Variant("alice")):
        answers = {key: get(f"{MODULE}/{key}").reference() for key in keys}
        assert all(score(get(f"{MODULE}/{k}"), a)[0] == get(f"{MODULE}/{k}").points
                   for k, a in answers.items())
    with active(Variant("bob")):
        lost = {key: score(get(f"{MODULE}/{key}"), answer)[0] < get(f"{MODULE}/{key}").points
                for key, answer in answers.items()}
    assert lost == dict.fromkeys(keys, True)


def test_variant_tester_finds_nothing() -> None:
    """The variant tester passes on 20 variants of every varied exercise of the module."""
    result = check_variants(20, [MODULE])
    assert result.ok, result.findings[:5]
    assert len(result.checked) == 5 and set(result.checked.values()) == {20}
    assert set(result.checks) == {f"{MODULE}/{n}" for n in soundness_checks()[MODULE]}


def test_soundness_checks_catch_an_unsound_scenario(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two lines worth exactly the same, and candidates that never change places, are caught."""
    checks = soundness_checks()[MODULE]
    tied = base("m05_portfolio")
    tied["value_after"] = 60
    tied["decay"] = 0.8
    flat = base("m05_partners")
    flat.loc["Q2", list(m05.CRITERIA)] = 5
    monkeypatch.setattr(m05, "load", lambda name: {"m05_portfolio": tied,
                                                   "m05_partners": flat}.get(name, load(name)))
    with active(Variant("unsound-shift")):
        assert any("within" in p for p in checks["shift"]())
        assert any("never changes" in p for p in checks["partners"]())


@pytest.mark.pipeline
def test_released_notebook_shows_each_learner_their_numbers(tmp_path: Path) -> None:
    """The released lesson 2 run as Alice and as Bob shows each their own market and squads."""
    shown = {}
    for learner in ("alice", "bob"):
        folder = tmp_path / learner
        folder.mkdir()
        path = folder / "2-market-shift.ipynb"
        shutil.copy(ROOT / "release" / MODULE / path.name, path)
        nb = run_notebook(path, timeout=120, learner=learner)
        assert Variant(learner).id in outputs_text(nb.cells)
        shown[learner] = outputs_text([c for c in nb.cells if c.get("id") == "shift-data"])
        with active(Variant(learner)):
            assert f"**{figure('m05_squads')} squads**" in shown[learner]
            after = load("m05_portfolio")["value_after"]
            assert all(str(v) in shown[learner] for v in after)
    assert shown["alice"] != shown["bob"]
