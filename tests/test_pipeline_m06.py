"""Module 06 through the real nbgrader pipeline: solutions, an untouched release, mistakes."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from autograder.scoring.catalog import all_exercises, get
from autograder.scoring.grade import grade, score
from course.answers import AnswerStore
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

pytestmark = [pytest.mark.pipeline, pytest.mark.xdist_group("m06")]

MODULE = "06-distinguished-pm"
NB1, NB2 = "1-the-role", "2-scorecard-and-bets"

#: Cells where a learner may set a widget's answer in code instead of clicking.
WIDGET_CELLS = {"track-code", "initiative-code", "dashboard-code", "bet-choice-code"}
#: What the "wrong" learner types: plausible mistakes with designed partial credit.
WRONG = {
    NB1: {
        # the KPI set read as every leader's, and public voice as the DPM's alone: 4 of 6 right
        "track-code": (
            'tracks.value = {"T1": "manager", "T2": "ic", "T3": "manager", "T4": "both", '
            '"T5": "both", "T6": "ic"}'
        ),
        # medians instead of means: right only where they coincide
        "means-code": (
            'rater_means = feedback.pivot_table(index="competency", columns="relationship", '
            'values="rating", aggfunc="median")'
        ),
        # the weakest competency taken for the widest gap: 2 of 3 parts
        "review-code": (
            'overall = feedback.groupby("competency")["rating"].mean()\n'
            'review = {"strongest": overall.idxmax(), "weakest": overall.idxmin(), '
            '"widest_gap": overall.idxmin()}'
        ),
        "reflection": "I would ask the stakeholders what they need and meet them more often.",
    },
    NB2: {
        # retention divided by this quarter's active accounts: the retention cells go wrong
        "scorecard-code": (
            'card = quarterly.sort_values(["area", "quarter"]).set_index(["area", "quarter"])\n'
            'answers = card["promoters"] + card["passives"] + card["detractors"]\n'
            "scorecard = pd.DataFrame({\n"
            '    "adoption": card["active_accounts"] / card["eligible_accounts"],\n'
            '    "retention": card["retained_accounts"] / card["active_accounts"],\n'
            '    "revenue_growth": card.groupby(level="area")["revenue"].pct_change(),\n'
            '    "nps": 100 * (card["promoters"] - card["detractors"]) / answers,\n'
            "})"
        ),
        # fooled by the adoption jump (never the initiative that worked, on any scenario)
        "initiative-code": (
            '_card = quarterly.set_index(["area", "quarter"])\n'
            '_after = pd.Series(_card.index.get_level_values("quarter") '
            '>= _card["launched"].to_numpy(), index=_card.index)\n'
            '_jump = (scorecard["adoption"][_after].groupby(level="area").mean()\n'
            '         - scorecard["adoption"][~_after].groupby(level="area").mean())\n'
            'worked.value = quarterly.groupby("area")["initiative"].first()[_jump.idxmax()]'
        ),
        "dashboard-code": (
            'dashboard.value = {"step": "upgrade", "segment": "smb", "metric": "upgrade"}'
        ),
        # the failure payoff forgotten: the bet whose failure still pays comes out wrong
        "bets-code": (
            'expected_value = (bets["p_success"] * bets["payoff_success"] + bets["p_partial"] '
            '* bets["payoff_partial"] - bets["cost"])'
        ),
        "bet-choice-code": "bet.value = expected_value.idxmax()",  # ignores the risk limit
    },
}


def _wrong_expected(learner: str) -> dict[str, tuple[float, str]]:
    """What the WRONG answers earn on ``learner``'s own scenario, and why, by the rules."""
    with active(Variant(learner)):
        feedback, quarterly, bets = (load("m06_feedback_360"), load("m06_quarterly"),
                                     load("m06_bets"))
        card = quarterly.sort_values(["area", "quarter"]).set_index(["area", "quarter"])
        answers = card["promoters"] + card["passives"] + card["detractors"]
        scorecard = pd.DataFrame({
            "adoption": card["active_accounts"] / card["eligible_accounts"],
            "retention": card["retained_accounts"] / card["active_accounts"],
            "revenue_growth": card.groupby(level="area")["revenue"].pct_change(),
            "nps": 100 * (card["promoters"] - card["detractors"]) / answers,
        })
        overall = feedback.groupby("competency")["rating"].mean()

        def points(exercise: str, value: object) -> tuple[float, str]:
            return score(get(f"{MODULE}/{exercise}"), value)

        return {
            "means-test": points("rater-means", feedback.pivot_table(
                index="competency", columns="relationship", values="rating",
                aggfunc="median")),
            "review-test": points("review-reading", {
                "strongest": overall.idxmax(), "weakest": overall.idxmin(),
                "widest_gap": overall.idxmin()}),
            "scorecard-test": points("scorecard", scorecard),
            "dashboard-test": points("usage-diagnosis",
                                     {"step": "upgrade", "segment": "smb", "metric": "upgrade"}),
            "bets-values-test": points("bet-values", bets["p_success"] * bets["payoff_success"]
                                       + bets["p_partial"] * bets["payoff_partial"]
                                       - bets["cost"]),
        }


@pytest.fixture(scope="module")
def cohort(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Grade the standard three learners of module 06 with stock nbgrader."""
    return build_cohort(MODULE, tmp_path_factory.mktemp("m06"), WRONG, WIDGET_CELLS)


def test_solutions_score_full_marks(cohort: Path) -> None:
    """The source notebooks, run by nbgrader, earn every auto-graded point."""
    got, maxima = scores(cohort, MODULE, "solution"), auto_maxima(cohort, MODULE)
    assert false_alarms(cohort, MODULE, "solution") == [], "every self-check passes"
    assert raw_tables(cohort, MODULE, "solution") == [], "every table a learner reads is styled"
    assert set(maxima) == {NB1, NB2}
    for nb in maxima:
        assert {cell: got[nb][cell] for cell in maxima[nb]} == maxima[nb]
    assert got[NB1]["reflection"] is None, "the model answer waits for a human grader"
    total = sum(e.points for e in all_exercises() if e.module == MODULE)
    assert total == 19
    assert total == sum(sum(cells.values()) for cells in maxima.values()) + 2


def test_untouched_release_scores_zero(cohort: Path) -> None:
    """A release handed back untouched is graded (no crash) and earns nothing."""
    got = scores(cohort, MODULE, "untouched")
    assert set(got[NB2]) >= {"scorecard-test", "dashboard-test", "bet-choice-test"}
    assert all(score == 0 for nb in got.values() for score in nb.values())


def test_wrong_answers_earn_the_designed_partial_credit(cohort: Path) -> None:
    """Plausible mistakes earn exactly the partial credit the scoring rules promise."""
    got = scores(cohort, MODULE, "wrong")
    assert got[NB1]["track-test"] == 1.33  # 4 of 6 statements, 2 points (facts: no variant)
    assert got[NB1]["reflection"] is None
    expected = _wrong_expected("wrong")
    for nb, cell in ((NB1, "means-test"), (NB1, "review-test"), (NB2, "scorecard-test"),
                     (NB2, "dashboard-test"), (NB2, "bets-values-test")):
        points, why = expected[cell]
        assert got[nb][cell] == pytest.approx(points, abs=0.005), (cell, why)
    assert expected["review-test"][0] == 2.0  # 2 of 3 parts, on every scenario
    assert 0 < expected["means-test"][0] < 2 and 0 < expected["scorecard-test"][0] < 3
    assert 0 < expected["bets-values-test"][0] < 2
    assert got[NB2]["initiative-test"] == 0
    assert got[NB2]["bet-choice-test"] == 0


def test_dashboard_grade_comes_from_the_saved_record(cohort: Path) -> None:
    """The diagnosis lives only in the answer record (code cell restored) and grades from it."""
    graded = cohort / "autograded" / "wrong" / MODULE
    saved = AnswerStore(graded, MODULE, NB2).get("usage-diagnosis")
    assert saved is not None and saved.value["metric"] == "upgrade"
    with active(Variant("wrong")):  # graded on the wrong learner's own scenario
        expected = grade(f"{MODULE}/usage-diagnosis", directory=graded)
    assert scores(cohort, MODULE, "wrong")[NB2]["dashboard-test"] == pytest.approx(expected)


def test_feedback_hides_hidden_tests_and_answers(cohort: Path) -> None:
    """Generated feedback shows scores but no hidden test and no reference answer."""
    for student in ("untouched", "wrong"):
        assert feedback_leaks(cohort, MODULE, student) == {}
    page = (cohort / "feedback" / "wrong" / MODULE / f"{NB2}.html").read_text()
    reason = _wrong_expected("wrong")["scorecard-test"][1]
    assert reason.split(": ", 1)[1].split(".")[0] in page  # "N of 93 scorecard cells ..."


def test_export_lists_the_learners(cohort: Path) -> None:
    """``nbgrader export`` writes a row per learner with the expected totals."""
    with open(cohort / "grades.csv", newline="") as handle:
        rows = {row["student_id"]: row for row in csv.DictReader(handle)
                if row["assignment"] == MODULE}
    assert set(rows) == {"solution", "untouched", "wrong"}
    assert float(rows["untouched"]["raw_score"]) == 0
    assert float(rows["solution"]["raw_score"]) == 17  # the reflection waits for a grader
