# %% [markdown] kind="readonly" grade_id="intro"
# # Module 03 · Director of Product
#
# **Lesson 2: allocate a quarter's capacity.** A director rarely decides *whether* to do
# good things; there are always more good things than people. The decision is how to split
# a fixed number of engineers and a fixed budget across initiatives, so that the division
# gets the most out of the quarter. You will learn the three rules that make this hard and
# then make the call for a division.
#
# Run the cell below first. Your plan is saved as you go, in a small file beside this
# notebook; hand it in together with the notebook.

# %% kind="readonly" grade_id="setup-2"
import course
from course.data import figure, load
from course.feedback import check_allocation
from course.models.allocation import AllocationScenario, headers
from course.plots import value_curves
from course.tables import styled
from course.widgets import AllocationPanel

lesson = course.start("03-director", "2-allocate-capacity")

# %% [markdown] kind="readonly"
# ## Three rules of allocation
#
# **1. Minimum funding.** Below a certain size a team delivers nothing: two engineers
# cannot rebuild a billing platform, however hard they work. Each initiative has a
# *minimum* it needs if it is funded at all, and a *maximum* beyond which extra people only
# get in each other's way. Zero is always allowed; anything between zero and the minimum is
# not.
#
# **2. Diminishing returns.** The first engineers on an initiative do the most valuable
# work; later ones pick up smaller wins, and coordination costs grow. Here that is modelled
# with a **decay**: each extra engineer adds `decay` times what the previous one added.
#
# *Worked example (invented numbers).* If the first engineer adds 100 and the decay is 0.8,
# the second adds 80, the third 64 and the fourth 51.2: four engineers give
# 100 + 80 + 64 + 51.2 = 295.2, not 400. When you have one more engineer to place, compare
# what the *next* engineer would add on each initiative, not the averages.
#
# **3. Dependencies.** Some initiatives only make sense on top of others: usage-based
# pricing needs a billing platform that can meter usage. "B requires A" means B may be
# funded only if A is funded too, even when A on its own looks like the weaker bet.
#
# Two resources run out: **engineers** (capacity) and **budget** (money for vendors,
# licences and contractors, which each initiative needs once if it is funded). A plan that
# breaks any rule is not a plan, however good its projected value looks.
#
# **Why spreading evenly fails.** Giving every initiative the same share ignores all three
# rules: some shares fall below a minimum, the budget may not cover every initiative's
# fixed cost, and the strongest opportunities are starved while weak ones are fed past the
# point where they pay back. Good allocation is uneven on purpose, and the reasons are
# written down so the teams that lose out understand why.

# %% [markdown] kind="readonly" grade_id="plan-intro"
# ## Exercise · Plan the division's quarter (4 points)
#
# You lead a division for the coming quarter; the cell below states its engineers and its
# non-salary budget. Seven initiatives compete for them. `value` is the annual recurring
# revenue (in \$k) the first engineer's work is expected to add or protect, `decay` the
# diminishing return, `fixed_cost` what the initiative needs from the budget if it is
# funded, and `requires` the initiative it depends on.

# %% kind="readonly" grade_id="plan-data"
lesson.brief("Your division has **{m03_capacity} engineers** for the quarter and "
             "**{m03_budget} \\$k** of non-salary budget.")
initiatives = load("m03_initiatives")
CAPACITY, BUDGET = figure("m03_capacity"), figure("m03_budget")  # engineers, $k
styled(initiatives, headers("engineers", "$k ARR"))

# %% [markdown] kind="readonly"
# The chart shows each initiative's value as it gets more engineers; the dotted part lies
# below its minimum, where a plan cannot stop.

# %% kind="readonly" grade_id="plan-curves"
division = AllocationScenario.from_frame(initiatives, capacity=CAPACITY, budget=BUDGET,
                                         unit="engineers", value_unit="$k ARR")
value_curves(division)

# %% [markdown] kind="readonly" grade_id="plan-how"
# Set the engineers for each initiative with its slider (click the handle, then use the
# arrow keys, or drag it). The bars show the engineers and budget used, and the projected
# value updates as you move. A plan that fits every rule is saved at once; a plan that
# breaks one is shown in red with the reasons and is **not** saved: your last plan that fit
# stays your answer until you fix the draft. **Save plan** saves the plan shown (when it
# fits), **Back to saved plan** puts the sliders back.

# %% kind="readonly" grade_id="plan-widget"
plan = AllocationPanel(lesson, "capacity-plan", division)
plan

# %% kind="solution" grade_id="plan-code"
# Optional: you may set the plan in code instead, e.g. plan.plan = {"I1": 3, "I2": 4}
# (initiatives you leave out get 0 engineers).
### BEGIN SOLUTION
from autograder.scoring.solver import optimal_plan
plan.plan = optimal_plan(division).plan
### END SOLUTION

# %% kind="tests" grade_id="capacity-plan-test" points=4
# Self-check: is a plan saved, and what does it use? (How good it is is graded after you
# submit, as the share of the best value any plan that fits can reach.)
check_allocation(plan)
### BEGIN HIDDEN TESTS
# graded from the saved answer: 03-director/capacity-plan
### END HIDDEN TESTS

# %% [markdown] kind="readonly"
# **How this is graded.** After you submit, a solver finds the best plan that fits every
# rule. Your points are the share of that plan's value your plan reaches, with full marks
# from 98%. A plan that breaks a rule cannot be saved, so it cannot be graded either.
#
# **Next:** lesson 3 of this module builds the dashboard a director reads every week.

# %% [markdown] kind="readonly" grade_id="career-03-2"
# ## What this means for your career
#
# Allocation under constraints is one of the first decisions that is truly a
# Director's, from the middle years of the role onward. Being able to defend a split of people
# and budget, and say what it gives up, is what Senior Directors and VPs do at a larger scale:
# practise the explanation, not only the arithmetic.
