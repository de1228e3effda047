"""Module 08 through the real nbgrader pipeline: solutions, an untouched release, mistakes."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from autograder.scoring.catalog import all_exercises, get
from autograder.scoring.grade import grade, score
from course.data import load
from course.roles import COMPETENCY_IDS, profile, profiles
from course.variants import Variant, active
from tests.pipeline import (
    auto_maxima,
    build_cohort,
    false_alarms,
    feedback_leaks,
    raw_tables,
    scores,
)

pytestmark = [pytest.mark.pipeline, pytest.mark.xdist_group("m08")]

MODULE = "08-career-progression"
NB1, NB2 = "1-promotion-readiness", "2-gap-and-plan"
WIDGET_CELLS = {"decision-code", "inputs-code"}
WRONG = {
    NB1: {
        # only cells saying "Not listed" found: the Director's folded item is missed (3 of 4)
        "left-out-code": (
            'left_out = {level: [c for c in criteria.index '
            'if criteria.loc[c, level].startswith("Not listed")] '
            'for level in ["pm", "director", "vp", "cpo"]}'
        ),
        # the mean instead of the panel's median: right where the two agree
        "panel-code": (
            'mean = panel.groupby(["candidate", "competency"])["rating"].mean().unstack()\n'
            "mean = mean.loc[candidates.index, list(COMPETENCY_IDS)]\n"
            'expected = targets.loc[candidates["target_role"]].set_axis(candidates.index)\n'
            "meets = mean >= expected"
        ),
        # a fixed guess: too lenient on Bruno's missed step-up (wrong on every scenario)
        "decision-code": (
            'verdicts.value = {"C1": "ready", "C2": "ready", "C3": "not-yet", '
            '"C4": "not-yet", "C5": "ready", "C6": "not-yet"}'
        ),
    },
    NB2: {
        # only gaps of two count as blockers: blockers and tolerated wrong
        "case-code": (
            'noor_gap = profile("director") - noor["rating"]\n'
            "short = noor_gap[noor_gap > 0]\n"
            "case = {\n"
            '    "top_gaps": list(short.sort_values(ascending=False, kind="stable").index[:3]),\n'
            '    "blockers": [c for c in short.index if short[c] > 1],\n'
            '    "tolerated": [c for c in short.index if short[c] == 1],\n'
            '    "verdict": "not-yet",\n'
            "}"
        ),
        # the top gaps only: the blockers outside them are left open
        "case-plan-code": (
            'noor_plan = [{"competency": c, "action": "Lead it on a real project", '
            '"evidence": "2 outcomes agreed with my manager", "due": "2027-09-30"} '
            'for c in case["top_gaps"]]'
        ),
        "inputs-code": (
            "ratings.value = dict.fromkeys(COMPETENCY_IDS, 3)\n"
            'target_role.value = "senior_pm"'
        ),
        # subtracted the wrong way round: only the 8 zero gaps come out right
        "gap-code": "gap = pd.Series(ratings.value) - profile(target_role.value)",
        # the third action misses the third top gap; one measure and one date are vague
        "plan-code": (
            "plan = [\n"
            '    {"competency": "collaboration-influence", "action": "Run a design sprint '
            'with sales", "measure": "2 sprints held", "due": "2027-03-31"},\n'
            '    {"competency": "communication", "action": "Present at the all-hands", '
            '"measure": "become clearer", "due": "2027-05-31"},\n'
            '    {"competency": "data-analysis", "action": "Take a SQL course", '
            '"measure": "1 course passed", "due": "next spring"},\n'
            "]"
        ),
        "plan-review": "I will ask my manager for help with all three actions.",
    },
}


def _wrong_expected(learner: str) -> dict[str, float]:
    """What the scenario-bound WRONG answers earn on ``learner``'s own variant, by the rules."""
    with active(Variant(learner)):
        panel, candidates, noor = load("m08_panel"), load("m08_candidates"), load("m08_case")
        mean = panel.groupby(["candidate", "competency"])["rating"].mean().unstack()
        mean = mean.loc[candidates.index, list(COMPETENCY_IDS)]
        expected = profiles().loc[candidates["target_role"]].set_axis(candidates.index)
        gap = profile("director") - noor["rating"]
        short = gap[gap > 0]
        top = list(short.sort_values(ascending=False, kind="stable").index[:3])

        def points(exercise: str, value: object) -> float:
            return score(get(f"{MODULE}/{exercise}"), value)[0]

        return {
            "readiness-criteria-test": points("readiness-criteria", mean >= expected),
            "readiness-decision-test": points("readiness-decision", {
                "C1": "ready", "C2": "ready", "C3": "not-yet", "C4": "not-yet", "C5": "ready",
                "C6": "not-yet"}),
            "case-test": points("promotion-case", {
                "top_gaps": top, "blockers": [c for c in short.index if short[c] > 1],
                "tolerated": [c for c in short.index if short[c] == 1], "verdict": "not-yet"}),
            "case-plan-test": points("promotion-plan", [
                {"competency": c, "action": "Lead it on a real project",
                 "evidence": "2 outcomes agreed with my manager", "due": "2027-09-30"}
                for c in top]),
        }


@pytest.fixture(scope="module")
def cohort(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Grade the standard cohort of module 08 with stock nbgrader; return the course root."""
    return build_cohort(MODULE, tmp_path_factory.mktemp("m08"), WRONG, WIDGET_CELLS)


def test_solutions_score_full_marks(cohort: Path) -> None:
    """The source notebooks, run by nbgrader, earn every auto-graded point of the catalog."""
    got, maxima = scores(cohort, MODULE, "solution"), auto_maxima(cohort, MODULE)
    assert false_alarms(cohort, MODULE, "solution") == [], "every self-check passes"
    assert raw_tables(cohort, MODULE, "solution") == [], "every table a learner reads is styled"
    assert maxima == {
        NB1: {"left-out-test": 2, "readiness-criteria-test": 3, "readiness-decision-test": 2},
        NB2: {"case-test": 4, "case-plan-test": 4, "competency-gap-test": 2,
              "development-plan-test": 3},
    }
    for nb in maxima:
        assert {cell: got[nb][cell] for cell in maxima[nb]} == maxima[nb]
    assert got[NB2]["plan-review"] is None, "the model answer waits for a human grader"
    total = sum(e.points for e in all_exercises() if e.module == MODULE)
    assert total == sum(sum(cells.values()) for cells in maxima.values()) + 2


def test_untouched_release_scores_zero(cohort: Path) -> None:
    """The release handed back untouched (no ratings, no role) is graded and earns nothing."""
    got = scores(cohort, MODULE, "untouched")
    assert set(got[NB2]) == {"case-test", "case-plan-test", "competency-gap-test",
                             "development-plan-test", "plan-review"}
    assert all(score == 0 for nb in got.values() for score in nb.values())


def _points_of(cell: str) -> float:
    """The points of a test cell of the WRONG learner's scenario-bound answers."""
    return {"readiness-criteria-test": 3, "readiness-decision-test": 2, "case-test": 4,
            "case-plan-test": 4}[cell]


def test_wrong_answers_earn_the_designed_partial_credit(cohort: Path) -> None:
    """Each designed mistake earns exactly the partial credit its scoring rule gives."""
    got = scores(cohort, MODULE, "wrong")
    assert got[NB1]["left-out-test"] == 1.5  # 3 of 4 levels
    expected = _wrong_expected("wrong")
    for nb, cell in ((NB1, "readiness-criteria-test"), (NB1, "readiness-decision-test"),
                     (NB2, "case-test"), (NB2, "case-plan-test")):
        assert got[nb][cell] == pytest.approx(expected[cell], abs=0.005), cell
        assert 0 < expected[cell] < _points_of(cell), cell  # partial credit on this scenario
    assert expected["case-test"] == 2.0  # top gaps and verdict right, on every scenario
    assert got[NB2]["competency-gap-test"] == 1.07  # 8 of 15 gaps (the zeros)
    assert got[NB2]["development-plan-test"] == 2.0  # 2/3 covered, measurable and dated
    assert got[NB2]["plan-review"] is None


def test_gap_is_graded_from_the_saved_record(cohort: Path) -> None:
    """The wrong learner's ratings and role were saved by the widgets and read at grading."""
    graded = cohort / "autograded" / "wrong" / MODULE
    record = json.loads((graded / f"{NB2}.answers.json").read_text())["answers"]
    assert record["target-role"]["value"] == "senior_pm"
    assert set(record["self-ratings"]["value"].values()) == {3}
    with active(Variant("wrong")):  # graded on the wrong learner's own scenario
        expected = grade(f"{MODULE}/readiness-decision", directory=graded)
    assert scores(cohort, MODULE, "wrong")[NB1]["readiness-decision-test"] == expected


def test_notebooks_run_clean_for_every_learner(cohort: Path) -> None:
    """No graded notebook shows an error or writes to stderr, the progress view included."""
    for student in ("solution", "untouched", "wrong"):
        for path in sorted((cohort / "autograded" / student / MODULE).glob("*.ipynb")):
            for cell in nbformat.read(path, as_version=4).cells:
                for output in cell.get("outputs", []):
                    assert output["output_type"] != "error", (student, path.name, cell.id)
                    assert output.get("name") != "stderr", (student, path.name, cell.id)


def test_feedback_hides_hidden_tests_and_answers(cohort: Path) -> None:
    """Feedback shows the reasons but no hidden test and no reference value."""
    for student in ("untouched", "wrong"):
        assert feedback_leaks(cohort, MODULE, student) == {}
    page = (cohort / "feedback" / "wrong" / MODULE / f"{NB2}.html").read_text()
    assert "2 of 3 top gaps have exactly one action" in page
