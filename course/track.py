"""The competency track (module 10): one competency at a time, rung by rung, linked to you.

``connect("communication")`` in a module 10 notebook shows, for that competency, your own
module 00 self-rating (read from the module 00 folder beside this module's folder, never
changed), what the next rung up the ladder asks for, and the exercises of modules 00-09
that train it (from the curriculum map shipped with the course). Nothing here knows an
answer.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from .data import load
from .models import ScenarioError
from .roles import check_competency, competency_names, find_baseline, profiles

__all__ = [
    "MODULE",
    "NOT_LISTED",
    "RUNGS",
    "RUNG_NAMES",
    "SECTIONS",
    "Connection",
    "Scenario",
    "behaviours",
    "connect",
    "next_rung",
    "rung_expectations",
    "rung_menu",
    "scenario",
    "trained_by",
]

#: The module of the competency track.
MODULE = "10-competencies"
#: The four rungs source 004 describes criterion by criterion, lowest first: rung -> role id.
RUNGS: dict[str, str] = {"pm": "product_manager", "director": "director", "vp": "vp_product",
                         "cpo": "cpo"}
#: How the rungs are named in the lessons (also the menu labels of the placements).
RUNG_NAMES: dict[str, str] = {"pm": "Product Manager", "director": "Director of Product",
                              "vp": "VP of Product", "cpo": "Chief Product Officer"}
#: Rungs whose list in source 004 has no item of its own for a competency (the course's
#: profile still gives them a rating, read from the neighbouring items).
NOT_LISTED: frozenset[tuple[str, str]] = frozenset({
    ("strategic-partnerships", "pm"),   # the PM's list stops at fourteen, without it
    ("domain-knowledge", "director"),   # folded into the Director's learning item
})
#: The module 10 notebook whose section teaches each competency.
SECTIONS: dict[str, str] = {
    "strategic-thinking": "1-direction",
    "vision-innovation": "1-direction",
    "decision-making": "1-direction",
    "leadership": "2-people",
    "team-management": "2-people",
    "self-reflection-learning": "2-people",
    "scope-management": "3-reach",
    "collaboration-influence": "3-reach",
    "communication": "3-reach",
    "customer-focus": "4-market",
    "domain-knowledge": "4-market",
    "strategic-partnerships": "4-market",
    "data-analysis": "5-numbers-and-change",
    "business-acumen": "5-numbers-and-change",
    "adaptability-resilience": "5-numbers-and-change",
}


def rung_menu(*rungs: str) -> dict[str, str]:
    """Return ``{rung: name}`` for the menus of a placement (all four rungs by default)."""
    return {r: RUNG_NAMES[r] for r in (rungs or RUNGS)}


def behaviours(competency: str) -> dict[str, str]:
    """Return ``{id: "id · behaviour"}`` of the observed behaviours of ``competency``."""
    competency = check_competency(competency)
    table = load("m10_behaviours")
    rows = table[table["competency"] == competency]["behaviour"]
    if rows.empty:
        raise ScenarioError(f"no behaviours are listed for {competency!r}")
    return {str(i): f"{i} · {text}" for i, text in rows.items()}


def scenario(exercise: str) -> Scenario:
    """Return the situation and the lettered responses of a scenario exercise."""
    table = load("m10_scenarios")
    if exercise not in table.index:
        raise ScenarioError(f"{exercise!r} is not a scenario of module 10")
    options = load("m10_scenario_options")
    mine = options[options["scenario"] == exercise]
    return Scenario(exercise, str(table.loc[exercise, "competency"]),
                    str(table.loc[exercise, "rung"]), str(table.loc[exercise, "situation"]),
                    {str(o): str(r) for o, r in zip(mine["option"], mine["response"],
                                                    strict=True)})


@dataclass(frozen=True)
class Scenario:
    """A short situation at one rung and the responses to choose from (no credit here)."""

    exercise: str
    competency: str
    role: str
    situation: str
    responses: dict[str, str]

    def markdown(self) -> str:
        """Return the situation and the lettered responses as Markdown."""
        lines = [f"> {self.situation}", ""]
        lines += [f"- **{letter}.** {text}" for letter, text in self.responses.items()]
        return "\n".join(lines)

    def _repr_markdown_(self) -> str:
        return self.markdown()

    @property
    def letters(self) -> dict[str, str]:
        """The menu of the choice widget: ``{letter: "Response letter"}``."""
        return {letter: f"Response {letter}" for letter in self.responses}


def rung_expectations(competency: str) -> dict[str, float | None]:
    """Return the rating (1-5) each rung's role profile expects; None where none is given."""
    competency = check_competency(competency)
    table = profiles()
    out: dict[str, float | None] = {}
    for rung, role in RUNGS.items():
        try:
            value = float(table.loc[role, competency])
        except (KeyError, TypeError, ValueError):
            value = math.nan
        out[rung] = None if math.isnan(value) else value
    return out


def next_rung(competency: str, rating: int | None) -> str | None:
    """Return the lowest rung whose profile expects more than ``rating`` (None: none does)."""
    for rung, expected in rung_expectations(competency).items():
        if expected is not None and (rating is None or expected > rating):
            return rung
    return None


def trained_by(competency: str) -> list[dict[str, Any]]:
    """Return the graded exercises of modules 00-09 that train ``competency``, in map order."""
    from .progress import curriculum

    competency = check_competency(competency)
    return [
        {key: entry[key] for key in ("module", "notebook", "exercise", "points", "source")}
        for entry in curriculum()["exercises"]
        if entry["module"] != MODULE and competency in entry["competencies"]
    ]


@dataclass
class Connection:
    """What connects one competency to the learner: rating, next rung, exercises to practise."""

    competency: str
    rating: int | None = None
    next_rung: str | None = None
    expectations: dict[str, float | None] = field(default_factory=dict)
    exercises: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def markdown(self) -> str:
        """Return the connection as Markdown (what the notebook shows)."""
        name = competency_names()[self.competency]
        lines = [f"**{name}: you and the ladder**", ""]
        if self.rating is None:
            lines.append("- *Your rating:* no module 00 self-assessment was found for this "
                         "competency (rate yourself in module 00, lesson 1, then run this cell "
                         "again).")
        else:
            lines.append(f"- *Your module 00 self-rating:* {self.rating} of 5.")
        expected = ", ".join(
            (f"{RUNG_NAMES[r]} {e:g}" if e is not None else f"{RUNG_NAMES[r]} -")
            + (" (no item of its own in the source)" if (self.competency, r) in NOT_LISTED
               else "")
            for r, e in self.expectations.items()
        )
        lines.append(f"- *What each rung's profile expects (1-5):* {expected}.")
        if self.next_rung is None:
            lines.append("- *Next rung:* your rating already reaches what the CPO profile "
                         "expects; the work now is to keep it and to grow it in others.")
        elif self.rating is None:
            lines.append(f"- *Where the ladder starts:* the {RUNG_NAMES[self.next_rung]} "
                         f"profile expects {self.expectations[self.next_rung]:g}.")
        else:
            lines.append(f"- *Next rung for you:* the {RUNG_NAMES[self.next_rung]} profile "
                         f"expects {self.expectations[self.next_rung]:g}; the row of that rung "
                         f"in the table above says what that looks like.")
        if self.exercises:
            links = "; ".join(
                f"[{e['module']} · {e['exercise']}](../{e['module']}/{e['notebook']}.ipynb)"
                + (" (hand-graded)" if e["source"] == "manual" else "")
                for e in self.exercises
            )
            lines.append(f"- *Practise it in modules 00-09 ({len(self.exercises)} graded "
                         f"exercises):* {links}.")
        else:
            lines.append("- *Practise it in modules 00-09:* no graded exercise there trains it; "
                         "this module's exercises are its practice.")
        lines += [f"- *Note:* {note}" for note in self.notes]
        return "\n".join(lines)

    def _repr_markdown_(self) -> str:
        return self.markdown()

    def table(self) -> pd.DataFrame:
        """Return the rung expectations as a small table, for code that wants the numbers."""
        return pd.DataFrame({"role": [RUNG_NAMES[r] for r in RUNGS],
                             "expects": [self.expectations[r] for r in RUNGS]},
                            index=pd.Index(list(RUNGS), name="rung"))


def connect(competency: str, directory: str | os.PathLike[str] = ".") -> Connection:
    """Connect ``competency`` to the learner whose module folder is ``directory``.

    A missing or unreadable module 00 record never raises: the connection says so instead.
    """
    competency = check_competency(competency)
    baseline = find_baseline(directory)
    rating = (baseline.ratings or {}).get(competency)
    notes = [] if rating is not None else [
        n.replace(": rate yourself here.", ".") for n in baseline.notes if "Found" not in n
    ]
    return Connection(
        competency=competency,
        rating=rating,
        next_rung=next_rung(competency, rating),
        expectations=rung_expectations(competency),
        exercises=trained_by(competency),
        notes=notes,
    )
