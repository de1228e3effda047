"""The roles of the product ladder and the fifteen competencies, loaded and validated.

The tables live in ``materials/data/`` (``roles.csv``, ``competencies.csv``,
``role_profiles.csv``, ``collaboration.csv``, ``specialisations.csv``; see SCHEMA.md).
Every row names the source article it comes from. The ids here are the ones used
everywhere in the course (catalog, curriculum map, answer records); an unknown id is
refused with a message that suggests the nearest known one.
"""

from __future__ import annotations

import difflib
import json
import numbers
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pandas as pd

from .data import SOURCE_LABELS, load
from .models import ScenarioError
from .models._checks import kind_of

__all__ = [
    "BASELINE_EXERCISE",
    "BASELINE_MODULE",
    "COMPETENCY_IDS",
    "CONTRAST_IDS",
    "LEVELS",
    "PAIRS",
    "RATING_SCALE",
    "ROLE_IDS",
    "SOURCES",
    "Baseline",
    "check_competency",
    "check_ratings",
    "check_role",
    "collaboration",
    "competencies",
    "competency_names",
    "find_baseline",
    "profile",
    "profiles",
    "roles",
    "specialisations",
    "validate_tables",
]

#: The fifteen evaluation and promotion criteria of source 004, in the source's order.
COMPETENCY_IDS: tuple[str, ...] = (
    "strategic-thinking", "leadership", "scope-management", "collaboration-influence",
    "vision-innovation", "team-management", "decision-making", "communication",
    "customer-focus", "adaptability-resilience", "data-analysis", "business-acumen",
    "domain-knowledge", "strategic-partnerships", "self-reflection-learning",
)
#: The ten roles the course teaches.
ROLE_IDS: tuple[str, ...] = (
    "associate_pm", "product_manager", "senior_pm", "director", "senior_director",
    "head_of_product", "vp_product", "cpo", "distinguished_pm", "digital_pm",
)
#: Jobs taught beside the roles as contrasts (not product-management roles).
CONTRAST_IDS: tuple[str, ...] = ("project_manager", "product_owner", "marketing_manager")
#: The four levels whose competencies source 004 describes criterion by criterion.
LEVELS: tuple[str, ...] = ("pm", "director", "vp", "cpo")
#: The adjacent pairs whose collaboration source 004 describes (seven aspects each).
PAIRS: tuple[str, ...] = ("pm-director", "director-vp", "vp-cpo")
#: The source articles a row may name, as learners read them (the CSV files hold the
#: articles' file names; :func:`course.data.load` shows these labels instead).
SOURCES: tuple[str, ...] = tuple(SOURCE_LABELS.values())
#: What each rating means, for self-assessments and role profiles.
RATING_SCALE: dict[int, str] = {
    1: "aware of it",
    2: "practises it with help",
    3: "does it independently for one product",
    4: "leads it across several products or teams",
    5: "sets the standard for the whole organisation",
}
_TRACKS = ("ladder", "individual-contributor", "variant", "contrast")
#: Module 00 keeps the learner's baseline self-assessment under this exercise id.
BASELINE_MODULE = "00-product-ladder"
BASELINE_EXERCISE = "self-assessment"


def _suggest(value: object, known: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(str(value), known, n=1, cutoff=0.5)
    return f" Did you mean {close[0]!r}?" if close else ""


def check_role(role: object, *, contrasts: bool = False) -> str:
    """Return ``role`` if it is a known role id, else raise a ScenarioError naming the ids."""
    known = ROLE_IDS + (CONTRAST_IDS if contrasts else ())
    if isinstance(role, str) and role in known:
        return role
    raise ScenarioError(
        f"{role!r} is not a role of the course.{_suggest(role, known)} "
        f"Use one of: {', '.join(known)}."
    )


def check_competency(competency: object) -> str:
    """Return ``competency`` if it is one of the fifteen ids, else raise a ScenarioError."""
    if isinstance(competency, str) and competency in COMPETENCY_IDS:
        return competency
    raise ScenarioError(
        f"{competency!r} is not one of the fifteen competencies."
        f"{_suggest(competency, COMPETENCY_IDS)} Use one of: {', '.join(COMPETENCY_IDS)}."
    )


def check_ratings(ratings: object, *, complete: bool = False) -> dict[str, int]:
    """Return ``ratings`` ({competency id: whole number 1..5}) in course order, or raise.

    With ``complete`` every one of the fifteen competencies must be rated.
    """
    if not isinstance(ratings, Mapping):
        raise ScenarioError(
            f"Ratings map each competency id to a whole number from 1 to 5; got a "
            f"{kind_of(ratings)}. Example: {{'leadership': 3, 'communication': 4}}."
        )
    clean: dict[str, int] = {}
    for competency, rating in ratings.items():
        check_competency(competency)
        if isinstance(rating, bool) or not isinstance(rating, numbers.Integral):
            raise ScenarioError(
                f"The rating for {competency!r} is {rating!r}; use a whole number from 1 to 5."
            )
        if not 1 <= int(rating) <= 5:
            raise ScenarioError(
                f"The rating for {competency!r} is {int(rating)}, outside the scale; use a "
                f"whole number from 1 (aware of it) to 5 (sets the standard)."
            )
        clean[competency] = int(rating)
    if complete:
        missing = [c for c in COMPETENCY_IDS if c not in clean]
        if missing:
            raise ScenarioError(
                f"{len(missing)} competenc{'y is' if len(missing) == 1 else 'ies are'} not "
                f"rated yet: {', '.join(missing)}. Rate all fifteen."
            )
    return {c: clean[c] for c in COMPETENCY_IDS if c in clean}


# -- the tables -------------------------------------------------------------------------
def _text_columns(frame: pd.DataFrame, columns: tuple[str, ...], what: str) -> None:
    for column in columns:
        if column not in frame.columns:
            raise ScenarioError(f"{what} has no column {column!r}; add it (see SCHEMA.md).")
        blank = frame[column].isna() | (frame[column].astype(str).str.strip() == "")
        if blank.any():
            raise ScenarioError(
                f"{what}: row {frame.index[blank.to_numpy()][0]!r} has no {column!r}; fill it in."
            )


def _sources(frame: pd.DataFrame, what: str) -> None:
    _text_columns(frame, ("source",), what)
    bad = ~frame["source"].isin(SOURCES)
    if bad.any():
        row = frame.index[bad.to_numpy()][0]
        raise ScenarioError(
            f"{what}: row {row!r} names the source {frame.loc[row, 'source']!r}, which is not "
            f"one of the course's source files ({', '.join(SOURCES)})."
        )


def _same_ids(found: list[str], expected: tuple[str, ...], what: str, *,
              ordered: bool = True) -> None:
    if (list(found) != list(expected)) if ordered else (sorted(found) != sorted(expected)):
        missing = [i for i in expected if i not in found]
        extra = [i for i in found if i not in expected]
        raise ScenarioError(
            f"{what} must list exactly {', '.join(expected)}"
            + (" in that order" if ordered else "")
            + (f"; missing: {', '.join(missing)}" if missing else "")
            + (f"; unknown: {', '.join(map(str, extra))}" if extra else "")
            + "."
        )


def validate_tables(tables: Mapping[str, pd.DataFrame]) -> None:
    """Raise a ScenarioError naming the first problem in the role and competency tables.

    ``tables`` holds the frames ``roles``, ``competencies``, ``role_profiles``,
    ``collaboration`` and ``specialisations`` as :func:`course.data.load` returns them.
    """
    comp = tables["competencies"]
    _same_ids(list(comp.index), COMPETENCY_IDS, "competencies.csv")
    _text_columns(comp, ("name", "criterion", *LEVELS), "competencies.csv")
    _sources(comp, "competencies.csv")

    role = tables["roles"]
    _same_ids(list(role.index), ROLE_IDS + CONTRAST_IDS, "roles.csv")
    _text_columns(role, ("name", "track", "scope"), "roles.csv")
    _sources(role, "roles.csv")
    bad = ~role["track"].isin(_TRACKS)
    if bad.any():
        row = role.index[bad.to_numpy()][0]
        raise ScenarioError(f"roles.csv: row {row!r} has track {role.loc[row, 'track']!r}; "
                            f"use one of {', '.join(_TRACKS)}.")
    ladder = role[role["track"] == "ladder"]
    if sorted(pd.to_numeric(ladder["rank"], errors="coerce").tolist()) != list(
        range(1, len(ladder) + 1)
    ):
        raise ScenarioError("roles.csv: the ladder roles need ranks 1, 2, 3, ... with no gap.")

    prof = tables["role_profiles"]
    _same_ids(list(prof.index), ROLE_IDS, "role_profiles.csv", ordered=False)
    _same_ids([c for c in prof.columns if c != "source"], COMPETENCY_IDS,
              "The competency columns of role_profiles.csv")
    _sources(prof, "role_profiles.csv")
    for competency in COMPETENCY_IDS:
        values = pd.to_numeric(prof[competency], errors="coerce")
        bad = values.isna() | ~values.isin([1, 2, 3, 4, 5])
        if bad.any():
            row = prof.index[bad.to_numpy()][0]
            raise ScenarioError(
                f"role_profiles.csv: row {row!r} has {prof.loc[row, competency]!r} for "
                f"{competency!r}; profiles use whole numbers from 1 to 5."
            )

    collab = tables["collaboration"]
    _text_columns(collab, ("pair", "lower", "upper", "aspect", "lower_brings", "upper_brings"),
                  "collaboration.csv")
    _sources(collab, "collaboration.csv")
    for row, item in collab.iterrows():
        if item["pair"] not in PAIRS:
            raise ScenarioError(f"collaboration.csv: row {row!r} has pair {item['pair']!r}; "
                                f"use one of {', '.join(PAIRS)}.")
        for column in ("lower", "upper"):
            if item[column] not in ROLE_IDS:
                raise ScenarioError(f"collaboration.csv: row {row!r} has {column} "
                                    f"{item[column]!r}, which is not a role id.")
    counts = collab["pair"].value_counts()
    for pair in PAIRS:
        if counts.get(pair, 0) != 7:
            raise ScenarioError(f"collaboration.csv: the pair {pair!r} has "
                                f"{counts.get(pair, 0)} aspects; the source gives seven.")

    spec = tables["specialisations"]
    _text_columns(spec, ("name", "focus"), "specialisations.csv")
    _sources(spec, "specialisations.csv")
    if len(spec) != 5:
        raise ScenarioError(f"specialisations.csv has {len(spec)} rows; the director has five.")


@cache
def _tables() -> dict[str, pd.DataFrame]:
    names = ("roles", "competencies", "role_profiles", "collaboration", "specialisations")
    tables = {name: load(name) for name in names}
    validate_tables(tables)
    return tables


def roles(*, contrasts: bool = True) -> pd.DataFrame:
    """Return the roles table (indexed by id); without ``contrasts`` only the ten roles."""
    table = _tables()["roles"].copy()
    return table if contrasts else table[table["track"] != "contrast"]


def competencies() -> pd.DataFrame:
    """Return the fifteen competencies with what PM, Director, VP and CPO are expected to show."""
    return _tables()["competencies"].copy()


def competency_names() -> dict[str, str]:
    """Return ``{competency id: display name}`` in course order."""
    return competencies()["name"].to_dict()


def profiles() -> pd.DataFrame:
    """Return the expected rating (1..5) of every role on every competency (role x competency)."""
    return _tables()["role_profiles"].drop(columns="source").astype(int)


class Profile(pd.Series):
    """A role's expected ratings: a Series that also subtracts a ``{competency: rating}`` dict.

    ``profile(role) - ratings.value`` is the obvious way to write a gap; pandas would warn
    and fail on the dict, so it is read as the Series it stands for. Results are plain
    Series.
    """

    @property
    def _constructor(self) -> type[pd.Series]:
        return pd.Series

    def _ratings(self, other: object) -> object:
        if other is None:
            raise ScenarioError("No ratings are saved yet: rate yourself in Step 1 (or run "
                                "its cell) before computing the gap.")
        if isinstance(other, Mapping):
            return pd.Series(dict(other), dtype=float).reindex(self.index)
        return other

    def __sub__(self, other: object) -> pd.Series:
        return pd.Series(self) - self._ratings(other)

    def __rsub__(self, other: object) -> pd.Series:
        return self._ratings(other) - pd.Series(self)


def profile(role: str) -> pd.Series:
    """Return the expected rating of ``role`` on each of the fifteen competencies."""
    check_role(role)
    return Profile(profiles().loc[role].rename(role))


def collaboration(pair: str | None = None) -> pd.DataFrame:
    """Return the collaboration aspects, all of them or those of one pair (``"pm-director"``...)."""
    table = _tables()["collaboration"].copy()
    if pair is None:
        return table
    if pair not in PAIRS:
        raise ScenarioError(f"{pair!r} is not a pair of adjacent levels.{_suggest(pair, PAIRS)} "
                            f"Use one of: {', '.join(PAIRS)}.")
    return table[table["pair"] == pair]


def specialisations() -> pd.DataFrame:
    """Return the five director specialisations."""
    return _tables()["specialisations"].copy()


# -- the learner's baseline from module 00 ----------------------------------------------------
@dataclass
class Baseline:
    """The self-assessment found in module 00's answer records, with what was noticed."""

    ratings: dict[str, int] | None = None
    found_in: Path | None = None
    notes: list[str] = field(default_factory=list)


def find_baseline(directory: str | os.PathLike[str] = ".") -> Baseline:
    """Look for module 00's self-assessment beside the module folder ``directory``.

    Reads ``../00-product-ladder/*.answers.json`` relative to ``directory`` without ever
    changing those files: an unreadable or foreign record is skipped with a note, and
    ratings outside the scale are reported and not used. Never raises.
    """
    from .answers import FORMAT, RECORD_SUFFIX, AnswerStore

    result = Baseline()
    folder = Path(directory).resolve().parent / BASELINE_MODULE
    if not folder.is_dir():
        result.notes.append(f"No {BASELINE_MODULE} folder beside this module: rate yourself here.")
        return result
    for path in sorted(folder.glob(f"*{RECORD_SUFFIX}")):
        try:  # peek read-only first, so the store never sets another module's file aside
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError):
            result.notes.append(f"{path.name} in {BASELINE_MODULE} could not be read; skipped.")
            continue
        if not isinstance(raw, dict) or raw.get("format") != FORMAT or raw.get(
            "module"
        ) != BASELINE_MODULE or not isinstance(raw.get("notebook"), str):
            continue
        answer = AnswerStore(folder, BASELINE_MODULE, raw["notebook"]).get(BASELINE_EXERCISE)
        if answer is None:
            continue
        try:
            ratings = check_ratings(answer.value)
        except ScenarioError as exc:
            result.notes.append(f"The self-assessment in {path.name} was not used: {exc}")
            continue
        if not ratings:
            continue
        result.ratings, result.found_in = ratings, path
        result.notes.append(
            f"Found your module 00 self-assessment ({len(ratings)} of 15 rated) in {path.name}."
        )
        return result
    if not any("not used" in note for note in result.notes):
        result.notes.append(
            f"No self-assessment saved in {BASELINE_MODULE} yet: rate yourself here."
        )
    return result

