"""The quick cell-metadata check gives nbgrader's verdicts on every source notebook and damage."""

from __future__ import annotations

import copy
from pathlib import Path

import nbformat
import pytest
from nbgrader.nbgraderformat import SchemaTooOldError, ValidationError
from nbgrader.preprocessors import CheckCellMetadata

from autograder.pipeline.metadata import QuickCheckCellMetadata

SOURCES = sorted((Path(__file__).resolve().parents[1] / "source").glob("*/*.ipynb"))


def _verdict(check: type, nb: nbformat.NotebookNode) -> str:
    try:
        check().preprocess(copy.deepcopy(nb), {})
    except Exception as exc:  # noqa: BLE001 - the verdict is the exception's type
        return type(exc).__name__
    return "ok"


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_source_notebooks_pass_both(path: Path) -> None:
    """Every source notebook passes the stock and the quick check."""
    nb = nbformat.read(path, as_version=4)
    assert _verdict(CheckCellMetadata, nb) == _verdict(QuickCheckCellMetadata, nb) == "ok"


@pytest.mark.parametrize("damage", ["points", "grade", "extra", "version-old", "version-new"])
def test_damaged_metadata_gets_the_same_verdict(damage: str) -> None:
    """Wrong types, unknown keys and other schema versions fail both checks alike."""
    nb = nbformat.read(SOURCES[0], as_version=4)
    meta = next(c.metadata.nbgrader for c in nb.cells if c.metadata.get("nbgrader", {}).get(
        "grade"))
    if damage == "points":
        meta["points"] = "lots"
    elif damage == "grade":
        meta["grade"] = "yes"
    elif damage == "extra":
        meta["surprise"] = 1
    elif damage == "version-old":
        meta["schema_version"] = 1
    else:
        meta["schema_version"] = 99
    stock, quick = _verdict(CheckCellMetadata, nb), _verdict(QuickCheckCellMetadata, nb)
    assert stock == quick
    if damage in ("points", "grade"):
        assert quick == ValidationError.__name__
    if damage == "version-old":
        assert quick == SchemaTooOldError.__name__
