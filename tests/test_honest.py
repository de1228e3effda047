"""Honest answers in other forms earn full marks, and the self-check agrees; wrong ones don't.

Each case below was found by answering the lessons' value exercises the way a learner
might: a dict for a Series, an id in another case, a pandas Index for a list, a table
transposed or with its ids in a column, a number rounded to the precision the tolerance
allows. The honest variant must earn every point (and the self-check must say ✓); a wrong
answer of the same form must not (and where the lesson states the units, the self-check
says ✗).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
import pytest

from autograder.scoring.catalog import get, m02, m03, m03_kpi, m04, m05, m06, m08
from autograder.scoring.grade import grade
from course import feedback
from course.data import load
from course.models.prioritization import rice, wsjf
from course.variants import Variant, active


def full(key: str, value: Any) -> bool:
    """Whether ``value`` earns every point of exercise ``key``."""
    return grade(key, value) == get(key).points


def says_ok(capsys: pytest.CaptureFixture[str], check: Callable[..., bool], *args: Any,
            **kwargs: Any) -> bool:
    """Run a self-check; return True when it printed only ✓ lines (and nothing on stderr)."""
    capsys.readouterr()
    result = check(*args, **kwargs)
    out, err = capsys.readouterr()
    assert err == ""
    assert result == ("✗" not in out), out
    return result


# -- module 01 ------------------------------------------------------------------------------

STEPS = ["signup", "activation", "core_action", "upgrade"]


def _funnel_table() -> pd.DataFrame:
    users = load("m01_funnel_events").groupby("step")["user_id"].nunique().reindex(STEPS)
    return pd.DataFrame({"users": users, "step_conversion": users / users.shift(1)})


@pytest.mark.parametrize("form", ["first step left missing", "steps in a column",
                                  "no row for the first step"])
def test_funnel_rates_other_forms(capsys: pytest.CaptureFixture[str], form: str) -> None:
    """A funnel table with the first rate missing or the steps in a column earns full marks."""
    table = _funnel_table()
    value = {"first step left missing": table, "steps in a column":
             table.rename_axis("step").reset_index(),
             "no row for the first step": table.iloc[1:]}[form]
    assert full("01-product-manager/funnel-rates", value)
    assert says_ok(capsys, feedback.check_rate_table, value, STEPS, "step_conversion")


def test_funnel_rates_in_percent_stay_wrong(capsys: pytest.CaptureFixture[str]) -> None:
    """Rates written as percentages earn nothing and the self-check says so."""
    table = _funnel_table()
    table["step_conversion"] *= 100
    assert grade("01-product-manager/funnel-rates", table) == 0
    assert not says_ok(capsys, feedback.check_rate_table, table, STEPS, "step_conversion")


def test_rice_scores_as_a_dict(capsys: pytest.CaptureFixture[str]) -> None:
    """RICE scores given as a dict earn full marks and pass the self-check."""
    scores = rice(load("m01_backlog")).to_dict()
    assert full("01-product-manager/rice-scores", scores)
    assert says_ok(capsys, feedback.check_scores, scores, list(scores))
    wrong = {k: v * 2 for k, v in scores.items()}
    assert grade("01-product-manager/rice-scores", wrong) == 0


# -- module 02 ------------------------------------------------------------------------------


def test_wsjf_rounded_to_one_decimal() -> None:
    """WSJF scores rounded to one decimal earn full marks; cost of delay alone does not."""
    shared = load("m02_wsjf_backlog")
    assert full("02-senior-group-pm/wsjf-scores", wsjf(shared).round(1))
    delay = shared["business_value"] + shared["time_criticality"] + shared["risk_reduction"]
    assert grade("02-senior-group-pm/wsjf-scores", delay) == 0


@pytest.mark.parametrize("form", ["upper-case columns", "ids in a column", "transposed",
                                  "dict of columns", "rounded to one decimal"])
def test_framework_scores_other_forms(capsys: pytest.CaptureFixture[str], form: str) -> None:
    """The three-framework table in another layout earns full marks and passes the check."""
    table = m02.framework_scores()
    value = {"upper-case columns": table.rename(columns=str.upper),
             "ids in a column": table.reset_index(), "transposed": table.T,
             "dict of columns": table.to_dict(), "rounded to one decimal": table.round(1)}[form]
    assert full("02-senior-group-pm/framework-scores", value)
    assert says_ok(capsys, feedback.check_table, value, list(table.index),
                   ["rice", "ice", "wsjf"], name="scores")


def test_framework_scores_wrong_rice_stays_wrong() -> None:
    """RICE without its confidence factor still loses points when the table is transposed."""
    table = m02.framework_scores().copy()
    backlog = load("m02_backlog")
    table["rice"] = backlog["reach"] * backlog["impact"] / backlog["effort"]
    assert grade("02-senior-group-pm/framework-scores", table.T) < 3


@pytest.mark.parametrize("form", ["Index", "ndarray", "Series of swings", "set", "lower case",
                                  "trailing spaces"])
def test_movers_other_collections(capsys: pytest.CaptureFixture[str], form: str) -> None:
    """The three movers as an Index, an array, a Series of swings or in lower case count."""
    movers = list(m02.movers())
    value = {"Index": pd.Index(movers), "ndarray": np.array(movers),
             "Series of swings": pd.Series([9.0, 8.0, 7.0], index=movers), "set": set(movers),
             "lower case": [m.lower() for m in movers],
             "trailing spaces": [f"{m} " for m in movers]}[form]
    assert full("02-senior-group-pm/framework-movers", value)
    assert says_ok(capsys, feedback.check_names, value, list(load("m02_backlog").index), 3)


def test_movers_wrong_ids_stay_wrong() -> None:
    """An Index of the three items that move least earns nothing."""
    others = [i for i in load("m02_backlog").index if i not in m02.movers()][:3]
    assert grade("02-senior-group-pm/framework-movers", pd.Index(others)) == 0


def _on_rounding_edge(table: pd.DataFrame) -> bool:
    """Whether a cell of ``table`` lies halfway between two hundredths (like 0.125)."""
    halves = table.to_numpy(dtype=float) * 200
    return bool(((abs(halves - halves.round()) < 1e-9) & (halves.round() % 2 == 1)).any())


def _kano_on_the_edge() -> Variant:
    """The first of a few learners whose survey gives a coefficient on the rounding edge."""
    for number in range(100):
        variant = Variant(f"edge-{number}")
        with active(variant):
            if _on_rounding_edge(m02.kano_table()[["better", "worse"]]):
                return variant
    raise AssertionError("no survey of 100 learners has a coefficient on the rounding edge")


def test_kano_coefficients_rounded_to_two_decimals(capsys: pytest.CaptureFixture[str]) -> None:
    """Coefficients rounded to two decimals (0.125 to 0.12) and indexed in a column count."""
    with active(_kano_on_the_edge()):
        table = m02.kano_table()[["better", "worse"]]
        rounded = table.round(2).reset_index()
        assert _on_rounding_edge(table), "the data holds a value on the rounding edge"
        assert full("02-senior-group-pm/kano-coefficients", rounded)
        between = {"better": (0, 1), "worse": (-1, 0)}
        assert says_ok(capsys, feedback.check_table, rounded, list(table.index),
                       ["better", "worse"], between=between)
        flipped = table.assign(worse=-table["worse"])
        assert grade("02-senior-group-pm/kano-coefficients", flipped) < 2
        assert not says_ok(capsys, feedback.check_table, flipped, list(table.index),
                           ["better", "worse"], between=between)


# -- module 03 ------------------------------------------------------------------------------


def test_bonus_share_as_a_one_element_series(capsys: pytest.CaptureFixture[str]) -> None:
    """A bonus share left as a one-element Series (a filtered row) earns full marks."""
    pay = load("m03_compensation")
    share = pay.loc[["us-bonus"], "usd"].astype(float) / float(pay.loc["us-total", "usd"])
    assert full("03-director/bonus-share", share)
    assert says_ok(capsys, feedback.check_numbers, {"bonus_share": share}, ["bonus_share"],
                   between=(0, 1))
    assert grade("03-director/bonus-share", share * 100) == 0
    assert not says_ok(capsys, feedback.check_numbers, {"bonus_share": share * 100},
                       ["bonus_share"], between=(0, 1))


@pytest.mark.parametrize("form", ["dict", "upper-case ids", "one-column table", "place names"])
def test_city_premium_other_forms(capsys: pytest.CaptureFixture[str], form: str) -> None:
    """City premiums as a dict, a one-column table, by place name or upper-case id count."""
    pay = load("m03_compensation")
    premium = pd.Series(m03.city_premium())
    value = {"dict": premium.to_dict(), "upper-case ids": premium.rename(index=str.upper),
             "one-column table": premium.to_frame("usd"),
             "place names": premium.rename(index=pay["place"])}[form]
    assert full("03-director/city-premium", value)
    aliases = dict(zip(pay["place"], pay.index, strict=True))
    assert says_ok(capsys, feedback.check_scores, value, list(m03.CITIES), positive=False,
                   between=(-1, 1), aliases=aliases)


def test_city_premium_in_percent_stays_wrong(capsys: pytest.CaptureFixture[str]) -> None:
    """Premiums written as percentages earn nothing and the self-check flags the unit."""
    premium = pd.Series(m03.city_premium()) * 100
    assert grade("03-director/city-premium", premium) == 0
    assert not says_ok(capsys, feedback.check_scores, premium, list(m03.CITIES),
                       positive=False, between=(-1, 1))


@pytest.mark.parametrize("form", ["products in a column", "transposed", "capitalised columns"])
def test_kpi_scorecard_other_layouts(capsys: pytest.CaptureFixture[str], form: str) -> None:
    """The product KPI table in another layout earns full marks and passes the check."""
    table = m03_kpi.product_kpis()
    value = {"products in a column": table.rename_axis("product").reset_index(),
             "transposed": table.T,
             "capitalised columns": table.rename(columns=str.capitalize)}[form]
    assert full("03-director/kpi-scorecard", value)
    assert says_ok(capsys, feedback.check_table, value, list(m03_kpi.PRODUCTS),
                   ["activation", "upgrade", "churn", "nps"], between={
                       "activation": (0, 1), "upgrade": (0, 1), "churn": (0, 1),
                       "nps": (-100, 100)})
    economics = m03_kpi.economics().rename_axis("product").reset_index()
    assert full("03-director/unit-economics", economics)


def test_kpi_scorecard_in_percent_stays_wrong(capsys: pytest.CaptureFixture[str]) -> None:
    """Shares written as percentages lose points and the self-check says they are out of range."""
    table = m03_kpi.product_kpis().copy()
    table[["activation", "upgrade", "churn"]] *= 100
    assert grade("03-director/kpi-scorecard", table) < 3
    assert not says_ok(capsys, feedback.check_table, table, list(m03_kpi.PRODUCTS),
                       ["activation", "upgrade", "churn", "nps"], between={
                           "activation": (0, 1), "upgrade": (0, 1), "churn": (0, 1),
                           "nps": (-100, 100)})


# -- module 04 ------------------------------------------------------------------------------


def test_payback_rounded_to_one_decimal() -> None:
    """Payback periods rounded to one decimal earn full marks; whole years do not."""
    payback = m04.projects()["payback"]
    assert full("04-senior-leadership/project-payback", payback.round(1))
    assert grade("04-senior-leadership/project-payback", np.floor(payback)) < 1


@pytest.mark.parametrize("form", ["Title Case", "spaces", "hyphens"])
def test_quadrant_spelling(capsys: pytest.CaptureFixture[str], form: str) -> None:
    """Quadrants spelled "Cash Cow", "cash cow" or "cash-cow" count and pass the check."""
    from course.models.portfolio import QUADRANTS

    labels = pd.Series(m04.quadrants())
    value = {"Title Case": labels.str.replace("_", " ").str.title(),
             "spaces": labels.str.replace("_", " ") + " ",
             "hyphens": labels.str.replace("_", "-")}[form]
    assert full("04-senior-leadership/growth-share", value)
    assert says_ok(capsys, feedback.check_labels, value, list(labels.index), QUADRANTS)
    shifted = pd.Series(np.roll(value.to_numpy(), 1), index=value.index)
    assert grade("04-senior-leadership/growth-share", shifted) < 3


def test_portfolio_kpis_as_series(capsys: pytest.CaptureFixture[str]) -> None:
    """The summary as a Series, or with one-element Series values, earns full marks."""
    kpis = m04.portfolio_kpis()
    for value in (pd.Series(kpis), {k: pd.Series([v]) for k, v in kpis.items()}):
        assert full("04-senior-leadership/portfolio-kpis", value)
        assert says_ok(capsys, feedback.check_numbers, value, list(kpis))
    percent = dict(kpis, revenue_growth=kpis["revenue_growth"] * 100)
    assert grade("04-senior-leadership/portfolio-kpis", percent) < 3
    assert not says_ok(capsys, feedback.check_numbers, percent, list(kpis),
                       between={"revenue_growth": (-1, 1)})


# -- module 05 ------------------------------------------------------------------------------

WEIGHTS = {"strategic_fit": 0.35, "customer_reach": 0.2, "technology_synergy": 0.25,
           "cultural_fit": 0.1, "affordability": 0.1}


def test_partner_weights_as_a_series(capsys: pytest.CaptureFixture[str]) -> None:
    """Weights given as a Series and scores as a dict earn full marks and pass the checks."""
    partners = load("m05_partners")
    weights = pd.Series(WEIGHTS)
    scores = (partners[list(weights.index)] @ weights).to_dict()
    assert full("05-cpo/partner-scores", (weights, scores))
    assert says_ok(capsys, feedback.check_weights, weights, list(m05.CRITERIA), cap=0.5,
                   largest="strategic_fit")
    assert says_ok(capsys, feedback.check_scores, scores, list(partners.index))
    assert grade("05-cpo/partner-scores", (weights * 100, scores)) == 0


@pytest.mark.parametrize("form", ["lower case", "trailing space", "one-element list",
                                  "one-element Index", "the candidate's name"])
def test_partner_pick_other_forms(capsys: pytest.CaptureFixture[str], form: str) -> None:
    """The pick as a one-element Index or list, in lower case or by name earns the point."""
    partners = load("m05_partners")
    scores = partners[list(WEIGHTS)] @ pd.Series(WEIGHTS)
    best = str(scores.idxmax())
    value = {"lower case": best.lower(), "trailing space": f"{best} ",
             "one-element list": [best], "one-element Index": scores[scores == scores.max()].index,
             "the candidate's name": partners.loc[best, "name"]}[form]
    assert full("05-cpo/partner-pick", (WEIGHTS, value))
    assert says_ok(capsys, feedback.check_option, value, list(partners.index),
                   aliases=dict(zip(partners["name"], partners.index, strict=True)))
    worst = scores[scores == scores.min()].index
    assert grade("05-cpo/partner-pick", (WEIGHTS, worst)) == 0


# -- module 06 ------------------------------------------------------------------------------

RELATIONSHIPS = ["manager", "peer", "report", "stakeholder"]


@pytest.mark.parametrize("form", ["pivot with a list of values", "competencies in a column",
                                  "transposed"])
def test_rater_means_other_layouts(capsys: pytest.CaptureFixture[str], form: str) -> None:
    """A pivot that keeps a "rating" column level, or the table reset or transposed, counts."""
    data = load("m06_feedback_360")
    pivot = data.pivot_table(index="competency", columns="relationship", values=["rating"],
                             aggfunc="mean")
    means = m06.rater_means()
    value = {"pivot with a list of values": pivot, "competencies in a column":
             means.reset_index(), "transposed": means.T}[form]
    assert full("06-distinguished-pm/rater-means", value)
    assert says_ok(capsys, feedback.check_table, value, sorted(set(data["competency"])),
                   RELATIONSHIPS, between=(1, 5))
    medians = data.pivot_table(index="competency", columns="relationship", values="rating",
                               aggfunc="max")
    assert grade("06-distinguished-pm/rater-means", medians) < 2


@pytest.mark.parametrize("form", ["Title Case", "one-element Index", "Series"])
def test_review_other_forms(capsys: pytest.CaptureFixture[str], form: str) -> None:
    """Competencies in another case, as one-element Index (nlargest), or a Series count."""
    review = m06.review()
    value = {"Title Case": {k: v.title() for k, v in review.items()},
             "one-element Index": {k: pd.Index([v]) for k, v in review.items()},
             "Series": pd.Series(review)}[form]
    assert full("06-distinguished-pm/review-reading", value)
    known = set(load("m06_feedback_360")["competency"])
    assert says_ok(capsys, feedback.check_picks, value, list(review), known)
    swapped = dict(review, strongest=review["weakest"], weakest=review["strongest"])
    assert grade("06-distinguished-pm/review-reading", swapped) < 3


def _scorecard_rows() -> list[tuple[str, str]]:
    quarterly = load("m06_quarterly")
    return list(zip(quarterly["area"], quarterly["quarter"], strict=True))


SCORECARD_RANGES = {"adoption": (0, 1), "retention": (0, 1), "revenue_growth": (-1, 1),
                    "nps": (-100, 100)}


@pytest.mark.parametrize("form", ["levels swapped", "area and quarter in columns"])
def test_scorecard_other_layouts(capsys: pytest.CaptureFixture[str], form: str) -> None:
    """The scorecard indexed (quarter, area), or not indexed at all, earns full marks."""
    card = m06.the_scorecard()
    value = {"levels swapped": card.swaplevel().sort_index(),
             "area and quarter in columns": card.reset_index()}[form]
    assert full("06-distinguished-pm/scorecard", value)
    assert says_ok(capsys, feedback.check_table, value, _scorecard_rows(),
                   list(SCORECARD_RANGES), between=SCORECARD_RANGES, gaps=["revenue_growth"])


def test_scorecard_in_percent_stays_wrong(capsys: pytest.CaptureFixture[str]) -> None:
    """Shares written as percentages lose points, and the self-check now says so."""
    card = m06.the_scorecard().copy()
    card[["adoption", "retention"]] *= 100
    assert grade("06-distinguished-pm/scorecard", card) < 3
    assert not says_ok(capsys, feedback.check_table, card, _scorecard_rows(),
                       list(SCORECARD_RANGES), between=SCORECARD_RANGES,
                       gaps=["revenue_growth"])


def test_bet_values_as_a_one_column_table(capsys: pytest.CaptureFixture[str]) -> None:
    """Expected values left in a one-column DataFrame earn full marks; gross EVs do not."""
    values = pd.Series(m06.expected_values()).to_frame("ev")
    assert full("06-distinguished-pm/bet-values", values)
    assert says_ok(capsys, feedback.check_scores, values, list(values.index), positive=False)
    gross = values["ev"] + load("m06_bets")["cost"]
    assert grade("06-distinguished-pm/bet-values", gross) == 0


# -- module 08 ------------------------------------------------------------------------------


def test_development_plan_as_a_tuple() -> None:
    """A plan written as a tuple of actions (the self-check accepts it) earns full marks."""
    from course.roles import COMPETENCY_IDS

    ratings, role = dict.fromkeys(COMPETENCY_IDS, 3), "director"
    plan = tuple({"competency": c, "action": "Lead it", "measure": "3 reviews held",
                  "due": "2027-06-30"} for c in m08.own_top_gaps(ratings, role))
    key = "08-career-progression/development-plan"
    assert full(key, {"plan": plan, "ratings": ratings, "role": role})
    undated = tuple(dict(a, due="next year") for a in plan)
    assert grade(key, {"plan": undated, "ratings": ratings, "role": role}) < 3


# -- self-checks never raise --------------------------------------------------------------


@pytest.mark.parametrize("call", [
    lambda: feedback.check_option(np.array(["Q1", "Q2"]), ["Q1", "Q2"]),
    lambda: feedback.check_weights({"a": [1, 2]}, ["a"]),
    lambda: feedback.check_picks({"strongest": ["a", "b"]}, ["strongest"], {"a"}),
    lambda: feedback.check_table({"x": 1}, ["a"], ["x"]),
    lambda: feedback.check_names(object(), ["a"], 1),
], ids=["array option", "list weight", "list pick", "dict of numbers", "object"])
def test_self_checks_never_raise(capsys: pytest.CaptureFixture[str], call: Any) -> None:
    """An unreadable answer gets a ✗ line from the self-check, never a traceback."""
    assert not call()
    out, err = capsys.readouterr()
    assert "✗" in out and err == ""


def test_rounding_at_the_tolerance_edge_counts() -> None:
    """A value rounded to the precision its tolerance allows is not lost to floating point."""
    from autograder.scoring.rules import numbers_within

    assert numbers_within({"k": 0.12}, {"k": 0.125}, abs_=0.005).fraction == 1.0
    assert numbers_within({"k": 0.119}, {"k": 0.125}, abs_=0.005).fraction == 0.0
    assert not math.isclose(0.12, 0.125, abs_tol=0.005)  # why the slack is needed
