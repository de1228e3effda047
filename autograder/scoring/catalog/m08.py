"""Module 08, Career progression: references and scoring.

Promotion readiness follows the rules the lesson states: a criterion is met when the
panel's median rating reaches the target role's profile; a candidate is ready when every
step-up criterion (where the target role expects more than the current role) is met and
no criterion falls short by more than one point. The competency gap and the development
plan are checked against the learner's own saved ratings and target role.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from autograder.scoring.catalog import Exercise, register, register_check
from autograder.scoring.rules import Score, numbers_within, overlap
from course.data import load
from course.models import ScenarioError
from course.models.career import is_dated, is_measurable
from course.roles import COMPETENCY_IDS, ROLE_IDS, check_ratings, check_role, profiles
from course.variants import variant_cache

MODULE = "08-career-progression"
NB1, NB2 = "1-promotion-readiness", "2-gap-and-plan"
TOP = 3  # actions are due for this many of the largest gaps


@variant_cache
def _panel_median() -> pd.DataFrame:
    panel = load("m08_panel")
    median = panel.groupby(["candidate", "competency"])["rating"].median().unstack()
    return median[list(COMPETENCY_IDS)]


@variant_cache
def meets_reference() -> pd.DataFrame:
    """Return candidates x competencies: True where the panel median reaches the target."""
    candidates = load("m08_candidates")
    target = profiles().loc[candidates["target_role"]].set_axis(candidates.index)
    return _panel_median().loc[candidates.index] >= target


@variant_cache
def decisions() -> dict[str, str]:
    """Return the reference decision (``ready`` or ``not-yet``) of every candidate."""
    candidates = load("m08_candidates")
    table = profiles()
    out = {}
    for candidate, info in candidates.iterrows():
        target, current = table.loc[info["target_role"]], table.loc[info["current_role"]]
        median = _panel_median().loc[candidate]
        step_up = target > current
        ready = bool((median[step_up] >= target[step_up]).all()
                     and ((target - median) <= 1).all())
        out[str(candidate)] = "ready" if ready else "not-yet"
    return out


def _score_meets(value: Any) -> Score:
    if not isinstance(value, pd.DataFrame):
        return Score(0.0, "meets should be a DataFrame: candidates as rows, competencies as "
                          "columns.")
    reference = meets_reference()
    cells, answer = {}, {}
    for candidate in reference.index:
        for competency in reference.columns:
            key = f"{candidate}/{competency}"
            cells[key] = bool(reference.loc[candidate, competency])
            try:
                got = value.loc[candidate, competency]
            except (KeyError, TypeError):
                continue
            if isinstance(got, (bool, np.bool_)) or (
                isinstance(got, (int, np.integer)) and got in (0, 1)
            ):
                answer[key] = bool(got)
    return overlap(answer, cells, "criteria")


LEVELS = ("pm", "director", "vp", "cpo")


@variant_cache
def left_out() -> dict[str, frozenset[str]]:
    """Return, per level, the criteria the guide gives no description of (cells saying 'Not')."""
    table = load("competencies")
    return {level: frozenset(str(c) for c in table.index
                             if str(table.loc[c, level]).startswith("Not"))
            for level in LEVELS}


def _score_left_out(value: Any) -> Score:
    if not isinstance(value, Mapping):
        return Score(0.0, "left_out should be a dictionary with the keys pm, director, vp, cpo.")
    answer = {}
    for level in LEVELS:
        got = value.get(level)
        if isinstance(got, (list, tuple, set, frozenset)):
            answer[level] = frozenset(str(g) for g in got)
    return overlap(answer, left_out(), "levels")


CASE_FROM, CASE_TO = "senior_pm", "director"  # Noor's step, lesson 2


@variant_cache
def case_reference() -> dict[str, Any]:
    """Return Noor's promotion case under lesson 1's rule (top gaps, blockers, tolerated)."""
    table = profiles()
    gap = table.loc[CASE_TO] - load("m08_case")["rating"].reindex(list(COMPETENCY_IDS))
    step_up = table.loc[CASE_TO] > table.loc[CASE_FROM]
    short = gap[gap > 0]
    blockers = [str(c) for c in short.index if step_up[c] or short[c] > 1]
    return {
        "top_gaps": frozenset(str(c) for c in
                              short.sort_values(ascending=False, kind="stable").index[:TOP]),
        "blockers": frozenset(blockers),
        "tolerated": frozenset(str(c) for c in short.index if c not in blockers),
        "verdict": "not-yet" if blockers else "ready",
    }


def _ids(value: Any) -> Any:
    if isinstance(value, (list, tuple, set, frozenset)):
        return frozenset(str(v) for v in value)
    return value


def _score_case(value: Any) -> Score:
    if not isinstance(value, Mapping):
        return Score(0.0, "case should be a dictionary with four entries.")
    return overlap({str(k): _ids(v) for k, v in value.items()}, case_reference(),
                   "parts of the case")


def _score_case_plan(value: Any) -> Score:
    if isinstance(value, tuple):
        value = list(value)
    if not isinstance(value, list) or not value or not all(isinstance(a, Mapping) for a in value):
        return Score(0.0, "noor_plan should be a non-empty list of actions (dicts).")
    reference = case_reference()
    top = sorted(reference["top_gaps"])
    counts = pd.Series([str(a.get("competency")) for a in value]).value_counts()
    covered = sum(1 for c in top if counts.get(c, 0) == 1)
    evidenced = [a for a in value if is_measurable(a.get("evidence"))]
    dated = sum(1 for a in value if is_dated(a.get("due")))
    must = sorted(reference["blockers"])
    proven = sum(1 for c in must if any(str(a.get("competency")) == c for a in evidenced))
    parts = [covered / len(top), len(evidenced) / len(value), dated / len(value),
             proven / len(must) if must else 1.0]
    return Score(sum(parts) / 4, f"{covered} of {len(top)} top gaps have exactly one action; "
                                 f"{len(evidenced)} of {len(value)} actions have numeric "
                                 f"evidence and {dated} a date; {proven} of {len(must)} "
                                 f"blockers are covered with numeric evidence.")


def _own_inputs(value: Any) -> tuple[dict[str, int], str] | Score:
    """Return the learner's saved ratings and target role, or a zero Score saying what's missing."""
    if not isinstance(value, Mapping):
        return Score(0.0, "The answer could not be read.")
    try:
        ratings = check_ratings(value.get("ratings"), complete=True)
    except ScenarioError as exc:
        return Score(0.0, f"Your self-ratings are not complete or valid ({exc})")
    try:
        role = check_role(value.get("role"))
    except ScenarioError:
        return Score(0.0, "No target role is chosen.")
    return ratings, role


def own_gap(ratings: Mapping[str, int], role: str) -> pd.Series:
    """Return the target profile minus the ratings, per competency (positive: to grow)."""
    return profiles().loc[role] - pd.Series(ratings)[list(COMPETENCY_IDS)]


def own_top_gaps(ratings: Mapping[str, int], role: str, n: int = TOP) -> list[str]:
    """Return up to ``n`` competencies with the largest positive gap (ties in course order)."""
    gap = own_gap(ratings, role)
    gap = gap[gap > 0].sort_values(ascending=False, kind="stable")
    return [str(c) for c in gap.index[:n]]


def _score_gap(value: Any) -> Score:
    inputs = _own_inputs(value)
    if isinstance(inputs, Score):
        return inputs
    gap = value.get("gap")
    if not isinstance(gap, (pd.Series, dict)):
        return Score(0.0, "gap should be a pandas Series indexed by competency id.")
    reference = own_gap(*inputs).astype(float).to_dict()
    return numbers_within({str(k): v for k, v in dict(gap).items()}, reference, abs_=0.01,
                          what="competency gaps")


def _score_plan(value: Any) -> Score:
    inputs = _own_inputs(value)
    if isinstance(inputs, Score):
        return inputs
    plan = value.get("plan")
    if isinstance(plan, tuple):  # a tuple of actions reads like the list the lesson asks for
        plan = list(plan)
    if not isinstance(plan, list) or not plan or not all(isinstance(a, Mapping) for a in plan):
        return Score(0.0, "plan should be a non-empty list of actions (dicts).")
    top = own_top_gaps(*inputs)
    per_competency = pd.Series([a.get("competency") for a in plan]).value_counts()
    covered = sum(1 for c in top if per_competency.get(c, 0) == 1)
    cover = covered / len(top) if top else 1.0
    measurable = sum(1 for action in plan if is_measurable(action.get("measure")))
    dated = sum(1 for action in plan if is_dated(action.get("due")))
    fraction = (cover + measurable / len(plan) + dated / len(plan)) / 3
    return Score(fraction, f"{covered} of {len(top)} top gaps have exactly one action; "
                           f"{measurable} of {len(plan)} actions are measurable and {dated} "
                           f"of {len(plan)} dated.")


def _meets_mistakes() -> list[Any]:
    """The mean in place of the median; ">" in place of ">="; the current role as the bar."""
    panel, candidates = load("m08_panel"), load("m08_candidates")
    mean = panel.groupby(["candidate", "competency"])["rating"].mean().unstack()
    mean = mean.loc[candidates.index, list(COMPETENCY_IDS)]
    median = _panel_median().loc[candidates.index]
    target = profiles().loc[candidates["target_role"]].set_axis(candidates.index)
    current = profiles().loc[candidates["current_role"]].set_axis(candidates.index)
    return [mean >= target, median > target, median >= current]


def _decision_mistakes() -> list[Any]:
    """Everyone ready, nobody ready, every answer flipped, and ready only when all is met."""
    right = decisions()
    all_met = {str(c): "ready" if bool(row.all()) else "not-yet"
               for c, row in meets_reference().iterrows()}
    flipped = {c: "not-yet" if d == "ready" else "ready" for c, d in right.items()}
    return [dict.fromkeys(right, "ready"), dict.fromkeys(right, "not-yet"), flipped, all_met]


def _case_answer(reference: Mapping[str, Any]) -> dict[str, Any]:
    """The case as a learner's code builds it: lists of ids and the verdict."""
    return {k: sorted(v) if isinstance(v, frozenset) else v for k, v in reference.items()}


def _case_mistakes() -> list[Any]:
    """Only gaps of two block; blockers and tolerated swapped; every positive gap as a top gap."""
    right = case_reference()
    gap = profiles().loc[CASE_TO] - load("m08_case")["rating"].reindex(list(COMPETENCY_IDS))
    short = gap[gap > 0]
    by_size = dict(_case_answer(right), blockers=[c for c in short.index if short[c] > 1],
                   tolerated=[c for c in short.index if short[c] == 1])
    swapped = dict(_case_answer(right), blockers=sorted(right["tolerated"]),
                   tolerated=sorted(right["blockers"]))
    return [by_size, swapped, dict(_case_answer(right), top_gaps=list(short.index))]


def _case_plan(competencies: list[str], due: str = "2027-09-30") -> list[dict[str, str]]:
    """A plan with one action per competency, numeric evidence and a date."""
    return [{"competency": c, "action": f"Lead one project that builds {c}",
             "evidence": "2 outcomes signed off by her director", "due": due}
            for c in competencies]


def _plan_reference() -> list[dict[str, str]]:
    """One action per top gap, then one per blocker outside them (the lesson's rule)."""
    right = case_reference()
    top = _top_gaps_in_order()
    return _case_plan(top + sorted(c for c in right["blockers"] if c not in top))


def _top_gaps_in_order() -> list[str]:
    """Noor's top gaps, largest first, ties in course order."""
    gap = profiles().loc[CASE_TO] - load("m08_case")["rating"].reindex(list(COMPETENCY_IDS))
    return [str(c) for c in gap[gap > 0].sort_values(ascending=False, kind="stable").index[:TOP]]


def _plan_mistakes() -> list[Any]:
    """The top gaps only (a blocker left open); every action undated; a top gap done twice."""
    top = _top_gaps_in_order()
    undated = [dict(a, due="next year") for a in _plan_reference()]
    return [_case_plan(top), undated, _plan_reference() + _case_plan(top[:1])]


def _sound_panel() -> list[str]:
    """A split decision, and a mean of the raters that would judge a criterion otherwise."""
    right = decisions()
    ready = sum(d == "ready" for d in right.values())
    problems = []
    if not 2 <= ready <= len(right) - 2:
        problems.append(f"{ready} of {len(right)} candidates are ready")
    by_mean = _meets_mistakes()[0]
    if not (by_mean != meets_reference()).any().any():
        problems.append("the mean of the raters judges every criterion as the median does")
    return problems


def _sound_case() -> list[str]:
    """Noor's case has a cut, a tolerated gap, a blocker beyond the top and a one-point blocker."""
    right = case_reference()
    problems = []
    gap = profiles().loc[CASE_TO] - load("m08_case")["rating"].reindex(list(COMPETENCY_IDS))
    if (gap > 0).sum() <= TOP:
        problems.append(f"Noor has no more than {TOP} positive gaps (no cut to make)")
    if not right["tolerated"]:
        problems.append("Noor has no tolerated gap")
    if not right["blockers"] - right["top_gaps"]:
        problems.append("every blocker is a top gap (the plan's blocker rule tests nothing)")
    if not any(gap[c] == 1 for c in right["blockers"]):
        problems.append("no blocker is a single point short (size alone tells them apart)")
    return problems


register_check(MODULE, "panel", _sound_panel)
register_check(MODULE, "case", _sound_case)


_CANDIDATE_ROLES = ("product_manager", "senior_pm", "director", "senior_director",
                    "head_of_product", "vp_product", "cpo", "distinguished_pm")

register(Exercise(MODULE, NB1, "readiness-criteria", 3, "roles", _score_meets, source="value",
                  fingerprints=lambda: [json.dumps(meets_reference().to_dict(orient="index"),
                                                   sort_keys=True)],
                  competencies=("data-analysis", "leadership", "team-management"),
                  roles=_CANDIDATE_ROLES, reference=meets_reference, mistakes=_meets_mistakes))
register(Exercise(MODULE, NB1, "criteria-left-out", 2, "roles", _score_left_out,
                  source="value",
                  fingerprints=lambda: [json.dumps({k: sorted(v) for k, v in left_out().items()},
                                                   sort_keys=True)],
                  competencies=("self-reflection-learning", "strategic-partnerships",
                                "domain-knowledge"),
                  roles=("product_manager", "director", "vp_product", "cpo")))
register(Exercise(MODULE, NB1, "readiness-decision", 2, "roles",
                  lambda v: overlap(v, decisions(), "candidates"),
                  fingerprints=lambda: [json.dumps(decisions(), sort_keys=True)],
                  competencies=("decision-making", "leadership", "team-management"),
                  roles=_CANDIDATE_ROLES, reference=decisions, mistakes=_decision_mistakes))
register(Exercise(MODULE, NB2, "promotion-case", 4, "roles", _score_case, source="value",
                  fingerprints=lambda: [json.dumps({k: sorted(v) if isinstance(v, frozenset)
                                                    else v for k, v in case_reference().items()},
                                                   sort_keys=True)],
                  competencies=("self-reflection-learning", "decision-making",
                                "data-analysis"),
                  roles=("senior_pm", "director"),
                  reference=lambda: _case_answer(case_reference()), mistakes=_case_mistakes))
register(Exercise(MODULE, NB2, "promotion-plan", 4, "planning", _score_case_plan,
                  source="value",
                  competencies=("self-reflection-learning", "team-management",
                                "business-acumen", "leadership"),
                  roles=("senior_pm", "director"),
                  reference=_plan_reference, mistakes=_plan_mistakes))
register(Exercise(MODULE, NB2, "competency-gap", 2, "self-assessment", _score_gap,
                  source="value",
                  competencies=("self-reflection-learning", "data-analysis"), roles=ROLE_IDS))
register(Exercise(MODULE, NB2, "development-plan", 3, "planning", _score_plan, source="value",
                  competencies=("self-reflection-learning", "strategic-thinking"),
                  roles=ROLE_IDS))
register(Exercise(MODULE, NB2, "plan-review", 2, "reflection", None, source="manual",
                  competencies=("self-reflection-learning", "adaptability-resilience",
                                "communication"),
                  roles=ROLE_IDS))
