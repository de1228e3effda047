"""Module 08's scenarios per learner: the promotion panel's ratings and Noor's case.

The ladder, the competencies, the role profiles, the salary figures and the six candidates
(their roles and stories) are facts and stay the same for everybody; the learner's own
module 00 self-assessment is theirs, not generated.

- ``m08_panel``: one rating (1..5) per candidate, competency and rater, drawn around a
  median that keeps each candidate's story shortfall (Bruno's team management, Dana's
  data analysis by one or two points, Farid's communication...), sometimes adds one more
  shortfall of a point on another competency, and spreads the three raters around the
  median. Sound when at least two candidates are ready and two are not yet, and the mean
  of the three raters would judge at least one criterion differently from the median.
- ``m08_case``: Noor's ratings, redrawn by at most a point where her evidence allows it
  (never above what an evidence line rules out: no reports, no budget, no negotiation led).
  Sound when she has more than three positive gaps to the Director profile, one tolerated
  gap, one blocker outside her top gaps and one step-up blocker that is a single point
  short.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from course.roles import COMPETENCY_IDS, profiles
from course.variation import Draw

__all__ = ["SHORT", "VARIES", "case_parts", "promotion_panel"]

RATERS = ("manager", "peer", "skip_level")
#: Where a candidate's panel median sits below (negative) the target role's profile.
SHORT: dict[str, dict[str, int]] = {
    "C1": {"decision-making": -1},
    "C2": {"team-management": -1, "customer-focus": -1},
    "C3": {"domain-knowledge": -1, "adaptability-resilience": -1},
    "C4": {"data-analysis": -2},
    "C5": {"scope-management": -1},
    "C6": {"communication": -1, "customer-focus": -1},
}
#: Rating patterns around a median ``m``: each keeps ``m`` as the middle value.
PATTERNS = ((0, 0, 0), (-1, 0, 1), (0, 0, 1), (-1, 0, 0), (-2, 0, 1), (-1, 0, 2))


def promotion_panel(seed: int = 20261108, short: Mapping[str, Mapping[str, int]] = SHORT,
                    candidates: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return one rating (1..5) per candidate, competency and rater of the promotion panel.

    The median of the three raters is the figure the lesson compares with the target
    role's profile; the spread around it differs, so a mean can tell another story.
    ``short`` says where a candidate's median sits below the target role's profile.
    """
    from course.data import base

    rng = np.random.default_rng(seed)
    candidates = base("m08_candidates") if candidates is None else candidates
    target = profiles().loc[candidates["target_role"], list(COMPETENCY_IDS)].to_numpy()
    rows = []
    for number, candidate in enumerate(candidates.index):
        for index, competency in enumerate(COMPETENCY_IDS):
            expected = int(target[number, index])
            offset = short[candidate].get(competency)
            if offset is None:
                offset = int(rng.choice([0, 0, 1]))
            median = int(np.clip(expected + offset, 1, 5))
            pattern = PATTERNS[int(rng.integers(len(PATTERNS)))]
            ratings = np.clip(np.array(pattern) + median, 1, 5)
            order = rng.permutation(len(RATERS))
            for rater_index, rater in enumerate(RATERS):
                rows.append((candidate, competency, rater, int(ratings[order[rater_index]])))
    return pd.DataFrame(rows, columns=["candidate", "competency", "rater", "rating"])


def _decisions(panel: pd.DataFrame, candidates: pd.DataFrame, how: str = "median"
               ) -> tuple[dict[str, bool], np.ndarray]:
    """Lesson 1's rule on ``panel`` (median or mean of the raters): ready, and the met cells.

    ``panel`` has the rows :func:`promotion_panel` writes: candidates in order, then the
    competencies in course order, then the three raters.
    """
    table = profiles()[list(COMPETENCY_IDS)]
    target = table.loc[candidates["target_role"]].to_numpy()
    current = table.loc[candidates["current_role"]].to_numpy()
    ratings = panel["rating"].to_numpy().reshape(len(candidates), len(COMPETENCY_IDS), 3)
    middle = np.median(ratings, axis=2) if how == "median" else ratings.mean(axis=2)
    met = middle >= target
    step_up = target > current
    ready = (met | ~step_up).all(axis=1) & ((target - middle) <= 1).all(axis=1)
    return dict(zip(map(str, candidates.index), map(bool, ready), strict=True)), met


def panel(draw: Draw) -> pd.DataFrame:
    """The promotion panel's ratings of this variant."""
    candidates = draw.base("m08_candidates")
    target = profiles()
    for attempt in draw.attempts():
        rng = attempt.rng
        short = {c: dict(s) for c, s in SHORT.items()}
        short["C4"]["data-analysis"] = int(rng.choice([-1, -2]))
        for candidate, info in candidates.iterrows():
            if rng.random() < 0.5:
                open_ = [c for c in COMPETENCY_IDS if c not in short[candidate]
                         and target.loc[info["target_role"], c] >= 2]
                short[candidate][str(rng.choice(open_))] = -1
        frame = promotion_panel(int(rng.integers(1, 2**31)), short, candidates)
        ready, met = _decisions(frame, candidates)
        _, by_mean = _decisions(frame, candidates, "mean")
        if 2 <= sum(ready.values()) <= len(ready) - 2 and (met != by_mean).any():
            return frame
    raise AssertionError("unreachable")


CASE_FROM, CASE_TO = "senior_pm", "director"
#: Noor's ratings each variant may take, where her evidence lines allow a change
CASE_RANGE = {
    "strategic-thinking": (3, 4, 5), "leadership": (2, 3), "scope-management": (2, 3),
    "collaboration-influence": (4, 5), "vision-innovation": (3, 4, 5),
    "team-management": (1, 2), "decision-making": (3, 4, 5), "communication": (2, 3),
    "customer-focus": (4, 5), "adaptability-resilience": (3, 4, 5),
    "data-analysis": (3, 4, 5), "business-acumen": (1, 2), "domain-knowledge": (4, 5),
    "strategic-partnerships": (1, 2), "self-reflection-learning": (3, 4, 5),
}


def case_parts(ratings: pd.Series) -> dict[str, Any]:
    """Noor's gaps to the Director profile, sorted as the lesson asks (learner-side check)."""
    table = profiles()
    gap = table.loc[CASE_TO] - ratings.reindex(list(COMPETENCY_IDS))
    step_up = table.loc[CASE_TO] > table.loc[CASE_FROM]
    short = gap[gap > 0]
    blockers = [c for c in short.index if step_up[c] or short[c] > 1]
    return {"short": short, "top": list(short.sort_values(ascending=False, kind="stable")
                                        .index[:3]),
            "blockers": blockers, "step_up": step_up}


def case(draw: Draw) -> pd.DataFrame:
    """Noor's ratings and evidence in this variant."""
    for attempt in draw.attempts():
        rng, frame = attempt.rng, draw.base()
        for competency, rating in frame["rating"].items():
            allowed = [r for r in CASE_RANGE[str(competency)] if abs(r - rating) <= 1]
            keep = rng.random() < 0.4
            frame.loc[competency, "rating"] = int(rating if keep else rng.choice(allowed))
        parts = case_parts(frame["rating"])
        short, blockers, step_up = parts["short"], parts["blockers"], parts["step_up"]
        tolerated = [c for c in short.index if c not in blockers]
        single = [c for c in blockers if step_up[c] and short[c] == 1]
        if (len(short) > 3 and tolerated and single
                and any(c not in parts["top"] for c in blockers)):
            return frame
    raise AssertionError("unreachable")


#: data set -> builder (see the module docstring)
VARIES: dict[str, Callable[[Draw], Any]] = {
    "m08_panel": panel,
    "m08_case": case,
}
