# %% [markdown] kind="readonly" grade_id="intro"
# # Module 10 · Competencies across the ladder
#
# **Lesson 5 of 5: numbers and change.** Two analytical competencies, **data analysis**
# and **business acumen**, practised on small data sets; then **adaptability and
# resilience**, practised on a market that changes under your feet.
#
# Run the cell below first. Your answers are saved as you go, in a small file beside this
# notebook; hand it in together with the notebook.

# %% kind="readonly" grade_id="setup-5"
from dataclasses import replace

import pandas as pd

import course
from course.data import load
from course.feedback import check_answered, check_table
from course.tables import styled
from course.track import connect, scenario
from course.variants import shuffled
from course.widgets import Choice

lesson = course.start("10-competencies", "5-numbers-and-change")

# %% [markdown] kind="readonly" grade_id="data-reading"
# ## 13 · Data analysis
#
# **What it is.** Collecting and reading data well enough to decide with it: measuring how
# a product performs, spotting trends, testing ideas, and knowing when a number misleads.
#
# | rung | what data analysis looks like |
# |---|---|
# | Product Manager | Gathers and analyses the product's data to track performance, find trends and decide; uses analytical tools to keep improving the product. |
# | Director of Product | Uses analytics for deep insight into how the area's products are used, how the market moves and how customers behave, and decides from it. |
# | VP of Product | Decides, monitors product performance and finds growth from data; measures whether initiatives worked and makes data-informed decisions the norm. |
# | Chief Product Officer | Makes sure product decisions across the company rest on sound data and metrics: a culture of deciding from evidence. |
#
# **Where the rungs differ.** The PM does the analysis; the Director and VP increasingly
# *review* analyses made by others, so their skill is asking the question that exposes a
# misleading number; the CPO sets the standard of evidence for everyone. The exercise
# below is a review of that kind.

# %% kind="readonly" grade_id="data-you"
connect("data-analysis")

# %% [markdown] kind="readonly" grade_id="experiment-intro"
# ### Exercise 1 · Read the experiment by segment (3 points)
#
# A PM ran a test of a new onboarding flow for four weeks. A bug in the rollout sent most
# *returning* users to the test group and most *new* users to the control group. Each row
# of `experiment` counts the users of one segment and variant and how many of them
# converted to a paid plan. The counts are your own: every learner gets a readout of their
# own.

# %% kind="readonly" grade_id="experiment-data"
experiment = load("m10_experiment")
styled(experiment, {"converted": "Users who converted to paid"})

# %% [markdown] kind="readonly" grade_id="experiment-task"
# Build `rates`: a DataFrame with one row per segment, `new` and `returning`, plus a row
# `all` for both segments together, and the columns `control` and `test`, each holding
# the conversion rate (converted ÷ users) as a share between 0 and 1. The `all` row pools
# the users and conversions of both segments (it is not the mean of the two rates).

# %% kind="solution" grade_id="experiment-code"
### BEGIN SOLUTION
counts = experiment.groupby(["segment", "variant"])[["users", "converted"]].sum()
rates = (counts["converted"] / counts["users"]).unstack("variant")
pooled = experiment.groupby("variant")[["users", "converted"]].sum()
rates.loc["all"] = pooled["converted"] / pooled["users"]
### END SOLUTION

# %% kind="tests" grade_id="experiment-test" points=3
# Self-check: the form of the table. (The numbers are graded after you submit.)
check_table(globals().get("rates"), ["new", "returning", "all"], ["control", "test"],
            name="rates", between=(0, 1))
### BEGIN HIDDEN TESTS
from course.report import report
report("10-competencies/experiment-rates", globals().get("rates"))
### END HIDDEN TESTS

# %% [markdown] kind="readonly" grade_id="experiment-call-task"
# ### Exercise 2 · Your call as Director (2 points)
#
# Look at your table, then choose the response you would give. The strongest response
# earns both points; a defensible but weaker one earns one.

# %% kind="readonly" grade_id="experiment-call-scenario"
readout = scenario("experiment-call")
order = shuffled(list(readout.responses.items()), "experiment-call")  # your own order
readout = replace(readout, responses=dict(order))
readout

# %% kind="readonly" grade_id="experiment-call-widget"
call = Choice(lesson, "experiment-call", readout.letters, prompt="Your response")
call

# %% kind="solution" grade_id="experiment-call-code"
# Optional: answer in code instead: call.value = one of the letters A to D
### BEGIN SOLUTION
call.value = "C"
### END SOLUTION

# %% kind="tests" grade_id="experiment-call-test" points=2
# Self-check: is a response chosen? (Graded after you submit.)
check_answered(call)
### BEGIN HIDDEN TESTS
# graded from the saved answer: 10-competencies/experiment-call
### END HIDDEN TESTS

# %% [markdown] kind="readonly" grade_id="business-reading"
# ## 14 · Business acumen
#
# **What it is.** Understanding how the business makes money: market size and dynamics,
# competition, revenue models, costs and margins, and judging a product decision by what
# it does to growth *and* profit.
#
# | rung | what business acumen looks like |
# |---|---|
# | Product Manager | Knows the business basics, the market and the financial side well enough to weigh market potential, competitors and revenue when shaping a product's strategy. |
# | Director of Product | Has a broad grasp of the industry, the market and the competition and weighs revenue and financial effects in every strategic product decision. |
# | VP of Product | Judges product strategies as a business: revenue model, cost structure and profitability; ties initiatives to the company's financial goals and grows without burning money. |
# | Chief Product Officer | The same lens for the whole company, adding where the company is positioned in its market. |
#
# **Where the rungs differ.** A PM can succeed on revenue and adoption; from the VP up,
# the question is whether growth is *profitable and lasting*. A plan that raises revenue
# while lowering profit is the classic trap.

# %% kind="readonly" grade_id="business-you"
connect("business-acumen")

# %% [markdown] kind="readonly" grade_id="pricing-intro"
# ### Exercise 3 · Four pricing proposals (3 points)
#
# As VP of Product you own a subscription product sold per account per month. Four
# proposals reach you, each with finance's estimate of the paying accounts a year after
# the change. `unit_cost` is the monthly cost to serve one account (hosting, support);
# `fixed_cost` is the extra monthly cost the proposal adds (a premium support desk, say).
# All amounts are in dollars per month. The figures are your own: every learner gets
# proposals of their own.

# %% kind="readonly" grade_id="pricing-data"
pricing = load("m10_pricing")
styled(pricing, {"price": "Price (USD per account a month)",
                 "accounts": "Paying accounts a year on",
                 "unit_cost": "Cost to serve (USD per account a month)",
                 "fixed_cost": "Extra fixed cost (USD a month)"})

# %% [markdown] kind="readonly" grade_id="pricing-task"
# Build `plans`: a DataFrame indexed by proposal id (`P0` ... `P3`) with three columns:
#
# - `revenue`: price × accounts;
# - `profit`: accounts × (price − unit_cost) − fixed_cost;
# - `margin`: profit ÷ revenue, as a share between 0 and 1.

# %% kind="solution" grade_id="pricing-code"
### BEGIN SOLUTION
plans = pd.DataFrame({"revenue": pricing["price"] * pricing["accounts"]})
plans["profit"] = pricing["accounts"] * (pricing["price"] - pricing["unit_cost"]) - pricing["fixed_cost"]
plans["margin"] = plans["profit"] / plans["revenue"]
### END SOLUTION

# %% kind="tests" grade_id="pricing-test" points=3
# Self-check: the form of the table. (The numbers are graded after you submit.)
check_table(globals().get("plans"), list(pricing.index), ["revenue", "profit", "margin"],
            name="plans")
### BEGIN HIDDEN TESTS
from course.report import report
report("10-competencies/pricing-profit", globals().get("plans"))
### END HIDDEN TESTS

# %% [markdown] kind="readonly" grade_id="pricing-call-task"
# ### Exercise 4 · Which proposal goes ahead? (2 points)
#
# The company's goal for this product is the highest monthly profit a year from now.
# Choose the proposal that serves it.

# %% kind="readonly" grade_id="pricing-call-widget"
proposal = Choice(lesson, "pricing-call",
                  {p: f"{p} · {name}" for p, name in pricing["proposal"].items()},
                  prompt="The proposal to go ahead with")
proposal

# %% kind="solution" grade_id="pricing-call-code"
# Optional: answer in code instead: proposal.value = one of the ids P0 to P3
### BEGIN SOLUTION
proposal.value = plans["profit"].idxmax()
### END SOLUTION

# %% kind="tests" grade_id="pricing-call-test" points=2
# Self-check: is a proposal chosen? (Graded after you submit.)
check_answered(proposal)
### BEGIN HIDDEN TESTS
# graded from the saved answer: 10-competencies/pricing-call
### END HIDDEN TESTS

# %% [markdown] kind="readonly" grade_id="adapt-reading"
# ## 15 · Adaptability and resilience
#
# **What it is.** Changing course when the market, the priorities or the technology
# change, staying effective while things are uncertain, and recovering from setbacks
# without losing the thread.
#
# | rung | what adaptability and resilience look like |
# |---|---|
# | Product Manager | Adjusts to market shifts, new priorities and trends; works in an agile way, copes with uncertainty and changes the product's plan fast when needed. |
# | Director of Product | Stays steady while the business environment changes quickly and adjusts the area's strategies to take chances and meet problems. |
# | VP of Product | Welcomes change, answers market and competitive pressure, and builds a culture that adapts and *learns from failure*. |
# | Chief Product Officer | Answers disruption in the market, spreads an agile mindset with room to experiment, and is ready to *pivot the company's strategy* when the evidence calls for it. |
#
# **Where the rungs differ.** The PM changes a plan; the Director changes a strategy for
# an area; the VP makes change normal for the organisation; the CPO may have to change
# what the company is. Resilience at the top is not stubbornness: it is protecting what
# still works while testing, quickly and visibly, what might replace it.

# %% kind="readonly" grade_id="adapt-you"
connect("adaptability-resilience")

# %% [markdown] kind="readonly" grade_id="adapt-task"
# ### Exercise 5 · The market moves (2 points)
#
# Choose the response you would give as CPO. The strongest response earns both points; a
# defensible but weaker one earns one.

# %% kind="readonly" grade_id="adapt-scenario"
shift = scenario("market-shift")
order = shuffled(list(shift.responses.items()), "market-shift")  # your own order
shift = replace(shift, responses=dict(order))
shift

# %% kind="readonly" grade_id="adapt-widget"
shift_choice = Choice(lesson, "market-shift", shift.letters, prompt="Your response")
shift_choice

# %% kind="solution" grade_id="adapt-code"
# Optional: answer in code instead: shift_choice.value = one of the letters A to D
### BEGIN SOLUTION
shift_choice.value = "D"
### END SOLUTION

# %% kind="tests" grade_id="adapt-test" points=2
# Self-check: is a response chosen? (Graded after you submit.)
check_answered(shift_choice)
### BEGIN HIDDEN TESTS
# graded from the saved answer: 10-competencies/market-shift
### END HIDDEN TESTS

# %% [markdown] kind="readonly" grade_id="next-rung-prompt"
# ## Exercise 6 · Your next rung (2 points, graded by hand)
#
# Pick one of the fifteen competencies where you are furthest from the rung you aim for
# (the cells headed *you and the ladder* in this module show your module 00 rating beside
# each rung's profile). In 5-8 sentences: name the competency and the rung; say in your
# own words what that rung does differently from what you do today, using one behaviour
# or scenario of this module as the example; name one thing you will do in the next three
# months to show it; and say what evidence would convince a promotion panel that you have.

# %% [markdown] kind="manual" grade_id="next-rung" points=2
# *Model answer for graders (learners see an empty answer cell):* My widest gap is
# communication: I rate myself 2, and the Director profile expects 4. Today I explain my
# product to my own team well, but I tell stakeholders about problems late and in
# engineering terms. The launch-slip scenario showed the difference: a Director reaches
# the executive first, with the new date, how sure it is, the effect on the customer and
# a clear request. In the next quarter I will send a one-page weekly update to the sales
# and support leads, bad news first, and present our roadmap at one executive review. The
# evidence would be that those leads stop hearing about slips from customers, and a note
# from my director on the review.

# %% [markdown] kind="readonly" grade_id="outro-5"
# **You have finished the competency track.** The cell below shows, for each of the
# fifteen competencies, your module 00 self-rating, how much of the graded work that trains
# it you have answered across the course (answered is not a score: everything is graded
# after you submit), and the lesson to open next. `show()` gives the view by module.

# %% kind="readonly" grade_id="by-competency"
from course.progress import show_competencies

show_competencies()
