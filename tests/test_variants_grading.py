"""Each learner is graded against their own scenario, through the real pipeline.

Honest learners keep full marks on theirs, swapped answer records lose points, and the
instructor is told which scenario an answer was made on.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import nbformat
import pytest

from autograder.nbg import copy_course, nbgrader
from autograder.pipeline.parallel import grade as grade_cohort
from course.data import figure, load
from course.variants import Variant, active
from tests.learners import run_notebook, strip_answer_copies, submit
from tests.pipeline import auto_maxima, scores, solve

pytestmark = [pytest.mark.pipeline, pytest.mark.xdist_group("variants")]

MODULE = "01-product-manager"
NB2 = "2-prioritize-and-measure"
HONEST = ("alice", "bob")
SWAPPED = ("carol", "dave")


def _total(got: dict[str, dict[str, float | None]], notebook: str) -> float:
    return sum(v or 0 for v in got[notebook].values())


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Four learners of module 01 solve their own scenario; two of them swap answer records."""
    tmp = tmp_path_factory.mktemp("variants")
    root = copy_course(tmp / "course")
    nbgrader("generate_assignment", MODULE, "--force", root=root)
    source = root / "source" / MODULE
    solved = {who: solve(source, tmp / who, who) for who in (*HONEST, *SWAPPED)}
    for who in HONEST:
        submit(root, who, MODULE, sorted(solved[who].iterdir()))
    # carol hands in her notebooks with dave's answer records, and dave with carol's
    for who, other in zip(SWAPPED, reversed(SWAPPED), strict=True):
        folder = tmp / f"{who}-swapped"
        shutil.copytree(solved[who], folder)
        for record in solved[other].glob("*.answers.json"):
            shutil.copy2(record, folder / record.name)
        _drop_answer_copies(folder)
        submit(root, who, MODULE, sorted(folder.iterdir()))
    summary = grade_cohort(root, [MODULE], workers=2, progress=False)
    assert summary.count("failed") == 0, "\n".join(summary.lines())
    return root


def _drop_answer_copies(folder: Path) -> None:
    """Keep only the records as answers (the notebooks' copies would restore the originals)."""
    for path in folder.glob("*.ipynb"):
        strip_answer_copies(path)


def test_two_learners_get_different_numbers() -> None:
    """Learners alice and bob get different backlogs, capacities or funnels, every time the same."""
    seen = []
    for who in HONEST:
        with active(Variant(who)):
            seen.append((load("m01_backlog")[["reach", "effort"]].to_json(),
                         figure("m01_capacity"), len(load("m01_funnel_events"))))
        with active(Variant(who)):
            assert (load("m01_backlog")[["reach", "effort"]].to_json(), figure("m01_capacity"),
                    len(load("m01_funnel_events"))) == seen[-1], "deterministic"
    assert seen[0] != seen[1]


def test_released_notebook_shows_each_learner_their_numbers(tmp_path: Path) -> None:
    """Module 01's released notebook, run as alice and as bob, shows different numbers."""
    release = Path(__file__).resolve().parents[1] / "release" / MODULE / f"{NB2}.ipynb"
    shown = {}
    for who in HONEST:
        folder = tmp_path / who
        folder.mkdir()
        shutil.copy2(release, folder / release.name)
        nb = run_notebook(folder / release.name, learner=who)
        texts = {c.metadata.get("nbgrader", {}).get("grade_id"): json.dumps(c.get("outputs", []))
                 for c in nb.cells if c.cell_type == "code"}
        assert f"Learner {who}" in texts["setup-2"]
        shown[who] = (texts["rice-data"], texts["funnel-data"])
    assert shown["alice"][0] != shown["bob"][0], "backlogs differ"
    assert shown["alice"][1] != shown["bob"][1], "funnels differ"


@pytest.mark.parametrize("learner", HONEST)
def test_honest_learner_keeps_full_marks_on_their_own_scenario(course: Path, learner: str) -> None:
    """A learner who solved their own scenario earns every auto-graded point."""
    got, maxima = scores(course, MODULE, learner), auto_maxima(course, MODULE)
    for nb, cells in maxima.items():
        assert {cell: got[nb][cell] for cell in cells} == cells, nb


@pytest.mark.parametrize("learner", SWAPPED)
def test_swapped_records_lose_points(course: Path, learner: str) -> None:
    """Answers saved on a classmate's scenario score what they deserve on one's own: less."""
    got, maxima = scores(course, MODULE, learner), auto_maxima(course, MODULE)
    assert _total(got, NB2) < sum(maxima[NB2].values()) - 1
    # the values computed by the learner's own code still fit their own data
    assert got[NB2]["rice-scores-test"] == maxima[NB2]["rice-scores-test"]


@pytest.mark.parametrize("learner", SWAPPED)
def test_instructor_is_told_where_a_swapped_answer_was_made(course: Path, learner: str) -> None:
    """The graded notebook names the scenario an answer was made on and the one graded."""
    other = SWAPPED[1 - SWAPPED.index(learner)]
    nb = nbformat.read(course / "autograded" / learner / MODULE / f"{NB2}.ipynb", 4)
    text = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code"
                   for o in c.get("outputs", []))
    assert (f"made on scenario {Variant(other).id}, not on {learner}'s own scenario "
            f"{Variant(learner).id}") in text


def test_honest_learner_sees_no_mismatch_note(course: Path) -> None:
    """An answer made on the learner's own scenario carries no note."""
    nb = nbformat.read(course / "autograded" / "alice" / MODULE / f"{NB2}.ipynb", 4)
    assert "made on scenario" not in json.dumps(nb)
