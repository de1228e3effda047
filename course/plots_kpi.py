"""KPI charts: retention heat map, NPS by segment, monthly trends, and the dashboard panel.

Like :mod:`course.plots`, each function returns a Figure made by
:func:`course.plots.new_figure` and never calls ``plt.show()``; matplotlib is imported by
that helper on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .plots import new_figure
from .tables import readable

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["dashboard_figure", "nps_chart", "retention_heatmap", "trend_chart"]

_BLUE, _RED, _GREY = "#4c72b0", "#c44e52", "#8c8c8c"


def _funnel_axes(axes: Axes, table: pd.DataFrame) -> None:
    steps = [readable(s) for s in table.index]
    bars = axes.barh(steps[::-1], table["users"].to_numpy()[::-1], color=_BLUE)
    labels = [f"{v:.0%}" for v in table["step_conversion"].to_numpy()[::-1]]
    axes.bar_label(bars, labels=labels, padding=3, fontsize=8)
    axes.set_title("Funnel (step conversion)", fontsize=10)
    axes.set_xlabel("users", fontsize=8)
    axes.margins(x=0.2)


def _retention_axes(axes: Axes, table: pd.DataFrame, figure: Figure) -> None:
    values = np.ma.masked_invalid(table.to_numpy(dtype=float))
    image = axes.imshow(values, aspect="auto", cmap="RdYlGn", vmin=0.4, vmax=1.0,
                        interpolation="nearest")
    axes.set_yticks(range(len(table.index)), [str(i) for i in table.index], fontsize=7)
    axes.set_xticks(range(len(table.columns)), [str(c) for c in table.columns], fontsize=7)
    axes.set_xlabel("months since start", fontsize=8)
    axes.set_title("Retention by start month", fontsize=10)
    figure.colorbar(image, ax=axes, shrink=0.8)


def _nps_axes(axes: Axes, scores: pd.Series) -> None:
    names = [readable(i) for i in scores.index]
    colours = [_RED if v < 0 else _BLUE for v in scores.to_numpy()]
    bars = axes.bar(names, scores.to_numpy(), color=colours)
    axes.bar_label(bars, labels=[f"{v:+.0f}" for v in scores.to_numpy()], fontsize=8)
    axes.axhline(0, color=_GREY, linewidth=0.8)
    axes.set_ylim(-100, 100)
    axes.set_title("NPS by segment", fontsize=10)
    axes.tick_params(labelsize=8)


def _trend_axes(axes: Axes, trend: pd.DataFrame) -> None:
    months = [str(m) for m in trend.index]
    axes.plot(months, trend["signups"].to_numpy(), marker="o", color=_BLUE, label="sign-ups")
    axes.set_ylabel("sign-ups", fontsize=8, color=_BLUE)
    axes.tick_params(labelsize=7)
    twin = axes.twinx()
    # the second line is the monthly churn, or (from an event log alone) the activation
    rate = "churn" if "churn" in trend.columns else "activation"
    label = "monthly churn %" if rate == "churn" else "activation % (sign-up month)"
    twin.plot(months, 100 * trend[rate].to_numpy(), marker="s", color=_RED, label=rate)
    twin.set_ylabel(label, fontsize=8, color=_RED)
    twin.tick_params(labelsize=7)
    axes.set_title("Monthly trend", fontsize=10)


def _conversion_axes(axes: Axes, table: pd.DataFrame, title: str) -> None:
    """Grouped bars: the step conversion (%) of each step (x) for each group (a row)."""
    steps = [readable(c) for c in table.columns]
    width = 0.8 / max(len(table.index), 1)
    colours = [_BLUE, "#dd8452", "#55a868", "#8172b2", _GREY]
    for number, (name, row) in enumerate(table.iterrows()):
        spots = np.arange(len(steps)) + (number - (len(table.index) - 1) / 2) * width
        bars = axes.bar(spots, 100 * row.to_numpy(dtype=float), width, label=readable(name),
                        color=colours[number % len(colours)])
        axes.bar_label(bars, labels=[f"{100 * v:.0f}" for v in row.to_numpy(dtype=float)],
                       fontsize=6, padding=1)
    axes.set_xticks(range(len(steps)), steps, fontsize=8)
    axes.set_ylim(0, 110)
    axes.set_ylabel("step conversion %", fontsize=8)
    axes.tick_params(labelsize=7)
    axes.legend(fontsize=7, frameon=False, ncols=min(len(table.index), 3), loc="upper right")
    axes.set_title(title, fontsize=10)


def _retention_alt(table: pd.DataFrame) -> str:
    """Say what a retention heat map shows: its cohorts and each month's average retention."""
    means = table.mean(axis=0, skipna=True)
    months = ", ".join(f"month {c} {v:.0%}" for c, v in means.items() if pd.notna(v))
    return (f"heat map of the share of customers still subscribed, by start month (rows "
            f"{table.index[0]} to {table.index[-1]}) and months since the start; average "
            f"{months}")


def _nps_alt(scores: pd.Series) -> str:
    """Say what an NPS bar chart shows: each group's score."""
    return "NPS from -100 to 100 by segment: " + ", ".join(
        f"{name} {value:+.0f}" for name, value in scores.items())


def _trend_alt(trend: pd.DataFrame) -> str:
    """Say what the trend chart shows: the months, sign-ups and the second rate."""
    rate = "churn" if "churn" in trend.columns else "activation"
    values = 100 * trend[rate].astype(float)
    return (f"monthly sign-ups and {'churn' if rate == 'churn' else 'activation'} % from "
            f"{trend.index[0]} to {trend.index[-1]}: sign-ups from "
            f"{trend['signups'].min():,.0f} to {trend['signups'].max():,.0f} a month, "
            f"{rate} from {values.min():.1f}% to {values.max():.1f}%")


def _funnel_alt(table: pd.DataFrame) -> str:
    """Say what the funnel panel shows: users and conversion at each step."""
    return "funnel: " + ", ".join(
        f"{step} {users:,.0f} users ({rate:.0%})"
        for step, users, rate in zip(table.index, table["users"], table["step_conversion"],
                                     strict=True))


def _conversion_alt(table: pd.DataFrame, title: str) -> str:
    """Say what a grouped conversion chart shows: each group's step conversions."""
    return f"{title.lower()}: " + "; ".join(
        f"{name} " + ", ".join(f"{str(step).replace('_', ' ')} {value:.0%}"
                               for step, value in row.items())
        for name, row in table.iterrows())


def retention_heatmap(table: pd.DataFrame, *, title: str = "Retention by start month") -> Figure:
    """Return a heat map of a cohort retention table (rows cohorts, columns months)."""
    figure = new_figure()
    axes = figure.add_subplot()
    _retention_axes(axes, table, figure)
    axes.set_title(title)
    figure.alt_text = f"{title}: {_retention_alt(table)}."
    return figure


def nps_chart(scores: pd.Series, *, title: str = "NPS by segment") -> Figure:
    """Return a bar chart of NPS per group (-100 to 100)."""
    figure = new_figure()
    axes = figure.add_subplot()
    _nps_axes(axes, scores)
    axes.set_title(title)
    figure.alt_text = f"Bar chart, {title}: {_nps_alt(scores)}."
    return figure


def trend_chart(trend: pd.DataFrame, *, title: str = "Monthly trend") -> Figure:
    """Return monthly sign-ups and churn as two lines (``signups`` and ``churn`` columns)."""
    figure = new_figure()
    _trend_axes(figure.add_subplot(), trend)
    figure.axes[0].set_title(title)
    figure.alt_text = f"Line chart, {title}: {_trend_alt(trend)}."
    return figure


def dashboard_figure(funnel_table: pd.DataFrame | None, retention: pd.DataFrame | None,
                     nps_scores: pd.Series | None, trend: pd.DataFrame | None,
                     *, title: str = "", by_segment: pd.DataFrame | None = None,
                     by_quarter: pd.DataFrame | None = None) -> Figure:
    """Return the four dashboard panels in one figure; a missing panel says why.

    ``by_segment`` and ``by_quarter`` (step conversions, one row per group) take the places
    of the retention and NPS panels when those have no data (an event log alone).
    """
    figure = new_figure(10, 6.2)
    figure.set_layout_engine("none")  # a fixed layout draws faster than a constrained one
    grid = figure.subplots(2, 2, gridspec_kw={
        "left": 0.1, "right": 0.93, "bottom": 0.08, "top": 0.9, "hspace": 0.42, "wspace": 0.38,
    })
    by_segment_title = "Step conversion by segment"
    by_quarter_title = "Step conversion by sign-up quarter"
    second = (retention, lambda ax, t: _retention_axes(ax, t, figure), _retention_alt)
    if retention is None and by_segment is not None:
        second = (by_segment, lambda ax, t: _conversion_axes(ax, t, by_segment_title),
                  lambda t: _conversion_alt(t, by_segment_title))
    third = (nps_scores, _nps_axes, _nps_alt)
    if nps_scores is None and by_quarter is not None:
        third = (by_quarter, lambda ax, t: _conversion_axes(ax, t, by_quarter_title),
                 lambda t: _conversion_alt(t, by_quarter_title))
    panels = [(grid[0, 0], funnel_table, _funnel_axes, _funnel_alt), (grid[0, 1], *second),
              (grid[1, 0], *third), (grid[1, 1], trend, _trend_axes, _trend_alt)]
    said = []
    for axes, data, draw, say in panels:
        if data is None or len(data) == 0:
            axes.text(0.5, 0.5, "no data for this selection", ha="center", va="center",
                      color=_GREY)
            axes.set_axis_off()
            said.append("a panel with no data for this selection")
        else:
            draw(axes, data)
            said.append(say(data))
    if title:
        figure.suptitle(title, fontsize=11)
    figure.alt_text = (f"Dashboard{', ' + title if title else ''}, four panels. "
                       + ". ".join(s[:1].upper() + s[1:] for s in said) + ".")
    return figure
