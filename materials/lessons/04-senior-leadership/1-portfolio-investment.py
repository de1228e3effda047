# %% [markdown] kind="readonly" grade_id="intro"
# # Module 04 · Senior Director, Head of Product, VP
#
# **Lesson 1 of 2: investing across a portfolio.** Above the director, the work moves from
# one team to many and from products to a portfolio. You will read what changes at each of
# these three levels and tell them apart in job postings, learn the three numbers leaders
# use to compare investments (ROI, NPV and payback), and then decide which projects to fund
# within a budget.
#
# Run the cell below first. Your answers are saved as you go, in a small file beside this
# notebook; hand it in together with the notebook.

# %% kind="readonly" grade_id="setup-1"
import pandas as pd

import course
from course.data import figure, load
from course.feedback import check_allocation, check_answered, check_table
from course.models.allocation import AllocationScenario
from course.tables import styled
from course.variants import shuffled
from course.widgets import AllocationPanel, Matching

lesson = course.start("04-senior-leadership", "1-portfolio-investment")

# %% [markdown] kind="readonly"
# ## From one team to many
#
# Three titles sit between the Director of Product and the Chief Product Officer. Companies
# use them differently (one company's Head of Product is another's VP), so look at the
# scope and the decisions rather than the title.
#
# | | Senior Director | Head of Product | VP of Product |
# |---|---|---|---|
# | **Scope** | several product teams or departments | the whole product function | several product lines or the entire portfolio |
# | **Works with** | executive leadership, on goals and coordination across functions | the executive team, on long-term company goals | executive leadership, as the one who takes the high-level calls |
# | **Distinctive work** | sets strategic goals for many teams, shares out resources among them, makes sure initiatives succeed as a whole | sets the product vision and direction for the company, leads initiatives that cross functions, runs the product management team | decides where resources and investment go and what the long-term product direction is; builds a strong product organisation |
#
# What these roles share is distance from the daily work of any one product. A director
# can still know every feature on the roadmap; a VP cannot, and must lead through goals,
# budgets, people and a small number of well-chosen numbers.
#
# ### Senior Director: many teams, one set of goals
#
# The first rung above Director. What is new is **plurality**: several product teams or
# whole departments, each with its own director or lead. The Senior Director sets the
# strategic goals they share, keeps their initiatives from pulling apart, coordinates with
# the other functions, and **takes part in** deciding where resources go, together with
# executive leadership rather than alone. The test of the job is whether the teams'
# initiatives succeed *as a set*. (Not to be confused with the "senior-level director" of
# module 03: an experienced holder of the Director title, still on the Director rung.)
#
# ### Head of Product: the function itself
#
# What is new is **ownership of the function**: the Head of Product answers for product
# management as a whole in the organisation. They set the overall product vision, make
# sure product strategy serves the company's long-term goals, lead initiatives that cut
# across functions and oversee the product management team. In a smaller company this is
# often the top product job and reports to the CEO; in a large one it may sit under a VP
# or a CPO.
#
# ### VP of Product: the investment calls
#
# What is new is the **strategic level of the decisions**: the VP oversees several product
# lines or the whole portfolio and, with the executive team, makes the high-level calls on
# resources, product investments and long-term direction. The VP also **builds the
# organisation**: a high-performing product management group with the leaders it needs.
# The career guide asks of a VP strong leadership, excellent communication and a deep
# grasp of markets, customers and competitors, and, unlike the PM and the Director, it
# describes the VP on all fifteen criteria.
#
# **Telling them apart in one question each:** *how many teams do I coordinate toward
# shared goals?* (Senior Director), *do I own the product function?* (Head of Product),
# *do I decide where the portfolio's money goes?* (VP).

# %% [markdown] kind="readonly" grade_id="rungs-intro"
# ## Exercise 1 · Which rung is hiring? (3 points)
#
# Six excerpts from job postings. Each describes one of the three rungs; two fit each.
# Choose the rung from what the job **owns and decides**, not from its wording. After
# grading, the feedback says what to look at again for any posting you placed wrongly.

# %% kind="readonly" grade_id="rungs-widget"
postings = load("m04_rungs")
shown = dict(shuffled(list(postings["posting"].items()), "m04-rungs"))  # your own order
rungs = Matching(lesson, "which-rung", rows=shown,
                 options={"senior_director": "Senior Director", "head_of_product":
                          "Head of Product", "vp_product": "VP of Product"})
rungs

# %% kind="solution" grade_id="rungs-code"
# Optional: answer in code instead, e.g. rungs.value = {"P1": "vp_product"}
### BEGIN SOLUTION
rungs.value = {"P1": "head_of_product", "P2": "senior_director", "P3": "vp_product",
               "P4": "senior_director", "P5": "head_of_product", "P6": "vp_product"}
### END SOLUTION

# %% kind="tests" grade_id="rungs-test" points=3
# Self-check: is every posting placed? (Which are right is graded after you submit.)
check_answered(rungs, complete=list(postings.index))
### BEGIN HIDDEN TESTS
# graded from the saved answer: 04-senior-leadership/which-rung
### END HIDDEN TESTS

# %% [markdown] kind="readonly"
# ## Portfolio management
#
# A portfolio is the set of products a company sells and the bets it is making on new ones.
# Managing it, usually together with the directors below, means four recurring jobs:
#
# 1. **Assess** how each existing product performs and what potential it still has.
# 2. **Spot** new product opportunities in the market and in customer needs.
# 3. **Decide** on investments, priorities and how resources are split, using market
#    dynamics, customer needs and the financial case together.
# 4. **Report** the portfolio's metrics, progress and strategy to the executive team, the
#    board and other stakeholders, so that they trust and back the decisions.
#
# This lesson is about job 3; lesson 2 covers jobs 1 and 4.

# %% [markdown] kind="readonly"
# ## Three numbers for an investment
#
# A project costs money now and returns money later. Leaders compare projects with three
# numbers, each answering a different question.
#
# - **ROI (return on investment)** = (total returned − cost) ÷ cost. *How many times does
#   it pay for itself?* Simple, but it ignores *when* the money comes back.
# - **NPV (net present value)**: every year's cash flow divided by (1 + r)ᵗ, where r is the
#   discount rate and t the year (0 for today), all added up, the investment counted as a
#   negative flow in year 0. *What is the project worth today, after paying for the money
#   it ties up?* A positive NPV creates value at that rate; a negative one destroys it.
# - **Payback period**: *how many years until the cumulative cash flow turns positive?* When
#   it turns during a year, count the part of that year needed, assuming the year's cash
#   arrives evenly.
#
# **Worked example** (invented): invest 100 now, get 30, 50 and 60 over the next three
# years, discount rate 10%.
#
# | year | flow | ÷ 1.1ᵗ | cumulative flow |
# |---|---|---|---|
# | 0 | −100 | −100.0 | −100 |
# | 1 | 30 | 27.3 | −70 |
# | 2 | 50 | 41.3 | −20 |
# | 3 | 60 | 45.1 | +40 |
#
# NPV = −100 + 27.3 + 41.3 + 45.1 = **13.7**. ROI = (140 − 100) ÷ 100 = **0.40**. Payback:
# 20 still to recover at the end of year 2, out of 60 in year 3, so 2 + 20 ÷ 60 = **2.33
# years**.
#
# The numbers can disagree. A quick-payback project may have a small NPV; a project with
# the largest NPV may take years to recover its cost, which matters when cash is tight.
# And with a fixed budget, **the best set of projects is not simply the top of the NPV
# list**: a large project can crowd out two smaller ones that together are worth more.

# %% [markdown] kind="readonly" grade_id="npv-intro"
# ## Exercise 2 · NPV and payback (2 + 1 points)
#
# Eight projects across four product lines are asking for money. `investment` is spent now
# (year 0); `cf_1` … `cf_5` are the cash flows each project is expected to return in years
# 1 to 5, all in \$k. The company discounts at **10%** a year. The numbers are your own:
# every learner gets projects of their own.
#
# Add two columns to `projects`: `"npv"`, each project's net present value at 10% in \$k,
# and `"payback"`, its payback period in years (with the fraction of the year, as in the
# worked example). Keep the full precision: do not round.

# %% kind="readonly" grade_id="npv-data"
projects = load("m04_projects")
RATE = 0.10
YEARS = ["cf_1", "cf_2", "cf_3", "cf_4", "cf_5"]
styled(projects, {"investment": "Investment in year 0 ($k)",
                  **{year: f"Cash flow in year {year[-1]} ($k)" for year in YEARS}})

# %% kind="solution" grade_id="npv-code"
### BEGIN SOLUTION
flows = pd.concat([-projects["investment"], projects[YEARS]], axis=1)
flows.columns = range(len(flows.columns))
discount = pd.Series([(1 + RATE) ** -year for year in flows.columns], index=flows.columns)
projects["npv"] = (flows * discount).sum(axis=1)

def payback(row):
    total = row.iloc[0]
    for year in range(1, len(row)):
        if total + row.iloc[year] >= 0:
            return year - 1 + (-total) / row.iloc[year]
        total += row.iloc[year]
    return float("inf")

projects["payback"] = flows.apply(payback, axis=1)
### END SOLUTION

# %% kind="tests" grade_id="project-npv-test" points=2
# Self-check: a number for every project? (The values are graded after you submit.)
check_table(projects, list(projects.index), ["npv"], name="projects")
### BEGIN HIDDEN TESTS
from course.report import report
report("04-senior-leadership/project-npv", projects.get("npv"))
### END HIDDEN TESTS

# %% kind="tests" grade_id="project-payback-test" points=1
# Self-check: a number of years between 0 and 5 for every project?
check_table(projects, list(projects.index), ["payback"], name="projects", between=(0, 5))
### BEGIN HIDDEN TESTS
from course.report import report
report("04-senior-leadership/project-payback", projects.get("payback"))
### END HIDDEN TESTS

# %% [markdown] kind="readonly" grade_id="fund-intro"
# ## Exercise 3 · Fund the portfolio (4 points)
#
# The executive team has a budget for new projects this year (the cell below states yours).
# Choose which projects to fund: tick **Fund** for each one. The panel adds up what your
# choice costs and the NPV it creates, using **your** `npv` column (run Exercise 2 first,
# then run this cell again). A choice over budget is shown in red and not saved. Aim for
# the largest total NPV that fits the budget.

# %% kind="readonly" grade_id="fund-widget"
lesson.brief("The executive team has **{m04_budget:,} \\$k** for new projects this year.")
BUDGET = figure("m04_budget")  # $k
shown_npv = pd.to_numeric(projects.get("npv", pd.Series(0.0, index=projects.index)),
                          errors="coerce").fillna(0.0)
choices = AllocationScenario.from_projects(projects, shown_npv, projects["investment"],
                                           budget=BUDGET, value_unit="$k NPV")
funding = AllocationPanel(lesson, "fund-projects", choices)
funding

# %% kind="solution" grade_id="fund-code"
# Optional: you may choose in code instead, e.g. funding.plan = {"P1": 1, "P3": 1}
### BEGIN SOLUTION
from autograder.scoring.solver import optimal_plan
funding.plan = optimal_plan(choices).plan
### END SOLUTION

# %% kind="tests" grade_id="fund-projects-test" points=4
# Self-check: is a choice saved, and what does it cost? (It is graded after you submit as
# the share of the best total NPV that fits the budget, computed with the true NPVs.)
check_allocation(funding)
### BEGIN HIDDEN TESTS
# graded from the saved answer: 04-senior-leadership/fund-projects
### END HIDDEN TESTS

# %% [markdown] kind="readonly"
# **How this is graded.** A solver finds the set of projects with the largest total NPV
# that fits the budget. Your points are the share of that NPV your choice reaches, full
# marks from 98%. Notice that payback did not enter the choice: when would you let it?
#
# **Next:** lesson 2 reads the portfolio as a whole and reports it to the executive team.

# %% [markdown] kind="readonly" grade_id="career-04-1"
# ## What this means for your career
#
# Above the Director the ladder splits into rungs that companies name differently. When you
# weigh such a role, ask the three questions of this lesson: how many teams, does it own the
# function, does it decide the portfolio's investments? The financial tools (NPV, payback)
# are the language of those rungs; learning them before you need them is part of the step.
