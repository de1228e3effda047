"""Module 10's per-learner scenarios: the onboarding experiment and the pricing proposals."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from autograder.scoring.catalog import get
from autograder.scoring.catalog.m10 import best_proposal, experiment_reference, pricing_reference
from autograder.scoring.grade import grade
from autograder.scoring.tester import check_variants
from course.data import base, load
from course.variants import Variant, active
from course.variation import VARIES, Draw
from tests.learners import run_notebook
from tests.variants import outputs_text

ROOT = Path(__file__).resolve().parents[1]
MODULE = "10-competencies"
#: The data sets of module 10 that vary; the behaviours and scenarios stay facts.
VARIED = ("m10_experiment", "m10_pricing")


def _build(name: str, learner: str) -> pd.DataFrame:
    """Build ``name`` afresh for ``learner`` (no cache in between)."""
    return VARIES[name](Draw(Variant(learner), name))


@pytest.mark.parametrize("name", VARIED)
def test_two_learners_get_different_data_and_one_learner_the_same(name: str) -> None:
    """Alice and Bob get different numbers; Alice gets hers again, built afresh."""
    alice, bob = _build(name, "alice"), _build(name, "bob")
    assert not alice.equals(bob)
    pd.testing.assert_frame_equal(alice, _build(name, "alice"))
    assert list(alice.columns) == list(base(name).columns)
    assert list(alice.index) == list(base(name).index)


def test_facts_stay_the_same_for_everybody() -> None:
    """The behaviours, scenarios and responses of the track do not vary."""
    for name in ("m10_behaviours", "m10_scenarios", "m10_scenario_options"):
        assert name not in VARIES
        with active(Variant("alice")):
            alice = load(name)
        with active(Variant("bob")):
            pd.testing.assert_frame_equal(alice, load(name))


def test_the_story_holds_on_many_variants() -> None:
    """On every variant: the pooled gap misleads, the discount trap holds, one best profit."""
    winners = set()
    for number in range(40):
        with active(Variant(f"story-{number}")):
            rates = experiment_reference()
            gap = rates["test"] - rates["control"]
            assert gap["all"] >= 0.03 and gap["new"] >= 0.01 and gap["returning"] < 0
            plans = pricing_reference()
            assert plans.loc["P1", "revenue"] > plans.loc["P0", "revenue"]
            assert plans.loc["P1", "profit"] < plans.loc["P0", "profit"]
            assert plans["revenue"].idxmax() != best_proposal()
            winners.add(best_proposal())
    assert len(winners) > 1, "the best proposal differs between learners"


def test_the_variant_tester_finds_nothing() -> None:
    """Fifty variants: references full, blanks zero, every typical mistake below full."""
    result = check_variants(50, [MODULE])
    assert result.ok, result.findings[:5]
    assert set(result.checked) == {f"{MODULE}/experiment-rates", f"{MODULE}/pricing-profit",
                                   f"{MODULE}/pricing-call"}
    assert set(result.checks) == {f"{MODULE}/experiment", f"{MODULE}/pricing"}


def test_answers_made_on_another_learners_data_lose_points() -> None:
    """Alice's right tables, graded on Bob's variant, earn less than full marks; and back."""
    for mine, theirs in (("alice", "bob"), ("bob", "alice")):
        with active(Variant(mine)):
            answers = {"experiment-rates": experiment_reference(),
                       "pricing-profit": pricing_reference()}
        with active(Variant(theirs)):
            for exercise, value in answers.items():
                key = f"{MODULE}/{exercise}"
                assert grade(key, value) < get(key).points, (mine, exercise)
        with active(Variant(mine)):
            for exercise, value in answers.items():
                key = f"{MODULE}/{exercise}"
                assert grade(key, value) == get(key).points, (mine, exercise)


def test_the_lesson_states_no_number_of_the_data() -> None:
    """Lesson 5's readings state no count or price of the data (those are the learner's)."""
    text = (ROOT / "materials" / "lessons" / MODULE / "5-numbers-and-change.py").read_text()
    reading = "\n".join(line for line in text.splitlines() if line.startswith("# "))
    stated = {int(n.replace(",", "")) for n in re.findall(r"\b\d[\d,]*\b", reading)}
    numbers = set()
    for name in VARIED:
        for learner in ("alice", "bob"):
            frame = _build(name, learner).select_dtypes("number")
            numbers |= {int(v) for v in frame.to_numpy().ravel() if v >= 20}
    assert stated & numbers == set()


def _outputs(notebook: dict, grade_id: str) -> str:
    """Return the text outputs of the cell ``grade_id`` of an executed notebook."""
    for cell in notebook["cells"]:
        if cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") == grade_id:
            return outputs_text([cell])
    raise KeyError(grade_id)


@pytest.mark.pipeline
def test_released_notebook_shows_each_learner_their_numbers(tmp_path: Path) -> None:
    """The released lesson 5, run as Alice and as Bob, shows each their own data."""
    shown = {}
    for learner in ("alice", "bob"):
        folder = tmp_path / learner
        folder.mkdir()
        path = folder / "5-numbers-and-change.ipynb"
        shutil.copy(ROOT / "release" / MODULE / path.name, path)
        notebook = run_notebook(path, timeout=120, learner=learner)
        shown[learner] = {grade_id: _outputs(notebook, grade_id)
                          for grade_id in ("experiment-data", "pricing-data")}
        with active(Variant(learner)):
            for name, grade_id in (("m10_experiment", "experiment-data"),
                                   ("m10_pricing", "pricing-data")):
                first = int(load(name)["users" if "experiment" in name else "accounts"].iloc[0])
                assert f">{first:,}<" in shown[learner][grade_id]  # shown in a styled table
    for grade_id in ("experiment-data", "pricing-data"):
        assert shown["alice"][grade_id] != shown["bob"][grade_id], grade_id
