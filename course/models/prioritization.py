"""Prioritization models: score a backlog and evaluate a ranking under a capacity."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from numbers import Integral

import pandas as pd

from ._checks import ScenarioError, require_columns, require_frame, require_numeric

__all__ = ["CONFIDENCE_SCALE", "IMPACT_SCALE", "CutLine", "check_order", "cut_line", "rice"]

#: Impact scale used with RICE: massive, high, medium, low, minimal.
IMPACT_SCALE = (3.0, 2.0, 1.0, 0.5, 0.25)
#: Confidence scale used with RICE, as fractions: high, medium, low.
CONFIDENCE_SCALE = (1.0, 0.8, 0.5)


def rice(backlog: pd.DataFrame) -> pd.Series:
    """Return the RICE score (reach x impact x confidence / effort) of every backlog item."""
    frame = require_frame(backlog, "The backlog")
    require_columns(frame, ["reach", "impact", "confidence", "effort"], "The backlog")
    reach = require_numeric(frame, "reach", "The backlog", nonnegative=True)
    impact = require_numeric(frame, "impact", "The backlog", allowed=IMPACT_SCALE)
    raw = pd.to_numeric(frame["confidence"], errors="coerce")
    if (raw > 1).any():
        row = frame.index[(raw > 1).to_numpy()][0]
        raise ScenarioError(
            f"The backlog: row {row!r} has confidence = {raw[row]:g}; confidence is a fraction "
            f"(1.0, 0.8 or 0.5), so write {raw[row] / 100:g} instead of {raw[row]:g}."
        )
    confidence = require_numeric(frame, "confidence", "The backlog", allowed=CONFIDENCE_SCALE)
    effort = require_numeric(frame, "effort", "The backlog", positive=True)
    return (reach * impact * confidence / effort).rename("rice")


def check_order(order: Sequence[str], items: Sequence[str]) -> list[str]:
    """Return ``order`` as a list if it ranks each of ``items`` exactly once, else raise."""
    if isinstance(order, (str, bytes)) or not isinstance(order, Sequence):
        raise ScenarioError(
            f"A ranking must be a list of item ids, got {type(order).__name__}."
        )
    order = [str(o) for o in order]
    unknown = [o for o in order if o not in set(items)]
    if unknown:
        raise ScenarioError(
            f"The ranking names item(s) not in the backlog: {', '.join(map(repr, unknown))}."
        )
    seen: set[str] = set()
    twice = [o for o in order if o in seen or seen.add(o)]
    if twice:
        raise ScenarioError(
            f"The ranking lists {', '.join(map(repr, sorted(set(twice))))} more than once; "
            f"each item goes in exactly one place."
        )
    missing = [i for i in items if i not in seen]
    if missing:
        raise ScenarioError(
            f"The ranking leaves out {', '.join(map(repr, missing))}; rank every item."
        )
    return order


@dataclass(frozen=True)
class CutLine:
    """What a ranking funds under a capacity: the items above the line and their cost."""

    funded: tuple[str, ...]
    used: float
    capacity: float

    @property
    def fits(self) -> bool:
        """Whether the funded items fit within the capacity."""
        return self.used <= self.capacity + 1e-9


def cut_line(order: Sequence[str], effort: pd.Series, capacity: float, cut: int) -> CutLine:
    """Evaluate funding the first ``cut`` items of ``order`` against ``capacity``."""
    order = check_order(order, [str(i) for i in effort.index])
    if not isinstance(cut, Integral) or isinstance(cut, bool) or not 0 <= cut <= len(order):
        raise ScenarioError(
            f"The cut line must be a whole number from 0 to {len(order)}, got {cut!r}."
        )
    effort = effort.rename(index=str)
    cut = int(cut)
    funded = tuple(order[:cut])
    return CutLine(funded, float(effort.loc[list(funded)].sum()), float(capacity))
