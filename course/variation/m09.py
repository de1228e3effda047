"""Module 09's scenarios per learner: the capstone division's year.

- ``m09_backlog``: the same eight items and titles; RICE estimates redrawn around the base
  on the lesson's scales, and what each item does once shipped redrawn in the same
  direction (the rushed single sign-on still adds debt and costs morale, the sync
  refactor still pays debt down). Sound when no two RICE scores are within 2% of each
  other, the rushed sign-on ranks in the top five and the refactor in the bottom two (so
  RICE, which sees neither debt nor morale, funds the one and not the other).
- ``m09_capacity``: Q1 person-months, drawn so the RICE cut line funds the rushed sign-on
  but not the refactor, funds 3 to 6 items, and leaves at least 1 person-month unused by
  the next item (no near-tie at the line).
- ``m09_engineers``, ``m09_shift_loss``, ``m09_budget_q3``, ``m09_budget_q4``: the team on
  1 January (11 to 14), the engineers the market shift takes (2 or 3), the Q3 budget (260
  to 340 $k) and the smaller Q4 budget (20 to 60 $k less).
- ``m09_signups``, ``m09_active_users``, ``m09_morale``, ``m09_debt``: the division on 1
  January (sign-ups a quarter, active users, morale 62-70, tech debt 34-42).
- ``m09_funnel``: segment shares and Q1 conversions redrawn; the market's change is a
  fall of 14 to 20 points in one drawn segment's upgrade step, and the fragile step (one
  drawn segment's activation or core action) falls by 28 to 36 points when debt breaks
  it.
- ``m09_initiatives``: the same seven initiatives, units and dependency; values, decays
  and fixed costs redrawn, keeping the market shift's story (enterprise pricing loses
  value, SMB self-serve and above all the AI assistant gain it). Sound when no engineer on
  one initiative adds exactly what an engineer on another adds (two plans would tie for
  the best); the debt work, whose value follows the learner's debt, gets a decay off the
  others' grid for the same reason.
- ``m09_users``: the same generator as the base table, with a drawn seed and size and the
  variant's segment shares. Sound when, on the Q2 data of either state (the fragile step
  broken or not), one segment and step fell clearly the most (4 points ahead of the next).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from course.models.capstone import SEGMENTS
from course.models.prioritization import IMPACT_SCALE, longest_fit, rice
from course.variation import Draw

__all__ = ["VARIES", "signups"]

MIX = (0.5, 0.3, 0.2)  # the shares of the base m09_funnel.csv
QUARTERS = (("2027-01-01", "2027-03-31"), ("2027-04-01", "2027-06-30"))
STEPS = ("activation", "core_action", "upgrade")
_EFFORTS = np.array([2, 3, 4, 5, 6, 7, 8, 10])
_CONFIDENCE = np.array([0.5, 0.8, 1.0])
_DECAYS = np.array([0.7, 0.75, 0.8, 0.85, 0.9])
_DEBT_DECAYS = np.array([0.78, 0.82, 0.86])
_RUSHED, _REFACTOR = "B2", "B3"
_DEBT_WORK = "I1"
#: the separation the Q2 data must show between the largest fall and the next (points)
MARGIN = 0.04


def _near(rng: Any, grid: np.ndarray, value: float) -> float:
    """A value of ``grid`` at most one step away from ``value``."""
    at = int(np.abs(grid - value).argmin())
    return float(grid[int(np.clip(at + rng.integers(-1, 2), 0, len(grid) - 1))])


def _rice_order(frame: pd.DataFrame) -> list[str]:
    """The backlog ids by RICE score, highest first."""
    return list(rice(frame).sort_values(ascending=False, kind="stable").index.astype(str))


def backlog(draw: Draw) -> pd.DataFrame:
    """The capstone backlog of this variant."""
    impacts = np.array(sorted(IMPACT_SCALE))
    start = draw.base()
    ids = list(start.index.astype(str))
    rushed, refactor = ids.index(_RUSHED), ids.index(_REFACTOR)
    for attempt in draw.attempts():
        rng, size = attempt.rng, len(start)
        reach = np.maximum((start["reach"] * rng.uniform(0.7, 1.4, size)).round(-2), 100)
        impact = np.array([_near(rng, impacts, v) for v in start["impact"]])
        confidence = np.array([_near(rng, _CONFIDENCE, v) for v in start["confidence"]])
        effort = np.array([_near(rng, _EFFORTS, v) for v in start["effort"]])
        score = reach * impact * confidence / effort
        order = np.argsort(-score, kind="stable")
        ranked = np.sort(score)
        if not ((np.diff(ranked) > 0.02 * ranked[1:]).all()
                and list(order).index(rushed) < 5 and list(order).index(refactor) >= size - 2):
            continue
        frame = start.assign(reach=reach.astype(int), impact=impact, confidence=confidence,
                             effort=effort)
        # what shipping does: the same sign, a redrawn size
        frame["signups"] = (start["signups"] * rng.uniform(0.7, 1.3, size)).round(1)
        frame["retention"] = (start["retention"] * rng.uniform(0.6, 1.4, size) * 2).round() / 2
        frame["debt"] = (start["debt"] * rng.uniform(0.75, 1.25, size)).round().astype(int)
        frame["morale"] = (start["morale"] * rng.uniform(0.7, 1.3, size)).round().astype(int)
        return frame
    raise AssertionError("unreachable")  # attempts() raises first


def capacity(draw: Draw) -> int:
    """Q1 person-months: RICE funds the rushed sign-on, not the refactor, with no near-tie."""
    frame = draw.get("m09_backlog")
    order = _rice_order(frame)
    effort = frame["effort"]
    for attempt in draw.attempts():
        months = int(attempt.rng.integers(14, 33))
        funded = longest_fit(order, effort, months)
        used = float(effort[order[:funded]].sum())
        if (order.index(_RUSHED) < funded <= order.index(_REFACTOR) and 3 <= funded <= 6
                and used + float(effort[order[funded]]) - months >= 1):
            return months
    raise AssertionError("unreachable")


def _drawn(low: float, high: float, step: float = 1) -> Callable[[Draw], float | int]:
    """A builder drawing a figure on a grid of ``step`` between ``low`` and ``high``."""
    def build(draw: Draw) -> float | int:
        count = int(round((high - low) / step))
        value = low + step * int(draw.rng.integers(0, count + 1))
        return int(value) if float(step).is_integer() and float(low).is_integer() else value

    build.__doc__ = f"A figure between {low:g} and {high:g}, in steps of {step:g}."
    return build


def budget_q4(draw: Draw) -> int:
    """Q4's non-salary budget ($k): 20 to 60 less than Q3's."""
    return int(draw.get("m09_budget_q3")) - 10 * int(draw.rng.integers(2, 7))


def funnel(draw: Draw) -> pd.DataFrame:
    """The capstone funnel of this variant: shares, Q1 rates, the market's and debt's falls."""
    rng, frame = draw.rng, draw.base()
    smb = float(rng.choice([0.45, 0.5, 0.55]))
    mid = float(rng.choice([0.25, 0.3]))
    shares = {"smb": smb, "mid_market": mid, "enterprise": round(1 - smb - mid, 2)}
    frame["share"] = frame["segment"].map(shares)
    frame["before"] = (frame["before"] + rng.uniform(-0.06, 0.06, len(frame))).round(2)
    frame["after"] = frame["before"]
    frame["incident"] = np.nan
    market = str(rng.choice(SEGMENTS))
    fragile = (str(rng.choice(SEGMENTS)), str(rng.choice(["activation", "core_action"])))
    at = (frame["segment"] == market) & (frame["step"] == "upgrade")
    frame.loc[at, "after"] = (frame.loc[at, "before"] - rng.uniform(0.14, 0.20)).round(2)
    at = (frame["segment"] == fragile[0]) & (frame["step"] == fragile[1])
    frame.loc[at, "incident"] = (frame.loc[at, "before"] - rng.uniform(0.28, 0.36)).round(2)
    return frame


def _unit_values(frame: pd.DataFrame, column: str) -> list[np.ndarray]:
    """What each engineer adds on each initiative, first to last, by the listed values."""
    return [row[column] * row["decay"] ** np.arange(row["max_units"])
            for _, row in frame.iterrows()]


def _distinct_units(frame: pd.DataFrame) -> bool:
    """Whether no engineer on one initiative adds what an engineer on another adds.

    Two such engineers could swap places and leave two plans of the same value; the
    reliability work is left out, as its value follows the debt of the learner's path.
    """
    others = frame.drop(index=_DEBT_WORK)
    for column in ("value", "value_after"):
        units = _unit_values(others, column)
        for i in range(len(units)):
            for j in range(i + 1, len(units)):
                if (np.abs(units[i][:, None] - units[j][None, :]) < 0.05).any():
                    return False
    return True


def initiatives(draw: Draw) -> pd.DataFrame:
    """The initiatives of the second half, with the market shift's story kept."""
    start = draw.base()

    def fives(values: Any) -> np.ndarray:
        return (np.asarray(values, dtype=float) / 5).round() * 5

    shift = {"I1": (1.0, 1.0), "I2": (0.5, 0.7), "I3": (1.2, 1.6), "I4": (0.7, 0.9),
             "I5": (1.0, 1.0), "I7": (0.6, 0.8)}
    for attempt in draw.attempts():
        rng, frame = attempt.rng, start.copy()
        frame["value"] = fives(frame["value"] * rng.uniform(0.8, 1.2, len(frame)))
        after = [fives(frame.loc[i, "value"] * rng.uniform(*shift[i])) if i in shift
                 else fives(rng.uniform(200, 260)) for i in frame.index]
        frame["value_after"] = np.array(after, dtype=float)
        frame.loc["I6", "value"] = fives(rng.uniform(40, 80))
        frame["decay"] = [_near(rng, _DECAYS, d) for d in frame["decay"]]
        # off the others' grid: the debt work's value follows the learner's debt, so only a
        # decay of its own keeps its engineers from adding exactly what another's add
        frame.loc[_DEBT_WORK, "decay"] = float(rng.choice(_DEBT_DECAYS))
        frame["fixed_cost"] = fives(frame["fixed_cost"] * rng.uniform(0.75, 1.25, len(frame)))
        if _distinct_units(frame):
            for column in ("value", "value_after", "fixed_cost"):
                frame[column] = frame[column].astype(int)
            return frame
    raise AssertionError("unreachable")


def signups(seed: int = 20270109, per_quarter: int = 4000,
            mix: tuple[float, ...] = MIX) -> pd.DataFrame:
    """Return one row per sign-up of Q1 and Q2 2027 with its segment and three draws."""
    rng = np.random.default_rng(seed)
    frames = []
    for number, (first, last) in enumerate(QUARTERS):
        days = pd.date_range(first, last, freq="D")
        weights = np.where(days.day_of_week < 5, 1.0, 0.6)
        day = days[rng.choice(len(days), size=per_quarter, p=weights / weights.sum())]
        frames.append(pd.DataFrame({
            "user_id": 900_001 + number * per_quarter + np.arange(per_quarter),
            "segment": rng.choice(SEGMENTS, size=per_quarter, p=mix),
            "signup": day.strftime("%Y-%m-%d"),
            "u_activation": rng.random(per_quarter).round(4),
            "u_core_action": rng.random(per_quarter).round(4),
            "u_upgrade": rng.random(per_quarter).round(4),
        }))
    frame = pd.concat(frames, ignore_index=True)
    return frame.sort_values(["signup", "user_id"], kind="stable").reset_index(drop=True)


def _falls(users: pd.DataFrame, rates: pd.DataFrame, broken: bool) -> pd.Series:
    """Each segment and step's fall in step conversion from Q1 to Q2 sign-ups."""
    quarter = np.where(users["signup"].to_numpy() < QUARTERS[1][0], 1, 2)
    segment = users["segment"].to_numpy()
    draws = users[[f"u_{step}" for step in STEPS]].to_numpy()
    falls = {}
    for name, group in rates.groupby("segment", sort=False):
        table = group.set_index("step").reindex(list(STEPS))
        later = table["after"]
        if broken:
            later = table["incident"].fillna(later)
        conversion = []
        for q, rate in ((1, table["before"]), (2, later)):
            passed = draws[(segment == name) & (quarter == q)] < rate.to_numpy()
            reached = np.cumprod(passed, axis=1).sum(axis=0)
            before = np.concatenate([[len(passed)], reached[:-1]])
            conversion.append(reached / np.maximum(before, 1))
        for step, fall in zip(STEPS, conversion[0] - conversion[1], strict=True):
            falls[str(name), step] = float(fall)
    return pd.Series(falls).sort_values(ascending=False)


def users(draw: Draw) -> pd.DataFrame:
    """The sign-ups of this variant: one clear largest fall whether debt breaks a step or not."""
    rates = draw.get("m09_funnel")
    mix = tuple(float(rates.groupby("segment")["share"].first()[s]) for s in SEGMENTS)
    for attempt in draw.attempts():
        rng = attempt.rng
        frame = signups(int(rng.integers(1, 2**31)), 100 * int(rng.integers(36, 46)), mix)
        fragile = rates.loc[rates["incident"].notna(), ["segment", "step"]].iloc[0]
        market = rates.loc[rates["after"] < rates["before"], ["segment", "step"]].iloc[0]
        sound = True
        for broken, cell in ((False, market), (True, fragile)):
            falls = _falls(frame, rates, broken)
            top = falls.index[0]
            sound &= (top == (cell["segment"], cell["step"])
                      and falls.iloc[0] - falls.iloc[1] >= MARGIN)
        if sound:
            return frame
    raise AssertionError("unreachable")


#: data set or figure -> builder (see the module docstring)
VARIES: dict[str, Callable[[Draw], Any]] = {
    "m09_backlog": backlog,
    "m09_capacity": capacity,
    "m09_engineers": _drawn(11, 14),
    "m09_shift_loss": _drawn(2, 3),
    "m09_budget_q3": _drawn(260, 340, 10),
    "m09_budget_q4": budget_q4,
    "m09_signups": _drawn(16, 24, 0.5),
    "m09_active_users": _drawn(40, 60),
    "m09_morale": _drawn(62, 70),
    "m09_debt": _drawn(34, 42),
    "m09_funnel": funnel,
    "m09_initiatives": initiatives,
    "m09_users": users,
}
