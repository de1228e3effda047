"""The pattern every exercise widget follows.

A widget is a thin view over a pure model: its ``value`` trait holds the learner's
answer (None until they answer), ``@validate`` checks it with the model, and an
``observe`` handler saves every accepted change to the answer record and to a copy
kept inside the notebook. Nothing here writes to stderr.
"""

from __future__ import annotations

import html
from datetime import datetime
from typing import Any

import ipywidgets as widgets
import traitlets
from IPython import get_ipython
from IPython.display import display, update_display

from ..answers import Answer, mirror_bundle
from ..lesson import Lesson
from ..models import ScenarioError
from ..models._checks import kind_of
from .a11y import A11Y_HOOK

__all__ = ["AnswerWidget"]


class AnswerWidget(widgets.VBox):
    """Base class: a widget whose ``value`` is one exercise's answer, saved on every change."""

    value = traitlets.Any(None, allow_none=True)
    status = traitlets.Unicode("")

    def __init__(self, lesson: Lesson, exercise: str, **kwargs: Any) -> None:
        if not isinstance(lesson, Lesson):
            raise TypeError(
                "the first argument must be the lesson returned by course.start(...), "
                f"got {kind_of(lesson)}"
            )
        self._lesson = lesson
        self.exercise = exercise
        self._loading = False
        self._status_line = widgets.HTML(layout=widgets.Layout(margin="4px 0 0 0"))
        self._status_line.add_class("plc-status-line")
        super().__init__(**kwargs)
        self.add_class("plc-answer-widget")
        self._display_id = f"plc-{lesson.module}-{lesson.notebook}-{exercise}"
        self._answer: Answer | None = None
        self._reload()
        self.observe(self._persist, names="value")

    # -- subclasses implement these ---------------------------------------------------
    def check(self, value: Any) -> Any:
        """Return ``value`` normalised, or raise ScenarioError saying what is wrong."""
        return value

    def _show(self, value: Any) -> None:
        """Update the controls to show ``value`` (None: the unanswered state)."""

    # -- the pattern ------------------------------------------------------------------
    @traitlets.validate("value")
    def _validate_value(self, proposal: dict[str, Any]) -> Any:
        value = proposal["value"]
        if value is None:
            return None
        try:
            return self.check(value)
        except ScenarioError as exc:
            raise traitlets.TraitError(f"{self.exercise}: {exc}") from None

    def _reload(self) -> None:
        """Load the saved answer, if any, without writing anything."""
        answer = self._lesson.saved(self.exercise)
        self._answer = answer
        if answer is None:
            self._set_status("empty", "No answer saved yet.")
            self._show(None)
            return
        self._loading = True
        try:
            self.value = answer.value
        except traitlets.TraitError as exc:
            self._set_status(
                "invalid",
                f"Your saved answer could not be shown ({exc}). It stays in the record "
                f"until you choose a new one here.",
            )
            self._show(None)
            return
        finally:
            self._loading = False
        self._show(self.value)
        self._set_status("saved", f"Saved answer loaded ({_clock(answer.saved_at)}).")

    def _persist(self, change: dict[str, Any]) -> None:
        if self._loading:
            return
        if change["new"] is None:
            self._show(None)
            return
        try:
            self._answer = self._lesson.store.save(self.exercise, change["new"])
        except (OSError, TypeError) as exc:
            self._set_status("invalid", f"Not saved: {exc}. Your choice is still shown here.")
            return
        self._show(change["new"])
        self._set_status("saved", f"Saved {_clock(self._answer.saved_at)}.")
        if get_ipython() is not None:  # outside a kernel there is no notebook to update
            update_display(
                mirror_bundle(self._lesson.store, self.exercise, self._answer),
                raw=True,
                display_id=self._display_id,
            )

    def _set_status(self, kind: str, text: str) -> None:
        self.status = f"{kind}: {text}"
        colour = {"saved": "#1a7f37", "invalid": "#b42318", "empty": "#57606a",
                  "unsaved": "#9a6700"}[kind]
        mark = {"saved": "&#10003;", "invalid": "&#9888;", "empty": "&#8226;",
                "unsaved": "&#9998;"}[kind]
        self._status_line.value = (
            f'<span class="plc-status plc-status-{kind}" style="color:{colour}">'
            f"{mark} {html.escape(text)}</span>{A11Y_HOOK}"
        )

    def _ipython_display_(self) -> None:
        display(self._repr_mimebundle_(), raw=True)
        display(
            mirror_bundle(self._lesson.store, self.exercise, self._answer),
            raw=True,
            display_id=self._display_id,
        )


def _clock(stamp: str) -> str:
    try:
        return datetime.fromisoformat(stamp).astimezone().strftime("%H:%M:%S")
    except ValueError:
        return stamp
