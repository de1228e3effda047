# %% [markdown] kind="readonly" grade_id="intro"
# # Module 01 · The Product Manager and the Digital PM
#
# **Lesson 2 of 2: prioritize and measure.** Two everyday tools of a Product Manager: scoring a
# backlog with RICE and deciding what fits in a quarter, then reading a funnel to find where
# users give up.
#
# Run the cell below first. Your answers are saved as you go, in a small file beside this
# notebook; hand it in together with the notebook.

# %% kind="readonly" grade_id="setup-2"
import pandas as pd

import course
from course.data import figure, load
from course.feedback import check_answered, check_cut_line, check_rate_table, check_scores
from course.plots import funnel_chart
from course.tables import styled
from course.widgets import Choice, RankingBoard

lesson = course.start("01-product-manager", "2-prioritize-and-measure")

# %% [markdown] kind="readonly"
# ## Prioritizing with RICE
#
# A backlog always holds more good ideas than a team can build. RICE is a scoring method that makes the trade-offs visible and comparable.
#
# **RICE score = Reach × Impact × Confidence ÷ Effort**
#
# | Factor | Meaning | Scale |
# |---|---|---|
# | Reach | People or events the item touches in a fixed period | a count, e.g. users per quarter |
# | Impact | How much it moves the goal for each person reached | 3 massive, 2 high, 1 medium, 0.5 low, 0.25 minimal |
# | Confidence | How much you trust your estimates | 100% high, 80% medium, 50% low |
# | Effort | Total work required | person-months |
#
# Measure every item's reach over the same period, or the scores cannot be compared.
#
# **Worked example** (invented numbers)
#
# - *Saved searches*: reach 3,000 users per quarter, impact 1, confidence 80%, effort 4 person-months.
#   Score = 3,000 × 1 × 0.8 ÷ 4 = 2,400 ÷ 4 = **600**.
# - *Guided onboarding*: reach 1,500 new users per quarter, impact 2, confidence 50%, effort 1.5 person-months.
#   Score = 1,500 × 2 × 0.5 ÷ 1.5 = 1,500 ÷ 1.5 = **1,000**.
#
# Onboarding ranks first despite reaching fewer people and carrying less certainty, because it is cheap and matters a lot to each user it reaches.
#
# **The cut line.** Capacity is limited. Sort the items by score, then fund them from the top, subtracting each item's effort from the capacity left, until it runs out. Everything beneath that point sits below the cut line: not rejected, just not this period.
#
# A strong score does not guarantee a place above the line. The score is value *per person-month*; it says nothing about whether the item fits. A large initiative may rank well, yet need more person-months than remain once the items above it are funded, and half a feature rarely delivers any value.

# %% [markdown] kind="readonly" grade_id="rice-intro"
# ## Exercise 1 · Score the backlog (2 points)
#
# Here is your team's backlog; reach is customers per quarter, effort is in person-months.
# The numbers are your own: every learner gets a backlog and a capacity of their own.

# %% kind="readonly" grade_id="rice-data"
lesson.brief("Your team has **{m01_capacity} person-months** this quarter.")
backlog = load("m01_backlog")
CAPACITY = figure("m01_capacity")  # person-months this quarter
styled(backlog, {"reach": "Reach (customers a quarter)", "effort": "Effort (person-months)"})

# %% [markdown] kind="readonly" grade_id="rice-task"
# Add a column `"rice"` to `backlog` holding each item's RICE score.

# %% kind="solution" grade_id="rice-code"
### BEGIN SOLUTION
backlog["rice"] = backlog["reach"] * backlog["impact"] * backlog["confidence"] / backlog["effort"]
### END SOLUTION

# %% kind="tests" grade_id="rice-scores-test" points=2
# Self-check: one positive score per item. (Their values are graded after you submit.)
check_scores(backlog.get("rice"), backlog.index, name='backlog["rice"]')
### BEGIN HIDDEN TESTS
from course.report import report
report("01-product-manager/rice-scores", backlog.get("rice"))
### END HIDDEN TESTS

# %% [markdown] kind="readonly" grade_id="rice-board-intro"
# ## Exercise 2 · Rank it and draw the cut line (3 + 1 points)
#
# Put the backlog in priority order on the board below, using your scores. Select an item
# (click it, or use the arrow keys in the list), then move it with **Up**, **Down**, **To top**
# or **To bottom** (click, or Tab to a button and press Enter). Then set **Fund top** to the
# number of items, from the top, that the team can fund within its capacity. Every change is
# saved; **Save this order** saves the order as shown.
#
# If you change your scores, run the board's cell again: your saved order is kept.

# %% kind="readonly" grade_id="rice-board"
board = RankingBoard(lesson, "rice-ranking", backlog, scores=backlog.get("rice"),
                     capacity=CAPACITY)
board

# %% kind="solution" grade_id="rice-board-code"
# Optional: you may set the board from code instead, e.g. board.order = [...]; board.set_cut(2)
### BEGIN SOLUTION
board.order = list(backlog["rice"].sort_values(ascending=False).index)
used = backlog.loc[board.order, "effort"].cumsum()
board.set_cut(int((used <= CAPACITY).cummin().sum()))
### END SOLUTION

# %% kind="tests" grade_id="rice-ranking-test" points=3
# Self-check: is an order saved? (How close it is to the best order is graded after you submit.)
check_answered(board)
### BEGIN HIDDEN TESTS
# graded from the saved answer: 01-product-manager/rice-ranking
### END HIDDEN TESTS

# %% kind="tests" grade_id="rice-cutline-test" points=1
# Self-check: is a cut line drawn? (Whether it is the right one is graded after you submit.)
check_cut_line(board)
### BEGIN HIDDEN TESTS
# graded from the saved answer: 01-product-manager/rice-cutline
### END HIDDEN TESTS

# %% [markdown] kind="readonly"
# ## Reading a funnel
#
# A funnel follows users through the steps that lead to value and counts how many reach each one. A typical product funnel:
#
# **sign-up → activation → first core action → upgrade to paid**
#
# Two measures matter:
#
# - **Step conversion** = users reaching step n+1 ÷ users reaching step n.
# - **Overall conversion** = users reaching the last step ÷ users at the first step. It equals all the step conversions multiplied together.
#
# The **worst drop-off step** is the one with the lowest step conversion: the point where the largest share of arriving users fail to continue. Compare rates rather than raw counts, since early steps lose the most people simply because more people are there.
#
# **Worked example** (invented data for one month)
#
# | Step | Users | Step conversion |
# |---|---|---|
# | Sign-up | 2,000 | – |
# | Activation | 1,300 | 1,300 ÷ 2,000 = 65% |
# | First core action | 520 | 520 ÷ 1,300 = 40% |
# | Upgrade to paid | 260 | 260 ÷ 520 = 50% |
#
# Overall conversion = 260 ÷ 2,000 = 13%, which matches 0.65 × 0.40 × 0.50 = 0.13. The worst drop-off is activation → first core action, at 40%. That is where to start asking questions: once people have activated, do they understand what to do next?
#
# **A caution about segments.** A single funnel averages everyone together. Mobile and desktop users, or visitors from an ad campaign and from a friend's referral, can behave very differently. An overall activation rate of 65% could hide 85% on desktop and 45% on mobile. Split the funnel by its main segments before you choose what to fix, or you may repair the wrong step for the wrong users.

# %% [markdown] kind="readonly" grade_id="funnel-intro"
# ## Exercise 3 · Find the leak in the funnel (2 + 1 + 1 points)
#
# The event log below has one row per user per funnel step reached during the third quarter
# (`signup`, `activation`, `core_action`, `upgrade`), with the user's acquisition `segment`
# and `platform`.

# %% kind="readonly" grade_id="funnel-data"
events = load("m01_funnel_events")
STEPS = ["signup", "activation", "core_action", "upgrade"]
styled(events.head(), {"user_id": "User", "date": "Date reached"})

# %% [markdown] kind="readonly" grade_id="funnel-task"
# Build `funnel_table`: a DataFrame indexed by step, in the order of `STEPS`, with a column
# `"users"` (distinct users reaching the step) and a column `"step_conversion"` (users at this
# step divided by users at the previous step; 1.0 for `signup`).

# %% kind="solution" grade_id="funnel-code"
### BEGIN SOLUTION
users = events.groupby("step")["user_id"].nunique().reindex(STEPS)
funnel_table = pd.DataFrame({"users": users, "step_conversion": users / users.shift(1)})
funnel_table.loc["signup", "step_conversion"] = 1.0
### END SOLUTION

# %% kind="tests" grade_id="funnel-rates-test" points=2
# Self-check: a share between 0 and 1 for every step. (The values are graded after you submit.)
check_rate_table(globals().get("funnel_table"), STEPS, "step_conversion")
### BEGIN HIDDEN TESTS
from course.report import report
report("01-product-manager/funnel-rates", globals().get("funnel_table"))
### END HIDDEN TESTS

# %% [markdown]
# A picture of your table (run after building it):

# %%
if "funnel_table" in globals() and "users" in funnel_table:
    display(funnel_chart(funnel_table, title="Q3 funnel, all users"))

# %% [markdown] kind="readonly" grade_id="funnel-choice-intro"
# Which transition loses the largest **share** of the users who reach it?

# %% kind="readonly" grade_id="funnel-worst-widget"
worst_step = Choice(lesson, "funnel-worst-step", {
    "activation": "sign-up → activation",
    "core_action": "activation → core action",
    "upgrade": "core action → upgrade",
})
worst_step

# %% [markdown] kind="readonly" grade_id="funnel-platform-intro"
# One platform has a step that is clearly broken: its activation → core action conversion is
# far below the other's. Split the funnel by `platform` (use the free cell below) and choose it.

# %%
# Your exploration here (not graded).

# %% kind="readonly" grade_id="funnel-platform-widget"
broken_platform = Choice(lesson, "funnel-platform", {"web": "web", "mobile": "mobile"})
broken_platform

# %% kind="solution" grade_id="funnel-choices-code"
# Optional: you may answer in code instead, e.g. worst_step.value = "activation"
### BEGIN SOLUTION
worst_step.value = str(funnel_table["step_conversion"].iloc[1:].idxmin())
by_platform = {
    platform: group.groupby("step")["user_id"].nunique().reindex(STEPS)
    for platform, group in events.groupby("platform")
}
broken_platform.value = min(by_platform, key=lambda p: by_platform[p]["core_action"] / by_platform[p]["activation"])
### END SOLUTION

# %% kind="tests" grade_id="funnel-worst-test" points=1
check_answered(worst_step)
### BEGIN HIDDEN TESTS
# graded from the saved answer: 01-product-manager/funnel-worst-step
### END HIDDEN TESTS

# %% kind="tests" grade_id="funnel-platform-test" points=1
check_answered(broken_platform)
### BEGIN HIDDEN TESTS
# graded from the saved answer: 01-product-manager/funnel-platform
### END HIDDEN TESTS

# %% [markdown] kind="readonly" grade_id="reflection-prompt"
# ## Reflection prompt (2 points, graded by hand)
#
# RICE produces a ranking, but a ranking is not yet a decision. Think of a product you use or have worked on, and choose one item you would place higher or lower than its RICE score suggests. In 4–6 sentences, describe the item, say roughly where RICE would rank it, explain what the formula misses (for example strategy, risk, dependencies, ethics or a key customer), and say what you would do instead.

# %% [markdown] kind="manual" grade_id="reflection" points=2
# *Model answer for graders (learners see an empty answer cell):* Accessibility fixes score in
# the middle of the list, yet I would fund them first. RICE counts reach per quarter, but the
# people blocked by an inaccessible checkout cannot use the product at all, so "impact" is not
# comparable with a convenience feature. There is also legal exposure and a public commitment
# the formula does not see. I would fund the fixes, keep the RICE order for the rest, and write
# down why, so the exception is visible rather than hidden inside inflated scores.

# %% [markdown] kind="readonly" grade_id="career-01-2"
# ## What this means for your career
#
# Prioritising with evidence and reading a funnel are the PM's daily proof of judgement.
# They are also what a promotion panel asks for when you aim for Senior PM: decisions you
# can explain with numbers, and outcomes you measured rather than features you shipped.
