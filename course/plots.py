"""Plot helpers: each returns a matplotlib Figure and never calls ``plt.show()``."""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure

__all__ = ["funnel_chart"]


def funnel_chart(table: pd.DataFrame, *, title: str = "Funnel") -> Figure:
    """Return a bar chart of users per step, labelled with each step's conversion."""
    figure = Figure(figsize=(6.5, 3.2), layout="constrained")
    axes = figure.add_subplot()
    steps = [str(s) for s in table.index]
    bars = axes.barh(steps[::-1], table["users"].to_numpy()[::-1], color="#4c72b0")
    if "step_conversion" in table.columns:
        labels = [f"{v:.0%}" for v in table["step_conversion"].to_numpy()[::-1]]
        axes.bar_label(bars, labels=labels, padding=3)
    axes.set_xlabel("users reaching the step")
    axes.set_title(title)
    axes.spines[["top", "right"]].set_visible(False)
    return figure
