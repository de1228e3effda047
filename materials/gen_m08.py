"""Seeded data sets of module 08: the promotion panel's ratings of six candidates."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from course.data import load
from course.roles import COMPETENCY_IDS, profiles

__all__ = ["GENERATORS", "promotion_panel"]

_RATERS = ("manager", "peer", "skip_level")
#: Where a candidate's panel median sits below (negative) the target role's profile.
_SHORT = {
    "C1": {"decision-making": -1},
    "C2": {"team-management": -1, "customer-focus": -1},
    "C3": {"domain-knowledge": -1, "adaptability-resilience": -1},
    "C4": {"data-analysis": -2},
    "C5": {"scope-management": -1},
    "C6": {"communication": -1, "customer-focus": -1},
}
#: Rating patterns around a median ``m``: each keeps ``m`` as the middle value.
_PATTERNS = ((0, 0, 0), (-1, 0, 1), (0, 0, 1), (-1, 0, 0), (-2, 0, 1), (-1, 0, 2))


def promotion_panel(seed: int = 20261108) -> pd.DataFrame:
    """Return one rating (1..5) per candidate, competency and rater of the promotion panel.

    The median of the three raters is the figure the lesson compares with the target
    role's profile; the spread around it differs, so a mean can tell another story.
    """
    rng = np.random.default_rng(seed)
    candidates = load("m08_candidates")
    target = profiles()
    rows = []
    for candidate, info in candidates.iterrows():
        for competency in COMPETENCY_IDS:
            expected = int(target.loc[info["target_role"], competency])
            offset = _SHORT[candidate].get(competency)
            if offset is None:
                offset = int(rng.choice([0, 0, 1]))
            median = int(np.clip(expected + offset, 1, 5))
            pattern = _PATTERNS[int(rng.integers(len(_PATTERNS)))]
            ratings = np.clip(np.array(pattern) + median, 1, 5)
            order = rng.permutation(len(_RATERS))
            for rater_index, rater in enumerate(_RATERS):
                rows.append({"candidate": candidate, "competency": competency, "rater": rater,
                             "rating": int(ratings[order[rater_index]])})
    return pd.DataFrame(rows)


GENERATORS: dict[str, Callable[[], pd.DataFrame]] = {"m08_panel.csv": promotion_panel}
