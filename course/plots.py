"""Plot helpers: each returns a matplotlib Figure and never calls ``plt.show()``.

The figures are built without pyplot (no global state, no backend to pick) and know how
to show themselves in a notebook: the last expression of a cell, or ``display(fig)``.
matplotlib is imported on first use, so importing this module costs nothing.
"""

from __future__ import annotations

import base64
import html
from io import BytesIO
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Mapping

    import pandas as pd
    from matplotlib.figure import Figure

__all__ = ["describe", "funnel_chart", "new_figure", "radar_chart"]


def new_figure(width: float = 6.5, height: float = 3.2) -> Figure:
    """Return an empty Figure that shows itself sharply, with alt text, in a notebook.

    In a notebook it renders as an HTML ``<img>``: a PNG at twice the display resolution
    (sharp on high-density screens), drawn at its natural size, with ``alt`` text saying
    what the chart shows (``figure.alt_text`` when a helper set it, else built from the
    titles, axis labels and legend). A plain PNG is kept for other front ends.
    """
    from matplotlib.figure import Figure

    class _NotebookFigure(Figure):
        alt_text: str | None = None

        def _png(self) -> tuple[bytes, int, int]:
            buffer = BytesIO()
            self.savefig(buffer, format="png", dpi=_DPI * 2)
            width, height = self.get_size_inches()
            return buffer.getvalue(), round(width * _DPI), round(height * _DPI)

        def _repr_mimebundle_(self, include: object = None, exclude: object = None
                              ) -> tuple[dict[str, object], dict[str, object]]:
            # one rendering serves both: IPython would otherwise draw the figure once
            # for the HTML and again for the PNG
            data, width, height = self._png()
            source = base64.b64encode(data).decode("ascii")
            tag = (f'<img class="plc-chart" src="data:image/png;base64,{source}" '
                   f'width="{width}" height="{height}" style="max-width:100%;height:auto" '
                   f'alt="{html.escape(describe(self), quote=True)}">')
            return ({"text/html": tag, "image/png": data},
                    {"image/png": {"width": width, "height": height}})

    return _NotebookFigure(figsize=(width, height), layout="constrained")


_DPI = 100  # display pixels per inch of a figure; the PNG holds twice as many


def describe(figure: Figure) -> str:
    """Return alt text for ``figure``: its own ``alt_text``, else one built from its parts."""
    own = getattr(figure, "alt_text", None)
    if own:
        return own
    parts = []
    suptitle = getattr(figure, "_suptitle", None)
    if suptitle is not None and suptitle.get_text():
        parts.append(suptitle.get_text())
    for axes in figure.axes:
        bits = []
        if axes.get_title():
            bits.append(axes.get_title())
        if axes.name == "polar":
            bits.append("a radar chart")
        else:
            axis = [f"{label} across" if i == 0 else label for i, label in
                    enumerate(filter(None, (axes.get_ylabel(), axes.get_xlabel())))]
            if axis:
                bits.append(" ".join(axis))
        legend = axes.get_legend()
        if legend is not None:
            bits.append("showing " + ", ".join(t.get_text() for t in legend.get_texts()))
        if bits:
            parts.append(": ".join([bits[0], "; ".join(bits[1:])]) if len(bits) > 1 else bits[0])
    return "Chart. " + ". ".join(parts) + "." if parts else "Chart."


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
    reached = [f"{step} {users:,.0f}" for step, users in zip(steps, table["users"], strict=True)]
    if "step_conversion" in table.columns:
        reached = [f"{text} ({rate:.0%})" for text, rate in
                   zip(reached, table["step_conversion"], strict=True)]
    figure.alt_text = (f"Bar chart, {title}: users reaching each step of the funnel, with the "
                       f"step's conversion: {'; '.join(reached)}.")
    return figure


def radar_chart(
    values: Mapping[str, float],
    *,
    labels: Mapping[str, str] | None = None,
    compare: Mapping[str, float] | None = None,
    compare_label: str = "target",
    value_label: str = "you",
    scale: tuple[float, float] = (0, 5),
    title: str = "Competency profile",
) -> Figure:
    """Return a radar (spider) chart of ``values`` keyed by id, one spoke per id.

    The spokes follow ``labels`` (id -> name) when given, else the keys of ``values``;
    a missing value is drawn at the bottom of the scale. ``compare`` adds a second,
    dashed profile (for example a target role) on the same spokes.
    """
    import numpy as np

    keys = list(labels) if labels is not None else list(values)
    if not keys:
        raise ValueError("radar_chart needs at least one value")
    names = [str((labels or {}).get(k, k)) for k in keys]
    angles = np.linspace(0, 2 * np.pi, len(keys), endpoint=False)
    closed = np.append(angles, angles[0])
    figure = new_figure(7.0, 6.2)
    axes = figure.add_subplot(projection="polar")
    axes.set_theta_offset(np.pi / 2)
    axes.set_theta_direction(-1)
    series = [(values, value_label, "#4c72b0", "-")]
    if compare is not None:
        series.append((compare, compare_label, "#dd8452", "--"))
    for profile, name, colour, style in series:
        points = [float(profile.get(k) or scale[0]) for k in keys]
        ring = np.append(points, points[0])
        axes.plot(closed, ring, style, color=colour, linewidth=2, label=name)
        axes.fill(closed, ring, color=colour, alpha=0.15)
    axes.set_xticks(angles, [_wrap(n) for n in names], fontsize=8)
    axes.tick_params(axis="x", pad=10)
    axes.set_ylim(*scale)
    axes.set_yticks(range(int(scale[0]) + 1, int(scale[1]) + 1))
    axes.set_title(title)
    if compare is not None:
        axes.legend(loc="upper right", bbox_to_anchor=(1.15, 1.1), fontsize=8)
    profiles = [f"{name}: " + ", ".join(
        f"{label} {_number(profile.get(k))}" for k, label in zip(keys, names, strict=True))
        for profile, name, _, _ in series]
    figure.alt_text = (f"Radar chart, {title}: {len(keys)} spokes on a scale of "
                       f"{scale[0]:g} to {scale[1]:g}. " + ". ".join(profiles) + ".")
    return figure


def _number(value: object) -> str:
    """Return a rating or value for alt text: ``3``, ``2.5``, or ``not rated``."""
    try:
        return f"{float(value):g}"  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return "not rated"


def _wrap(text: str, width: int = 16) -> str:
    """Break a long spoke label over lines of about ``width`` characters."""
    import textwrap

    return "\n".join(textwrap.wrap(text, width)) or text


def value_curves(scenario: object, *, title: str | None = None) -> Figure:
    """Return one line per initiative: its projected value at 0, 1, 2... units (dots: funded).

    ``scenario`` is a :class:`course.models.allocation.AllocationScenario`; the flattening
    of each line is its diminishing return, and values below an initiative's minimum are
    drawn dotted because a plan cannot stop there. Each line has its own colour and
    marker, so lines that meet at zero stay apart.
    """
    from matplotlib import colormaps

    unit = str(scenario.unit)
    figure = new_figure(7.0, 3.6)
    axes = figure.add_subplot()
    colours = colormaps["tab10"].colors
    markers = "osD^vPX*hp"
    for number, item in enumerate(scenario.initiatives):
        units = list(range(item.max_units + 1))
        values = [item.value_of(u) for u in units]
        low = max(item.min_units, 1)
        colour, marker = colours[number % len(colours)], markers[number % len(markers)]
        axes.plot(units[low:], values[low:], marker=marker, markersize=4, color=colour,
                  label=f"{item.id} {item.title}")
        axes.plot(units[: low + 1], values[: low + 1], linestyle=":", color=colour)
    axes.set_xlabel(f"{unit} on the initiative")
    axes.set_ylabel(scenario.value_unit)
    axes.set_title(title or f"Value of each initiative by number of {unit}")
    axes.spines[["top", "right"]].set_visible(False)
    axes.legend(fontsize=7, loc="center left", bbox_to_anchor=(1.0, 0.5), frameon=False)
    tops = "; ".join(f"{item.id} {item.value_of(item.max_units):,.1f} at {item.max_units}"
                     for item in scenario.initiatives)
    figure.alt_text = (f"Line chart: the projected value ({scenario.value_unit}) of each of "
                       f"{len(scenario.initiatives)} initiatives for 0 up to its maximum "
                       f"number of {unit}; dotted below an initiative's minimum. The most "
                       f"each can give: {tops}.")
    return figure


__all__ += ["value_curves"]


def year_chart(result: object, *, title: str = "Your year as Director") -> Figure:
    """Return four panels of a capstone year: users, revenue, tech debt, morale and engineers.

    ``result`` is a :class:`course.models.capstone.YearResult`; each panel runs from the
    start of the year to the end of Q4, and quarters in which the fragile step failed
    (tech debt at or above the limit) are shaded on the tech-debt panel.
    """
    table = result.table()
    quarters = [str(q) for q in table.index]
    figure = new_figure(9.0, 5.6)
    grid = figure.subplots(2, 2)
    blue, red, grey = "#4c72b0", "#c44e52", "#8c8c8c"
    users = grid[0, 0]
    users.plot(quarters, table["active_users"].to_numpy(), marker="o", color=blue,
               label="active users")
    users.plot(quarters, table["paying_users"].to_numpy(), marker="s", color="#55a868",
               label="paying users")
    users.set_ylabel("thousands")
    users.set_title("Users", fontsize=10)
    users.legend(fontsize=7, frameon=False)
    revenue = grid[0, 1]
    bars = revenue.bar(quarters, table["revenue"].to_numpy(), color=blue)
    revenue.bar_label(bars, labels=[f"{v:,.0f}" for v in table["revenue"]], fontsize=7)
    revenue.set_ylabel("$k in the quarter")
    revenue.set_title("Revenue", fontsize=10)
    revenue.margins(y=0.15)
    debt = grid[1, 0]
    debt.plot(quarters, table["tech_debt"].to_numpy(), marker="o", color=red)
    limit = getattr(getattr(result, "settings", None), "debt_limit", None)
    if limit is not None:
        debt.axhline(limit, color=grey, linestyle="--", linewidth=0.8,
                     label=f"limit ({limit:g}): at or above it a step fails")
    shaded = False
    for i, hit in enumerate(table["incident"].to_numpy()):
        if hit:
            debt.axvspan(i - 0.4, i + 0.4, color=red, alpha=0.12, linewidth=0,
                         label=None if shaded else "quarter in which a step failed")
            shaded = True
    debt.set_ylim(0, 100)
    debt.set_title("Tech debt (0-100)", fontsize=10)
    if limit is not None or shaded:
        debt.legend(fontsize=7, frameon=False, loc="upper left")
    team = grid[1, 1]
    team.plot(quarters, table["morale"].to_numpy(), marker="o", color="#8172b2",
              label="morale (0-100)")
    team.set_ylim(0, 100)
    team.set_title("Team", fontsize=10)
    twin = team.twinx()
    # the engineers who work in each quarter (Q4's team is already smaller by the shift)
    working = result.team().reindex(table.index).to_numpy() if hasattr(result, "team") else (
        table["engineers"].to_numpy())
    twin.step(quarters, working, where="mid", color=grey,
              label="engineers working in the quarter")
    for spot, count in enumerate(working):
        twin.annotate(f"{count:g}", (spot, count), textcoords="offset points", xytext=(0, 3),
                      ha="center", fontsize=7, color=grey)
    twin.set_ylim(0, max(max(working) + 2, 1))
    twin.set_ylabel("engineers", fontsize=8)
    handles = team.get_legend_handles_labels()
    extra = twin.get_legend_handles_labels()
    team.legend(handles[0] + extra[0], handles[1] + extra[1], fontsize=7, frameon=False,
                loc="lower left")
    for axes in (users, revenue, debt, team):
        axes.tick_params(labelsize=8)
        axes.spines[["top"]].set_visible(False)
    figure.suptitle(title)
    by_quarter = "; ".join(
        f"{q}: {active:,.0f}k active users, revenue {money:,.0f} $k, tech debt {debt:.0f}, "
        f"morale {mood:.0f}, {count:g} engineers" + (", a step failed" if hit else "")
        for q, active, money, debt, mood, count, hit in zip(
            quarters, table["active_users"], table["revenue"], table["tech_debt"],
            table["morale"], working, table["incident"], strict=True))
    figure.alt_text = (f"{title}, four panels by quarter: active and paying users; revenue "
                       f"in $k; tech debt against its limit, with failed quarters shaded; "
                       f"team morale and the number of engineers. {by_quarter}.")
    return figure


__all__ += ["year_chart"]
