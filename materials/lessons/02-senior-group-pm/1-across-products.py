# %% [markdown] kind="readonly" grade_id="intro"
# # Module 02 · Senior and Group PM
#
# **Lesson 1 of 2: across products.** A Senior PM (also called Product Lead or Group PM)
# looks after more than one product and more than one person's growth. In this lesson you
# will read what changes at this rung, then make two decisions it brings: which of two
# products' requests one shared team should build first (with WSJF), and what goes into a
# sprint that cannot hold everything (with MoSCoW).
#
# Run the cell below first. Your answers are saved as you go, in a small file beside this
# notebook; hand it in together with the notebook.

# %% kind="readonly" grade_id="setup-1"
import course
from course.data import figure, load
from course.feedback import check_answered, check_cut_line, check_scores
from course.tables import styled
from course.widgets import MOSCOW_LABELS, Buckets, RankingBoard

lesson = course.start("02-senior-group-pm", "1-across-products")

# %% [markdown] kind="readonly"
# ## What changes at the second rung
#
# The step from Product Manager to Senior PM is the first one where the job is no longer
# only about *your* product. Three things widen at once.
#
# **Scope.** A Senior PM typically owns several related products, or one product complex
# enough to act like a portfolio: a checkout and the seller tools behind it, or a platform
# with many internal customers. Each product has its own roadmap, users and stakeholders,
# and they compete for the same engineers, the same release windows and the same attention
# from leadership. Much of the job becomes choosing between good things that cannot all
# happen now, and explaining those choices so that each side can live with them.
#
# **People.** At this level you are expected to guide others: junior PMs, PMs new to the
# company, interns and graduates. Mentoring is not a side task. Reviewing a colleague's
# requirements, pairing on a hard stakeholder conversation, or showing how you scored a
# backlog builds the team's judgement, and the team's judgement is what lets you hold more
# scope without becoming the bottleneck.
#
# **Strategy.** A PM aligns one product with company goals; a Senior PM shapes how several
# products together serve them. Expect to defend trade-offs in front of directors, to say
# no more often than yes, and to use frameworks that make a decision comparable across
# products, so that the loudest request does not automatically win.
#
# On the usual career path (Associate PM, PM, Senior PM, then Group PM or Director, then VP
# or CPO) this rung is where you prove you can lead through others. Titles vary: in one
# company "Group PM" manages PMs, in another it is simply a senior individual contributor.

# %% [markdown] kind="readonly"
# ## Cost of delay and WSJF
#
# When two products share one team, a useful question is not "which item is worth most?"
# but "which item costs us most *for every week we wait*, relative to how long it takes?".
# That is the idea behind **Weighted Shortest Job First (WSJF)**, a method popular in
# scaled agile teams.
#
# **Cost of delay** adds up three relative ratings (commonly on a Fibonacci-like scale: 1,
# 2, 3, 5, 8, 13, 20):
#
# | Part | Question it answers |
# |---|---|
# | Business value | How much do users or the business gain once it ships? |
# | Time criticality | Does the value decay if we wait (a deadline, a season, a competitor)? |
# | Risk reduction / opportunity enablement | Does it remove a risk or open up future work? |
#
# **WSJF = cost of delay ÷ job size**, where job size is a relative estimate of the work on
# the same kind of scale. Do the highest WSJF first.
#
# **Worked example** (invented numbers)
#
# - *Fix the expiring certificate*: value 3, criticality 13, risk 8, so cost of delay 24;
#   job size 2. WSJF = 24 ÷ 2 = **12**.
# - *New reporting dashboard*: value 13, criticality 3, risk 2, so cost of delay 18; job
#   size 8. WSJF = 18 ÷ 8 = **2.25**.
#
# The dashboard is worth more on its own, yet the certificate goes first: waiting on it is
# expensive, and it is small. WSJF deliberately favours short, urgent jobs, because
# finishing them early frees the team to start on the next thing.

# %% [markdown] kind="readonly" grade_id="wsjf-intro"
# ## Exercise 1 · Two products, one team (2 points)
#
# You are the Group PM for **Checkout** (the web shop's payment flow) and the **Seller app**
# (the tools merchants use). One engineering team serves both. This is the shared backlog,
# with ratings agreed in refinement. The numbers are your own: every learner gets ratings
# and a capacity of their own.

# %% kind="readonly" grade_id="wsjf-data"
lesson.brief("The team can take on **{m02_wsjf_capacity} job-size points** this increment.")
shared = load("m02_wsjf_backlog")
CAPACITY = figure("m02_wsjf_capacity")  # job-size points the team can take on this increment
styled(shared, {"job_size": "Job size (points)"})

# %% [markdown] kind="readonly" grade_id="wsjf-task"
# Add a column `"wsjf"` to `shared` holding each item's WSJF score.

# %% kind="solution" grade_id="wsjf-code"
### BEGIN SOLUTION
cost_of_delay = shared["business_value"] + shared["time_criticality"] + shared["risk_reduction"]
shared["wsjf"] = cost_of_delay / shared["job_size"]
### END SOLUTION

# %% kind="tests" grade_id="wsjf-scores-test" points=2
# Self-check: one positive score per item. (Their values are graded after you submit.)
check_scores(shared.get("wsjf"), shared.index, name='shared["wsjf"]')
### BEGIN HIDDEN TESTS
from course.report import report
report("02-senior-group-pm/wsjf-scores", shared.get("wsjf"))
### END HIDDEN TESTS

# %% [markdown] kind="readonly" grade_id="wsjf-board-intro"
# ## Exercise 2 · Order the shared backlog and draw the line (3 + 1 points)
#
# Put the ten items in WSJF order, highest first, whichever product they belong to. Move an
# item with the mouse (select it, then **Up**, **Down**, **To top** or **To bottom**) or the
# keyboard (Tab to the item's place box below the list, type its new place, press Enter).
# Then set **Fund top** to the number of items the team takes on, filling its job-size points
# (`CAPACITY`, stated above) from the top of your order and stopping at the first item that
# no longer fits. Every change is saved; **Save this order** saves the order as shown.

# %% kind="readonly" grade_id="wsjf-board"
board = RankingBoard(lesson, "wsjf-ranking", shared, scores=shared.get("wsjf"),
                     capacity=CAPACITY, effort="job_size")
board

# %% kind="solution" grade_id="wsjf-board-code"
# Optional: you may set the board from code instead, e.g. board.order = [...]; board.set_cut(2)
### BEGIN SOLUTION
board.order = list(shared["wsjf"].sort_values(ascending=False).index)
used = shared.loc[board.order, "job_size"].cumsum()
board.set_cut(int((used <= CAPACITY).cummin().sum()))
### END SOLUTION

# %% kind="tests" grade_id="wsjf-ranking-test" points=3
# Self-check: is an order saved? (How close it is to the best order is graded after you submit.)
check_answered(board)
### BEGIN HIDDEN TESTS
# graded from the saved answer: 02-senior-group-pm/wsjf-ranking
### END HIDDEN TESTS

# %% kind="tests" grade_id="wsjf-cutline-test" points=1
# Self-check: is a cut line drawn? (Whether it is the right one is graded after you submit.)
check_cut_line(board)
### BEGIN HIDDEN TESTS
# graded from the saved answer: 02-senior-group-pm/wsjf-cutline
### END HIDDEN TESTS

# %% [markdown] kind="readonly"
# ## MoSCoW under a capacity
#
# WSJF orders a long backlog. Inside a single sprint, teams often sort work into four
# buckets instead, known as **MoSCoW**:
#
# - **Must have**: without it the sprint fails its goal. No workaround exists.
# - **Should have**: important and expected, but the goal survives a little longer without
#   it, because a workaround exists.
# - **Could have**: welcome if there is room; nobody is hurt if it slips.
# - **Won't have (this time)**: agreed to be out of this sprint. Saying so openly is the
#   point: it manages expectations instead of leaving them to hope.
#
# MoSCoW only works with a capacity in mind. A common rule of thumb is that must-haves
# should take **no more than about 60%** of the capacity. The rest is a buffer: estimates
# are wrong, incidents happen, and when they do the shoulds and coulds are what gives way,
# not the goal. A sprint where everything is a must has no plan B.

# %% [markdown] kind="readonly" grade_id="moscow-intro"
# ## Exercise 3 · Plan the refunds sprint (3 points)
#
# The Seller app team's next sprint has the number of developer-days stated below (your own,
# like the estimates). The sprint goal: *support agents can refund an order safely*. For each candidate you know whether the goal fails without
# it (`goal_critical`), whether a manual workaround exists for a few weeks (`workaround`), a
# value rating from 1 to 5 and the effort in developer-days. Sort them with these rules:
#
# 1. **Must**: goal-critical and no workaround.
# 2. **Should**: goal-critical, but a workaround exists.
# 3. The items that are not goal-critical, taken in order of value per developer-day
#    (highest first): **Could** if it fits in the days still free after the musts, the
#    shoulds and the coulds already chosen; otherwise **Won't**.
#
# The widget shows the days in each bucket and refuses a plan whose must-haves take more
# than 60% of the sprint, or whose musts, shoulds and coulds do not fit in it. Each bucket is
# graded on its own, so a plan with most items in the right place earns most of the points.

# %% kind="readonly" grade_id="moscow-widget"
lesson.brief("The Seller app team has **{m02_sprint_days} developer-days** next sprint.")
sprint = load("m02_sprint")
SPRINT_DAYS = figure("m02_sprint_days")  # developer-days in the sprint
plan = Buckets(lesson, "moscow", sprint, MOSCOW_LABELS, capacity=SPRINT_DAYS)
styled(sprint, {"value": "Value (1-5)", "effort": "Effort (developer-days)"})

# %% kind="readonly" grade_id="moscow-show"
plan

# %% kind="solution" grade_id="moscow-code"
# Optional: you may answer in code instead, e.g. plan.value = {"S01": "must", ...}
### BEGIN SOLUTION
critical = sprint["goal_critical"].eq("yes")
answer = {item: ("should" if sprint.loc[item, "workaround"] == "yes" else "must")
          for item in sprint.index[critical]}
days_left = SPRINT_DAYS - sprint.loc[critical, "effort"].sum()
rest = sprint.loc[~critical]
for item in (rest["value"] / rest["effort"]).sort_values(ascending=False, kind="stable").index:
    if sprint.loc[item, "effort"] <= days_left:
        answer[item] = "could"
        days_left -= sprint.loc[item, "effort"]
    else:
        answer[item] = "wont"
plan.value = answer
### END SOLUTION

# %% kind="tests" grade_id="moscow-test" points=3
# Self-check: is every item in a bucket? (Which bucket is right is graded after you submit.)
check_answered(plan, complete=list(sprint.index))
### BEGIN HIDDEN TESTS
# graded from the saved answer: 02-senior-group-pm/moscow
### END HIDDEN TESTS

# %% [markdown] kind="readonly" grade_id="outro-1"
# **Next:** lesson 2, *Frameworks and Kano*, scores one backlog three ways and asks why the
# answers differ, then reads a customer survey with the Kano model.

# %% [markdown] kind="readonly" grade_id="career-02-1"
# ## What this means for your career
#
# The Senior PM rung is the first where your choices affect other people's products.
# Comparing items across products (cost of delay, capacity) is how you show the
# strategic thinking and decision-making that the Director rung asks for, and coaching
# newer PMs is where team management begins, before any title says so.
