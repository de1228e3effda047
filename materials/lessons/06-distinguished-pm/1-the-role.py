# %% [markdown] kind="readonly" grade_id="intro"
# # Module 06 · The Distinguished Product Manager
#
# **Lesson 1 of 2: the role and how it is reviewed.** The top of the individual-contributor
# ladder: what a Distinguished PM does, how the job differs from running a product
# organisation, and how such a leader is evaluated. Then you will read a real-looking
# 360-degree review with pandas.
#
# Run the cell below first. Your answers are saved as you go, in a small file beside this
# notebook; hand it in together with the notebook.

# %% kind="readonly" grade_id="setup-1"
import course
from course.data import load
from course.feedback import check_answered, check_picks, check_table
from course.tables import styled
from course.variants import shuffled
from course.widgets import Matching

lesson = course.start("06-distinguished-pm", "1-the-role")

# %% [markdown] kind="readonly"
# ## A senior leader whose standing rests on expertise
#
# Most product careers climb by taking on an organisation: a Senior PM becomes a Director,
# then a VP, and each step adds managers, headcount and budget. Some companies, usually
# technology companies that live on innovation, also name a **Distinguished Product
# Manager**. The source describes it as a senior leadership position reserved for people with
# exceptional expertise, vision and impact: it leads diverse teams, mentors product managers
# and future leaders, and works with the executives on company strategy. What sets it apart is
# where its authority comes from: a record of products that mattered, not the size of an
# organisation chart.
#
# *A note on framing.* This course draws the role as the summit of an
# **individual-contributor track** beside the management ladder, because that is how many
# technology companies arrange such senior expert posts. That is our framing, not a claim of
# the source: the source does not say whether people report to a Distinguished PM, and it
# does expect them to lead teams.
#
# A Distinguished PM works at the level of the whole company. They shape more than a single
# product: the strategy behind a product line, the way the company practises product
# management, and sometimes how the wider discipline thinks about a problem.
#
# **What the job holds**
#
# | area | what it looks like in practice |
# |---|---|
# | Vision and strategy | a long-range roadmap that sets the products apart; turning company goals into plans teams can execute; watching a product from the first idea to long after launch |
# | Innovation | tracking emerging technology (machine learning, new platforms) and deciding where it belongs in the strategy; research and user tests that find where the product can be different |
# | Leadership and mentoring | aligning engineering, design, marketing and sales on one direction; mentoring product managers and future leaders; leading diverse teams and spreading good practice |
# | Strategic decisions | weighing market trends, competitors and customer evidence; making trade-offs between ambition and limited resources; defining and following the KPIs that show whether a bet is paying off |
#
# **The skills behind it**: deep technical understanding combined with strategic foresight;
# fluency with data and business metrics; the ability to explain technical choices to
# executives and business goals to engineers; emotional intelligence and adaptability, since
# leading diverse teams means settling conflicts and changing course when conditions shift.
#
# **The road to it**
#
# - *Education.* Many who reach the role studied **business, computer science, engineering
#   or design**: each gives part of the technical and strategic grounding. A degree is a
#   foundation, not a ticket; experience weighs at least as much.
# - *Experience.* Usually many years as a PM and Senior PM, with launches that mattered and
#   close work beside engineering, design and marketing, which is where a whole-product view
#   is learned.
# - *Reputation.* Leading high-impact initiatives, mentoring others, seeking mentors among
#   senior product leaders, and a portfolio of achievements that changed something.
# - *Business fluency.* A firm grip on business metrics and KPIs, so the value of an
#   initiative can be argued in the company's own numbers.
# - *Learning that never stops.* Conferences, certifications (Pragmatic Institute or Product
#   School, for instance), workshops, communities of practice online and offline, industry
#   reading, and trying new methods.

# %% [markdown] kind="readonly"
# ## Two tracks at the top
#
# | | people-manager track (Director, VP, CPO) | expert track (Distinguished PM) |
# |---|---|---|
# | standing comes from | the organisation they run | expertise, track record and trust |
# | owns | a team's hiring, reviews, headcount and budget (modules 03 and 04) | the hardest product problems, across teams |
# | leads people by | managing, appraising and mentoring them | leading diverse teams, mentoring and setting the standard |
# | success looks like | a product organisation that delivers | products and practices that change what the company can do |
# | seen outside the company | senior directors represent the product work to the board, investors and the public (module 03) | industry recognition counts in their evaluation; they network with peers and speak at thought-leadership events |
#
# Both tracks lead people and both answer for results. The **measures** below, though, are
# the ones the sources give for the Distinguished PM; a Director's own measures are in
# module 03.
#
# ## How a Distinguished PM is evaluated
#
# - **Quantitative KPIs** of the products they shape: **adoption**, **retention**, **revenue
#   growth** and **Net Promoter Score**.
# - **Qualitative signals**: how engaged the teams they work with are, how satisfied
#   stakeholders are, and recognition in the industry.
# - **Feedback**, from team members, stakeholders **and customers**, gathered through two
#   separate structured mechanisms:
#   - **360-degree reviews**: ratings and comments from every side of the leader (manager,
#     peers, the people they lead, stakeholders and customers);
#   - **quarterly performance discussions**: a regular conversation about results and
#     progress, where the leader shows what they did with earlier feedback.
#
#   Together they make sure many points of view count and that the leader acts on them.
#
# Looking ahead, the role keeps moving: AI and advanced analytics change how customers are
# understood, agile and hybrid ways of working spread teams across places, and customers
# and regulators expect sustainable and ethical products.

# %% [markdown] kind="readonly" grade_id="track-intro"
# ## Exercise 1 · Which track? (2 points)
#
# For each statement, choose whether the sources give it to the **people-manager** rungs
# (Director, Senior Director, VP, CPO), to the **Distinguished PM** only, or to **both**.
# Judge by what the sources say, as taught above and in module 03, not by what seems likely.

# %% kind="readonly" grade_id="track-widget"
statements = {
    "T1": "T1 · Hires product managers, writes their reviews and plans their growth",
    "T2": "T2 · Holds a senior post because of exceptional expertise, vision and impact, not the size of an organisation",
    "T3": "T3 · Answers for the headcount and budget of a product group",
    "T4": "T4 · Is evaluated on adoption, retention, revenue growth and NPS, plus industry recognition",
    "T5": "T5 · Leads diverse teams and mentors the product managers who will lead next",
    "T6": "T6 · Speaks for the company's product work outside it, in the industry and in public",
}
shown = dict(shuffled(list(statements.items()), "track-matching"))  # your own order
tracks = Matching(lesson, "track-matching", shown,
                  {"manager": "people-manager rungs", "ic": "Distinguished PM", "both": "both"})
tracks

# %% kind="solution" grade_id="track-code"
# Optional: answer in code instead, e.g. tracks.value = {"T1": "manager", ...}
### BEGIN SOLUTION
tracks.value = {"T1": "manager", "T2": "ic", "T3": "manager", "T4": "ic", "T5": "both",
                "T6": "both"}
### END SOLUTION

# %% kind="tests" grade_id="track-test" points=2
check_answered(tracks, complete=["T1", "T2", "T3", "T4", "T5", "T6"])
### BEGIN HIDDEN TESTS
# graded from the saved answer: 06-distinguished-pm/track-matching
### END HIDDEN TESTS

# %% [markdown] kind="readonly" grade_id="feedback-intro"
# ## Reading a 360-degree review
#
# Eighteen people reviewed one Distinguished PM: their manager, five peers, six product
# managers on the teams they lead (`report`), and six stakeholders from sales, support and
# finance. (This company left customers out; a review as the source describes it would ask
# them too. Ask yourself what they might have added.) Each rated eight competencies from 1 (rarely shows it) to 5 (a role model), and
# some left a comment. The ratings are your own: every learner reads a review of their own.
#
# Three questions get the most out of such a review:
#
# 1. **Where is the leader strongest and weakest overall?** Average every rating of a
#    competency, whoever gave it.
# 2. **Where do the rater groups disagree?** A competency the leader's own PMs rate 4.8 and
#    stakeholders rate 2.5 tells a different story than a steady 3.7 from everyone: the
#    behaviour depends on the audience. Compare the group averages: the widest spread
#    between the highest and the lowest group average marks the blind spot.
# 3. **What do the comments add?** Numbers say where; comments often say why.

# %% kind="readonly" grade_id="feedback-data"
feedback = load("m06_feedback_360")
styled(feedback.head(), {"rating": "Rating (1-5)"})

# %% [markdown] kind="readonly" grade_id="means-task"
# ## Exercise 2 · Average by rater group (2 points)
#
# Build `rater_means`: a DataFrame with one row per **competency** (the index) and one
# column per **relationship** (`manager`, `peer`, `report`, `stakeholder`), holding the mean
# rating, not rounded. (A pivot table does it in one line.)

# %% kind="solution" grade_id="means-code"
### BEGIN SOLUTION
rater_means = feedback.pivot_table(index="competency", columns="relationship",
                                   values="rating", aggfunc="mean")
### END SOLUTION

# %% kind="tests" grade_id="means-test" points=2
# Self-check: the shape of the table. (The values are graded after you submit.)
check_table(globals().get("rater_means"), sorted(set(feedback["competency"])),
            ["manager", "peer", "report", "stakeholder"], name="rater_means", between=(1, 5))
### BEGIN HIDDEN TESTS
from course.report import report
report("06-distinguished-pm/rater-means", globals().get("rater_means"))
### END HIDDEN TESTS

# %% [markdown] kind="readonly" grade_id="review-task"
# ## Exercise 3 · What the review says (3 points)
#
# Set `review` to a dictionary with three competency ids (as written in the data):
#
# - `"strongest"`: the highest mean over **all** ratings;
# - `"weakest"`: the lowest mean over all ratings;
# - `"widest_gap"`: the competency whose highest and lowest **group** means (in
#   `rater_means`) are furthest apart.

# %% kind="solution" grade_id="review-code"
### BEGIN SOLUTION
overall = feedback.groupby("competency")["rating"].mean()
spread = rater_means.max(axis=1) - rater_means.min(axis=1)
review = {"strongest": overall.idxmax(), "weakest": overall.idxmin(),
          "widest_gap": spread.idxmax()}
### END SOLUTION

# %% kind="tests" grade_id="review-test" points=3
# Self-check: three keys, each a competency of the data.
check_picks(globals().get("review"), ["strongest", "weakest", "widest_gap"],
            set(feedback["competency"]), name="review")
### BEGIN HIDDEN TESTS
from course.report import report
report("06-distinguished-pm/review-reading", globals().get("review"))
### END HIDDEN TESTS

# %% [markdown]
# The comments behind one competency (change the id to read another):

# %%
styled(feedback.loc[(feedback["competency"] == "communication") & feedback["comment"].notna(),
                    ["relationship", "rating", "comment"]], {"rating": "Rating (1-5)"})

# %% [markdown] kind="readonly" grade_id="reflection-prompt"
# ## Reflection (2 points, graded by hand)
#
# Imagine this review is yours, and your quarterly performance discussion is next week. In
# 5–8 sentences: what do the numbers and comments tell you, which one or two changes will you
# commit to for the next quarter, and how will you (and your manager) know at the following
# quarterly discussion whether they worked? Remember that you lead through influence, not
# authority.

# %% [markdown] kind="manual" grade_id="reflection" points=2
# *Model answer for graders (learners see an empty answer cell), written for one learner's
# review: each learner's strengths and gaps differ, so look for the same moves on theirs.*
# Vision is my clear strength
# and every group sees it, but communication is my weakest area and stakeholders rate my
# leadership far below how my own PMs rate it. The comments explain the gap: stakeholders hear
# about decisions late and without the reasoning. The people close to me get context; those
# outside the product group do not. First, I will publish a short decision note after every
# roadmap change, with the evidence and what it means for sales and support. Second, I will
# hold a monthly review with the stakeholder leads before decisions are final. At the next
# quarterly discussion I would expect a pulse survey of the same stakeholders to show their
# communication and leadership ratings rising, and fewer escalations about surprises.

# %% [markdown] kind="readonly" grade_id="career-06-1"
# ## What this means for your career
#
# Not every senior product career runs through managing managers. If the expert path
# appeals to you, the road is a record of high-impact launches, mentoring, business metrics
# and steady learning; the evaluation you just read (KPIs, qualitative signals, 360-degree
# reviews and quarterly discussions) is also a good mirror for anyone on the ladder.
