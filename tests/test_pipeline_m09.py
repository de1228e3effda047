"""Module 09 (the capstone) through the real nbgrader pipeline: solutions, untouched, mistakes."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from autograder.scoring.catalog import all_exercises, m09
from autograder.scoring.grade import grade
from autograder.scoring.rules import rank_agreement
from autograder.scoring.solver import share_of_optimum
from course.data import load
from tests.pipeline import auto_maxima, build_cohort, false_alarms, feedback_leaks, scores

pytestmark = [pytest.mark.pipeline, pytest.mark.xdist_group("m09")]

MODULE = "09-capstone"
NB = "1-a-year-as-director"

#: The learner funds the sync refactor (B3) early: a plausible order, not the RICE order.
ORDER = ["B1", "B6", "B4", "B7", "B3", "B2", "B5", "B8"]
CUT = 5  # 4 + 4 + 3 + 2 + 8 = 21 person-months; B2 (6 more) would not fit the 24
#: Right segment on their own data (enterprise), wrong step.
DIAGNOSIS = {"segment": "enterprise", "step": "core_action"}
#: An even-handed spread across five initiatives: fits Q3 (11 of 12 engineers, 220 of 300 $k).
Q3_PLAN = {"I2": 2, "I3": 2, "I4": 3, "I5": 2, "I7": 2}
#: The same spread trimmed to fit Q4 (10 engineers, 220 of 260 $k): ignores the shift.
Q4_PLAN = {"I2": 2, "I3": 2, "I4": 3, "I5": 1, "I7": 2}
WIDGET_CELLS = {"q1-code", "q2-code", "q3-code", "q4-code"}
WRONG = {
    NB: {
        "q1-code": f"board.order = {ORDER!r}\nboard.set_cut({CUT})",
        "q2-code": f"review.value = {DIAGNOSIS!r}",
        "q3-code": f"plan.plan = {Q3_PLAN!r}",
        "q4-code": f"shift.plan = {Q4_PLAN!r}",
        "year-review": "It went fine. I would do the same again.",
    },
}


@pytest.fixture(scope="module")
def cohort(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Grade the standard three learners of module 09 with the parallel grader."""
    return build_cohort(MODULE, tmp_path_factory.mktemp("m09"), WRONG, WIDGET_CELLS)


def _rice_order() -> list[str]:
    """Return the RICE order of the capstone backlog, worked out here with plain pandas."""
    backlog = load("m09_backlog")
    score = backlog["reach"] * backlog["impact"] * backlog["confidence"] / backlog["effort"]
    return list(score.sort_values(ascending=False, kind="stable").index)


def _learner_state() -> tuple[float, float]:
    """Return the tech debt after Q2 and after Q3 for this learner, from the data by hand."""
    backlog, initiatives = load("m09_backlog"), load("m09_initiatives")
    after_q1 = 38 + 4 + backlog.loc[ORDER[:CUT], "debt"].sum()  # start, drift, what shipped
    after_q2 = after_q1 + 4
    paid = sum(initiatives.loc[i, "debt_per_unit"] * n for i, n in Q3_PLAN.items())
    return float(after_q2), float(after_q2 + 4 - paid)


def _learner_leak() -> dict[str, str]:
    """Return the segment and step that fell most on this learner's Q2 data, by pandas."""
    events = m09.division().events({"q1": {"order": ORDER, "cut": CUT}})
    events = events.assign(quarter=pd.to_datetime(events["date"]).dt.quarter)
    reached = events.groupby(["segment", "quarter", "step"])["user_id"].nunique()
    steps = ["signup", "activation", "core_action", "upgrade"]
    drops = {}
    for segment in ("smb", "mid_market", "enterprise"):
        for before, step in zip(steps, steps[1:], strict=False):
            rate = [reached[segment, q, step] / reached[segment, q, before] for q in (1, 2)]
            drops[segment, step] = rate[0] - rate[1]
    segment, step = max(drops, key=drops.get)
    return {"segment": segment, "step": step}


def test_solutions_score_full_marks(cohort: Path) -> None:
    """The source notebook earns every auto-graded point; the total matches the catalog."""
    got, maxima = scores(cohort, MODULE, "solution"), auto_maxima(cohort, MODULE)
    assert false_alarms(cohort, MODULE, "solution") == [], "every self-check passes"
    assert {cell: got[NB][cell] for cell in maxima[NB]} == maxima[NB]
    assert got[NB]["year-review"] is None
    total = sum(e.points for e in all_exercises() if e.module == MODULE)
    assert total == 17
    assert total - 3 == sum(maxima[NB].values())


def test_untouched_release_scores_zero(cohort: Path) -> None:
    """A release handed back untouched is graded (no crash) and earns nothing."""
    got = scores(cohort, MODULE, "untouched")
    assert set(got[NB]) >= {"q1-ranking-test", "q2-diagnosis-test", "q3-plan-test",
                            "q4-plan-test"}
    assert all(score == 0 for score in got[NB].values())


def test_wrong_answers_earn_the_designed_partial_credit(cohort: Path) -> None:
    """A year of plausible mistakes earns exactly the partial credit the scoring promises."""
    got = scores(cohort, MODULE, "wrong")[NB]
    ranking = rank_agreement(ORDER, _rice_order()).points(3)
    assert 0 < ranking < 3
    assert got["q1-ranking-test"] == pytest.approx(ranking)
    assert got["q1-cutline-test"] == 0  # B3 funded instead of B2 and B5
    assert _learner_leak() == {"segment": "enterprise", "step": "upgrade"}
    assert got["q2-diagnosis-test"] == 1  # right segment of their own data, wrong step
    debt_q2, debt_q3 = _learner_state()  # 33 and 37: no engineer left to low morale
    q3 = m09.division().allocation(3, 12, debt_q2)
    q4 = m09.division().allocation(4, 12, debt_q3)
    expected_q3 = share_of_optimum(Q3_PLAN, q3).points(4)
    expected_q4 = share_of_optimum(Q4_PLAN, q4).points(4)
    assert 0 < expected_q3 < 4 and 0 < expected_q4 < 4
    assert got["q3-plan-test"] == pytest.approx(expected_q3)
    assert got["q4-plan-test"] == pytest.approx(expected_q4)


def test_the_q2_reference_follows_the_learners_q1() -> None:
    """The diagnosis that is right after the RICE plan earns nothing after a different Q1."""
    by_rice = {"order": _rice_order(), "cut": 6}
    mine = {"order": ORDER, "cut": CUT}
    heavy = m09.leak(by_rice)
    assert heavy != _learner_leak()
    assert grade(f"{MODULE}/q2-diagnosis", {"q1": by_rice, "q2": heavy}) == 2
    assert grade(f"{MODULE}/q2-diagnosis", {"q1": mine, "q2": heavy}) == 0
    assert grade(f"{MODULE}/q2-diagnosis", {"q1": mine, "q2": None}) == 0
    assert grade(f"{MODULE}/q3-plan", {"q1": mine, "q3": {"I2": 20}}) == 0  # breaks capacity


def test_feedback_hides_hidden_tests_and_answers(cohort: Path) -> None:
    """Feedback shows scores but no hidden test and no reference answer."""
    for student in ("untouched", "wrong"):
        assert feedback_leaks(cohort, MODULE, student) == {}
