"""The capstone model (module 09) headless: the year carries its state, bad input is explained.

The model is tested on the committed base tables and the base settings (a fixed fixture
whose numbers are worked out by hand below); each learner's own variant of them is tested
in tests/test_variants_m09.py.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import pytest

from course.data import base
from course.models import ScenarioError
from course.models.capstone import (
    CapstoneScenario,
    Decisions,
    QuarterState,
    Settings,
    YearResult,
    simulate,
)

#: the RICE order of m09_backlog.csv worked out by hand (reach x impact x confidence / effort):
#: B1 2400, B6 1000, B4 800, B7 625, B2 450, B5 400, B8 384, B3 250
RICE_ORDER = ["B1", "B6", "B4", "B7", "B2", "B5", "B8", "B3"]
#: efforts 4 + 4 + 3 + 2 + 6 + 5 = 24 person-months: the top six fit exactly
BY_RICE = {"order": RICE_ORDER, "cut": 6}
#: the sync refactor (B3) instead of the rushed single sign-on and mobile capture
WITH_REFACTOR = {"order": ["B1", "B6", "B4", "B7", "B3", "B2", "B5", "B8"], "cut": 5}


def _frames() -> dict[str, pd.DataFrame]:
    return {"backlog": base("m09_backlog"), "initiatives": base("m09_initiatives"),
            "funnel": base("m09_funnel"), "users": base("m09_users")}


@pytest.fixture(scope="module")
def division() -> CapstoneScenario:
    """The capstone division built from the committed base data and the base settings."""
    return CapstoneScenario.from_frames(**_frames(), settings=Settings())


def _step_drop(events: pd.DataFrame, segment: str, step: str) -> float:
    """Return Q1 minus Q2 step conversion of ``step`` for ``segment``, by plain pandas."""
    order = ["signup", "activation", "core_action", "upgrade"]
    previous = order[order.index(step) - 1]
    quarter = pd.to_datetime(events["date"]).dt.quarter
    rates = []
    for q in (1, 2):
        mine = events[(events["segment"] == segment) & (quarter == q)]
        reached = mine.groupby("step")["user_id"].nunique()
        rates.append(reached[step] / reached[previous])
    return rates[0] - rates[1]


def test_an_undecided_year_runs_and_drifts(division: CapstoneScenario) -> None:
    """With no decision the year still runs: debt drifts up 4 a quarter, morale down 1."""
    year = simulate(division)
    table = year.table()
    assert list(table.index) == ["start", "Q1", "Q2", "Q3", "Q4"]
    assert list(table["tech_debt"]) == [38, 42, 46, 50, 54]
    assert list(table["morale"]) == [66, 65, 64, 63, 62]
    assert year.funded == () and year.plans == {}
    assert not table.loc["Q3", "incident"] and table.loc["Q4", "incident"]  # 50 carried in


def test_q1_effects_carry_into_the_following_quarters(division: CapstoneScenario) -> None:
    """What ships in Q1 moves debt and morale at Q1's end, sign-ups and retention from Q2."""
    backlog = base("m09_backlog")
    funded = RICE_ORDER[:6]
    year = simulate(division, {"q1": BY_RICE})
    q1, q2 = year.state("Q1"), year.state("Q2")
    assert year.funded == tuple(funded)
    assert q1.tech_debt == pytest.approx(38 + 4 + backlog.loc[funded, "debt"].sum())  # 57
    assert q1.morale == pytest.approx(66 - 1 + backlog.loc[funded, "morale"].sum())  # 62
    assert q1.signups == 20 and q2.signups == pytest.approx(20 + 3.0)
    assert q2.retention == pytest.approx(0.85 + 0.025)
    assert q2.active_users == pytest.approx(q1.active_users * q2.retention + q2.new_active)
    assert not q1.incident and q2.incident  # 57 carried into Q2 is past the limit of 50


def test_low_morale_costs_engineers(division: CapstoneScenario) -> None:
    """Morale below 60 at a quarter's end costs an engineer for the next quarter."""
    rushed = {"order": ["B2", *[i for i in RICE_ORDER if i != "B2"]], "cut": 1}
    year = simulate(division, {"q1": rushed})
    assert year.state("Q1").morale == 59  # 66 - 1 - 6
    assert year.state("Q1").engineers == 11
    assert division.allocation(3, year.state("Q2").engineers, 50).capacity == 10


def test_q2_data_reflects_the_q1_choice(division: CapstoneScenario) -> None:
    """Q1 sign-ups are the same either way; Q2's fragile step fails only after a debt-heavy Q1."""
    heavy = division.events({"q1": BY_RICE})
    light = division.events({"q1": WITH_REFACTOR})
    first = pd.to_datetime(heavy["date"]).dt.quarter == 1
    pd.testing.assert_frame_equal(
        heavy[first].reset_index(drop=True),
        light[pd.to_datetime(light["date"]).dt.quarter == 1].reset_index(drop=True))
    assert _step_drop(heavy, "mid_market", "core_action") > 0.25
    assert abs(_step_drop(light, "mid_market", "core_action")) < 0.06
    assert _step_drop(light, "enterprise", "upgrade") > 0.15  # the market's change, either way
    assert set(heavy.columns) == {"user_id", "segment", "step", "date"}
    pd.testing.assert_frame_equal(heavy, division.events({"q1": BY_RICE}))  # seeded: same again


def test_allocation_plans_add_arr_and_pay_debt_down(division: CapstoneScenario) -> None:
    """A Q3 plan adds its projected ARR and each engineer on I1 pays 6 points of debt down."""
    before = simulate(division, {"q1": WITH_REFACTOR})
    q3 = division.allocation(3, before.state("Q2").engineers, before.state("Q2").tech_debt)
    assert q3.capacity == 12 and q3.budget == 300
    # debt 29 after Q1 and 33 after Q2: I1's first engineer is worth 110 x 33 / 50
    assert q3["I1"].value == pytest.approx(72.6)
    plan = {"I1": 2, "I2": 2, "I3": 2}
    year = simulate(division, {"q1": WITH_REFACTOR, "q3": plan})
    assert year.state("Q3").arr_added == pytest.approx(q3.evaluate(plan).value)
    assert year.state("Q3").tech_debt == pytest.approx(33 + 4 - 2 * 6)
    assert year.plans == {"q3": {**dict.fromkeys(q3.ids, 0), **plan}}
    q4 = division.allocation(4, year.state("Q3").engineers, year.state("Q3").tech_debt)
    assert q4.capacity == 12 - 2 and q4.budget == 260
    assert q4["I6"].value == 230 and q4["I6"].requires == "I1"


def test_the_year_result_summarises_and_the_plot_is_a_figure(division: CapstoneScenario) -> None:
    """The summary adds up the four quarters; the year chart is a Figure drawn without pyplot."""
    from matplotlib.figure import Figure

    from course.plots import year_chart

    year = simulate(division, {"q1": BY_RICE, "q2": {"segment": "smb", "step": "upgrade"}})
    assert isinstance(year, YearResult) and isinstance(year.states[0], QuarterState)
    assert year.summary()["revenue"] == pytest.approx(year.table()["revenue"].iloc[1:].sum())
    figure = year_chart(year)
    assert isinstance(figure, Figure)
    assert len(figure.axes) == 5  # four panels and the engineers' twin axis
    assert figure._repr_mimebundle_()[0]["image/png"].startswith(b"\x89PNG")


def _broken(table: str, change: Callable[[pd.DataFrame], pd.DataFrame]) -> dict[str, Any]:
    frames = _frames()
    frames[table] = change(frames[table].copy())
    return frames


@pytest.mark.parametrize("frames, message", [
    (_broken("backlog", lambda f: f.drop(columns="debt")), "missing the column"),
    (_broken("backlog", lambda f: f.assign(confidence=80)), "confidence is a fraction"),
    (_broken("initiatives", lambda f: f.assign(scales_with_debt=2)), "not on the scale"),
    (_broken("initiatives", lambda f: f.assign(requires="I9")), "requires 'I9'"),
    (_broken("funnel", lambda f: f.assign(share=0.4)), "add up to 1"),
    (_broken("funnel", lambda f: f[f["step"] != "upgrade"]), "has no rate for"),
    (_broken("funnel", lambda f: f.assign(before=64.0)), "outside 0 to 1"),
    (_broken("users", lambda f: f.assign(signup="2026-12-31")), "first half of 2027"),
    (_broken("users", lambda f: f.assign(segment="startup")), "with no funnel rates"),
    (_broken("users", lambda f: f.drop(columns="u_upgrade")), "missing the column"),
], ids=["backlog-column", "backlog-percent", "scale-flag", "unknown-requirement",
        "shares", "missing-step", "rate-percent", "date", "segment", "draws"])
def test_bad_data_is_refused_with_the_fix(frames: dict[str, Any], message: str) -> None:
    """Each broken table is refused with a message naming the problem."""
    with pytest.raises(ScenarioError, match=message):
        CapstoneScenario.from_frames(**frames)


@pytest.mark.parametrize("decisions, message", [
    (["q1"], "dictionary like"),
    ({"q5": None}, "not a decision of the year"),
    ({"q1": ["B1"]}, "is a ranking like"),
    ({"q1": {"order": RICE_ORDER[:-1], "cut": 1}}, "leaves out 'B3'"),
    ({"q1": {"order": RICE_ORDER, "cut": 7}}, "more than the 24 available"),
    ({"q2": {"segment": "smb"}}, "names a segment and a step"),
    ({"q2": {"segment": "startups", "step": "upgrade"}}, "not a segment"),
    ({"q2": {"segment": "smb", "step": "signup"}}, "not a step with a conversion"),
    ({"q3": {"I2": 20}}, "The Q3 plan does not fit"),
    ({"q3": {"I9": 2}}, "not an initiative"),
    ({"q4": {"I6": 3}}, "depends on Reliability"),
], ids=["not-a-mapping", "unknown-quarter", "ranking-shape", "ranking-incomplete",
        "cut-past-capacity", "diagnosis-shape", "segment", "step", "q3-over", "q3-unknown",
        "q4-dependency"])
def test_bad_decisions_are_refused_with_the_fix(division: CapstoneScenario, decisions: Any,
                                                message: str) -> None:
    """Each bad decision raises a ScenarioError saying what to change."""
    with pytest.raises(ScenarioError, match=message):
        simulate(division, decisions)


def test_other_misuse_is_explained(division: CapstoneScenario) -> None:
    """Wrong objects, settings and quarters get specific messages too."""
    with pytest.raises(ScenarioError, match="needs a CapstoneScenario"):
        simulate(_frames(), {})
    with pytest.raises(ScenarioError, match="share between 0 and 1"):
        Settings(retention=85)
    with pytest.raises(ScenarioError, match="cannot be negative"):
        Settings(engineers=-1)
    with pytest.raises(ScenarioError, match="Only Q3 and Q4"):
        division.allocation(2, 12, 40)
    with pytest.raises(ScenarioError, match="No quarter 'Q5'"):
        simulate(division).state("Q5")
    assert Decisions.of(None) == Decisions()
