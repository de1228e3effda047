# %% [markdown] kind="readonly" grade_id="intro"
# # Module 05 · Chief Product Officer
#
# **Lesson 2 of 2: strategy after a market shift.** Last year's plan was a good plan for
# last year's market. The market has moved, and the company has fewer squads than it
# planned for. You will re-allocate the whole portfolio.
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

lesson = course.start("05-cpo", "2-market-shift")

# %% [markdown] kind="readonly"
# ## When the market moves
#
# Adaptability and resilience sit on the list of competencies for every rung, but at the
# top they change character. A PM adapts a roadmap; a CPO may have to change the strategy
# itself, and move whole teams from one product line to another.
#
# Three habits help:
#
# - **Re-plan from the new facts, not from last year's plan.** Trimming every line by the
#   same share feels fair and avoids hard conversations; it is rarely the best answer. Ask
#   what each squad would be worth on each line *now*.
# - **Respect what the new bets stand on.** A new product often needs an existing one to be
#   strong first: the AI feature that runs on the cloud edition, the migration tools that
#   move customers onto it. Funding the bet while starving its base wastes both.
# - **Explain the move.** People whose product loses squads need the reasons, and the
#   culture you want (evidence over habit, learning over blame) is built in exactly these
#   moments. A shift handled openly makes the next one easier.
#
# Stopping or shrinking a line is also a decision with a cost: customers who rely on it,
# teams who built it. A good re-allocation says what is being given up and why.

# %% [markdown] kind="readonly" grade_id="shift-intro"
# ## Exercise · Re-allocate after the shift (4 points)
#
# Your company runs nine product lines with **squads** (small cross-functional teams).
# Last year it had 18 squads and split them as in `current_units`. This year:
#
# - customers are moving from on-premises software to the cloud, so a squad on the
#   on-prem edition is worth much less and one on the cloud edition much more;
# - a competitor's launch has made an **AI assistant** the feature buyers ask for; it runs
#   on the cloud edition (`requires` S3);
# - migration tools that move customers onto the cloud, which also run on the cloud
#   edition, have become worth building;
# - a hiring freeze and attrition leave fewer squads than last year's 18 (the cell below
#   states how many you have).
#
# `value_before` and `value_after` give what the first squad on each line is worth (in
# value points) before and after the shift; `decay`, `min_units` and `max_units` work as in
# module 03. The values after the shift are your own: every learner gets a market of their
# own. The panel starts from last year's split, which no longer fits. Move the sliders
# until the plan fits and makes the most of the new market.

# %% kind="readonly" grade_id="shift-data"
lesson.brief("After the hiring freeze and attrition you have **{m05_squads} squads**, not 18.")
portfolio = load("m05_portfolio")
SQUADS = figure("m05_squads")
styled(portfolio, {**headers("squads", "value points"),
                   "value_before": "First squad adds before the shift (value points)",
                   "value_after": "First squad adds after the shift (value points)",
                   "current_units": "Squads last year"})

# %% kind="readonly" grade_id="shift-curves"
after = AllocationScenario.from_frame(portfolio, capacity=SQUADS, value_column="value_after",
                                      unit="squads", value_unit="value points")
value_curves(after, title="Value of each line by number of squads, after the shift")

# %% kind="readonly" grade_id="shift-widget"
shift = AllocationPanel(lesson, "shift-plan", after,
                        start=portfolio["current_units"].to_dict())
shift

# %% kind="solution" grade_id="shift-code"
# Optional: you may set the plan in code instead, e.g. shift.plan = {"S1": 3, "S3": 5}
# (lines you leave out get 0 squads).
### BEGIN SOLUTION
from autograder.scoring.solver import optimal_plan
shift.plan = optimal_plan(after).plan
### END SOLUTION

# %% kind="tests" grade_id="shift-plan-test" points=4
# Self-check: is a plan saved, and what does it use? (How good it is is graded after you
# submit, as the share of the best value any plan that fits can reach.)
check_allocation(shift)
### BEGIN HIDDEN TESTS
# graded from the saved answer: 05-cpo/shift-plan
### END HIDDEN TESTS

# %% [markdown] kind="readonly"
# **How this is graded.** A solver finds the best plan that fits your squads and every
# minimum, maximum and dependency. Your points are the share of its value your plan
# reaches, full marks from 98%.
#
# Before you leave: compare your plan with last year's split. Which lines lost squads, and
# how would you tell their teams?

# %% [markdown] kind="readonly" grade_id="career-05-2"
# ## What this means for your career
#
# Changing the strategy when the market moves, and telling the teams who lose resources,
# is where a CPO's adaptability becomes visible to everyone. Whatever your rung today,
# practise it on a small scale: re-plan openly when the facts change, and explain the trade
# to the people it affects.
