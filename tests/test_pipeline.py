"""Module 01 through the real nbgrader pipeline on a temporary copy of the course.

One cohort is built the way learners make submissions (cells edited, the notebook run by a
real kernel, answer records written by the widgets), graded by one stock
``nbgrader autograde`` run, then fed back and exported.
"""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import nbformat
import pytest
from nbgrader.api import Gradebook

from autograder.catalog import all_exercises
from autograder.grading import grade
from autograder.leaks import answer_texts
from autograder.nbg import copy_course, nbgrader
from course.answers import AnswerStore
from tests.learners import edit_cells, run_notebook, strip_answer_copies, submit

pytestmark = pytest.mark.pipeline

MODULE = "01-product-manager"
NB1, NB2 = "1-the-role", "2-prioritize-and-measure"

#: What the "wrong" learner types: plausible mistakes with designed partial credit.
WRONG_NB1 = {
    "role-owners-code": (
        'owners.value = {"R1": "product_owner", "R2": "project_manager", "R3": "product_owner",'
        ' "R4": "marketing_manager", "R5": "product_owner", "R6": "product_owner",'
        ' "R7": "project_manager", "R8": "marketing_manager"}'
    ),
}
#: Cells where a learner may set a widget's answer in code instead of clicking.
WIDGET_CODE_CELLS = {"role-owners-code", "rice-board-code", "funnel-choices-code"}
WRONG_NB2 = {
    # forgot the confidence factor: only the items with confidence 1.0 come out right
    "rice-code": 'backlog["rice"] = backlog["reach"] * backlog["impact"] / backlog["effort"]',
    "rice-board-code": (
        'board.order = list(backlog["rice"].sort_values(ascending=False).index)\n'
        "board.set_cut(3)"
    ),
    "funnel-code": (
        'users = events.groupby("step")["user_id"].nunique().reindex(STEPS)\n'
        'funnel_table = pd.DataFrame({"users": users, "step_conversion": users / users.shift(1)})\n'
        'funnel_table.loc["signup", "step_conversion"] = 1.0'
    ),
    "funnel-choices-code": 'worst_step.value = "core_action"\nbroken_platform.value = "mobile"',
    "reflection": "I would put the data export API first because our biggest customer asked.",
}


def _scores(course: Path, student: str) -> dict[str, dict[str, float | None]]:
    """Return ``{notebook: {grade_id: auto_score}}`` for one student from the gradebook."""
    db = f"sqlite:///{course / 'gradebook.db'}"
    out: dict[str, dict[str, float | None]] = {}
    with Gradebook(db, course_id="product-leadership") as gb:
        for nb in (NB1, NB2):
            sub = gb.find_submission_notebook(nb, MODULE, student)
            out[nb] = {g.name: g.auto_score for g in sub.grades}
    return out


def _max_auto(course: Path) -> dict[str, dict[str, float]]:
    """Return the points of every auto-graded cell, per notebook, from the gradebook."""
    db = f"sqlite:///{course / 'gradebook.db'}"
    out: dict[str, dict[str, float]] = {}
    with Gradebook(db, course_id="product-leadership") as gb:
        for nb in (NB1, NB2):
            notebook = gb.find_notebook(nb, MODULE)
            out[nb] = {c.name: c.max_score for c in notebook.grade_cells if c.cell_type == "code"}
    return out


@pytest.fixture(scope="module")
def cohort(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build a course copy with six submissions, autograde them and generate feedback."""
    course = copy_course(tmp_path_factory.mktemp("course"))
    nbgrader("generate_assignment", MODULE, "--force", root=course)
    release = course / "release" / MODULE
    work = tmp_path_factory.mktemp("learners")

    # solution: the instructor's source notebooks, as submitted, never run
    submit(course, "solution", MODULE, sorted((course / "source" / MODULE).glob("*.ipynb")))
    # untouched: the release handed back as it came
    submit(course, "untouched", MODULE, sorted(release.glob("*.ipynb")))

    # wrong: a learner who answered everything, some of it wrongly, and ran the notebooks
    wrong = work / "wrong"
    shutil.copytree(release, wrong)
    edit_cells(wrong / f"{NB1}.ipynb", WRONG_NB1)
    edit_cells(wrong / f"{NB2}.ipynb", WRONG_NB2)
    for name in (NB1, NB2):
        run_notebook(wrong / f"{name}.ipynb")
    assert (wrong / f"{NB2}.answers.json").exists(), "running the notebook saves the answers"
    # The answers to widget exercises were given through the widgets, not in code: put the
    # optional code cells back as released, so the record (or the copy kept in the
    # notebook's outputs) is the only place those answers live.
    for name, edits in ((NB1, WRONG_NB1), (NB2, WRONG_NB2)):
        released = {c.id: c.source for c in nbformat.read(release / f"{name}.ipynb", 4).cells}
        edit_cells(wrong / f"{name}.ipynb",
                   {cell: released[cell] for cell in edits if cell in WIDGET_CODE_CELLS})
    submit(course, "wrong", MODULE, sorted(wrong.iterdir()))

    # notebook-only: the same work uploaded without the answer records
    submit(course, "nbonly", MODULE, sorted(wrong.glob("*.ipynb")))

    # corrupt: notebook 2's record is garbage and its notebook holds no copies to fall back
    # on; notebook 1's record has one damaged answer value
    corrupt = work / "corrupt"
    shutil.copytree(wrong, corrupt)
    (corrupt / f"{NB2}.answers.json").write_text('{"format": "product-leadership-answ')
    assert strip_answer_copies(corrupt / f"{NB2}.ipynb") > 0
    rec = json.loads((corrupt / f"{NB1}.answers.json").read_text())
    rec["answers"]["role-owners"]["value"] = "everything belongs to the PM"
    (corrupt / f"{NB1}.answers.json").write_text(json.dumps(rec))
    submit(course, "corrupt", MODULE, sorted(corrupt.iterdir()))

    # rescued: a garbage record, but the notebook still holds the widgets' copies
    rescued = work / "rescued"
    shutil.copytree(wrong, rescued)
    (rescued / f"{NB2}.answers.json").write_text("not json at all")
    submit(course, "rescued", MODULE, sorted(rescued.iterdir()))

    nbgrader("autograde", MODULE, root=course)
    nbgrader("generate_feedback", MODULE, root=course)
    nbgrader("export", root=course)
    return course


def test_solutions_score_full_marks(cohort: Path) -> None:
    """The source notebooks, run by nbgrader, earn every auto-graded point."""
    scores, maxima = _scores(cohort, "solution"), _max_auto(cohort)
    for nb in (NB1, NB2):
        assert {cell: scores[nb][cell] for cell in maxima[nb]} == maxima[nb]
    assert scores[NB2]["reflection"] is None, "the model answer waits for a human grader"


def test_untouched_release_scores_zero(cohort: Path) -> None:
    """A release handed back untouched is graded (no crash) and earns nothing."""
    scores = _scores(cohort, "untouched")
    assert set(scores[NB2]) >= {"rice-ranking-test", "funnel-rates-test", "reflection"}
    assert all(score == 0 for nb in scores.values() for score in nb.values())


def test_wrong_answers_earn_the_designed_partial_credit(cohort: Path) -> None:
    """Plausible mistakes earn exactly the partial credit the scoring rules promise."""
    scores = _scores(cohort, "wrong")
    assert scores[NB1]["role-owners-test"] == 3.0  # 6 of 8 responsibilities, 0.5 each
    assert scores[NB2]["rice-scores-test"] == 0.5  # 3 of 12 items have confidence 1.0
    assert 0 < scores[NB2]["rice-ranking-test"] < 3  # a different but related order
    assert scores[NB2]["rice-cutline-test"] == 0
    assert scores[NB2]["funnel-rates-test"] == 2
    assert scores[NB2]["funnel-worst-test"] == 0
    assert scores[NB2]["funnel-platform-test"] == 1
    assert scores[NB2]["reflection"] is None  # waits for the instructor


def test_pipeline_grades_what_the_scoring_rules_say(cohort: Path) -> None:
    """The gradebook's ranking score equals grading the learner's saved record directly."""
    graded_dir = cohort / "autograded" / "wrong" / MODULE
    assert AnswerStore(graded_dir, MODULE, NB2).get("rice-ranking") is not None
    expected = grade(f"{MODULE}/rice-ranking", directory=graded_dir)
    assert _scores(cohort, "wrong")[NB2]["rice-ranking-test"] == pytest.approx(expected)


def test_notebook_only_upload_grades_like_the_full_submission(cohort: Path) -> None:
    """Without the answer records, the copies inside the notebooks give the same grades."""
    assert not list((cohort / "submitted" / "nbonly" / MODULE).glob("*.answers.json"))
    assert _scores(cohort, "nbonly") == _scores(cohort, "wrong")
    restored = cohort / "autograded" / "nbonly" / MODULE / f"{NB2}.answers.json"
    assert json.loads(restored.read_text())["answers"]["rice-ranking"]["value"]["cut"] == 3


def test_corrupt_record_zeroes_only_its_exercises(cohort: Path) -> None:
    """A corrupt record costs its widget answers; code answers and other records still count."""
    scores, wrong = _scores(cohort, "corrupt"), _scores(cohort, "wrong")
    for cell in ("rice-ranking-test", "rice-cutline-test", "funnel-worst-test",
                 "funnel-platform-test", "role-owners-test"):
        nb = NB1 if cell.startswith("role") else NB2
        assert scores[nb][cell] == 0, cell
    assert scores[NB2]["rice-scores-test"] == wrong[NB2]["rice-scores-test"]
    assert scores[NB2]["funnel-rates-test"] == wrong[NB2]["funnel-rates-test"]
    kept = list((cohort / "autograded" / "corrupt" / MODULE).glob(f"{NB2}.answers.corrupt-*.json"))
    assert kept and kept[0].read_text().startswith('{"format"'), "the bad file is kept aside"


def test_garbage_record_is_rescued_from_the_notebook(cohort: Path) -> None:
    """A garbage record with the answers still inside the notebook grades like the original."""
    assert _scores(cohort, "rescued") == _scores(cohort, "wrong")


def test_feedback_hides_hidden_tests_and_answers(cohort: Path) -> None:
    """Generated feedback shows scores but no hidden test and no reference answer."""
    texts = answer_texts(cohort / "source")
    for student in ("untouched", "wrong"):
        pages = list((cohort / "feedback" / student / MODULE).glob("*.html"))
        assert len(pages) == 2
        for page in pages:
            html = page.read_text()
            assert "BEGIN HIDDEN TESTS" not in html
            found = [what for text, what in texts.items() if text in html]
            assert not found, f"{page.name} leaks {found}"
    wrong = (cohort / "feedback" / "wrong" / MODULE / f"{NB2}.html").read_text()
    assert "3 of 3 step conversions within tolerance" in wrong


def test_export_writes_a_row_per_student(cohort: Path) -> None:
    """``nbgrader export`` from the course root lists every graded learner."""
    with open(cohort / "grades.csv", newline="") as handle:
        rows = {row["student_id"]: row for row in csv.DictReader(handle)}
    assert set(rows) == {"solution", "untouched", "wrong", "nbonly", "corrupt", "rescued"}
    assert float(rows["untouched"]["raw_score"]) == 0
    assert float(rows["solution"]["raw_score"]) == sum(
        e.points for e in all_exercises() if e.module == MODULE
    )
