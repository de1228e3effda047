"""Scoring rules, the grade() entry point and module 01's reference answers."""

from __future__ import annotations

import math
from collections import Counter
from itertools import pairwise
from pathlib import Path

import pandas as pd
import pytest

from autograder.scoring.catalog import all_exercises, get, m01
from autograder.scoring.grade import grade
from autograder.scoring.rules import (
    Score,
    board_cut,
    board_ranking,
    exact,
    numbers_within,
    overlap,
    rank_agreement,
)
from course.answers import AnswerStore
from course.data import figure, load

MODULE = "01-product-manager"
NB_ROLE, NB_PRIORITIZE = "1-the-role", "2-prioritize-and-measure"
REF = ["a", "b", "c", "d", "e", "f"]


def _rice_by_hand() -> pd.Series:
    """Return the RICE scores of the m01 backlog, computed here from the formula."""
    backlog = load("m01_backlog")
    return pd.Series(
        {
            str(item): row["reach"] * row["impact"] * row["confidence"] / row["effort"]
            for item, row in backlog.iterrows()
        }
    )


def _order_by_hand() -> list[str]:
    """Return the backlog ids by descending hand-computed RICE score."""
    scores = _rice_by_hand()
    return sorted(scores.index, key=lambda item: -scores[item])


def _funded_count_by_hand() -> int:
    """Return the length of the longest prefix of the order whose effort fits CAPACITY."""
    effort = load("m01_backlog")["effort"]
    order = _order_by_hand()
    capacity = figure("m01_capacity")
    fitting = [k for k in range(len(order) + 1) if effort[order[:k]].sum() <= capacity]
    return max(fitting)


# -- rank_agreement -----------------------------------------------------------------------


def test_rank_identical_is_one() -> None:
    """The reference order itself scores exactly 1."""
    assert rank_agreement(list(REF), REF).fraction == 1.0
    assert rank_agreement(tuple(REF), REF).fraction == 1.0


def test_rank_reversed_is_zero() -> None:
    """The reversed order scores 0 (negative agreement is clamped)."""
    score = rank_agreement(REF[::-1], REF)
    assert score.fraction == 0.0


def test_rank_swap_at_top_costs_more_than_at_bottom() -> None:
    """Swapping the top two loses more than swapping the bottom two; both stay in (0, 1)."""
    top = rank_agreement(["b", "a", "c", "d", "e", "f"], REF).fraction
    bottom = rank_agreement(["a", "b", "c", "d", "f", "e"], REF).fraction
    assert 0.0 < top < bottom < 1.0


def test_rank_more_disorder_scores_less() -> None:
    """Moving the last item to the top scores below a single adjacent swap there."""
    one_swap = rank_agreement(["b", "a", "c", "d", "e", "f"], REF).fraction
    big_move = rank_agreement(["f", "a", "b", "c", "d", "e"], REF).fraction
    assert big_move < one_swap


@pytest.mark.parametrize(
    "answer",
    [
        ["a", "b", "c", "d", "e"],
        ["a", "a", "c", "d", "e", "f"],
        ["a", "b", "c", "d", "e", "f", "g"],
        ["a", "b", "c", "d", "e", "f", "f"],
        [],
    ],
    ids=["missing", "duplicate", "extra", "duplicate-extra", "empty"],
)
def test_rank_not_a_permutation_is_zero(answer: list[str]) -> None:
    """A list missing an item, with a duplicate or an extra item, scores 0 with a reason."""
    score = rank_agreement(answer, REF)
    assert score.fraction == 0.0
    assert "exactly once" in score.reason


def test_rank_reason_reveals_no_order() -> None:
    """The reason for a partial score does not list the reference ids."""
    score = rank_agreement(["b", "a", "c", "d", "e", "f"], REF)
    assert not any(f"'{item}'" in score.reason for item in REF)


def test_rank_ids_compared_as_text_consistently() -> None:
    """Ids equal as text are treated as the same items throughout (no KeyError)."""
    assert rank_agreement([1, 2, 3], ["1", "2", "3"]).fraction == 1.0


# -- exact, overlap, numbers_within -------------------------------------------------------


def test_exact() -> None:
    """The exact rule gives 1 for an equal answer and 0 otherwise, naming what was checked."""
    assert exact("web", "web", "platform") == Score(1.0, "Your platform is right.")
    wrong = exact("mobile", "web", "platform")
    assert wrong.fraction == 0.0
    assert "platform" in wrong.reason and "web" not in wrong.reason
    assert exact(frozenset({"a", "b"}), frozenset({"b", "a"})).fraction == 1.0


def test_overlap_counts_matching_keys() -> None:
    """The overlap rule scores the share of reference keys mapped right; extras don't count."""
    reference = {"r1": "pm", "r2": "po", "r3": "mm"}
    score = overlap({"r1": "pm", "r2": "mm", "r9": "pm"}, reference, "rows")
    assert score.fraction == pytest.approx(1 / 3)
    assert score.reason == "1 of 3 rows right."
    assert overlap({}, reference).fraction == 0.0
    assert overlap(dict(reference), reference).fraction == 1.0


@pytest.mark.parametrize("answer", [None, ["pm", "po", "mm"], "pm"], ids=repr)
def test_overlap_non_mapping_is_zero(answer: object) -> None:
    """An answer that is not a mapping scores 0 with a reason."""
    score = overlap(answer, {"r1": "pm"})
    assert score.fraction == 0.0 and "not a mapping" in score.reason


def test_numbers_within_relative_tolerance() -> None:
    """With rel=0.01 a value 0.9% off counts and one 1.5% off does not."""
    reference = {"x": 100.0, "y": 200.0}
    assert numbers_within({"x": 100.9, "y": 198.2}, reference, rel=0.01).fraction == 1.0
    assert numbers_within({"x": 101.5, "y": 200.0}, reference, rel=0.01).fraction == 0.5


def test_numbers_within_absolute_tolerance() -> None:
    """With abs_=0.005 a conversion off by 0.004 counts and one off by 0.006 does not."""
    reference = {"a": 0.5, "b": 0.25}
    assert numbers_within({"a": 0.504, "b": 0.246}, reference, abs_=0.005).fraction == 1.0
    assert numbers_within({"a": 0.506, "b": 0.25}, reference, abs_=0.005).fraction == 0.5


def test_numbers_within_zero_tolerance_needs_equality() -> None:
    """With no tolerance only exactly equal numbers count."""
    assert numbers_within({"x": 1.0}, {"x": 1.0}).fraction == 1.0
    assert numbers_within({"x": 1.0000001}, {"x": 1.0}).fraction == 0.0


def test_numbers_within_non_numbers_and_missing_keys() -> None:
    """Text, None, lists and missing keys earn nothing; numeric text is read as a number."""
    reference = {"a": 1.0, "b": 2.0, "c": 3.0, "d": 4.0, "e": 5.0}
    answer = {"a": "one", "b": None, "c": [3.0], "e": "5"}
    score = numbers_within(answer, reference, rel=0.01, what="scores")
    assert score.fraction == pytest.approx(1 / 5)
    assert score.reason == "1 of 5 scores within tolerance."


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf], ids=repr)
def test_numbers_within_nan_and_inf_never_count(bad: float) -> None:
    """NaN and infinities never match, even with a huge tolerance or an infinite reference."""
    assert numbers_within({"a": bad}, {"a": 1.0}, rel=10.0, abs_=1e9).fraction == 0.0
    assert numbers_within({"a": bad}, {"a": bad}, rel=0.01).fraction == 0.0


def test_numbers_within_non_mapping_answer_is_zero() -> None:
    """A list instead of a mapping scores 0 without raising."""
    assert numbers_within([1.0, 2.0], {"a": 1.0, "b": 2.0}).fraction == 0.0


# -- Score.points -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fraction", "out_of", "points"),
    [(1.0, 3, 3.0), (1.5, 3, 3.0), (-0.2, 3, 0.0), (0.0, 2, 0.0),
     (2 / 3, 3, 2.0), (1 / 3, 1, 0.33), (11 / 12, 2, 1.83), (0.125, 4, 0.5)],
)
def test_points_clamps_and_rounds(fraction: float, out_of: float, points: float) -> None:
    """points() clamps the fraction to [0, 1] and rounds to hundredths."""
    assert Score(fraction, "").points(out_of) == points


# -- grade() ------------------------------------------------------------------------------


def _save(tmp_path: Path, notebook: str, exercise: str, value: object) -> None:
    """Save ``value`` for ``exercise`` in the m01 notebook's record under tmp_path."""
    AnswerStore(tmp_path, MODULE, notebook).save(exercise, value)


def test_grade_without_record(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """No answer record: prints 'no saved answer' and returns 0.0, nothing on stderr."""
    assert grade(f"{MODULE}/rice-ranking", directory=tmp_path) == 0.0
    out, err = capsys.readouterr()
    assert "no saved answer" in out and "0 of 3 points" in out
    assert err == ""


def test_grade_best_ranking_and_cut(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The descending-RICE order with the right cut earns full points for both exercises."""
    value = {"order": _order_by_hand(), "cut": _funded_count_by_hand()}
    _save(tmp_path, NB_PRIORITIZE, "rice-ranking", value)
    assert grade(f"{MODULE}/rice-ranking", directory=tmp_path) == 3.0
    assert grade(f"{MODULE}/rice-cutline", directory=tmp_path) == 1.0
    out, err = capsys.readouterr()
    assert err == "" and "3 of 3 points" in out and "1 of 1 points" in out


def test_grade_partial_ranking_and_wrong_cut(tmp_path: Path) -> None:
    """A top swap earns part of the ranking points; a cut one too short earns no cut point."""
    order = _order_by_hand()
    order[0], order[1] = order[1], order[0]
    value = {"order": order, "cut": _funded_count_by_hand() - 1}
    _save(tmp_path, NB_PRIORITIZE, "rice-ranking", value)
    assert 0.0 < grade(f"{MODULE}/rice-ranking", directory=tmp_path) < 3.0
    assert grade(f"{MODULE}/rice-cutline", directory=tmp_path) == 0.0


def test_grade_no_cut_drawn(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A ranking saved with cut 0 earns no cut-line point and says no cut was drawn."""
    _save(tmp_path, NB_PRIORITIZE, "rice-ranking", {"order": _order_by_hand(), "cut": 0})
    assert grade(f"{MODULE}/rice-cutline", directory=tmp_path) == 0.0
    assert "No cut line was drawn" in capsys.readouterr().out


@pytest.mark.parametrize(
    "saved",
    ["B07,B01,B04", ["B07", "B01"], {"order": "B07 B01", "cut": 2}, None, 7],
    ids=["string", "bare-list", "string-order", "null", "number"],
)
def test_grade_malformed_ranking_is_zero(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], saved: object
) -> None:
    """A saved ranking of the wrong shape earns 0.0 with a printed reason, no stderr."""
    _save(tmp_path, NB_PRIORITIZE, "rice-ranking", saved)
    assert grade(f"{MODULE}/rice-ranking", directory=tmp_path) == 0.0
    out, err = capsys.readouterr()
    assert "not in the expected form" in out and "0 of 3 points" in out
    assert err == ""


def test_grade_answer_that_breaks_the_scorer_is_zero(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An answer that makes the scorer raise earns 0.0 with the reason printed, no stderr."""
    _save(tmp_path, NB_PRIORITIZE, "rice-ranking", {"order": [["B07"], ["B01"]], "cut": 1})
    assert grade(f"{MODULE}/rice-cutline", directory=tmp_path) == 0.0
    out, err = capsys.readouterr()
    assert "could not be scored" in out and "0 of 1 points" in out
    assert err == "" and "Traceback" not in out


def test_grade_corrupt_record_is_noted_and_zero(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A corrupt record prints a note on stdout, is kept aside, and the grade is 0.0."""
    (tmp_path / f"{NB_PRIORITIZE}.answers.json").write_text("{oops", encoding="utf-8")
    assert grade(f"{MODULE}/rice-ranking", directory=tmp_path) == 0.0
    out, err = capsys.readouterr()
    assert err == "" and "Note: " in out and "no saved answer" in out
    assert len(list(tmp_path.glob(f"{NB_PRIORITIZE}.answers.corrupt-*.json"))) == 1


def test_grade_role_owners_from_record(tmp_path: Path) -> None:
    """The role matching earns points in proportion to the rows matched right."""
    owners = dict(m01.ROLE_OWNERS)
    _save(tmp_path, NB_ROLE, "role-owners", owners)
    assert grade(f"{MODULE}/role-owners", directory=tmp_path) == 4.0
    half = dict(list(owners.items())[:4])
    _save(tmp_path, NB_ROLE, "role-owners", half)
    assert grade(f"{MODULE}/role-owners", directory=tmp_path) == 2.0


def test_grade_rice_scores_value(capsys: pytest.CaptureFixture[str]) -> None:
    """Correct RICE scores passed as a Series earn 2.0; one wrong value earns 2*11/12."""
    scores = _rice_by_hand()
    assert len(scores) == 12
    assert grade(f"{MODULE}/rice-scores", scores) == 2.0
    wrong = scores.copy()
    wrong.iloc[3] *= 2
    assert grade(f"{MODULE}/rice-scores", wrong) == round(2 * 11 / 12, 2)
    out, err = capsys.readouterr()
    assert "11 of 12 RICE scores" in out and err == ""


def test_grade_rice_scores_tolerates_rounding() -> None:
    """Scores rounded to whole numbers are within the 1% tolerance and earn full points."""
    assert grade(f"{MODULE}/rice-scores", _rice_by_hand().round(0)) == 2.0


@pytest.mark.parametrize("bad", [None, "scores", [1.0, 2.0]], ids=repr)
def test_grade_rice_scores_bad_value_is_zero(
    bad: object, capsys: pytest.CaptureFixture[str]
) -> None:
    """A missing or wrongly shaped value earns 0.0 without raising or writing to stderr."""
    assert grade(f"{MODULE}/rice-scores", bad) == 0.0
    assert capsys.readouterr().err == ""


def test_grade_funnel_rates_value() -> None:
    """Step conversions computed here independently from the events earn full points."""
    events = load("m01_funnel_events")
    users = events.groupby("step")["user_id"].nunique()
    steps = ["signup", "activation", "core_action", "upgrade"]
    table = pd.DataFrame(
        {"step_conversion": [1.0] + [users[b] / users[a] for a, b in pairwise(steps)]},
        index=steps,
    )
    assert grade(f"{MODULE}/funnel-rates", table) == 2.0
    table.loc["upgrade", "step_conversion"] += 0.05
    assert grade(f"{MODULE}/funnel-rates", table) == round(2 * 2 / 3, 2)


def test_grade_unknown_key_raises() -> None:
    """An exercise key that is not registered raises KeyError naming it."""
    with pytest.raises(KeyError, match="no-such-exercise"):
        grade(f"{MODULE}/no-such-exercise", 1)
    with pytest.raises(KeyError):
        get("99-nothing/rice-ranking")


# -- module 01 references -----------------------------------------------------------------


def test_m01_rice_order_is_descending_score() -> None:
    """The reference order is the backlog sorted by descending RICE computed here."""
    assert list(m01.rice_order()) == _order_by_hand()
    scores = _rice_by_hand()
    assert scores.nunique() == len(scores), "ties would make the reference order arbitrary"


def test_m01_funded_is_longest_fitting_prefix() -> None:
    """The funded set is the longest prefix of the order whose effort fits CAPACITY."""
    k = _funded_count_by_hand()
    order = _order_by_hand()
    effort = load("m01_backlog")["effort"]
    assert m01.funded() == frozenset(order[:k])
    assert 0 < k < len(order)
    assert effort[order[: k + 1]].sum() > figure("m01_capacity")


def test_m01_role_owners_match_the_data() -> None:
    """Every responsibility has an owner, and each of the four roles owns exactly two."""
    responsibilities = load("m01_responsibilities")
    assert set(m01.ROLE_OWNERS) <= set(responsibilities.index.astype(str))
    assert set(m01.ROLE_OWNERS) == set(responsibilities.index.astype(str))
    counts = Counter(m01.ROLE_OWNERS.values())
    assert len(counts) == 4
    assert set(counts.values()) == {2}


def test_m01_catalog_entries() -> None:
    """Module 01 registers its exercises with keys, notebooks and positive points."""
    keys = {e.key for e in all_exercises() if e.module == MODULE}
    assert {f"{MODULE}/rice-ranking", f"{MODULE}/rice-cutline", f"{MODULE}/rice-scores",
            f"{MODULE}/role-owners"} <= keys
    assert get(f"{MODULE}/rice-cutline").record == "rice-ranking"
    assert all(e.points > 0 for e in all_exercises())


def test_board_scores_read_the_saved_board() -> None:
    """Ranking-board answers: a malformed save or a missing cut earns 0; the rest is scored."""
    reference = ["A", "B", "C", "D"]
    assert board_ranking({"order": reference, "cut": 2}, reference).fraction == 1
    assert 0 < board_ranking({"order": ["B", "A", "C", "D"]}, reference).fraction < 1
    for broken in (None, ["A", "B"], {"order": "ABCD"}, {"cut": 2}):
        assert board_ranking(broken, reference).fraction == 0
        assert board_cut(broken, frozenset("AB")).fraction == 0
    assert board_cut({"order": ["B", "A", "C", "D"], "cut": 2}, frozenset("AB")).fraction == 1
    assert board_cut({"order": reference, "cut": 3}, frozenset("AB")).fraction == 0
    for no_cut in (None, 0, True, 2.0):
        score = board_cut({"order": reference, "cut": no_cut}, frozenset("AB"))
        assert score.fraction == 0 and "No cut line" in score.reason
