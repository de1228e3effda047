"""What learners read in release/: money shows as money, never as garbled maths."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
RELEASED = sorted((ROOT / "release").glob("*/*.ipynb"))
#: an unescaped dollar sign: JupyterLab and nbconvert read a pair of them as LaTeX
_DOLLAR = re.compile(r"(?<!\\)\$")
_CODE = re.compile(r"`[^`]*`")


def unescaped_dollars(markdown: str) -> list[str]:
    """Return the lines of ``markdown`` holding a ``$`` outside code that is not escaped."""
    return [line for line in markdown.splitlines() if _DOLLAR.search(_CODE.sub("", line))]


def test_the_check_can_fail() -> None:
    """The dollar check flags a bare amount and accepts escaped ones and code."""
    assert unescaped_dollars("a budget of 250 $k and 300 $k")
    assert not unescaped_dollars(r"a budget of 250 \$k, `df['$k']` and USD 3k")


@pytest.mark.parametrize("notebook", RELEASED, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_dollar_is_read_as_maths(notebook: Path) -> None:
    """Every dollar sign meant as money in a released markdown cell is escaped."""
    cells = nbformat.read(notebook, as_version=4).cells
    found = [line for cell in cells if cell.cell_type == "markdown"
             for line in unescaped_dollars(cell.source)]
    assert not found, ("write \\$ (or USD) for money in the lesson source, then rebuild: "
                       + " | ".join(found))


def test_release_was_found() -> None:
    """The check above has notebooks to read (it cannot pass on an empty release/)."""
    assert len(RELEASED) >= 10
