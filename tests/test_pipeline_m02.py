"""Module 02 through the real nbgrader pipeline: solutions, an untouched release, mistakes."""

from __future__ import annotations

import csv
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from autograder.scoring.catalog import all_exercises, get
from autograder.scoring.grade import grade, score
from course.data import figure, load
from course.variants import Variant, active
from tests.learners import submit
from tests.pipeline import (
    auto_maxima,
    build_cohort,
    false_alarms,
    feedback_leaks,
    raw_tables,
    scores,
    work_as,
)

pytestmark = [pytest.mark.pipeline, pytest.mark.xdist_group("m02")]

MODULE = "02-senior-group-pm"
NB1, NB2 = "1-across-products", "2-frameworks-and-kano"

#: Cells where a learner may set a widget's answer in code instead of clicking.
WIDGET_CELLS = {"wsjf-board-code", "moscow-code", "kano-code"}
#: The Kano tally the wrong learner's categories start from (the lesson's own method).
KANO_COUNTS = (
    'answers = ["like", "expect", "neutral", "tolerate", "dislike"]\n'
    'table = ["QAAAO", "RIIIM", "RIIIM", "RIIIM", "RRRRQ"]\n'
    "letter = [table[answers.index(f)][answers.index(d)]\n"
    '          for f, d in zip(survey["functional"], survey["dysfunctional"], strict=True)]\n'
    'counts = pd.crosstab(survey["feature"], pd.Series(letter, name="kano", '
    "index=survey.index))\n"
    'counts = counts.reindex(columns=list("MOAIRQ"), fill_value=0)\n'
    'names = {"M": "must-be", "O": "performance", "A": "attractive", "I": "indifferent",\n'
    '         "R": "reverse"}\n'
)
#: What the "wrong" learner types: plausible mistakes with designed partial credit, written
#: as code so that they are mistakes on every learner's own scenario.
WRONG = {
    NB1: {
        # forgot to divide by the job size: the cost of delay alone
        "wsjf-code": (
            'shared["wsjf"] = shared["business_value"] + shared["time_criticality"] '
            '+ shared["risk_reduction"]'
        ),
        # shortest job first, without the weighting, and one item too many funded (over the
        # capacity on every scenario)
        "wsjf-board-code": (
            'board.order = list(shared["job_size"].sort_values(kind="stable").index)\n'
            'used = shared.loc[board.order, "job_size"].cumsum()\n'
            "board.set_cut(int((used <= CAPACITY).cummin().sum()) + 1)"
        ),
        # the coulds taken by value instead of value per day
        "moscow-code": (
            'critical = sprint["goal_critical"].eq("yes")\n'
            'answer = {item: ("should" if sprint.loc[item, "workaround"] == "yes" else "must")\n'
            "          for item in sprint.index[critical]}\n"
            'days_left = SPRINT_DAYS - sprint.loc[critical, "effort"].sum()\n'
            'for item in sprint.loc[~critical, "value"].sort_values(ascending=False, '
            'kind="stable").index:\n'
            '    fits = sprint.loc[item, "effort"] <= days_left\n'
            '    answer[item] = "could" if fits else "wont"\n'
            '    days_left -= sprint.loc[item, "effort"] if fits else 0\n'
            "plan.value = answer"
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
        # ICE left out of the comparison: the swing between RICE and WSJF only
        "movers-code": (
            'ranks = scores[["rice", "wsjf"]].rank(ascending=False)\n'
            "movers = list((ranks.max(axis=1) - ranks.min(axis=1)).nlargest(3).index)"
        ),
        # must-be and performance confused (the rest counted right)
        "kano-code": KANO_COUNTS + (
            'read = {f: names[row[list("MOAIR")].idxmax()] for f, row in counts.iterrows()}\n'
            'swap = {"must-be": "performance", "performance": "must-be"}\n'
            "categories.value = {f: swap.get(c, c) for f, c in read.items()}"
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


def _wrong_expected(learner: str) -> dict[str, dict[str, float]]:
    """What the WRONG mistakes earn on ``learner``'s own scenario, by the scoring rules."""
    with active(Variant(learner)):
        shared, sprint, backlog = load("m02_wsjf_backlog"), load("m02_sprint"), load("m02_backlog")
        delay = shared["business_value"] + shared["time_criticality"] + shared["risk_reduction"]
        order = list(shared["job_size"].sort_values(kind="stable").index)
        used = shared.loc[order, "job_size"].cumsum()
        cut = int((used <= figure("m02_wsjf_capacity")).cummin().sum()) + 1
        critical = sprint["goal_critical"].eq("yes")
        plan = {item: ("should" if sprint.loc[item, "workaround"] == "yes" else "must")
                for item in sprint.index[critical]}
        left = figure("m02_sprint_days") - sprint.loc[critical, "effort"].sum()
        for item in sprint.loc[~critical, "value"].sort_values(ascending=False,
                                                                kind="stable").index:
            fits = sprint.loc[item, "effort"] <= left
            plan[item] = "could" if fits else "wont"
            left -= sprint.loc[item, "effort"] if fits else 0
        scores = pd.DataFrame({
            "rice": backlog["reach"] * backlog["impact"] / backlog["effort"],
            "ice": backlog["ice_impact"] * backlog["ice_confidence"] * backlog["ease"],
            "wsjf": (backlog["business_value"] + backlog["time_criticality"]
                     + backlog["risk_reduction"]) / backlog["job_size"],
        })
        ranks = scores[["rice", "wsjf"]].rank(ascending=False)
        named = list((ranks.max(axis=1) - ranks.min(axis=1)).nlargest(3).index)
        kano = get(f"{MODULE}/kano-categories").reference()
        swap = {"must-be": "performance", "performance": "must-be"}
        coefficients = get(f"{MODULE}/kano-coefficients").reference()

        def points(exercise: str, value: object) -> float:
            """The points ``value`` earns on the exercise, on this learner's scenario."""
            return score(get(f"{MODULE}/{exercise}"), value)[0]

        return {
            NB1: {
                "wsjf-scores-test": points("wsjf-scores", delay),
                "wsjf-ranking-test": points("wsjf-ranking", {"order": order, "cut": cut}),
                "wsjf-cutline-test": points("wsjf-cutline", {"order": order, "cut": cut}),
                "moscow-test": points("moscow", plan),
            },
            NB2: {
                "lab-scores-test": points("framework-scores", scores),
                "movers-test": points("framework-movers", named),
                "kano-test": points("kano-categories",
                                    {f: swap.get(c, c) for f, c in kano.items()}),
                "coefficients-test": points("kano-coefficients",
                                            coefficients.assign(worse=-coefficients["worse"])),
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
    assert raw_tables(cohort, MODULE, "solution") == [], "every table a learner reads is styled"
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
    got, expected = scores(cohort, MODULE, "wrong"), _wrong_expected("wrong")
    for nb, cells in expected.items():
        for cell, points in cells.items():
            assert got[nb][cell] == pytest.approx(points, abs=0.005), cell
    assert got[NB1]["wsjf-scores-test"] == 0  # no item has a job size of 1
    assert 0 < got[NB1]["wsjf-ranking-test"] < 3  # shortest first: related, not the same
    assert got[NB1]["wsjf-cutline-test"] == 0  # one item over the capacity
    assert 0 < got[NB1]["moscow-test"] < 3  # musts and shoulds right, coulds by value
    assert 0 < got[NB2]["lab-scores-test"] < 3  # RICE right only at confidence 1.0
    assert 0 < got[NB2]["kano-test"] < 3  # must-be and performance confused
    assert 0 < got[NB2]["coefficients-test"] < 2  # better right, worse with the wrong sign
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
    with active(Variant("wrong")):  # graded on the wrong learner's own scenario
        expected = grade(f"{MODULE}/wsjf-ranking", directory=graded_dir)
    assert expected > 0
    assert scores(cohort, MODULE, "wrong")[NB1]["wsjf-ranking-test"] == pytest.approx(expected)


def test_feedback_hides_hidden_tests_and_answers(cohort: Path) -> None:
    """Generated feedback shows scores but no hidden test and no reference answer."""
    for student in ("untouched", "wrong"):
        assert feedback_leaks(cohort, MODULE, student) == {}
    page = (cohort / "feedback" / "wrong" / MODULE / f"{NB2}.html").read_text()
    named = round(_wrong_expected("wrong")[NB2]["movers-test"] / 2 * 3)
    assert f"{named} of 3 biggest movers named" in page


def test_export_writes_a_row_per_student(cohort: Path) -> None:
    """``nbgrader export`` lists every learner; the solution's raw score is the auto total."""
    with open(cohort / "grades.csv", newline="") as handle:
        rows = {row["student_id"]: row for row in csv.DictReader(handle)}
    assert set(rows) == {"solution", "untouched", "wrong", "honest"}
    assert float(rows["untouched"]["raw_score"]) == 0
    assert float(rows["solution"]["raw_score"]) == 19
