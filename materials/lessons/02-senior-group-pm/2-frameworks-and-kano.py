# %% [markdown] kind="readonly" grade_id="intro"
# # Module 02 · Senior and Group PM
#
# **Lesson 2 of 2: frameworks and Kano.** Every prioritization framework encodes a belief
# about what matters. Score one backlog with RICE, ICE and WSJF and the rankings will not
# agree; a Senior PM has to know why. Then you will turn a customer survey into Kano
# categories, which say what kind of value a feature brings, not just how much.
#
# Run the cell below first. Your answers are saved as you go, in a small file beside this
# notebook; hand it in together with the notebook.

# %% kind="readonly" grade_id="setup-2"
import pandas as pd

import course
from course.data import load
from course.feedback import check_answered, check_names, check_table
from course.tables import styled
from course.widgets import KANO_LABELS, Buckets

lesson = course.start("02-senior-group-pm", "2-frameworks-and-kano")

# %% [markdown] kind="readonly"
# ## Three frameworks, three beliefs
#
# | Framework | Formula | What it rewards | What it ignores |
# |---|---|---|---|
# | **RICE** | reach × impact × confidence ÷ effort | many people helped per unit of work | urgency, and risks that touch few users |
# | **ICE** | impact × confidence × ease, each rated 1–10 | quick, confident wins | how many people are reached; urgency |
# | **WSJF** | (business value + time criticality + risk reduction) ÷ job size | what gets more expensive every week we wait | reach as such; confidence in the estimates |
#
# RICE uses the scales from module 01 (impact 3 / 2 / 1 / 0.5 / 0.25, confidence 1.0 / 0.8 /
# 0.5, effort in person-months). ICE is the fastest: three gut ratings from 1 to 10,
# multiplied, so its maximum is 1,000. Speed is its strength and its weakness, since nothing
# anchors the ratings to evidence. WSJF, from the last lesson, cares about the cost of
# waiting.
#
# None of them is "right". An item that touches a huge audience lightly shines in RICE and
# sinks in WSJF if nothing is urgent about it. A legal deadline that affects few customers
# does the opposite. When the frameworks disagree about an item, the disagreement itself is
# information: it tells you which assumption the decision really hangs on, and that is the
# conversation to have with your stakeholders.

# %% [markdown] kind="readonly" grade_id="lab-intro"
# ## Exercise 4 · One backlog, three rankings (3 points)
#
# The backlog below carries the estimates of all three frameworks. RICE uses `reach`,
# `impact`, `confidence` and `effort`; ICE uses `ice_impact`, `ice_confidence` and `ease`;
# WSJF uses `business_value`, `time_criticality`, `risk_reduction` and `job_size`.
#
# Build `scores`: a DataFrame indexed like `backlog` with the columns `"rice"`, `"ice"` and
# `"wsjf"`.

# %% kind="readonly" grade_id="lab-data"
backlog = load("m02_backlog")
styled(backlog, {"reach": "Reach (customers a quarter)", "effort": "Effort (person-months)",
                 "ice_impact": "ICE impact", "ice_confidence": "ICE confidence",
                 "job_size": "Job size (points)"})

# %% kind="solution" grade_id="lab-code"
### BEGIN SOLUTION
scores = pd.DataFrame({
    "rice": backlog["reach"] * backlog["impact"] * backlog["confidence"] / backlog["effort"],
    "ice": backlog["ice_impact"] * backlog["ice_confidence"] * backlog["ease"],
    "wsjf": (backlog["business_value"] + backlog["time_criticality"]
             + backlog["risk_reduction"]) / backlog["job_size"],
})
### END SOLUTION

# %% kind="tests" grade_id="lab-scores-test" points=3
# Self-check: three numeric columns, one row per item. (The values are graded after you submit.)
check_table(globals().get("scores"), backlog.index, ["rice", "ice", "wsjf"], name="scores")
### BEGIN HIDDEN TESTS
from course.report import report
report("02-senior-group-pm/framework-scores", globals().get("scores"))
### END HIDDEN TESTS

# %% [markdown] kind="readonly" grade_id="movers-intro"
# ## Exercise 5 · Who moves most? (2 points)
#
# Rank the items under each framework (1 = first) and look at how far each item's place
# swings between its best and its worst ranking. Set `movers` to a list of the **three**
# item ids whose place changes the most. Only the first three ids you list count.
#
# Tip: `scores.rank(ascending=False)` ranks every column at once.

# %% kind="solution" grade_id="movers-code"
### BEGIN SOLUTION
ranks = scores.rank(ascending=False)
swing = ranks.max(axis=1) - ranks.min(axis=1)
movers = list(swing.sort_values(ascending=False).index[:3])
### END SOLUTION

# %% kind="tests" grade_id="movers-test" points=2
# Self-check: three different item ids? (Which ones is graded after you submit.)
check_names(globals().get("movers"), backlog.index, 3, name="movers")
### BEGIN HIDDEN TESTS
from course.report import report
report("02-senior-group-pm/framework-movers", globals().get("movers"))
### END HIDDEN TESTS

# %% [markdown] kind="readonly"
# ## The Kano model: not all value is the same kind
#
# A scoring framework tells you *how much* a feature is worth. The **Kano model** asks what
# *kind* of value it brings, from the customer's side. Each respondent answers two questions
# about a feature:
#
# - **Functional**: "How would you feel if the product *had* this?"
# - **Dysfunctional**: "How would you feel if it did *not* have this?"
#
# Both use the same five answers: *like*, *expect* (it must be that way), *neutral*,
# *tolerate* (I can live with it) and *dislike*. The pair places the answer in a category:
#
# | functional ↓ / dysfunctional → | like | expect | neutral | tolerate | dislike |
# |---|---|---|---|---|---|
# | **like** | Q | A | A | A | O |
# | **expect** | R | I | I | I | M |
# | **neutral** | R | I | I | I | M |
# | **tolerate** | R | I | I | I | M |
# | **dislike** | R | R | R | R | Q |
#
# - **M, must-be**: taken for granted. Nobody thanks you for it; everybody leaves if it breaks.
# - **O, performance** (one-dimensional): the more, the better, and customers notice both ways.
# - **A, attractive** (delighter): unexpected, so its absence costs nothing and its presence pleases.
# - **I, indifferent**: customers do not care either way.
# - **R, reverse**: customers would rather *not* have it.
# - **Q, questionable**: contradictory answers (liking both having and not having it); leave
#   these out.
#
# A feature's category is the one most of its respondents fall in (if two tie, prefer must-be,
# then performance, then attractive, then indifferent). Two coefficients summarise the whole
# distribution, counting only A, O, M and I answers:
#
# - **Better** = (A + O) ÷ (A + O + M + I): how much satisfaction rises if you build it (0 to 1).
# - **Worse** = −(O + M) ÷ (A + O + M + I): how much satisfaction falls if you do not (−1 to 0).
#
# Must-be features come first (they are the price of entry), then performance features, then
# a delighter or two. Kano categories also drift: today's delighter is tomorrow's must-be.

# %% [markdown] kind="readonly" grade_id="kano-intro"
# ## Exercise 6 · Read the seller survey (3 + 2 points)
#
# Sellers answered the Kano questions about eight features of the Seller app. The survey has
# one row per seller per feature; its answers are your own.

# %% kind="readonly" grade_id="kano-data"
lesson.brief("**{m02_kano_respondents} sellers** answered the survey.")
features = load("m02_kano_features")
survey = load("m02_kano_survey")
styled(survey.head(), {"functional": "If it has the feature", "dysfunctional": "If it does not"})

# %% [markdown]
# Work out each feature's category in the free cell below (build a small function or a
# lookup from the table above), then record it in the menus.

# %%
# Your exploration here (not graded).

# %% kind="readonly" grade_id="kano-widget"
categories = Buckets(lesson, "kano-categories", features, KANO_LABELS, label="feature")
categories

# %% kind="solution" grade_id="kano-code"
# Optional: you may answer in code instead, e.g. categories.value = {"K1": "attractive"}
### BEGIN SOLUTION
answers = ["like", "expect", "neutral", "tolerate", "dislike"]
table = ["QAAAO", "RIIIM", "RIIIM", "RIIIM", "RRRRQ"]
letter = [table[answers.index(f)][answers.index(d)]
          for f, d in zip(survey["functional"], survey["dysfunctional"], strict=True)]
counts = pd.crosstab(survey["feature"], pd.Series(letter, name="kano", index=survey.index))
counts = counts.reindex(columns=list("MOAIRQ"), fill_value=0)
names = {"M": "must-be", "O": "performance", "A": "attractive", "I": "indifferent",
         "R": "reverse"}
categories.value = {feature: names[row[list("MOAIR")].idxmax()]
                    for feature, row in counts.iterrows()}
### END SOLUTION

# %% kind="tests" grade_id="kano-test" points=3
# Self-check: does every feature have a category? (Which is graded after you submit.)
check_answered(categories, complete=list(features.index))
### BEGIN HIDDEN TESTS
# graded from the saved answer: 02-senior-group-pm/kano-categories
### END HIDDEN TESTS

# %% [markdown] kind="readonly" grade_id="coefficients-task"
# Build `coefficients`: a DataFrame indexed by feature id (`K1` …) with the columns
# `"better"` and `"worse"`, as defined above (worse is zero or negative). Keep the full
# precision: do not round.

# %% kind="solution" grade_id="coefficients-code"
### BEGIN SOLUTION
counted = counts["A"] + counts["O"] + counts["M"] + counts["I"]
coefficients = pd.DataFrame({
    "better": (counts["A"] + counts["O"]) / counted,
    "worse": -(counts["O"] + counts["M"]) / counted,
})
### END SOLUTION

# %% kind="tests" grade_id="coefficients-test" points=2
# Self-check: better between 0 and 1, worse between -1 and 0. (The values are graded after you submit.)
check_table(globals().get("coefficients"), features.index, ["better", "worse"],
            name="coefficients", between={"better": (0, 1), "worse": (-1, 0)})
### BEGIN HIDDEN TESTS
from course.report import report
report("02-senior-group-pm/kano-coefficients", globals().get("coefficients"))
### END HIDDEN TESTS

# %% [markdown] kind="readonly" grade_id="reflection-prompt"
# ## Reflection prompt (2 points, graded by hand)
#
# Pick **one** of the items you named in Exercise 5. In 4–6 sentences: which framework ranks
# it high and which low, and which estimate or assumption causes the swing? If you had to
# present one ordering of this backlog to your director, which would you bring, and what
# would you say about this item so that the disagreement is visible rather than hidden?

# %% [markdown] kind="manual" grade_id="reflection" points=2
# *Model answer for graders (learners see an empty answer cell):* The tax rules for the new
# EU market sit at the bottom under RICE, because only a few hundred customers are affected
# each quarter, but at the very top under WSJF, where the launch deadline and the legal risk
# make every week of delay expensive. ICE also keeps it low because the team rates it hard to
# build. I would bring the WSJF order, since we share one team and the deadline is real, but
# I would show the RICE view beside it and say plainly that this item is first because of
# timing and risk, not because of its audience. If the launch date moved, its place should be
# revisited.

# %% [markdown] kind="readonly" grade_id="career-02-2"
# ## What this means for your career
#
# Knowing that frameworks encode beliefs, and saying which belief you chose, is a
# leadership skill as much as an analytical one. Directors and VPs will ask you why an item is
# first; "the score says so" is the answer of a PM, "because we value timing over reach this
# quarter" is the answer of someone ready for the next rung.
