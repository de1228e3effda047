# %% [markdown] kind="readonly" grade_id="intro"
# # Module 09 · Capstone: a year as Director
#
# **One division, four quarters, four decisions.** You have just been made Director of
# Product for a division that sells a team workspace to small businesses, mid-market
# companies and enterprises. Each quarter you make one call with a tool from the earlier
# modules: a ranked backlog with a cut line (modules 01 and 02), a KPI diagnosis (modules
# 03 and 06), and two allocations of engineers and budget (modules 03 and 05). The
# division remembers: what you fund in January shapes the data you read in April and the
# team you have in July.
#
# Run the cell below first. Your answers are saved as you go, in a small file beside this
# notebook; hand it in together with the notebook.

# %% kind="readonly" grade_id="setup"
import pandas as pd

import course
from course.data import figure, load
from course.feedback import check_allocation, check_answered, check_cut_line
from course.models.capstone import CapstoneScenario, simulate
from course.models.kpi import funnel
from course.models.prioritization import rice
from course.plots import value_curves, year_chart
from course.tables import styled
from course.widgets import AllocationPanel, RankingBoard
from course.widgets.dashboard import KpiDashboard

lesson = course.start("09-capstone", "1-a-year-as-director")

# %% [markdown] kind="readonly"
# ## What a Director's year looks like
#
# The sources describe the job at three depths. A Director who is new to the title still
# works close to the product: owning roadmaps and a backlog, defining the metrics that say
# whether a product works, and reporting progress and problems upwards. A mid-level
# Director looks after several product lines, writes business cases, and manages the budget
# and the allocation of people. A senior Director sets strategy across lines and builds
# the product culture. Whatever the level, the Director is the person who turns a company
# goal into a plan that engineering, marketing, sales and finance can all work to.
#
# The year has a rhythm. Plans are made and reviewed by the quarter: a roadmap is committed,
# the numbers come back, the plan is adjusted. What does a Director answer for? The two
# Director guides put it this way: the Director **defines the key product metrics and
# analyses performance** against them, manages the product budget so resources go where the
# goals are, and reads **how products perform in the market and what customers say** to
# decide the next updates. They do not fix one list of KPIs for the role. The list this
# capstone uses (sign-ups and activation, retention, paying users and revenue) is the
# course's choice for this division; the four measures of module 06 (adoption, retention,
# revenue growth, NPS) are the ones the sources give for a Distinguished PM.
#
# They are also frank about what makes the job hard: many priorities and too few people,
# budgets that are tight, stakeholders who want different things, and a market that moves
# in the middle of a plan. None of those arrive one at a time. This capstone compresses
# that into a single year:
#
# | quarter | your decision | tool |
# |---|---|---|
# | Q1 | what the division builds first | rank the backlog, draw the cut line |
# | Q2 | what went wrong in the numbers | the KPI dashboard |
# | Q3 | where the engineers and budget go | the allocation panel |
# | Q4 | the plan again, after the market moves | the allocation panel |
#
# **The state carries over.** Everything you ship changes the division: new sign-ups,
# retention, **tech debt** (the shortcuts that make later work slower and riskier) and
# **team morale**. Debt that piles up past a limit makes a fragile part of the product fail.
# Morale that sinks below 60 costs you an engineer at the end of the quarter (below 50,
# two). At the end you will see the whole year in one chart.

# %% [markdown] kind="readonly" grade_id="division-intro"
# ## The division on 1 January
#
# The scenario below holds the division's data: the backlog, the initiatives of the second
# half, the funnel of each customer segment, and the sign-ups of the first half of 2027.
# The table is the division before you change anything: thousands of sign-ups, users who
# reach the core action (`new_active`), active and paying users, revenue in \$k a quarter,
# morale and tech debt (0 to 100) and engineers.

# %% kind="readonly" grade_id="division"
division = CapstoneScenario.from_frames(load("m09_backlog"), load("m09_initiatives"),
                                        load("m09_funnel"), load("m09_users"))
styled(simulate(division).table().loc[["start"]])

# %% [markdown] kind="readonly" grade_id="q1-intro"
# ## Q1 · Build the right things first (3 + 1 points)
#
# The division's first quarter holds a fixed number of person-months of product work,
# stated above the backlog (every learner's division has numbers of its own). The backlog
# gives RICE estimates for each item (reach per quarter, impact, confidence, effort in
# person-months) and, beside them, what the item does to the division once it ships:
# thousands of extra sign-ups a quarter (`signups`), points of quarterly retention
# (`retention`), and the change in tech debt and morale.
#
# 1. Rank the backlog by **RICE score**, highest first (RICE = reach × impact × confidence ÷
#    effort, as in module 01; `rice(backlog)` computes it, or use the free cell).
# 2. Set **Fund top** to the number of items, from the top of your order, that fit the
#    quarter's person-months.
#
# The ranking and the cut line are graded on RICE. The other columns are what RICE does not
# see: keep an eye on them, because the rest of the year will.

# %% kind="readonly" grade_id="q1-data"
lesson.brief("Your division's first quarter holds **{m09_capacity} person-months** of product "
             "work.")
backlog = division.backlog
CAPACITY = figure("m09_capacity")  # person-months in Q1
styled(backlog)

# %%
# Your working here (not graded), for example: rice(backlog).sort_values(ascending=False)

# %% kind="readonly" grade_id="q1-board"
board = RankingBoard(lesson, "q1-backlog", backlog, capacity=CAPACITY)
board

# %% kind="solution" grade_id="q1-code"
# Optional: set the board from code instead, e.g. board.order = [...]; board.set_cut(3)
### BEGIN SOLUTION
from course.models.prioritization import longest_fit

board.order = list(rice(backlog).sort_values(ascending=False, kind="stable").index)
board.set_cut(longest_fit(board.order, backlog["effort"], CAPACITY))
### END SOLUTION

# %% kind="tests" grade_id="q1-ranking-test" points=3
# Self-check: is an order saved? (How close it is to the RICE order is graded after you submit.)
check_answered(board)
### BEGIN HIDDEN TESTS
# graded from the saved answer: 09-capstone/q1-ranking
### END HIDDEN TESTS

# %% kind="tests" grade_id="q1-cutline-test" points=1
# Self-check: is a cut line drawn within the capacity? (Whether it is right is graded later.)
check_cut_line(board)
### BEGIN HIDDEN TESTS
# graded from the saved answer: 09-capstone/q1-cutline
### END HIDDEN TESTS

# %% [markdown] kind="readonly"
# **Q1 closes.** Here is the division at the end of the quarter, with what you funded
# shipped. Change your board and run this cell again to compare; every later quarter is
# built from the board's saved answer, so run the cells below again after a change.

# %% kind="readonly" grade_id="q1-result"
year = simulate(division, {"q1": board.value})
print("Funded in Q1:", ", ".join(year.funded) or "nothing")
styled(year.table().loc[["start", "Q1"]])

# %% [markdown] kind="readonly" grade_id="q2-intro"
# ## Q2 · Find what broke (2 points)
#
# Mid-way through Q2 the monthly review is uncomfortable: fewer new users reach the core
# action than planned, and paid upgrades are down. Your VP asks for one sentence: *which
# customers, at which step?*
#
# The dashboard below holds the funnel event log of everyone who signed up in Q1 and Q2
# 2027, one row per user per step reached, **as the quarter turned out after your Q1
# decision**. Use the **Segment** and **Period** filters to compare Q1 sign-ups with Q2
# sign-ups, or work in pandas in the free cell (`funnel(...)` gives step conversions).
#
# Record the **segment** and the **step** whose step conversion **fell the most** from Q1
# to Q2 sign-ups, in percentage points. A step's conversion is the users reaching it ÷
# the users reaching the step before it. The **Target** column is the division's plan (the
# conversions expected when nothing breaks), for the whole division. Choose the segment
# and the step below, then press **Save diagnosis**; until you do, the line under the
# button says your choice is not saved yet. Drawing the charts takes a moment after each
# change of filter.

# %% kind="readonly" grade_id="q2-widget"
events = division.events({"q1": board.value})
review = KpiDashboard(lesson, "q2-diagnosis", events, targets=division.targets(), diagnosis={
    "segment": {"smb": "small businesses (smb)", "mid_market": "mid-market",
                "enterprise": "enterprise"},
    "step": {"activation": "sign-up → activation", "core_action": "activation → core action",
             "upgrade": "core action → upgrade"},
})
review

# %%
# Your exploration here (not graded), for example:
# q2 = events[pd.to_datetime(events["date"]).dt.quarter == 2]
# funnel(q2[q2["segment"] == "smb"])

# %% kind="solution" grade_id="q2-code"
# Optional: answer in code instead, e.g. review.value = {"segment": "smb", "step": "upgrade"}
### BEGIN SOLUTION
_quarter = pd.to_datetime(events["date"]).dt.quarter
_drops = {}
for _segment in ("smb", "mid_market", "enterprise"):
    _mine = events["segment"] == _segment
    _q1_rates = funnel(events[_mine & (_quarter == 1)])["step_conversion"]
    _q2_rates = funnel(events[_mine & (_quarter == 2)])["step_conversion"]
    for _step in ("activation", "core_action", "upgrade"):
        _drops[_segment, _step] = _q1_rates[_step] - _q2_rates[_step]
_worst_segment, _worst_step = max(_drops, key=_drops.get)
review.value = {"segment": _worst_segment, "step": _worst_step}
### END SOLUTION

# %% kind="tests" grade_id="q2-diagnosis-test" points=2
# Self-check: is a diagnosis saved? (It is graded after you submit, on the Q2 data your Q1
# board produced.)
check_answered(review)
### BEGIN HIDDEN TESTS
from course.report import report
report("09-capstone/q2-diagnosis", {"q1": board.value, "q2": review.value})
### END HIDDEN TESTS

# %% [markdown] kind="readonly"
# A diagnosis does not move a number by itself. It pays off in what you fund next: the
# second half of the year is where you act on it.

# %% [markdown] kind="readonly" grade_id="q3-intro"
# ## Q3 · Put the people where they count (4 points)
#
# From July the division plans by initiative. The engineers you have are the ones you
# started the year with, less any lost to low morale; the quarter also has a non-salary
# budget (both are stated above the table). `value` is the annual recurring revenue (in
# \$k) the first engineer on an initiative adds or protects, `decay` the diminishing
# return, `fixed_cost` what it takes from the budget if funded, `requires` what it stands
# on, and `debt_per_unit` how many points of tech debt each engineer on it pays down. Salaries are not in this budget, so an
# engineer costs nothing from it; only `fixed_cost` does. The value of **paying down debt
# grows with the debt you carry**: the table already shows it for your division. Each
# header gives the meaning and the unit, with the column's name beneath it.
#
# The rules are those of module 03: a minimum and a maximum when funded, diminishing
# returns, dependencies, capacity and budget. A plan that fits is saved at once.

# %% kind="readonly" grade_id="q3-data"
lesson.brief("You started the year with **{m09_engineers} engineers**; the non-salary budget "
             "for Q3 is **{m09_budget_q3} \\$k**.")
mid_year = simulate(division, {"q1": board.value}).state("Q2")
q3 = division.allocation(3, mid_year.engineers, mid_year.tech_debt)
print(f"Q3: {q3.capacity:g} engineers, {q3.budget:,.0f} $k, tech debt {mid_year.tech_debt:g}")
styled(division.plan_table(q3))

# %% kind="readonly" grade_id="q3-curves"
value_curves(q3, title="Q3: value of each initiative by number of engineers")

# %% kind="readonly" grade_id="q3-widget"
plan = AllocationPanel(lesson, "q3-plan", q3)
plan

# %% kind="solution" grade_id="q3-code"
# Optional: set the plan in code instead, e.g. plan.plan = {"I2": 2, "I3": 2}
### BEGIN SOLUTION
from autograder.scoring.solver import optimal_plan

plan.plan = optimal_plan(q3).plan
### END SOLUTION

# %% kind="tests" grade_id="q3-plan-test" points=4
# Self-check: is a plan saved, and what does it use? (How good it is is graded after you
# submit, as the share of the best value a plan can reach in your division's Q3.)
check_allocation(plan)
### BEGIN HIDDEN TESTS
from course.report import report
report("09-capstone/q3-plan", {"q1": board.value, "q3": plan.value})
### END HIDDEN TESTS

# %% [markdown] kind="readonly" grade_id="q4-intro"
# ## Q4 · The market moves (4 points)
#
# In September a competitor launches an AI assistant and buyers start asking for one.
# Enterprise deals get harder to price, and small businesses sign up on their own more
# than before. At the same time a hiring freeze and a team moved to another division leave
# you with fewer engineers, and the Q4 budget is smaller than Q3's (both stated below).
#
# The values below are the new ones (the AI assistant, I6, runs on the reliability work of
# I1). The panel starts from your Q3 plan, which may no longer fit. Re-plan from the new
# facts, not from the old plan.

# %% kind="readonly" grade_id="q4-data"
lesson.brief("The shift takes **{m09_shift_loss} engineers** away for good, and the budget "
             "for Q4 is **{m09_budget_q4} \\$k**.")
autumn = simulate(division, {"q1": board.value, "q3": plan.value}).state("Q3")
q4 = division.allocation(4, autumn.engineers, autumn.tech_debt)
print(f"Q4: {q4.capacity:g} engineers, {q4.budget:,.0f} $k, tech debt {autumn.tech_debt:g}")
styled(division.plan_table(q4))

# %% kind="readonly" grade_id="q4-widget"
shift = AllocationPanel(lesson, "q4-plan", q4, start=plan.value)
shift

# %% kind="solution" grade_id="q4-code"
# Optional: set the plan in code instead, e.g. shift.plan = {"I3": 3, "I7": 2}
### BEGIN SOLUTION
from autograder.scoring.solver import optimal_plan

shift.plan = optimal_plan(q4).plan
### END SOLUTION

# %% kind="tests" grade_id="q4-plan-test" points=4
# Self-check: is a plan saved, and what does it use? (Graded after you submit, as the share
# of the best value a plan can reach in your division's Q4.)
check_allocation(shift)
### BEGIN HIDDEN TESTS
from course.report import report
report("09-capstone/q4-plan", {"q1": board.value, "q3": plan.value, "q4": shift.value})
### END HIDDEN TESTS

# %% [markdown] kind="readonly"
# ## The year in one picture
#
# Your four decisions, played through the year. Change any of them above and run the cells
# from there down again to see a different year.

# %% kind="readonly" grade_id="year-end"
year = simulate(division, {"q1": board.value, "q2": review.value, "q3": plan.value,
                           "q4": shift.value})
display(styled(year.table()))
year_chart(year)

# %% [markdown] kind="readonly" grade_id="year-review-intro"
# ## Year-end review (3 points, graded by hand)
#
# Write the note you would send your VP at the end of the year, in 150 to 250 words:
#
# - the one decision that shaped the year most, and the numbers that show it;
# - what the Q1 ranking by RICE did not see, and what you would fund differently next time;
# - how you would explain the Q4 re-plan to the team whose initiative lost engineers.

# %% [markdown] kind="manual" grade_id="year-review" points=3
# Model answer (for graders): names one decision and backs it with figures from the
# year's table or chart (for example tech debt crossing the limit after Q1 and the fall in
# users reaching the core action in Q2, or the revenue added by the Q3 plan). It sees that
# RICE scores value per person-month for customers but not the debt or morale an item
# costs, and proposes a concrete change (for example funding the sync refactor ahead of
# the rushed single sign-on, and paying for it with a lower-scoring item). The Q4 note is
# honest about what is given up and why, ties the move to the new market facts rather
# than to the team's performance, and says what the team will work on instead. Full marks
# need all three parts, specific numbers, and a clear, respectful tone; one point for
# each part done well.

# %% [markdown] kind="readonly" grade_id="career-09-1"
# ## What this means for your career
#
# This year compressed the Director's job into four decisions. Look back at which one you
# found hardest: prioritising, diagnosing, allocating or re-planning. That is where to
# invest next, whether you aim for the Director rung, a Senior Director or VP seat beyond
# it, or a senior expert role beside the ladder.
