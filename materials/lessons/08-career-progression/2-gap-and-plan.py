# %% [markdown] kind="readonly" grade_id="intro"
# # Module 08 · Career progression
#
# **Lesson 2 of 2: your gap and your plan.** First you read one Senior PM's gap to Director
# the way a promotion panel would: which gaps block, which are tolerated, and what plan
# would convince. Then you rate yourself on the fifteen criteria (or start from the
# self-assessment you made in module 00), pick a role you aim for, measure your own gap, see
# it on a radar chart and write a development plan that closes the largest gaps.
#
# Run the cell below first. Your answers are saved as you go, in a small file beside this
# notebook; hand it in together with the notebook.

# %% kind="readonly" grade_id="setup-2"
import pandas as pd

import course
from course.career import (check_case, check_case_plan, check_gap, check_plan, check_rated,
                           role_options)
from course.data import load
from course.feedback import check_answered
from course.plots import radar_chart
from course.roles import COMPETENCY_IDS, competency_names, find_baseline, profile
from course.tables import styled
from course.widgets import Choice, CompetencyRatings

lesson = course.start("08-career-progression", "2-gap-and-plan")

# %% [markdown] kind="readonly"
# ## Be honest, then be specific
#
# A self-assessment is only useful if it is honest: rate what you *do* today, with evidence
# you could show a promotion panel, not what you could do on a good day. Use the same 1–5
# scale as the role profiles (1 aware of it, 2 practises it with help, 3 does it
# independently for one product, 4 leads it across several products or teams, 5 sets the
# standard for the whole organisation).
#
# The **gap** on a criterion is the target role's rating minus yours. A positive gap is
# room to grow; zero or negative means you already show what the role asks. Close the
# **largest** gaps first: they are the ones a panel would see.
#
# A development plan then takes one action per top gap. Each action must be
# **measurable** (what you will count, and the target: "run 3 roadmap reviews with the
# sales lead", not "get better at influence") and **dated** (a deadline you can check,
# written YYYY-MM-DD). Plans without numbers and dates are wishes.

# %% [markdown] kind="readonly" grade_id="case-intro"
# ## A gap read the way a panel reads it
#
# Before you turn to yourself, practise on someone else. **Noor** is a Senior PM who wants
# to become a Director. Her manager rated her on the fifteen criteria and wrote one line of
# evidence for each rating. The ratings are your own scenario: every learner gets a Noor
# rated a little differently. Not every gap matters equally for a promotion case. Lesson 1's
# panel rule sorts them:
#
# - **Step-up criteria** are those where the Director profile asks more than the Senior PM
#   profile (`profile("director") > profile("senior_pm")`). A step-up criterion with a gap
#   is a **blocker**: the case fails until it is closed, whatever its size.
# - Any criterion more than **one point** short also blocks.
# - A gap of exactly one on a criterion that is *not* a step-up is **tolerated**: the panel
#   notes it, but it does not stop the promotion on its own.
# - The **top gaps** are the largest positive gaps (at most three; on a tie, the one that
#   comes first in `COMPETENCY_IDS` goes first). They are where the plan starts, because
#   they are what a panel sees first.
#
# A good promotion case therefore names the blockers, shows a plan that closes them with
# evidence a panel can check, and does not waste the candidate's year on gaps that are
# tolerated.

# %% kind="readonly" grade_id="case-data"
noor = load("m08_case")
styled(noor.assign(director=profile("director"), senior_pm=profile("senior_pm")),
       {"rating": "Noor's rating (1-5)", "evidence": "Evidence",
        "director": "Director profile (1-5)", "senior_pm": "Senior PM profile (1-5)"},
       digits=0, caption="Noor's promotion case, competency by competency")

# %% [markdown] kind="readonly" grade_id="case-task"
# ## Exercise 1 · Noor's promotion case (4 points)
#
# Build `case`, a dictionary with four entries (each graded on its own):
#
# - `"top_gaps"`: the list of her (at most three) top gaps against the Director profile;
# - `"blockers"`: the list of criteria that block the promotion (step-up criteria with a
#   gap, and any criterion more than one point short);
# - `"tolerated"`: the list of criteria with a positive gap that do not block;
# - `"verdict"`: `"ready"` or `"not-yet"` under lesson 1's rule.
#
# Lists are compared as sets of competency ids: their order does not matter.

# %% kind="solution" grade_id="case-code"
### BEGIN SOLUTION
noor_gap = profile("director") - noor["rating"]
step_up = profile("director") > profile("senior_pm")
short = noor_gap[noor_gap > 0]
blocking = [c for c in short.index if step_up[c] or short[c] > 1]
case = {
    "top_gaps": list(short.sort_values(ascending=False, kind="stable").index[:3]),
    "blockers": blocking,
    "tolerated": [c for c in short.index if c not in blocking],
    "verdict": "not-yet" if blocking else "ready",
}
### END SOLUTION

# %% kind="tests" grade_id="case-test" points=4
# Self-check: four entries of the right kinds. (Which ids are right is graded after you submit.)
check_case(globals().get("case"))
### BEGIN HIDDEN TESTS
from course.report import report
report("08-career-progression/promotion-case", globals().get("case"))
### END HIDDEN TESTS

# %% [markdown] kind="readonly" grade_id="case-plan-intro"
# ## Exercise 2 · A plan a panel would accept (4 points)
#
# Write `noor_plan`: a list with **exactly one action for each of Noor's top gaps**, plus
# one for **any blocker that is not a top gap** (a panel will not pass her with a blocker
# left open), each a dict with:
#
# - `"competency"`: the competency id;
# - `"action"`: what she will do;
# - `"evidence"`: the evidence a panel will be able to check when it is done, **with a
#   number** (what is counted and the target: "owns a 400k budget for two quarters", "2
#   business cases approved by finance", not "better at business");
# - `"due"`: the deadline, `"YYYY-MM-DD"`.
#
# Graded automatically: a quarter of the points each for covering the top gaps (exactly one
# action each), actions with numeric evidence, actions with a date, and covering **every
# blocker** with an action whose evidence is numeric. Read her evidence lines first: the
# best actions start from what she already does. (Whether the actions would really
# convince a panel is a judgement; your own plan below is reviewed by hand for it.)

# %% kind="solution" grade_id="case-plan-code"
### BEGIN SOLUTION
moves = {
    "team-management": ("Take over line management of the two associate PMs",
                        "2 direct reports with growth plans reviewed by HR"),
    "business-acumen": ("Own the analytics products' budget and write next year's case",
                        "1 business case approved by finance; budget within 5% for 2 quarters"),
    "leadership": ("Lead the squad through the platform migration",
                   "1 migration delivered; team engagement score of 4 or more"),
    "strategic-partnerships": ("Lead the renewal talks with the data-warehouse partner",
                               "1 renewal signed; 2 joint roadmap reviews held"),
}
needed = list(case["top_gaps"]) + [c for c in case["blockers"] if c not in case["top_gaps"]]
other = ("Lead one cross-team project that puts this criterion to work",
         "2 outcomes signed off by her director")
noor_plan = [{"competency": c, "action": moves.get(c, other)[0],
              "evidence": moves.get(c, other)[1], "due": "2027-09-30"} for c in needed]
### END SOLUTION

# %% kind="tests" grade_id="case-plan-test" points=4
check_case_plan(globals().get("noor_plan"))
### BEGIN HIDDEN TESTS
from course.report import report
report("08-career-progression/promotion-plan", globals().get("noor_plan"))
### END HIDDEN TESTS

# %% [markdown] kind="readonly" grade_id="ratings-intro"
# ## Step 1 · Rate yourself
#
# If you made the self-assessment of module 00 in the folder next to this one, its ratings
# appear below: adjust any that changed, or press **Keep these ratings**. Otherwise rate
# every line. Your ratings are not graded: they are the input of the next exercises.

# %% kind="readonly" grade_id="ratings-widget"
baseline = find_baseline()
for note in baseline.notes:
    print(note)
ratings = CompetencyRatings(lesson, "self-ratings", start=baseline.ratings)
ratings

# %% [markdown] kind="readonly" grade_id="target-intro"
# ## Step 2 · Choose the role you aim for

# %% kind="readonly" grade_id="target-widget"
target_role = Choice(lesson, "target-role", role_options())
target_role

# %% kind="solution" grade_id="inputs-code"
# Optional: set your ratings and target in code instead, for example
# ratings.value = {"strategic-thinking": 3, "leadership": 2, ...}; target_role.value = "director"
### BEGIN SOLUTION
ratings.value = {
    "strategic-thinking": 3, "leadership": 2, "scope-management": 3,
    "collaboration-influence": 4, "vision-innovation": 3, "team-management": 2,
    "decision-making": 3, "communication": 4, "customer-focus": 5,
    "adaptability-resilience": 4, "data-analysis": 4, "business-acumen": 2,
    "domain-knowledge": 4, "strategic-partnerships": 2, "self-reflection-learning": 4,
}
target_role.value = "director"
### END SOLUTION

# %% kind="readonly" grade_id="inputs-check"
check_rated(ratings)
check_answered(target_role, graded=False)

# %% [markdown] kind="readonly" grade_id="gap-intro"
# ## Exercise 3 · Measure your gap (2 points)
#
# `profile(role)` returns a role's expected rating on each competency (a Series indexed by
# competency id) and `ratings.value` holds your saved ratings (a dict). Build `gap`: a
# pandas Series indexed by the fifteen competency ids, holding the target role's rating
# minus yours. It is graded against your own saved ratings and target role.

# %% kind="solution" grade_id="gap-code"
### BEGIN SOLUTION
mine = pd.Series(ratings.value)[list(COMPETENCY_IDS)]
gap = profile(target_role.value) - mine
### END SOLUTION

# %% kind="tests" grade_id="competency-gap-test" points=2
check_gap(globals().get("gap"), ratings, target_role)
### BEGIN HIDDEN TESTS
from course.report import report
report("08-career-progression/competency-gap",
       {"gap": globals().get("gap"), "ratings": ratings.value, "role": target_role.value})
### END HIDDEN TESTS

# %% [markdown]
# Your profile against the role's (run after rating yourself and choosing a role):

# %%
if ratings.value and target_role.value:
    display(radar_chart(ratings.value, labels=competency_names(),
                        compare=profile(target_role.value).to_dict(),
                        compare_label=role_options()[target_role.value], value_label="you",
                        title="Your ratings against the role you aim for"))

# %% [markdown] kind="readonly" grade_id="plan-intro"
# ## Exercise 4 · Your development plan (3 points for its structure)
#
# Find your **top gaps**: the (at most) three competencies with the largest positive gap;
# on a tie, the one that comes first in `COMPETENCY_IDS` goes first. Then write `plan`, a
# list with **exactly one action per top gap**, each a dict with:
#
# - `"competency"`: the competency id,
# - `"action"`: what you will do,
# - `"measure"`: how you will know, with a number (what you count and the target),
# - `"due"`: the deadline, as a date `"YYYY-MM-DD"`.
#
# The structure is graded automatically (one action per top gap, measurable, dated, a
# third of the points each); the content is reviewed by hand in the next cell.

# %% kind="solution" grade_id="plan-code"
### BEGIN SOLUTION
top_gaps = list(gap[gap > 0].sort_values(ascending=False, kind="stable").index[:3])
ideas = {
    "leadership": ("Mentor a new PM through their first release", "4 monthly sessions held"),
    "team-management": ("Run the hiring loop for one PM role", "1 hire made and onboarded"),
    "business-acumen": ("Build the business case for next year's roadmap",
                        "2 cases reviewed by finance"),
    "strategic-partnerships": ("Own the relationship with one integration partner",
                               "3 joint roadmap reviews held"),
}
plan = [
    {"competency": c,
     "action": ideas.get(c, ("Take on a stretch project on " + c, ""))[0],
     "measure": ideas.get(c, ("", "2 outcomes agreed with my manager"))[1],
     "due": "2027-06-30"}
    for c in top_gaps
]
### END SOLUTION

# %% kind="tests" grade_id="development-plan-test" points=3
check_plan(globals().get("plan"), ratings, target_role)
### BEGIN HIDDEN TESTS
from course.report import report
report("08-career-progression/development-plan",
       {"plan": globals().get("plan"), "ratings": ratings.value, "role": target_role.value})
### END HIDDEN TESTS

# %% [markdown] kind="readonly" grade_id="plan-review-prompt"
# ## Plan review (2 points, graded by hand)
#
# In 4–6 sentences: for each action of your plan, say why it closes its gap and who will
# help you (a mentor, your manager, a peer). Then say what you will do if the plan slips:
# one setback you can foresee and how you would adapt.

# %% [markdown] kind="manual" grade_id="plan-review" points=2
# *Model answer for graders (learners see an empty answer cell):* Mentoring a new PM
# through a release closes my leadership gap because I have to guide someone else's
# decisions instead of making them myself; my director agreed to review how the sessions go.
# Running a hiring loop gives me real team-management practice, with the recruiter and a
# senior PM as partners. Writing the business case with finance is where my business acumen
# is weakest, so I asked our finance partner to challenge the numbers. If a launch crunch
# eats the quarter, I will keep the mentoring and move the business case by one quarter
# rather than drop it, and tell my director the new date.

# %% [markdown]
# ## Where you stand across the course
#
# The cell below reads the answers you have saved in every module of your course folder
# and shows what is done and your competency profile (not graded).

# %%
from course.progress import show

show()

# %% [markdown] kind="readonly" grade_id="career-08-2"
# ## What this means for your career
#
# Your gap and your plan are the start of the long game from lesson 1: review them each
# quarter, update the ratings with evidence, and move the target role when your picture of
# where you want to be changes. A plan that closes the blockers with checkable evidence is
# what turns a promotion conversation from a hope into a case.
