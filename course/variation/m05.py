"""Module 05's scenarios per learner: the partnership candidates and the market shift.

The VP-or-CPO behaviours (``m05_vp_cpo``) are facts of the career guide and stay the same
for everybody.

- ``m05_partners``: the same five candidates and offers; each 1-5 score moved by one point
  up or down with a chance of one in four each way (kept within 1-5). Sound, at the
  board's reference weights and along the lesson's shift from technology to reach (six
  steps of 0.05), when every step has one clear winner (0.05 ahead of the next), the
  runner-up is clear (0.05 ahead of third place), the winner changes at some step after
  the first, and the winner at the board's weights has technology synergy 4 or more (the
  speech technology is what the board debates).
- ``m05_portfolio``: the same nine lines, minimums, maximums, decays, dependencies and
  last year's split (18 squads); each first squad's value after the shift redrawn at
  80-120% of the base (whole points), so the cloud edition and the AI assistant stay the
  strong bets and the on-premises edition the weak one. Sound when no two squads, on any
  lines and at any place in their line, add values within 0.1 point of each other (no
  plan ties with the one that moves a squad).
- ``m05_squads``: the squads left after the shift, 13 to 16. Sound when trimming last
  year's split by the same share everywhere fits and is beaten by at least 5% by moving
  the on-premises squads of that trimmed plan to the AI assistant (a shift handled by
  habit loses to one handled on the new facts, as the lesson says).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from course.models.allocation import AllocationScenario
from course.variation import Draw

__all__ = ["BOARD", "VARIES", "even_trim", "partners", "portfolio", "squads"]

#: the board's reference weights of lesson 1, and the shift it tests (six steps of 0.05)
BOARD = {"strategic_fit": 0.35, "customer_reach": 0.20, "technology_synergy": 0.25,
         "cultural_fit": 0.10, "affordability": 0.10}
_FROM, _TO, _STEP, _STEPS = "technology_synergy", "customer_reach", 0.05, 6
#: no two squads (any line, any place in its line) may add values closer than this
_UNIT_GAP = 0.1


def _step_scores(scores: np.ndarray, columns: list[str]) -> np.ndarray:
    """Weighted scores (candidates x steps) along the shift from technology to reach."""
    out = np.empty((scores.shape[0], _STEPS))
    for k in range(_STEPS):
        weights = dict(BOARD)
        weights[_TO] += _STEP * k
        weights[_FROM] -= _STEP * k
        out[:, k] = scores @ np.array([weights[c] for c in columns])
    return out


def partners(draw: Draw) -> pd.DataFrame:
    """The partnership candidates, scored in this variant."""
    base = draw.base()
    columns = list(BOARD)
    start = base[columns].to_numpy(int)
    tech = columns.index(_FROM)
    for attempt in draw.attempts():
        rng = attempt.rng
        scores = np.clip(start + rng.choice([-1, 0, 0, 1], size=start.shape), 1, 5)
        steps = _step_scores(scores.astype(float), columns)
        ordered = np.sort(steps, axis=0)[::-1]
        winners = steps.argmax(axis=0)
        if ((ordered[0] - ordered[1] >= 0.049).all() and ordered[1, 0] - ordered[2, 0] >= 0.049
                and (winners != winners[0]).any() and scores[winners[0], tech] >= 4):
            frame = base.copy()
            frame[columns] = scores
            return frame
    raise AssertionError("unreachable")  # attempts() raises first


def portfolio(draw: Draw) -> pd.DataFrame:
    """The product lines with their values after the market shift, in this variant."""
    base = draw.base()
    first = base["value_after"].to_numpy(float)
    decay, most = base["decay"].to_numpy(float), base["max_units"].to_numpy(int)
    for attempt in draw.attempts():
        value = np.round(first * attempt.rng.uniform(0.8, 1.2, len(base)))
        units = np.sort(np.concatenate([v * d ** np.arange(m)
                                        for v, d, m in zip(value, decay, most, strict=True)]))
        if (np.diff(units) >= _UNIT_GAP).all():
            frame = base.copy()
            frame["value_after"] = value.astype(int)
            return frame
    raise AssertionError("unreachable")


def even_trim(frame: pd.DataFrame, capacity: int) -> dict[str, int]:
    """Last year's split trimmed by the same share on every line (largest remainders first)."""
    current = frame["current_units"].astype(float)
    share = current * capacity / float(current.sum())
    plan = np.floor(share).astype(int)
    for line in (share - plan).sort_values(ascending=False, kind="stable").index:
        if plan.sum() >= capacity:
            break
        plan[line] += 1
    return {str(k): int(v) for k, v in plan.items()}


def squads(draw: Draw) -> int:
    """The squads left after the shift: trimming evenly is clearly beaten."""
    frame = draw.get("m05_portfolio")
    for attempt in draw.attempts():
        capacity = int(attempt.rng.integers(13, 17))
        scenario = AllocationScenario.from_frame(frame, capacity=capacity,
                                                 value_column="value_after")
        trimmed = even_trim(frame, capacity)
        moved = dict(trimmed, S2=0, S4=trimmed["S4"] + trimmed["S2"])
        habit, shifted = scenario.evaluate(trimmed), scenario.evaluate(moved)
        if habit.feasible and shifted.feasible and habit.value <= 0.95 * shifted.value:
            return capacity
    raise AssertionError("unreachable")


#: data set or figure -> builder (see the module docstring)
VARIES: dict[str, Callable[[Draw], Any]] = {
    "m05_partners": partners,
    "m05_portfolio": portfolio,
    "m05_squads": squads,
}
