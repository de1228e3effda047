"""Choice widgets: pick one option, or match each row to one option."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from typing import Any

import ipywidgets as widgets

from ..lesson import Lesson
from ..models import ScenarioError
from ..models._checks import kind_of
from .a11y import labelled_row
from .base import AnswerWidget

__all__ = ["Choice", "Matching"]


def _pairs(options: Sequence[str] | Mapping[str, str]) -> list[tuple[str, str]]:
    """Return ``(label, id)`` pairs from a list of ids or an id -> label mapping."""
    if isinstance(options, Mapping):
        return [(str(label), str(key)) for key, label in options.items()]
    return [(str(o), str(o)) for o in options]


def _plain(text: str) -> str:
    """Return ``text`` without HTML tags or entities, on one line (a control's name)."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", str(text))).split())


class Choice(AnswerWidget):
    """Pick exactly one option; the answer is the option's id."""

    def __init__(
        self, lesson: Lesson, exercise: str, options: Sequence[str] | Mapping[str, str],
        *, prompt: str = "",
    ) -> None:
        self._pairs = _pairs(options)
        self._ids = [key for _, key in self._pairs]
        self._radio = widgets.RadioButtons(options=self._pairs, value=None,
                                           tooltip=_plain(prompt) or exercise.replace("-", " "),
                                           layout=widgets.Layout(width="max-content"))
        self._radio.add_class("plc-choice")
        self._radio.add_class(f"plc-choice-{exercise}")
        self._radio.observe(self._picked, names="value")
        super().__init__(lesson, exercise)
        head = [widgets.HTML(f"<b>{prompt}</b>")] if prompt else []
        self.children = [*head, self._radio, self._status_line]

    def check(self, value: Any) -> str:
        """Return ``value`` if it is one of the options, else raise ScenarioError."""
        if not isinstance(value, str) or value not in self._ids:
            raise ScenarioError(
                f"{value!r} is not one of the options; choose one of {', '.join(self._ids)}."
            )
        return value

    def _picked(self, change: dict[str, Any]) -> None:
        if change["new"] is not None and change["new"] != self.value:
            self.value = change["new"]

    def _show(self, value: Any) -> None:
        self._radio.value = value


class Matching(AnswerWidget):
    """Match each row to one option; the answer maps row ids to option ids (partial allowed)."""

    _BLANK = ("(choose)", "")

    def __init__(
        self, lesson: Lesson, exercise: str,
        rows: Sequence[str] | Mapping[str, str], options: Sequence[str] | Mapping[str, str],
    ) -> None:
        self._rows = _pairs(rows)
        self._row_ids = [key for _, key in self._rows]
        self._options = _pairs(options)
        self._option_ids = [key for _, key in self._options]
        self._dropdowns: dict[str, widgets.Dropdown] = {}
        lines = []
        for text, key in self._rows:
            dropdown = widgets.Dropdown(options=[self._BLANK, *self._options], value="",
                                        tooltip=_plain(text),
                                        layout=widgets.Layout(width="220px"))
            dropdown.add_class("plc-match")
            dropdown.add_class(f"plc-match-{key}")
            dropdown.observe(lambda change, key=key: self._picked(key, change["new"]),
                             names="value")
            self._dropdowns[key] = dropdown
            lines.append(labelled_row(
                dropdown, widgets.HTML(text, layout=widgets.Layout(margin="0 0 0 12px"))))
        self._showing = False
        super().__init__(lesson, exercise)
        self.children = [*lines, self._status_line]

    def check(self, value: Any) -> dict[str, str]:
        """Return ``value`` if it maps known rows to known options, else raise ScenarioError."""
        if not isinstance(value, Mapping):
            raise ScenarioError(
                f"A matching answer maps each row id to an option id; got {kind_of(value)}."
            )
        answer = {}
        for row, option in value.items():
            if row not in self._row_ids:
                raise ScenarioError(f"{row!r} is not a row of this exercise.")
            if option not in self._option_ids:
                raise ScenarioError(
                    f"{option!r} (for {row!r}) is not an option; use one of "
                    f"{', '.join(self._option_ids)}."
                )
            answer[str(row)] = str(option)
        return answer

    def _picked(self, row: str, option: str) -> None:
        if self._showing:
            return
        answer = dict(self.value or {})
        if option:
            answer[row] = option
        else:
            answer.pop(row, None)
        self.value = answer

    def _show(self, value: Any) -> None:
        self._showing = True
        try:
            for row, dropdown in self._dropdowns.items():
                dropdown.value = (value or {}).get(row, "")
        finally:
            self._showing = False
