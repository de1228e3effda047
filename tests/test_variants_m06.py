"""Module 06 per learner: the 360 review, the quarters, the bets and the risk limit vary."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from autograder.scoring.catalog import get, m06, soundness_checks
from autograder.scoring.grade import score
from course.data import base, figure
from course.lesson import fill
from course.variants import Variant, active
from tests.learners import run_notebook
from tests.variants import outputs_text, table_as

MODULE = "06-distinguished-pm"
ROOT = Path(__file__).resolve().parents[1]
TABLES = ("m06_feedback_360", "m06_quarterly", "m06_bets")


@pytest.mark.parametrize("name", TABLES)
def test_learners_get_their_own_data(name: str) -> None:
    """Alice and Bob get different numbers; each gets the same numbers every time."""
    alice, bob = table_as("alice", name), table_as("bob", name)
    assert not alice.equals(bob)
    assert alice.equals(table_as("alice", name)) and bob.equals(table_as("bob", name))


@pytest.mark.parametrize("name", TABLES)
def test_variants_keep_the_shape_the_lesson_relies_on(name: str) -> None:
    """The same ids, columns and categories as the committed base; only numbers change."""
    table, committed = table_as("carol", name), base(name)
    assert list(table.columns) == list(committed.columns)
    assert list(table.index) == list(committed.index)
    for column in committed.columns:
        if committed[column].dtype == object and column != "comment":
            assert set(table[column]) == set(committed[column]), column


def test_risk_limit_rules_out_the_best_bet_by_value() -> None:
    """The risk limit is a learner's own; the best bet by value breaks it, the answer is another."""
    limits = set()
    for learner in ("alice", "bob", "carol", "dan"):
        with active(Variant(learner)):
            values = m06.expected_values()
            limits.add(figure("m06_risk_limit"))
            assert max(values, key=values.get) != m06.best_bet()
    assert len(limits) > 1


def test_probabilities_add_up_and_payoffs_fall() -> None:
    """Each bet's outcomes are a distribution, and success pays most, failure least."""
    for learner in ("alice", "bob", "carol"):
        bets = table_as(learner, "m06_bets")
        assert (bets[["p_success", "p_partial", "p_failure"]].sum(axis=1) - 1).abs().max() < 1e-9
        assert (bets[["p_success", "p_partial", "p_failure"]] > 0).all().all()
        assert (bets["payoff_success"] > bets["payoff_partial"]).all()
        assert (bets["payoff_partial"] > bets["payoff_failure"]).all()


def test_the_lessons_figure_fills_in() -> None:
    """The risk limit the lesson states is the learner's own number."""
    with active(Variant("alice")):
        text = fill("at most **{m06_risk_limit} thousand USD**")
        assert text == f"at most **{figure('m06_risk_limit'):,} thousand USD**"


def test_answers_swapped_between_learners_lose_points() -> None:
    """Alice's right answers, graded on Bob's scenario, earn less than full marks."""
    with active(Variant("alice")):
        means, card = m06.rater_means(), m06.the_scorecard()
        values = pd.Series(m06.expected_values())
    with active(Variant("bob")):
        for key, answer, points in (("rater-means", means, 2), ("scorecard", card, 3),
                                    ("bet-values", values, 2)):
            assert score(get(f"{MODULE}/{key}"), answer)[0] < points, key


def test_soundness_checks_pass_for_a_few_learners() -> None:
    """The module's own soundness checks find nothing on a handful of variants."""
    checks = soundness_checks()[MODULE]
    assert set(checks) == {"review", "usage", "quarters", "bets"}
    for learner in ("alice", "bob", "carol"):
        with active(Variant(learner)):
            assert {name: check() for name, check in checks.items()} == dict.fromkeys(checks, [])


@pytest.mark.pipeline
def test_released_notebook_shows_each_learner_their_numbers(tmp_path: Path) -> None:
    """The released lesson 2 run as Alice and as Bob shows each their own limit and bets."""
    shown = {}
    for learner in ("alice", "bob"):
        folder = tmp_path / learner
        folder.mkdir()
        path = folder / "2-scorecard-and-bets.ipynb"
        shutil.copy(ROOT / "release" / MODULE / path.name, path)
        shown[learner] = outputs_text(run_notebook(path, timeout=120, learner=learner).cells)
        with active(Variant(learner)):
            assert f"{figure('m06_risk_limit'):,} thousand USD" in shown[learner]
            assert Variant(learner).id in shown[learner]
    assert shown["alice"] != shown["bob"]
