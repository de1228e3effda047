# %% [markdown] kind="readonly" grade_id="intro"
# # Module 06 · The Distinguished Product Manager
#
# **Lesson 2 of 2: measure, diagnose, bet.** A Distinguished PM is judged on the KPIs of the
# products they shape and is trusted with the company's riskiest product bets. You will build
# a KPI scorecard and judge which of three initiatives really worked, diagnose a product on a
# KPI dashboard, and choose among emerging-technology bets by expected value and risk.
#
# Run the cell below first. Your answers are saved as you go, in a small file beside this
# notebook; hand it in together with the notebook.

# %% kind="readonly" grade_id="setup-2"
import pandas as pd

import course
from course.data import figure, load
from course.feedback import check_answered, check_scores, check_table
from course.plots import new_figure
from course.tables import styled
from course.widgets import Choice
from course.widgets.dashboard import KpiDashboard

lesson = course.start("06-distinguished-pm", "2-scorecard-and-bets")

# %% [markdown] kind="readonly"
# ## The four KPIs of a scorecard
#
# | KPI | question it answers | this lesson's formula, per quarter |
# |---|---|---|
# | Adoption | do the customers who could use it actually use it? | active accounts ÷ eligible accounts |
# | Retention | do the customers who used it keep using it? | accounts still active ÷ accounts active the quarter before |
# | Revenue growth | is it worth more to the business than before? | revenue ÷ previous quarter's revenue − 1 |
# | NPS | would customers recommend it? | (promoters − detractors) ÷ all answers × 100 |
#
# NPS comes from one survey question, "how likely are you to recommend us, from 0 to 10?":
# 9–10 are **promoters**, 7–8 **passives**, 0–6 **detractors**. It runs from −100 (all
# detractors) to +100 (all promoters).
#
# Two traps when you judge an initiative by its KPIs:
#
# - **Novelty.** A launch draws curious customers, so adoption jumps. If they do not come
#   back, retention and NPS stay where they were: the feature was tried, not valued.
# - **Seasonality.** Revenue may rise every fourth quarter because customers spend their
#   year-end budgets. Compare a quarter with the same quarter of the year before, or
#   compare averages over whole years, before you credit an initiative with it.
#
# **Worked example** (invented): 1,000 eligible accounts, 420 active this quarter, 400 active
# last quarter of which 340 are still active, revenue up from 50,000 to 54,000, and 60
# promoters, 25 passives, 15 detractors. Adoption 42%, retention 340 ÷ 400 = 85%, revenue
# growth 8%, NPS (60 − 15) ÷ 100 × 100 = +45.

# %% [markdown] kind="readonly" grade_id="scorecard-intro"
# ## Exercise 1 · Build the scorecard (3 points)
#
# Three product areas each launched an initiative in 2025Q3: an **AI assistant** in search,
# **guided onboarding** in the workspace, and a **carbon dashboard** in reports. Here are
# eight quarters of their numbers. The numbers are your own: every learner gets quarters,
# bets and a review of their own.

# %% kind="readonly" grade_id="scorecard-data"
quarterly = load("m06_quarterly")
styled(quarterly.head(3), {"active_start": "Active accounts the quarter before",
                           "revenue": "Revenue (USD)"}, digits=0)

# %% [markdown] kind="readonly" grade_id="scorecard-task"
# Build `scorecard`: a DataFrame indexed by **area and quarter** (a two-level index, in that
# order, e.g. with `set_index(["area", "quarter"])`), with the columns `adoption`,
# `retention`, `revenue_growth` and `nps`, as defined above. Adoption, retention and revenue
# growth are fractions (0.42 for the 42% of the worked example, not 42); NPS is on its −100
# to 100 scale. Keep the full precision: do not round. Revenue growth compares each
# quarter with the **same area's** previous quarter; an area's first quarter has none (leave
# it missing).

# %% kind="solution" grade_id="scorecard-code"
### BEGIN SOLUTION
card = quarterly.sort_values(["area", "quarter"]).set_index(["area", "quarter"])
answers = card["promoters"] + card["passives"] + card["detractors"]
scorecard = pd.DataFrame({
    "adoption": card["active_accounts"] / card["eligible_accounts"],
    "retention": card["retained_accounts"] / card["active_start"],
    "revenue_growth": card.groupby(level="area")["revenue"].pct_change(),
    "nps": 100 * (card["promoters"] - card["detractors"]) / answers,
})
### END SOLUTION

# %% kind="tests" grade_id="scorecard-test" points=3
# Self-check: the form of the table. (The numbers are graded after you submit.)
check_table(globals().get("scorecard"), list(zip(quarterly["area"], quarterly["quarter"], strict=True)),
            ["adoption", "retention", "revenue_growth", "nps"], name="scorecard",
            between={"adoption": (0, 1), "retention": (0, 1), "revenue_growth": (-1, 1),
                     "nps": (-100, 100)}, gaps=["revenue_growth"])
### BEGIN HIDDEN TESTS
from course.report import report
report("06-distinguished-pm/scorecard", globals().get("scorecard"))
### END HIDDEN TESTS

# %% [markdown]
# A picture helps (run after building the scorecard):

# %%
if isinstance(globals().get("scorecard"), pd.DataFrame) and "retention" in scorecard:
    _figure = new_figure()
    _axes = _figure.add_subplot()
    for _area, _series in scorecard["retention"].groupby(level=0):
        _axes.plot([str(q) for q in _series.index.get_level_values(-1)], _series.to_numpy(), marker="o", label=_area)
    _axes.set_title("Retention by area")
    _axes.legend()
    display(_figure)

# %% [markdown] kind="readonly" grade_id="initiative-intro"
# Which initiative **worked**: which one brought lasting value, judged by retention (the
# average of the quarters from launch on, against the average of the quarters before), not
# by a jump in adoption?

# %% kind="readonly" grade_id="initiative-widget"
worked = Choice(lesson, "initiative-worked", {
    "ai_assistant": "AI assistant (search)",
    "guided_onboarding": "guided onboarding (workspace)",
    "carbon_dashboard": "carbon dashboard (reports)",
})
worked

# %% kind="solution" grade_id="initiative-code"
# Optional: answer in code instead, e.g. worked.value = "ai_assistant"
### BEGIN SOLUTION
_launched = quarterly.set_index(["area", "quarter"])
_is_after = pd.Series(_launched.index.get_level_values("quarter") >= _launched["launched"].to_numpy(), index=_launched.index)
_gain = scorecard["retention"][_is_after].groupby(level="area").mean() - scorecard["retention"][~_is_after].groupby(level="area").mean()
worked.value = quarterly.groupby("area")["initiative"].first()[_gain.idxmax()]
### END SOLUTION

# %% kind="tests" grade_id="initiative-test" points=1
check_answered(worked)
### BEGIN HIDDEN TESTS
# graded from the saved answer: 06-distinguished-pm/initiative-worked
### END HIDDEN TESTS

# %% [markdown] kind="readonly" grade_id="dashboard-intro"
# ## Exercise 2 · Diagnose a product on its dashboard (3 points)
#
# You advise the team of **Pulse**, an analytics product, on its first half of 2026. The
# dashboard below shows its sign-up funnel, cohort retention of its subscriptions, NPS by
# customer segment and monthly trends; filter it by **segment** and **period** (quarter).
# The company's targets are: activation at least 60%, upgrade at least 25%, monthly churn at
# most 2.5%, NPS at least 25.
#
# Record your diagnosis and press **Save diagnosis**:
#
# - **step**: the funnel step with the lowest step conversion over the half-year;
# - **segment**: the customer segment in which that step converts worst;
# - **metric**: over the half-year, the KPI furthest from its target, measured as a share of
#   the target (a churn of 3% against 2.5% is 20% off; an NPS of 20 against 25 is 20% off).
#
# Drawing the charts takes a moment after each change of filter.

# %% kind="readonly" grade_id="dashboard-data"
TARGETS = {"activation": 0.60, "upgrade": 0.25, "churn": 0.025, "nps": 25}
events, subscriptions, survey = load("kpi_events"), load("kpi_subscriptions"), load("kpi_nps")
pulse = {"events": events[events["product"] == "pulse"],
         "subscriptions": subscriptions[subscriptions["product"] == "pulse"],
         "survey": survey[survey["product"] == "pulse"]}

# %% kind="readonly" grade_id="dashboard-widget"
dashboard = KpiDashboard(lesson, "usage-diagnosis", pulse["events"],
                         subscriptions=pulse["subscriptions"], survey=pulse["survey"],
                         targets=TARGETS, as_of="2026-06-30")
dashboard

# %% kind="solution" grade_id="dashboard-code"
# Optional: answer in code instead, e.g. dashboard.value = {"step": ..., "segment": ..., "metric": ...}
# (dashboard.select(segment=..., period=...) sets the filters and returns the metrics shown;
#  add draw=False to skip redrawing the charts)
### BEGIN SOLUTION
_steps = ["signup", "activation", "core_action", "upgrade"]
_reached = pulse["events"].groupby(["segment", "step"])["user_id"].nunique().unstack()[_steps]
_overall = _reached.sum()  # each user belongs to one segment
_step = (_overall / _overall.shift(1)).iloc[1:].idxmin()
_before = _steps[_steps.index(_step) - 1]
_by_segment = (_reached[_step] / _reached[_before]).to_dict()
_all = dashboard.select(segment="all", period="all", draw=False)
dashboard.value = {"step": _step, "segment": min(_by_segment, key=_by_segment.get),
                   "metric": max(TARGETS, key=lambda m: (_all[m] - TARGETS[m]) / TARGETS[m] if m == "churn" else (TARGETS[m] - _all[m]) / TARGETS[m])}
### END SOLUTION

# %% kind="tests" grade_id="dashboard-test" points=3
check_answered(dashboard)
### BEGIN HIDDEN TESTS
# graded from the saved answer: 06-distinguished-pm/usage-diagnosis
### END HIDDEN TESTS

# %% [markdown] kind="readonly"
# ## Betting on new technology
#
# A Distinguished PM is expected to look ahead (AI and machine learning, new platforms,
# sustainability) and to say which bets the company should place. Each bet can end in
# several ways. The **expected value** weighs each outcome by its probability:
#
# **EV = Σ probability × payoff − cost**
#
# EV says what the bet is worth on average, if the company could place it many times. It
# cannot place it many times. So look at the **worst case** too (the smallest payoff minus
# the cost): a bet with the best EV may still be one the company cannot afford to lose.
#
# **Worked example** (invented): cost 100; 50% chance of 300, 50% chance of 0. EV = 0.5 × 300
# + 0.5 × 0 − 100 = **50**; worst case 0 − 100 = **−100**.

# %% [markdown] kind="readonly" grade_id="bets-intro"
# ## Exercise 3 · Three bets (2 + 1 points)
#
# Money is in thousands of USD. Each bet has three outcomes (success, partial, failure).

# %% kind="readonly" grade_id="bets-data"
lesson.brief("The company will not risk losing more than **{m06_risk_limit} thousand USD** "
             "on one bet.")
bets = load("m06_bets")
RISK_LIMIT = figure("m06_risk_limit")  # the largest loss allowed on one bet, thousands of USD
styled(bets, {"cost": "Cost ($k)",
              "p_success": "Chance of success", "payoff_success": "Payoff on success ($k)",
              "p_partial": "Chance of partial success", "payoff_partial": "Payoff if partial ($k)",
              "p_failure": "Chance of failure", "payoff_failure": "Payoff on failure ($k)"},
       percent=["p_success", "p_partial", "p_failure"])

# %% [markdown] kind="readonly" grade_id="bets-task"
# Set `expected_value` to a Series indexed by bet id holding each bet's EV, net of its cost
# (in thousands of USD, like the data).

# %% kind="solution" grade_id="bets-code"
### BEGIN SOLUTION
expected_value = (bets["p_success"] * bets["payoff_success"] + bets["p_partial"] * bets["payoff_partial"]
                  + bets["p_failure"] * bets["payoff_failure"] - bets["cost"])
### END SOLUTION

# %% kind="tests" grade_id="bets-values-test" points=2
# Self-check: one number per bet (an EV may be negative, so only the form is checked).
check_scores(globals().get("expected_value"), list(bets.index), name="expected_value",
             positive=False)
### BEGIN HIDDEN TESTS
from course.report import report
report("06-distinguished-pm/bet-values", globals().get("expected_value"))
### END HIDDEN TESTS

# %% [markdown] kind="readonly" grade_id="bet-choice-intro"
# Which bet do you recommend: the highest expected value among the bets whose worst case
# does not lose more than `RISK_LIMIT`?

# %% kind="readonly" grade_id="bet-choice-widget"
bet = Choice(lesson, "bet-choice", {b: bets.loc[b, "title"] for b in bets.index})
bet

# %% kind="solution" grade_id="bet-choice-code"
# Optional: answer in code instead, e.g. bet.value = "sustainability"
### BEGIN SOLUTION
_worst = bets[["payoff_success", "payoff_partial", "payoff_failure"]].min(axis=1) - bets["cost"]
bet.value = expected_value[_worst >= -RISK_LIMIT].idxmax()
### END SOLUTION

# %% kind="tests" grade_id="bet-choice-test" points=1
check_answered(bet)
### BEGIN HIDDEN TESTS
# graded from the saved answer: 06-distinguished-pm/bet-choice
### END HIDDEN TESTS

# %% [markdown] kind="readonly" grade_id="career-06-2"
# ## What this means for your career
#
# A scorecard and a risk-aware bet are how a senior expert proves impact without a large
# organisation behind them. On either track, the people who rise are those who can show
# that their bets paid off and say in advance what would prove them wrong.
