"""Modules 07 and 08 without nbgrader: RACI and ratings widgets, plan checks, scoring rules."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import traitlets

from autograder.scoring.catalog import get
from autograder.scoring.catalog.m07 import DECIDERS, raci_reference, raci_row
from autograder.scoring.catalog.m08 import decisions, meets_reference, own_gap, own_top_gaps
from course.answers import AnswerStore
from course.career import check_gap, check_grid, check_meets, check_plan, check_rated
from course.lesson import Lesson
from course.models import ScenarioError
from course.models.career import check_raci, is_dated, is_measurable, plan_problems
from course.roles import COMPETENCY_IDS, profile
from course.widgets import CompetencyRatings, RaciGrid

ROWS = {"D1": "ship it", "D2": "move people"}
LEVELS = {"product_manager": "PM", "director": "Director", "vp_product": "VP", "cpo": "CPO"}


def _lesson(tmp_path: Path, module: str = "07-collaboration", nb: str = "1-x") -> Lesson:
    return Lesson(module, nb, tmp_path)


# -- RACI ----------------------------------------------------------------------------------
def test_raci_grid_saves_each_cell(tmp_path: Path) -> None:
    """Choosing letters in the grid saves them, partly filled grids included, and reloads."""
    grid = RaciGrid(_lesson(tmp_path), "raci", ROWS, LEVELS)
    assert grid.value is None
    grid._cells[("D1", "director")].value = "A"
    grid._cells[("D1", "product_manager")].value = "R"
    assert grid.value == {"D1": {"product_manager": "R", "director": "A"}}
    saved = AnswerStore(tmp_path, "07-collaboration", "1-x").get("raci")
    assert saved is not None and saved.value == grid.value
    again = RaciGrid(_lesson(tmp_path), "raci", ROWS, LEVELS)
    assert again._cells[("D1", "director")].value == "A" and again.value == grid.value


def test_raci_grid_refuses_two_deciders(tmp_path: Path) -> None:
    """A second A in one decision is shown with the reason and never saved."""
    grid = RaciGrid(_lesson(tmp_path), "raci", ROWS, LEVELS)
    grid._cells[("D2", "director")].value = "A"
    grid._cells[("D2", "vp_product")].value = "A"
    assert grid.value == {"D2": {"director": "A"}}
    assert grid.status.startswith("invalid") and "2 deciders" in grid.status
    assert AnswerStore(tmp_path, "07-collaboration", "1-x").get("raci").value == grid.value
    with pytest.raises(traitlets.TraitError, match="exactly one level"):
        grid.value = {"D1": {"cpo": "A", "vp_product": "A"}}


@pytest.mark.parametrize("grid, message", [
    (["D1"], "maps each decision"),
    ({"D9": {}}, "not a decision"),
    ({"D1": "A"}, "mapping of role id"),
    ({"D1": {"ceo": "A"}}, "not a role of the grid"),
    ({"D1": {"cpo": "X"}}, "not a RACI letter"),
])
def test_bad_grids_are_refused(grid: object, message: str) -> None:
    """Every malformed grid gets a message naming the decision and the fix."""
    with pytest.raises(ScenarioError, match=message):
        check_raci(grid, list(ROWS), list(LEVELS))


def test_grid_self_check_reports_form_only(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                           ) -> None:
    """The grid self-check counts empty cells and missing deciders, never right letters."""
    grid = RaciGrid(_lesson(tmp_path), "raci", ROWS, LEVELS)
    assert not check_grid(grid, list(ROWS), list(LEVELS))
    grid.value = {"D1": dict.fromkeys(LEVELS, "I")}
    assert not check_grid(grid, list(ROWS), list(LEVELS))
    assert "4 empty cells; no decider (A) yet for D1, D2" in capsys.readouterr().out
    grid.value = {d: raci_row("cpo") for d in ROWS}
    assert check_grid(grid, list(ROWS), list(LEVELS))
    assert not check_grid("grid", list(ROWS), list(LEVELS))


def test_raci_reference_follows_the_house_rules() -> None:
    """One A per decision, R just below, C just above, I further below, '-' far above."""
    assert raci_row("director") == {"product_manager": "R", "director": "A", "vp_product": "C",
                                    "cpo": "-"}
    assert raci_row("cpo") == {"product_manager": "I", "director": "I", "vp_product": "R",
                               "cpo": "A"}
    for row in raci_reference().values():
        assert list(row.values()).count("A") == 1
    assert set(DECIDERS.values()) == set(LEVELS)


def test_raci_scoring_gives_credit_per_cell() -> None:
    """A misjudged decider costs exactly that decision's wrong cells."""
    exercise = get("07-collaboration/raci")
    answer = {d: dict(row) for d, row in raci_reference().items()}
    assert exercise.score(answer).points(4) == 4
    answer["D2"] = raci_row("vp_product")  # all four cells of D2 differ
    assert exercise.score(answer).points(4) == 3.5
    assert exercise.score("nonsense").fraction == 0


# -- ratings widget -------------------------------------------------------------------------
def test_ratings_start_from_the_baseline_without_saving(tmp_path: Path) -> None:
    """Carried-over ratings fill the buttons but are saved only on 'Keep these ratings'."""
    start = {"leadership": 4, "communication": 2}
    widget = CompetencyRatings(_lesson(tmp_path, "08-career-progression"), "self-ratings",
                               start=start)
    store = AnswerStore(tmp_path, "08-career-progression", "1-x")
    assert widget.value is None and store.get("self-ratings") is None
    assert widget.shown() == start and "carried over" in widget.status
    widget.keep()
    assert store.get("self-ratings").value == start


def test_ratings_save_on_every_click_and_refuse_bad_values(tmp_path: Path) -> None:
    """A click saves all shown ratings; an out-of-range value from code is refused."""
    widget = CompetencyRatings(_lesson(tmp_path, "08-career-progression"), "self-ratings")
    widget.keep()
    assert widget.value is None and "Nothing to keep" in widget.status
    widget._buttons["leadership"].value = 3
    assert widget.value == {"leadership": 3}
    with pytest.raises(traitlets.TraitError, match="outside the scale"):
        widget.value = {"leadership": 8}
    with pytest.raises(traitlets.TraitError, match="not one of the fifteen"):
        widget.value = {"leading": 3}
    assert AnswerStore(tmp_path, "08-career-progression", "1-x").get(
        "self-ratings").value == {"leadership": 3}


def test_saved_ratings_win_over_the_baseline(tmp_path: Path) -> None:
    """Once ratings are saved, a baseline never overwrites them when the widget is rebuilt."""
    lesson = _lesson(tmp_path, "08-career-progression")
    CompetencyRatings(lesson, "self-ratings").value = {"leadership": 1}
    again = CompetencyRatings(lesson, "self-ratings", start={"leadership": 5})
    assert again.value == {"leadership": 1} and again.shown() == {"leadership": 1}


def test_out_of_range_baseline_is_refused() -> None:
    """A baseline outside the scale cannot be used to start the widget."""
    with pytest.raises(ScenarioError, match="outside the scale"):
        CompetencyRatings(Lesson("08-career-progression", "x", Path("/nonexistent")),
                          "self-ratings", start={"leadership": 0})


def test_rated_self_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The ratings self-check counts what is rated."""
    widget = CompetencyRatings(_lesson(tmp_path, "08-career-progression"), "self-ratings")
    widget.value = {"leadership": 3}
    assert not check_rated(widget)
    widget.value = dict.fromkeys(COMPETENCY_IDS, 2)
    assert check_rated(widget)
    assert "1 of 15 competencies rated" in capsys.readouterr().out


# -- promotion readiness -------------------------------------------------------------------
def test_readiness_reference_is_as_designed() -> None:
    """The panel data keep the candidates' stories: two always held back, a split decision."""
    verdicts = decisions()
    assert verdicts["C2"] == verdicts["C6"] == "not-yet"  # story shortfalls on step-ups
    assert 2 <= list(verdicts.values()).count("ready") <= 4
    meets = meets_reference()
    assert not meets.loc["C2", "team-management"]  # a step-up criterion missed by one
    assert not meets.loc["C4", "data-analysis"]  # missed by two
    assert meets.loc["C5", "team-management"]  # the IC track asks little here


def test_readiness_scoring_per_criterion() -> None:
    """Each of the 90 cells counts; a wrong shape or type earns nothing."""
    exercise = get("08-career-progression/readiness-criteria")
    reference = meets_reference()
    assert exercise.score(reference.copy()).fraction == 1
    flipped = reference.copy()
    flipped.loc["C1"] = ~flipped.loc["C1"]
    assert exercise.score(flipped).fraction == pytest.approx(75 / 90)
    assert exercise.score(reference.astype(str)).fraction == 0
    assert exercise.score({"C1": True}).fraction == 0


def test_meets_self_check(capsys: pytest.CaptureFixture[str]) -> None:
    """The readiness self-check checks the table's shape and type, never its values."""
    table = meets_reference()
    assert check_meets(~table, list(table.index))  # wrong values still look well formed
    assert not check_meets(table.drop(columns="leadership"), list(table.index))
    assert check_meets(table.astype(int), list(table.index))  # 1/0 grade as True/False
    assert not check_meets(table.astype(int) * 2, list(table.index))
    assert not check_meets(table.astype(str), list(table.index))
    assert not check_meets(None, list(table.index))
    assert "competency column" in capsys.readouterr().out


# -- gap and plan -------------------------------------------------------------------------
RATINGS = dict.fromkeys(COMPETENCY_IDS, 3)


def test_gap_scoring_uses_the_learners_own_inputs() -> None:
    """The gap is graded against the saved ratings and role; missing inputs earn 0 with why."""
    exercise = get("08-career-progression/competency-gap")
    gap = profile("director") - pd.Series(RATINGS)
    assert exercise.score({"gap": gap, "ratings": RATINGS, "role": "director"}).fraction == 1
    flipped = -gap
    zeros = int((gap == 0).sum())
    assert exercise.score({"gap": flipped, "ratings": RATINGS, "role": "director"}).fraction == (
        pytest.approx(zeros / 15))
    missing = exercise.score({"gap": gap, "ratings": None, "role": "director"})
    assert missing.fraction == 0 and "not complete or valid" in missing.reason
    partial = exercise.score({"gap": gap, "ratings": {"leadership": 3}, "role": "director"})
    assert partial.fraction == 0 and "14 competencies are not rated" in partial.reason
    wild = exercise.score({"gap": gap, "ratings": {**RATINGS, "leadership": 9},
                           "role": "director"})
    assert wild.fraction == 0 and "outside the scale" in wild.reason
    unknown = exercise.score({"gap": gap, "ratings": RATINGS, "role": "boss"})
    assert unknown.fraction == 0 and "No target role" in unknown.reason


def test_top_gaps_break_ties_in_course_order() -> None:
    """The top gaps are the three largest positive gaps, ties in the order of the fifteen."""
    assert own_top_gaps(RATINGS, "cpo") == ["strategic-thinking", "leadership",
                                            "scope-management"]
    assert own_top_gaps(dict.fromkeys(COMPETENCY_IDS, 5), "cpo") == []
    assert own_gap(RATINGS, "associate_pm")["leadership"] == -2


def _plan(competencies: list[str], measure: str = "3 reviews", due: str = "2027-03-31"
          ) -> list[dict[str, str]]:
    return [{"competency": c, "action": "do it", "measure": measure, "due": due}
            for c in competencies]


def test_plan_structure_scoring() -> None:
    """One action per top gap, measurable and dated: a third of the points each."""
    exercise = get("08-career-progression/development-plan")
    top = own_top_gaps(RATINGS, "cpo")

    def score(plan: object) -> float:
        return exercise.score({"plan": plan, "ratings": RATINGS, "role": "cpo"}).points(3)

    assert score(_plan(top)) == 3
    assert score(_plan(top[:2])) == 2.67  # one top gap of three uncovered
    assert score(_plan(top + top[:1])) == pytest.approx(3 * (2 / 3 + 1 + 1) / 3, abs=0.01)
    plan = _plan(top)
    plan[0]["measure"], plan[1]["due"] = "get better", "next spring"
    assert score(plan) == 2.33
    assert score([]) == 0 and score("a plan") == 0
    assert exercise.score({"plan": _plan(top), "ratings": None, "role": "cpo"}).fraction == 0


@pytest.mark.parametrize("plan, message", [
    ("learn more", "should be a list"),
    ([], "no actions"),
    (["x"], "should be a dict"),
    ([{"competency": "leadership"}], "has no action, measure, due"),
    (_plan(["leading"]), "not a competency id"),
    (_plan(["leadership"], measure="more often"), "has no number"),
    (_plan(["leadership"], due="2027-02-30"), "not a date"),
    (_plan(["leadership"], due="31/03/2027"), "not a date"),
])
def test_plan_form_problems(plan: object, message: str) -> None:
    """Each malformed plan is described in words that name the action and the fix."""
    assert any(message in p for p in plan_problems(plan, COMPETENCY_IDS))


def test_plan_helpers_and_self_check(capsys: pytest.CaptureFixture[str]) -> None:
    """Dates and measures are recognised; the plan self-check prints and never raises."""
    assert is_dated("2027-01-31") and not is_dated("2027-1-31") and not is_dated(None)
    assert is_measurable("2 talks") and not is_measurable("talks") and not is_measurable(3)
    assert check_plan(_plan(["leadership"]))
    assert not check_plan(None)
    assert "should be a list" in capsys.readouterr().out


def test_gap_self_check(capsys: pytest.CaptureFixture[str]) -> None:
    """The gap self-check wants one number per competency within -4..4."""
    gap = profile("director") - pd.Series(RATINGS)
    assert check_gap(gap)
    assert not check_gap(gap.drop("leadership"))
    assert not check_gap(gap * 10)
    assert check_gap(gap.to_dict())  # a dict grades like the Series it makes
    assert not check_gap(list(gap))
    assert "pandas Series" in capsys.readouterr().out


def test_gap_radar_shows_ratings_against_the_role() -> None:
    """Module 08's radar draws the learner and the role on fifteen spokes and renders."""
    from io import BytesIO

    from course.plots import radar_chart
    from course.roles import competency_names

    figure = radar_chart(RATINGS, labels=competency_names(),
                         compare=profile("director").to_dict(), compare_label="Director")
    (axes,) = figure.axes
    assert axes.name == "polar" and len(axes.get_xticks()) == 15
    you, role = axes.lines
    assert list(you.get_ydata()[:-1]) == [3.0] * 15
    assert list(role.get_ydata()[:-1]) == [float(v) for v in profile("director")]
    buffer = BytesIO()
    figure.savefig(buffer, format="png")
    assert buffer.getvalue().startswith(b"\x89PNG")
