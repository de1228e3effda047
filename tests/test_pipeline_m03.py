"""Module 03 through the real nbgrader pipeline: solutions, an untouched release, mistakes.

The KPI dashboard lesson of this module is written separately; when its cases file
(``tests/cases_m03_kpi.py``) exists, its mistakes join the wrong learner and its expected
scores are checked here too.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from autograder.scoring.catalog import all_exercises, m03
from autograder.scoring.grade import grade
from autograder.scoring.solver import share_of_optimum
from course.variants import Variant, active
from tests.pipeline import (
    auto_maxima,
    build_cohort,
    false_alarms,
    feedback_leaks,
    raw_tables,
    scores,
)

try:
    from tests import cases_m03_kpi as kpi
except ImportError:  # the KPI lesson's cases are not written yet
    kpi = None

pytestmark = [pytest.mark.pipeline, pytest.mark.xdist_group("m03")]

MODULE = "03-director"
NB1, NB2 = "1-the-director", "2-allocate-capacity"

#: A feasible but poor plan on every learner's division: the initiatives with the biggest
#: first engineer filled to the brim while engineers and budget last (m03.brimful_plan).
WRONG_PLAN_CODE = (
    "left, money, wrong = CAPACITY, BUDGET, {}\n"
    "for item in initiatives.sort_values('value', ascending=False, kind='stable').index:\n"
    "    row = initiatives.loc[item]\n"
    "    units = int(min(row['max_units'], left))\n"
    "    needed = not isinstance(row['requires'], str) or wrong.get(row['requires'], 0) > 0\n"
    "    if needed and units >= row['min_units'] and row['fixed_cost'] <= money:\n"
    "        wrong[item] = units\n"
    "        left, money = left - units, money - row['fixed_cost']\n"
    "plan.plan = wrong"
)
WIDGET_CELLS = {"specialisation-code", "plan-code"}
WRONG = {
    NB1: {
        # two companies swapped: 3 of 5 right
        "specialisation-code": (
            'needs.value = {"C1": "technical", "C2": "growth", "C3": "enterprise", '
            '"C4": "data", "C5": "design"}'
        ),
        # bonus over base salary instead of total pay; New York left out of the premiums
        "pay-code": (
            'usd = pay["usd"].astype(float)\n'
            'bonus_share = usd["us-bonus"] / usd["us-salary"]\n'
            'city_premium = usd[["sf", "mia", "sea", "pdx"]] / usd["us-salary"] - 1'
        ),
        "reflection": "Innovation against stability: I would ask the teams and decide.",
    },
    NB2: {"plan-code": WRONG_PLAN_CODE},
}
if kpi is not None:
    # WRONG there is keyed by notebook (or, in an older form, holds its cells directly)
    WRONG = {**WRONG, **(kpi.WRONG if kpi.NOTEBOOK in kpi.WRONG else {kpi.NOTEBOOK: kpi.WRONG})}
    WIDGET_CELLS = WIDGET_CELLS | set(kpi.WIDGET_CELLS)


@pytest.fixture(scope="module")
def cohort(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Grade the standard three learners of module 03 with stock nbgrader."""
    return build_cohort(MODULE, tmp_path_factory.mktemp("m03"), WRONG, WIDGET_CELLS)


def test_solutions_score_full_marks(cohort: Path) -> None:
    """The source notebooks earn every auto-graded point; the total matches the catalog."""
    got, maxima = scores(cohort, MODULE, "solution"), auto_maxima(cohort, MODULE)
    assert false_alarms(cohort, MODULE, "solution") == [], "every self-check passes"
    assert raw_tables(cohort, MODULE, "solution") == [], "every table a learner reads is styled"
    assert {NB1, NB2} <= set(maxima)
    for nb in maxima:
        assert {cell: got[nb][cell] for cell in maxima[nb]} == maxima[nb], nb
    assert got[NB1]["reflection"] is None, "the model answer waits for a human grader"
    total = sum(e.points for e in all_exercises() if e.module == MODULE)
    manual = sum(e.points for e in all_exercises() if e.module == MODULE and
                 e.source == "manual")
    assert total - manual == sum(sum(cells.values()) for cells in maxima.values())


def test_untouched_release_scores_zero(cohort: Path) -> None:
    """A release handed back untouched is graded (no crash) and earns nothing."""
    got = scores(cohort, MODULE, "untouched")
    assert set(got[NB2]) >= {"capacity-plan-test"}
    assert all(score == 0 for nb in got.values() for score in nb.values())


def test_wrong_answers_earn_the_designed_partial_credit(cohort: Path) -> None:
    """Plausible mistakes earn exactly the partial credit the scoring rules promise."""
    got = scores(cohort, MODULE, "wrong")
    assert got[NB1]["specialisation-test"] == 3.0  # 3 of 5 companies
    assert got[NB1]["bonus-share-test"] == 0
    assert got[NB1]["city-premium-test"] == pytest.approx(1.6)  # 4 of 5 cities
    assert got[NB1]["reflection"] is None
    with active(Variant("wrong")):  # the wrong learner's own division
        division = m03.scenario()
        expected = share_of_optimum(m03.brimful_plan(division), division).points(4)
    assert 0 < expected < 4
    assert got[NB2]["capacity-plan-test"] == pytest.approx(expected)
    if kpi is not None:
        for cell, points in kpi.EXPECTED.items():
            assert got[kpi.NOTEBOOK][cell] == pytest.approx(points), cell


def test_plan_is_graded_from_the_saved_record(cohort: Path) -> None:
    """The gradebook's plan score equals grading the saved record; the draft is not graded."""
    graded = cohort / "autograded" / "wrong" / MODULE
    with active(Variant("wrong")):  # graded on the learner's own variant
        expected = grade(f"{MODULE}/capacity-plan", directory=graded)
    assert scores(cohort, MODULE, "wrong")[NB2]["capacity-plan-test"] == pytest.approx(expected)


def test_feedback_hides_hidden_tests_and_answers(cohort: Path) -> None:
    """Feedback shows scores and hints but no hidden test and no reference answer."""
    for student in ("untouched", "wrong"):
        assert feedback_leaks(cohort, MODULE, student) == {}
    page = (cohort / "feedback" / "wrong" / MODULE / f"{NB1}.html").read_text()
    assert "3 of 5 companies right" in page and "look again at" in page
    assert "technical" not in page.split("look again at", 1)[1].split("points")[0]
    plan_page = (cohort / "feedback" / "wrong" / MODULE / f"{NB2}.html").read_text()
    assert "of the best value a plan can reach" in plan_page
