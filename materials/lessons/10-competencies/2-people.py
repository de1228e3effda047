# %% [markdown] kind="readonly" grade_id="intro"
# # Module 10 · Competencies across the ladder
#
# **Lesson 2 of 5: people.** Three competencies about the people around you and the
# person you are: **leadership**, **team management**, and **self-reflection and
# continuous learning**. Leadership is influence you earn; team management is the job of
# growing the people who report to you; self-reflection is turning the same honest eye on
# yourself.
#
# Run the cell below first. Your answers are saved as you go, in a small file beside this
# notebook; hand it in together with the notebook.

# %% kind="readonly" grade_id="setup-2"
from dataclasses import replace

import course
from course.feedback import check_answered
from course.track import behaviours, connect, rung_menu, scenario
from course.variants import shuffled
from course.widgets import Choice, Matching

lesson = course.start("10-competencies", "2-people")

# %% [markdown] kind="readonly" grade_id="leadership-reading"
# ## 4 · Leadership
#
# **What it is.** Guiding, motivating and developing the people you work with, so that
# they reach goals together they would not reach alone. It needs no title: a PM leads
# engineers and designers who report to someone else.
#
# | rung | what leadership looks like |
# |---|---|
# | Product Manager | Guides and mentors others in the product team, keeps them motivated, and gets the functions around the product working and talking together. |
# | Director of Product | Leads a group of product managers and specialists; gives them guidance and support and builds a culture of cooperation, innovation and high performance. |
# | VP of Product | Inspires the product organisation; builds a culture of cooperation, innovation and *accountability*, in which people can grow to their full potential. |
# | Chief Product Officer | Leads by example across the product organisation and the teams around it: gives strategic direction and mentoring to managers and directors, and sets the tone for creativity and performance. |
#
# **Where the rungs differ.** The PM leads *without authority*, through the work itself.
# The Director leads the managers who do that, and is judged by their results. From the VP
# up, leadership becomes the culture of the organisation: what it holds people accountable
# for, and who gets room to grow.

# %% kind="readonly" grade_id="leadership-you"
connect("leadership")

# %% [markdown] kind="readonly" grade_id="leadership-task"
# ### Exercise 1 · Which rung is this? (2 points)
#
# Place each behaviour on the rung it describes best; each is graded on its own.

# %% kind="readonly" grade_id="leadership-widget"
# the behaviours in your own order
shown = dict(shuffled(list(behaviours("leadership").items()), "leadership-rungs"))
leading = Matching(lesson, "leadership-rungs", rows=shown, options=rung_menu())
leading

# %% kind="solution" grade_id="leadership-code"
# Optional: answer in code instead: leading.value = {behaviour id: rung id}; rung ids: pm, director, vp, cpo
### BEGIN SOLUTION
leading.value = {"LE1": "cpo", "LE2": "pm", "LE3": "vp", "LE4": "director", "LE5": "pm"}
### END SOLUTION

# %% kind="tests" grade_id="leadership-test" points=2
# Self-check: is every behaviour placed? (Which are right is graded after you submit.)
check_answered(leading, complete=list(behaviours("leadership")))
### BEGIN HIDDEN TESTS
# graded from the saved answer: 10-competencies/leadership-rungs
### END HIDDEN TESTS

# %% [markdown] kind="readonly" grade_id="team-reading"
# ## 5 · Team management
#
# **What it is.** Running a team of people who report to you: hiring, guiding, giving
# feedback, developing their careers, and making sure the team delivers. Where leadership
# is about influence, team management is about responsibility for people.
#
# | rung | what team management looks like |
# |---|---|
# | Product Manager | Often looks after a few product specialists or associates: guides and supports them, helps them grow and makes sure their work lands. |
# | Director of Product | Manages and develops a team of product managers and answers for how well they execute. |
# | VP of Product | Manages and mentors product managers and directors; builds a motivated, high-performing team and grows the *next* product leaders; values diversity, cooperation and learning. |
# | Chief Product Officer | Manages and mentors the whole product leadership (managers, directors and others), offers development paths and keeps the culture inclusive and high-performing. |
#
# **Where the rungs differ.** A PM manages a few people, if any. The Director is the first
# rung where managing product managers *is* the job. From the VP up, the measure is the
# bench: whether the organisation produces people ready for the next rung, which means
# the leader develops *managers who develop people*, not the people directly.

# %% kind="readonly" grade_id="team-you"
connect("team-management")

# %% [markdown] kind="readonly" grade_id="team-task"
# ### Exercise 2 · A team that delivers but does not grow (2 points)
#
# Choose the response you would give as VP. The strongest response earns both points; a
# defensible but weaker one earns one.

# %% kind="readonly" grade_id="team-scenario"
team_case = scenario("team-growth")
order = shuffled(list(team_case.responses.items()), "team-growth")  # your own order
team_case = replace(team_case, responses=dict(order))
team_case

# %% kind="readonly" grade_id="team-widget"
team_choice = Choice(lesson, "team-growth", team_case.letters, prompt="Your response")
team_choice

# %% kind="solution" grade_id="team-code"
# Optional: answer in code instead: team_choice.value = one of the letters A to D
### BEGIN SOLUTION
team_choice.value = "D"
### END SOLUTION

# %% kind="tests" grade_id="team-test" points=2
# Self-check: is a response chosen? (Graded after you submit.)
check_answered(team_choice)
### BEGIN HIDDEN TESTS
# graded from the saved answer: 10-competencies/team-growth
### END HIDDEN TESTS

# %% [markdown] kind="readonly" grade_id="reflection-reading"
# ## 6 · Self-reflection and continuous learning
#
# **What it is.** Knowing your own strengths and weak spots, checking that picture against
# what others see, and going out of your way to learn: courses, conferences, mentors,
# stretch assignments. The field moves; what got you to this rung will not carry you to
# the next.
#
# | rung | what self-reflection and learning look like |
# |---|---|
# | Product Manager | Regularly takes stock of strengths, weaknesses and room to grow; learns through programmes, conferences and mentors. |
# | Director of Product | The source's Director item is *continuous learning and industry knowledge*: keeping up with industry trends, new technology and good practice through conferences, networks and courses. It says nothing separate about self-reflection. |
# | VP of Product | Reflects on strengths and weaknesses, learns for life, and *builds a learning culture* in the teams. |
# | Chief Product Officer | The same personal discipline, plus a learning culture across the product organisation that keeps everyone near the front of the field. |
#
# **Where the rungs differ.** At PM level this is private discipline. The Director's item
# leans outward, to the industry (which is why the Director's list has no domain-knowledge
# item of its own; see lesson 4). From the VP up, the leader's own learning becomes an
# example and a system: how the organisation reviews failures and shares what it learns.
# Higher rungs also hear less honest feedback, so they have to ask for it on purpose.

# %% kind="readonly" grade_id="reflection-you"
connect("self-reflection-learning")

# %% [markdown] kind="readonly" grade_id="reflection-task"
# ### Exercise 3 · What the 360 says (2 points)
#
# Choose the response you would give as the new Director. The strongest response earns
# both points; a defensible but weaker one earns one.

# %% kind="readonly" grade_id="reflection-scenario"
review_case = scenario("feedback-response")
order = shuffled(list(review_case.responses.items()), "feedback-response")  # your own order
review_case = replace(review_case, responses=dict(order))
review_case

# %% kind="readonly" grade_id="reflection-widget"
review_choice = Choice(lesson, "feedback-response", review_case.letters,
                       prompt="Your response")
review_choice

# %% kind="solution" grade_id="reflection-code"
# Optional: answer in code instead: review_choice.value = one of the letters A to D
### BEGIN SOLUTION
review_choice.value = "A"
### END SOLUTION

# %% kind="tests" grade_id="reflection-test" points=2
# Self-check: is a response chosen? (Graded after you submit.)
check_answered(review_choice)
### BEGIN HIDDEN TESTS
# graded from the saved answer: 10-competencies/feedback-response
### END HIDDEN TESTS

# %% [markdown] kind="readonly" grade_id="outro-2"
# **Next:** lesson 3, *Reach*: scope management, collaboration and influence, and
# communication.
