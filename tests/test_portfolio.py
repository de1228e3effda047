"""Portfolio finance: NPV, payback, ROI, the growth-share matrix and weighted scores."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from course.models import ScenarioError
from course.models.portfolio import (
    QUADRANTS,
    growth_share,
    growth_share_table,
    npv,
    payback_period,
    project_table,
    roi,
    weighted_scores,
)


def test_npv_of_the_lesson_example() -> None:
    """-100, 30, 50, 60 at 10% is worth about 13.7 today."""
    expected = -100 + 30 / 1.1 + 50 / 1.21 + 60 / 1.331
    assert npv([-100, 30, 50, 60], 0.10) == pytest.approx(expected)
    assert npv([-100, 30, 50, 60], 0.10) == pytest.approx(13.67, abs=0.01)


def test_npv_at_zero_rate_is_the_sum() -> None:
    """With no discounting the NPV is the plain sum of the flows."""
    assert npv([-10, 4, 4, 4], 0.0) == pytest.approx(2.0)


@pytest.mark.parametrize("rate, message", [(10, "fraction"), (-1.5, "above -1"),
                                           ("ten", "finite number")])
def test_npv_bad_rate(rate: object, message: str) -> None:
    """A percentage, an impossible rate or text is refused with the fix."""
    with pytest.raises(ScenarioError, match=message):
        npv([-1, 2], rate)


@pytest.mark.parametrize("flows, message", [([-1], "at least one later year"),
                                            ("-1,2", "list of yearly amounts"),
                                            ([-1, math.nan], "year 1")])
def test_bad_cash_flows(flows: object, message: str) -> None:
    """Too few flows, text instead of a list, or a missing number are refused."""
    with pytest.raises(ScenarioError, match=message):
        npv(flows, 0.1)


def test_payback_interpolates_within_the_year() -> None:
    """20 left after year 2, 60 in year 3: payback 2 + 20/60 years."""
    assert payback_period([-100, 30, 50, 60]) == pytest.approx(2 + 20 / 60)
    assert payback_period([-100, 100]) == pytest.approx(1.0)
    assert payback_period([0, 5]) == 0.0


def test_payback_never_is_infinite() -> None:
    """A project that never recovers its cost has an infinite payback period."""
    assert payback_period([-100, 10, 10]) == math.inf


def test_roi() -> None:
    """ROI is (gain - cost) / cost; a cost of zero is refused."""
    assert roi(140, 100) == pytest.approx(0.4)
    with pytest.raises(ScenarioError, match="above zero"):
        roi(10, 0)


def test_project_table() -> None:
    """Each project gets its NPV, payback and ROI from the investment and cf_ columns."""
    projects = pd.DataFrame({"investment": [100.0, 50.0], "cf_1": [30.0, 60.0],
                             "cf_2": [50.0, 0.0], "cf_3": [60.0, 0.0]},
                            index=pd.Index(["P1", "P2"], name="id"))
    table = project_table(projects, 0.10)
    assert table.loc["P1", "npv"] == pytest.approx(npv([-100, 30, 50, 60], 0.1))
    assert table.loc["P2", "payback"] == pytest.approx(50 / 60)
    assert table.loc["P1", "roi"] == pytest.approx(0.4)
    with pytest.raises(ScenarioError, match="cf_1"):
        project_table(projects.drop(columns=["cf_1", "cf_2", "cf_3"]), 0.1)
    with pytest.raises(ScenarioError, match="greater than zero"):
        project_table(projects.assign(investment=[0.0, 1.0]), 0.1)


@pytest.mark.parametrize("growth, share, quadrant", [
    (0.18, 1.4, "star"), (0.04, 2.1, "cash_cow"), (0.22, 0.5, "question_mark"),
    (-0.03, 0.6, "dog"), (0.10, 1.0, "star"), (0.0999, 0.999, "dog"),
])
def test_growth_share_quadrants(growth: float, share: float, quadrant: str) -> None:
    """Each quadrant, and the cut-offs themselves count as high."""
    assert growth_share(growth, share) == quadrant
    assert quadrant in QUADRANTS


def test_growth_share_bad_inputs() -> None:
    """Growth given in percent and a negative share are refused."""
    with pytest.raises(ScenarioError, match="fraction"):
        growth_share(12, 1.0)
    with pytest.raises(ScenarioError, match="negative"):
        growth_share(0.1, -1)


def test_growth_share_table() -> None:
    """The table version classifies each row and names a missing column."""
    lines = pd.DataFrame({"market_growth": [0.2, 0.01], "relative_share": [0.3, 1.5]},
                         index=["L1", "L2"])
    assert growth_share_table(lines).to_dict() == {"L1": "question_mark", "L2": "cash_cow"}
    with pytest.raises(ScenarioError, match="relative_share"):
        growth_share_table(lines.drop(columns="relative_share"))


def test_weighted_scores() -> None:
    """Scores are the weighted sums; the weights must cover columns, be >= 0 and add to 1."""
    table = pd.DataFrame({"fit": [4, 3], "cost": [2, 5]}, index=["A", "B"])
    scores = weighted_scores(table, {"fit": 0.7, "cost": 0.3})
    assert scores.to_dict() == pytest.approx({"A": 3.4, "B": 3.6})
    with pytest.raises(ScenarioError, match="add up to 0.9"):
        weighted_scores(table, {"fit": 0.6, "cost": 0.3})
    with pytest.raises(ScenarioError, match="negative"):
        weighted_scores(table, {"fit": 1.2, "cost": -0.2})
    with pytest.raises(ScenarioError, match="'speed'"):
        weighted_scores(table, {"fit": 0.5, "speed": 0.5})
    with pytest.raises(ScenarioError, match="dictionary"):
        weighted_scores(table, [0.5, 0.5])
