"""Module 01 through the real nbgrader pipeline, including every way an answer record breaks.

Learners are built the way learners make submissions: cells typed in, the notebook run by
a real kernel (the widgets write the answer records), then handed in whole, as the
notebook alone, or with a damaged record. One stock ``nbgrader autograde`` grades them all.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from autograder.scoring.catalog import all_exercises, get
from autograder.scoring.grade import grade, score
from course.answers import AnswerStore
from course.data import load
from course.variants import Variant, active
from tests.learners import strip_answer_copies, submit
from tests.pipeline import (
    auto_maxima,
    build_cohort,
    false_alarms,
    feedback_leaks,
    raw_tables,
    scores,
    work_as,
)

pytestmark = [pytest.mark.pipeline, pytest.mark.xdist_group("m01")]

MODULE = "01-product-manager"
NB1, NB2 = "1-the-role", "2-prioritize-and-measure"

#: Cells where a learner may set a widget's answer in code instead of clicking.
WIDGET_CELLS = {"role-owners-code", "rice-board-code", "funnel-choices-code", "research-code",
                "skills-code"}
#: What the "wrong" learner types: plausible mistakes with designed partial credit.
WRONG = {
    NB1: {
        "role-owners-code": (
            'owners.value = {"R1": "product_owner", "R2": "project_manager", '
            '"R3": "product_owner", "R4": "marketing_manager", "R5": "product_owner", '
            '"R6": "product_owner", "R7": "project_manager", "R8": "marketing_manager"}'
        ),
        # personas and journey maps swapped: 3 of 5 needs
        "research-code": (
            'methods.value = {"U1": "interviews", "U2": "surveys", "U3": "usability-tests", '
            '"U4": "journey-maps", "U5": "personas"}'
        ),
        # communication and stakeholder management swapped: 4 of 6 moments
        "skills-code": (
            'skills.value = {"K1": "data-analysis", "K2": "technical-fluency", '
            '"K3": "communication", "K4": "market-research", "K5": "leadership", '
            '"K6": "stakeholder-management"}'
        ),
    },
    NB2: {
        # forgot the confidence factor: only the items with confidence 1.0 come out right
        "rice-code": 'backlog["rice"] = backlog["reach"] * backlog["impact"] / backlog["effort"]',
        # ... and drew the cut line one item early, leaving capacity unused (always wrong)
        "rice-board-code": (
            'board.order = list(backlog["rice"].sort_values(ascending=False).index)\n'
            'used = backlog.loc[board.order, "effort"].cumsum()\n'
            "board.set_cut(int((used <= CAPACITY).cummin().sum()) - 1)"
        ),
        "funnel-code": (
            'users = events.groupby("step")["user_id"].nunique().reindex(STEPS)\n'
            "funnel_table = pd.DataFrame("
            '{"users": users, "step_conversion": users / users.shift(1)})\n'
            'funnel_table.loc["signup", "step_conversion"] = 1.0'
        ),
        # the biggest drop in users, not in share: the mistake the reading warns about
        "funnel-choices-code": (
            'worst_step.value = str(funnel_table["users"].diff().idxmin())\n'
            'broken_platform.value = "mobile"'
        ),
        "reflection": "I would put the data export API first because our biggest customer asked.",
    },
}


def _wrong_expected(learner: str) -> dict[str, float]:
    """What the WRONG mistakes earn on ``learner``'s own scenario, by the scoring rules."""
    with active(Variant(learner)):
        backlog, events = load("m01_backlog"), load("m01_funnel_events")
        rice = backlog["reach"] * backlog["impact"] / backlog["effort"]
        order = list(rice.sort_values(ascending=False).index)
        users = events.groupby("step")["user_id"].nunique().reindex(
            ["signup", "activation", "core_action", "upgrade"])

        def points(exercise: str, value: object) -> float:
            return score(get(f"{MODULE}/{exercise}"), value)[0]

        return {
            "rice-scores-test": points("rice-scores", rice),
            "rice-ranking-test": points("rice-ranking", {"order": order, "cut": 1}),
            "funnel-worst-test": points("funnel-worst-step", str(users.diff().idxmin())),
            "funnel-platform-test": points("funnel-platform", "mobile"),
        }


def _record_trouble(course: Path, release: Path, work: Path) -> None:
    """The wrong learner's mistakes, made by three more learners and handed in three ways.

    Each works on their own scenario: notebook only, a corrupt record, a garbage record.
    """
    def worked(name: str) -> Path:
        return work_as(release, work / name, WRONG, WIDGET_CELLS, name)

    submit(course, "nbonly", MODULE, sorted(worked("nbonly").glob("*.ipynb")))

    corrupt = worked("corrupt")
    (corrupt / f"{NB2}.answers.json").write_text('{"format": "product-leadership-answ')
    assert strip_answer_copies(corrupt / f"{NB2}.ipynb") > 0
    rec = json.loads((corrupt / f"{NB1}.answers.json").read_text())
    rec["answers"]["role-owners"]["value"] = "everything belongs to the PM"
    (corrupt / f"{NB1}.answers.json").write_text(json.dumps(rec))
    submit(course, "corrupt", MODULE, sorted(corrupt.iterdir()))

    rescued = worked("rescued")
    (rescued / f"{NB2}.answers.json").write_text("not json at all")
    submit(course, "rescued", MODULE, sorted(rescued.iterdir()))


@pytest.fixture(scope="module")
def cohort(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Grade six learners of module 01 with the stock nbgrader command; return the root."""
    return build_cohort(MODULE, tmp_path_factory.mktemp("m01"), WRONG, WIDGET_CELLS,
                        more=_record_trouble, stock=True)


def test_solutions_score_full_marks(cohort: Path) -> None:
    """The source notebooks, run by nbgrader, earn every auto-graded point."""
    got, maxima = scores(cohort, MODULE, "solution"), auto_maxima(cohort, MODULE)
    assert false_alarms(cohort, MODULE, "solution") == [], "every self-check passes"
    assert raw_tables(cohort, MODULE, "solution") == [], "every table a learner reads is styled"
    for nb in maxima:
        assert {cell: got[nb][cell] for cell in maxima[nb]} == maxima[nb]
    assert got[NB2]["reflection"] is None, "the model answer waits for a human grader"
    auto = [e for e in all_exercises() if e.module == MODULE and e.source != "manual"]
    assert sum(e.points for e in auto) == sum(sum(cells.values()) for cells in maxima.values())


def test_untouched_release_scores_zero(cohort: Path) -> None:
    """A release handed back untouched is graded (no crash) and earns nothing."""
    got = scores(cohort, MODULE, "untouched")
    assert set(got[NB2]) >= {"rice-ranking-test", "funnel-rates-test", "reflection"}
    assert all(score == 0 for nb in got.values() for score in nb.values())


def test_wrong_answers_earn_the_designed_partial_credit(cohort: Path) -> None:
    """Plausible mistakes earn exactly the partial credit the scoring rules promise."""
    got = scores(cohort, MODULE, "wrong")
    assert got[NB1]["role-owners-test"] == 3.0  # 6 of 8 responsibilities, 0.5 each
    assert got[NB1]["research-test"] == 1.8  # 3 of 5 needs
    assert got[NB1]["skills-test"] == 2.0  # 4 of 6 moments
    expected = _wrong_expected("wrong")  # only the items with confidence 1.0 come out right
    for cell, points in expected.items():
        assert got[NB2][cell] == pytest.approx(points, abs=0.005), cell
    assert got[NB2]["rice-scores-test"] < 2
    assert 0 < got[NB2]["rice-ranking-test"] < 3  # a different but related order
    assert got[NB2]["rice-cutline-test"] == 0
    assert got[NB2]["funnel-rates-test"] == 2
    assert got[NB2]["reflection"] is None  # waits for the instructor


def test_pipeline_grades_what_the_scoring_rules_say(cohort: Path) -> None:
    """The gradebook's ranking score equals grading the learner's saved record directly."""
    graded_dir = cohort / "autograded" / "wrong" / MODULE
    assert AnswerStore(graded_dir, MODULE, NB2).get("rice-ranking") is not None
    with active(Variant("wrong")):  # graded on the wrong learner's own scenario
        expected = grade(f"{MODULE}/rice-ranking", directory=graded_dir)
    assert scores(cohort, MODULE, "wrong")[NB2]["rice-ranking-test"] == pytest.approx(expected)


def test_notebook_only_upload_grades_like_the_full_submission(cohort: Path) -> None:
    """Without the answer records, the copies inside the notebooks give the same grades."""
    assert not list((cohort / "submitted" / "nbonly" / MODULE).glob("*.answers.json"))
    got, wrong = scores(cohort, MODULE, "nbonly"), scores(cohort, MODULE, "wrong")
    assert got[NB1] == wrong[NB1]  # the same facts for everybody
    for cell, points in _wrong_expected("nbonly").items():
        assert got[NB2][cell] == pytest.approx(points, abs=0.005), cell
    restored = cohort / "autograded" / "nbonly" / MODULE / f"{NB2}.answers.json"
    assert json.loads(restored.read_text())["answers"]["rice-ranking"]["value"]["cut"] >= 2


def test_corrupt_record_zeroes_only_its_exercises(cohort: Path) -> None:
    """A corrupt record costs its widget answers; code answers and other records still count."""
    got, wrong = scores(cohort, MODULE, "corrupt"), scores(cohort, MODULE, "wrong")
    for nb, cell in ((NB2, "rice-ranking-test"), (NB2, "rice-cutline-test"),
                     (NB2, "funnel-worst-test"), (NB2, "funnel-platform-test"),
                     (NB1, "role-owners-test")):
        assert got[nb][cell] == 0, cell
    assert got[NB2]["rice-scores-test"] == pytest.approx(
        _wrong_expected("corrupt")["rice-scores-test"], abs=0.005)
    assert got[NB2]["funnel-rates-test"] == wrong[NB2]["funnel-rates-test"]
    kept = list((cohort / "autograded" / "corrupt" / MODULE).glob(f"{NB2}.answers.corrupt-*"))
    assert kept and kept[0].read_text().startswith('{"format"'), "the bad file is kept aside"


def test_garbage_record_is_rescued_from_the_notebook(cohort: Path) -> None:
    """A garbage record with the answers still inside the notebook grades like the original."""
    got, wrong = scores(cohort, MODULE, "rescued"), scores(cohort, MODULE, "wrong")
    assert got[NB1] == wrong[NB1]
    for cell, points in _wrong_expected("rescued").items():
        assert got[NB2][cell] == pytest.approx(points, abs=0.005), cell
    assert got[NB2]["rice-cutline-test"] == 0


def test_feedback_hides_hidden_tests_and_answers(cohort: Path) -> None:
    """Generated feedback shows scores but no hidden test and no reference answer."""
    for student in ("untouched", "wrong"):
        assert feedback_leaks(cohort, MODULE, student) == {}
    page = (cohort / "feedback" / "wrong" / MODULE / f"{NB2}.html").read_text()
    assert "3 of 3 step conversions within tolerance" in page


def test_export_writes_a_row_per_student(cohort: Path) -> None:
    """``nbgrader export`` from the course root lists every graded learner."""
    with open(cohort / "grades.csv", newline="") as handle:
        rows = {row["student_id"]: row for row in csv.DictReader(handle)}
    assert set(rows) == {"solution", "untouched", "wrong", "nbonly", "corrupt", "rescued"}
    assert float(rows["untouched"]["raw_score"]) == 0
    assert float(rows["solution"]["raw_score"]) == sum(
        e.points for e in all_exercises() if e.module == MODULE and e.source != "manual"
    ), "full auto marks; the model reflection waits for a human grader"
