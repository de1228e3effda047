"""What a learner's scenario looks like to the tests: their data, figures and outputs."""

from __future__ import annotations

from typing import Any

import pandas as pd

from course.data import figure, load
from course.variants import Variant, active

__all__ = ["figure_as", "outputs_text", "table_as"]


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
