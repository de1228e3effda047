"""Module 08 per learner: the panel's ratings and Noor's case vary; the facts stay."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from autograder.scoring.catalog import get, m08, soundness_checks
from autograder.scoring.grade import score
from course.data import base
from course.roles import profiles
from course.variants import Variant, active
from tests.learners import run_notebook
from tests.variants import outputs_text, table_as

MODULE = "08-career-progression"
ROOT = Path(__file__).resolve().parents[1]
VARIED = ("m08_panel", "m08_case")


@pytest.mark.parametrize("name", VARIED)
def test_learners_get_their_own_data(name: str) -> None:
    """Alice and Bob get different ratings; each gets the same ratings every time."""
    alice, bob = table_as("alice", name), table_as("bob", name)
    assert not alice.equals(bob)
    assert alice.equals(table_as("alice", name)) and bob.equals(table_as("bob", name))


def test_facts_stay_the_same_for_everybody() -> None:
    """Candidates, profiles and Noor's evidence are the same whoever asks."""
    assert table_as("alice", "m08_candidates").equals(table_as("bob", "m08_candidates"))
    assert table_as("alice", "m08_candidates").equals(base("m08_candidates"))
    assert table_as("alice", "m08_case")["evidence"].equals(base("m08_case")["evidence"])
    with active(Variant("alice")):
        alice = profiles()
    with active(Variant("bob")):
        assert profiles().equals(alice)


def test_panel_keeps_the_shape_and_the_stories() -> None:
    """One rating 1..5 per candidate, criterion and rater; the story shortfalls stay."""
    for learner in ("alice", "bob", "carol"):
        panel = table_as(learner, "m08_panel")
        committed = base("m08_panel")
        assert panel[["candidate", "competency", "rater"]].equals(
            committed[["candidate", "competency", "rater"]])
        assert panel["rating"].between(1, 5).all()
        with active(Variant(learner)):
            meets = m08.meets_reference()
            verdicts = m08.decisions()
        assert not meets.loc["C2", "team-management"] and not meets.loc["C4", "data-analysis"]
        assert verdicts["C2"] == verdicts["C6"] == "not-yet"


def test_noors_ratings_stay_within_her_evidence() -> None:
    """Noor's ratings move by at most a point and never past what her evidence rules out."""
    committed = base("m08_case")["rating"]
    seen = set()
    for learner in ("alice", "bob", "carol", "dan"):
        ratings = table_as(learner, "m08_case")["rating"]
        assert ((ratings - committed).abs() <= 1).all()
        assert ratings[["team-management", "business-acumen",
                        "strategic-partnerships"]].le(2).all()
        seen.add(tuple(ratings))
    assert len(seen) > 1


def test_answers_swapped_between_learners_lose_points() -> None:
    """Alice's right answers, graded on another learner's scenario, lose points there."""
    with active(Variant("alice")):
        meets = m08.meets_reference()
    with active(Variant("bob")):
        assert score(get(f"{MODULE}/readiness-criteria"), meets)[0] < 3
    lost = 0
    with active(Variant("alice")):
        case = get(f"{MODULE}/promotion-case").reference()
    for learner in ("bob", "carol", "dan", "erin"):
        with active(Variant(learner)):
            lost += score(get(f"{MODULE}/promotion-case"), case)[0] < 4
    assert lost, "Noor's case differs on at least one other scenario"


def test_soundness_checks_pass_for_a_few_learners() -> None:
    """The module's own soundness checks find nothing on a handful of variants."""
    checks = soundness_checks()[MODULE]
    assert set(checks) == {"panel", "case"}
    for learner in ("alice", "bob", "carol"):
        with active(Variant(learner)):
            assert {name: check() for name, check in checks.items()} == dict.fromkeys(checks, [])


@pytest.mark.pipeline
def test_released_notebook_shows_each_learner_their_ratings(tmp_path: Path) -> None:
    """The released lesson 2 run as Alice and as Bob shows each their own Noor."""
    shown = {}
    for learner in ("alice", "bob"):
        folder = tmp_path / learner
        folder.mkdir()
        path = folder / "2-gap-and-plan.ipynb"
        shutil.copy(ROOT / "release" / MODULE / path.name, path)
        nb = run_notebook(path, timeout=120, learner=learner)
        shown[learner] = outputs_text(nb.cells)
        assert Variant(learner).id in shown[learner]
        case = next(c for c in nb.cells if c.get("id") == "case-data")
        shown[learner + ":case"] = outputs_text([case])
    assert shown["alice:case"] != shown["bob:case"]
