"""Module 01, The Product Manager and the Digital PM: references and scoring."""

from __future__ import annotations

import json
from typing import Any

import pandas as pd

from autograder.scoring.catalog import Exercise, register, register_check
from autograder.scoring.catalog._hints import hinted_overlap
from autograder.scoring.rules import (
    Score,
    board_cut,
    board_ranking,
    exact,
    numbers_within,
    table_within,
)
from course.data import figure, load
from course.forms import as_table
from course.models.kpi import funnel
from course.models.prioritization import longest_fit, rice
from course.variants import variant_cache

MODULE = "01-product-manager"

#: Who owns each responsibility of m01_responsibilities.csv (the exercise's key).
ROLE_OWNERS = {
    "R1": "product_manager",
    "R2": "project_manager",
    "R3": "product_owner",
    "R4": "marketing_manager",
    "R5": "product_manager",
    "R6": "product_owner",
    "R7": "project_manager",
    "R8": "marketing_manager",
}
#: Where the reading settles each row (shown for wrong rows; never names the owner). R3 is
#: not about user stories, which the Digital PM writes: it is the translation of a strategy
#: set by someone else into tasks for the next days, the tactical half of the PM/PO split.
ROLE_HINTS = {
    "R1": "which role asks why a thing should be built at all?",
    "R2": "which role succeeds when delivery is on time and on budget?",
    "R3": "who sets the vision and market strategy, and who turns it into tasks for the team?",
    "R4": "which role works on a product that already exists, and through campaigns?",
    "R5": "which role estimates return before building, in the business-strategy arena?",
    "R6": "which role is measured by the team's velocity, sprint by sprint?",
    "R7": "which role answers for people, schedule and budget of one initiative?",
    "R8": "which role drives awareness and acquisition?",
}


@variant_cache
def rice_order() -> tuple[str, ...]:
    """Return the backlog ids by RICE score, highest first."""
    scores = rice(load("m01_backlog"))
    return tuple(scores.sort_values(ascending=False, kind="stable").index.astype(str))


@variant_cache
def funded() -> frozenset[str]:
    """Return the items funded from the top of the RICE order until capacity runs out."""
    order = rice_order()
    capacity = float(figure("m01_capacity"))  # person-months, stated in the lesson
    return frozenset(order[: longest_fit(order, load("m01_backlog")["effort"], capacity)])


@variant_cache
def _funnel() -> pd.DataFrame:
    return funnel(load("m01_funnel_events"))


def _score_rice(value: Any) -> Score:
    reference = rice(load("m01_backlog")).to_dict()
    return numbers_within(value, reference, rel=0.01, what="RICE scores")


def _score_ranking(value: Any) -> Score:
    return board_ranking(value, rice_order())


def _score_cut(value: Any) -> Score:
    return board_cut(value, funded())


def _score_funnel(value: Any) -> Score:
    reference = _funnel()[["step_conversion"]].astype(float)
    reference.iloc[0] = float("nan")  # the first step has no step before it: not graded
    table = as_table(value, list(reference.index), ["step_conversion"])
    if table is None or "step_conversion" not in table.columns:
        return Score(0.0, "funnel_table needs a 'step_conversion' column indexed by step.")
    return table_within(table, reference, {"step_conversion": (0.0, 0.005)},
                        what="step conversions")


def _worst_step() -> str:
    table = _funnel().iloc[1:]
    return str(table["step_conversion"].idxmin())


def _weak_platform() -> str:
    events = load("m01_funnel_events")
    rates = {
        platform: funnel(group).loc["core_action", "step_conversion"]
        for platform, group in events.groupby("platform")
    }
    return min(rates, key=rates.get)


def _board(order: tuple[str, ...] | list[str], cut: int) -> dict[str, Any]:
    return {"order": list(order), "cut": cut}


def _funnel_answer() -> pd.DataFrame:
    table = _funnel()[["users", "step_conversion"]].astype(float)
    table.iloc[0, 1] = 1.0
    return table


def _funnel_mistakes() -> list[Any]:
    """Overall conversion in place of step conversion; the rates shifted one step down."""
    table = _funnel_answer()
    overall = table.assign(step_conversion=table["users"] / table["users"].iloc[0])
    shifted = table.assign(step_conversion=table["step_conversion"].shift(-1).fillna(1.0))
    return [overall, shifted]


def _sound_backlog() -> list[str]:
    scores = rice(load("m01_backlog")).sort_values(ascending=False)
    names = list(scores.index)
    problems = [f"RICE scores of {names[i]} and {names[i + 1]} are within 2%"
                for i in range(len(names) - 1)
                if scores.iloc[i] - scores.iloc[i + 1] < 0.02 * scores.iloc[i + 1]]
    order = rice_order()
    count = len(funded())
    if not 1 <= count < len(order):
        problems.append(f"the cut line funds {count} of {len(order)} items")
    return problems


def _sound_funnel() -> list[str]:
    rates = _funnel()["step_conversion"].iloc[1:].sort_values()
    problems = []
    if rates.iloc[1] - rates.iloc[0] < 0.01:
        problems.append(f"two funnel steps are nearly equally bad ({rates.round(3).to_dict()})")
    events = load("m01_funnel_events")
    core = sorted(funnel(g).loc["core_action", "step_conversion"] for _, g in
                  events.groupby("platform"))
    if core[1] - core[0] < 0.1:
        problems.append("no platform's core-action step is clearly broken")
    return problems


register_check(MODULE, "backlog", _sound_backlog)
register_check(MODULE, "funnel", _sound_funnel)

_NB1, _NB2 = "1-the-role", "2-prioritize-and-measure"
_PM = ("product_manager", "digital_pm")

register(Exercise(MODULE, _NB1, "role-owners", 4, "roles",
                  lambda v: hinted_overlap(v, ROLE_OWNERS, ROLE_HINTS, "responsibilities"),
                  fingerprints=lambda: [json.dumps(ROLE_OWNERS, sort_keys=True)],
                  competencies=("scope-management", "collaboration-influence"),
                  roles=(*_PM, "associate_pm")))
#: The research method or artefact that answers each need of m01_research.csv (the key).
RESEARCH = {"U1": "interviews", "U2": "surveys", "U3": "usability-tests", "U4": "personas",
            "U5": "journey-maps"}
_RESEARCH_HINTS = {
    "U1": "a few people, their own words, the reasons behind it.",
    "U2": "many people at once, and numbers.",
    "U3": "watching people attempt a real task.",
    "U4": "a shared picture of typical users.",
    "U5": "a user's path through the product, step by step.",
}
#: The skill each moment of m01_skills.csv calls on most (the key).
DPM_SKILLS = {"K1": "data-analysis", "K2": "technical-fluency", "K3": "stakeholder-management",
              "K4": "market-research", "K5": "leadership", "K6": "communication"}
_SKILL_HINTS = {
    "K1": "usage statistics read in a tool.",
    "K2": "architecture, APIs and technical debt, talked through with engineers.",
    "K3": "departments whose priorities clash, and expectations.",
    "K4": "what is happening outside the company.",
    "K5": "nobody reports to the PM.",
    "K6": "one vision, told to each audience.",
}
register(Exercise(MODULE, _NB1, "research-methods", 3, "roles",
                  lambda v: hinted_overlap(v, RESEARCH, _RESEARCH_HINTS, "needs"),
                  fingerprints=lambda: [json.dumps(RESEARCH, sort_keys=True)],
                  competencies=("customer-focus", "data-analysis"), roles=_PM))
register(Exercise(MODULE, _NB1, "dpm-skills", 3, "roles",
                  lambda v: hinted_overlap(v, DPM_SKILLS, _SKILL_HINTS, "moments"),
                  fingerprints=lambda: [json.dumps(DPM_SKILLS, sort_keys=True)],
                  competencies=("communication", "collaboration-influence", "leadership",
                                "domain-knowledge"),
                  roles=_PM))
register(Exercise(MODULE, _NB2, "rice-scores", 2, "prioritization", _score_rice, source="value",
                  competencies=("data-analysis", "decision-making"), roles=_PM,
                  reference=lambda: rice(load("m01_backlog")),
                  mistakes=lambda: [rice(load("m01_backlog")) * load("m01_backlog")["effort"]]))
register(Exercise(MODULE, _NB2, "rice-ranking", 3, "prioritization", _score_ranking,
                  fingerprints=lambda: [json.dumps(list(rice_order()))],
                  competencies=("decision-making", "customer-focus", "strategic-thinking"),
                  roles=_PM,
                  reference=lambda: _board(rice_order(), len(funded())),
                  mistakes=lambda: [_board(rice_order()[::-1], len(funded()))]))
register(Exercise(MODULE, _NB2, "rice-cutline", 1, "prioritization", _score_cut,
                  record_key="rice-ranking",
                  fingerprints=lambda: [json.dumps(sorted(funded()))],
                  competencies=("scope-management", "business-acumen"), roles=_PM,
                  reference=lambda: _board(rice_order(), len(funded())),
                  mistakes=lambda: [_board(rice_order(), len(funded()) + 1),
                                    _board(rice_order(), len(funded()) - 1)]))
register(Exercise(MODULE, _NB2, "funnel-rates", 2, "kpi", _score_funnel, source="value",
                  competencies=("data-analysis",), roles=_PM,
                  reference=_funnel_answer, mistakes=_funnel_mistakes))
register(Exercise(MODULE, _NB2, "funnel-worst-step", 1, "kpi",
                  lambda v: exact(v, _worst_step(), "step"),
                  competencies=("data-analysis", "customer-focus"), roles=_PM,
                  reference=_worst_step,
                  mistakes=lambda: [s for s in ("activation", "core_action", "upgrade")
                                    if s != _worst_step()]))
register(Exercise(MODULE, _NB2, "funnel-platform", 1, "kpi",
                  lambda v: exact(v, _weak_platform(), "platform"),
                  competencies=("data-analysis", "domain-knowledge"), roles=_PM,
                  reference=_weak_platform,
                  mistakes=lambda: [p for p in ("web", "mobile") if p != _weak_platform()]))
register(Exercise(MODULE, _NB2, "reflection", 2, "reflection", None, source="manual",
                  competencies=("self-reflection-learning", "decision-making"), roles=_PM))
