# %% [markdown] kind="readonly" grade_id="intro"
# # Module 10 · Competencies across the ladder
#
# **Lesson 3 of 5: reach.** How far a product person's work extends and how they move
# others within it: **scope management**, **collaboration and influence** and
# **communication**.
#
# Run the cell below first. Your answers are saved as you go, in a small file beside this
# notebook; hand it in together with the notebook.

# %% kind="readonly" grade_id="setup-3"
from dataclasses import replace

import course
from course.feedback import check_answered
from course.track import behaviours, connect, rung_menu, scenario
from course.variants import shuffled
from course.widgets import Choice, Matching

lesson = course.start("10-competencies", "3-reach")

# %% [markdown] kind="readonly" grade_id="scope-reading"
# ## 7 · Scope management
#
# **What it is.** Taking charge of a product area and, over a career, of a wider and more
# complex set of products: keeping them coherent, deciding how they are positioned and
# where the resources go.
#
# | rung | what scope management looks like |
# |---|---|
# | Product Manager | Runs one product or feature area through its whole life, from collecting user requirements to delivery; may later take on several products. |
# | Director of Product | Owns the product strategy of an area or division with several product managers; keeps its products coherent and decides their resources, priorities and positioning. |
# | VP of Product | Oversees several product lines or a complex portfolio: how they fit together, what comes first and who gets which resources; makes the portfolio as a whole deliver. |
# | Chief Product Officer | Answers for the company's entire portfolio and whether it keeps up with what customers need and what the business must grow into. |
#
# **Where the rungs differ.** This is the competency in which the ladder is easiest to
# see: one product, one area, several lines, everything. With each step the question moves
# from "is this product done well?" to "is this the right *set* of products?"

# %% kind="readonly" grade_id="scope-you"
connect("scope-management")

# %% [markdown] kind="readonly" grade_id="scope-task"
# ### Exercise 1 · Which rung is this? (2 points)
#
# Place each behaviour on the rung it describes best; each is graded on its own.

# %% kind="readonly" grade_id="scope-widget"
# the behaviours in your own order
shown = dict(shuffled(list(behaviours("scope-management").items()), "scope-rungs"))
scope = Matching(lesson, "scope-rungs", rows=shown, options=rung_menu())
scope

# %% kind="solution" grade_id="scope-code"
# Optional: answer in code instead: scope.value = {behaviour id: rung id}; rung ids: pm, director, vp, cpo
### BEGIN SOLUTION
scope.value = {"SC1": "cpo", "SC2": "pm", "SC3": "vp", "SC4": "director", "SC5": "pm"}
### END SOLUTION

# %% kind="tests" grade_id="scope-test" points=2
# Self-check: is every behaviour placed? (Which are right is graded after you submit.)
check_answered(scope, complete=list(behaviours("scope-management")))
### BEGIN HIDDEN TESTS
# graded from the saved answer: 10-competencies/scope-rungs
### END HIDDEN TESTS

# %% [markdown] kind="readonly" grade_id="influence-reading"
# ## 8 · Collaboration and influence
#
# **What it is.** Working well with the other functions (engineering, design, marketing,
# sales), with stakeholders and with executives, and changing what they decide without
# being able to order it. Influence is earned with evidence, trust and a proposal that
# serves the other side's goals too.
#
# | rung | what collaboration and influence look like |
# |---|---|
# | Product Manager | Coordinates engineering, design, marketing and sales so a product is built and launched as one effort; shapes decisions to keep everyone aligned on the product's goals. |
# | Director of Product | Works with every department that touches the area *and* with executive leadership; steers their decisions towards the area's goals and the business's. |
# | VP of Product | Builds strong relationships across departments, brings different views to a common product agenda, drives consensus and manages expectations. |
# | Chief Product Officer | Does the same with the other executives and with people outside the company, aligning everyone behind the company's product strategy. |
#
# **Where the rungs differ.** The circle widens: a product's team, then executives, then
# the whole company and its partners. The method stays the same: understand what the
# other side needs, put the trade-off on the table, and escalate only when the people who
# can settle it have really disagreed.

# %% kind="readonly" grade_id="influence-you"
connect("collaboration-influence")

# %% [markdown] kind="readonly" grade_id="influence-task"
# ### Exercise 2 · A promise you did not make (2 points)
#
# Choose the response you would give as Director. The strongest response earns both
# points; a defensible but weaker one earns one.

# %% kind="readonly" grade_id="influence-scenario"
influence_case = scenario("influence")
order = shuffled(list(influence_case.responses.items()), "influence")  # your own order
influence_case = replace(influence_case, responses=dict(order))
influence_case

# %% kind="readonly" grade_id="influence-widget"
influence_choice = Choice(lesson, "influence", influence_case.letters, prompt="Your response")
influence_choice

# %% kind="solution" grade_id="influence-code"
# Optional: answer in code instead: influence_choice.value = one of the letters A to D
### BEGIN SOLUTION
influence_choice.value = "D"
### END SOLUTION

# %% kind="tests" grade_id="influence-test" points=2
# Self-check: is a response chosen? (Graded after you submit.)
check_answered(influence_choice)
### BEGIN HIDDEN TESTS
# graded from the saved answer: 10-competencies/influence
### END HIDDEN TESTS

# %% [markdown] kind="readonly" grade_id="communication-reading"
# ## 9 · Communication
#
# **What it is.** Getting ideas across and bringing back what others think: explaining a
# vision, presenting a plan, telling bad news early, and fitting the message to the
# audience, from an engineer to the board.
#
# | rung | what communication looks like |
# |---|---|
# | Product Manager | Talks with executives, developers, designers and customers; explains the product vision, presents plans and collects feedback to keep everyone aligned. |
# | Director of Product | Explains the area's vision, strategy and goals to executives, stakeholders and teams, each in their terms, and wins their support. |
# | VP of Product | Presents persuasive product strategies at every level and turns technical matters into short, clear messages. |
# | Chief Product Officer | Carries the product vision to the executive team, stakeholders and the whole company, making complex ideas clear enough to win agreement everywhere. |
#
# **Where the rungs differ.** The audience grows and the message shrinks: the PM explains
# details to the people doing the work; the higher rungs must say more with less, to
# people with little time, and be believed. Bad news travels on every rung; the test is
# whether it arrives early, from you, with a plan.

# %% kind="readonly" grade_id="communication-you"
connect("communication")

# %% [markdown] kind="readonly" grade_id="communication-task"
# ### Exercise 3 · The launch slips (2 points)
#
# Choose the response you would give as the PM. The strongest response earns both points;
# a defensible but weaker one earns one.

# %% kind="readonly" grade_id="communication-scenario"
slip_case = scenario("slip")
order = shuffled(list(slip_case.responses.items()), "slip")  # your own order
slip_case = replace(slip_case, responses=dict(order))
slip_case

# %% kind="readonly" grade_id="communication-widget"
slip_choice = Choice(lesson, "slip", slip_case.letters, prompt="Your response")
slip_choice

# %% kind="solution" grade_id="communication-code"
# Optional: answer in code instead: slip_choice.value = one of the letters A to D
### BEGIN SOLUTION
slip_choice.value = "B"
### END SOLUTION

# %% kind="tests" grade_id="communication-test" points=2
# Self-check: is a response chosen? (Graded after you submit.)
check_answered(slip_choice)
### BEGIN HIDDEN TESTS
# graded from the saved answer: 10-competencies/slip
### END HIDDEN TESTS

# %% [markdown] kind="readonly" grade_id="outro-3"
# **Next:** lesson 4, *Market*: customer focus, domain knowledge and strategic
# partnerships.
