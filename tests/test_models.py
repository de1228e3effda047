"""Scenario models: RICE, ranking checks, cut line (prioritization) and funnel (kpi)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from course.models import ScenarioError
from course.models._checks import require_columns, require_frame, require_numeric
from course.models.kpi import FUNNEL_STEPS, funnel
from course.models.prioritization import CutLine, check_order, cut_line, rice


def _backlog() -> pd.DataFrame:
    """Return a three-item backlog whose RICE scores are easy to work out by hand."""
    return pd.DataFrame(
        {
            "title": ["Alpha", "Beta", "Gamma"],
            "reach": [1000, 600, 50],
            "impact": [2, 0.5, 3],
            "confidence": [0.8, 1.0, 0.5],
            "effort": [4, 0.5, 1],
        },
        index=pd.Index(["A", "B", "C"], name="id"),
    )


# -- RICE ---------------------------------------------------------------------------------


def test_rice_on_hand_computed_backlog() -> None:
    """RICE is reach x impact x confidence / effort, row by row, indexed like the backlog."""
    scores = rice(_backlog())
    # A: 1000*2*0.8/4 = 400; B: 600*0.5*1.0/0.5 = 600; C: 50*3*0.5/1 = 75
    assert scores.name == "rice"
    assert list(scores.index) == ["A", "B", "C"]
    assert scores.to_dict() == pytest.approx({"A": 400.0, "B": 600.0, "C": 75.0})


def test_rice_accepts_numeric_text_and_leaves_input_alone() -> None:
    """Numbers stored as text are read as numbers, and the backlog is not modified."""
    backlog = _backlog().astype({"reach": str})
    copy = backlog.copy()
    assert rice(backlog)["B"] == pytest.approx(600.0)
    pd.testing.assert_frame_equal(backlog, copy)


def test_rice_missing_column_names_it_and_the_fix() -> None:
    """A backlog without 'confidence' raises a ScenarioError naming the column."""
    with pytest.raises(ScenarioError, match=r"missing the column 'confidence'.*rename"):
        rice(_backlog().drop(columns="confidence"))


def test_rice_non_numeric_value_names_the_row() -> None:
    """A word in 'reach' raises naming the row, the value and asking for a number."""
    backlog = _backlog().astype({"reach": object})
    backlog.loc["B", "reach"] = "lots"
    with pytest.raises(ScenarioError) as info:
        rice(backlog)
    message = str(info.value)
    assert "'B'" in message and "'lots'" in message and "'reach'" in message
    assert "Put a number there" in message


def test_rice_missing_value_names_the_row() -> None:
    """An empty cell in 'effort' raises naming that row."""
    backlog = _backlog()
    backlog.loc["C", "effort"] = np.nan
    with pytest.raises(ScenarioError, match=r"row 'C'.*not a number"):
        rice(backlog)


@pytest.mark.parametrize("effort", [0, -2], ids=["zero", "negative"])
def test_rice_effort_must_be_positive(effort: float) -> None:
    """Effort of zero or below raises naming the row and asking for a positive estimate."""
    backlog = _backlog()
    backlog.loc["A", "effort"] = effort
    with pytest.raises(ScenarioError) as info:
        rice(backlog)
    message = str(info.value)
    assert "row 'A'" in message and f"effort = {effort:g}" in message
    assert "greater than zero" in message and "positive estimate" in message


def test_rice_impact_off_the_scale() -> None:
    """An impact of 5 raises naming the row and listing the allowed scale."""
    backlog = _backlog()
    backlog.loc["C", "impact"] = 5
    with pytest.raises(ScenarioError) as info:
        rice(backlog)
    message = str(info.value)
    assert "row 'C'" in message and "impact = 5" in message
    for allowed in ("0.25", "0.5", "1", "2", "3"):
        assert allowed in message


def test_rice_confidence_as_percentage() -> None:
    """Confidence given as 80 instead of 0.8 raises naming the row and the 0.8 value to use."""
    backlog = _backlog()
    backlog.loc["A", "confidence"] = 80
    with pytest.raises(ScenarioError) as info:
        rice(backlog)
    message = str(info.value)
    assert "row 'A'" in message and "confidence = 80" in message
    assert "0.8" in message and "0.5" in message


def test_rice_negative_reach_is_rejected() -> None:
    """A negative reach raises naming the row."""
    backlog = _backlog()
    backlog.loc["B", "reach"] = -10
    with pytest.raises(ScenarioError, match=r"row 'B'.*reach = -10"):
        rice(backlog)


@pytest.mark.parametrize("bad", [None, [1, 2], {"reach": [1]}, pd.Series([1.0])],
                         ids=["none", "list", "dict", "series"])
def test_rice_not_a_dataframe(bad: object) -> None:
    """Anything but a DataFrame raises a ScenarioError that says how to build one."""
    with pytest.raises(ScenarioError, match=r"must be a pandas DataFrame, got .*pd\.DataFrame"):
        rice(bad)


def test_rice_empty_frame() -> None:
    """An empty backlog raises saying it needs at least one row."""
    with pytest.raises(ScenarioError, match="empty; it needs at least one row"):
        rice(_backlog().iloc[0:0])


def test_scenario_error_is_a_value_error() -> None:
    """ScenarioError is a ValueError, so generic handlers catch it."""
    assert issubclass(ScenarioError, ValueError)


def test_require_helpers_directly() -> None:
    """The shared checks return their input on success and name 'what' on failure."""
    frame = pd.DataFrame({"x": ["1", "2.5"]}, index=["r1", "r2"])
    assert require_frame(frame, "Thing") is frame
    require_columns(frame, ["x"], "Thing")
    assert require_numeric(frame, "x", "Thing").tolist() == [1.0, 2.5]
    with pytest.raises(ScenarioError, match=r"^Thing: row 'r1' has x = 1, outside 2 to 3"):
        require_numeric(frame, "x", "Thing", between=(2, 3))
    with pytest.raises(ScenarioError, match=r"'y', 'z'"):
        require_columns(frame, ["x", "y", "z"], "Thing")


# -- check_order --------------------------------------------------------------------------

ITEMS = ["A", "B", "C"]


def test_check_order_accepts_a_permutation() -> None:
    """A list or tuple ranking every item once comes back as a list of text ids."""
    assert check_order(["C", "A", "B"], ITEMS) == ["C", "A", "B"]
    assert check_order(("B", "C", "A"), ITEMS) == ["B", "C", "A"]


def test_check_order_unknown_id() -> None:
    """An id not in the backlog is named in the error."""
    with pytest.raises(ScenarioError, match=r"not in the backlog: 'Z'"):
        check_order(["A", "B", "C", "Z"], ITEMS)


def test_check_order_duplicate() -> None:
    """An id listed twice is named once in the error, with the rule."""
    with pytest.raises(ScenarioError, match=r"lists 'A' more than once; each item goes in exactly"):
        check_order(["A", "B", "A", "C"], ITEMS)


def test_check_order_missing_item() -> None:
    """A ranking that leaves an item out names the missing item."""
    with pytest.raises(ScenarioError, match=r"leaves out 'B'; rank every item"):
        check_order(["C", "A"], ITEMS)


@pytest.mark.parametrize("bad", ["ABC", b"ABC", {"A": 1}, 3, None], ids=repr)
def test_check_order_not_a_list(bad: object) -> None:
    """A string (or anything not a sequence) raises saying a list of ids is needed."""
    with pytest.raises(ScenarioError, match=r"must be a list of item ids"):
        check_order(bad, ITEMS)


# -- cut_line -----------------------------------------------------------------------------

EFFORT = pd.Series([4.0, 0.5, 1.0], index=["A", "B", "C"], name="effort")


def test_cut_line_fits() -> None:
    """Funding the top two of B, C, A uses 1.5 and fits a capacity of 1.5 exactly."""
    line = cut_line(["B", "C", "A"], EFFORT, 1.5, 2)
    assert isinstance(line, CutLine)
    assert line.funded == ("B", "C")
    assert line.used == pytest.approx(1.5)
    assert line.capacity == 1.5
    assert line.fits


def test_cut_line_does_not_fit() -> None:
    """Funding A first needs 4, which does not fit a capacity of 3."""
    line = cut_line(["A", "B", "C"], EFFORT, 3, 1)
    assert line.funded == ("A",)
    assert line.used == pytest.approx(4.0)
    assert not line.fits


def test_cut_line_zero_and_all() -> None:
    """A cut of 0 funds nothing; a cut of len(order) funds everything."""
    assert cut_line(["A", "B", "C"], EFFORT, 0, 0) == CutLine((), 0.0, 0.0)
    everything = cut_line(["A", "B", "C"], EFFORT, 10, 3)
    assert everything.used == pytest.approx(5.5) and everything.fits


def test_cut_line_checks_the_order() -> None:
    """An order that is not a permutation of the effort index raises a ScenarioError."""
    with pytest.raises(ScenarioError, match="leaves out"):
        cut_line(["A", "B"], EFFORT, 10, 1)


@pytest.mark.parametrize("cut", [True, False, -1, 4, 1.0, "1", None], ids=repr)
def test_cut_line_bad_cut_values(cut: object) -> None:
    """A cut that is not a whole number from 0 to len(order) raises naming the range."""
    with pytest.raises(ScenarioError, match=r"whole number from 0 to 3, got"):
        cut_line(["A", "B", "C"], EFFORT, 10, cut)


def test_cut_line_accepts_numpy_integer() -> None:
    """A numpy integer cut within range is accepted like a Python int."""
    line = cut_line(["B", "C", "A"], EFFORT, 10, np.int64(2))
    assert line.funded == ("B", "C")


# -- funnel -------------------------------------------------------------------------------


def _events() -> pd.DataFrame:
    """Return a tiny event log: 4 sign up, 2 activate, 1 acts, 1 upgrades; with repeats."""
    rows = [
        (1, "signup"), (2, "signup"), (3, "signup"), (4, "signup"),
        (1, "signup"),  # a repeated event: user 1 still counts once
        (1, "activation"), (2, "activation"), (2, "activation"),
        (1, "core_action"), (1, "core_action"), (1, "core_action"),
        (1, "upgrade"),
    ]
    return pd.DataFrame(rows, columns=["user_id", "step"])


def test_funnel_counts_each_user_once_per_step() -> None:
    """Users reaching each step are counted once, however many events they have."""
    table = funnel(_events())
    assert list(table.index) == list(FUNNEL_STEPS)
    assert table.index.name == "step"
    assert table["users"].tolist() == [4, 2, 1, 1]


def test_funnel_step_and_overall_conversion() -> None:
    """Step conversion divides by the previous step, overall by the first; the first is 1."""
    table = funnel(_events())
    assert table["step_conversion"].tolist() == pytest.approx([1.0, 2 / 4, 1 / 2, 1 / 1])
    assert table["overall_conversion"].tolist() == pytest.approx([1.0, 2 / 4, 1 / 4, 1 / 4])


def test_funnel_custom_steps_and_extra_columns() -> None:
    """Custom steps work in the order given, and extra columns are ignored."""
    events = pd.DataFrame(
        {"user_id": [1, 2, 3, 1, 2, 1], "step": ["a", "a", "a", "b", "b", "c"],
         "platform": ["web"] * 6}
    )
    table = funnel(events, steps=("a", "b", "c"))
    assert table["users"].tolist() == [3, 2, 1]
    assert table["step_conversion"].tolist() == pytest.approx([1.0, 2 / 3, 1 / 2])


def test_funnel_step_nobody_reached_is_zero() -> None:
    """A step nobody reached shows zero users and zero conversion."""
    events = pd.DataFrame({"user_id": [1, 2, 1], "step": ["signup", "signup", "activation"]})
    table = funnel(events)
    assert table.loc["core_action", "users"] == 0
    assert table.loc["activation", "step_conversion"] == pytest.approx(0.5)
    assert table.loc["core_action", "step_conversion"] == 0.0
    assert table.loc["upgrade", "overall_conversion"] == 0.0


def test_funnel_step_after_an_empty_step_is_not_full_conversion() -> None:
    """After a step with no users, the next step's conversion is not reported as 100%."""
    events = pd.DataFrame({"user_id": [1, 2, 1], "step": ["signup", "signup", "activation"]})
    table = funnel(events)
    value = table.loc["upgrade", "step_conversion"]
    assert value == 0.0 or math.isnan(value)


@pytest.mark.parametrize("drop", ["user_id", "step"])
def test_funnel_missing_columns(drop: str) -> None:
    """An event log without user_id or step raises naming the missing column."""
    with pytest.raises(ScenarioError, match=rf"The event log is missing the column '{drop}'"):
        funnel(_events().drop(columns=drop))


def test_funnel_unknown_step() -> None:
    """A step not in the funnel is named, with the fix."""
    events = pd.concat([_events(), pd.DataFrame({"user_id": [9], "step": ["churn"]})])
    with pytest.raises(ScenarioError, match=r"a step 'churn' that is not in") as info:
        funnel(events)
    assert "filter it out or add it to the steps" in str(info.value)


def test_funnel_nobody_at_first_step() -> None:
    """A log where nobody reached the first step raises naming that step."""
    events = _events()
    events = events[events["step"] != "signup"]
    with pytest.raises(ScenarioError, match=r"No user reached the first step 'signup'"):
        funnel(events)


@pytest.mark.parametrize("steps", [(), ("signup",)], ids=["none", "one"])
def test_funnel_needs_two_steps(steps: tuple[str, ...]) -> None:
    """Fewer than two steps raises a ScenarioError."""
    events = pd.DataFrame({"user_id": [1], "step": ["signup"]})
    with pytest.raises(ScenarioError, match="at least two steps"):
        funnel(events, steps=steps)


def test_funnel_empty_frame() -> None:
    """An empty event log raises saying it needs a row."""
    with pytest.raises(ScenarioError, match="The event log is empty"):
        funnel(_events().iloc[0:0])


def test_funnel_not_a_dataframe() -> None:
    """A list of events instead of a DataFrame raises a ScenarioError."""
    with pytest.raises(ScenarioError, match="must be a pandas DataFrame"):
        funnel([(1, "signup")])
