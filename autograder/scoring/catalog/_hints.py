"""Matching scores that say why: for each row answered wrongly, where to read again."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from autograder.scoring.rules import Score, _same, overlap
from course.forms import as_mapping, lookup


def hinted_overlap(value: Any, reference: Mapping[str, Any], hints: Mapping[str, str],
                   what: str = "rows") -> Score:
    """Score like :func:`overlap`; for each wrong row, add its hint (which never names the key).

    A hint says which passage of the reading decides the row and why, so the feedback
    explains the key without giving it away.
    """
    base = overlap(value, reference, what)
    answer = as_mapping(value)
    if answer is None:
        return base
    wrong = [k for k in reference if not _same(lookup(answer, k), reference[k])]
    notes = " ".join(f"{k}: {hints[k]}" for k in wrong if k in hints)
    return Score(base.fraction, f"{base.reason} {notes}".strip())
