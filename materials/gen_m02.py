"""Seeded data sets of module 02: the Kano survey of the seller app."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

__all__ = ["GENERATORS", "kano_survey"]

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
#: indifferent, reverse, questionable (the built-in truth the survey is drawn from)
_LEANING: dict[str, tuple[float, ...]] = {
    "K1": (0.52, 0.18, 0.04, 0.20, 0.02, 0.04),
    "K2": (0.16, 0.46, 0.14, 0.20, 0.01, 0.03),
    "K3": (0.04, 0.14, 0.44, 0.30, 0.05, 0.03),
    "K4": (0.03, 0.05, 0.17, 0.67, 0.06, 0.02),
    "K5": (0.03, 0.04, 0.10, 0.30, 0.50, 0.03),
    "K6": (0.20, 0.50, 0.12, 0.15, 0.01, 0.02),
    "K7": (0.48, 0.10, 0.05, 0.32, 0.03, 0.02),
    "K8": (0.05, 0.18, 0.46, 0.26, 0.02, 0.03),
}


def kano_survey(seed: int = 20261102, respondents: int = 90) -> pd.DataFrame:
    """Return one row per respondent per feature: the functional and dysfunctional answers.

    Each respondent's category for a feature is drawn from the feature's leaning, then one
    answer pair of that category is drawn, so the survey reads like real answers.
    """
    rng = np.random.default_rng(seed)
    rows = []
    for respondent in range(1, respondents + 1):
        for feature, shares in _LEANING.items():
            category = _ORDER[rng.choice(len(_ORDER), p=np.asarray(shares) / sum(shares))]
            pairs = _PAIRS[category]
            functional, dysfunctional = pairs[rng.integers(len(pairs))]
            rows.append((f"P{respondent:03d}", feature, functional, dysfunctional))
    return pd.DataFrame(rows, columns=["respondent", "feature", "functional", "dysfunctional"])


#: file name in materials/data -> function building its frame
GENERATORS: dict[str, Callable[[], pd.DataFrame]] = {
    "m02_kano_survey.csv": kano_survey,
}
