"""The RACI grid: for each decision, who prepares it, decides, is consulted or informed."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import ipywidgets as widgets
import traitlets

from ..lesson import Lesson
from ..models.career import RACI_LETTERS, check_raci
from .base import AnswerWidget
from .choice import _pairs, _plain

__all__ = ["RaciGrid"]


class RaciGrid(AnswerWidget):
    """A grid of decisions (rows) by roles (columns); each cell holds R, A, C, I or "-".

    The answer is ``{decision id: {role id: letter}}`` and may be partly filled. A row with
    two deciders (two A's) is refused: the grid shows why and the last valid grid stays saved.
    """

    _BLANK = ("", "")

    def __init__(
        self, lesson: Lesson, exercise: str,
        rows: Sequence[str] | Mapping[str, str], columns: Sequence[str] | Mapping[str, str],
    ) -> None:
        self._rows = _pairs(rows)
        self._row_ids = [key for _, key in self._rows]
        self._columns = _pairs(columns)
        self._column_ids = [key for _, key in self._columns]
        self._cells: dict[tuple[str, str], widgets.Dropdown] = {}
        self._showing = False
        options = [self._BLANK, *[(letter, letter) for letter in RACI_LETTERS]]
        head = [widgets.HTML("<b>Decision</b>")] + [
            widgets.HTML(f"<b>{label}</b>") for label, _ in self._columns
        ]
        grid_cells: list[widgets.Widget] = list(head)
        for text, row in self._rows:
            grid_cells.append(widgets.HTML(f"{row}. {text}"))
            for label, column in self._columns:
                cell = widgets.Dropdown(options=options, value="", description="",
                                        tooltip=f"{row}. {_plain(text)}: {label}",
                                        layout=widgets.Layout(width="64px"))
                cell.add_class("plc-raci-cell")
                cell.observe(lambda change, r=row, c=column: self._picked(r, c, change["new"]),
                             names="value")
                self._cells[(row, column)] = cell
                grid_cells.append(cell)
        template = "minmax(260px, 1fr) " + " ".join("80px" for _ in self._columns)
        self._grid = widgets.GridBox(grid_cells, layout=widgets.Layout(
            grid_template_columns=template, grid_gap="4px 8px", align_items="center"))
        legend = "; ".join(f"<b>{k}</b> {v}" for k, v in RACI_LETTERS.items())
        super().__init__(lesson, exercise)
        self.children = [self._grid, widgets.HTML(f"<small>{legend}</small>"), self._status_line]

    def check(self, value: Any) -> dict[str, dict[str, str]]:
        """Return ``value`` if it is a well-formed grid, else raise ScenarioError."""
        return check_raci(value, self._row_ids, self._column_ids)

    def _shown(self) -> dict[str, dict[str, str]]:
        grid: dict[str, dict[str, str]] = {}
        for (row, column), cell in self._cells.items():
            if cell.value:
                grid.setdefault(row, {})[column] = cell.value
        return grid

    def _picked(self, row: str, column: str, letter: str) -> None:
        if self._showing:
            return
        try:
            self.value = self._shown()
        except traitlets.TraitError as exc:  # refused: cells stay as shown, nothing saved
            self._set_status("invalid", f"Not saved: {str(exc).split(': ', 1)[-1]}")

    def _show(self, value: Any) -> None:
        self._showing = True
        try:
            for (row, column), cell in self._cells.items():
                cell.value = ((value or {}).get(row) or {}).get(column, "")
        finally:
            self._showing = False
