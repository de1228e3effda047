"""Prioritization models (ICE, WSJF, weighted scoring, MoSCoW, Kano) and their scoring."""

from __future__ import annotations

import pandas as pd
import pytest

from autograder.scoring.catalog import m02
from autograder.scoring.rules import bucket_credit, named_overlap
from course.data import figure, load
from course.models import ScenarioError
from course.models.prioritization import (
    KANO_TABLE,
    MOSCOW,
    check_buckets,
    cost_of_delay,
    ice,
    kano,
    kano_category,
    moscow,
    weighted_score,
    wsjf,
)
from materials import data_dir
from materials.gen_m02 import kano_survey


def _backlog() -> pd.DataFrame:
    """Return a three-item backlog with ICE and WSJF estimates easy to work out by hand."""
    return pd.DataFrame(
        {
            "impact": [8, 5, 2], "confidence": [5, 10, 9], "ease": [2, 4, 10],
            "business_value": [8, 3, 13], "time_criticality": [13, 1, 2],
            "risk_reduction": [3, 1, 0], "job_size": [8, 1, 5],
        },
        index=pd.Index(["A", "B", "C"], name="id"),
    )


# -- ICE ----------------------------------------------------------------------------------


def test_ice_on_hand_computed_backlog() -> None:
    """ICE is impact x confidence x ease, row by row."""
    # A: 8*5*2 = 80; B: 5*10*4 = 200; C: 2*9*10 = 180
    assert ice(_backlog()).to_dict() == {"A": 80.0, "B": 200.0, "C": 180.0}


def test_ice_with_renamed_columns() -> None:
    """ICE reads other column names when a backlog also holds RICE estimates."""
    backlog = _backlog().rename(columns={"impact": "ice_impact", "confidence": "ice_conf"})
    assert ice(backlog, impact="ice_impact", confidence="ice_conf")["B"] == 200.0


def test_ice_out_of_scale_names_the_row() -> None:
    """A rating of 0 or above 10 raises naming the row and the 1-to-10 scale."""
    backlog = _backlog()
    backlog.loc["C", "ease"] = 15
    with pytest.raises(ScenarioError, match=r"row 'C' has ease = 15, outside 1 to 10"):
        ice(backlog)


def test_ice_missing_column_names_it() -> None:
    """A backlog without 'ease' raises naming the column."""
    with pytest.raises(ScenarioError, match=r"missing the column 'ease'"):
        ice(_backlog().drop(columns="ease"))


# -- WSJF ---------------------------------------------------------------------------------


def test_wsjf_on_hand_computed_backlog() -> None:
    """WSJF is (value + criticality + risk reduction) / job size."""
    assert cost_of_delay(_backlog()).to_dict() == {"A": 24.0, "B": 5.0, "C": 15.0}
    assert wsjf(_backlog()).to_dict() == {"A": 3.0, "B": 5.0, "C": 3.0}


def test_wsjf_zero_job_size_names_the_row() -> None:
    """A job size of zero raises naming the row and asking for a positive estimate."""
    backlog = _backlog()
    backlog.loc["B", "job_size"] = 0
    with pytest.raises(ScenarioError, match=r"row 'B' has job_size = 0; it must be greater"):
        wsjf(backlog)


def test_wsjf_negative_rating_names_the_row() -> None:
    """A negative part of the cost of delay raises naming the row."""
    backlog = _backlog()
    backlog.loc["A", "time_criticality"] = -1
    with pytest.raises(ScenarioError, match=r"row 'A' has time_criticality = -1; it cannot"):
        wsjf(backlog)


def test_wsjf_no_cost_of_delay_names_the_row() -> None:
    """An item rated 0 on all three parts has no cost of delay and is refused."""
    backlog = _backlog()
    backlog.loc["C", ["business_value", "time_criticality", "risk_reduction"]] = 0
    with pytest.raises(ScenarioError, match=r"row 'C' has no cost of delay"):
        wsjf(backlog)


def test_wsjf_missing_part_names_it() -> None:
    """A backlog without 'risk_reduction' raises naming the column."""
    with pytest.raises(ScenarioError, match=r"'risk_reduction'"):
        wsjf(_backlog().drop(columns="risk_reduction"))


# -- weighted scoring ---------------------------------------------------------------------


def test_weighted_score_normalises_the_weights() -> None:
    """Weights 3 and 1 act as 0.75 and 0.25; the score keeps the ratings' scale."""
    score = weighted_score(_backlog(), {"impact": 3, "ease": 1})
    # A: 0.75*8 + 0.25*2 = 6.5; B: 3.75 + 1 = 4.75; C: 1.5 + 2.5 = 4.0
    assert score.to_dict() == pytest.approx({"A": 6.5, "B": 4.75, "C": 4.0})


@pytest.mark.parametrize("weights, message", [
    ({"impact": -1}, r"weight of 'impact' is -1; weights must be zero or positive"),
    ({"impact": "high"}, r"weight of 'impact' is 'high', not a number"),
    ({"impact": 0, "ease": 0}, r"All weights are zero"),
    ({"price": 1}, r"missing the column 'price'"),
    ({}, r"at least one criterion"),
])
def test_weighted_score_bad_weights(weights: dict, message: str) -> None:
    """Each kind of bad weight raises a ScenarioError saying what to fix."""
    with pytest.raises(ScenarioError, match=message):
        weighted_score(_backlog(), weights)


# -- MoSCoW -------------------------------------------------------------------------------


def _effort() -> pd.Series:
    """Return the effort of five items: 4, 3, 2, 2, 1 (capacity 10 in the tests)."""
    return pd.Series([4.0, 3.0, 2.0, 2.0, 1.0], index=["a", "b", "c", "d", "e"])


def test_moscow_plan_that_fits() -> None:
    """Effort is added per bucket; 6 of 10 in musts and 10 planned fits exactly."""
    plan = moscow({"a": "must", "c": "must", "b": "should", "e": "could", "d": "wont"},
                  _effort(), 10)
    assert plan.effort == {"must": 6.0, "should": 3.0, "could": 1.0, "wont": 2.0}
    assert plan.must_limit == 6.0 and plan.planned == 10.0
    assert plan.fits and plan.problems == []


def test_moscow_too_many_musts_is_refused_with_the_reason() -> None:
    """Must-haves above 60% of the capacity make the plan unfit, with numbers in the reason."""
    plan = moscow({"a": "must", "b": "must"}, _effort(), 10)
    assert not plan.fits
    assert plan.problems == [
        "the must-haves take 7 of 10, more than 60% (6); move some to should or could"
    ]


def test_moscow_overfull_plan_is_refused_with_the_reason() -> None:
    """Must, should and could beyond the capacity make the plan unfit."""
    plan = moscow({i: "could" for i in "abcde"}, _effort(), 10)
    assert not plan.fits and "together take 12, more than the capacity of 10" in plan.problems[0]


@pytest.mark.parametrize("buckets, capacity, message", [
    ({"a": "maybe"}, 10, r"'maybe' \(for 'a'\) is not a bucket; use one of must"),
    ({"z": "must"}, 10, r"'z' is not an item"),
    (["a"], 10, r"A bucketing maps each item id to a bucket"),
    ({}, 0, r"capacity must be greater than zero"),
    ({}, "lots", r"capacity must be a number"),
])
def test_moscow_bad_inputs(buckets: object, capacity: object, message: str) -> None:
    """Unknown buckets or items, a non-mapping and a bad capacity raise with the fix."""
    with pytest.raises(ScenarioError, match=message):
        moscow(buckets, _effort(), capacity)


def test_moscow_non_positive_effort_names_the_item() -> None:
    """An item with zero effort raises naming it."""
    effort = _effort()
    effort["c"] = 0
    with pytest.raises(ScenarioError, match=r"row 'c' has effort = 0"):
        moscow({}, effort, 10)


def test_check_buckets_allows_a_partial_answer() -> None:
    """Items may be left out while the learner works."""
    assert check_buckets({"a": "must"}, list("abc"), MOSCOW) == {"a": "must"}


# -- Kano ---------------------------------------------------------------------------------


@pytest.mark.parametrize("functional, dysfunctional, category", [
    ("like", "dislike", "performance"),
    ("like", "neutral", "attractive"),
    ("expect", "dislike", "must-be"),
    ("neutral", "neutral", "indifferent"),
    ("dislike", "like", "reverse"),
    ("like", "like", "questionable"),
])
def test_kano_category_follows_the_evaluation_table(
    functional: str, dysfunctional: str, category: str,
) -> None:
    """Answer pairs land in the categories of the standard evaluation table."""
    assert kano_category(functional, dysfunctional) == category


def test_kano_table_is_complete() -> None:
    """Every pair of the five answers has a category."""
    assert sum(len(row) for row in KANO_TABLE.values()) == 25


def _survey() -> pd.DataFrame:
    """Return a small survey: X is mostly must-be, Y ties attractive and performance."""
    rows = [
        ("X", "expect", "dislike"), ("X", "neutral", "dislike"), ("X", "like", "dislike"),
        ("X", "neutral", "neutral"), ("X", "like", "like"),
        ("Y", "like", "neutral"), ("Y", "like", "dislike"), ("Y", "neutral", "tolerate"),
    ]
    return pd.DataFrame(rows, columns=["feature", "functional", "dysfunctional"])


def test_kano_counts_categories_and_coefficients() -> None:
    """Counts, majority category (tie broken performance before attractive), better, worse."""
    table = kano(_survey())
    assert table.loc["X", ["must-be", "performance", "indifferent", "questionable"]].tolist() \
        == [2, 1, 1, 1]
    assert table["category"].to_dict() == {"X": "must-be", "Y": "performance"}
    # X: A=0 O=1 M=2 I=1 -> better 1/4, worse -3/4; Y: A=1 O=1 M=0 I=1 -> 2/3, -1/3
    assert table.loc["X", ["better", "worse"]].tolist() == pytest.approx([0.25, -0.75])
    assert table.loc["Y", ["better", "worse"]].tolist() == pytest.approx([2 / 3, -1 / 3])


def test_kano_unknown_answer_names_the_row() -> None:
    """An answer off the five-point scale raises naming the row and the scale."""
    survey = _survey()
    survey.loc[3, "dysfunctional"] = "meh"
    with pytest.raises(ScenarioError, match=r"row 3 has 'meh' in 'dysfunctional'.*like, expect"):
        kano(survey)


def test_kano_missing_column_names_it() -> None:
    """A survey without the functional answers raises naming the column."""
    with pytest.raises(ScenarioError, match=r"'functional'"):
        kano(_survey().drop(columns="functional"))


def test_kano_feature_without_usable_answers_is_named() -> None:
    """A feature with only questionable answers has no coefficients and is named."""
    survey = pd.DataFrame([("Z", "like", "like")],
                          columns=["feature", "functional", "dysfunctional"])
    with pytest.raises(ScenarioError, match=r"feature 'Z' has no answer"):
        kano(survey)


# -- scoring rules ------------------------------------------------------------------------

REFERENCE = {"a": "must", "b": "must", "c": "should", "d": "could", "e": "wont"}


def test_bucket_credit_is_the_mean_overlap_per_bucket() -> None:
    """One item in the wrong bucket costs that bucket and the one it landed in, not all."""
    assert bucket_credit(REFERENCE, REFERENCE).fraction == 1.0
    moved = {**REFERENCE, "b": "should"}  # must 1/2, should 1/2, could 1, wont 1
    assert bucket_credit(moved, REFERENCE).fraction == pytest.approx(0.75)
    assert "2 of 4 buckets exactly right" in bucket_credit(moved, REFERENCE).reason


def test_bucket_credit_counts_left_out_items_nowhere() -> None:
    """A partial answer earns its share; an empty one and a non-mapping earn nothing."""
    half = {"a": "must", "c": "should"}  # must 1/2, should 1, could 0, wont 0
    assert bucket_credit(half, REFERENCE).fraction == pytest.approx(0.375)
    assert bucket_credit({}, REFERENCE).fraction == 0.0
    assert bucket_credit("must", REFERENCE).fraction == 0.0


def test_bucket_credit_all_in_one_bucket_is_not_rewarded() -> None:
    """Putting everything in one bucket earns little."""
    assert bucket_credit(dict.fromkeys(REFERENCE, "must"), REFERENCE).fraction == pytest.approx(
        0.1)


def test_named_overlap_counts_only_the_first_names() -> None:
    """Only as many names as the reference holds count; duplicates count once."""
    assert named_overlap(["x", "y", "z"], ["x", "y", "z"]).fraction == 1.0
    assert named_overlap(["x", "q", "y"], ["x", "y", "z"]).fraction == pytest.approx(2 / 3)
    assert named_overlap(["a", "b", "c", "x", "y", "z"], ["x", "y", "z"]).fraction == 0.0
    assert named_overlap(["x", "x", "y"], ["x", "y", "z"]).fraction == pytest.approx(2 / 3)
    assert named_overlap("xyz", ["x", "y", "z"]).fraction == 0.0


# -- module 02 references and data ----------------------------------------------------------


def test_module_02_references_are_well_posed() -> None:
    """The lab's movers are unambiguous, the sprint's musts fit 60% and the cut fits."""
    assert len(set(m02.movers())) == 3  # raises on a tie at the edge
    reference = m02.moscow_reference()
    plan = moscow(reference, load("m02_sprint")["effort"], figure("m02_sprint_days"))
    assert plan.fits and set(reference.values()) == set(MOSCOW)
    size = load("m02_wsjf_backlog")["job_size"]
    assert size[list(m02.wsjf_funded())].sum() <= figure("m02_wsjf_capacity")
    assert len(set(m02.framework_scores()["wsjf"])) == len(m02.framework_scores())


def test_kano_survey_is_rebuilt_bit_for_bit() -> None:
    """The seeded survey generator reproduces the committed CSV exactly."""
    rebuilt = kano_survey().to_csv(index=False, lineterminator="\n")
    assert rebuilt == (data_dir() / "m02_kano_survey.csv").read_text()
    categories = kano(kano_survey())["category"]
    assert set(categories) == {"must-be", "performance", "attractive", "indifferent", "reverse"}
