"""What a learner's scenario looks like to the tests: their data, figures and outputs."""

from __future__ import annotations

from typing import Any

import pandas as pd

from course.data import figure, load
from course.variants import Variant, active

__all__ = ["assert_figure_varies", "assert_table_varies", "figure_as", "outputs_text",
           "table_as"]


def table_as(learner: str, name: str) -> pd.DataFrame:
    """Return the data set ``name`` as ``learner`` sees it."""
    with active(Variant(learner)):
        return load(name)


def figure_as(learner: str, name: str) -> float:
    """Return the figure ``name`` as ``learner`` sees it."""
    with active(Variant(learner)):
        return figure(name)


def outputs_text(cells: list[Any]) -> str:
    """Every output text of executed notebook cells, joined."""
    parts = []
    for cell in cells:
        for output in cell.get("outputs", []):
            parts.append(str(output.get("text", "")))
            for value in output.get("data", {}).values():
                parts.append(str(value))
    return "\n".join(parts)


def assert_table_varies(name: str) -> None:
    """Alice and Bob see different ``name`` tables, each the same every time, and rebuilt alike."""
    from course.variation import VARIES, Draw

    alice, bob = table_as("alice", name), table_as("bob", name)
    assert not alice.equals(bob)
    assert alice.equals(table_as("alice", name)) and bob.equals(table_as("bob", name))
    rebuilt = VARIES[name](Draw(Variant("alice"), name))  # no cache: drawn again
    pd.testing.assert_frame_equal(rebuilt, alice)


def assert_figure_varies(name: str, learners: tuple[str, ...]) -> None:
    """The figure ``name`` takes several values across ``learners``, one per learner."""
    from course.variation import VARIES, Draw

    values = {learner: figure_as(learner, name) for learner in learners}
    assert len(set(values.values())) > 1
    assert all(VARIES[name](Draw(Variant(who), name)) == v for who, v in values.items())
