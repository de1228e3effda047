"""The ranking board: order a backlog, optionally draw a cut line under a capacity."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import ipywidgets as widgets
import pandas as pd
import traitlets

from ..lesson import Lesson
from ..models import ScenarioError
from ..models._checks import kind_of, plural
from ..models.prioritization import check_order, cut_line, longest_fit
from .a11y import labelled_row
from .base import AnswerWidget

__all__ = ["RankingBoard"]


class RankingBoard(AnswerWidget):
    """Order the items of a backlog; the answer is ``{"order": [...], "cut": n or None}``.

    Two ways to reorder, both saved at once: with the mouse, select an item in the list and
    move it with the buttons; with the keyboard, Tab to an item's rank box below the list,
    type its new place and press Enter (or use the arrow keys). The rank boxes stay in the
    backlog's order, so focus never jumps. With a ``capacity``, set how many items from the
    top are funded; the bar shows the effort they use.
    """

    def __init__(
        self,
        lesson: Lesson,
        exercise: str,
        backlog: pd.DataFrame,
        *,
        label: str = "title",
        scores: pd.Series | Mapping[str, float] | None = None,
        capacity: float | None = None,
        effort: str = "effort",
    ) -> None:
        if not isinstance(backlog, pd.DataFrame) or backlog.empty:
            raise ScenarioError("The ranking board needs a non-empty backlog DataFrame.")
        self._ids = [str(i) for i in backlog.index]
        self._labels = {
            str(i): str(backlog.loc[i, label]) if label in backlog.columns else str(i)
            for i in backlog.index
        }
        self._scores = (
            None if scores is None else {str(k): float(v) for k, v in dict(scores).items()}
        )
        self._capacity = None if capacity is None else float(capacity)
        self._effort = None
        if self._capacity is not None:
            if effort not in backlog.columns:
                raise ScenarioError(f"A capacity needs an {effort!r} column in the backlog.")
            self._effort = pd.to_numeric(backlog[effort]).rename(index=str)
        self._draft = list(self._ids)
        self._cut_draft = 0

        self._list = widgets.Select(
            options=self._options(self._draft), rows=min(len(self._ids), 14),
            layout=widgets.Layout(width="100%"),
            description="", tooltip="Backlog order: select an item, then move it with the "
                                    "buttons below",
        )
        self._list.add_class("plc-ranking-list")
        buttons = []
        for text, tip, move in [
            ("Up", "Move the selected item up one place", -1),
            ("Down", "Move the selected item down one place", +1),
            ("To top", "Move the selected item to the top", "top"),
            ("To bottom", "Move the selected item to the bottom", "bottom"),
        ]:
            button = widgets.Button(description=text, tooltip=tip,
                                    layout=widgets.Layout(width="auto"))
            button.add_class(f"plc-move-{str(move).replace('-1', 'up').replace('1', 'down')}")
            button.on_click(lambda _b, move=move: self.move(self._list.value, move))
            buttons.append(button)
        self._save_button = widgets.Button(
            description="Save this order", button_style="primary",
            tooltip="Save the order shown (and the cut line) as your answer",
        )
        self._save_button.add_class("plc-save")
        self._save_button.on_click(lambda _b: self.save_draft())
        self._ranks: dict[str, widgets.IntText] = {}
        rows = []
        for item in self._ids:
            # unbounded in the browser, so a place past the end reaches the kernel and the
            # learner is told where the item went (a bounded box clamps it silently)
            box = widgets.IntText(
                value=self._ids.index(item) + 1,
                layout=widgets.Layout(width="64px"),
                tooltip=f"Place of {item} · {self._labels[item]} (1 to {len(self._ids)})",
            )
            box.add_class("plc-rank")
            box.add_class(f"plc-rank-{item}")
            box.observe(lambda change, item=item: self._typed_rank(item, change["new"]),
                        names="value")
            self._ranks[item] = box
            rows.append(labelled_row(box, widgets.Label(f"{item} · {self._labels[item]}")))
        self._syncing = False
        ranks = widgets.VBox([
            widgets.HTML("<b>Or type each item's place</b> (Tab between boxes, Enter to apply):"),
            widgets.GridBox(rows, layout=widgets.Layout(grid_template_columns="repeat(2, 1fr)")),
        ])
        ranks.add_class("plc-rank-panel")
        controls: list[widgets.Widget] = [widgets.HBox([*buttons, self._save_button]), ranks]
        self._cut = None
        self._bar = None
        if self._capacity is not None:
            self._cut = widgets.BoundedIntText(
                value=0, min=0, max=len(self._ids), description="Fund top",
                layout=widgets.Layout(width="160px"),
            )
            self._cut.add_class("plc-cut")
            self._cut.observe(self._on_cut, names="value")
            self._bar = widgets.FloatProgress(value=0, min=0, max=self._capacity,
                                              description="Capacity",
                                              layout=widgets.Layout(width="60%"))
            self._bar_text = widgets.HTML()
            controls.append(widgets.HBox([self._cut, self._bar, self._bar_text]))
        super().__init__(lesson, exercise)
        # the list's columns line up only in a fixed-width font
        style = widgets.HTML("<style>.plc-ranking-list select { font-family: monospace; }</style>")
        self.children = [style, self._list, *controls, self._status_line]

    # -- model ------------------------------------------------------------------------
    def check(self, value: Any) -> dict[str, Any]:
        """Return a normalised ``{"order", "cut"}`` answer or raise ScenarioError."""
        if not isinstance(value, Mapping) or "order" not in value:
            raise ScenarioError(
                'A ranking answer is a dictionary like {"order": [ids...], "cut": n}; '
                f"got {kind_of(value)}."
            )
        order = check_order(value["order"], self._ids)
        cut = value.get("cut")
        if self._capacity is None:
            return {"order": order, "cut": None}
        if cut is None:
            cut = 0
        line = cut_line(order, self._effort, self._capacity, cut)
        if not line.fits:
            raise ScenarioError(
                f"Funding the top {plural(cut, 'item')} needs {line.used:g}, more than the "
                f"capacity of {line.capacity:g}; move the cut line up."
            )
        return {"order": order, "cut": cut}

    # -- actions (also usable from code) -----------------------------------------------
    @property
    def order(self) -> list[str]:
        """The order shown on the board (saved or draft)."""
        return list(self._draft)

    @order.setter
    def order(self, order: list[str]) -> None:
        self._commit(list(order), self._cut_draft, strict=True)

    @property
    def capacity(self) -> float | None:
        """The capacity the funded items must fit in (None: no cut line)."""
        return self._capacity

    @property
    def funded_effort(self) -> float:
        """The effort of the items above the cut line shown on the board."""
        if self._effort is None:
            return 0.0
        return float(self._effort.loc[self._draft[: self._cut_draft]].sum())

    def set_cut(self, cut: int) -> None:
        """Fund the top ``cut`` items with the current order; refuse a line past capacity."""
        self._commit(self._draft, cut, strict=True)

    def move(self, item: str | None, where: int | str) -> None:
        """Move ``item`` by one place (-1 up, +1 down) or to the "top" or "bottom"."""
        if item is None:
            self._set_status("invalid", "Select an item in the list first, then move it.")
            return
        order = list(self._draft)
        i = order.index(item)
        order.pop(i)
        if where == "top":
            j = 0
        elif where == "bottom":
            j = len(order)
        else:
            j = min(max(i + int(where), 0), len(order))
        order.insert(j, item)
        self._commit(order, self._cut_draft)

    def _typed_rank(self, item: str, place: int) -> None:
        if self._syncing or place == self._draft.index(item) + 1:
            return
        count = len(self._draft)
        kept = min(max(int(place), 1), count)
        order = [i for i in self._draft if i != item]
        order.insert(kept - 1, item)
        self._commit(order, self._cut_draft)
        if kept != place:
            where = "the top" if kept == 1 else "the bottom"
            self._syncing = True
            try:
                self._ranks[item].value = kept
            finally:
                self._syncing = False
            self._set_status("saved" if self.status.startswith("saved") else "invalid",
                             f"Places run from 1 to {count}: {place} is outside, so "
                             f"{self._labels[item]} went to place {kept} ({where}). "
                             f"{self.status.split(': ', 1)[-1]}")

    def save_draft(self) -> None:
        """Save the order and cut line currently shown as the answer."""
        self._commit(self._draft, self._cut_draft)

    def _commit(self, order: list[str], cut: int, *, strict: bool = False) -> None:
        """Save ``order`` and ``cut``; an invalid plan is shown, explained and not saved.

        When a move pushes the funded items past the capacity, the cut line moves up to the
        longest top of the list that still fits (and the learner is told). With ``strict``
        (calls from code) a refused answer also raises the TraitError.
        """
        adjusted = None
        if self._capacity is not None and isinstance(cut, int) and order == self._valid(order):
            fits = self._longest_fit(order)
            if cut > fits and order != self._draft:
                adjusted, cut = cut, fits
        proposal = {"order": order, "cut": cut if self._capacity is not None else None}
        try:
            self.value = proposal
        except traitlets.TraitError as exc:  # refused by validation: show it, keep the draft
            if self._valid(order) == order:
                self._draft = list(order)
            self._cut_draft = cut if isinstance(cut, int) and not isinstance(cut, bool) else 0
            self._refresh()
            self._set_status("invalid", f"Not saved: {str(exc).split(': ', 1)[-1]}")
            if strict:
                raise
            return
        if adjusted is not None:
            self._set_status("saved", f"Saved {self.status.split('Saved ', 1)[-1]} The cut line "
                             f"moved up from {adjusted} to {cut} to stay within the capacity.")

    def _valid(self, order: list[str]) -> list[str] | None:
        try:
            return check_order(order, self._ids)
        except ScenarioError:
            return None

    def _longest_fit(self, order: list[str]) -> int:
        return longest_fit(order, self._effort, self._capacity)

    def _on_cut(self, change: dict[str, Any]) -> None:
        if change["new"] != self._cut_draft:
            self._commit(self._draft, int(change["new"]))

    # -- view -------------------------------------------------------------------------
    def _options(self, order: list[str]) -> list[tuple[str, str]]:
        width = max(len(v) for v in self._labels.values())
        options = []
        for rank, item in enumerate(order, start=1):
            text = f"{rank:>2}. {self._labels[item]:<{width}}"
            if self._scores is not None and item in self._scores:
                text += f"  score {self._scores[item]:>10,.1f}"
            if self._effort is not None:
                text += f"  effort {self._effort[item]:g}"
            if self._capacity is not None and rank == self._cut_draft:
                text += "   ---- cut line ----"
            options.append((text, item))
        return options

    def _show(self, value: Any) -> None:
        if value is not None:
            self._draft = list(value["order"])
            self._cut_draft = value["cut"] or 0
        self._refresh()

    def _refresh(self) -> None:
        selected = self._list.value
        self._list.options = self._options(self._draft)
        self._list.value = selected
        self._syncing = True
        try:
            for place, item in enumerate(self._draft, start=1):
                self._ranks[item].value = place
        finally:
            self._syncing = False
        if self._cut is not None:
            self._cut.value = self._cut_draft
            used = self.funded_effort
            self._bar.value = min(used, self._capacity)
            self._bar.bar_style = "danger" if used > self._capacity else "success"
            self._bar_text.value = f"{used:g} of {self._capacity:g} used"
