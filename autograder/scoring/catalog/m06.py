"""Module 06, Distinguished Product Manager: references and scoring."""

from __future__ import annotations

import json
from typing import Any

import pandas as pd

from autograder.scoring.catalog import Exercise, register
from autograder.scoring.catalog._hints import hinted_overlap
from autograder.scoring.catalog._kpi import worst_gap
from autograder.scoring.rules import Score, exact, numbers_within, overlap, table_within
from course.data import load
from course.forms import as_mapping, as_scalar
from course.models.kpi import funnel, scorecard, worst_step
from course.variants import variant_cache

MODULE = "06-distinguished-pm"
NB1, NB2 = "1-the-role", "2-scorecard-and-bets"
PRODUCT = "pulse"  # the product the lesson's dashboard shows
RISK_LIMIT = 1500.0  # the largest loss the lesson allows a bet to risk, thousands of USD

#: Which side of the top the sources give each statement to (the key): "manager" (the
#: Director-to-CPO rungs), "ic" (the Distinguished PM only) or "both".
TRACKS = {
    "T1": "manager",
    "T2": "ic",
    "T3": "manager",
    "T4": "ic",
    "T5": "both",
    "T6": "both",
}
#: Why each key holds, as a pointer to the reading (shown for wrong rows; names no key).
TRACK_HINTS = {
    "T1": "look at who hires, appraises and plans the growth of PMs in the two-tracks table.",
    "T2": "re-read how the role is defined: what is the post reserved for?",
    "T3": "look at who owns headcount and budget in the two-tracks table.",
    "T4": "these four measures and industry recognition are listed only in the evaluation of "
          "one role; module 03 gives a Director other measures.",
    "T5": "the Distinguished PM leads diverse teams and mentors; what do the Director rungs "
          "do with their PMs?",
    "T6": "compare the row 'seen outside the company': what do senior directors do, and what "
          "counts in a Distinguished PM's evaluation?",
}


@variant_cache
def rater_means() -> pd.DataFrame:
    """Return the mean rating per competency (rows) and relationship (columns)."""
    feedback = load("m06_feedback_360")
    return feedback.pivot_table(index="competency", columns="relationship", values="rating",
                                aggfunc="mean")


@variant_cache
def review() -> dict[str, str]:
    """Return the strongest and weakest competency and the one raters disagree on most."""
    overall = load("m06_feedback_360").groupby("competency")["rating"].mean()
    means = rater_means()
    spread = means.max(axis=1) - means.min(axis=1)
    return {"strongest": str(overall.idxmax()), "weakest": str(overall.idxmin()),
            "widest_gap": str(spread.idxmax())}


@variant_cache
def the_scorecard() -> pd.DataFrame:
    """Return the reference scorecard, indexed by area and quarter."""
    return scorecard(load("m06_quarterly"), by="area")


@variant_cache
def initiative_that_worked() -> str:
    """Return the initiative whose area gained most retention after launch (mean after - before)."""
    quarterly = load("m06_quarterly")
    card = the_scorecard()
    gains = {}
    for area, rows in quarterly.groupby("area"):
        after = (pd.PeriodIndex(rows["quarter"], freq="Q")
                 >= pd.Period(rows["launched"].iloc[0], freq="Q"))
        retention = card.loc[area, "retention"].reindex(rows["quarter"]).to_numpy()
        gains[str(rows["initiative"].iloc[0])] = retention[after].mean() - retention[~after].mean()
    return max(gains, key=gains.get)


@variant_cache
def usage_diagnosis() -> dict[str, str]:
    """Return the worst step of the product, its weakest segment there, and the metric to fix."""
    events = load("kpi_events")
    events = events[events["product"] == PRODUCT]
    step = worst_step(funnel(events))
    by_segment = {
        str(segment): funnel(rows).loc[step, "step_conversion"]
        for segment, rows in events.groupby("segment")
    }
    return {"step": step, "segment": min(by_segment, key=by_segment.get),
            "metric": worst_gap(PRODUCT)}


@variant_cache
def expected_values() -> dict[str, float]:
    """Return each bet's expected value net of its cost (thousands of USD)."""
    bets = load("m06_bets")
    value = sum(bets[f"p_{o}"] * bets[f"payoff_{o}"] for o in ("success", "partial", "failure"))
    return (value - bets["cost"]).astype(float).to_dict()


@variant_cache
def best_bet() -> str:
    """Return the bet of highest expected value among those whose worst case is acceptable."""
    bets = load("m06_bets")
    worst = bets[["payoff_success", "payoff_partial", "payoff_failure"]].min(axis=1) - bets["cost"]
    allowed = [b for b in bets.index if worst[b] >= -RISK_LIMIT]
    values = expected_values()
    return max(allowed, key=values.get)


def _score_means(value: Any) -> Score:
    reference = rater_means()
    tolerances = {column: (0.0, 0.01) for column in reference.columns}
    return table_within(value, reference, tolerances, what="mean ratings")


def _score_review(value: Any) -> Score:
    answer = as_mapping(value)
    if answer is None:
        return Score(0.0, "review should be a dictionary with three competency ids.")
    # an id picked by a filter may come as a one-element list or Index: read the id
    answer = {k: v[0] if isinstance(v, (list, tuple)) and len(v) == 1 else as_scalar(v)
              for k, v in answer.items()}
    return overlap(answer, review(), "parts of the review")


def _score_card(value: Any) -> Score:
    tolerances = {"adoption": (0.0, 0.002), "retention": (0.0, 0.002),
                  "revenue_growth": (0.0, 0.002), "nps": (0.0, 0.5)}
    return table_within(value, the_scorecard(), tolerances, what="scorecard cells")


def _score_values(value: Any) -> Score:
    return numbers_within(value, expected_values(), rel=0.01, what="expected values")


_DPM = ("distinguished_pm",)
register(Exercise(MODULE, NB1, "track-matching", 2, "roles",
                  lambda v: hinted_overlap(v, TRACKS, TRACK_HINTS, "statements"),
                  fingerprints=lambda: [json.dumps(TRACKS, sort_keys=True)],
                  competencies=("leadership", "scope-management"),
                  roles=(*_DPM, "director", "vp_product")))
register(Exercise(MODULE, NB1, "rater-means", 2, "kpi", _score_means, source="value",
                  competencies=("data-analysis",), roles=_DPM))
register(Exercise(MODULE, NB1, "review-reading", 3, "kpi", _score_review, source="value",
                  fingerprints=lambda: [json.dumps(review(), sort_keys=True)],
                  competencies=("self-reflection-learning", "communication", "data-analysis"),
                  roles=_DPM))
register(Exercise(MODULE, NB1, "reflection", 2, "reflection", None, source="manual",
                  competencies=("self-reflection-learning", "leadership"), roles=_DPM))
register(Exercise(MODULE, NB2, "scorecard", 3, "kpi", _score_card, source="value",
                  competencies=("data-analysis", "business-acumen"), roles=_DPM))
register(Exercise(MODULE, NB2, "initiative-worked", 1, "kpi",
                  lambda v: exact(v, initiative_that_worked(), "initiative"),
                  competencies=("decision-making", "customer-focus"), roles=_DPM))
register(Exercise(MODULE, NB2, "usage-diagnosis", 3, "kpi",
                  lambda v: overlap(v, usage_diagnosis(), "parts of the diagnosis"),
                  fingerprints=lambda: [json.dumps(usage_diagnosis(), sort_keys=True)],
                  competencies=("data-analysis", "customer-focus", "decision-making"),
                  roles=(*_DPM, "digital_pm")))
register(Exercise(MODULE, NB2, "bet-values", 2, "portfolio", _score_values, source="value",
                  competencies=("business-acumen", "vision-innovation"), roles=_DPM))
register(Exercise(MODULE, NB2, "bet-choice", 1, "portfolio",
                  lambda v: exact(v, best_bet(), "bet"),
                  competencies=("vision-innovation", "strategic-thinking", "decision-making",
                                "adaptability-resilience"),
                  roles=_DPM))
