"""Tables for reading: readable headers with units, "none" for a gap, enough decimals.

``styled(frame)`` returns a pandas Styler that a notebook shows in place of the raw frame:

- each header is readable ("Min engineers if funded") with its unit, and keeps the
  column's name in small code type beneath it, so the learner still knows what to type
  in pandas;
- a missing value (NaN, None, an empty text) shows as "none";
- numbers get thousands separators (not in id columns: ``user_id`` 100081) and
  ``digits`` decimals, shares in ``percent`` columns show as percentages with one decimal
  (84.5%, not 0.8);
- long text (descriptions, comments) wraps in a column of reading width;
- a wide table scrolls sideways instead of being clipped on the right.

Headers, percentage columns and decimals come from the arguments, else from
``frame.attrs`` (``"headers"``, ``"percent"``, ``"digits"``), which the course's models set
on the tables they return. The frame itself is never changed.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from numbers import Integral, Real
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

if TYPE_CHECKING:  # pragma: no cover
    from pandas.io.formats.style import Styler

__all__ = ["MISSING", "readable", "styled"]

#: Text longer than this many characters wraps (a description, a comment).
_WRAP_AT = 40

#: What a missing value shows as.
MISSING = "none"

_TABLE_CSS = [
    # a wide table scrolls inside the output instead of being cut off on the right
    {"selector": "", "props": "display:block; overflow-x:auto; max-width:100%; "
                              "border-collapse:collapse; font-size:12px"},
    {"selector": "th.col_heading", "props": "white-space:normal; vertical-align:bottom; "
                                            "text-align:right; min-width:6em; max-width:11em; "
                                            "padding:4px 6px"},
    {"selector": "th.row_heading", "props": "text-align:left; white-space:nowrap"},
    {"selector": "td", "props": "white-space:nowrap; padding:2px 6px"},
    {"selector": "code", "props": "font-size:85%; color:#57606a; font-weight:normal"},
]


#: Words written in capitals wherever a code name is made readable.
_ACRONYMS = {"smb": "SMB", "nps": "NPS", "kpi": "KPI", "rice": "RICE", "wsjf": "WSJF",
             "okr": "OKR", "arr": "ARR", "mrr": "MRR"}


def readable(name: object) -> str:
    """Return a code name for reading: ``min_units`` -> "Min units", ``smb`` -> "SMB"."""
    words = [_ACRONYMS.get(w.lower(), w) for w in str(name).replace("_", " ").split()]
    text = " ".join(words)
    return text[:1].upper() + text[1:] if text else text


def _is_code(column: object) -> bool:
    """An id column (``user_id``, ``id``): its numbers are names, shown without separators."""
    name = str(column).lower()
    return name == "id" or name.endswith("_id")


def _header(column: object, label: str) -> str:
    own = html.escape(label)
    if str(column) == label:
        return own
    return f"{own}<br><code>{html.escape(str(column))}</code>"


def _formatter(digits: int, percent: bool, code: bool = False) -> Any:
    def show(value: Any) -> str:
        if value is None or (isinstance(value, str) and not value.strip()):
            return MISSING
        if isinstance(value, (bool, np.bool_)):
            return "yes" if value else "no"
        if isinstance(value, Real):
            if value != value:  # NaN
                return MISSING
            if percent:
                return f"{float(value):.1%}"
            if isinstance(value, Integral):
                return str(int(value)) if code else f"{int(value):,}"
            return f"{float(value):,.{digits}f}"
        return str(value)

    return show


def styled(frame: pd.DataFrame, headers: Mapping[str, str] | None = None, *,
           percent: Iterable[str] | None = None, digits: int | None = None,
           caption: str | None = None) -> Styler:
    """Return ``frame`` styled for reading (see the module docstring); the frame is unchanged.

    ``headers`` maps a column to its label with unit ("revenue": "Revenue ($k)"); a column
    without one gets its name made readable. ``percent`` names share columns (0.845 shows
    as 84.5%); ``digits`` is the decimals of other numbers (default 2).
    """
    if isinstance(frame, pd.Series):
        frame = frame.to_frame()
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"styled() shows a pandas DataFrame, got {type(frame).__name__}")
    attrs = getattr(frame, "attrs", {}) or {}
    labels = {**attrs.get("headers", {}), **(headers or {})}
    shares = set(attrs.get("percent", ())) if percent is None else set(percent)
    places = attrs.get("digits", 2) if digits is None else digits
    styler = frame.style.format(
        {column: _formatter(places, column in shares, _is_code(column))
         for column in frame.columns},
        na_rep=MISSING,
    )
    styler = styler.format_index(
        lambda column: _header(column, labels.get(str(column), readable(column))),
        axis=1, escape=None,
    )
    words = [c for c in frame.columns if not (pd.api.types.is_numeric_dtype(frame[c])
                                              or pd.api.types.is_bool_dtype(frame[c]))]
    if words:  # text reads from the left, numbers line up on the right
        styler = styler.set_properties(subset=words, **{"text-align": "left"})
    # long text wraps in a column of reading width instead of running off to the right
    prose = [c for c in words if frame[c].astype(str).str.len().max() > _WRAP_AT]
    # mathjax_ignore: JupyterLab typesets HTML outputs, and two "$k" would read as maths
    styler = styler.set_table_styles(_TABLE_CSS)
    if prose:
        styler = styler.set_table_styles(
            {c: [{"selector": "td", "props": "white-space:normal; min-width:16em; max-width:28em"},
                 {"selector": "th", "props": "text-align:left"}] for c in prose},
            overwrite=False)
    styler = styler.set_table_attributes(
        'class="mathjax_ignore tex2jax_ignore"')
    if caption:
        styler = styler.set_caption(caption)
    return styler
