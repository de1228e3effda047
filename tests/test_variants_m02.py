"""Module 02 per learner: backlogs, sprint, survey and figures vary; items and flags stay."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from autograder.scoring.catalog import get, m02, soundness_checks
from autograder.scoring.grade import score
from autograder.scoring.tester import check_variants, lesson_figures
from course.data import base, figure, load
from course.lesson import fill
from course.variants import Variant, active
from course.variation.m02 import PLAUSIBLE, sprint_days_that_work
from tests.learners import run_notebook
from tests.variants import (
    assert_figure_varies,
    assert_table_varies,
    figure_as,
    outputs_text,
    table_as,
)

MODULE = "02-senior-group-pm"
ROOT = Path(__file__).resolve().parents[1]
TABLES = ("m02_wsjf_backlog", "m02_sprint", "m02_backlog", "m02_kano_survey")
FIGURES = ("m02_wsjf_capacity", "m02_sprint_days", "m02_kano_respondents")
LEARNERS = ("alice", "bob", "carol", "dan")


@pytest.mark.parametrize("name", TABLES)
def test_learners_get_their_own_data(name: str) -> None:
    """Alice and Bob get different numbers; each gets the same numbers every time."""
    assert_table_varies(name)


@pytest.mark.parametrize("name", FIGURES)
def test_figures_vary_and_repeat(name: str) -> None:
    """A figure takes several values across learners and one value per learner."""
    assert_figure_varies(name, LEARNERS)


def test_items_flags_and_features_stay() -> None:
    """Ids, titles, products, the sprint's flags and the Kano features are everybody's."""
    for learner in LEARNERS:
        for name in ("m02_wsjf_backlog", "m02_sprint", "m02_backlog"):
            varied, committed = table_as(learner, name), base(name)
            assert list(varied.index) == list(committed.index)
            assert list(varied.columns) == list(committed.columns)
            fixed = [c for c in ("title", "product", "goal_critical", "workaround")
                     if c in committed]
            assert varied[fixed].equals(committed[fixed]), name
        assert table_as(learner, "m02_kano_features").equals(base("m02_kano_features"))


def test_numbers_stay_on_the_lessons_scales() -> None:
    """Ratings stay on the scales the lessons teach, near the committed estimates."""
    fibonacci = {1, 2, 3, 5, 8, 13, 20}
    for learner in LEARNERS:
        shared = table_as(learner, "m02_wsjf_backlog")
        parts = ["business_value", "time_criticality", "risk_reduction", "job_size"]
        assert shared[parts].isin(fibonacci).all(axis=None)
        assert (shared["job_size"] >= 2).all()
        sprint = table_as(learner, "m02_sprint")
        assert sprint["value"].between(1, 5).all() and (sprint["effort"] >= 1).all()
        assert ((sprint["effort"] - base("m02_sprint")["effort"]).abs() <= 1).all()
        lab = table_as(learner, "m02_backlog")
        assert lab[["ice_impact", "ice_confidence", "ease"]].stack().between(1, 10).all()
        assert lab["confidence"].isin({0.5, 0.8, 1.0}).all()
        survey = table_as(learner, "m02_kano_survey")
        assert survey["respondent"].nunique() == figure_as(learner, "m02_kano_respondents")
        assert set(survey["feature"]) == set(base("m02_kano_features").index)


def test_stories_hold_on_every_learners_scenario() -> None:
    """The tax rules swing from last to first; each feature keeps a plausible category."""
    for learner in LEARNERS:
        with active(Variant(learner)):
            scores = m02.framework_scores()
            assert scores["rice"].idxmin() == scores["wsjf"].idxmax() == "F02"
            assert "F02" in m02.movers()
            for feature, category in m02.kano_table()["category"].items():
                assert category in PLAUSIBLE[feature]
            assert figure("m02_sprint_days") in sprint_days_that_work(load("m02_sprint"))


def _fill_as(learner: str) -> str:
    """The lessons' stated figures for ``learner``, as one text."""
    with active(Variant(learner)):
        return fill(" ".join("{" + name + "}" for name in FIGURES))


def test_lessons_state_each_learners_figures() -> None:
    """Every figure the lessons state through lesson.brief fills in with the learner's own."""
    stated = set().union(*lesson_figures([MODULE]).values())
    assert stated == set(FIGURES)
    for learner in ("alice", "bob"):
        with active(Variant(learner)):
            for name in FIGURES:
                assert fill("{" + name + "}") == f"{figure(name):,}"
    assert _fill_as("alice") != _fill_as("bob")


def test_answers_swapped_between_learners_lose_points() -> None:
    """Alice's right answers, graded on Bob's scenario, lose points on the varied exercises."""
    keys = ["wsjf-scores", "wsjf-ranking", "moscow", "framework-scores", "kano-categories",
            "kano-coefficients"]
    with active(Variant("alice")):
        answers = {key: get(f"{MODULE}/{key}").reference() for key in keys}
        assert all(score(get(f"{MODULE}/{k}"), a)[0] == get(f"{MODULE}/{k}").points
                   for k, a in answers.items())
    with active(Variant("bob")):
        lost = {key: score(get(f"{MODULE}/{key}"), answer)[0] < get(f"{MODULE}/{key}").points
                for key, answer in answers.items()}
    assert lost == dict.fromkeys(keys, True)


def test_variant_tester_finds_nothing() -> None:
    """The variant tester passes on 10 variants of every varied exercise of the module."""
    result = check_variants(10, [MODULE])
    assert result.ok, result.findings[:5]
    assert len(result.checked) == 8 and set(result.checked.values()) == {10}
    assert set(result.checks) == {f"{MODULE}/{n}" for n in soundness_checks()[MODULE]}


def test_soundness_checks_catch_an_unsound_scenario(monkeypatch: pytest.MonkeyPatch) -> None:
    """A sprint too long for any won't, and a survey with a near tie, are reported."""
    checks = soundness_checks()[MODULE]
    monkeypatch.setattr(m02, "figure", lambda name: 60 if name == "m02_sprint_days" else
                        figure(name))
    with active(Variant("unsound-sprint")):
        assert any("wont" in p or "value alone" in p for p in checks["sprint"]())
    tied = base("m02_kano_survey")
    k1 = tied["feature"].eq("K1")  # as many must-be as indifferent answers, and one Q
    halves = [("expect", "dislike"), ("expect", "expect")] * (int(k1.sum()) // 2)
    tied.loc[k1, ["functional", "dysfunctional"]] = halves + [("like", "like")] * (
        int(k1.sum()) % 2)
    monkeypatch.setattr(m02, "load", lambda name: tied if name == "m02_kano_survey" else
                        load(name))
    with active(Variant("unsound-kano")):
        assert any(p.startswith("K1") for p in checks["kano"]())


@pytest.mark.pipeline
def test_released_notebook_shows_each_learner_their_numbers(tmp_path: Path) -> None:
    """The released lesson 1 run as Alice and as Bob shows each their own backlog and days."""
    shown = {}
    for learner in ("alice", "bob"):
        folder = tmp_path / learner
        folder.mkdir()
        path = folder / "1-across-products.ipynb"
        shutil.copy(ROOT / "release" / MODULE / path.name, path)
        nb = run_notebook(path, timeout=120, learner=learner)
        assert Variant(learner).id in outputs_text(nb.cells)
        for cell in ("wsjf-data", "moscow-widget"):
            shown[learner, cell] = outputs_text([c for c in nb.cells if c.get("id") == cell])
        with active(Variant(learner)):
            assert f"**{figure('m02_wsjf_capacity')} job-size points**" in shown[
                learner, "wsjf-data"]
            assert f"**{figure('m02_sprint_days')} developer-days**" in shown[
                learner, "moscow-widget"]
    for cell in ("wsjf-data", "moscow-widget"):
        assert shown["alice", cell] != shown["bob", cell]
