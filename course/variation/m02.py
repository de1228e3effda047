"""Module 02's scenarios per learner: two products' WSJF backlog, the sprint, the lab, Kano.

- ``m02_wsjf_backlog``: the same ten items of Checkout and the Seller app; each rating
  moved at most one step along the Fibonacci-like scale (job sizes stay 2 or more). Sound
  when no two WSJF scores are within 0.15 or 3% of each other (one right order, even for
  scores rounded to one decimal).
- ``m02_wsjf_capacity``: job-size points for the increment, 14 to 26, such that the cut
  line funds 3 to 8 of the ten items.
- ``m02_sprint``: the same refunds-sprint candidates and the same goal-critical and
  workaround flags (the story); values moved by at most one, efforts by at most one
  developer-day. Sound when no two optional items have nearly the same value per day and
  at least two sprint lengths make a sound plan (see :func:`sprint_days_that_work`).
- ``m02_sprint_days``: developer-days in the sprint, 16 to 26, drawn among the lengths
  that work: the musts take at most 60% of it, the musts and shoulds leave at least two
  days, at least one could and one won't, and filling the coulds by value alone (the
  usual mistake) gives another plan than by value per day.
- ``m02_backlog``: the lab backlog with every estimate redrawn near its base. Sound when
  no two scores of one framework are within 2% of each other, the tax rules (F02) stay
  last by RICE, in the lower half by ICE and first by WSJF (the reflection's story), the
  three biggest movers are clear (the fourth moves less) and at least one confidence is
  below 1.0.
- ``m02_kano_respondents``: how many sellers answered, 60 to 120 in steps of 5.
- ``m02_kano_survey``: drawn as the base survey is (a category per answer from each
  feature's leaning, then an answer pair of that category); each feature's leading
  category drawn among those plausible for it (the sync must work; a faster page is
  performance or must-be; the app icon's colour leaves sellers indifferent...), shares
  varied around the base leaning. Sound when each feature comes out in its drawn
  category, leading the next by at least 3 answers, and some answers are reverse or
  questionable.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from course.models.prioritization import IMPACT_SCALE, longest_fit
from course.variation import Draw

__all__ = ["KANO_LEANING", "PLAUSIBLE", "VARIES", "kano_lead", "kano_survey",
           "sprint_days_that_work"]

_ANSWERS = ("like", "expect", "neutral", "tolerate", "dislike")
_MIDDLE = ("expect", "neutral", "tolerate")
#: answer pairs (functional, dysfunctional) that fall in each Kano category
_PAIRS: dict[str, list[tuple[str, str]]] = {
    "attractive": [("like", d) for d in _MIDDLE],
    "performance": [("like", "dislike")],
    "must-be": [(f, "dislike") for f in _MIDDLE],
    "indifferent": [(f, d) for f in _MIDDLE for d in _MIDDLE],
    "reverse": [(f, "like") for f in ("expect", "neutral", "tolerate", "dislike")]
    + [("dislike", d) for d in _MIDDLE],
    "questionable": [("like", "like"), ("dislike", "dislike")],
}
_ORDER = ("must-be", "performance", "attractive", "indifferent", "reverse", "questionable")
#: how respondents lean on each feature: shares of must-be, performance, attractive,
#: indifferent, reverse, questionable (the built-in truth the base survey is drawn from)
KANO_LEANING: dict[str, tuple[float, ...]] = {
    "K1": (0.52, 0.18, 0.04, 0.20, 0.02, 0.04),
    "K2": (0.16, 0.46, 0.14, 0.20, 0.01, 0.03),
    "K3": (0.04, 0.14, 0.44, 0.30, 0.05, 0.03),
    "K4": (0.03, 0.05, 0.17, 0.67, 0.06, 0.02),
    "K5": (0.03, 0.04, 0.10, 0.30, 0.50, 0.03),
    "K6": (0.20, 0.50, 0.12, 0.15, 0.01, 0.02),
    "K7": (0.48, 0.10, 0.05, 0.32, 0.03, 0.02),
    "K8": (0.05, 0.18, 0.46, 0.26, 0.02, 0.03),
}
#: the leading categories a feature may plausibly have among sellers (the first is the base)
PLAUSIBLE: dict[str, tuple[str, ...]] = {
    "K1": ("must-be", "performance"),
    "K2": ("performance", "must-be"),
    "K3": ("attractive", "indifferent"),
    "K4": ("indifferent",),
    "K5": ("reverse", "indifferent"),
    "K6": ("performance", "attractive"),
    "K7": ("must-be", "indifferent"),
    "K8": ("attractive", "performance"),
}

_FIBONACCI = np.array([1, 2, 3, 5, 8, 13, 20])
_SIZES = np.array([2, 3, 5, 8, 13])
_EFFORTS = np.array([0.5, 1, 1.5, 2, 2.5, 3, 4, 5, 6, 8])
_CONFIDENCE = np.array([0.5, 0.8, 1.0])
_MUST_SHARE = 0.6
#: the lab backlog's columns of whole numbers
_WHOLE = ("reach", "ice_impact", "ice_confidence", "ease", "business_value",
          "time_criticality", "risk_reduction", "job_size")


def _near_all(rng: Any, grid: np.ndarray, values: Any) -> np.ndarray:
    """Each of ``values`` moved to a value of ``grid`` at most one step away."""
    at = np.abs(grid[None, :] - np.asarray(values, dtype=float)[:, None]).argmin(axis=1)
    return grid[np.clip(at + rng.integers(-1, 2, size=len(at)), 0, len(grid) - 1)]


def _apart(scores: Sequence[float], rel: float, abs_: float = 0.0) -> bool:
    """Whether every two of ``scores`` differ by more than ``rel`` (relative) and ``abs_``."""
    ordered = np.sort(np.asarray(scores, dtype=float))
    gaps = np.diff(ordered)
    return bool((gaps > rel * ordered[1:]).all() and (gaps > abs_).all())


# -- WSJF across two products -------------------------------------------------------------


def wsjf_backlog(draw: Draw) -> pd.DataFrame:
    """The two products' shared backlog of this variant."""
    frame = draw.base()
    parts = ("business_value", "time_criticality", "risk_reduction")
    base = {c: frame[c].to_numpy(dtype=float) for c in (*parts, "job_size")}
    for attempt in draw.attempts():
        rng = attempt.rng
        drawn = {c: _near_all(rng, _FIBONACCI, base[c]) for c in parts}
        drawn["job_size"] = _near_all(rng, _SIZES, base["job_size"])
        if _apart(sum(drawn[c] for c in parts) / drawn["job_size"], 0.03, 0.15):
            for column, values in drawn.items():
                frame[column] = values.astype(int)
            return frame
    raise AssertionError("unreachable")  # attempts() raises first


def wsjf_capacity(draw: Draw) -> int:
    """Job-size points for the increment: the cut line funds 3 to 8 of the ten items."""
    frame = draw.get("m02_wsjf_backlog")
    delay = frame["business_value"] + frame["time_criticality"] + frame["risk_reduction"]
    order = list((delay / frame["job_size"]).sort_values(ascending=False, kind="stable").index)
    good = [points for points in range(14, 27)
            if 3 <= longest_fit(order, frame["job_size"], points) <= len(order) - 2]
    return int(draw.rng.choice(good))


# -- MoSCoW under a sprint capacity -------------------------------------------------------


def _fill(effort: np.ndarray, key: np.ndarray, days: float) -> frozenset[int]:
    """The coulds: positions by ``key`` (best first, ties in list order) while they fit."""
    coulds = []
    for at in np.argsort(-key, kind="stable"):
        if effort[at] <= days:
            coulds.append(int(at))
            days -= effort[at]
    return frozenset(coulds)


def sprint_days_that_work(sprint: pd.DataFrame, days: Sequence[int] = range(16, 27)) -> list[int]:
    """Return the sprint lengths among ``days`` for which ``sprint`` makes a sound exercise.

    The musts take at most 60% of the sprint, musts and shoulds leave two days or more,
    at least one item is a could and one a won't, and taking the coulds by value alone
    gives other coulds than by value per day.
    """
    goal = sprint["goal_critical"].eq("yes").to_numpy()
    must_rows = goal & sprint["workaround"].eq("no").to_numpy()
    effort = sprint["effort"].to_numpy(dtype=float)
    value = sprint["value"].to_numpy(dtype=float)
    must, committed = effort[must_rows].sum(), effort[goal].sum()
    rest_effort, rest_value = effort[~goal], value[~goal]
    good = []
    for length in days:
        if must > _MUST_SHARE * length or length - committed < 2:
            continue
        coulds = _fill(rest_effort, rest_value / rest_effort, length - committed)
        if (0 < len(coulds) < len(rest_effort)
                and coulds != _fill(rest_effort, rest_value, length - committed)):
            good.append(int(length))
    return good


def sprint(draw: Draw) -> pd.DataFrame:
    """The refunds sprint's candidates in this variant (same items, flags and story)."""
    frame = draw.base()
    rest = frame["goal_critical"].eq("no").to_numpy()
    value, effort = frame["value"].to_numpy(), frame["effort"].to_numpy()
    for attempt in draw.attempts():
        rng = attempt.rng
        frame["value"] = np.clip(value + rng.integers(-1, 2, size=len(value)), 1, 5)
        frame["effort"] = np.maximum(1, effort + rng.integers(-1, 2, size=len(effort)))
        ratio = (frame["value"] / frame["effort"]).to_numpy()[rest]
        if _apart(ratio, 0.02) and len(sprint_days_that_work(frame)) >= 2:
            return frame
    raise AssertionError("unreachable")


def sprint_days(draw: Draw) -> int:
    """Developer-days in the sprint, among the lengths that make a sound plan."""
    return int(draw.rng.choice(sprint_days_that_work(draw.get("m02_sprint"))))


# -- One backlog, three frameworks --------------------------------------------------------


def _swing_clear(scores: np.ndarray) -> bool:
    """Whether the three items whose rank swings most are clearly ahead of the fourth.

    ``scores`` holds one column per framework; ranks are 0 for the highest score.
    """
    ranks = (-scores).argsort(axis=0).argsort(axis=0)
    swing = np.sort(ranks.max(axis=1) - ranks.min(axis=1))[::-1]
    return bool(swing[2] > swing[3])


_Part = Callable[[Any, dict[str, np.ndarray], dict[str, np.ndarray]], np.ndarray]


def _redraw(part: _Part, sound: Callable[[np.ndarray, dict[str, np.ndarray]], bool], rng: Any,
            base: dict[str, np.ndarray], out: dict[str, np.ndarray]) -> np.ndarray:
    """Draw ``part`` into ``out`` until its scores are ``sound`` (a few hundred times at most)."""
    for _ in range(400):
        scores = part(rng, base, out)
        if sound(scores, out):
            return scores
    raise AssertionError("no sound draw of the lab backlog")  # never seen in practice


def _rice_part(rng: Any, base: dict[str, np.ndarray], out: dict[str, np.ndarray]) -> np.ndarray:
    """Draw the RICE estimates into ``out``; return the RICE scores."""
    out["reach"] = np.maximum(100, np.round(base["reach"] * rng.uniform(0.6, 1.5, size=len(
        base["reach"])), -2))
    out["impact"] = _near_all(rng, np.array(sorted(IMPACT_SCALE)), base["impact"])
    out["confidence"] = _near_all(rng, _CONFIDENCE, base["confidence"])
    out["effort"] = _near_all(rng, _EFFORTS, base["effort"])
    return out["reach"] * out["impact"] * out["confidence"] / out["effort"]


def _ice_part(rng: Any, base: dict[str, np.ndarray], out: dict[str, np.ndarray]) -> np.ndarray:
    """Draw the ICE ratings (1 to 10, at most one away) into ``out``; return the ICE scores."""
    for column in ("ice_impact", "ice_confidence", "ease"):
        out[column] = np.clip(base[column] + rng.integers(-1, 2, size=len(base[column])), 1, 10)
    return out["ice_impact"] * out["ice_confidence"] * out["ease"]


def _wsjf_part(rng: Any, base: dict[str, np.ndarray], out: dict[str, np.ndarray]) -> np.ndarray:
    """Draw the WSJF ratings into ``out``; return the WSJF scores."""
    for column in ("business_value", "time_criticality", "risk_reduction", "job_size"):
        out[column] = _near_all(rng, _FIBONACCI, base[column])
    delay = out["business_value"] + out["time_criticality"] + out["risk_reduction"]
    return delay / out["job_size"]


def lab_backlog(draw: Draw) -> pd.DataFrame:
    """The lab backlog of this variant: RICE, ICE and WSJF estimates near the base ones.

    Each framework's estimates are drawn until its scores are clear (no two within 2%)
    and the tax rules (F02) stay last by RICE, in the lower half by ICE and first by WSJF;
    the whole is kept when the three biggest movers are clear.
    """
    start = draw.base()
    tax = list(start.index).index("F02")
    base = {c: start[c].to_numpy(dtype=float) for c in start.columns if c != "title"}
    for attempt in draw.attempts():
        rng, out = attempt.rng, {}
        scores = np.column_stack([
            _redraw(_rice_part, lambda s, o: _apart(s, 0.02) and s.argmin() == tax
                    and bool((o["confidence"] < 1).any()), rng, base, out),
            _redraw(_ice_part, lambda v, o: _apart(v, 0.02) and (v > v[tax]).sum() >= v.size // 2,
                    rng, base, out),
            _redraw(_wsjf_part, lambda s, o: _apart(s, 0.02) and s.argmax() == tax,
                    rng, base, out),
        ])
        if _swing_clear(scores):
            frame = start.copy()
            for column, values in out.items():
                kind = int if column in _WHOLE else float
                frame[column] = [kind(v) for v in values]
            return frame
    raise AssertionError("unreachable")


# -- Kano ---------------------------------------------------------------------------------


def kano_survey(seed: int = 20261102, respondents: int = 90,
                leaning: Mapping[str, Sequence[float]] | None = None) -> pd.DataFrame:
    """Return one row per respondent per feature: the functional and dysfunctional answers.

    Each respondent's category for a feature is drawn from the feature's ``leaning``
    (shares of must-be, performance, attractive, indifferent, reverse, questionable; by
    default the base survey's), then one answer pair of that category is drawn, so the
    survey reads like real answers.
    """
    rng = np.random.default_rng(seed)
    rows = []
    for respondent in range(1, respondents + 1):
        for feature, shares in (leaning or KANO_LEANING).items():
            category = _ORDER[rng.choice(len(_ORDER), p=np.asarray(shares) / sum(shares))]
            pairs = _PAIRS[category]
            functional, dysfunctional = pairs[rng.integers(len(pairs))]
            rows.append((f"P{respondent:03d}", feature, functional, dysfunctional))
    return pd.DataFrame(rows, columns=["respondent", "feature", "functional", "dysfunctional"])


def _leaning(rng: Any) -> tuple[dict[str, tuple[float, ...]], list[int]]:
    """Each feature's leaning (shares varied around the base) and its drawn leading category.

    The leading category is drawn among the plausible ones and takes the largest share.
    """
    out, leads = {}, []
    for feature, shares in KANO_LEANING.items():
        varied = np.asarray(shares) * rng.uniform(0.75, 1.3, size=len(shares))
        lead = _ORDER.index(str(rng.choice(PLAUSIBLE[feature])))
        top = int(varied.argmax())
        varied[[lead, top]] = varied[[top, lead]]
        out[feature] = tuple(float(share) for share in varied / varied.sum())
        leads.append(lead)
    return out, leads


def kano_lead(counts: pd.DataFrame | np.ndarray) -> np.ndarray:
    """How far each feature's category leads the next one, in answers.

    ``counts`` has a row per feature and columns for must-be, performance, attractive,
    indifferent and reverse (in that order; a :func:`course.models.prioritization.kano`
    table is read by name); questionable answers never make a category.
    """
    if isinstance(counts, pd.DataFrame):
        counts = counts[list(_ORDER[:5])].to_numpy()
    ordered = np.sort(np.asarray(counts)[:, :5], axis=1)
    return ordered[:, -1] - ordered[:, -2]


def kano_respondents(draw: Draw) -> int:
    """How many sellers answered the survey in this variant."""
    return int(draw.rng.integers(12, 25)) * 5


def _answers(rng: Any, categories: np.ndarray, features: Sequence[str]) -> pd.DataFrame:
    """The survey rows for ``categories`` (respondent x feature): one answer pair each."""
    functional = np.empty(categories.shape, dtype=object)
    dysfunctional = np.empty(categories.shape, dtype=object)
    pick = rng.random(categories.shape)
    for number, category in enumerate(_ORDER):
        pairs = np.array(_PAIRS[category], dtype=object)
        where = categories == number
        chosen = pairs[(pick[where] * len(pairs)).astype(int)]
        functional[where], dysfunctional[where] = chosen[:, 0], chosen[:, 1]
    respondents, width = categories.shape
    return pd.DataFrame({
        "respondent": np.repeat([f"P{r:03d}" for r in range(1, respondents + 1)], width),
        "feature": np.tile(list(features), respondents),
        "functional": functional.ravel(),
        "dysfunctional": dysfunctional.ravel(),
    })


def survey(draw: Draw) -> pd.DataFrame:
    """The seller survey of this variant, drawn the way the base survey is (vectorised)."""
    respondents = int(draw.get("m02_kano_respondents"))
    for attempt in draw.attempts():
        rng = attempt.rng
        leaning, leads = _leaning(rng)
        categories = np.column_stack([
            rng.choice(len(_ORDER), size=respondents, p=np.asarray(shares))
            for shares in leaning.values()])
        counts = np.stack([np.bincount(column, minlength=len(_ORDER))
                           for column in categories.T])
        if ((kano_lead(counts) >= 3).all() and counts[:, 4:].sum() > 0
                and list(counts[:, :5].argmax(axis=1)) == leads):
            return _answers(rng, categories, list(leaning))
    raise AssertionError("unreachable")


#: data set or figure -> builder (see the module docstring)
VARIES: dict[str, Callable[[Draw], Any]] = {
    "m02_wsjf_backlog": wsjf_backlog,
    "m02_wsjf_capacity": wsjf_capacity,
    "m02_sprint": sprint,
    "m02_sprint_days": sprint_days,
    "m02_backlog": lab_backlog,
    "m02_kano_respondents": kano_respondents,
    "m02_kano_survey": survey,
}
