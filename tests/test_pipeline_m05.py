"""Module 05 through the real nbgrader pipeline: solutions, an untouched release, mistakes."""

from __future__ import annotations

from pathlib import Path

import pytest

from autograder.scoring.catalog import all_exercises, get, m05
from autograder.scoring.grade import score
from autograder.scoring.solver import share_of_optimum
from course.data import figure, load
from course.variants import Variant, active
from course.variation.m05 import even_trim
from tests.pipeline import (
    auto_maxima,
    build_cohort,
    false_alarms,
    feedback_leaks,
    raw_tables,
    scores,
)

pytestmark = [pytest.mark.pipeline, pytest.mark.xdist_group("m05")]

MODULE = "05-cpo"
NB1, NB2 = "1-vision-and-partnerships", "2-market-shift"

#: Every line trimmed by the same share of last year's split: fits, but ignores the shift.
TRIMMED = (
    'share = portfolio["current_units"] * SQUADS / portfolio["current_units"].sum()\n'
    "plan = share.astype(int)\n"
    "for line in (share - plan).sort_values(ascending=False, kind='stable').index:\n"
    "    if plan.sum() < SQUADS:\n"
    "        plan[line] += 1\n"
    "shift.plan = {k: int(v) for k, v in plan.items()}"
)
WIDGET_CELLS = {"shift-code", "vp-cpo-code"}
WRONG = {
    NB1: {
        # valid weights and right scores, but the runner-up is picked
        "partners-code": (
            'weights = {"strategic_fit": 0.35, "customer_reach": 0.25, '
            '"technology_synergy": 0.2, "cultural_fit": 0.1, "affordability": 0.1}\n'
            "partner_scores = sum(partners[c] * w for c, w in weights.items())\n"
            "chosen_partner = partner_scores.sort_values().index[-2]"
        ),
        # product lines read as the company: the scope behaviour given to the CPO (7 of 8)
        "vp-cpo-code": (
            'rung.value = {"K1": "cpo", "K2": "cpo", "K3": "cpo", "K4": "cpo", '
            '"K5": "vp_product", "K6": "vp_product", "K7": "cpo", "K8": "vp_product"}'
        ),
        # the steps counted from 1, not 0: the flip found one step early
        "sensitivity-code": (
            "sensitivity = []\n"
            "for k in STEPS:\n"
            "    w = dict(BOARD)\n"
            '    w["customer_reach"] += 0.05 * (k + 1)\n'
            '    w["technology_synergy"] -= 0.05 * (k + 1)\n'
            "    sensitivity.append(sum(partners[c] * w[c] for c in CRITERIA).idxmax())"
        ),
        # margin in percent of the winner's score; the flip missed (2 of 4)
        "robustness-code": (
            "board_scores = sum(partners[c] * BOARD[c] for c in CRITERIA)"
            ".sort_values(ascending=False)\n"
            "robustness = {\n"
            '    "winner": board_scores.index[0],\n'
            '    "runner_up": board_scores.index[1],\n'
            '    "margin": 100 * (board_scores.iloc[0] - board_scores.iloc[1]) '
            "/ board_scores.iloc[0],\n"
            '    "flip_at": None,\n'
            "}"
        ),
        "weights-rationale": "Strategy matters most, so it weighs most.",
    },
    NB2: {"shift-code": TRIMMED},
}


def _wrong_expected(learner: str) -> dict[str, float]:
    """What the WRONG mistakes earn on ``learner``'s own scenario, by the scoring rules."""
    with active(Variant(learner)):
        winners = list(m05.sensitivity())
        early = [*winners[1:], str(m05._board_scores(m05.STEPS).idxmax())]
        trimmed = even_trim(load("m05_portfolio"), int(figure("m05_squads")))
        return {
            "sensitivity-test": score(get(f"{MODULE}/sensitivity"), early)[0],
            "shift-plan-test": share_of_optimum(trimmed, m05.shift_scenario()).points(4),
        }


@pytest.fixture(scope="module")
def cohort(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Grade the standard three learners of module 05 with stock nbgrader."""
    return build_cohort(MODULE, tmp_path_factory.mktemp("m05"), WRONG, WIDGET_CELLS)


def test_solutions_score_full_marks(cohort: Path) -> None:
    """The source notebooks earn every auto-graded point; the total matches the catalog."""
    got, maxima = scores(cohort, MODULE, "solution"), auto_maxima(cohort, MODULE)
    assert false_alarms(cohort, MODULE, "solution") == [], "every self-check passes"
    assert raw_tables(cohort, MODULE, "solution") == [], "every table a learner reads is styled"
    for nb in maxima:
        assert {cell: got[nb][cell] for cell in maxima[nb]} == maxima[nb], nb
    assert got[NB1]["weights-rationale"] is None
    total = sum(e.points for e in all_exercises() if e.module == MODULE)
    assert total == 22
    assert total - 3 == sum(sum(cells.values()) for cells in maxima.values())


def test_untouched_release_scores_zero(cohort: Path) -> None:
    """A release handed back untouched is graded (no crash) and earns nothing."""
    got = scores(cohort, MODULE, "untouched")
    assert set(got[NB2]) >= {"shift-plan-test"}
    assert all(score == 0 for nb in got.values() for score in nb.values())


def test_wrong_answers_earn_the_designed_partial_credit(cohort: Path) -> None:
    """Plausible mistakes earn exactly the partial credit the scoring rules promise."""
    got = scores(cohort, MODULE, "wrong")
    assert got[NB1]["partner-scores-test"] == 3
    assert got[NB1]["partner-pick-test"] == 0
    assert got[NB1]["vp-cpo-test"] == 3.5  # 7 of 8 behaviours
    expected = _wrong_expected("wrong")
    assert expected["sensitivity-test"] < 3
    assert got[NB1]["sensitivity-test"] == pytest.approx(expected["sensitivity-test"],
                                                         abs=0.005)
    assert got[NB1]["robustness-test"] == 2.0  # winner and runner-up
    assert 0 < expected["shift-plan-test"] < 4
    assert got[NB2]["shift-plan-test"] == pytest.approx(expected["shift-plan-test"], abs=0.005)


def test_weights_that_break_a_rule_earn_nothing() -> None:
    """Scores computed right with weights that break the board's rule earn nothing."""
    import pandas as pd

    from course.data import load

    partners = load("m05_partners")
    weights = dict.fromkeys(m05.CRITERIA, 0.2)
    weights.update(strategic_fit=0.1, customer_reach=0.3)
    scores_ = sum(partners[c] * w for c, w in weights.items())
    assert isinstance(scores_, pd.Series)
    assert "strategic fit" in m05.rule_breaks(weights)
    from autograder.scoring.grade import grade

    assert grade(f"{MODULE}/partner-scores", (weights, scores_)) == 0


def test_feedback_hides_hidden_tests_and_answers(cohort: Path) -> None:
    """Feedback shows scores but no hidden test and no reference answer."""
    for student in ("untouched", "wrong"):
        assert feedback_leaks(cohort, MODULE, student) == {}
