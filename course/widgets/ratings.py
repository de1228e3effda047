"""Rate yourself on the fifteen competencies, starting from an earlier self-assessment."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import ipywidgets as widgets

from ..lesson import Lesson
from ..roles import COMPETENCY_IDS, RATING_SCALE, check_ratings, competency_names
from .a11y import RATING_CLASS
from .base import AnswerWidget

__all__ = ["CompetencyRatings"]


class CompetencyRatings(AnswerWidget):
    """One row of buttons 1..5 per competency; the answer is ``{competency id: rating}``.

    ``start`` (for example module 00's self-assessment) fills the buttons when nothing is
    saved yet; it is saved only when the learner changes a rating or presses
    **Keep these ratings**, so building the widget never writes anything.
    """

    def __init__(self, lesson: Lesson, exercise: str,
                 start: Mapping[str, int] | None = None) -> None:
        self._start = check_ratings(start) if start else {}
        names = competency_names()
        self._buttons: dict[str, widgets.ToggleButtons] = {}
        self._showing = False
        lines = []
        top = max(RATING_SCALE)
        for competency in COMPETENCY_IDS:
            buttons = widgets.ToggleButtons(
                options=[(str(n), n) for n in RATING_SCALE], value=None,
                tooltips=[f"{n} of {top}: {text}" for n, text in RATING_SCALE.items()],
                style={"button_width": "34px"}, layout=widgets.Layout(width="auto"),
                tooltip=names[competency],
            )
            buttons.add_class(RATING_CLASS)
            buttons.observe(lambda change, c=competency: self._picked(c, change["new"]),
                            names="value")
            self._buttons[competency] = buttons
            lines.append(widgets.HBox([
                widgets.HTML(names[competency], layout=widgets.Layout(width="260px")), buttons,
            ]))
        self._keep = widgets.Button(description="Keep these ratings", button_style="primary",
                                    tooltip="Save the ratings shown as your answer")
        self._keep.add_class("plc-keep-ratings")
        self._keep.on_click(lambda _b: self.keep())
        scale = "; ".join(f"<b>{n}</b> {text}" for n, text in RATING_SCALE.items())
        super().__init__(lesson, exercise)
        self.children = [*lines, widgets.HTML(f"<small>{scale}</small>"), self._keep,
                         self._status_line]

    def check(self, value: Any) -> dict[str, int]:
        """Return ``value`` if it maps competency ids to whole numbers 1..5, else raise."""
        return check_ratings(value)

    def shown(self) -> dict[str, int]:
        """Return the ratings the buttons show now (saved or not)."""
        return {c: b.value for c, b in self._buttons.items() if b.value is not None}

    def keep(self) -> None:
        """Save the ratings shown (for example the ones carried over from module 00)."""
        shown = self.shown()
        if shown:
            self.value = shown
        else:
            self._set_status("empty", "Nothing to keep yet: choose a rating on each line.")

    def _picked(self, competency: str, rating: int | None) -> None:
        if self._showing or rating is None:
            return
        self.value = self.shown()

    def _show(self, value: Any) -> None:
        self._showing = True
        try:
            shown = value if value is not None else self._start
            for competency, buttons in self._buttons.items():
                buttons.value = (shown or {}).get(competency)
        finally:
            self._showing = False
        if value is None and self._start:
            self._set_status("empty", "Ratings carried over from your earlier self-assessment; "
                                      "adjust them or press 'Keep these ratings' to save them.")
