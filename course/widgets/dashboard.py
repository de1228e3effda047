"""The KPI dashboard: filter usage data, read the metrics and charts, record a diagnosis.

The answer is the diagnosis only, a mapping like ``{"step": ..., "segment": ...,
"metric": ...}``; which fields it has, and their options, are set by the lesson. The
filters (product, segment, period) only change what is shown.
"""

from __future__ import annotations

import html
import math
import os
from collections.abc import Mapping, Sequence
from io import BytesIO
from typing import Any

import ipywidgets as widgets
import pandas as pd

from ..lesson import Lesson
from ..models import ScenarioError
from ..models._checks import kind_of
from ..models.kpi import FUNNEL_STEPS, churn_rate, funnel, monthly_churn, nps, retention_table
from ..plots import describe
from ..tables import readable
from .a11y import chart_alt_html
from .base import AnswerWidget

__all__ = ["ALL", "KPI_METRICS", "KpiDashboard"]

#: The filter value meaning "do not filter".
ALL = "all"
#: display pixels per inch of the dashboard figure; the PNG holds twice as many
_CHART_DPI = 90
_CHART_PX = 10 * _CHART_DPI  # the figure is 10 inches wide
#: the metrics a default diagnosis offers
_DIAGNOSIS_METRICS = ("activation", "upgrade", "churn", "nps")

#: metric id -> (label, higher is better)
KPI_METRICS: dict[str, tuple[str, bool]] = {
    "activation": ("Activation (sign-up to activation)", True),
    "core_action": ("Core action (activation to core action)", True),
    "upgrade": ("Upgrade (core action to upgrade)", True),
    "churn": ("Monthly churn (pooled)", False),
    "nps": ("NPS", True),
}


def _pairs(options: Sequence[str] | Mapping[str, str]) -> list[tuple[str, str]]:
    if isinstance(options, Mapping):
        return [(str(label), str(key)) for key, label in options.items()]
    return [(readable(o), str(o)) for o in options]


class KpiDashboard(AnswerWidget):
    """Pick a product, segment and period; see KPIs and charts; save a diagnosis.

    ``events`` is a funnel log (``user_id``, ``step``, ``date``, and optionally ``product``
    and ``segment``); ``subscriptions`` (``start``, ``cancelled``, ``monthly_price``) and
    ``survey`` (``score``, ``date``) are optional. ``targets`` maps metric ids of
    :data:`KPI_METRICS` to target values, shown beside the metrics. ``diagnosis`` maps each
    field of the answer to its options (default: step, segment and metric).
    """

    def __init__(
        self,
        lesson: Lesson,
        exercise: str,
        events: pd.DataFrame,
        *,
        subscriptions: pd.DataFrame | None = None,
        survey: pd.DataFrame | None = None,
        targets: Mapping[str, float] | None = None,
        diagnosis: Mapping[str, Sequence[str] | Mapping[str, str]] | None = None,
        steps: Sequence[str] = FUNNEL_STEPS,
        as_of: str | None = None,
    ) -> None:
        if not isinstance(events, pd.DataFrame) or events.empty:
            raise ScenarioError("The dashboard needs a non-empty event log DataFrame.")
        for column in ("user_id", "step", "date"):
            if column not in events.columns:
                raise ScenarioError(f"The event log needs a {column!r} column for the dashboard.")
        self._steps = list(steps)
        self._as_of = as_of
        self._events = events.copy()
        self._events["_date"] = pd.to_datetime(self._events["date"], errors="coerce")
        firsts = self._events[self._events["step"] == self._steps[0]]
        self._signup = firsts.groupby("user_id")["_date"].min()
        self._subs = None if subscriptions is None else subscriptions.copy()
        self._survey = None if survey is None else survey.copy()
        self._targets = {str(k): float(v) for k, v in (targets or {}).items()}
        unknown = sorted(set(self._targets) - set(KPI_METRICS))
        if unknown:
            noun = "metric" if len(unknown) == 1 else "metrics"
            raise ScenarioError(f"Unknown {noun} in targets: {', '.join(unknown)}; use "
                                f"{', '.join(KPI_METRICS)}.")
        segments = sorted(map(str, events["segment"].dropna().unique())) if (
            "segment" in events.columns) else []
        products = sorted(map(str, events["product"].dropna().unique())) if (
            "product" in events.columns) else []
        quarters = sorted({str(q) for q in self._signup.dt.to_period("Q").dropna()})
        if diagnosis is None:
            diagnosis = {
                "step": {s: readable(s) for s in self._steps[1:]},
                "segment": segments,
                "metric": {k: KPI_METRICS[k][0] for k in _DIAGNOSIS_METRICS},
            }
        self._fields = {str(field): _pairs(options) for field, options in diagnosis.items()}
        if not self._fields or any(not options for options in self._fields.values()):
            raise ScenarioError("Each diagnosis field needs at least one option.")

        def dropdown(description: str, options: list[tuple[str, str]], css: str) -> Any:
            box = widgets.Dropdown(options=options, value=options[0][1], description=description,
                                   layout=widgets.Layout(width="250px"))
            box.add_class(css)
            return box

        self._product = dropdown("Product", [("All products", ALL)] + _pairs(products),
                                 "plc-dash-product")
        self._segment = dropdown("Segment", [("All segments", ALL)] + _pairs(segments),
                                 "plc-dash-segment")
        self._period = dropdown("Period", [("Whole period", ALL)] + [(q, q) for q in quarters],
                                "plc-dash-period")
        if len(products) <= 1:
            self._product.layout.display = "none"
        self._metrics_html = widgets.HTML()
        self._metrics_html.add_class("plc-dash-metrics")
        # drawn at twice the pixels it is shown with (sharp on high-density screens)
        self._chart = widgets.Image(format="png", layout=widgets.Layout(
            width="100%", max_width=f"{_CHART_PX}px", height="auto"))
        self._chart.add_class("plc-dash-chart")
        self._chart.add_class("plc-chart-image")
        # the chart's alt text, copied onto the image in the browser (course.widgets.a11y)
        self._chart_alt = widgets.HTML(chart_alt_html("Dashboard chart: not drawn yet."),
                                       layout=widgets.Layout(display="none"))
        self.chart_alt = ""
        self.metrics: dict[str, float] = {}
        self._holding = False
        self._syncing = False
        self._shown = False
        self._stale = True
        self._panels: dict[str, Any] | None = None
        self._choices: dict[str, widgets.Dropdown] = {}
        rows = []
        for field, options in self._fields.items():
            box = widgets.Dropdown(options=[("(choose)", ""), *options], value="",
                                   description=field.replace("_", " ").capitalize(),
                                   layout=widgets.Layout(width="340px"))
            box.add_class(f"plc-dash-diag-{field}")
            box.observe(lambda _change: self._chosen(), names="value")
            self._choices[field] = box
            rows.append(box)
        self._save_button = widgets.Button(description="Save diagnosis", button_style="primary",
                                           tooltip="Save the diagnosis chosen above as your answer")
        self._save_button.add_class("plc-save")
        self._save_button.on_click(lambda _b: self.save_diagnosis())
        super().__init__(lesson, exercise)
        for box in (self._product, self._segment, self._period):
            box.observe(lambda _change: self.refresh(), names="value")
        self.refresh()
        self.children = [
            widgets.HBox([self._product, self._segment, self._period]),
            self._metrics_html, self._chart, self._chart_alt,
            widgets.HTML("<b>Your diagnosis</b>"), *rows, self._save_button, self._status_line,
        ]

    # -- the answer ---------------------------------------------------------------------
    def check(self, value: Any) -> dict[str, str]:
        """Return a complete diagnosis with known options, or raise ScenarioError."""
        if not isinstance(value, Mapping):
            raise ScenarioError(f"A diagnosis maps each of {', '.join(self._fields)} to an "
                                f"option; got {kind_of(value)}.")
        extra = sorted(set(map(str, value)) - set(self._fields))
        if extra:
            raise ScenarioError(f"{', '.join(extra)} is not part of this diagnosis; it has "
                                f"{', '.join(self._fields)}.")
        answer = {}
        for field, options in self._fields.items():
            chosen = value.get(field)
            ids = [key for _, key in options]
            if chosen in (None, ""):
                raise ScenarioError(f"Choose a {field.replace('_', ' ')} before saving.")
            if chosen not in ids:
                raise ScenarioError(f"{chosen!r} is not an option for {field}; use one of "
                                    f"{', '.join(ids)}.")
            answer[field] = str(chosen)
        return answer

    def save_diagnosis(self) -> None:
        """Save the diagnosis chosen in the drop-downs; an incomplete one is not saved."""
        proposal = {field: box.value for field, box in self._choices.items()}
        try:
            self.value = proposal
        except Exception as exc:  # TraitError from validation: explain, keep the choices
            self._set_status("invalid", f"Not saved: {str(exc).split(': ', 1)[-1]}")

    def _chosen(self) -> None:
        """Say at once when the drop-downs differ from the saved diagnosis (not saved yet)."""
        if self._syncing or not hasattr(self, "_answer"):
            return
        proposal = {field: box.value for field, box in self._choices.items()}
        if self.value is not None and proposal == dict(self.value):
            self._set_status("saved", "This diagnosis is the one saved.")
            return
        missing = [field.replace("_", " ") for field, chosen in proposal.items() if not chosen]
        kept = (f"Your saved diagnosis ({', '.join(map(str, self.value.values()))}) is kept "
                f"until then." if self.value is not None else "Nothing is saved yet.")
        todo = (f"choose a {' and a '.join(missing)}, then press Save diagnosis" if missing
                else "press Save diagnosis to save this choice")
        self._set_status("unsaved", f"Not saved yet: {todo}. {kept}")

    def _show(self, value: Any) -> None:
        self._syncing = True
        try:
            for field, box in self._choices.items():
                box.value = (value or {}).get(field, "")
        finally:
            self._syncing = False

    # -- the view -------------------------------------------------------------------------
    def select(self, *, product: str | None = None, segment: str | None = None,
               period: str | None = None, draw: bool = True) -> dict[str, float]:
        """Set the filters (from code) and return the metrics now shown.

        With ``draw=False`` the charts are not redrawn (faster when looping over
        selections); they are redrawn at the next change of a filter.
        """
        wanted = [(box, value) for box, value in ((self._product, product),
                                                  (self._segment, segment),
                                                  (self._period, period)) if value is not None]
        for box, value in wanted:
            ids = [key for _, key in box.options]
            if value not in ids:
                raise ScenarioError(f"{value!r} is not a choice for {box.description}; "
                                    f"use one of {', '.join(ids)}.")
        self._holding = True
        try:
            for box, value in wanted:
                box.value = value
        finally:
            self._holding = False
        self.refresh(draw=draw)
        return dict(self.metrics)

    def _filtered(self, frame: pd.DataFrame) -> pd.DataFrame:
        if self._product.value != ALL and "product" in frame.columns:
            frame = frame[frame["product"].astype(str) == self._product.value]
        if self._segment.value != ALL and "segment" in frame.columns:
            frame = frame[frame["segment"].astype(str) == self._segment.value]
        return frame

    def _months(self) -> tuple[str, str]:
        if self._period.value != ALL:
            quarter = pd.Period(self._period.value, freq="Q")
            return str(quarter.asfreq("M", "start")), str(quarter.asfreq("M", "end"))
        dates = self._signup.dropna()
        return str(dates.min().to_period("M")), str(dates.max().to_period("M"))

    def _compute(self) -> tuple[dict[str, float], dict[str, Any]]:
        metrics: dict[str, float] = {}
        panels: dict[str, Any] = {"funnel": None, "retention": None, "nps": None, "trend": None,
                                  "by_segment": None, "by_quarter": None}
        events = self._filtered(self._events)
        first, last = self._months()
        users = self._signup[self._signup.dt.to_period("M").astype(str).between(first, last)]
        events = events[events["user_id"].isin(users.index)]
        signups = pd.Series(dtype=float)
        if not events.empty and (events["step"] == self._steps[0]).any():
            table = funnel(events[["user_id", "step"]], self._steps)
            panels["funnel"] = table
            metrics["users"] = float(table["users"].iloc[0])
            metrics["activation"] = float(table["step_conversion"].iloc[1])
            metrics["upgrade"] = float(table["step_conversion"].iloc[-1])
            if "core_action" in table.index[2:-1]:
                metrics["core_action"] = float(table.loc["core_action", "step_conversion"])
            metrics["overall"] = float(table["overall_conversion"].iloc[-1])
            months = users[users.index.isin(events["user_id"])].dt.to_period("M").astype(str)
            signups = months.value_counts().sort_index()
            if self._subs is None:
                # an event log only: compare segments and sign-up quarters, and trend the
                # monthly activation, instead of the retention, NPS and churn panels
                panels.update(self._event_panels(events, users, months, signups))
        if self._subs is not None:
            subs = self._filtered(self._subs)
            if not subs.empty:
                metrics["churn"] = churn_rate(subs, first, last, as_of=self._as_of)
                monthly = monthly_churn(subs, as_of=self._as_of).loc[first:last]
                metrics["arpu"] = float(monthly["revenue"].sum() / monthly["subscribers"].sum())
                retention = retention_table(subs, as_of=self._as_of)
                panels["retention"] = retention.iloc[-12:, :7]
                panels["trend"] = pd.DataFrame({
                    "signups": signups.reindex(monthly.index, fill_value=0),
                    "churn": monthly["churn"],
                })
        if self._survey is not None:
            survey = self._filtered(self._survey)
            month = pd.to_datetime(survey["date"], errors="coerce").dt.to_period("M").astype(str)
            survey = survey[month.between(first, last)]
            if not survey.empty:
                metrics["nps"] = nps(survey["score"])
                if "segment" in survey.columns:
                    panels["nps"] = survey.groupby("segment")["score"].apply(nps)
        return metrics, panels

    def _event_panels(self, events: pd.DataFrame, users: pd.Series, months: pd.Series,
                      signups: pd.Series) -> dict[str, Any]:
        """Return the panels an event log alone can fill: conversions by group, a trend."""

        def rates(groups: pd.Series) -> pd.DataFrame | None:
            rows = {}
            for name, ids in groups.groupby(groups).groups.items():
                table = funnel(events.loc[events["user_id"].isin(ids), ["user_id", "step"]],
                               self._steps)
                rows[str(name)] = table["step_conversion"].iloc[1:]
            return pd.DataFrame(rows).T if rows else None

        seen = users[users.index.isin(events["user_id"])]
        panels: dict[str, Any] = {}
        if "segment" in events.columns:
            segment = events.drop_duplicates("user_id").set_index("user_id")["segment"]
            panels["by_segment"] = rates(segment.astype(str))
        panels["by_quarter"] = rates(seen.dt.to_period("Q").astype(str))
        reached = set(events.loc[events["step"] == self._steps[1], "user_id"])
        activated = pd.Series(seen.index.isin(list(reached)), index=seen.index)
        panels["trend"] = pd.DataFrame({
            "signups": signups,
            "activation": activated.groupby(months).mean(),
        })
        return panels

    def refresh(self, draw: bool = True) -> None:
        """Recompute the metrics and (with ``draw``) redraw the charts for the filters.

        Charts are drawn once the dashboard has been shown (or :meth:`draw` is called), so
        building one in code costs only the arithmetic.
        """
        if self._holding:
            return
        try:
            metrics, self._panels = self._compute()
        except ScenarioError as exc:
            self.metrics, self._panels = {}, None
            self._metrics_html.value = f"<p>Cannot show this selection: {html.escape(str(exc))}</p>"
            self._chart.value = b""
            return
        self.metrics = metrics
        self._metrics_html.value = self._metrics_table(metrics)
        self._stale = True
        if draw and self._shown:
            self.draw()

    def draw(self) -> None:
        """Draw the charts of the current selection into the dashboard."""
        self._shown = True
        if self._panels is None or not self._stale:
            return
        from ..plots_kpi import dashboard_figure

        panels = self._panels

        title = " · ".join(str(b.label) for b in (self._product, self._segment, self._period)
                           if b.layout.display != "none")
        figure = dashboard_figure(panels["funnel"], panels["retention"], panels["nps"],
                                  panels["trend"], title=title, by_segment=panels["by_segment"],
                                  by_quarter=panels["by_quarter"])
        buffer = BytesIO()
        figure.savefig(buffer, format="png", dpi=2 * _CHART_DPI)
        self.chart_alt = describe(figure)
        self._chart_alt.value = chart_alt_html(self.chart_alt)
        self._chart.value = buffer.getvalue()
        self._stale = False

    def _ipython_display_(self) -> None:
        # nbgrader runs the notebook headless to grade it: nobody sees a widget's chart
        # there (feedback pages leave widgets out) and no score depends on it
        if not os.environ.get("NBGRADER_EXECUTION"):
            self.draw()
        super()._ipython_display_()

    def _metrics_table(self, metrics: Mapping[str, float]) -> str:
        def fmt(key: str, value: float) -> str:
            if key in ("nps",):
                return f"{value:+.1f}"
            if key in ("users",):
                return f"{value:,.0f}"
            if key == "arpu":
                return f"{value:,.2f}"
            return f"{value:.1%}"

        labels = {**{k: label for k, (label, _) in KPI_METRICS.items()},
                  "users": "Users signed up", "overall": "Overall conversion",
                  "arpu": "ARPU per month (USD)"}
        lines = []
        keys = ("users", "activation", "core_action", "upgrade", "overall", "churn", "nps",
                "arpu")
        for key in keys:
            if key not in metrics or not math.isfinite(metrics[key]):
                continue
            target = "<td style='color:#57606a'>no target set</td>" if self._targets else ""
            if key in self._targets:
                goal = self._targets[key]
                higher = KPI_METRICS[key][1]
                met = metrics[key] >= goal if higher else metrics[key] <= goal
                target = (f"<td>{'at least' if higher else 'at most'} {fmt(key, goal)} "
                          f"{'&#10003; met' if met else '&#9888; missed'}</td>")
            lines.append(f"<tr><td>{labels[key]}</td><td style='text-align:right'>"
                         f"{fmt(key, metrics[key])}</td>{target}</tr>")
        head = "<th>Target</th>" if self._targets else ""
        return ("<table class='plc-dash-table'><tr><th>Metric</th><th>Value</th>"
                f"{head}</tr>" + "".join(lines) + "</table>")
