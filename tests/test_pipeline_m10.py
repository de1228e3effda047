"""Module 10 through the real nbgrader pipeline: solutions, an untouched release, mistakes."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from autograder.scoring.catalog import all_exercises
from tests.pipeline import (
    auto_maxima,
    build_cohort,
    false_alarms,
    feedback_leaks,
    raw_tables,
    scores,
)

pytestmark = [pytest.mark.pipeline, pytest.mark.xdist_group("m10")]

MODULE = "10-competencies"
NB1, NB2, NB3, NB4, NB5 = ("1-direction", "2-people", "3-reach", "4-market",
                           "5-numbers-and-change")
#: Cells where a learner may set a widget's answer in code instead of clicking.
WIDGET_CELLS = {
    "strategy-code", "vision-code", "decision-code", "leadership-code", "team-code",
    "reflection-code", "scope-code", "influence-code", "communication-code", "customer-code",
    "domain-code", "new-domain-code", "partnership-code", "negotiation-code",
    "experiment-call-code", "pricing-call-code", "adapt-code",
}
#: What the "wrong" learner types: plausible mistakes with designed partial credit.
WRONG = {
    NB1: {
        # the Director's roadmap and the VP's industry reading swapped: 4 of 6
        "strategy-code": ('strategy.value = {"ST1": "pm", "ST2": "cpo", "ST3": "vp", '
                          '"ST4": "director", "ST5": "pm", "ST6": "director"}'),
        # room for experiments taken for the CPO's culture: 4 of 5
        "vision-code": ('vision.value = {"VI1": "cpo", "VI2": "pm", "VI3": "cpo", '
                        '"VI4": "director", "VI5": "pm"}'),
        "decision-code": 'decision.value = "B"',  # builds it all: defensible, half
    },
    NB2: {
        # the VP's accountability and the CPO's tone swapped, the PM's retro given to a director
        "leadership-code": ('leading.value = {"LE1": "vp", "LE2": "pm", "LE3": "cpo", '
                            '"LE4": "director", "LE5": "director"}'),
        "team-code": 'team_choice.value = "A"',  # the VP coaches the PMs: nothing
        "reflection-code": 'review_choice.value = "C"',  # a course, later: half
    },
    NB3: {
        "scope-code": ('scope.value = {"SC1": "cpo", "SC2": "pm", "SC3": "director", '
                       '"SC4": "director", "SC5": "pm"}'),  # 4 of 5
        "influence-code": 'influence_choice.value = "C"',  # escalates at once: half
        "communication-code": 'slip_choice.value = "D"',  # the director tells her: half
    },
    NB4: {
        "customer-code": ('customer.value = {"CF1": "pm", "CF2": "cpo", "CF3": "director", '
                          '"CF4": "cpo", "CF5": "pm"}'),  # 4 of 5
        "domain-code": ('domain.value = {"DK1": "pm", "DK2": "vp", "DK3": "cpo", "DK4": "pm", '
                        '"DK5": "cpo"}'),  # 4 of 5
        "new-domain-code": 'domain_choice.value = "A"',  # the old playbook: nothing
        "partnership-code": ('partnering.value = {"SP1": "director", "SP2": "vp", '
                             '"SP3": "cpo", "SP4": "vp", "SP5": "vp"}'),  # 4 of 5
        "negotiation-code": 'deal_choice.value = "D"',  # a pilot first: half
    },
    NB5: {
        # the "all" row as the mean of the two segment rates, not pooled: 4 of 6 cells
        "experiment-code": (
            'rates = experiment.assign(rate=experiment["converted"] / experiment["users"])'
            '.pivot(index="segment", columns="variant", values="rate")\n'
            'rates.loc["all"] = rates.mean()'
        ),
        "experiment-call-code": 'call.value = "A"',  # fooled by the pooled gap
        # the margin in percent: revenue and profit right, 8 of 12 cells
        "pricing-code": (
            'plans = pd.DataFrame({"revenue": pricing["price"] * pricing["accounts"]})\n'
            'plans["profit"] = pricing["accounts"] * (pricing["price"] - pricing["unit_cost"])'
            ' - pricing["fixed_cost"]\n'
            'plans["margin"] = 100 * plans["profit"] / plans["revenue"]'
        ),
        "pricing-call-code": 'proposal.value = plans["revenue"].idxmax()',  # revenue, not profit
        "adapt-code": 'shift_choice.value = "C"',  # rebuild everything: half
        "next-rung": "Communication: I will tell stakeholders about slips earlier.",
    },
}
#: The partial credit each mistake above is designed to earn, on every variant of the data:
#: the soundness checks of the catalog keep the mean of the segment rates away from the
#: pooled rate and the highest revenue away from the highest profit.
EXPECTED_WRONG = {
    NB1: {"strategy-test": 1.33, "vision-test": 1.6, "decision-test": 1.0},
    NB2: {"leadership-test": 0.8, "team-test": 0.0, "reflection-test": 1.0},
    NB3: {"scope-test": 1.6, "influence-test": 1.0, "communication-test": 1.0},
    NB4: {"customer-test": 1.6, "domain-test": 1.6, "new-domain-test": 0.0,
          "partnership-test": 1.6, "negotiation-test": 1.0},
    NB5: {"experiment-test": 2.0, "experiment-call-test": 0.0, "pricing-test": 2.0,
          "pricing-call-test": 0.0, "adapt-test": 1.0, "next-rung": None},
}


@pytest.fixture(scope="module")
def cohort(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Grade the standard three learners of module 10; return the course root."""
    return build_cohort(MODULE, tmp_path_factory.mktemp("m10"), WRONG, WIDGET_CELLS)


def test_solutions_score_full_marks(cohort: Path) -> None:
    """The source notebooks, run by nbgrader, earn every auto-graded point of the catalog."""
    got, maxima = scores(cohort, MODULE, "solution"), auto_maxima(cohort, MODULE)
    assert false_alarms(cohort, MODULE, "solution") == [], "every self-check passes"
    assert raw_tables(cohort, MODULE, "solution") == [], "every table a learner reads is styled"
    assert set(maxima) == {NB1, NB2, NB3, NB4, NB5}
    for nb in maxima:
        assert {cell: got[nb][cell] for cell in maxima[nb]} == maxima[nb], nb
    assert got[NB5]["next-rung"] is None, "the model answer waits for a human grader"
    total = sum(e.points for e in all_exercises() if e.module == MODULE)
    assert total == sum(sum(cells.values()) for cells in maxima.values()) + 2 == 42


def test_untouched_release_scores_zero(cohort: Path) -> None:
    """The release handed back untouched is graded without a crash and earns nothing."""
    got = scores(cohort, MODULE, "untouched")
    assert {nb: set(cells) for nb, cells in got.items()} == {
        nb: set(cells) for nb, cells in EXPECTED_WRONG.items()}
    assert all(score == 0 for nb in got.values() for score in nb.values())


def test_wrong_answers_earn_the_designed_partial_credit(cohort: Path) -> None:
    """Plausible mistakes earn exactly the partial credit the scoring rules promise."""
    assert scores(cohort, MODULE, "wrong") == EXPECTED_WRONG


def test_feedback_hides_hidden_tests_and_answers(cohort: Path) -> None:
    """Generated feedback shows the reasons but no hidden test and no reference answer."""
    for student in ("untouched", "wrong"):
        assert feedback_leaks(cohort, MODULE, student) == {}
    page = (cohort / "feedback" / "wrong" / MODULE / f"{NB1}.html").read_text()
    assert "4 of 6 behaviours right" in page


def test_export_lists_the_learners(cohort: Path) -> None:
    """``nbgrader export`` writes a row per learner with the expected totals."""
    with open(cohort / "grades.csv", newline="") as handle:
        rows = {row["student_id"]: row for row in csv.DictReader(handle)
                if row["assignment"] == MODULE}
    assert set(rows) == {"solution", "untouched", "wrong"}
    assert float(rows["untouched"]["raw_score"]) == 0
    assert float(rows["solution"]["raw_score"]) == 40  # the reflection waits for a grader
    expected = round(sum(v or 0 for nb in EXPECTED_WRONG.values() for v in nb.values()), 2)
    assert float(rows["wrong"]["raw_score"]) == pytest.approx(expected)
