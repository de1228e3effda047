"""Plot helpers: each returns a matplotlib Figure and never calls ``plt.show()``.

The figures are built without pyplot (no global state, no backend to pick) and know how
to show themselves in a notebook: the last expression of a cell, or ``display(fig)``.
matplotlib is imported on first use, so importing this module costs nothing.
"""

from __future__ import annotations

from io import BytesIO
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from matplotlib.figure import Figure

__all__ = ["funnel_chart", "new_figure"]


def new_figure(width: float = 6.5, height: float = 3.2) -> Figure:
    """Return an empty Figure that renders itself as PNG in a notebook."""
    from matplotlib.figure import Figure

    class _NotebookFigure(Figure):
        def _repr_png_(self) -> bytes:
            buffer = BytesIO()
            self.savefig(buffer, format="png", dpi=100)
            return buffer.getvalue()

    return _NotebookFigure(figsize=(width, height), layout="constrained")


def funnel_chart(table: pd.DataFrame, *, title: str = "Funnel") -> Figure:
    """Return a bar chart of users per step, labelled with each step's conversion."""
    figure = new_figure()
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
