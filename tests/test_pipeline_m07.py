"""Module 07 through the real nbgrader pipeline: solutions, an untouched release, mistakes."""

from __future__ import annotations

from pathlib import Path

import pytest

from autograder.scoring.catalog import all_exercises
from autograder.scoring.grade import grade
from tests.pipeline import (
    auto_maxima,
    build_cohort,
    false_alarms,
    feedback_leaks,
    raw_tables,
    scores,
)

pytestmark = [pytest.mark.pipeline, pytest.mark.xdist_group("m07")]

MODULE = "07-collaboration"
NB = "1-working-across-levels"
WIDGET_CELLS = {"raci-code", "escalation-code", "claims-code"}
#: Plausible mistakes: D2 (two products of one division) taken to the VP instead of the
#: Director, so its four cells are wrong; two problems escalated one level too low; the
#: course's proposals for partnerships and board reporting taken for the source's words.
WRONG = {
    NB: {
        "raci-code": (
            "rows = {\n"
            '    "product_manager": {"product_manager": "A", "director": "C", '
            '"vp_product": "-", "cpo": "-"},\n'
            '    "director": {"product_manager": "R", "director": "A", "vp_product": "C", '
            '"cpo": "-"},\n'
            '    "vp_product": {"product_manager": "I", "director": "R", "vp_product": "A", '
            '"cpo": "C"},\n'
            '    "cpo": {"product_manager": "I", "director": "I", "vp_product": "R", '
            '"cpo": "A"},\n'
            "}\n"
            'who = {"D1": "product_manager", "D2": "vp_product", "D3": "director", '
            '"D4": "vp_product", "D5": "product_manager", "D6": "cpo", "D7": "vp_product", '
            '"D8": "cpo"}\n'
            "raci.value = {d: rows[level] for d, level in who.items()}"
        ),
        "escalation-code": (
            'routing.value = {"E1": "product_manager", "E2": "director", "E3": "director", '
            '"E4": "cpo", "E5": "product_manager", "E6": "vp_product"}'
        ),
        "claims-code": (
            'sourcing.value = {"A1": "source", "A2": "proposal", "A3": "source", '
            '"A4": "source", "A5": "source", "A6": "source", "A7": "source", '
            '"A8": "proposal"}'
        ),
        "reflection": "Coaching broke down because my director cancelled our one-to-ones.",
    },
}


@pytest.fixture(scope="module")
def cohort(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Grade the standard cohort of module 07 with stock nbgrader; return the course root."""
    return build_cohort(MODULE, tmp_path_factory.mktemp("m07"), WRONG, WIDGET_CELLS)


def test_solutions_score_full_marks(cohort: Path) -> None:
    """The source notebook, run by nbgrader, earns every auto-graded point of the catalog."""
    got, maxima = scores(cohort, MODULE, "solution"), auto_maxima(cohort, MODULE)
    assert false_alarms(cohort, MODULE, "solution") == [], "every self-check passes"
    assert raw_tables(cohort, MODULE, "solution") == [], "every table a learner reads is styled"
    assert {cell: got[NB][cell] for cell in maxima[NB]} == maxima[NB] == {
        "raci-test": 4, "escalation-test": 3, "claims-test": 3}
    assert got[NB]["reflection"] is None, "the model answer waits for a human grader"
    total = sum(e.points for e in all_exercises() if e.module == MODULE)
    assert total == sum(maxima[NB].values()) + 2


def test_untouched_release_scores_zero(cohort: Path) -> None:
    """The release handed back untouched is graded without a crash and earns nothing."""
    got = scores(cohort, MODULE, "untouched")
    assert set(got[NB]) == {"raci-test", "escalation-test", "claims-test", "reflection"}
    assert all(score == 0 for score in got[NB].values())


def test_wrong_answers_earn_the_designed_partial_credit(cohort: Path) -> None:
    """28 of 32 RACI cells, 4 of 6 routes, 6 of 8 statements right: 3.5, 2 and 2.25 points."""
    got = scores(cohort, MODULE, "wrong")
    assert got[NB]["raci-test"] == 3.5
    assert got[NB]["escalation-test"] == 2.0
    assert got[NB]["claims-test"] == 2.25
    assert got[NB]["reflection"] is None


def test_pipeline_grades_what_the_scoring_rules_say(cohort: Path) -> None:
    """The gradebook's RACI score equals grading the learner's saved record directly."""
    graded = cohort / "autograded" / "wrong" / MODULE
    assert scores(cohort, MODULE, "wrong")[NB]["raci-test"] == grade(
        f"{MODULE}/raci", directory=graded)


def test_feedback_hides_hidden_tests_and_answers(cohort: Path) -> None:
    """Feedback shows the per-cell reason but no hidden test and no reference grid."""
    for student in ("untouched", "wrong"):
        assert feedback_leaks(cohort, MODULE, student) == {}
    page = (cohort / "feedback" / "wrong" / MODULE / f"{NB}.html").read_text()
    assert "28 of 32 cells right" in page
