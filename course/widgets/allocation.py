"""The allocation panel: split a capacity and a budget across initiatives, live.

One slider per initiative (a tick box for a fund-or-not project) sets the **draft**; every
move re-evaluates the draft with the pure model and shows the capacity and budget used,
the projected value, a bar chart of value by initiative and, for a plan that breaks a
constraint, every reason in words. A draft that fits is saved at once as the answer
(``value``); a draft that does not fit is shown as infeasible and never saved, so the last
feasible plan stays the answer. The draft is kept beside it in the record (entry
``<exercise>-draft``), so both survive a restart of the kernel.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

import ipywidgets as widgets
import traitlets

from ..lesson import Lesson
from ..models import ScenarioError
from ..models._checks import kind_of
from ..models.allocation import AllocationScenario, Evaluation
from .a11y import SLIDER_CLASS
from .base import AnswerWidget

__all__ = ["AllocationPanel"]

_GOOD, _BAD, _MUTED = "#1a7f37", "#b42318", "#57606a"


class AllocationPanel(AnswerWidget):
    """Allocate a scenario's capacity and budget; the answer is ``{initiative id: units}``.

    ``start`` is the draft shown before anything is saved (for example last year's plan);
    it is not saved by itself. From code: ``panel.plan = {...}`` sets and saves a plan (a
    plan that breaks a constraint raises and is not saved), ``panel.set_units(id, n)``
    moves one initiative like its slider, ``panel.draft`` and ``panel.evaluation`` show
    the plan on screen and what it achieves.
    """

    def __init__(
        self, lesson: Lesson, exercise: str, scenario: AllocationScenario, *,
        start: Mapping[str, int] | None = None,
    ) -> None:
        if not isinstance(scenario, AllocationScenario):
            raise ScenarioError(
                "The allocation panel needs an AllocationScenario (build one with "
                f"AllocationScenario.from_frame(...)); got {kind_of(scenario)}."
            )
        self.scenario = scenario
        self._start = scenario.check_plan(start) if start is not None else scenario.empty_plan()
        self._draft = dict(self._start)
        self._syncing = False
        self._best = max(max(i.value_of(i.max_units) for i in scenario.initiatives), 0.0) or 1.0
        self._controls: dict[str, widgets.ValueWidget] = {}
        self._row_values: dict[str, widgets.HTML] = {}
        rows = []
        for item in scenario.initiatives:
            span = (f"fund or not · costs {item.cost_of(1):,.0f} {scenario.money}"
                    if item.max_units == 1 else
                    f"{item.min_units}–{item.max_units} {scenario.unit} if funded")
            if item.fixed_cost and item.max_units > 1:
                span += f" · {item.fixed_cost:,.0f} {scenario.money} if funded"
            if item.unit_cost and item.max_units > 1:
                span += f" · {item.unit_cost:,.0f} {scenario.money} each"
            if item.requires:
                span += f" · needs {item.requires}"
            label = widgets.HTML(
                f"<b>{html.escape(item.id)}</b> {html.escape(item.title)}<br>"
                f'<span style="color:{_MUTED};font-size:90%">{html.escape(span)}</span>',
                layout=widgets.Layout(width="300px"),
            )
            if item.max_units == 1:
                control: widgets.ValueWidget = widgets.Checkbox(
                    value=False, description=f"Fund {item.id}", indent=False,
                    layout=widgets.Layout(width="220px"))
            else:
                control = widgets.IntSlider(
                    value=0, min=0, max=item.max_units, step=1, description="",
                    tooltip=f"{item.id} {item.title}: {scenario.unit}",
                    continuous_update=True, layout=widgets.Layout(width="220px"))
                control.add_class(SLIDER_CLASS)
            control.add_class("plc-alloc-control")
            control.add_class(f"plc-alloc-{item.id}")
            control.observe(lambda change, key=item.id: self._moved(key, change["new"]),
                            names="value")
            self._controls[item.id] = control
            shown = widgets.HTML(layout=widgets.Layout(width="170px"))
            self._row_values[item.id] = shown
            rows.append(widgets.HBox([label, control, shown]))
        self._capacity_bar = self._budget_bar = None
        bars: list[widgets.Widget] = []
        if scenario.capacity is not None:
            self._capacity_bar = widgets.FloatProgress(
                value=0, min=0, max=max(scenario.capacity, 1e-9), description="Capacity",
                layout=widgets.Layout(width="55%"))
            self._capacity_text = widgets.HTML()
            bars.append(widgets.HBox([self._capacity_bar, self._capacity_text]))
        if scenario.budget is not None:
            self._budget_bar = widgets.FloatProgress(
                value=0, min=0, max=max(scenario.budget, 1e-9), description="Budget",
                layout=widgets.Layout(width="55%"))
            self._budget_text = widgets.HTML()
            bars.append(widgets.HBox([self._budget_bar, self._budget_text]))
        self._summary = widgets.HTML()
        self._summary.add_class("plc-alloc-summary")
        self._chart = widgets.HTML()
        self._chart.add_class("plc-alloc-chart")
        self._problems = widgets.HTML()
        self._problems.add_class("plc-alloc-problems")
        save = widgets.Button(description="Save plan", button_style="primary",
                              tooltip="Save the plan shown (only a plan that fits is saved)")
        save.add_class("plc-save")
        save.on_click(lambda _b: self.save_draft())
        back = widgets.Button(description="Back to saved plan",
                              tooltip="Put the sliders back to the last saved plan")
        back.add_class("plc-revert")
        back.on_click(lambda _b: self.revert())
        super().__init__(lesson, exercise)
        self._draft_key = f"{exercise}-draft"
        kept = lesson.saved(self._draft_key)
        if kept is not None:
            try:
                self._draft = scenario.check_plan(kept.value)
            except ScenarioError:
                pass  # a damaged draft is simply not shown; the saved answer is untouched
        self.children = [*rows, *bars, self._summary, self._chart, self._problems,
                         widgets.HBox([save, back]), self._status_line]
        self._refresh()
        self._say_draft_is_back()

    def _say_draft_is_back(self) -> None:
        """After a re-run, say that the draft on screen is the learner's last, not saved."""
        saved = dict(self.value) if self.value is not None else None
        if self._draft == (saved if saved is not None else self._start):
            return
        evaluation = self.scenario.evaluate(self._draft)
        kept = ("Your saved plan is kept." if saved is not None else "Nothing is saved yet.")
        if evaluation.feasible:
            self._set_status("unsaved", f"Your last draft is back on screen, not saved yet: "
                                        f"press Save plan to save it. {kept}")
        else:
            self._set_status("invalid", f"Your last draft is back on screen. Not saved: it "
                                        f"breaks {_rules(len(evaluation.violations))}, listed "
                                        f"above. {kept}")

    # -- model ------------------------------------------------------------------------
    def check(self, value: Any) -> dict[str, int]:
        """Return ``value`` as a full plan, or raise ScenarioError if it breaks a constraint."""
        evaluation = self.scenario.evaluate(value)
        if not evaluation.feasible:
            raise ScenarioError(" ".join(evaluation.violations))
        return evaluation.plan

    @property
    def draft(self) -> dict[str, int]:
        """The plan on screen (saved or not)."""
        return dict(self._draft)

    @property
    def evaluation(self) -> Evaluation:
        """What the plan on screen achieves and breaks."""
        return self.scenario.evaluate(self._draft)

    @property
    def plan(self) -> dict[str, int] | None:
        """The saved plan (the answer), or None."""
        return None if self.value is None else dict(self.value)

    @plan.setter
    def plan(self, plan: Mapping[str, int]) -> None:
        self._draft = self.scenario.check_plan(plan)
        self._commit(strict=True)

    # -- actions ----------------------------------------------------------------------
    def set_units(self, initiative: str, units: int) -> None:
        """Set one initiative's units in the draft, as its slider does, and save if it fits."""
        if initiative not in self._controls:
            raise ScenarioError(
                f"{initiative!r} is not an initiative here; use one of "
                f"{', '.join(self.scenario.ids)}."
            )
        self._moved(initiative, units)

    def save_draft(self) -> None:
        """Save the plan on screen; a plan that breaks a constraint is explained, not saved."""
        self._commit()

    def revert(self) -> None:
        """Put the draft back to the saved plan (or the starting plan when none is saved)."""
        self._draft = dict(self.value) if self.value is not None else dict(self._start)
        self._keep_draft()
        self._refresh()
        self._set_status("saved" if self.value is not None else "empty",
                         "Back to the saved plan." if self.value is not None else
                         "Back to the starting plan; nothing is saved yet.")

    def _moved(self, initiative: str, units: Any) -> None:
        if self._syncing:
            return
        units = int(units)  # a tick box gives True/False
        if self._draft.get(initiative) == units:
            return
        self._draft[initiative] = units
        self._commit()

    def _commit(self, *, strict: bool = False) -> None:
        """Show the draft; save it when it fits, otherwise say why and keep the saved plan."""
        evaluation = self.scenario.evaluate(self._draft)
        self._keep_draft()
        if evaluation.feasible:
            if self.value != evaluation.plan:
                self.value = evaluation.plan  # saved by the base class, which then shows it
            else:
                self._refresh(evaluation)
                if self._answer is not None:
                    self._set_status("saved", "This plan is the one saved.")
            return
        self._refresh(evaluation)
        kept = ("Your saved plan is kept." if self.value is not None
                else "Nothing is saved yet.")
        self._set_status("invalid", f"Not saved: this plan breaks "
                                    f"{_rules(len(evaluation.violations))}, listed above. {kept}")
        if strict:
            raise traitlets.TraitError(f"{self.exercise}: {' '.join(evaluation.violations)}")

    def _keep_draft(self) -> None:
        try:
            self._lesson.store.save(self._draft_key, self._draft)
        except OSError:  # pragma: no cover - a read-only folder: the draft stays on screen
            pass

    # -- view -------------------------------------------------------------------------
    def _show(self, value: Any) -> None:
        if value is not None:
            self._draft = dict(value)
        if hasattr(self, "_summary"):
            self._refresh()

    def _refresh(self, evaluation: Evaluation | None = None) -> None:
        scenario = self.scenario
        evaluation = evaluation or scenario.evaluate(self._draft)
        self._syncing = True
        try:
            for key, control in self._controls.items():
                units = self._draft.get(key, 0)
                control.value = bool(units) if isinstance(control, widgets.Checkbox) else units
        finally:
            self._syncing = False
        for item in scenario.initiatives:
            units = self._draft.get(item.id, 0)
            if units == 0:
                text = f'<span style="color:{_MUTED}">not funded</span>'
            else:
                text = f"{evaluation.values[item.id]:,.1f} {html.escape(scenario.value_unit)}"
                if units < item.max_units:
                    text += (f'<br><span style="color:{_MUTED};font-size:90%">next one adds '
                             f"{item.next_unit(units):,.1f}</span>")
            self._row_values[item.id].value = text
        if self._capacity_bar is not None:
            over = evaluation.used > scenario.capacity + 1e-9
            self._capacity_bar.value = min(evaluation.used, scenario.capacity)
            self._capacity_bar.bar_style = "danger" if over else "success"
            self._capacity_text.value = (
                f"{evaluation.used:g} of {scenario.capacity:g} {html.escape(scenario.unit)}")
        if self._budget_bar is not None:
            over = evaluation.spent > scenario.budget + 1e-9
            self._budget_bar.value = min(evaluation.spent, scenario.budget)
            self._budget_bar.bar_style = "danger" if over else "success"
            self._budget_text.value = (
                f"{evaluation.spent:,.0f} of {scenario.budget:,.0f} {html.escape(scenario.money)}")
        unit = html.escape(scenario.value_unit)
        if evaluation.feasible:
            head = (f'<b>Projected value: {evaluation.value:,.1f} {unit}</b> '
                    f'<span style="color:{_GOOD}">(fits every constraint)</span>')
        else:
            head = (f'<b>Projected value: {evaluation.value:,.1f} {unit}</b> '
                    f'<span style="color:{_BAD}">(infeasible: not saved)</span>')
        if self.value is not None and dict(self.value) != evaluation.plan:
            saved = scenario.evaluate(self.value)
            head += (f'<br><span style="color:{_MUTED}">Saved plan: {saved.value:,.1f} {unit}'
                     f"</span>")
        self._summary.value = head
        self._chart.value = self._chart_html(evaluation)
        if evaluation.feasible:
            self._problems.value = ""
        else:
            items = "".join(f"<li>{html.escape(v)}</li>" for v in evaluation.violations)
            self._problems.value = (f'<div style="color:{_BAD}"><b>Why this plan cannot be '
                                    f"saved:</b><ul>{items}</ul></div>")

    def _chart_html(self, evaluation: Evaluation) -> str:
        """Return a horizontal bar chart: each initiative's value, against its most possible."""
        colour = _GOOD if evaluation.feasible else _BAD
        unit = self.scenario.value_unit
        said = "; ".join(
            f"{item.id} {evaluation.values[item.id]:,.1f} of at most "
            f"{max(item.value_of(item.max_units), 0.0):,.1f}" for item in self.scenario.initiatives)
        alt = f"Bar chart: value ({unit}) of each initiative in this plan. {said}."
        lines = [f'<div role="img" aria-label="{html.escape(alt, quote=True)}">',
                 '<div aria-hidden="true" style="font-size:90%;margin:4px 0">Value by '
                 'initiative (pale: the most it could give)</div>']
        for item in self.scenario.initiatives:
            full = max(item.value_of(item.max_units), 0.0) / self._best * 100
            got = max(evaluation.values[item.id], 0.0) / self._best * 100
            lines.append(
                '<div style="display:flex;align-items:center;height:16px;margin:2px 0">'
                f'<span style="width:40px;font-family:monospace">{html.escape(item.id)}</span>'
                f'<div style="position:relative;width:320px;height:12px">'
                f'<div style="position:absolute;width:{full:.1f}%;height:12px;'
                f'background:#d0d7de"></div>'
                f'<div style="position:absolute;width:{got:.1f}%;height:12px;'
                f'background:{colour}"></div></div></div>'
            )
        return "".join(lines) + "</div>"


def _rules(count: int) -> str:
    """Return "1 rule" or "3 rules"."""
    return f"{count} rule" if count == 1 else f"{count} rules"
