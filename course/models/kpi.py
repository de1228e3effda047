"""KPI models over product usage data.

Funnel conversion and the worst drop-off, NPS, churn, cohort retention, revenue growth and
unit economics (ARPU, LTV, CAC, LTV:CAC, payback), and a quarterly scorecard. Every function
checks its input and raises :class:`ScenarioError` naming the row or field and the fix.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd

from ._checks import ScenarioError, kind_of, require_columns, require_frame, require_numeric

__all__ = [
    "FUNNEL_STEPS",
    "SCORECARD_COLUMNS",
    "arpu",
    "cac",
    "churn_rate",
    "funnel",
    "ltv",
    "ltv_cac",
    "monthly_churn",
    "nps",
    "nps_by",
    "payback_months",
    "retention_table",
    "revenue_growth",
    "scorecard",
    "worst_step",
]

#: The steps of the product funnel used in the course, in order.
FUNNEL_STEPS = ("signup", "activation", "core_action", "upgrade")


def funnel(events: pd.DataFrame, steps: Sequence[str] = FUNNEL_STEPS) -> pd.DataFrame:
    """Return users reaching each step, the step conversion and the overall conversion.

    ``events`` needs a ``user_id`` and a ``step`` column; a user counts for a step once,
    however many times they reached it. The first step's conversion is 1.
    """
    frame = require_frame(events, "The event log")
    require_columns(frame, ["user_id", "step"], "The event log")
    steps = list(steps)
    if len(steps) < 2:
        raise ScenarioError("A funnel needs at least two steps, in order.")
    unknown = sorted(set(frame["step"].dropna().astype(str)) - set(steps))
    if unknown:
        raise ScenarioError(
            f"The event log has {'a step' if len(unknown) == 1 else 'steps'} "
            f"{', '.join(map(repr, unknown))} that {'is' if len(unknown) == 1 else 'are'} "
            f"not in the funnel {steps}; filter {'it' if len(unknown) == 1 else 'them'} out or "
            f"add {'it' if len(unknown) == 1 else 'them'} to the steps."
        )
    users = frame.groupby("step")["user_id"].nunique().reindex(steps, fill_value=0)
    if users.iloc[0] == 0:
        raise ScenarioError(f"No user reached the first step {steps[0]!r}; check the filter.")
    table = pd.DataFrame({"users": users.astype(int)})
    table.index.name = "step"
    previous = table["users"].shift(1).to_numpy(dtype=float)
    current = table["users"].to_numpy(dtype=float)
    conversion = [1.0] + [
        (c / p if p > 0 else 0.0) for c, p in zip(current[1:], previous[1:], strict=True)
    ]
    table["step_conversion"] = conversion
    table["overall_conversion"] = table["users"] / table["users"].iloc[0]
    return table


# -- shared input checks ------------------------------------------------------------------


def _as_of(as_of: object) -> pd.Timestamp:
    """Return ``as_of`` as a Timestamp (None: today)."""
    if as_of is None:
        return pd.Timestamp.today().normalize()
    try:
        stamp = pd.Timestamp(as_of)
    except (TypeError, ValueError):
        raise ScenarioError(
            f"as_of must be a date such as '2026-06-30', got {as_of!r}."
        ) from None
    if pd.isna(stamp):
        raise ScenarioError("as_of must be a date such as '2026-06-30', not a missing value.")
    return stamp


def _dates(frame: pd.DataFrame, column: str, what: str, as_of: pd.Timestamp, *,
           optional: bool = False) -> pd.Series:
    """Return ``frame[column]`` as Timestamps; name the first unreadable or future row."""
    raw = frame[column]
    blank = raw.isna() | (raw.astype(str).str.strip() == "")
    parsed = pd.to_datetime(raw.where(~blank), errors="coerce", format="mixed")
    bad = parsed.isna() & ~blank
    if not optional:
        bad |= blank
    if bad.any():
        row = frame.index[bad.to_numpy()][0]
        hint = " (leave it empty when there is none)" if optional else ""
        raise ScenarioError(
            f"{what}: row {row!r} has {frame.loc[row, column]!r} in {column!r}, which is not a "
            f"date. Use dates like '2026-03-31'{hint}."
        )
    future = parsed > as_of
    if future.any():
        row = frame.index[future.to_numpy()][0]
        raise ScenarioError(
            f"{what}: row {row!r} has {column} = {parsed[row]:%Y-%m-%d}, after the report date "
            f"{as_of:%Y-%m-%d}. Data cannot come from the future: check the row or pass a later "
            f"as_of."
        )
    return parsed


def _positive(value: object, name: str, *, allow_zero: bool = False) -> float:
    """Return ``value`` as a finite float greater than zero (or zero when allowed)."""
    if isinstance(value, bool):
        raise ScenarioError(f"{name} must be a number, not {value!r}.")
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ScenarioError(f"{name} must be a number, got {value!r}.") from None
    if not math.isfinite(number):
        raise ScenarioError(f"{name} must be a finite number, got {value!r}.")
    if number < 0 or (number == 0 and not allow_zero):
        limit = "zero or more" if allow_zero else "greater than zero"
        raise ScenarioError(f"{name} must be {limit}, got {number:g}.")
    return number


def worst_step(table: pd.DataFrame) -> str:
    """Return the step (after the first) with the lowest step conversion of a funnel table."""
    frame = require_frame(table, "The funnel table")
    require_columns(frame, ["step_conversion"], "The funnel table")
    if len(frame) < 2:
        raise ScenarioError("A funnel table needs at least two steps to have a drop-off.")
    rates = require_numeric(frame.iloc[1:], "step_conversion", "The funnel table",
                            between=(0.0, 1.0))
    return str(rates.idxmin())


# -- NPS ----------------------------------------------------------------------------------


def nps(scores: pd.Series | pd.DataFrame) -> float:
    """Return the Net Promoter Score: % promoters (9-10) minus % detractors (0-6).

    ``scores`` is a Series of answers 0-10, or a survey frame with a ``score`` column.
    The result lies between -100 and 100.
    """
    if isinstance(scores, pd.Series):
        frame = require_frame(scores.to_frame("score"), "The survey answers")
    else:
        frame = require_frame(scores, "The survey")
        require_columns(frame, ["score"], "The survey")
    values = require_numeric(frame, "score", "The survey", between=(0, 10))
    off = values != values.round()
    if off.any():
        row = frame.index[off.to_numpy()][0]
        raise ScenarioError(
            f"The survey: row {row!r} has score {values[row]:g}; NPS answers are whole numbers "
            f"from 0 to 10."
        )
    promoters = (values >= 9).mean()
    detractors = (values <= 6).mean()
    return float(100 * (promoters - detractors))


def nps_by(survey: pd.DataFrame, by: str | list[str]) -> pd.Series:
    """Return the NPS of each group of ``survey`` (grouped by the column or columns ``by``)."""
    frame = require_frame(survey, "The survey")
    keys = [by] if isinstance(by, str) else list(by)
    require_columns(frame, ["score", *keys], "The survey")
    nps(frame)  # validates every score once
    result = frame.groupby(keys, sort=True)["score"].apply(nps).astype(float)
    result.name = "nps"
    return result


# -- subscriptions: churn, revenue, retention ---------------------------------------------

SUBSCRIPTION_COLUMNS = ("start", "cancelled", "monthly_price")


def _subscriptions(frame: object, as_of: pd.Timestamp) -> pd.DataFrame:
    """Return a clean copy of a subscription table: start, cancelled (NaT: active), price."""
    what = "The subscription table"
    frame = require_frame(frame, what)
    require_columns(frame, SUBSCRIPTION_COLUMNS, what)
    start = _dates(frame, "start", what, as_of)
    cancelled = _dates(frame, "cancelled", what, as_of, optional=True)
    price = require_numeric(frame, "monthly_price", what, nonnegative=True)
    early = cancelled < start
    if early.any():
        row = frame.index[early.to_numpy()][0]
        raise ScenarioError(
            f"{what}: row {row!r} is cancelled ({cancelled[row]:%Y-%m-%d}) before it starts "
            f"({start[row]:%Y-%m-%d}); swap or correct the dates."
        )
    return pd.DataFrame({"start": start, "cancelled": cancelled, "monthly_price": price})


def monthly_churn(subscriptions: pd.DataFrame, as_of: object = None) -> pd.DataFrame:
    """Return, per calendar month, subscribers at its start, cancellations, churn, revenue, ARPU.

    A subscription counts for a month when it started before the month and was not cancelled
    before it; ``churn`` is the share of those cancelled during the month; ``revenue`` sums
    their monthly prices and ``arpu`` divides it by the subscribers. Months run from the
    month after the first start to the month of ``as_of`` (default: today).
    """
    stamp = _as_of(as_of)
    subs = _subscriptions(subscriptions, stamp)
    months = pd.period_range(subs["start"].min().to_period("M") + 1, stamp.to_period("M"),
                             freq="M")
    if len(months) == 0:
        raise ScenarioError("Churn needs at least one full month after the first subscription.")
    rows = []
    for month in months:
        first, last = month.start_time, month.end_time
        active = (subs["start"] < first) & (subs["cancelled"].isna() | (subs["cancelled"] >= first))
        lost = active & (subs["cancelled"] <= last)
        count = int(active.sum())
        revenue = float(subs.loc[active, "monthly_price"].sum())
        rows.append((str(month), count, int(lost.sum()),
                     lost.sum() / count if count else math.nan, revenue,
                     revenue / count if count else math.nan))
    table = pd.DataFrame(rows, columns=["month", "subscribers", "cancelled", "churn", "revenue",
                                        "arpu"]).set_index("month")
    return table


def churn_rate(subscriptions: pd.DataFrame, start: str | None = None, end: str | None = None,
               as_of: object = None) -> float:
    """Return the pooled monthly churn of the months ``start`` to ``end`` (``'YYYY-MM'``).

    Pooled: all cancellations of those months divided by all subscriber-months at their
    starts, so busy months weigh more than quiet ones.
    """
    table = monthly_churn(subscriptions, as_of)
    chosen = table.loc[start:end] if (start or end) else table
    if chosen.empty or chosen["subscribers"].sum() == 0:
        raise ScenarioError(
            f"No subscriber was active in the months {start or 'first'} to {end or 'last'}; "
            f"the table covers {table.index[0]} to {table.index[-1]}."
        )
    return float(chosen["cancelled"].sum() / chosen["subscribers"].sum())


def retention_table(subscriptions: pd.DataFrame, as_of: object = None,
                    max_months: int | None = None) -> pd.DataFrame:
    """Return cohort retention: rows are start months, columns months since the start.

    Cell (cohort, k) is the share of the cohort's subscriptions still active k whole months
    after their own start; cells not yet observable at ``as_of`` are missing (NaN).
    """
    stamp = _as_of(as_of)
    subs = _subscriptions(subscriptions, stamp)
    start, cancelled = subs["start"], subs["cancelled"]
    months_kept = (
        (cancelled.dt.year - start.dt.year) * 12 + (cancelled.dt.month - start.dt.month)
        - (cancelled.dt.day < start.dt.day).astype(float)
    ).fillna(math.inf)
    cohort = start.dt.to_period("M")
    last = stamp.to_period("M")
    span = int((last - cohort.min()).n)
    if max_months is not None:
        span = min(span, int(_positive(max_months, "max_months", allow_zero=True)))
    table = pd.DataFrame(
        {k: (months_kept >= k).groupby(cohort).mean() for k in range(span + 1)}
    )
    for month in table.index:
        table.loc[month, [k for k in table.columns if month + k > last]] = math.nan
    table.index = table.index.astype(str)
    table.index.name = "cohort"
    table.columns.name = "months_since_start"
    return table.astype(float)


# -- unit economics -----------------------------------------------------------------------


def revenue_growth(revenue: pd.Series) -> pd.Series:
    """Return period-over-period growth of a revenue series (the first period is NaN)."""
    if not isinstance(revenue, pd.Series):
        raise ScenarioError(
            f"Revenue must be a pandas Series in period order, got {kind_of(revenue)}."
        )
    frame = require_frame(revenue.to_frame("revenue"), "The revenue series")
    values = require_numeric(frame, "revenue", "The revenue series", nonnegative=True)
    previous = values.shift(1)
    zero = previous == 0
    if zero.any():
        row = values.index[zero.to_numpy()][0]
        raise ScenarioError(
            f"The revenue series: the period before {row!r} has revenue 0, so growth is "
            f"undefined; start the series after it."
        )
    growth = values / previous - 1
    growth.name = "revenue_growth"
    return growth


def arpu(revenue: float, users: float) -> float:
    """Return the average revenue per user: revenue divided by paying users."""
    return _positive(revenue, "revenue", allow_zero=True) / _positive(users, "users")


def ltv(arpu: float, churn: float, margin: float = 1.0) -> float:
    """Return the lifetime value: ARPU x gross margin / churn (all per the same period)."""
    value = _positive(arpu, "ARPU", allow_zero=True)
    rate = _positive(churn, "churn")
    share = _positive(margin, "margin")
    if rate > 1:
        raise ScenarioError(f"churn is a share of customers per period (0 to 1), got {rate:g}; "
                            f"write 3% as 0.03.")
    if share > 1:
        raise ScenarioError(f"margin is a share of revenue (0 to 1), got {share:g}; write 70% as "
                            f"0.7.")
    return value * share / rate


def cac(spend: float, new_customers: float) -> float:
    """Return the customer acquisition cost: sales and marketing spend per new customer."""
    return _positive(spend, "spend", allow_zero=True) / _positive(new_customers, "new_customers")


def ltv_cac(ltv_value: float, cac_value: float) -> float:
    """Return the LTV:CAC ratio (3 or more is the usual rule of thumb for a healthy product)."""
    return _positive(ltv_value, "LTV", allow_zero=True) / _positive(cac_value, "CAC")


def payback_months(cac_value: float, arpu_value: float, margin: float = 1.0) -> float:
    """Return the months of gross profit (ARPU x margin) it takes to earn back the CAC."""
    share = _positive(margin, "margin")
    if share > 1:
        raise ScenarioError(f"margin is a share of revenue (0 to 1), got {share:g}.")
    profit = _positive(arpu_value, "ARPU") * share
    return _positive(cac_value, "CAC", allow_zero=True) / profit


# -- the quarterly scorecard --------------------------------------------------------------

QUARTERLY_COLUMNS = ("quarter", "eligible_accounts", "active_start", "active_accounts",
                     "retained_accounts", "revenue", "promoters", "passives", "detractors")
SCORECARD_COLUMNS = ("adoption", "retention", "revenue_growth", "nps")


def scorecard(quarterly: pd.DataFrame, by: str | None = None) -> pd.DataFrame:
    """Return adoption, retention, revenue growth and NPS per quarter (and per ``by`` group).

    adoption = active / eligible accounts; retention = retained / accounts active at the start;
    revenue growth against the group's previous quarter (NaN for its first); NPS from the
    counts of promoters, passives and detractors.
    """
    what = "The quarterly table"
    frame = require_frame(quarterly, what)
    require_columns(frame, [*QUARTERLY_COLUMNS, *([by] if by else [])], what)
    numbers = {c: require_numeric(frame, c, what, nonnegative=True)
               for c in QUARTERLY_COLUMNS[1:]}
    try:
        quarter = pd.PeriodIndex(frame["quarter"].astype(str), freq="Q")
    except (TypeError, ValueError):
        raise ScenarioError(f"{what}: 'quarter' must hold quarters like '2026Q1'.") from None
    for column, denominator in (("eligible_accounts", "adoption"), ("active_start", "retention")):
        zero = numbers[column] == 0
        if zero.any():
            row = frame.index[zero.to_numpy()][0]
            raise ScenarioError(f"{what}: row {row!r} has {column} = 0, so {denominator} is "
                                f"undefined.")
    over = numbers["active_accounts"] > numbers["eligible_accounts"]
    if over.any():
        row = frame.index[over.to_numpy()][0]
        raise ScenarioError(f"{what}: row {row!r} has more active than eligible accounts.")
    responses = numbers["promoters"] + numbers["passives"] + numbers["detractors"]
    if (responses == 0).any():
        row = frame.index[(responses == 0).to_numpy()][0]
        raise ScenarioError(f"{what}: row {row!r} has no survey responses, so NPS is undefined.")
    keys = [frame[by].astype(str).to_numpy()] if by else []
    card = pd.DataFrame({
        "adoption": (numbers["active_accounts"] / numbers["eligible_accounts"]).to_numpy(),
        "retention": (numbers["retained_accounts"] / numbers["active_start"]).to_numpy(),
        "revenue": numbers["revenue"].to_numpy(),
        "nps": (100 * (numbers["promoters"] - numbers["detractors"]) / responses).to_numpy(),
    }, index=pd.MultiIndex.from_arrays([*keys, quarter.astype(str)],
                                        names=[*([by] if by else []), "quarter"]))
    if card.index.duplicated().any():
        raise ScenarioError(f"{what}: a quarter appears twice{' in a group' if by else ''}; "
                            f"pass by= the column that tells the rows apart.")
    card = card.sort_index()
    grouped = card.groupby(level=by) if by else card
    previous = grouped["revenue"].shift(1)
    card["revenue_growth"] = card["revenue"] / previous - 1
    if not by:
        card.index = card.index.get_level_values("quarter")
    return card[list(SCORECARD_COLUMNS)]
