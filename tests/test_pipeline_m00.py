"""Module 00 through the real nbgrader pipeline: solutions, an untouched release, mistakes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from autograder.scoring.catalog import all_exercises
from course.data import load
from tests.pipeline import (
    auto_maxima,
    build_cohort,
    false_alarms,
    feedback_leaks,
    raw_tables,
    scores,
)

pytestmark = [pytest.mark.pipeline, pytest.mark.xdist_group("m00")]

MODULE = "00-product-ladder"
NB = "1-the-ladder"

#: Cells where a learner may set a widget's answer in code instead of clicking.
WIDGET_CELLS = {"ladder-code", "scope-code", "self-code"}
#: What the "wrong" learner types: plausible mistakes with designed partial credit.
WRONG = {
    NB: {
        # Director and Senior PM swapped: one adjacent swap near the bottom of the ladder
        "ladder-code": (
            'ladder.order = ["product_manager", "director", "senior_pm", "senior_director", '
            '"head_of_product", "vp_product", "cpo"]'
        ),
        # Head of Product and VP confused: 6 of 8 statements right
        "scope-code": (
            'scope.value = {"S1": "product_manager", "S2": "senior_pm", "S3": "director", '
            '"S4": "senior_director", "S5": "vp_product", "S6": "head_of_product", '
            '"S7": "cpo", "S8": "distinguished_pm"}'
        ),
        # twelve of the fifteen competencies rated
        "self-code": "assessment.value = {key: 2 for key in list(competencies.index)[:12]}",
        "reflection": "I want to be a CPO some day because it is the top of the ladder.",
    },
}


@pytest.fixture(scope="module")
def cohort(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Grade the standard three learners of module 00 with stock nbgrader."""
    return build_cohort(MODULE, tmp_path_factory.mktemp("m00"), WRONG, WIDGET_CELLS)


def test_solutions_score_full_marks(cohort: Path) -> None:
    """The source notebook, run by nbgrader, earns every auto-graded point of the catalog."""
    got, maxima = scores(cohort, MODULE, "solution"), auto_maxima(cohort, MODULE)
    assert false_alarms(cohort, MODULE, "solution") == [], "every self-check passes"
    assert raw_tables(cohort, MODULE, "solution") == [], "every table a learner reads is styled"
    assert {cell: got[NB][cell] for cell in maxima[NB]} == maxima[NB]
    assert got[NB]["reflection"] is None, "the model answer waits for a human grader"
    total = sum(e.points for e in all_exercises() if e.module == MODULE)
    assert total == sum(sum(cells.values()) for cells in maxima.values()) + 2  # + reflection


def test_untouched_release_scores_zero(cohort: Path) -> None:
    """A release handed back untouched is graded (no crash) and earns nothing."""
    got = scores(cohort, MODULE, "untouched")
    assert set(got[NB]) >= {"ladder-test", "scope-test", "self-test", "reflection"}
    assert all(score == 0 for score in got[NB].values())


def test_wrong_answers_earn_the_designed_partial_credit(cohort: Path) -> None:
    """Plausible mistakes earn exactly the partial credit the scoring rules promise."""
    got = scores(cohort, MODULE, "wrong")[NB]
    assert 0 < got["ladder-test"] < 2  # one adjacent swap
    assert got["scope-test"] == 3.0  # 6 of 8 statements, half a point each
    assert got["self-test"] == 1.6  # 12 of 15 rated, graded for completion
    assert got["reflection"] is None


def test_self_assessment_record_format(cohort: Path) -> None:
    """The self-assessment is stored as {competency id: int 1..5} for module 08 to read."""
    record = cohort / "autograded" / "wrong" / MODULE / f"{NB}.answers.json"
    value = json.loads(record.read_text())["answers"]["self-assessment"]["value"]
    ids = [str(i) for i in load("competencies").index]
    assert value == {key: 2 for key in ids[:12]}


def test_feedback_hides_hidden_tests_and_answers(cohort: Path) -> None:
    """Generated feedback shows scores but no hidden test and no reference answer."""
    for student in ("untouched", "wrong"):
        assert feedback_leaks(cohort, MODULE, student) == {}
    page = (cohort / "feedback" / "wrong" / MODULE / f"{NB}.html").read_text()
    assert "12 of 15 competencies rated" in page
