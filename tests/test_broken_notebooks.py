"""Broken notebooks real classes hand in, graded with a reason instead of failing (tamper suite).

Each learner hands in module 01 solved and then damaged the way another editor or a
copy-and-paste damages it: grading marks stripped from every cell (nbgrader #1398), an
answer cell or a test cell duplicated with its grade id (#1083), a test cell turned into
markdown (#92), or a notebook saved by another editor (no cell ids, an older nbformat
minor, metadata keys reordered). Every one keeps the solution's full marks, through the
stock ``nbgrader autograde`` command, and what was mended is shown in the graded notebook.
"""

from __future__ import annotations

import copy
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import nbformat
import pytest

from autograder.nbg import copy_course, nbgrader
from autograder.pipeline.parallel import grade
from tests.cohorts import gradebook
from tests.learners import submit
from tests.pipeline import scores, share_variant, solve

pytestmark = [pytest.mark.pipeline, pytest.mark.xdist_group("broken")]

MODULE = "01-product-manager"
NB2 = "2-prioritize-and-measure"


def _strip(raw: dict) -> None:
    for i, cell in enumerate(raw["cells"]):
        cell["metadata"].pop("nbgrader", None)
        cell["id"] = f"pasted-{i:03d}"


def _duplicate(cell_id: str) -> Callable[[dict], None]:
    def damage(raw: dict) -> None:
        i = next(i for i, c in enumerate(raw["cells"]) if c.get("id") == cell_id)
        twin = copy.deepcopy(raw["cells"][i])
        twin["id"] = f"{cell_id}-copy"
        raw["cells"].insert(i + 1, twin)
    return damage


def _markdown_test(raw: dict) -> None:
    cell = next(c for c in raw["cells"] if c.get("id") == "rice-scores-test")
    cell["cell_type"] = "markdown"
    cell.pop("outputs")
    cell.pop("execution_count")


def _other_editor(raw: dict) -> None:
    raw["nbformat_minor"] = 4
    for cell in raw["cells"]:
        cell.pop("id", None)
        cell["metadata"] = dict(reversed(list(cell["metadata"].items())))


DAMAGE: dict[str, Callable[[dict], None]] = {
    "stripped": _strip, "duplicated-answer": _duplicate("rice-code"),
    "duplicated-test": _duplicate("rice-scores-test"), "markdown-test": _markdown_test,
    "other-editor": _other_editor,
}


@pytest.fixture(scope="module")
def graded(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The damaged cohort graded by stock nbgrader autograde and by the parallel grader."""
    tmp = tmp_path_factory.mktemp("broken")
    course = copy_course(tmp / "stock")
    share_variant(course)  # one solved folder, damaged and handed in under many ids
    nbgrader("generate_assignment", MODULE, "--force", root=course)
    solved = solve(course / "source" / MODULE, tmp / "solved", "solution", mode="shared")
    submit(course, "solution", MODULE, sorted(solved.iterdir()))
    for name, damage in DAMAGE.items():
        folder = tmp / name
        shutil.copytree(solved, folder)
        path = folder / f"{NB2}.ipynb"
        raw = json.loads(path.read_text())
        damage(raw)
        path.write_text(json.dumps(raw))
        submit(course, name, MODULE, sorted(folder.iterdir()))
    parallel = tmp / "parallel"
    shutil.copytree(course, parallel)
    nbgrader("autograde", MODULE, root=course)
    summary = grade(parallel, [MODULE], workers=2, progress=False)
    assert summary.count("failed") == 0, "\n".join(summary.lines())
    return {"stock": course, "parallel": parallel}


@pytest.mark.parametrize("learner", list(DAMAGE))
def test_damaged_notebook_keeps_full_marks(graded: dict[str, Path], learner: str) -> None:
    """A correct notebook damaged by an editor scores what the undamaged solution scores."""
    course = graded["stock"]
    assert scores(course, MODULE, learner) == scores(course, MODULE, "solution")


@pytest.mark.parametrize("learner", ["stripped", "duplicated-answer", "duplicated-test"])
def test_what_was_mended_is_shown(graded: dict[str, Path], learner: str) -> None:
    """The graded notebook says what was matched or which duplicate counted."""
    nb = nbformat.read(graded["stock"] / "autograded" / learner / MODULE / f"{NB2}.ipynb", 4)
    text = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code"
                   for o in c.get("outputs", []))
    expected = "matched to the released notebook" if learner == "stripped" else "first copy"
    assert expected in text


def test_every_submission_is_counted(graded: dict[str, Path]) -> None:
    """Count in = count graded, stock and parallel alike, with identical gradebooks."""
    book = gradebook(graded["stock"])
    learners = {key[1] for key in book}
    assert learners == {"solution", *DAMAGE}
    assert book == gradebook(graded["parallel"])
