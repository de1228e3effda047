"""The capstone: a year of a product division, quarter by quarter, driven by four decisions.

A :class:`CapstoneScenario` holds the division's data: a backlog (RICE estimates plus what
each item does to the division when it ships), the initiatives that compete for engineers
and budget in the second half of the year, the funnel rates of its three customer
segments, and a seeded table of sign-ups with one random draw per user and step (so the
event log of a quarter can be rebuilt for any state, the same every time).

The state (:class:`QuarterState`: sign-ups, active and paying users, retention, revenue,
morale, tech debt, engineers) carries from quarter to quarter:

- **Q1** fund a top of the backlog under a capacity (a ranking with a cut line). What ships
  changes sign-ups, retention, tech debt and morale from the end of the quarter.
- **Q2** diagnose a KPI problem in the funnel data of Q1 and Q2 sign-ups; the Q2 data is
  built from the state Q1 left behind (high tech debt breaks a step, for example).
- **Q3** allocate engineers and budget across initiatives; the engineers available depend
  on morale, and the value of paying down debt on how much debt there is.
- **Q4** re-allocate after a market shift: fewer engineers, new values.

:func:`simulate` returns a :class:`YearResult` with the metrics of every quarter, so the
consequences of each decision show. Decisions are plain data, in the form the course's
widgets save them: a ranking ``{"order": [...], "cut": n}``, a diagnosis
``{"segment": ..., "step": ...}`` and plans ``{initiative id: engineers}``. A decision not
made yet is ``None`` (nothing funded, no diagnosis, no plan).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any

import numpy as np
import pandas as pd

from ._checks import ScenarioError, kind_of, require_columns, require_frame, require_numeric
from .allocation import AllocationScenario, headers
from .kpi import FUNNEL_STEPS
from .prioritization import check_order, cut_line, rice

__all__ = [
    "DECISIONS",
    "BACKLOG_HEADERS",
    "HEADERS",
    "QUARTERS",
    "SEGMENTS",
    "SETTING_FIGURES",
    "CapstoneScenario",
    "Decisions",
    "QuarterState",
    "Settings",
    "YearResult",
    "simulate",
]

#: Readable headers, with units, of the capstone's tables (column -> label).
HEADERS: dict[str, str] = {
    "signups": "Sign-ups (thousands)",
    "new_active": "Reached core action (thousands)",
    "active_users": "Active users (thousands)",
    "retention": "Retention (% kept)",
    "paying_users": "Paying users (thousands)",
    "revenue": "Revenue ($k/quarter)",
    "arr_added": "ARR added ($k/year)",
    "morale": "Morale (0-100)",
    "tech_debt": "Tech debt (0-100)",
    "engineers": "Engineers at quarter end",
    "incident": "A step failed",
    "debt_per_unit": "Debt paid down per engineer (points)",
}
#: Readable headers of the Q1 backlog: RICE estimates, then what an item does once shipped.
BACKLOG_HEADERS: dict[str, str] = {
    "title": "Item",
    "reach": "Reach (users a quarter)",
    "impact": "Impact (0.25-3)",
    "confidence": "Confidence (0-1)",
    "effort": "Effort (person-months)",
    "signups": "Extra sign-ups (thousands a quarter)",
    "retention": "Retention change (points)",
    "debt": "Tech debt change (points)",
    "morale": "Morale change (points)",
}
#: The four quarters of the year, in order.
QUARTERS = ("Q1", "Q2", "Q3", "Q4")
#: The decision of each quarter, by key.
DECISIONS = ("q1", "q2", "q3", "q4")
#: The customer segments of the division.
SEGMENTS = ("smb", "mid_market", "enterprise")
_STEPS = tuple(FUNNEL_STEPS[1:])  # the steps after sign-up, each with a rate
_BACKLOG_EFFECTS = ("signups", "retention", "debt", "morale")
_QUARTER_START = {1: "2027-01-01", 2: "2027-04-01"}
#: Settings field -> the scenario figure (course.data.figure) that sets it per learner
SETTING_FIGURES: dict[str, str] = {
    "capacity_q1": "m09_capacity",
    "engineers": "m09_engineers",
    "budget_q3": "m09_budget_q3",
    "budget_q4": "m09_budget_q4",
    "shift_loss": "m09_shift_loss",
    "signups": "m09_signups",
    "active_users": "m09_active_users",
    "morale": "m09_morale",
    "debt": "m09_debt",
}


@dataclass(frozen=True)
class Settings:
    """The numbers that set the year up (the lesson states each of them).

    The defaults are the base scenario's; a learner's division uses :meth:`of_variant`.
    """

    #: person-months of the division's Q1 backlog capacity
    capacity_q1: float = 24.0
    #: engineers at the start of the year
    engineers: int = 12
    #: $k of non-salary budget in Q3 and in Q4
    budget_q3: float = 300.0
    budget_q4: float = 260.0
    #: engineers the market shift takes away before Q4 (hiring freeze, a team moved)
    shift_loss: int = 2
    #: thousands of sign-ups a quarter before anything ships
    signups: float = 20.0
    #: thousands of active users at the start of the year
    active_users: float = 50.0
    #: share of last quarter's active users still active this quarter
    retention: float = 0.85
    #: USD a paying user pays a quarter
    price: float = 90.0
    #: team morale at the start (0-100) and its drift each quarter
    morale: float = 66.0
    morale_drift: float = -1.0
    #: tech debt at the start (0-100) and what it grows by each quarter
    debt: float = 38.0
    debt_drift: float = 4.0
    #: from this much tech debt on, the fragile step fails (the funnel's incident rates)
    debt_limit: float = 50.0

    @classmethod
    def of_variant(cls) -> Settings:
        """Return the settings of the learner's variant: the figures the lesson states.

        The team, budgets, Q1 capacity and the division on 1 January are scenario figures
        (:func:`course.data.figure`, ``m09_*``); the rest are the defaults above.
        """
        from course.data import figure

        return cls(**{name: figure(key) for name, key in SETTING_FIGURES.items()})

    def __post_init__(self) -> None:
        for item in fields(self):
            value = getattr(self, item.name)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not (
                    math.isfinite(value)):
                raise ScenarioError(f"Setting {item.name} must be a number, got {value!r}.")
            if item.name not in ("morale_drift",) and value < 0:
                raise ScenarioError(f"Setting {item.name} cannot be negative ({value:g}).")
        if not 0 < self.retention <= 1:
            raise ScenarioError(
                f"Setting retention is a share between 0 and 1, got {self.retention:g}; write "
                f"0.85 for 85%."
            )


@dataclass(frozen=True)
class QuarterState:
    """The division at the end of a quarter (``start``: before Q1)."""

    quarter: str
    signups: float  # thousands of sign-ups in the quarter
    new_active: float  # thousands of sign-ups who reached the core action
    active_users: float  # thousands at the end of the quarter
    retention: float  # share of last quarter's active users kept
    paying_users: float  # thousands
    revenue: float  # $k in the quarter
    arr_added: float  # $k of annual recurring revenue added by the plans so far
    morale: float  # 0-100
    tech_debt: float  # 0-100
    engineers: int  # available for the next quarter
    incident: bool  # whether the fragile step failed during the quarter


@dataclass(frozen=True)
class Decisions:
    """The four decisions of the year; ``None`` for one not made yet."""

    q1: dict[str, Any] | None = None
    q2: dict[str, str] | None = None
    q3: dict[str, int] | None = None
    q4: dict[str, int] | None = None

    @classmethod
    def of(cls, value: Decisions | Mapping[str, Any] | None) -> Decisions:
        """Return ``value`` as Decisions (a mapping with keys q1 to q4, some left out)."""
        if value is None:
            return cls()
        if isinstance(value, Decisions):
            return value
        if not isinstance(value, Mapping):
            raise ScenarioError(
                "The decisions are a dictionary like {'q1': ranking, 'q2': diagnosis, "
                f"'q3': plan, 'q4': plan}}; got {kind_of(value)}."
            )
        unknown = sorted(str(k) for k in value if k not in DECISIONS)
        if unknown:
            raise ScenarioError(
                f"{', '.join(unknown)} is not a decision of the year; use the keys "
                f"{', '.join(DECISIONS)}."
            )
        return cls(**{k: _plain(value.get(k)) for k in DECISIONS})


def _plain(value: Any) -> Any:
    """Return a widget answer as plain dicts and lists (traitlets may hand out copies)."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return list(value)
    return value


@dataclass(frozen=True)
class YearResult:
    """What the year's decisions did: the state at the end of every quarter."""

    states: tuple[QuarterState, ...]
    decisions: Decisions
    funded: tuple[str, ...]
    plans: dict[str, dict[str, int]] = field(default_factory=dict)
    settings: Settings = field(default_factory=Settings)

    def table(self) -> pd.DataFrame:
        """Return one row per quarter (``start`` first) with every metric.

        ``table.attrs`` holds readable headers with units and the share columns, for
        :func:`course.tables.styled`.
        """
        frame = pd.DataFrame([vars(s) for s in self.states]).set_index("quarter")
        frame.attrs.update(headers=dict(HEADERS), percent=["retention"], digits=1)
        return frame

    def state(self, quarter: str) -> QuarterState:
        """Return the state at the end of ``quarter`` ("start", "Q1" ... "Q4")."""
        for item in self.states:
            if item.quarter == quarter:
                return item
        raise ScenarioError(f"No quarter {quarter!r}; use start, {', '.join(QUARTERS)}.")

    def team(self) -> pd.Series:
        """Return the engineers who work in each quarter (``start``: on 1 January).

        A quarter is worked by the engineers left at the end of the one before; Q4's team is
        also smaller by the market shift's loss. The table's ``engineers`` column is the
        count at the end of a quarter (after any loss to low morale), so it is the team of
        the quarter after.
        """
        counts = {"start": self.states[0].engineers}
        for before, state in zip(self.states, self.states[1:], strict=False):
            loss = self.settings.shift_loss if state.quarter == "Q4" else 0
            counts[state.quarter] = max(before.engineers - loss, 0)
        return pd.Series(counts, name="engineers", dtype=int)

    def summary(self) -> dict[str, float]:
        """Return the year in a few numbers: revenue, growth of users, debt and morale."""
        first, last = self.states[0], self.states[-1]
        return {
            "revenue": float(sum(s.revenue for s in self.states[1:])),
            "user_growth": float(last.active_users / first.active_users - 1),
            "tech_debt": float(last.tech_debt),
            "morale": float(last.morale),
            "engineers": float(last.engineers),
        }


class CapstoneScenario:
    """The division's data for the year; build it with :meth:`from_frames`.

    Without ``settings`` the division takes the learner's own (:meth:`Settings.of_variant`).
    """

    def __init__(self, backlog: pd.DataFrame, initiatives: pd.DataFrame, funnel: pd.DataFrame,
                 users: pd.DataFrame, settings: Settings | None = None) -> None:
        self.settings = settings if settings is not None else Settings.of_variant()
        if not isinstance(self.settings, Settings):
            raise ScenarioError(
                f"settings must be a capstone Settings object, got "
                f"{kind_of(self.settings)}; build one with Settings(...)."
            )
        self.backlog = _check_backlog(backlog)
        self.initiatives = _check_initiatives(initiatives)
        self.rates = _check_funnel(funnel)
        self.users = _check_users(users)
        self.backlog_ids = tuple(str(i) for i in self.backlog.index)
        self.mix = self.rates.groupby("segment", sort=False)["share"].first()
        strangers = sorted(set(self.users["segment"].astype(str)) - set(self.mix.index))
        if strangers:
            raise ScenarioError(
                f"The capstone sign-ups have {'a segment' if len(strangers) == 1 else 'segments'} "
                f"{', '.join(strangers)} with no funnel "
                f"rates; add rows for them to the funnel table or fix the segment names."
            )
        # both allocation scenarios must be buildable: catch bad initiatives now
        self.allocation(3, self.settings.engineers, self.settings.debt)
        self.allocation(4, self.settings.engineers, self.settings.debt)

    @classmethod
    def from_frames(cls, backlog: pd.DataFrame, initiatives: pd.DataFrame,
                    funnel: pd.DataFrame, users: pd.DataFrame,
                    settings: Settings | None = None) -> CapstoneScenario:
        """Return the scenario of the four tables (see materials/data/SCHEMA.md, m09_*)."""
        return cls(backlog, initiatives, funnel, users, settings)

    # -- the decisions, checked ----------------------------------------------------------
    def funded(self, ranking: Any) -> tuple[str, ...]:
        """Return the backlog items a Q1 ranking funds (its top ``cut`` items)."""
        if ranking is None:
            return ()
        if not isinstance(ranking, Mapping) or "order" not in ranking:
            raise ScenarioError(
                'The Q1 decision is a ranking like {"order": [item ids...], "cut": n}; got '
                f"{kind_of(ranking)}."
            )
        order = check_order(ranking["order"], self.backlog_ids)
        cut = ranking.get("cut") or 0
        line = cut_line(order, self.backlog["effort"], self.settings.capacity_q1, cut)
        if not line.fits:
            raise ScenarioError(
                f"The Q1 cut line funds {line.used:g} person-months of work, more than the "
                f"{line.capacity:g} available; fund fewer items from the top."
            )
        return line.funded

    def diagnosis(self, value: Any) -> dict[str, str] | None:
        """Return a Q2 diagnosis ``{"segment", "step"}`` checked against the options."""
        if value is None:
            return None
        if not isinstance(value, Mapping) or set(value) != {"segment", "step"}:
            raise ScenarioError(
                'The Q2 diagnosis names a segment and a step, like {"segment": "smb", '
                f'"step": "activation"}}; got {value!r}.'
            )
        segments = [str(x) for x in self.mix.index]
        if value["segment"] not in segments:
            raise ScenarioError(
                f"{value['segment']!r} is not a segment; use one of {', '.join(segments)}."
            )
        if value["step"] not in _STEPS:
            raise ScenarioError(f"{value['step']!r} is not a step with a conversion; use one "
                                f"of {', '.join(_STEPS)}.")
        return {"segment": str(value["segment"]), "step": str(value["step"])}

    # -- what a state implies ------------------------------------------------------------
    def step_rates(self, quarter: int, debt: float) -> pd.DataFrame:
        """Return the conversion of each step (columns) by segment (rows) in ``quarter``.

        Q1 runs on the ``before`` rates, later quarters on the ``after`` rates; when the
        tech debt carried into the quarter is at or above the limit, steps with an
        ``incident`` rate fall to it.
        """
        column = "before" if quarter == 1 else "after"
        rates = self.rates[column].copy()
        if debt >= self.settings.debt_limit:
            broken = self.rates["incident"].notna()
            rates[broken] = self.rates.loc[broken, "incident"]
        table = pd.DataFrame({"segment": self.rates["segment"], "step": self.rates["step"],
                              "rate": rates})
        return table.pivot(index="segment", columns="step", values="rate").reindex(
            index=list(self.mix.index), columns=list(_STEPS))

    def conversion(self, quarter: int, debt: float) -> tuple[float, float]:
        """Return the share of sign-ups reaching the core action and of those who upgrade."""
        rates = self.step_rates(quarter, debt)
        core = rates["activation"] * rates["core_action"]
        active = float((self.mix * core).sum())
        paying = float((self.mix * core * rates["upgrade"]).sum())
        return active, paying / active if active > 0 else 0.0

    def targets(self) -> dict[str, float]:
        """Return the planned step conversion of each step, for the whole division.

        The plan is the Q1 rates with no incident, pooled over the segments by their share
        of sign-ups: the conversion the division expected when nothing breaks.
        """
        rates = self.step_rates(1, 0.0)
        reaching = self.mix.copy()
        planned: dict[str, float] = {}
        for step in _STEPS:
            passing = reaching * rates[step]
            planned[step] = round(float(passing.sum() / reaching.sum()), 3)
            reaching = passing
        return planned

    def allocation(self, quarter: int, engineers: int, debt: float) -> AllocationScenario:
        """Return the allocation scenario of Q3 or Q4 for the division in a given state.

        The capacity is the engineers available (less the shift's loss in Q4); Q4 values
        come from ``value_after``; an initiative that ``scales_with_debt`` is worth
        ``debt / debt_limit`` times its listed value.
        """
        if quarter not in (3, 4):
            raise ScenarioError(f"Only Q3 and Q4 are allocation quarters, not Q{quarter}.")
        table = self.initiatives.copy()
        column = "value" if quarter == 3 else "value_after"
        scale = np.where(table["scales_with_debt"] > 0,
                         max(debt, 0.0) / self.settings.debt_limit, 1.0)
        table["value"] = (table[column] * scale).round(1)
        capacity = engineers - (self.settings.shift_loss if quarter == 4 else 0)
        budget = self.settings.budget_q3 if quarter == 3 else self.settings.budget_q4
        return AllocationScenario.from_frame(
            table.drop(columns=["value_after"]), capacity=max(capacity, 0), budget=budget,
            unit="engineers", value_unit="$k ARR",
        )

    def plan_table(self, scenario: AllocationScenario) -> pd.DataFrame:
        """Return an allocation quarter's initiatives with the debt each engineer pays down.

        The capstone has no cost per engineer (salaries are not in the budget), so that
        column is left out; ``debt_per_unit`` is the points of tech debt each engineer on
        an initiative pays down in the quarter.
        """
        table = scenario.table()
        if (table["unit_cost"] == 0).all():
            table = table.drop(columns="unit_cost")
        table["debt_per_unit"] = self.initiatives["debt_per_unit"].reindex(table.index)
        table.attrs["headers"] = {**headers(scenario.unit, scenario.value_unit, scenario.money),
                                  "debt_per_unit": HEADERS["debt_per_unit"]}
        return table

    def events(self, decisions: Decisions | Mapping[str, Any] | None = None) -> pd.DataFrame:
        """Return the funnel event log of Q1 and Q2 sign-ups, Q2 as Q1's decision left it.

        One row per user per step reached (``user_id``, ``segment``, ``step``, ``date``: the
        sign-up day). A user passes a step when their draw for it is below the step's rate
        for their segment and quarter, so the same draws give the same log for a state.
        """
        year = simulate(self, replace(Decisions.of(decisions), q2=None, q3=None, q4=None))
        debts = {1: self.settings.debt, 2: year.state("Q1").tech_debt}
        users = self.users
        quarter = np.where(users["signup"] < _QUARTER_START[2], 1, 2)
        reached = pd.Series(True, index=users.index)
        frames = [users.assign(step="signup")]
        for step in _STEPS:
            rate = np.empty(len(users))
            for q in (1, 2):
                table = self.step_rates(q, debts[q])
                mask = quarter == q
                rate[mask] = table[step].reindex(users.loc[mask, "segment"]).to_numpy()
            reached &= users[f"u_{step}"].to_numpy() < rate
            frames.append(users[reached].assign(step=step))
        log = pd.concat(frames, ignore_index=True)
        log = log[["user_id", "segment", "step", "signup"]].rename(columns={"signup": "date"})
        order = {s: i for i, s in enumerate(FUNNEL_STEPS)}
        log = log.assign(_o=log["step"].map(order)).sort_values(
            ["date", "user_id", "_o"], kind="stable")
        return log.drop(columns="_o").reset_index(drop=True)

    def __repr__(self) -> str:
        return (f"CapstoneScenario({len(self.backlog)} backlog items, "
                f"{len(self.initiatives)} initiatives, {len(self.users):,} sign-ups)")


def simulate(scenario: CapstoneScenario,
             decisions: Decisions | Mapping[str, Any] | None = None) -> YearResult:
    """Run the year: apply each quarter's decision and return the state after every quarter.

    A decision left out (or ``None``) means nothing funded, no diagnosis or no plan. A
    decision that does not fit its quarter (a cut line past capacity, a plan that breaks
    a constraint of that quarter's allocation) raises a ScenarioError saying how to fix it.
    """
    if not isinstance(scenario, CapstoneScenario):
        raise ScenarioError(
            "simulate needs a CapstoneScenario (build one with CapstoneScenario.from_frames"
            f"(...)); got {kind_of(scenario)}."
        )
    made = Decisions.of(decisions)
    s = scenario.settings
    funded = scenario.funded(made.q1)
    scenario.diagnosis(made.q2)
    effects = scenario.backlog.loc[list(funded), list(_BACKLOG_EFFECTS)].sum()
    active_share, paying_share = scenario.conversion(1, s.debt)
    start = QuarterState(
        "start", s.signups, s.signups * active_share, s.active_users, s.retention,
        s.active_users * paying_share, s.active_users * paying_share * s.price, 0.0,
        s.morale, s.debt, int(s.engineers), False,
    )
    states = [start]
    plans: dict[str, dict[str, int]] = {}
    for number, quarter in enumerate(QUARTERS, start=1):
        before = states[-1]
        shipped = number >= 2  # Q1's items ship at the end of Q1
        signups = s.signups + (float(effects["signups"]) if shipped else 0.0)
        retention = min(s.retention + (float(effects["retention"]) / 100 if shipped else 0.0),
                        1.0)
        incident = before.tech_debt >= s.debt_limit
        active_share, paying_share = scenario.conversion(number, before.tech_debt)
        new_active = signups * active_share
        active = before.active_users * retention + new_active
        debt = before.tech_debt + s.debt_drift
        morale = before.morale + s.morale_drift
        arr = before.arr_added
        if number == 1:
            debt += float(effects["debt"])
            morale += float(effects["morale"])
        if number in (3, 4):
            key = DECISIONS[number - 1]
            plan = getattr(made, key)
            allocation = scenario.allocation(number, before.engineers, before.tech_debt)
            if plan is not None:
                result = allocation.evaluate(plan)
                if not result.feasible:
                    raise ScenarioError(
                        f"The {quarter} plan does not fit that quarter ({allocation.capacity:g} "
                        f"engineers, {allocation.budget:,.0f} $k): "
                        + " ".join(result.violations)
                        + " Change the plan, or re-run the quarter's cell after changing an "
                        "earlier decision."
                    )
                plans[key] = result.plan
                arr += result.value
                paydown = scenario.initiatives["debt_per_unit"]
                debt -= float(sum(paydown[i] * u for i, u in result.plan.items()))
        debt = min(max(debt, 0.0), 100.0)
        morale = min(max(morale, 0.0), 100.0)
        # the market shift takes its engineers away for good at the start of Q4
        team = before.engineers - (s.shift_loss if number == 4 else 0)
        engineers = team - (2 if morale < 50 else 1 if morale < 60 else 0)
        paying = active * paying_share
        revenue = paying * s.price + arr / 4
        states.append(QuarterState(
            quarter, signups, new_active, active, retention, paying, revenue, arr, morale,
            debt, max(int(engineers), 0), incident,
        ))
    return YearResult(tuple(states), made, funded, plans, s)


# -- input checks -------------------------------------------------------------------------


def _check_backlog(frame: Any) -> pd.DataFrame:
    what = "The capstone backlog"
    frame = require_frame(frame, what)
    require_columns(frame, ["title", *_BACKLOG_EFFECTS], what)
    rice(frame)  # checks reach, impact, confidence and effort with their own messages
    for column in _BACKLOG_EFFECTS:
        require_numeric(frame, column, what)
    require_numeric(frame, "signups", what, nonnegative=True)
    if frame.index.duplicated().any():
        raise ScenarioError(f"{what} lists {frame.index[frame.index.duplicated()][0]!r} twice; "
                            f"give every item its own id.")
    frame = frame.copy()
    frame.index = frame.index.astype(str)
    frame.attrs["headers"] = dict(BACKLOG_HEADERS)
    return frame


def _check_initiatives(frame: Any) -> pd.DataFrame:
    what = "The capstone initiatives"
    frame = require_frame(frame, what)
    require_columns(frame, ["value", "value_after", "debt_per_unit", "scales_with_debt"], what)
    require_numeric(frame, "value_after", what)
    require_numeric(frame, "debt_per_unit", what, nonnegative=True)
    require_numeric(frame, "scales_with_debt", what, allowed=(0, 1))
    frame = frame.copy()
    frame.index = frame.index.astype(str)
    return frame


def _check_funnel(frame: Any) -> pd.DataFrame:
    what = "The capstone funnel rates"
    frame = require_frame(frame, what)
    require_columns(frame, ["segment", "share", "step", "before", "after", "incident"], what)
    for column in ("share", "before", "after"):
        require_numeric(frame, column, what, between=(0.0, 1.0))
    incident = pd.to_numeric(frame["incident"], errors="coerce")
    if ((incident < 0) | (incident > 1)).any():
        raise ScenarioError(f"{what}: incident rates are shares between 0 and 1 (or empty).")
    pairs = set(zip(frame["segment"].astype(str), frame["step"].astype(str), strict=True))
    wanted = {(seg, step) for seg in frame["segment"].astype(str) for step in _STEPS}
    missing = sorted(wanted - pairs)
    if missing:
        raise ScenarioError(
            f"{what} has no rate for {', '.join(f'{a}/{b}' for a, b in missing)}; every "
            f"segment needs a row for each of {', '.join(_STEPS)}."
        )
    extra = sorted(s for _, s in pairs if s not in _STEPS)
    if extra:
        raise ScenarioError(f"{what} has {'a step' if len(extra) == 1 else 'steps'} "
                           f"{', '.join(extra)}; use {', '.join(_STEPS)}.")
    if frame.duplicated(["segment", "step"]).any():
        raise ScenarioError(f"{what} gives a segment and step twice; keep one row for each.")
    shares = frame.groupby("segment")["share"].agg(["min", "max", "first"])
    if (shares["min"] != shares["max"]).any():
        raise ScenarioError(f"{what}: each segment needs the same share on all its rows.")
    if not math.isclose(float(shares["first"].sum()), 1.0, abs_tol=1e-6):
        raise ScenarioError(
            f"{what}: the segment shares add up to {shares['first'].sum():g}; they must add up "
            f"to 1."
        )
    out = frame.reset_index(drop=True).copy()
    out["incident"] = incident.to_numpy()
    return out


def _check_users(frame: Any) -> pd.DataFrame:
    what = "The capstone sign-ups"
    frame = require_frame(frame, what)
    draws = [f"u_{step}" for step in _STEPS]
    require_columns(frame, ["user_id", "segment", "signup", *draws], what)
    for column in draws:
        require_numeric(frame, column, what, between=(0.0, 1.0))
    dates = pd.to_datetime(frame["signup"], errors="coerce", format="%Y-%m-%d")
    bad = dates.isna() | (dates < pd.Timestamp(_QUARTER_START[1])) | (
        dates >= pd.Timestamp("2027-07-01"))
    if bad.any():
        row = frame.index[bad.to_numpy()][0]
        raise ScenarioError(
            f"{what}: row {row!r} has signup {frame.loc[row, 'signup']!r}; sign-ups are dates "
            f"like '2027-02-14' in the first half of 2027."
        )
    return frame.reset_index(drop=True)
