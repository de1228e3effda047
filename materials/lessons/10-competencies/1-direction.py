# %% [markdown] kind="readonly" grade_id="intro"
# # Module 10 · Competencies across the ladder
#
# **Lesson 1 of 5: direction.** Modules 00-09 walk up the ladder role by role. This module
# turns the table the other way: it takes the fifteen criteria that product teams use to
# evaluate and promote people, one at a time, and shows how each one looks for a Product
# Manager, a Director of Product, a VP of Product and a Chief Product Officer.
#
# This lesson covers the three competencies that set direction: **strategic thinking**,
# **vision and innovation** and **decision-making**. For each you get
#
# - a reading: what the competency is and how each rung shows it, side by side;
# - the link to you: your own module 00 self-rating (when you have saved one in the
#   folder next to this one), what the next rung asks, and where modules 00-09 train it;
# - a graded exercise that trains it.
#
# Run the cell below first. Your answers are saved as you go, in a small file beside this
# notebook; hand it in together with the notebook.

# %% kind="readonly" grade_id="setup-1"
from dataclasses import replace

import course
from course.feedback import check_answered
from course.track import behaviours, connect, rung_menu, scenario
from course.variants import shuffled
from course.widgets import Choice, Matching

lesson = course.start("10-competencies", "1-direction")

# %% [markdown] kind="readonly"
# ## How to read the rungs
#
# The source article describes the fifteen criteria once for each of four rungs. Reading a
# row of this module's tables from left to right, three things grow at every step:
#
# - **reach**: one product or feature, then an area or division, then several product lines
#   or the portfolio, then the whole company;
# - **time horizon**: this quarter's release, a roadmap of a year or more, several years;
# - **how the work is done**: doing it yourself, then steering people who do it, then
#   building the culture in which everybody does it without being asked.
#
# The rungs in between (Senior PM, Senior Director, Head of Product) sit between their
# neighbours, and every company draws the lines a little differently. Each section closes
# with the course's role profile: the rating, from 1 (aware of it) to 5 (sets the standard
# for the whole organisation), that each rung is expected to show.

# %% [markdown] kind="readonly" grade_id="strategy-reading"
# ## 1 · Strategic thinking
#
# **What it is.** Knowing where the product should go and why, and connecting every
# initiative to a goal the business cares about. It rests on a clear view of the market,
# the customers and the competition, and it shows in choices: what the product will do,
# and just as much what it will not.
#
# | rung | what strategic thinking looks like |
# |---|---|
# | Product Manager | Ties the plans of one product to company goals; reads the market, customers and rivals well enough to shape a strategy for that product that brings growth. |
# | Director of Product | Owns the product strategy of a whole area or division and turns it into roadmaps that run a year or more; makes the strategic calls for that area. |
# | VP of Product | Sets the product vision and strategy for the product organisation and keeps it in line with company goals; sees industry shifts and new openings early. |
# | Chief Product Officer | Sets the vision, strategy and direction for every product of the company and turns them into a durable edge over competitors. |
#
# **Where the rungs differ.** The PM contributes to strategy but spends most of the time
# delivering inside a given scope; the Director is the first rung that *owns* a strategy,
# for an area. The VP and the CPO both "set the vision": the VP for the product lines in
# their care, with an eye on where the industry is going, the CPO for the company, as one
# of the people deciding where it competes at all.

# %% kind="readonly" grade_id="strategy-you"
connect("strategic-thinking")

# %% [markdown] kind="readonly" grade_id="strategy-task"
# ### Exercise 1 · Which rung is this? (2 points)
#
# Six things people were seen doing. Place each on the rung whose description it matches
# best. Each behaviour is graded on its own. Ask yourself how far its reach goes and how
# far ahead it looks.

# %% kind="readonly" grade_id="strategy-widget"
# the behaviours in your own order
shown = dict(shuffled(list(behaviours("strategic-thinking").items()), "strategy-rungs"))
strategy = Matching(lesson, "strategy-rungs", rows=shown, options=rung_menu())
strategy

# %% kind="solution" grade_id="strategy-code"
# Optional: answer in code instead: strategy.value = {behaviour id: rung id}; rung ids: pm, director, vp, cpo
### BEGIN SOLUTION
strategy.value = {"ST1": "pm", "ST2": "cpo", "ST3": "director", "ST4": "vp", "ST5": "pm",
                  "ST6": "director"}
### END SOLUTION

# %% kind="tests" grade_id="strategy-test" points=2
# Self-check: is every behaviour placed? (Which are right is graded after you submit.)
check_answered(strategy, complete=list(behaviours("strategic-thinking")))
### BEGIN HIDDEN TESTS
# graded from the saved answer: 10-competencies/strategy-rungs
### END HIDDEN TESTS

# %% [markdown] kind="readonly" grade_id="vision-reading"
# ## 2 · Vision and innovation
#
# **What it is.** A picture of where the product is heading that people can rally behind,
# and the habit of finding new value: improvements, new features, new markets, new
# technology. At the top it also means shaping the *product culture*: whether people are
# allowed to try things, and how failure is treated.
#
# | rung | what vision and innovation look like |
# |---|---|
# | Product Manager | Holds a clear vision for one product, informed by market trends, customer needs and new technology; finds improvements, features or new markets for it without drifting from the company's direction. |
# | Director of Product | Helps shape the company's product vision and direction, not only the vision of one small part of a product. |
# | VP of Product | Sets the overall product vision; looks for ways to stand out or to disrupt; champions creativity, exploration and experiments across the product organisation. |
# | Chief Product Officer | The driver of innovation for the company: shapes its product culture, spots disruptive technologies and trends, and pushes teams past the status quo. |
#
# **Where the rungs differ.** The source says little about the Director here, only that
# the Director's influence on vision reaches past one product. The real jump is between
# *having* ideas (PM) and *making room* for them (VP: experiments, permission to fail;
# CPO: a company culture in which that is normal).

# %% kind="readonly" grade_id="vision-you"
connect("vision-innovation")

# %% [markdown] kind="readonly" grade_id="vision-task"
# ### Exercise 2 · Which rung is this? (2 points)
#
# Place each behaviour on the rung it describes best; each is graded on its own.

# %% kind="readonly" grade_id="vision-widget"
# the behaviours in your own order
shown = dict(shuffled(list(behaviours("vision-innovation").items()), "vision-rungs"))
vision = Matching(lesson, "vision-rungs", rows=shown, options=rung_menu())
vision

# %% kind="solution" grade_id="vision-code"
# Optional: answer in code instead: vision.value = {behaviour id: rung id}; rung ids: pm, director, vp, cpo
### BEGIN SOLUTION
vision.value = {"VI1": "cpo", "VI2": "pm", "VI3": "vp", "VI4": "director", "VI5": "pm"}
### END SOLUTION

# %% kind="tests" grade_id="vision-test" points=2
# Self-check: is every behaviour placed? (Which are right is graded after you submit.)
check_answered(vision, complete=list(behaviours("vision-innovation")))
### BEGIN HIDDEN TESTS
# graded from the saved answer: 10-competencies/vision-rungs
### END HIDDEN TESTS

# %% [markdown] kind="readonly" grade_id="decision-reading"
# ## 3 · Decision-making
#
# **What it is.** Choosing where people, money and time go, which bets to back and which
# long-term direction to take, using data, market insight and what customers say. As the
# rungs rise, the decisions get bigger, harder to reverse and are taken with *less*
# information: nobody waits for certainty at the top.
#
# | rung | what decision-making looks like |
# |---|---|
# | Product Manager | Decides what gets built next for one product, how its resources are used and where it heads, from data, market insight and feedback. |
# | Director of Product | Makes the critical calls on resources, investments and the long-term vision of an area, in line with the company strategy. |
# | VP of Product | Takes high-level decisions on resources, investments and direction across product lines, weighing complex trade-offs; the decisions move the company's growth. |
# | Chief Product Officer | Takes the same kinds of decisions for the whole company, weighing market, customers and business goals against each other. |
#
# **Where the rungs differ.** The *kind* of decision is the same on every rung
# (allocation, investment, direction); what changes is how much rides on it, how many
# trade-offs it has to weigh and how complete the data is when it must be taken. A good
# decision under uncertainty is explicit about what would change it and, where it can be,
# reversible.

# %% kind="readonly" grade_id="decision-you"
connect("decision-making")

# %% [markdown] kind="readonly" grade_id="decision-task"
# ### Exercise 3 · Deciding without all the data (2 points)
#
# Read the situation and choose the response you would give, at the Director's rung. The
# strongest response earns both points; a defensible but weaker one earns one.

# %% kind="readonly" grade_id="decision-scenario"
situation = scenario("incomplete-data")
order = shuffled(list(situation.responses.items()), "incomplete-data")  # your own order
situation = replace(situation, responses=dict(order))
situation

# %% kind="readonly" grade_id="decision-widget"
decision = Choice(lesson, "incomplete-data", situation.letters, prompt="Your response")
decision

# %% kind="solution" grade_id="decision-code"
# Optional: answer in code instead: decision.value = one of the letters A to D
### BEGIN SOLUTION
decision.value = "C"
### END SOLUTION

# %% kind="tests" grade_id="decision-test" points=2
# Self-check: is a response chosen? (Graded after you submit.)
check_answered(decision)
### BEGIN HIDDEN TESTS
# graded from the saved answer: 10-competencies/incomplete-data
### END HIDDEN TESTS

# %% [markdown] kind="readonly" grade_id="outro-1"
# **Next:** lesson 2, *People*: leadership, team management, and self-reflection and
# continuous learning.
