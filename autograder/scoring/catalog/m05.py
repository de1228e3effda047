"""Module 05, Chief Product Officer: references and scoring."""

from __future__ import annotations

import json
import math
from typing import Any

import pandas as pd

from autograder.scoring.catalog import Exercise, register, register_check
from autograder.scoring.catalog._hints import hinted_overlap
from autograder.scoring.rules import Score, numbers_within, overlap
from autograder.scoring.solver import TOLERANCE, optimal_plan, share_of_optimum
from course.data import figure, load
from course.forms import as_mapping, as_scalar, label_key
from course.models import ScenarioError
from course.models.allocation import AllocationScenario
from course.models.portfolio import weighted_scores
from course.variants import variant_cache
from course.variation.m05 import even_trim

MODULE = "05-cpo"
CRITERIA = ("strategic_fit", "customer_reach", "technology_synergy", "cultural_fit",
            "affordability")
WEIGHT_CAP = 0.5  # no criterion may weigh more than this, as stated in lesson 1
#: the best plan must lead every other plan that fits by this many value points (no tie)
UNIQUE_GAP = 0.05

__all__ = ["CRITERIA", "rule_breaks", "shift_scenario"]


@variant_cache
def shift_scenario() -> AllocationScenario:
    """Return the portfolio after the market shift (lesson 2)."""
    return AllocationScenario.from_frame(
        load("m05_portfolio"), capacity=int(figure("m05_squads")), value_column="value_after",
        unit="squads", value_unit="value points",
    )


def rule_breaks(weights: Any) -> str | None:
    """Return the first rule of lesson 1 that ``weights`` breaks, in words (None: none).

    ``weights`` may be a dict or a Series indexed by criterion.
    """
    weights = as_mapping(weights)
    if weights is None or set(weights) != set(CRITERIA):
        return f"the weights must name exactly the criteria {', '.join(CRITERIA)}"
    try:
        values = {c: float(as_scalar(weights[c])) for c in CRITERIA}
    except (TypeError, ValueError):
        return "every weight must be a number"
    if any(not math.isfinite(v) or v < 0 for v in values.values()):
        return "every weight must be a number of zero or more"
    if not math.isclose(sum(values.values()), 1.0, abs_tol=1e-6):
        return "the weights must add up to 1"
    if any(v > WEIGHT_CAP + 1e-9 for v in values.values()):
        return f"no weight may be above {WEIGHT_CAP:g}"
    if any(values["strategic_fit"] < v - 1e-9 for v in values.values()):
        return "strategic fit must weigh at least as much as every other criterion"
    return None


def _pair(value: Any) -> tuple[Any, Any]:
    if isinstance(value, (tuple, list)) and len(value) == 2:  # a report makes tuples lists
        return value[0], value[1]
    return None, None


def _reference(weights: Any) -> pd.Series:
    weights = as_mapping(weights) or {}
    return weighted_scores(load("m05_partners"),
                           {c: float(as_scalar(weights[c])) for c in CRITERIA})


def candidate_ids() -> dict[str, str]:
    """Return ``{candidate name: id}``: a pick written as the candidate's name is read by id."""
    return {str(name): str(i) for i, name in load("m05_partners")["name"].items()}


def _score_partner_scores(value: Any) -> Score:
    weights, scores = _pair(value)
    problem = rule_breaks(weights)
    if problem:
        return Score(0.0, f"The weights break a rule of the exercise: {problem}.")
    if as_mapping(scores) is None:
        return Score(0.0, "partner_scores should be a pandas Series indexed by candidate id.")
    return numbers_within(scores, _reference(weights).to_dict(), abs_=0.001,
                          what="weighted scores (computed with your weights)")


def _score_pick(value: Any) -> Score:
    weights, pick = _pair(value)
    problem = rule_breaks(weights)
    if problem:
        return Score(0.0, f"The weights break a rule of the exercise: {problem}.")
    try:
        reference = _reference(weights)
    except ScenarioError as exc:  # pragma: no cover - rule_breaks checks the same things
        return Score(0.0, str(exc))
    best = {label_key(k) for k, v in reference.items() if v >= reference.max() - 1e-9}
    pick = as_scalar(pick[0] if isinstance(pick, (list, tuple)) and len(pick) == 1 else pick)
    if isinstance(pick, str):
        pick = candidate_ids().get(pick.strip(), pick)  # the name instead of the id
    if isinstance(pick, str) and label_key(pick) in best:
        return Score(1.0, "Your choice is the best candidate under your own weights.")
    return Score(0.0, "Your choice is not the best candidate under your own weights.")


#: The behaviour of m05_vp_cpo.csv each rung is expected to show (the key; source 004).
VP_OR_CPO = {"K1": "cpo", "K2": "vp_product", "K3": "cpo", "K4": "cpo", "K5": "vp_product",
             "K6": "vp_product", "K7": "cpo", "K8": "vp_product"}
_VP_CPO_HINTS = {
    "K1": "compare the two columns on vision and innovation.",
    "K2": "compare the two columns on scope management.",
    "K3": "compare the two columns on collaboration and influence.",
    "K4": "compare the two columns on decision-making: who has the last word?",
    "K5": "compare the two columns on adaptability and resilience.",
    "K6": "compare the two columns on team management.",
    "K7": "compare the two columns on strategic partnerships.",
    "K8": "compare the two columns on business acumen.",
}
#: The board's reference weights and the sensitivity shift of lesson 1 (Exercises 3-4).
BOARD = {"strategic_fit": 0.35, "customer_reach": 0.20, "technology_synergy": 0.25,
         "cultural_fit": 0.10, "affordability": 0.10}
SHIFT_FROM, SHIFT_TO, STEP, STEPS = "technology_synergy", "customer_reach", 0.05, 6


def _board_scores(k: int = 0) -> pd.Series:
    weights = dict(BOARD)
    weights[SHIFT_TO] += STEP * k
    weights[SHIFT_FROM] -= STEP * k
    partners = load("m05_partners")
    return sum(partners[c] * w for c, w in weights.items())


@variant_cache
def sensitivity() -> tuple[str, ...]:
    """Return the winner at each step of the shift from technology to reach."""
    return tuple(str(_board_scores(k).idxmax()) for k in range(STEPS))


@variant_cache
def robustness() -> dict[str, Any]:
    """Return winner, runner-up, margin and the reach weight where the winner first changes."""
    ranked = _board_scores().sort_values(ascending=False)
    winners = sensitivity()
    changed = [k for k in range(STEPS) if winners[k] != winners[0]]
    return {"winner": str(ranked.index[0]), "runner_up": str(ranked.index[1]),
            "margin": float(ranked.iloc[0] - ranked.iloc[1]),
            "flip_at": BOARD[SHIFT_TO] + STEP * changed[0] if changed else None}


def _score_sensitivity(value: Any) -> Score:
    if isinstance(value, pd.Series):
        value = list(value)
    if not isinstance(value, (list, tuple)):
        return Score(0.0, "sensitivity should be a list of six candidate ids.")
    reference = sensitivity()
    answer = {str(k): v for k, v in enumerate(value)}
    return overlap(answer, {str(k): v for k, v in enumerate(reference)}, "steps")


def _score_robustness(value: Any) -> Score:
    answer = as_mapping(value)
    if answer is None:
        return Score(0.0, "robustness should be a dictionary with four entries.")
    reference = robustness()
    right = 0
    for key in ("winner", "runner_up"):
        got = as_scalar(answer.get(key))
        right += isinstance(got, str) and label_key(got) == label_key(reference[key])
    right += numbers_within({"m": answer.get("margin")}, {"m": reference["margin"]},
                            abs_=0.005).fraction == 1
    flip, got = reference["flip_at"], answer.get("flip_at")
    if flip is None:
        right += got is None
    else:
        right += numbers_within({"f": got}, {"f": flip}, abs_=0.001).fraction == 1
    return Score(right / 4, f"{right} of 4 entries right.")


def _two_best(scenario: AllocationScenario) -> list[float]:
    """The values of the two best plans that fit (exhaustive, by dynamic programming).

    The lines a dependency names are funded or not in every combination; for each, the
    other lines are added one at a time keeping the two best partial plans per squads used.
    """
    items = scenario.initiatives
    capacity = int(scenario.capacity or sum(i.max_units for i in items))
    parents = sorted({i.requires for i in items if i.requires})
    found: list[float] = []
    for funded in range(2 ** len(parents)):
        on = {p for b, p in enumerate(parents) if funded >> b & 1}
        best: dict[int, list[float]] = {0: [0.0]}
        for item in items:
            allowed = (item.requires is None or item.requires in on)
            units = [] if not allowed else list(range(item.min_units, item.max_units + 1))
            if item.id not in on:
                units = [0] + ([] if item.id in parents else units)
            step: dict[int, list[float]] = {}
            for used, values in best.items():
                for count in units:
                    if used + count <= capacity:
                        kept = step.setdefault(used + count, [])
                        kept += [v + item.value_of(count) for v in values]
            best = {used: sorted(values, reverse=True)[:2] for used, values in step.items()}
        found += [v for values in best.values() for v in values]
    return sorted(found, reverse=True)[:2]


def _shift_mistakes() -> list[Any]:
    """Last year's split (too many squads); every line trimmed by the same share; nothing."""
    frame = load("m05_portfolio")
    last_year = {str(k): int(v) for k, v in frame["current_units"].items()}
    return [last_year, even_trim(frame, int(figure("m05_squads"))), {}]


def _sound_shift() -> list[str]:
    """One best plan, clearly ahead of the next; the even trim falls short of full marks."""
    scenario = shift_scenario()
    first, second = _two_best(scenario)
    best = optimal_plan(scenario).value
    problems = []
    if not math.isclose(first, best, rel_tol=1e-9, abs_tol=1e-6):
        problems.append(f"the solver's best value {best:.1f} is not the exhaustive {first:.1f}")
    if second > first - UNIQUE_GAP:
        problems.append(f"two plans are within {UNIQUE_GAP:g} value points of the best "
                        f"({first:.2f} and {second:.2f})")
    trimmed = scenario.evaluate(even_trim(load("m05_portfolio"), int(scenario.capacity or 0)))
    if not trimmed.feasible or trimmed.value >= (1 - TOLERANCE) * best:
        problems.append("trimming every line by the same share is not clearly beaten")
    return problems


def _sound_partners() -> list[str]:
    """One winner at every step, a clear runner-up, and a winner that changes."""
    problems = []
    for k in range(STEPS):
        top = _board_scores(k).sort_values(ascending=False)
        if top.iloc[0] - top.iloc[1] < 0.049:
            problems.append(f"step {k}: {top.index[0]} and {top.index[1]} are nearly tied")
    top = _board_scores().sort_values(ascending=False)
    if top.iloc[1] - top.iloc[2] < 0.049:
        problems.append(f"the runner-up {top.index[1]} is nearly tied with {top.index[2]}")
    if robustness()["flip_at"] is None:
        problems.append("the winner never changes along the shift")
    return problems


def _board_answer() -> tuple[dict[str, float], pd.Series]:
    """The board's weights and the scores they give: a right answer to Exercise 2."""
    return dict(BOARD), _board_scores()


def _score_mistakes() -> list[Any]:
    """Weights adding up to 1.1; the scores given out of 100 instead of out of 5."""
    heavy = dict(BOARD, strategic_fit=BOARD["strategic_fit"] + 0.1)
    return [(heavy, _board_scores()), (dict(BOARD), _board_scores() * 20)]


def _pick_mistakes() -> list[Any]:
    """The runner-up; the last candidate."""
    ranked = _board_scores().sort_values(ascending=False)
    return [(dict(BOARD), str(ranked.index[1])), (dict(BOARD), str(ranked.index[-1]))]


def _sensitivity_mistakes() -> list[Any]:
    """The first winner kept at every step; the flip found one step late."""
    winners = list(sensitivity())
    return [[winners[0]] * STEPS, [winners[0], *winners[:-1]]]


def _robustness_mistakes() -> list[Any]:
    """Winner and runner-up swapped; the flip read one step late."""
    answer = robustness()
    swapped = dict(answer, winner=answer["runner_up"], runner_up=answer["winner"])
    return [swapped, dict(answer, flip_at=answer["flip_at"] + STEP)]


register_check(MODULE, "shift", _sound_shift)
register_check(MODULE, "partners", _sound_partners)

_NB1, _NB2 = "1-vision-and-partnerships", "2-market-shift"
register(Exercise(MODULE, _NB1, "vp-or-cpo", 4, "roles",
                  lambda v: hinted_overlap(v, VP_OR_CPO, _VP_CPO_HINTS, "behaviours"),
                  fingerprints=lambda: [json.dumps(VP_OR_CPO, sort_keys=True)],
                  competencies=("vision-innovation", "strategic-partnerships", "communication",
                                "leadership"),
                  roles=("vp_product", "cpo")))
register(Exercise(MODULE, _NB1, "sensitivity", 3, "partnership", _score_sensitivity,
                  source="value", fingerprints=lambda: [json.dumps(list(sensitivity()))],
                  competencies=("decision-making", "data-analysis", "strategic-partnerships"),
                  roles=("vp_product", "cpo"),
                  reference=lambda: list(sensitivity()), mistakes=_sensitivity_mistakes))
register(Exercise(MODULE, _NB1, "robustness", 4, "partnership", _score_robustness,
                  source="value",
                  competencies=("decision-making", "communication", "strategic-partnerships",
                                "adaptability-resilience"),
                  roles=("vp_product", "cpo"),
                  reference=robustness, mistakes=_robustness_mistakes))
_CPO = ("cpo", "vp_product")

register(Exercise(MODULE, _NB1, "partner-scores", 3, "partnership", _score_partner_scores,
                  source="value", competencies=("strategic-partnerships", "data-analysis"),
                  roles=_CPO, reference=_board_answer, mistakes=_score_mistakes))
register(Exercise(MODULE, _NB1, "partner-pick", 1, "partnership", _score_pick, source="value",
                  competencies=("strategic-partnerships", "decision-making"), roles=_CPO,
                  reference=lambda: (dict(BOARD), robustness()["winner"]),
                  mistakes=_pick_mistakes))
register(Exercise(MODULE, _NB1, "weights-rationale", 3, "reflection", None, source="manual",
                  competencies=("strategic-partnerships", "communication",
                                "vision-innovation"), roles=_CPO))
register(Exercise(MODULE, _NB2, "shift-plan", 4, "allocation",
                  lambda v: share_of_optimum(v, shift_scenario()), scenario=shift_scenario,
                  fingerprints=lambda: [json.dumps(optimal_plan(shift_scenario()).plan,
                                                   sort_keys=True)],
                  competencies=("adaptability-resilience", "vision-innovation",
                                "decision-making", "strategic-thinking"), roles=_CPO,
                  reference=lambda: optimal_plan(shift_scenario()).plan,
                  mistakes=_shift_mistakes))
