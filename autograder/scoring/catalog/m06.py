"""Module 06, Distinguished Product Manager: references and scoring."""

from __future__ import annotations

import json
from typing import Any

import pandas as pd

from autograder.scoring.catalog import Exercise, register, register_check
from autograder.scoring.catalog._hints import hinted_overlap
from autograder.scoring.catalog._kpi import TARGETS, kpis, shortfall, worst_gap
from autograder.scoring.rules import Score, exact, numbers_within, overlap, table_within
from course.data import figure, load
from course.forms import as_mapping, as_scalar
from course.models.kpi import funnel, scorecard, worst_step
from course.variants import variant_cache

MODULE = "06-distinguished-pm"
NB1, NB2 = "1-the-role", "2-scorecard-and-bets"
PRODUCT = "pulse"  # the product the lesson's dashboard shows

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
    limit = float(figure("m06_risk_limit"))  # the largest loss allowed, stated in the lesson
    allowed = [b for b in bets.index if worst[b] >= -limit]
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


def _retention_gains() -> dict[str, float]:
    """Return each initiative's mean retention from launch on minus before (the reference)."""
    quarterly = load("m06_quarterly")
    card = the_scorecard()
    gains = {}
    for area, rows in quarterly.groupby("area"):
        after = (pd.PeriodIndex(rows["quarter"], freq="Q")
                 >= pd.Period(rows["launched"].iloc[0], freq="Q"))
        for column in ("retention", "adoption"):
            values = card.loc[area, column].reindex(rows["quarter"]).to_numpy()
            gains[f"{column}:{rows['initiative'].iloc[0]}"] = (values[after].mean()
                                                               - values[~after].mean())
    return gains


def _adoption_jump() -> str:
    """Return the initiative with the largest adoption jump (the novelty trap)."""
    gains = {k.split(":", 1)[1]: v for k, v in _retention_gains().items()
             if k.startswith("adoption:")}
    return max(gains, key=gains.get)


def _means_mistakes() -> list[Any]:
    """Medians in place of means; every group given the overall mean."""
    feedback = load("m06_feedback_360")
    medians = feedback.pivot_table(index="competency", columns="relationship",
                                   values="rating", aggfunc="median")
    overall = feedback.groupby("competency")["rating"].mean()
    flat = rater_means().apply(lambda column: overall)
    return [medians, flat]


def _review_mistakes() -> list[Any]:
    """Strongest and weakest swapped; the weakest taken for the widest gap."""
    right = review()
    return [dict(right, strongest=right["weakest"], weakest=right["strongest"]),
            dict(right, widest_gap=right["weakest"])]


def _card_mistakes() -> list[Any]:
    """Retention over this quarter's actives; shares in percent; NPS without passives."""
    quarterly = load("m06_quarterly")
    card = quarterly.sort_values(["area", "quarter"]).set_index(["area", "quarter"])
    right = the_scorecard()
    over_active = right.assign(retention=card["retained_accounts"] / card["active_accounts"])
    percent = right.assign(adoption=right["adoption"] * 100, retention=right["retention"] * 100)
    no_passives = right.assign(nps=100 * (card["promoters"] - card["detractors"])
                               / (card["promoters"] + card["detractors"]))
    return [over_active, percent, no_passives]


def _diagnosis_mistakes() -> list[Any]:
    """The reference with one part wrong: another step, another segment, another metric."""
    right = usage_diagnosis()
    steps = [s for s in ("activation", "core_action", "upgrade") if s != right["step"]]
    segments = [s for s in ("smb", "mid_market", "enterprise") if s != right["segment"]]
    metrics = [m for m in ("activation", "upgrade", "churn", "nps") if m != right["metric"]]
    return [dict(right, step=steps[0]), dict(right, segment=segments[0]),
            dict(right, metric=metrics[0])]


def _values_mistakes() -> list[Any]:
    """Gross values (cost not subtracted); the failure outcome forgotten."""
    bets = load("m06_bets")
    values = pd.Series(expected_values())
    no_failure = values - bets["p_failure"] * bets["payoff_failure"]
    return [values + bets["cost"], no_failure]


def _sound_review() -> list[str]:
    """One strongest, one weakest and one widest-gap competency, three different ones."""
    feedback = load("m06_feedback_360")
    overall = feedback.groupby("competency")["rating"].mean().sort_values()
    spread = (rater_means().max(axis=1) - rater_means().min(axis=1)).sort_values()
    problems = []
    if overall.iloc[-1] - overall.iloc[-2] < 0.1:
        problems.append("two competencies are nearly equally strongest")
    if overall.iloc[1] - overall.iloc[0] < 0.1:
        problems.append("two competencies are nearly equally weakest")
    if spread.iloc[-1] - spread.iloc[-2] < 0.2:
        problems.append("two competencies have nearly the same widest gap between groups")
    found = review()
    if found["widest_gap"] in (found["strongest"], found["weakest"]):
        problems.append("the widest gap is also the strongest or weakest competency")
    return problems


def _sound_quarters() -> list[str]:
    """One initiative clearly gains most retention, and it is not the adoption jump."""
    gains = {k.split(":", 1)[1]: v for k, v in _retention_gains().items()
             if k.startswith("retention:")}
    ranked = sorted(gains.values())
    problems = []
    if ranked[-1] - ranked[-2] < 0.015:
        problems.append(f"two initiatives gain nearly the same retention ({gains})")
    if _adoption_jump() == initiative_that_worked():
        problems.append("the initiative that worked is also the one with the adoption jump")
    return problems


def _sound_bets() -> list[str]:
    """The risk limit rules out the best bet by value and leaves one clear best bet."""
    bets = load("m06_bets")
    values = pd.Series(expected_values())
    worst = bets[["payoff_success", "payoff_partial", "payoff_failure"]].min(axis=1) - bets["cost"]
    limit = float(figure("m06_risk_limit"))
    problems = []
    if (bets[["p_success", "p_partial", "p_failure"]].sum(axis=1) - 1).abs().max() > 1e-9:
        problems.append("a bet's probabilities do not add up to 1")
    if values.idxmax() == best_bet():
        problems.append("the risk limit rules out nothing: the best bet is the best overall")
    if (worst + limit).abs().min() < 100:
        problems.append("a bet's worst case sits within 100 of the risk limit")
    allowed = sorted(values[worst >= -limit], reverse=True)
    if len(allowed) < 2 or allowed[0] - allowed[1] < 50:
        problems.append("no clear best bet under the risk limit")
    return problems


def _sound_usage() -> list[str]:
    """Pulse has one worst step, one worst segment there and one KPI furthest from target."""
    events = load("kpi_events")
    events = events[events["product"] == PRODUCT]
    steps = funnel(events)["step_conversion"].iloc[1:].sort_values()
    step = usage_diagnosis()["step"]
    segments = sorted(funnel(rows).loc[step, "step_conversion"]
                      for _, rows in events.groupby("segment"))
    figures = kpis(PRODUCT)
    gaps = sorted(shortfall(m, figures[m]) for m in TARGETS)
    problems = []
    if steps.iloc[1] - steps.iloc[0] < 0.01:
        problems.append(f"two of {PRODUCT}'s funnel steps are nearly equally worst")
    if segments[1] - segments[0] < 0.01:
        problems.append(f"two segments convert nearly equally worst at {PRODUCT}'s {step} step")
    if gaps[-1] - gaps[-2] < 0.02:
        problems.append(f"two of {PRODUCT}'s KPIs are nearly equally far from target")
    return problems


register_check(MODULE, "review", _sound_review)
register_check(MODULE, "usage", _sound_usage)
register_check(MODULE, "quarters", _sound_quarters)
register_check(MODULE, "bets", _sound_bets)


_DPM = ("distinguished_pm",)
register(Exercise(MODULE, NB1, "track-matching", 2, "roles",
                  lambda v: hinted_overlap(v, TRACKS, TRACK_HINTS, "statements"),
                  fingerprints=lambda: [json.dumps(TRACKS, sort_keys=True)],
                  competencies=("leadership", "scope-management"),
                  roles=(*_DPM, "director", "vp_product")))
register(Exercise(MODULE, NB1, "rater-means", 2, "kpi", _score_means, source="value",
                  competencies=("data-analysis",), roles=_DPM,
                  reference=rater_means, mistakes=_means_mistakes))
register(Exercise(MODULE, NB1, "review-reading", 3, "kpi", _score_review, source="value",
                  fingerprints=lambda: [json.dumps(review(), sort_keys=True)],
                  competencies=("self-reflection-learning", "communication", "data-analysis"),
                  roles=_DPM, reference=review, mistakes=_review_mistakes))
register(Exercise(MODULE, NB1, "reflection", 2, "reflection", None, source="manual",
                  competencies=("self-reflection-learning", "leadership"), roles=_DPM))
register(Exercise(MODULE, NB2, "scorecard", 3, "kpi", _score_card, source="value",
                  competencies=("data-analysis", "business-acumen"), roles=_DPM,
                  reference=the_scorecard, mistakes=_card_mistakes))
register(Exercise(MODULE, NB2, "initiative-worked", 1, "kpi",
                  lambda v: exact(v, initiative_that_worked(), "initiative"),
                  competencies=("decision-making", "customer-focus"), roles=_DPM,
                  reference=initiative_that_worked, mistakes=lambda: [_adoption_jump()]))
register(Exercise(MODULE, NB2, "usage-diagnosis", 3, "kpi",
                  lambda v: overlap(v, usage_diagnosis(), "parts of the diagnosis"),
                  fingerprints=lambda: [json.dumps(usage_diagnosis(), sort_keys=True)],
                  competencies=("data-analysis", "customer-focus", "decision-making"),
                  roles=(*_DPM, "digital_pm"),
                  reference=usage_diagnosis, mistakes=_diagnosis_mistakes))
register(Exercise(MODULE, NB2, "bet-values", 2, "portfolio", _score_values, source="value",
                  competencies=("business-acumen", "vision-innovation"), roles=_DPM,
                  reference=lambda: pd.Series(expected_values()), mistakes=_values_mistakes))
register(Exercise(MODULE, NB2, "bet-choice", 1, "portfolio",
                  lambda v: exact(v, best_bet(), "bet"),
                  competencies=("vision-innovation", "strategic-thinking", "decision-making",
                                "adaptability-resilience"),
                  roles=_DPM, reference=best_bet,
                  mistakes=lambda: [max(expected_values(), key=expected_values().get)]))
