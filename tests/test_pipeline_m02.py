"""Module 02 through the real nbgrader pipeline: solutions, an untouched release, mistakes."""

from __future__ import annotations

import csv
from pathlib import Path

import nbformat
import pytest

from autograder.scoring.catalog import all_exercises
from autograder.scoring.grade import grade
from tests.learners import submit
from tests.pipeline import auto_maxima, build_cohort, false_alarms, feedback_leaks, scores, work_as

pytestmark = [pytest.mark.pipeline, pytest.mark.xdist_group("m02")]

MODULE = "02-senior-group-pm"
NB1, NB2 = "1-across-products", "2-frameworks-and-kano"

#: Cells where a learner may set a widget's answer in code instead of clicking.
WIDGET_CELLS = {"wsjf-board-code", "moscow-code", "kano-code"}
#: What the "wrong" learner types: plausible mistakes with designed partial credit.
WRONG = {
    NB1: {
        # forgot to divide by the job size: the cost of delay alone
        "wsjf-code": (
            'shared["wsjf"] = shared["business_value"] + shared["time_criticality"] '
            '+ shared["risk_reduction"]'
        ),
        "wsjf-board-code": (
            'board.order = list(shared["wsjf"].sort_values(ascending=False).index)\n'
            "board.set_cut(3)"
        ),
        # the coulds taken by value instead of value per day: S04 in, S09 and S03 out
        "moscow-code": (
            'plan.value = {"S01": "must", "S05": "must", "S07": "must", "S02": "should", '
            '"S06": "should", "S04": "could", "S03": "wont", "S10": "wont", "S09": "wont", '
            '"S08": "wont"}'
        ),
    },
    NB2: {
        # RICE without the confidence factor; ICE and WSJF right
        "lab-code": (
            "scores = pd.DataFrame({\n"
            '    "rice": backlog["reach"] * backlog["impact"] / backlog["effort"],\n'
            '    "ice": backlog["ice_impact"] * backlog["ice_confidence"] * backlog["ease"],\n'
            '    "wsjf": (backlog["business_value"] + backlog["time_criticality"]\n'
            '             + backlog["risk_reduction"]) / backlog["job_size"],\n'
            "})"
        ),
        "movers-code": 'movers = ["F01", "F03", "F02"]',
        # K1 read as performance, the reverse feature as indifferent
        "kano-code": (
            'categories.value = {"K1": "performance", "K2": "performance", '
            '"K3": "attractive", "K4": "indifferent", "K5": "indifferent", '
            '"K6": "performance", "K7": "must-be", "K8": "attractive"}'
        ),
        # the minus sign of "worse" forgotten
        "coefficients-code": (
            "tallies = {}\n"
            'answers = ["like", "expect", "neutral", "tolerate", "dislike"]\n'
            'grid = ["QAAAO", "RIIIM", "RIIIM", "RIIIM", "RRRRQ"]\n'
            'for f, d, k in zip(survey["functional"], survey["dysfunctional"], '
            'survey["feature"]):\n'
            "    letter = grid[answers.index(f)][answers.index(d)]\n"
            "    tallies.setdefault(k, {}).setdefault(letter, 0)\n"
            "    tallies[k][letter] += 1\n"
            "counts = pd.DataFrame(tallies).T.fillna(0)\n"
            'counted = counts["A"] + counts["O"] + counts["M"] + counts["I"]\n'
            "coefficients = pd.DataFrame({\n"
            '    "better": (counts["A"] + counts["O"]) / counted,\n'
            '    "worse": (counts["O"] + counts["M"]) / counted,\n'
            "})"
        ),
        "reflection": "RICE is the best framework so I would always use it.",
    },
}


#: What the "honest" learner types: right answers in other forms than the lesson's own
#: (scores rounded to one decimal, ids in a column, upper-case column names, movers as a
#: pandas Index, coefficients rounded to two decimals). Every one must earn full marks.
HONEST_VALUES = {
    NB1: {
        "wsjf-code": (
            'shared["wsjf"] = ((shared["business_value"] + shared["time_criticality"]\n'
            '                   + shared["risk_reduction"]) / shared["job_size"]).round(1)'
        ),
    },
    NB2: {
        "lab-code": (
            "table = pd.DataFrame({\n"
            '    "RICE": backlog["reach"] * backlog["impact"] * backlog["confidence"]\n'
            '            / backlog["effort"],\n'
            '    "ICE": backlog["ice_impact"] * backlog["ice_confidence"] * backlog["ease"],\n'
            '    "WSJF": (backlog["business_value"] + backlog["time_criticality"]\n'
            '             + backlog["risk_reduction"]) / backlog["job_size"],\n'
            "})\n"
            'scores = table.rename_axis("item").reset_index()'
        ),
        "movers-code": (
            "ranks = table.rank(ascending=False)\n"
            "movers = (ranks.max(axis=1) - ranks.min(axis=1)).nlargest(3).index"
        ),
        # the widget cells are put back as released, so this cell counts for itself
        "coefficients-code": (
            'grid = {"like": "QAAAO", "expect": "RIIIM", "neutral": "RIIIM", '
            '"tolerate": "RIIIM", "dislike": "RRRRQ"}\n'
            'column = ["like", "expect", "neutral", "tolerate", "dislike"]\n'
            'letters = [grid[f][column.index(d)] for f, d in zip(survey["functional"], '
            'survey["dysfunctional"])]\n'
            'tally = pd.crosstab(survey["feature"], pd.Series(letters, index=survey.index))\n'
            'tally = tally.reindex(columns=list("AOMI"), fill_value=0)\n'
            "counted = tally.sum(axis=1)\n"
            "coefficients = pd.DataFrame({\n"
            '    "Better": (tally["A"] + tally["O"]) / counted,\n'
            '    "Worse": -(tally["O"] + tally["M"]) / counted,\n'
            "}).round(2).reset_index()"
        ),
    },
}


def _solution_cells(source: Path, cells: set[str]) -> dict[str, str]:
    """Return the source notebook's code for ``cells``, without the solution markers."""
    out = {}
    for cell in nbformat.read(source, 4).cells:
        if cell.id in cells:
            out[cell.id] = "\n".join(line for line in cell.source.splitlines()
                                     if "### BEGIN SOLUTION" not in line
                                     and "### END SOLUTION" not in line)
    return out


def _honest(course: Path, release: Path, work: Path) -> None:
    """Submit the honest learner: widgets answered as the solution, values in other forms."""
    edits = {}
    for stem, values in HONEST_VALUES.items():
        widgets = _solution_cells(course / "source" / MODULE / f"{stem}.ipynb", WIDGET_CELLS)
        edits[stem] = {**widgets, **values}
    folder = work_as(release, work / "honest", edits, WIDGET_CELLS, "honest")
    submit(course, "honest", MODULE, sorted(folder.iterdir()))


@pytest.fixture(scope="module")
def cohort(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Grade the standard three learners of module 02, and an honest one, with nbgrader."""
    return build_cohort(MODULE, tmp_path_factory.mktemp("m02"), WRONG, WIDGET_CELLS,
                        more=_honest)


def test_solutions_score_full_marks(cohort: Path) -> None:
    """The source notebooks, run by nbgrader, earn every auto-graded point of the catalog."""
    got, maxima = scores(cohort, MODULE, "solution"), auto_maxima(cohort, MODULE)
    assert false_alarms(cohort, MODULE, "solution") == [], "every self-check passes"
    for nb in maxima:
        assert {cell: got[nb][cell] for cell in maxima[nb]} == maxima[nb]
    assert got[NB2]["reflection"] is None, "the model answer waits for a human grader"
    auto = sum(e.points for e in all_exercises() if e.module == MODULE and e.source != "manual")
    assert auto == sum(sum(cells.values()) for cells in maxima.values()) == 19


def test_untouched_release_scores_zero(cohort: Path) -> None:
    """A release handed back untouched is graded (no crash) and earns nothing."""
    got = scores(cohort, MODULE, "untouched")
    assert set(got[NB1]) >= {"wsjf-scores-test", "wsjf-ranking-test", "moscow-test"}
    assert set(got[NB2]) >= {"lab-scores-test", "kano-test", "reflection"}
    assert all(score == 0 for nb in got.values() for score in nb.values())


def test_wrong_answers_earn_the_designed_partial_credit(cohort: Path) -> None:
    """Plausible mistakes earn exactly the partial credit the scoring rules promise."""
    got = scores(cohort, MODULE, "wrong")
    assert got[NB1]["wsjf-scores-test"] == 0  # no item has a job size of 1
    assert 0 < got[NB1]["wsjf-ranking-test"] < 3  # ordered by cost of delay: related
    assert got[NB1]["wsjf-cutline-test"] == 0
    assert got[NB1]["moscow-test"] == 1.8  # buckets 1, 1, 0 and 2/5: mean 0.6 of 3
    assert got[NB2]["lab-scores-test"] == 2.38  # 19 of 24: RICE right only at confidence 1.0
    assert got[NB2]["movers-test"] == 1.33  # 2 of the 3 movers
    assert got[NB2]["kano-test"] == 1.6  # buckets 1/2, 2/3, 1, 1/2, 0: mean 8/15 of 3
    assert got[NB2]["coefficients-test"] == 1.0  # better right, worse with the wrong sign
    assert got[NB2]["reflection"] is None


def test_honest_variants_score_full_marks(cohort: Path) -> None:
    """Right answers written in other forms (rounded, reshaped, an Index) earn every point."""
    got, maxima = scores(cohort, MODULE, "honest"), auto_maxima(cohort, MODULE)
    for nb in maxima:
        assert {cell: got[nb][cell] for cell in maxima[nb]} == maxima[nb], nb
    feedback = (cohort / "feedback" / "honest" / MODULE / f"{NB2}.html").read_text()
    assert "3 of 3 biggest movers named" in feedback and "✗" not in feedback


def test_pipeline_grades_what_the_scoring_rules_say(cohort: Path) -> None:
    """The gradebook's ranking score equals grading the learner's saved record directly."""
    graded_dir = cohort / "autograded" / "wrong" / MODULE
    expected = grade(f"{MODULE}/wsjf-ranking", directory=graded_dir)
    assert scores(cohort, MODULE, "wrong")[NB1]["wsjf-ranking-test"] == pytest.approx(expected)


def test_feedback_hides_hidden_tests_and_answers(cohort: Path) -> None:
    """Generated feedback shows scores but no hidden test and no reference answer."""
    for student in ("untouched", "wrong"):
        assert feedback_leaks(cohort, MODULE, student) == {}
    page = (cohort / "feedback" / "wrong" / MODULE / f"{NB2}.html").read_text()
    assert "2 of 3 biggest movers named" in page


def test_export_writes_a_row_per_student(cohort: Path) -> None:
    """``nbgrader export`` lists every learner; the solution's raw score is the auto total."""
    with open(cohort / "grades.csv", newline="") as handle:
        rows = {row["student_id"]: row for row in csv.DictReader(handle)}
    assert set(rows) == {"solution", "untouched", "wrong", "honest"}
    assert float(rows["untouched"]["raw_score"]) == 0
    assert float(rows["solution"]["raw_score"]) == 19
