"""KPI models against hand-computed small cases, and every bad input they must refuse."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from course.models import ScenarioError
from course.models.kpi import (
    arpu,
    cac,
    churn_rate,
    funnel,
    ltv,
    ltv_cac,
    monthly_churn,
    nps,
    nps_by,
    payback_months,
    retention_table,
    revenue_growth,
    scorecard,
    worst_step,
)

AS_OF = "2026-06-30"


# -- funnel and worst step ----------------------------------------------------------------


def test_worst_step_is_the_lowest_step_conversion() -> None:
    """10 sign up, 8 activate (80%), 2 act (25%), 1 upgrades (50%): the core action is worst."""
    rows = [(u, "signup") for u in range(10)] + [(u, "activation") for u in range(8)]
    rows += [(0, "core_action"), (1, "core_action"), (0, "upgrade")]
    table = funnel(pd.DataFrame(rows, columns=["user_id", "step"]))
    assert table["step_conversion"].tolist() == pytest.approx([1.0, 0.8, 0.25, 0.5])
    assert worst_step(table) == "core_action"


def test_worst_step_ignores_the_first_row() -> None:
    """The first step's conversion (always 1) never counts as a drop-off."""
    table = pd.DataFrame({"step_conversion": [1.0, 0.9, 0.95]}, index=["a", "b", "c"])
    assert worst_step(table) == "b"


@pytest.mark.parametrize("table, message", [
    (pd.DataFrame({"users": [3, 2]}), "missing the column"),
    (pd.DataFrame({"step_conversion": [1.0]}), "at least two steps"),
    (pd.DataFrame({"step_conversion": [1.0, 80.0]}, index=["a", "b"]), "outside 0 to 1"),
    (pd.DataFrame({"step_conversion": [1.0, "x"]}, index=["a", "b"]), "not a number"),
    (pd.DataFrame(), "no columns"),
])
def test_worst_step_refuses_bad_tables(table: pd.DataFrame, message: str) -> None:
    """Bad funnel tables raise a ScenarioError that says what is wrong."""
    with pytest.raises(ScenarioError, match=message):
        worst_step(table)


# -- NPS ----------------------------------------------------------------------------------


def test_nps_hand_computed() -> None:
    """4 promoters, 3 passives, 3 detractors of 10: NPS = 40 - 30 = 10."""
    scores = pd.Series([10, 9, 9, 10, 7, 8, 8, 0, 6, 3])
    assert nps(scores) == pytest.approx(10.0)
    assert nps(pd.DataFrame({"score": scores})) == pytest.approx(10.0)


def test_nps_bounds_and_boundaries() -> None:
    """All 9s give +100, all 6s give -100, all 7s and 8s give 0 (the passives)."""
    assert nps(pd.Series([9, 9])) == 100.0
    assert nps(pd.Series([6, 0])) == -100.0
    assert nps(pd.Series([7, 8])) == 0.0


def test_nps_by_group() -> None:
    """NPS per group: a=+100 (two promoters), b=-50 (a detractor and a passive)."""
    survey = pd.DataFrame({"segment": ["a", "a", "b", "b"], "score": [9, 10, 2, 7]})
    result = nps_by(survey, "segment")
    assert result.to_dict() == {"a": 100.0, "b": -50.0}


@pytest.mark.parametrize("scores, message", [
    (pd.Series([9, 11]), "outside 0 to 10"),
    (pd.Series([9, -1]), "outside 0 to 10"),
    (pd.Series([9, 7.5]), "whole numbers"),
    (pd.Series([9, "great"]), "not a number"),
    (pd.Series([9, None]), "not a number"),
    (pd.Series([], dtype=float), "empty"),
    (pd.DataFrame({"rating": [9]}), "missing the column"),
    ([9, 10], "must be a pandas DataFrame"),
])
def test_nps_refuses_bad_answers(scores: object, message: str) -> None:
    """Answers off the 0-10 scale, text, gaps, empty or misnamed input are refused."""
    with pytest.raises(ScenarioError, match=message):
        nps(scores)  # type: ignore[arg-type]


def test_nps_by_needs_the_group_column() -> None:
    """Grouping by a column that is not there names it."""
    with pytest.raises(ScenarioError, match="'segment'"):
        nps_by(pd.DataFrame({"score": [9]}), "segment")


# -- subscriptions: churn, ARPU, retention ------------------------------------------------


def _subs() -> pd.DataFrame:
    """Four subscriptions: A and B start in January, C in February, D in March.

    A cancels 10 Feb, B 20 Mar; C and D stay. Prices 10, 20, 30, 40.
    """
    return pd.DataFrame({
        "start": ["2026-01-05", "2026-01-20", "2026-02-03", "2026-03-01"],
        "cancelled": ["2026-02-10", "2026-03-20", "", None],
        "monthly_price": [10, 20, 30, 40],
    }, index=["A", "B", "C", "D"])


def test_monthly_churn_hand_computed() -> None:
    """Feb: A, B active, A leaves (1/2); Mar: B, C active, B leaves (1/2); Apr: C, D, none."""
    table = monthly_churn(_subs(), as_of="2026-04-30")
    assert list(table.index) == ["2026-02", "2026-03", "2026-04"]
    assert table["subscribers"].tolist() == [2, 2, 2]
    assert table["cancelled"].tolist() == [1, 1, 0]
    assert table["churn"].tolist() == pytest.approx([0.5, 0.5, 0.0])
    assert table["revenue"].tolist() == [30.0, 50.0, 70.0]
    assert table["arpu"].tolist() == pytest.approx([15.0, 25.0, 35.0])


def test_churn_rate_is_pooled_over_the_months() -> None:
    """Feb to Apr: 2 cancellations over 6 subscriber-months = 1/3; March alone: 1/2."""
    assert churn_rate(_subs(), "2026-02", "2026-04", as_of="2026-04-30") == pytest.approx(1 / 3)
    assert churn_rate(_subs(), "2026-03", "2026-03", as_of="2026-04-30") == pytest.approx(0.5)


def test_churn_rate_for_months_without_subscribers() -> None:
    """A window before any subscription started is refused with the range that exists."""
    with pytest.raises(ScenarioError, match="No subscriber was active"):
        churn_rate(_subs(), "2025-01", "2025-03", as_of="2026-04-30")


def test_retention_table_hand_computed() -> None:
    """January cohort: A kept 1 whole month, B 2 months; Feb and Mar cohorts still active."""
    table = retention_table(_subs(), as_of="2026-04-30")
    assert list(table.index) == ["2026-01", "2026-02", "2026-03"]
    assert table.loc["2026-01"].tolist() == pytest.approx([1.0, 1.0, 0.5, 0.0])
    assert table.loc["2026-02", 2] == 1.0 and math.isnan(table.loc["2026-02", 3])
    assert math.isnan(table.loc["2026-03", 2])


def test_retention_table_max_months() -> None:
    """max_months limits the columns."""
    assert list(retention_table(_subs(), as_of="2026-04-30", max_months=1).columns) == [0, 1]


@pytest.mark.parametrize("column, value, message", [
    ("start", "2027-01-01", "after the report date"),
    ("cancelled", "2026-12-01", "after the report date"),
    ("start", "soon", "not a date"),
    ("start", None, "not a date"),
    ("cancelled", "2025-01-01", "before it starts"),
    ("monthly_price", "ten", "not a number"),
    ("monthly_price", -5, "cannot be negative"),
])
def test_subscription_tables_with_bad_rows(column: str, value: object, message: str) -> None:
    """Future dates, unreadable dates, cancellations before starts and bad prices are named."""
    subs = _subs().astype(object)
    subs.loc["B", column] = value
    for call in (monthly_churn, retention_table):
        with pytest.raises(ScenarioError, match=message) as info:
            call(subs, as_of="2026-06-30")
        assert "'B'" in str(info.value)


@pytest.mark.parametrize("drop", ["start", "cancelled", "monthly_price"])
def test_subscription_table_missing_column(drop: str) -> None:
    """A subscription table without a needed column names it."""
    with pytest.raises(ScenarioError, match=f"missing the column '{drop}'"):
        monthly_churn(_subs().drop(columns=drop), as_of=AS_OF)


def test_subscription_table_empty_or_wrong_type() -> None:
    """An empty frame and a non-frame are refused."""
    with pytest.raises(ScenarioError, match="empty"):
        monthly_churn(_subs().iloc[:0], as_of=AS_OF)
    with pytest.raises(ScenarioError, match="must be a pandas DataFrame"):
        monthly_churn([1, 2], as_of=AS_OF)  # type: ignore[arg-type]


def test_bad_report_date() -> None:
    """as_of must be a date."""
    with pytest.raises(ScenarioError, match="as_of must be a date"):
        monthly_churn(_subs(), as_of="whenever")


def test_default_report_date_is_today() -> None:
    """Without as_of, a start date in the future (relative to today) is refused."""
    subs = _subs()
    subs.loc["D", "start"] = (pd.Timestamp.today() + pd.Timedelta(days=400)).strftime("%Y-%m-%d")
    with pytest.raises(ScenarioError, match="after the report date"):
        retention_table(subs)


# -- unit economics -----------------------------------------------------------------------


def test_unit_economics_hand_computed() -> None:
    """ARPU 50, margin 0.8, churn 0.02: LTV 2000; CAC 90000/300 = 300; ratio 6.67; payback 7.5."""
    assert arpu(5000, 100) == 50.0
    value = ltv(50, 0.02, 0.8)
    assert value == pytest.approx(2000.0)
    cost = cac(90_000, 300)
    assert cost == 300.0
    assert ltv_cac(value, cost) == pytest.approx(20 / 3)
    assert payback_months(cost, 50, 0.8) == pytest.approx(7.5)


@pytest.mark.parametrize("call, message", [
    (lambda: arpu(100, 0), "users must be greater than zero"),
    (lambda: arpu("lots", 10), "revenue must be a number"),
    (lambda: ltv(50, 0), "churn must be greater than zero"),
    (lambda: ltv(50, 3), "write 3% as 0.03"),
    (lambda: ltv(50, 0.02, 80), "write 70% as 0.7"),
    (lambda: ltv(float("nan"), 0.02), "finite"),
    (lambda: cac(1000, 0), "new_customers must be greater than zero"),
    (lambda: cac(-1, 10), "spend must be zero or more"),
    (lambda: ltv_cac(100, 0), "CAC must be greater than zero"),
    (lambda: payback_months(100, 0), "ARPU must be greater than zero"),
    (lambda: payback_months(100, 10, 1.5), "margin is a share"),
    (lambda: arpu(True, 2), "must be a number"),
])
def test_unit_economics_refuse_bad_numbers(call: object, message: str) -> None:
    """Zero divisors, percentages given as whole numbers, text and NaN are refused."""
    with pytest.raises(ScenarioError, match=message):
        call()  # type: ignore[operator]


def test_revenue_growth_hand_computed() -> None:
    """100 -> 110 -> 99: growth NaN, +10%, -10%."""
    growth = revenue_growth(pd.Series([100, 110, 99], index=["Q1", "Q2", "Q3"]))
    assert math.isnan(growth["Q1"])
    assert growth[["Q2", "Q3"]].tolist() == pytest.approx([0.10, -0.10])


@pytest.mark.parametrize("series, message", [
    (pd.Series([0, 10]), "revenue 0"),
    (pd.Series([10, -1]), "cannot be negative"),
    (pd.Series([10, "x"]), "not a number"),
    (pd.Series([], dtype=float), "empty"),
    ([1, 2], "must be a pandas Series"),
])
def test_revenue_growth_refuses_bad_series(series: object, message: str) -> None:
    """A zero base, negative or text revenue, an empty or non-Series input are refused."""
    with pytest.raises(ScenarioError, match=message):
        revenue_growth(series)  # type: ignore[arg-type]


# -- scorecard ----------------------------------------------------------------------------


def _quarterly() -> pd.DataFrame:
    return pd.DataFrame({
        "quarter": ["2026Q1", "2026Q2", "2026Q1", "2026Q2"],
        "area": ["x", "x", "y", "y"],
        "eligible_accounts": [1000, 1000, 200, 200],
        "active_start": [400, 420, 100, 100],
        "active_accounts": [420, 450, 100, 90],
        "retained_accounts": [340, 378, 90, 80],
        "revenue": [50_000, 54_000, 8_000, 6_000],
        "promoters": [60, 50, 10, 5],
        "passives": [25, 30, 5, 5],
        "detractors": [15, 20, 5, 10],
    })


def test_scorecard_hand_computed() -> None:
    """Area x 2026Q2: adoption 45%, retention 378/420 = 90%, growth 8%, NPS +30."""
    card = scorecard(_quarterly(), by="area")
    row = card.loc[("x", "2026Q2")]
    assert row.tolist() == pytest.approx([0.45, 0.9, 0.08, 30.0])
    assert math.isnan(card.loc[("y", "2026Q1"), "revenue_growth"])
    assert card.loc[("y", "2026Q2"), "revenue_growth"] == pytest.approx(-0.25)


def test_scorecard_of_one_product() -> None:
    """Without groups the index is the quarter."""
    card = scorecard(_quarterly().iloc[:2])
    assert list(card.index) == ["2026Q1", "2026Q2"]
    assert card.loc["2026Q1", "nps"] == pytest.approx(45.0)


@pytest.mark.parametrize("change, message", [
    ({"eligible_accounts": 0}, "adoption is undefined"),
    ({"active_start": 0}, "retention is undefined"),
    ({"active_accounts": 5000}, "more active than eligible"),
    ({"promoters": 0, "passives": 0, "detractors": 0}, "no survey responses"),
    ({"quarter": "spring"}, "quarters like"),
    ({"revenue": "a lot"}, "not a number"),
])
def test_scorecard_refuses_bad_rows(change: dict, message: str) -> None:
    """Zero denominators, impossible counts, bad quarters and text numbers are named."""
    frame = _quarterly().astype(object)
    for column, value in change.items():
        frame.loc[1, column] = value
    with pytest.raises(ScenarioError, match=message):
        scorecard(frame, by="area")


def test_scorecard_needs_groups_when_quarters_repeat() -> None:
    """Two rows of one quarter without by= are refused with the fix."""
    with pytest.raises(ScenarioError, match="pass by="):
        scorecard(_quarterly())


def test_scorecard_missing_column() -> None:
    """A quarterly table without a needed column names it."""
    with pytest.raises(ScenarioError, match="'promoters'"):
        scorecard(_quarterly().drop(columns="promoters"), by="area")
