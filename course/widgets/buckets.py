"""The bucketing widget: put each item in one bucket (MoSCoW, Kano categories).

Every row has a drop-down menu, so the widget works with the mouse and with the keyboard
(Tab to a menu, open it with Space or Enter or Alt+Down, pick with the arrow keys). Answers
may be partial: each choice is saved at once. With a capacity (MoSCoW), a choice that
breaks the plan is shown with its reason and not saved.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import Any

import ipywidgets as widgets
import pandas as pd
import traitlets

from ..lesson import Lesson
from ..models import ScenarioError
from ..models.prioritization import MOSCOW, MUST_SHARE, check_buckets, moscow
from .a11y import labelled_row
from .base import AnswerWidget

__all__ = ["KANO_LABELS", "MOSCOW_LABELS", "Buckets"]

#: Menu labels of the MoSCoW buckets.
MOSCOW_LABELS = {"must": "Must have", "should": "Should have", "could": "Could have",
                 "wont": "Won't have (this time)"}
#: Menu labels of the Kano categories a feature can fall in.
KANO_LABELS = {"must-be": "Must-be", "performance": "Performance (one-dimensional)",
               "attractive": "Attractive (delighter)", "indifferent": "Indifferent",
               "reverse": "Reverse"}


def _pairs(options: Sequence[str] | Mapping[str, str]) -> list[tuple[str, str]]:
    """Return ``(label, id)`` pairs from a list of ids or an id -> label mapping."""
    if isinstance(options, Mapping):
        return [(str(label), str(key)) for key, label in options.items()]
    return [(str(o), str(o)) for o in options]


def _rows(items: pd.DataFrame | Sequence[str] | Mapping[str, str], label: str) -> dict[str, str]:
    """Return ``{id: label}`` for the rows of a DataFrame (its ``label`` column) or a mapping."""
    if isinstance(items, pd.DataFrame):
        if items.empty:
            raise ScenarioError("The widget needs at least one row to sort.")
        return {
            str(i): str(items.loc[i, label]) if label in items.columns else str(i)
            for i in items.index
        }
    rows = {key: text for text, key in _pairs(items)}
    if not rows:
        raise ScenarioError("The widget needs at least one row to sort.")
    return rows


class Buckets(AnswerWidget):
    """Put each item in one bucket; the answer maps item ids to bucket ids (partial allowed).

    ``buckets`` is a list of ids or an ``{id: label}`` mapping (``MOSCOW_LABELS``,
    ``KANO_LABELS``). With a ``capacity`` the buckets must be MoSCoW's: the widget shows the
    effort in each bucket and refuses a plan whose must-haves take more than ``must_share``
    of the capacity, or whose must, should and could items do not fit in it.
    """

    _BLANK = ("(choose)", "")

    def __init__(
        self,
        lesson: Lesson,
        exercise: str,
        items: pd.DataFrame | Sequence[str] | Mapping[str, str],
        buckets: Sequence[str] | Mapping[str, str],
        *,
        label: str = "title",
        capacity: float | None = None,
        effort: str = "effort",
        must_share: float = MUST_SHARE,
    ) -> None:
        self._labels = _rows(items, label)
        self._items = list(self._labels)
        self._buckets = _pairs(buckets)
        self._bucket_ids = [key for _, key in self._buckets]
        self._bucket_names = {key: text for text, key in self._buckets}
        if len(set(self._bucket_ids)) != len(self._bucket_ids) or not self._bucket_ids:
            raise ScenarioError("The buckets must be a non-empty list of distinct ids.")
        self._capacity = None if capacity is None else float(capacity)
        self._must_share = float(must_share)
        self._effort: pd.Series | None = None
        if self._capacity is not None:
            if set(self._bucket_ids) != set(MOSCOW):
                raise ScenarioError(
                    f"A capacity works with the MoSCoW buckets {', '.join(MOSCOW)}; "
                    f"got {', '.join(self._bucket_ids)}."
                )
            if not isinstance(items, pd.DataFrame) or effort not in items.columns:
                raise ScenarioError(f"A capacity needs the items as a DataFrame with an "
                                    f"{effort!r} column.")
            self._effort = pd.to_numeric(items[effort]).rename(index=str)
            moscow({}, self._effort, self._capacity, self._must_share)  # checks the inputs
        self._draft: dict[str, str] = {}
        self._showing = False
        self._menus: dict[str, widgets.Dropdown] = {}
        lines = []
        for item in self._items:
            menu = widgets.Dropdown(options=[self._BLANK, *self._buckets], value="",
                                    tooltip=f"Bucket of {item} · {self._labels[item]}",
                                    layout=widgets.Layout(width="230px"))
            menu.add_class("plc-bucket")
            menu.add_class(f"plc-bucket-{item}")
            menu.observe(lambda change, item=item: self._picked(item, change["new"]),
                         names="value")
            self._menus[item] = menu
            text = f"{item} · {self._labels[item]}"
            if self._effort is not None:
                text += f" (effort {self._effort[item]:g})"
            lines.append(labelled_row(
                menu, widgets.HTML(html.escape(text), layout=widgets.Layout(margin="0 0 0 12px"))))
        self._summary = widgets.HTML()
        self._summary.add_class("plc-bucket-summary")
        super().__init__(lesson, exercise)
        self.children = [*lines, self._summary, self._status_line]

    # -- model ------------------------------------------------------------------------
    def check(self, value: Any) -> dict[str, str]:
        """Return ``value`` as ``{item: bucket}`` or raise ScenarioError saying what is wrong."""
        answer = check_buckets(value, self._items, self._bucket_ids)
        if self._capacity is not None:
            plan = moscow(answer, self._effort, self._capacity, self._must_share)
            if not plan.fits:
                raise ScenarioError("; ".join(plan.problems) + ".")
        return answer

    # -- actions (also usable from code) -----------------------------------------------
    def put(self, item: str, bucket: str | None) -> None:
        """Put ``item`` in ``bucket`` (None or "" takes it out); refused plans are not saved."""
        draft = dict(self._draft)
        if bucket:
            draft[str(item)] = str(bucket)
        else:
            draft.pop(str(item), None)
        self._commit(draft)

    @property
    def effort_by_bucket(self) -> dict[str, float]:
        """The effort in each bucket as shown (empty without a capacity)."""
        if self._effort is None:
            return {}
        return {b: float(sum(self._effort[i] for i, x in self._draft.items() if x == b))
                for b in self._bucket_ids}

    def _picked(self, item: str, bucket: str) -> None:
        if not self._showing:
            self.put(item, bucket)

    def _commit(self, draft: dict[str, str]) -> None:
        try:
            self.value = draft
        except traitlets.TraitError as exc:  # refused: keep it on screen, say why
            self._draft = draft
            self._refresh()
            self._set_status("invalid", f"Not saved: {str(exc).split(': ', 1)[-1]}")

    # -- view -------------------------------------------------------------------------
    def _show(self, value: Any) -> None:
        self._draft = dict(value or {})
        self._refresh()

    def _refresh(self) -> None:
        self._showing = True
        try:
            for item, menu in self._menus.items():
                bucket = self._draft.get(item, "")
                menu.value = bucket if bucket in self._bucket_ids else ""
        finally:
            self._showing = False
        placed = len([i for i in self._draft if i in self._labels])
        parts = [f"{placed} of {len(self._items)} placed"]
        if self._effort is not None:
            used = self.effort_by_bucket
            limit = self._capacity * self._must_share
            planned = used["must"] + used["should"] + used["could"]
            must_ok = used["must"] <= limit + 1e-9
            plan_ok = planned <= self._capacity + 1e-9
            parts.append(_mark(must_ok, f"must-haves {used['must']:g} of at most {limit:g} "
                                        f"({self._must_share:.0%} of capacity)"))
            parts.append(_mark(plan_ok, f"must + should + could {planned:g} of "
                                        f"{self._capacity:g}"))
        self._summary.value = " · ".join(parts)


def _mark(ok: bool, text: str) -> str:
    colour = "#1a7f37" if ok else "#b42318"
    return f'<span style="color:{colour}">{html.escape(text)}</span>'
