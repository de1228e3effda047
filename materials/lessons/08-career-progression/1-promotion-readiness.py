# %% [markdown] kind="readonly" grade_id="intro"
# # Module 08 · Career progression
#
# **Lesson 1 of 2: promotion readiness.** How to plan a product career over years rather
# than jobs, what the fifteen criteria for evaluating and promoting product people are, and
# how the same criterion asks for more at each level. Then you sit on a promotion panel
# and judge six candidates.
#
# Run the cell below first. Your answers are saved as you go, in a small file beside this
# notebook; hand it in together with the notebook.

# %% kind="readonly" grade_id="setup-1"
import course
from course.career import check_id_lists, check_meets
from course.data import load
from course.feedback import check_answered
from course.roles import COMPETENCY_IDS, competencies, profiles, roles
from course.tables import styled
from course.variants import shuffled
from course.widgets import Matching

lesson = course.start("08-career-progression", "1-promotion-readiness")

# %% [markdown] kind="readonly"
# ## Playing the long game
#
# Careers that reach the top of the ladder are rarely accidents. They rest on four habits
# that reinforce each other:
#
# 1. **Picture where you want to be.** Not a title, but a kind of work: how much
#    responsibility, how wide an influence, which industry, what difference you want to
#    make. That picture is the compass for every smaller choice.
# 2. **Know yourself.** Your strengths and weak spots, what interests you, what you value and
#    what drives you. Choices that fit them are the ones you keep making well.
# 3. **Keep learning.** Formal study, certifications, a mentor, or a stretch assignment: the
#    field moves, and the skills the next level asks for are learned *before* the promotion,
#    not after it.
# 4. **Act, and check again.** Review your goals regularly, make deliberate choices, and go
#    after the opportunities that match them instead of waiting to be noticed.
#
# ### What changes when you move up
#
# The career guide names four abilities that every step above PM asks for more of,
# whatever the title:
#
# - **Deciding with less information.** A PM can often wait for one more test; a Director
#   or VP decides on partial evidence, says what would change the call, and revisits it.
#   Practise by writing down your decision *and* its assumptions before the data is
#   complete, then checking later how you did.
# - **Delegating well.** The work you were praised for becomes someone else's. Delegating
#   means handing over the outcome and the context, not only the task, and resisting taking
#   it back when it goes differently than you would have done it.
# - **Building trust and collaboration across teams.** Higher levels get things done
#   through departments they do not run; trust is what lets a request from you be acted on
#   without a meeting.
# - **Thinking strategically**: placing each decision in the company's longer plan.
#
# Module 02's Senior PM exercises and module 03's allocation put the first two into
# practice; lesson 2 of this module turns them into a plan.
#
# ### Titles are a poor map
#
# Companies name their levels differently. A "Senior PM" at one company does the work of a
# "Group PM" or even a "Director" at another; a "Head of Product" may run five people or
# five hundred. So judge a role by its **responsibilities and the skills it demands**, not
# by its title, and research how each company you consider defines the job. Skills you can
# carry from one company to the next are worth more than a title you cannot.
#
# ### Two ways up
#
# The management ladder runs PM → Senior PM → Director → Senior Director → Head of Product →
# VP → CPO. Beside it runs an individual-contributor track whose summit is the
# **Distinguished Product Manager**: a person who shapes strategy, innovation and the
# product discipline itself through expertise, leading diverse teams and mentoring,
# rather than by running a department (the track is the course's framing; module 06). People usually reach it from PM or Senior PM after years of high-impact launches, a
# record of mentoring others, and a firm command of business metrics.
#
# The step to **Director** is usually prepared by several years as a PM, by taking on
# accountability and mentoring before the title arrives, by learning the business side
# (finance, planning, analytics) and by a network of mentors who have made the step. It is
# a step worth planning for: a vendor's article on the role puts a Director of Product
# Management at 177,222 USD on average, plus a cash bonus of 40,401 (217,623 in total).

# %% [markdown] kind="readonly"
# ## The fifteen criteria
#
# The career guide lists fifteen evaluation and promotion criteria. What changes from level
# to level is **how much** of each is expected, and, for two levels, **whether** it is
# described at all:
#
# | level | criteria the guide describes |
# |---|---|
# | PM | 14 |
# | Director | 14 |
# | VP | 15 |
# | CPO | 15 |
#
# Which ones are missing you will find yourself in the table below (Exercise 1). A
# promotion case should respect the gaps: a candidate is not judged on a criterion the guide
# never asks of their level, and a criterion the guide folds into another shows through
# that other one rather than as a line of its own.

# %% kind="readonly" grade_id="criteria-table"
criteria = competencies()
styled(criteria[["name", "criterion"]], {"name": "Competency"})

# %% [markdown] kind="readonly"
# The next table says, criterion by criterion, what a PM, a Director, a VP and a CPO are
# expected to show. Read across a row: the scope widens from one product to an area, to the
# portfolio, to the company, and the work shifts from doing to deciding to setting the
# culture in which others decide.

# %% kind="readonly" grade_id="levels-table"
styled(criteria[["pm", "director", "vp", "cpo"]],
       {"pm": "Product Manager", "director": "Director", "vp": "VP", "cpo": "CPO"})

# %% [markdown] kind="readonly" grade_id="left-out-task"
# ## Exercise 1 · What each level is described on (2 points)
#
# Where the guide gives a level no description of a criterion, the table's cell says so in
# words that begin with **"Not"**. Build `left_out`: a dictionary with the keys `"pm"`,
# `"director"`, `"vp"` and `"cpo"`, each holding the list of competency ids (the table's
# index) the guide leaves out for that level; an empty list where none is left out. Each
# level is graded on its own.

# %% kind="solution" grade_id="left-out-code"
### BEGIN SOLUTION
left_out = {level: [c for c in criteria.index if criteria.loc[c, level].startswith("Not")]
            for level in ["pm", "director", "vp", "cpo"]}
### END SOLUTION

# %% kind="tests" grade_id="left-out-test" points=2
# Self-check: four levels, each a list of competency ids. (Which ids are right is graded after you submit.)
check_id_lists(globals().get("left_out"), ["pm", "director", "vp", "cpo"], COMPETENCY_IDS,
            name="left_out")
### BEGIN HIDDEN TESTS
from course.report import report
report("08-career-progression/criteria-left-out", globals().get("left_out"))
### END HIDDEN TESTS

# %% [markdown] kind="readonly"
# ## Role profiles
#
# To compare people with a level, the course turns these descriptions into a **profile**:
# the rating each role expects on each criterion, on a 1–5 scale.
#
# | rating | meaning |
# |---|---|
# | 1 | aware of it |
# | 2 | practises it with help |
# | 3 | does it independently for one product |
# | 4 | leads it across several products or teams |
# | 5 | sets the standard for the whole organisation |
#
# The numbers are the course's reading of the descriptions above (the sources describe
# the levels in words, not numbers). Two cells are **estimates with no description behind
# them**: the PM's strategic partnerships and the Director's domain knowledge. They are
# kept so that the gaps can be computed across all fifteen, but treat them as the course's
# guess, and check the words before you argue from them. Note also how the Distinguished
# PM expects top marks on strategy and vision and less on managing a team: the source has
# them lead and mentor teams, not run a department.

# %% kind="readonly" grade_id="profiles-table"
targets = profiles()
styled(targets.rename(index=roles()["name"]), criteria["name"].to_dict(),
       caption="Expected rating, 1 (aware of it) to 5 (sets the standard)")

# %% [markdown] kind="readonly"
# ## How a promotion panel decides
#
# A panel of three raters (the candidate's manager, a peer and a skip-level leader) rates
# the candidate on each criterion, 1–5. The panel uses the **median** of the three ratings
# for each criterion, so a single generous or harsh rater cannot tip the result. Then:
#
# - A criterion is **met** when the median reaches the rating the **target** role expects.
# - The **step-up criteria** are those where the target role expects more than the
#   candidate's current role. They are what the promotion is about.
# - A candidate is **ready** when every step-up criterion is met and no criterion falls
#   short of the target by more than one point. Otherwise the decision is **not yet**,
#   which comes with a development plan, not a rejection.

# %% [markdown] kind="readonly" grade_id="panel-intro"
# ## Exercise 2 · Which criteria does each candidate meet? (3 points)
#
# Here are the six candidates and the panel's ratings (one row per candidate, criterion and
# rater). The candidates are the same for everybody; the ratings are your own scenario.

# %% kind="readonly" grade_id="panel-data"
candidates = load("m08_candidates")
panel = load("m08_panel")
display(styled(candidates[["name", "current_role", "target_role", "story"]]))
styled(panel.head(), {"rating": "Rating (1-5)"})

# %% [markdown] kind="readonly" grade_id="panel-task"
# Build `meets`: a DataFrame with one row per candidate id (`C1` ... `C6`) and one column
# per competency id (in the order of `COMPETENCY_IDS`), holding `True` where the median of
# the panel's ratings reaches the target role's rating in `targets`, else `False`. Each
# criterion of each candidate is graded on its own.

# %% kind="solution" grade_id="panel-code"
### BEGIN SOLUTION
median = panel.groupby(["candidate", "competency"])["rating"].median().unstack()
median = median.loc[candidates.index, list(COMPETENCY_IDS)]
expected = targets.loc[candidates["target_role"]].set_axis(candidates.index)
meets = median >= expected
### END SOLUTION

# %% kind="tests" grade_id="readiness-criteria-test" points=3
# Self-check: a True/False table of the right shape? (Which cells are right is graded after you submit.)
check_meets(globals().get("meets"), list(candidates.index))
### BEGIN HIDDEN TESTS
from course.report import report
report("08-career-progression/readiness-criteria", globals().get("meets"))
### END HIDDEN TESTS

# %% [markdown]
# Use this cell to look at the step-up criteria and the shortfalls (not graded). For
# example, `targets.loc["director"] > targets.loc["senior_pm"]` shows what the step from
# Senior PM to Director is about.

# %%
# Your exploration here (not graded).

# %% [markdown] kind="readonly" grade_id="decision-intro"
# ## Exercise 3 · The panel's decision (2 points)
#
# Apply the panel's rule to each candidate: **ready**, or **not yet**?

# %% kind="readonly" grade_id="decision-widget"
labels = {c: f"{row['name']}: {row['current_role']} → {row['target_role']}"
          for c, row in candidates.iterrows()}
labels = dict(shuffled(list(labels.items()), "readiness-decision"))  # your own order
verdicts = Matching(lesson, "readiness-decision", rows=labels,
                    options={"ready": "ready", "not-yet": "not yet"})
verdicts

# %% kind="solution" grade_id="decision-code"
# Optional: answer in code instead, e.g. verdicts.value = {"C1": "ready"}
### BEGIN SOLUTION
current = targets.loc[candidates["current_role"]].set_axis(candidates.index)
step_up = expected > current
short_by = expected - median
verdicts.value = {
    c: "ready" if bool(meets.loc[c][step_up.loc[c]].all() and (short_by.loc[c] <= 1).all())
    else "not-yet"
    for c in candidates.index
}
### END SOLUTION

# %% kind="tests" grade_id="readiness-decision-test" points=2
check_answered(verdicts, complete=list(candidates.index))
### BEGIN HIDDEN TESTS
# graded from the saved answer: 08-career-progression/readiness-decision
### END HIDDEN TESTS

# %% [markdown] kind="readonly" grade_id="outro-1"
# **Next:** lesson 2, *Your gap and your plan*, turns the same method on you: your ratings
# against a role you aim for, and a plan to close the gap.

# %% [markdown] kind="readonly" grade_id="career-08-1"
# ## What this means for your career
#
# Promotion panels judge step-up criteria first. Whatever rung you aim for, find out
# what the target profile asks beyond your current one, collect evidence on those criteria,
# and remember that a "not yet" comes with a plan: it is a step on the ladder, not a
# verdict on you.
