"""Module 04 per learner: projects, budget, product lines and the draft vary; postings stay."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from autograder.scoring.catalog import get, m04, soundness_checks
from autograder.scoring.grade import score
from autograder.scoring.tester import check_variants, lesson_figures
from course.data import base, figure, load
from course.lesson import fill
from course.variants import Variant, active
from course.variation import VARIES
from tests.learners import run_notebook
from tests.variants import (
    assert_figure_varies,
    assert_table_varies,
    outputs_text,
    table_as,
)

MODULE = "04-senior-leadership"
ROOT = Path(__file__).resolve().parents[1]
TABLES = ("m04_projects", "m04_product_lines", "m04_summary_lines")
FIGURES = ("m04_budget",)
LEARNERS = ("alice", "bob", "carol", "dan")


@pytest.mark.parametrize("name", TABLES)
def test_learners_get_their_own_data(name: str) -> None:
    """Alice and Bob get different numbers; each gets the same numbers every time."""
    assert_table_varies(name)


@pytest.mark.parametrize("name", FIGURES)
def test_figures_vary_and_repeat(name: str) -> None:
    """A figure takes several values across learners and one value per learner."""
    assert_figure_varies(name, LEARNERS)


def test_ids_titles_and_postings_stay() -> None:
    """Ids, columns, titles and product lines stay; the job postings are everybody's."""
    assert "m04_rungs" not in VARIES
    for learner in LEARNERS:
        for name in TABLES:
            varied, committed = table_as(learner, name), base(name)
            assert list(varied.index) == list(committed.index), name
            assert list(varied.columns) == list(committed.columns), name
            fixed = [c for c in ("title", "product_line") if c in committed]
            assert varied[fixed].equals(committed[fixed]), name
        assert table_as(learner, "m04_rungs").equals(base("m04_rungs"))


def test_stories_hold_on_every_learners_scenario() -> None:
    """Every project pays back in five years, every quadrant is used, the draft adds up."""
    for learner in LEARNERS:
        with active(Variant(learner)):
            table = m04.projects()
            assert table["payback"].between(0, 5).all()
            assert set(m04.quadrants().values()) == {"star", "cash_cow", "question_mark",
                                                     "dog"}
            assert m04.quadrants()["L2"] == "cash_cow"
            assert 1500 <= figure("m04_budget") <= 2600 and figure("m04_budget") % 50 == 0
            kpis, drafts = m04.portfolio_kpis(), load("m04_summary_lines")
            assert f"{kpis['total_revenue'] / 1000:.1f} M$" in drafts.loc["B1", "sentence"]
            assert f"{kpis['revenue_growth']:.0%}" in drafts.loc["B2", "sentence"]
            plain = load("m04_product_lines")["margin"].mean()
            assert f"{plain:.0%}" in drafts.loc["B3", "sentence"]
            assert drafts.loc[["B4", "B5"]].equals(base("m04_summary_lines").loc[["B4", "B5"]])


def test_greedy_by_npv_never_earns_full_marks() -> None:
    """Taking projects by NPV until the budget runs out falls short on every scenario."""
    for learner in LEARNERS:
        with active(Variant(learner)):
            exercise = get(f"{MODULE}/fund-projects")
            assert score(exercise, m04.greedy_plan())[0] < exercise.points


def test_lessons_state_each_learners_figures() -> None:
    """The budget stated through lesson.brief fills in with each learner's own."""
    stated = set().union(*lesson_figures([MODULE]).values())
    assert stated == set(FIGURES)
    shown = {}
    for learner in ("alice", "bob"):
        with active(Variant(learner)):
            shown[learner] = fill("{m04_budget:,}")
            assert shown[learner] == f"{figure('m04_budget'):,}"
    assert shown["alice"] != shown["bob"]


def test_answers_swapped_between_learners_lose_points() -> None:
    """Alice's right answers, graded on Bob's scenario, lose points on the varied exercises."""
    keys = ["project-npv", "project-payback", "fund-projects", "portfolio-kpis"]
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
    """A budget that funds every project worth funding, and a line on a cut, are reported."""
    checks = soundness_checks()[MODULE]
    monkeypatch.setattr(m04, "figure", lambda name: 10_000)
    with active(Variant("unsound-budget")):
        problems = checks["funding"]()
        assert any("largest first" in p for p in problems), problems
    lines = base("m04_product_lines")
    lines.loc["L7", "market_growth"] = 0.10
    monkeypatch.setattr(m04, "load", lambda name: lines if name == "m04_product_lines" else
                        load(name))
    with active(Variant("unsound-lines")):
        assert any(p.startswith("L7") for p in checks["product-lines"]())


@pytest.mark.pipeline
def test_released_notebook_shows_each_learner_their_numbers(tmp_path: Path) -> None:
    """The released lesson 1 run as Alice and as Bob shows each their own projects and budget."""
    shown = {}
    for learner in ("alice", "bob"):
        folder = tmp_path / learner
        folder.mkdir()
        path = folder / "1-portfolio-investment.ipynb"
        shutil.copy(ROOT / "release" / MODULE / path.name, path)
        nb = run_notebook(path, timeout=120, learner=learner)
        assert Variant(learner).id in outputs_text(nb.cells)
        for cell in ("npv-data", "fund-widget"):
            shown[learner, cell] = outputs_text([c for c in nb.cells if c.get("id") == cell])
        with active(Variant(learner)):
            assert f"**{figure('m04_budget'):,} \\$k**" in shown[learner, "fund-widget"]
    for cell in ("npv-data", "fund-widget"):
        assert shown["alice", cell] != shown["bob", cell]
