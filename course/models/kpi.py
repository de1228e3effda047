"""KPI models over product usage data: funnel conversion."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from ._checks import ScenarioError, require_columns, require_frame

__all__ = ["FUNNEL_STEPS", "funnel"]

#: The steps of the product funnel used in the course, in order.
FUNNEL_STEPS = ("signup", "activation", "core_action", "upgrade")


def funnel(events: pd.DataFrame, steps: Sequence[str] = FUNNEL_STEPS) -> pd.DataFrame:
    """Return users reaching each step, the step conversion and the overall conversion.

    ``events`` needs a ``user_id`` and a ``step`` column; a user counts for a step once,
    however many times they reached it. The first step's conversion is 1.
    """
    frame = require_frame(events, "The event log")
    require_columns(frame, ["user_id", "step"], "The event log")
    steps = list(steps)
    if len(steps) < 2:
        raise ScenarioError("A funnel needs at least two steps, in order.")
    unknown = sorted(set(frame["step"].dropna().astype(str)) - set(steps))
    if unknown:
        raise ScenarioError(
            f"The event log has step(s) {', '.join(map(repr, unknown))} that are not in the "
            f"funnel {steps}; filter them out or add them to the steps."
        )
    users = frame.groupby("step")["user_id"].nunique().reindex(steps, fill_value=0)
    if users.iloc[0] == 0:
        raise ScenarioError(f"No user reached the first step {steps[0]!r}; check the filter.")
    table = pd.DataFrame({"users": users.astype(int)})
    table.index.name = "step"
    previous = table["users"].shift(1).to_numpy(dtype=float)
    current = table["users"].to_numpy(dtype=float)
    conversion = [1.0] + [
        (c / p if p > 0 else 0.0) for c, p in zip(current[1:], previous[1:], strict=True)
    ]
    table["step_conversion"] = conversion
    table["overall_conversion"] = table["users"] / table["users"].iloc[0]
    return table
