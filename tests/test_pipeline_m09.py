"""Module 09 (the capstone) through the real nbgrader pipeline: solutions, untouched, mistakes."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from autograder.scoring.catalog import all_exercises, m09
from autograder.scoring.grade import grade
from autograder.scoring.rules import rank_agreement
from autograder.scoring.solver import share_of_optimum
from course.data import figure, load
from course.models.allocation import AllocationScenario
from course.models.capstone import Decisions, simulate
from course.models.prioritization import longest_fit
from course.variants import Variant, active
from tests.pipeline import (
    auto_maxima,
    build_cohort,
    false_alarms,
    feedback_leaks,
    raw_tables,
    scores,
)

pytestmark = [pytest.mark.pipeline, pytest.mark.xdist_group("m09")]

MODULE = "09-capstone"
NB = "1-a-year-as-director"

#: The learner funds the sync refactor (B3) first: a plausible order, not the RICE order,
#: and never the RICE funded set (RICE ranks the refactor in its bottom two on every variant).
ORDER = ["B3", "B1", "B6", "B4", "B7", "B2", "B5", "B8"]
WIDGET_CELLS = {"q1-code", "q2-code", "q3-code", "q4-code"}
#: the learner who makes the mistakes, on their own scenario
LEARNER = "wrong"


def _spread(scenario: AllocationScenario) -> dict[str, int]:
    """An even-handed spread: the minimum on each initiative, in id order, while it fits."""
    plan: dict[str, int] = {}
    for item in scenario.initiatives:
        if item.requires is None and scenario.evaluate({**plan, item.id: item.min_units}).feasible:
            plan[item.id] = item.min_units
    return plan


@cache
def _mistakes() -> dict[str, Any]:
    """The wrong learner's year on their own scenario: Q1 board, diagnosis and both plans.

    The cut funds as much of ORDER as fits; the diagnosis names the right segment of their
    own Q2 data at the wrong step; the plans are even-handed spreads, Q4's ignoring the
    market's new values.
    """
    with active(Variant(LEARNER)):
        division = m09.division()
        cut = longest_fit(ORDER, division.backlog["effort"], division.settings.capacity_q1)
        q1 = {"order": ORDER, "cut": cut}
        right = m09.leak(q1)
        step = next(s for s in m09.STEPS if s != right["step"])
        q3 = _spread(m09.allocation(3, Decisions(q1=q1)))
        q4 = _spread(m09.allocation(4, Decisions(q1=q1, q3=q3)))
        return {"q1": q1, "q2": {"segment": right["segment"], "step": step}, "q3": q3,
                "q4": q4}


def _wrong_cells() -> dict[str, dict[str, str]]:
    """The wrong learner's code cells (their answers, set from code)."""
    made = _mistakes()
    return {
        NB: {
            "q1-code": (f"board.order = {ORDER!r}\n"
                        f"board.set_cut({made['q1']['cut']})"),
            "q2-code": f"review.value = {made['q2']!r}",
            "q3-code": f"plan.plan = {made['q3']!r}",
            "q4-code": f"shift.plan = {made['q4']!r}",
            "year-review": "It went fine. I would do the same again.",
        },
    }


@pytest.fixture(scope="module")
def cohort(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Grade the standard three learners of module 09 with the parallel grader."""
    return build_cohort(MODULE, tmp_path_factory.mktemp("m09"), _wrong_cells(), WIDGET_CELLS)


def _rice_order() -> list[str]:
    """Return the RICE order of the capstone backlog, worked out here with plain pandas."""
    backlog = load("m09_backlog")
    score = backlog["reach"] * backlog["impact"] * backlog["confidence"] / backlog["effort"]
    return list(score.sort_values(ascending=False, kind="stable").index)


def _learner_state() -> tuple[float, float]:
    """Return the tech debt after Q2 and after Q3 for the learner, from the data by hand."""
    made = _mistakes()
    backlog, initiatives = load("m09_backlog"), load("m09_initiatives")
    start, drift = figure("m09_debt"), m09.division().settings.debt_drift
    funded = ORDER[:made["q1"]["cut"]]
    after_q1 = start + drift + backlog.loc[funded, "debt"].sum()  # start, drift, what shipped
    after_q2 = after_q1 + drift
    paid = sum(initiatives.loc[i, "debt_per_unit"] * n for i, n in made["q3"].items())
    return float(after_q2), float(after_q2 + drift - paid)


def _learner_leak() -> dict[str, str]:
    """Return the segment and step that fell most on the learner's Q2 data, by pandas."""
    events = m09.division().events({"q1": _mistakes()["q1"]})
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
    assert raw_tables(cohort, MODULE, "solution") == [], "every table a learner reads is styled"
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
    got = scores(cohort, MODULE, LEARNER)[NB]
    made = _mistakes()
    with active(Variant(LEARNER)):
        ranking = rank_agreement(ORDER, _rice_order()).points(3)
        assert 0 < ranking < 3
        assert got["q1-ranking-test"] == pytest.approx(ranking)
        assert got["q1-cutline-test"] == 0  # B3 funded, which RICE never funds
        leak = _learner_leak()
        assert leak == m09.leak(made["q1"]) and made["q2"]["segment"] == leak["segment"]
        assert got["q2-diagnosis-test"] == 1  # right segment of their own data, wrong step
        debt_q2, debt_q3 = _learner_state()
        year = simulate(m09.division(), {"q1": made["q1"], "q3": made["q3"]})
        assert year.state("Q2").tech_debt == pytest.approx(debt_q2)
        assert year.state("Q3").tech_debt == pytest.approx(debt_q3)
        q3 = m09.division().allocation(3, year.state("Q2").engineers, debt_q2)
        q4 = m09.division().allocation(4, year.state("Q3").engineers, debt_q3)
        expected_q3 = share_of_optimum(made["q3"], q3).points(4)
        expected_q4 = share_of_optimum(made["q4"], q4).points(4)
    assert 0 < expected_q3 < 4 and 0 < expected_q4 < 4
    assert got["q3-plan-test"] == pytest.approx(expected_q3)
    assert got["q4-plan-test"] == pytest.approx(expected_q4)


def test_the_q2_reference_follows_the_learners_q1() -> None:
    """The diagnosis that is right after a debt-heavy Q1 earns nothing after a light one."""
    backlog = m09.division().backlog
    debt_first = list(backlog["debt"].sort_values(ascending=False, kind="stable").index)
    heavy = {"order": debt_first, "cut": longest_fit(debt_first, backlog["effort"],
                                                     m09.division().settings.capacity_q1)}
    light = {"order": ["B3", *(i for i in backlog.index if i != "B3")], "cut": 1}
    limit = m09.division().settings.debt_limit
    assert simulate(m09.division(), {"q1": heavy}).state("Q1").tech_debt >= limit
    assert simulate(m09.division(), {"q1": light}).state("Q1").tech_debt < limit
    broken = m09.leak(heavy)
    assert broken != m09.leak(light)
    assert grade(f"{MODULE}/q2-diagnosis", {"q1": heavy, "q2": broken}) == 2
    assert grade(f"{MODULE}/q2-diagnosis", {"q1": light, "q2": broken}) == 0
    assert grade(f"{MODULE}/q2-diagnosis", {"q1": light, "q2": None}) == 0
    assert grade(f"{MODULE}/q3-plan", {"q1": light, "q3": {"I2": 20}}) == 0  # breaks capacity


def test_feedback_hides_hidden_tests_and_answers(cohort: Path) -> None:
    """Feedback shows scores but no hidden test and no reference answer."""
    for student in ("untouched", LEARNER):
        assert feedback_leaks(cohort, MODULE, student) == {}
