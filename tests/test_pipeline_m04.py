"""Module 04 through the real nbgrader pipeline: solutions, an untouched release, mistakes."""

from __future__ import annotations

from pathlib import Path

import pytest

from autograder.scoring.catalog import all_exercises, get, m04
from autograder.scoring.grade import score
from autograder.scoring.solver import share_of_optimum
from course.data import load
from course.variants import Variant, active
from tests.pipeline import (
    auto_maxima,
    build_cohort,
    false_alarms,
    feedback_leaks,
    raw_tables,
    scores,
)

pytestmark = [pytest.mark.pipeline, pytest.mark.xdist_group("m04")]

MODULE = "04-senior-leadership"
NB1, NB2 = "1-portfolio-investment", "2-growth-share-and-reporting"

#: The projects by NPV, largest first, skipping those that no longer fit: greedy, not
#: optimal on any learner's scenario (the wrong learner's NPVs are all off by the same
#: factor, so their order is the true one).
GREEDY = (
    "plan, money = {}, BUDGET\n"
    'for p in projects["npv"].sort_values(ascending=False).index:\n'
    '    if projects.loc[p, "npv"] > 0 and projects.loc[p, "investment"] <= money:\n'
    "        plan[p] = 1\n"
    '        money -= projects.loc[p, "investment"]\n'
    "funding.plan = plan"
)
WIDGET_CELLS = {"fund-code", "rungs-code", "lines-code"}
WRONG = {
    NB1: {
        # discounts every flow one year too many: all NPVs off; payback is right
        "npv-code": (
            'flows = pd.concat([-projects["investment"], projects[YEARS]], axis=1)\n'
            "flows.columns = range(len(flows.columns))\n"
            "discount = pd.Series([(1 + RATE) ** -(year + 1) for year in flows.columns],\n"
            "                     index=flows.columns)\n"
            'projects["npv"] = (flows * discount).sum(axis=1)\n'
            "def payback(row):\n"
            "    total = row.iloc[0]\n"
            "    for year in range(1, len(row)):\n"
            "        if total + row.iloc[year] >= 0:\n"
            "            return year - 1 + (-total) / row.iloc[year]\n"
            "        total += row.iloc[year]\n"
            '    return float("inf")\n'
            'projects["payback"] = flows.apply(payback, axis=1)'
        ),
        "fund-code": GREEDY,
        # the Head of Product and the VP swapped on the portfolio postings: 4 of 6 right
        "rungs-code": (
            'rungs.value = {"P1": "head_of_product", "P2": "senior_director", '
            '"P3": "head_of_product", "P4": "senior_director", "P5": "vp_product", '
            '"P6": "vp_product"}'
        ),
    },
    NB2: {
        # the axes read the wrong way round: question marks and cash cows exchanged
        "quadrant-code": (
            'high_growth = lines["market_growth"] >= GROWTH_CUT\n'
            'high_share = lines["relative_share"] >= SHARE_CUT\n'
            'lines["quadrant"] = "dog"\n'
            'lines.loc[high_growth & high_share, "quadrant"] = "star"\n'
            'lines.loc[high_growth & ~high_share, "quadrant"] = "cash_cow"\n'
            'lines.loc[~high_growth & high_share, "quadrant"] = "question_mark"'
        ),
        # the unweighted margin kept: 5 of 6 sentences right
        "lines-code": (
            'edits.value = {"B1": "number-alone", "B2": "keep", "B3": "keep", "B4": "keep", '
            '"B5": "answer-buried", "B6": "keep"}'
        ),
        # plain mean of the margins (the stars are right: the swap leaves them alone)
        "kpi-code": (
            'revenue = lines["revenue"].sum()\n'
            "summary = {\n"
            '    "total_revenue": revenue,\n'
            '    "revenue_growth": revenue / lines["revenue_prev"].sum() - 1,\n'
            '    "margin": lines["margin"].mean(),\n'
            '    "star_share": lines.loc[lines["quadrant"] == "star", "revenue"].sum()'
            " / revenue,\n"
            "}"
        ),
        "executive-summary": "Revenue is up. Stars are good. We should invest more.",
    },
}


def _wrong_expected(learner: str) -> dict[str, float]:
    """What the WRONG mistakes earn on ``learner``'s own scenario, by the scoring rules."""
    with active(Variant(learner)):
        swapped = {"question_mark": "cash_cow", "cash_cow": "question_mark"}
        quadrants = {k: swapped.get(v, v) for k, v in m04.quadrants().items()}
        lines = load("m04_product_lines")
        kpis = dict(m04.portfolio_kpis(), margin=float(lines["margin"].mean()))
        return {
            "fund-projects-test": share_of_optimum(m04.greedy_plan(),
                                                   m04.funding_scenario()).points(4),
            "growth-share-test": score(get(f"{MODULE}/growth-share"), quadrants)[0],
            "portfolio-kpis-test": score(get(f"{MODULE}/portfolio-kpis"), kpis)[0],
            "right-lines": sum(v not in swapped for v in m04.quadrants().values()),
        }


@pytest.fixture(scope="module")
def cohort(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Grade the standard three learners of module 04 with stock nbgrader."""
    return build_cohort(MODULE, tmp_path_factory.mktemp("m04"), WRONG, WIDGET_CELLS)


def test_solutions_score_full_marks(cohort: Path) -> None:
    """The source notebooks earn every auto-graded point; the total matches the catalog."""
    got, maxima = scores(cohort, MODULE, "solution"), auto_maxima(cohort, MODULE)
    assert false_alarms(cohort, MODULE, "solution") == [], "every self-check passes"
    assert raw_tables(cohort, MODULE, "solution") == [], "every table a learner reads is styled"
    for nb in maxima:
        assert {cell: got[nb][cell] for cell in maxima[nb]} == maxima[nb], nb
    assert got[NB2]["executive-summary"] is None
    total = sum(e.points for e in all_exercises() if e.module == MODULE)
    assert total == 22
    assert total - 3 == sum(sum(cells.values()) for cells in maxima.values())


def test_untouched_release_scores_zero(cohort: Path) -> None:
    """A release handed back untouched is graded (no crash) and earns nothing."""
    got = scores(cohort, MODULE, "untouched")
    assert set(got[NB1]) >= {"project-npv-test", "fund-projects-test"}
    assert all(score == 0 for nb in got.values() for score in nb.values())


def test_wrong_answers_earn_the_designed_partial_credit(cohort: Path) -> None:
    """Plausible mistakes earn exactly the partial credit the scoring rules promise."""
    got = scores(cohort, MODULE, "wrong")
    assert got[NB1]["rungs-test"] == 2.0  # 4 of 6 postings
    assert got[NB2]["lines-test"] == 2.5  # 5 of 6 sentences
    assert got[NB1]["project-npv-test"] == 0
    assert got[NB1]["project-payback-test"] == 1
    expected = _wrong_expected("wrong")
    assert 0 < expected["fund-projects-test"] < 4
    assert got[NB1]["fund-projects-test"] == pytest.approx(expected["fund-projects-test"],
                                                           abs=0.005)
    assert 0 < expected["growth-share-test"] < 3
    assert got[NB2]["growth-share-test"] == pytest.approx(expected["growth-share-test"],
                                                          abs=0.005)
    assert expected["portfolio-kpis-test"] == pytest.approx(2.25)  # 3 of 4 KPIs
    assert got[NB2]["portfolio-kpis-test"] == pytest.approx(2.25)
    assert got[NB2]["executive-summary"] is None


def test_feedback_hides_hidden_tests_and_answers(cohort: Path) -> None:
    """Feedback shows scores but no hidden test and no reference answer."""
    for student in ("untouched", "wrong"):
        assert feedback_leaks(cohort, MODULE, student) == {}
    page = (cohort / "feedback" / "wrong" / MODULE / f"{NB2}.html").read_text()
    assert f"{_wrong_expected('wrong')['right-lines']} of 7 product lines right" in page
