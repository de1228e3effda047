"""Module 09 per learner: the capstone's year varies in its numbers; ids and the story stay."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from autograder.scoring.catalog import get, m09, soundness_checks
from autograder.scoring.grade import score
from autograder.scoring.tester import check_variants, lesson_figures
from course.data import base, figure, load
from course.lesson import fill
from course.models.allocation import AllocationScenario
from course.models.capstone import SETTING_FIGURES, CapstoneScenario, Settings, simulate
from course.models.prioritization import rice
from course.variants import Variant, active
from course.variation import VARIES, Draw
from tests.learners import run_notebook
from tests.variants import assert_table_varies, figure_as, outputs_text, table_as

MODULE = "09-capstone"
NB = "1-a-year-as-director"
ROOT = Path(__file__).resolve().parents[1]
TABLES = ("m09_backlog", "m09_funnel", "m09_initiatives", "m09_users")
FIGURES = tuple(SETTING_FIGURES.values())
STATED = ("m09_capacity", "m09_engineers", "m09_budget_q3", "m09_shift_loss", "m09_budget_q4")
LEARNERS = ("alice", "bob", "carol", "dan")


@pytest.mark.parametrize("name", TABLES)
def test_learners_get_their_own_data(name: str) -> None:
    """Alice and Bob get different numbers; each gets the same numbers every time."""
    assert_table_varies(name)


@pytest.mark.parametrize("name", FIGURES)
def test_figures_vary_and_repeat(name: str) -> None:
    """A figure takes several values across learners and one value per learner."""
    values = {learner: figure_as(learner, name) for learner in (*LEARNERS, "erin", "frank")}
    assert len(set(values.values())) > 1
    assert all(VARIES[name](Draw(Variant(who), name)) == v for who, v in values.items())


def test_the_division_takes_the_learners_settings() -> None:
    """A division built without settings has the learner's figures; the rest are the base's."""
    for learner in ("alice", "bob"):
        with active(Variant(learner)):
            settings = m09.division().settings
            assert settings == Settings.of_variant()
            for field, name in SETTING_FIGURES.items():
                assert getattr(settings, field) == figure(name)
            assert settings.debt_limit == Settings().debt_limit
            assert settings.retention == Settings().retention
            assert settings.budget_q4 < settings.budget_q3


def test_ids_titles_and_shapes_stay() -> None:
    """Ids, titles, columns, units of work and the dependency are everybody's."""
    for learner in LEARNERS:
        for name in TABLES:
            varied, committed = table_as(learner, name), base(name)
            assert list(varied.columns) == list(committed.columns), name
            if name != "m09_users":
                assert list(varied.index) == list(committed.index), name
        backlog = table_as(learner, "m09_backlog")
        assert backlog["title"].equals(base("m09_backlog")["title"])
        fixed = ["title", "min_units", "max_units", "requires", "debt_per_unit",
                 "scales_with_debt"]
        assert table_as(learner, "m09_initiatives")[fixed].equals(base("m09_initiatives")[fixed])
        funnel = table_as(learner, "m09_funnel")
        assert funnel[["segment", "step"]].equals(base("m09_funnel")[["segment", "step"]])
        assert funnel.groupby("segment")["share"].first().sum() == pytest.approx(1)
        users = table_as(learner, "m09_users")
        assert users["signup"].between("2027-01-01", "2027-06-30").all()
        assert set(users["segment"]) == set(funnel["segment"])


def test_stories_hold_on_every_learners_scenario() -> None:
    """RICE funds the rushed sign-on, not the refactor; the market and debt each break a step."""
    for learner in LEARNERS:
        with active(Variant(learner)):
            backlog, funded = load("m09_backlog"), m09.funded()
            assert "B2" in funded and "B3" not in funded
            assert backlog.loc["B2", "debt"] > 0 > backlog.loc["B2", "morale"]
            assert backlog.loc["B3", "debt"] < 0 < backlog.loc["B3", "morale"]
            assert rice(backlog).rank(ascending=False)["B3"] >= len(backlog) - 1
            funnel = load("m09_funnel")
            market = funnel[funnel["after"] < funnel["before"]]
            assert list(market["step"]) == ["upgrade"]
            fragile = funnel[funnel["incident"].notna()]
            assert len(fragile) == 1 and fragile["step"].iloc[0] in ("activation", "core_action")
            assert m09._regime_leak(False) == dict(market[["segment", "step"]].iloc[0])
            assert m09._regime_leak(True) == dict(fragile[["segment", "step"]].iloc[0])
            plans = load("m09_initiatives")
            assert plans.loc["I2", "value_after"] < plans.loc["I2", "value"]
            assert plans.loc["I3", "value_after"] > plans.loc["I3", "value"]
            assert plans.loc["I6", "value_after"] > 2 * plans.loc["I6", "value"]


def test_lessons_state_each_learners_figures() -> None:
    """Every figure the lesson states through lesson.brief fills in with the learner's own."""
    stated = set().union(*lesson_figures([MODULE]).values())
    assert stated == set(STATED)
    for learner in ("alice", "bob"):
        with active(Variant(learner)):
            for name in STATED:
                assert fill("{" + name + "}") == f"{figure(name):,}"
    texts = {who: _fill_as(who) for who in ("alice", "bob")}
    assert texts["alice"] != texts["bob"]


def _fill_as(learner: str) -> str:
    """The lesson's stated figures for ``learner``, as one text."""
    with active(Variant(learner)):
        return fill(" ".join("{" + name + "}" for name in STATED))


def test_answers_swapped_between_learners_lose_points() -> None:
    """Alice's right year, graded on Bob's scenario, loses points on every quarter."""
    keys = ["q1-ranking", "q1-cutline", "q2-diagnosis", "q3-plan", "q4-plan"]
    with active(Variant("alice")):
        answers = {key: get(f"{MODULE}/{key}").reference() for key in keys}
        assert all(score(get(f"{MODULE}/{k}"), a)[0] == get(f"{MODULE}/{k}").points
                   for k, a in answers.items())
    with active(Variant("bob")):
        earned = {key: score(get(f"{MODULE}/{key}"), answer)[0]
                  for key, answer in answers.items()}
    total = sum(get(f"{MODULE}/{k}").points for k in keys)
    assert sum(earned.values()) < 0.8 * total, earned
    assert earned["q1-ranking"] < get(f"{MODULE}/q1-ranking").points


def test_variant_tester_finds_nothing() -> None:
    """The variant tester passes on 6 variants of every varied exercise of the module."""
    result = check_variants(6, [MODULE])
    assert result.ok, result.findings[:5]
    assert len(result.checked) == 5 and set(result.checked.values()) == {6}
    assert set(result.checks) == {f"{MODULE}/{n}" for n in soundness_checks()[MODULE]}


def _twin(change: dict[str, Any], settings: dict[str, Any] | None = None) -> CapstoneScenario:
    """The current division with some tables changed (name -> frame) or other settings."""
    made = m09.division()
    frames = {"backlog": made.backlog, "initiatives": made.initiatives, "funnel": made.rates,
              "users": made.users, **change}
    return CapstoneScenario.from_frames(**frames,
                                        settings=replace(made.settings, **(settings or {})))


def test_soundness_checks_catch_an_unsound_scenario(monkeypatch: pytest.MonkeyPatch) -> None:
    """Twin initiatives, a debt that breaks nothing and a team of none are each reported."""
    twins = pd.DataFrame({"min_units": [1, 1], "max_units": [3, 3], "value": [100.0, 100.0],
                          "decay": [0.5, 0.5]}, index=["A", "B"])
    tied = AllocationScenario.from_frame(twins, capacity=3)  # 2 + 1 or 1 + 2: 250 either way
    assert any("as much as the best" in p for p in m09._unique_optimum(tied, "twins"))
    assert m09._unique_optimum(AllocationScenario.from_frame(
        twins.assign(value=[100.0, 90.0]), capacity=3), "apart") == []
    checks = soundness_checks()[MODULE]
    with active(Variant("unsound-no-incident")):
        twin = _twin({"funnel": load("m09_funnel").assign(incident=float("nan"))})
        monkeypatch.setattr(m09, "division", lambda: twin)
        assert any("the same whatever Q1 did" in p for p in checks["q2-diagnosis"]())
    with active(Variant("unsound-no-team")):
        monkeypatch.undo()
        twin = _twin({}, {"engineers": 0})
        monkeypatch.setattr(m09, "division", lambda: twin)
        assert any("no Q3 plan is worth anything" in p for p in checks["year"]())


def test_every_learner_can_finish_the_year() -> None:
    """From the model solution's path and the default one, every quarter has a plan that fits."""
    for learner in ("alice", "bob"):
        with active(Variant(learner)):
            made = m09._reference_decisions()
            year = simulate(m09.division(), made)
            assert year.plans["q3"] and year.plans["q4"]
            assert year.state("Q4").arr_added > 0
            default = simulate(m09.division(), {"q3": {}, "q4": {}})
            assert default.funded == () and default.state("Q4").engineers > 0


@pytest.mark.pipeline
def test_released_notebook_shows_each_learner_their_numbers(tmp_path: Path) -> None:
    """The released capstone run as Alice and as Bob shows each their own division."""
    shown = {}
    for learner in ("alice", "bob"):
        folder = tmp_path / learner
        folder.mkdir()
        path = folder / f"{NB}.ipynb"
        shutil.copy(ROOT / "release" / MODULE / path.name, path)
        nb = run_notebook(path, timeout=180, learner=learner)
        assert Variant(learner).id in outputs_text(nb.cells)
        for cell in ("division", "q1-data", "q3-data"):
            shown[learner, cell] = outputs_text([c for c in nb.cells if c.get("id") == cell])
        with active(Variant(learner)):
            assert f"**{figure('m09_capacity')} person-months**" in shown[learner, "q1-data"]
            assert f"**{figure('m09_engineers')} engineers**" in shown[learner, "q3-data"]
            assert f"**{figure('m09_budget_q3')} \\$k**" in shown[learner, "q3-data"]
            assert load("m09_backlog").loc["B1", "title"] in shown[learner, "q1-data"]
    for cell in ("division", "q1-data", "q3-data"):
        assert shown["alice", cell] != shown["bob", cell]
