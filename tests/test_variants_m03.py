"""Module 03 per learner: the division's allocation and the KPI data vary; salary facts stay."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from autograder.scoring.catalog import get, m03, m03_kpi, soundness_checks
from autograder.scoring.grade import score
from autograder.scoring.tester import check_variants, lesson_figures
from course.data import base, figure
from course.lesson import fill
from course.variants import Variant, active, shuffled
from course.variation.m03 import STORIES, worst_story
from tests.learners import run_notebook
from tests.variants import assert_figure_varies, assert_table_varies, figure_as, table_as

MODULE = "03-director"
ROOT = Path(__file__).resolve().parents[1]
TABLES = ("m03_initiatives", "kpi_events", "kpi_subscriptions", "kpi_nps")
FIGURES = ("m03_capacity", "m03_budget")
LEARNERS = ("alice", "bob", "carol", "dan", "erin", "frank")


@pytest.mark.parametrize("name", TABLES)
def test_learners_get_their_own_data(name: str) -> None:
    """Alice and Bob get different numbers; each gets the same numbers every time."""
    assert_table_varies(name)


@pytest.mark.parametrize("name", FIGURES)
def test_figures_vary_and_repeat(name: str) -> None:
    """A figure takes several values across learners and one value per learner."""
    assert_figure_varies(name, LEARNERS)


def test_varied_tables_load_like_their_files() -> None:
    """A varied table has the committed file's index, columns and types, and its ids."""
    for name in TABLES:
        varied, committed = table_as("alice", name), base(name)
        assert varied.index.name == committed.index.name, name
        assert list(varied.columns) == list(committed.columns), name
        assert dict(varied.dtypes) == dict(committed.dtypes), name
    assert table_as("alice", "kpi_subscriptions")["cancelled"].isna().any()
    assert not (table_as("alice", "kpi_subscriptions")["cancelled"] == "").any()


def test_the_division_keeps_its_story() -> None:
    """Same initiatives, limits and dependencies; the budget never funds every initiative."""
    committed = base("m03_initiatives")
    fixed = ["title", "min_units", "max_units", "requires"]
    for learner in LEARNERS:
        division = table_as(learner, "m03_initiatives")
        assert list(division.index) == list(committed.index)
        assert division[fixed].equals(committed[fixed])
        assert division["decay"].between(0.65, 0.95).all()
        assert 20 <= figure_as(learner, "m03_capacity") <= 28
        assert figure_as(learner, "m03_budget") < division["fixed_cost"].sum()


def test_salary_facts_stay_and_only_their_order_varies() -> None:
    """The compensation table is everybody's; lesson 1's companies come in a learner's order."""
    assert table_as("alice", "m03_compensation").equals(base("m03_compensation"))
    companies = list(base("m03_companies").index)
    orders = {tuple(shuffled(companies, "specialisation", Variant(who))) for who in LEARNERS}
    assert len(orders) > 1 and all(sorted(order) == sorted(companies) for order in orders)


def test_every_learner_has_one_diagnosis_and_they_differ() -> None:
    """The worst KPI is the variant's drawn story, and different learners get different ones."""
    answers = set()
    for learner in (*LEARNERS, "gina", "hal", "ivan", "jo"):
        variant = Variant(learner)
        with active(variant):
            assert tuple(m03_kpi.attention().values()) == worst_story(variant)
            assert soundness_checks()[MODULE]["kpi-diagnosis"]() == []
        answers.add(worst_story(variant))
    assert len(answers) > 1 and answers <= set(STORIES)


def _fill_as(learner: str) -> str:
    """The lessons' stated figures for ``learner``, as one text."""
    with active(Variant(learner)):
        return fill(" ".join("{" + name + "}" for name in FIGURES))


def test_lessons_state_each_learners_figures() -> None:
    """Every figure lesson 2 states through lesson.brief fills in with the learner's own."""
    stated = set().union(*lesson_figures([MODULE]).values())
    assert stated == set(FIGURES)
    for learner in ("alice", "bob"):
        with active(Variant(learner)):
            for name in FIGURES:
                assert fill("{" + name + "}") == f"{figure(name):,}"
    assert _fill_as("alice") != _fill_as("bob")
    text = (ROOT / "materials/lessons" / MODULE / "2-allocate-capacity.py").read_text()
    assert "24 engineers" not in text and "250 \\$k" not in text


def test_answers_swapped_between_learners_lose_points() -> None:
    """Alice's right plan and scorecard, graded on Bob's scenario, lose points."""
    with active(Variant("alice")):
        plan, kpis = m03._best_plan(), m03_kpi.product_kpis()
    with active(Variant("bob")):
        assert score(get(f"{MODULE}/capacity-plan"), plan)[0] < 4
        assert score(get(f"{MODULE}/kpi-scorecard"), kpis)[0] < 3
        assert score(get(f"{MODULE}/capacity-plan"), m03._best_plan())[0] == 4


def test_the_variant_tester_finds_nothing() -> None:
    """Module 03's references, blanks, mistakes and soundness checks hold on 8 variants."""
    result = check_variants(8, [MODULE])
    assert result.findings == []
    assert set(result.checked) == {f"{MODULE}/{e}" for e in (
        "capacity-plan", "kpi-scorecard", "kpi-diagnosis", "unit-economics")}
    assert set(result.checks) == {f"{MODULE}/{c}" for c in (
        "allocation", "kpi-diagnosis", "kpi-pulse-story")}


def _stated(notebook: object) -> str:
    """The figures the notebook's brief cell showed."""
    for cell in notebook.cells:  # type: ignore[attr-defined]
        if cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") == "plan-data":
            return " ".join(str(out.get("data", {}).get("text/markdown", ""))
                            for out in cell.outputs)
    raise AssertionError("no plan-data cell")


@pytest.mark.pipeline
def test_released_notebook_shows_each_learner_their_division(tmp_path: Path) -> None:
    """The released allocation lesson, run as alice and as bob, states each one's figures."""
    shown = {}
    for learner in ("alice", "bob"):
        folder = tmp_path / learner
        shutil.copytree(ROOT / "release" / MODULE, folder)
        notebook = run_notebook(folder / "2-allocate-capacity.ipynb", timeout=180,
                                learner=learner)
        errors = [out for cell in notebook.cells for out in cell.get("outputs", [])
                  if out.get("output_type") == "error"]
        assert errors == [], learner
        shown[learner] = _stated(notebook)
        with active(Variant(learner)):
            expected = [f"{figure(name):,}" for name in FIGURES]
        assert re.findall(r"\*\*([\d,]+) ", shown[learner]) == expected
    assert shown["alice"] != shown["bob"]
