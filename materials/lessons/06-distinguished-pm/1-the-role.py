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
from course.widgets import Matching

lesson = course.start("06-distinguished-pm", "1-the-role")

# %% [markdown] kind="readonly"
# ## A senior role with no team underneath
#
# Most product careers climb by taking on people: a Senior PM becomes a Director, then a VP,
# and each step adds managers, headcount and budget. Some companies, usually technology
# companies that live on innovation, offer a second road. The **Distinguished Product
# Manager** is its summit: a product leader whose seniority comes from expertise and impact,
# not from the size of an organisation chart.
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
# | Leadership and mentoring | aligning engineering, design, marketing and sales on one direction; coaching product managers; spreading good practice, all without being anyone's manager |
# | Strategic decisions | weighing market trends, competitors and customer evidence; making trade-offs between ambition and limited resources; defining and following the KPIs that show whether a bet is paying off |
#
# **The skills behind it**: deep technical understanding combined with strategic foresight;
# fluency with data and business metrics; the ability to explain technical choices to
# executives and business goals to engineers; emotional intelligence and adaptability, since
# a leader without formal authority wins people over or not at all.
#
# **The road to it**: usually many years as a PM and Senior PM with launches that mattered,
# a reputation built by leading high-impact initiatives and mentoring others, a firm grip on
# business metrics, and steady learning (conferences, certifications, communities of
# practice, reading and experimenting).

# %% [markdown] kind="readonly"
# ## Two tracks at the top
#
# | | people-manager track (Director, VP, CPO) | individual-contributor track (Distinguished PM) |
# |---|---|---|
# | influence comes from | the organisation they run | expertise, track record and trust |
# | owns | a team's hiring, reviews, headcount and budget | the hardest product problems, across teams |
# | develops people by | managing and appraising them | mentoring and setting the standard |
# | success looks like | a product organisation that delivers | products and practices that change what the company can do |
#
# Both tracks answer for outcomes, and both are measured on them.
#
# ## How a Distinguished PM is evaluated
#
# - **Quantitative KPIs** of the products they shape: **adoption**, **retention**, **revenue
#   growth** and **Net Promoter Score**.
# - **Qualitative signals**: how engaged the teams they work with are, how satisfied
#   stakeholders are, and recognition in the industry.
# - **Structured feedback**: **360-degree reviews** (ratings and comments from the manager,
#   peers, the people they lead informally, and stakeholders) and **quarterly performance
#   discussions**, so that many points of view count and the leader acts on what they hear.
#
# Looking ahead, the role keeps moving: AI and advanced analytics change how customers are
# understood, agile and hybrid ways of working spread teams across places, and customers
# and regulators expect sustainable and ethical products.

# %% [markdown] kind="readonly" grade_id="track-intro"
# ## Exercise 1 · Which track? (2 points)
#
# For each statement, choose whether it describes the **people-manager** track, the
# **individual-contributor** track (Distinguished PM), or **both**.

# %% kind="readonly" grade_id="track-widget"
tracks = Matching(lesson, "track-matching", {
    "T1": "T1 · Hires product managers, writes their reviews and plans their growth",
    "T2": "T2 · Sets the direction for a hard problem spanning several teams, with nobody reporting to them",
    "T3": "T3 · Answers for the headcount and budget of a product group",
    "T4": "T4 · Is judged on the adoption, retention, revenue growth and NPS of the products they shape",
    "T5": "T5 · Coaches product managers across the company as a recognised expert, without line authority",
    "T6": "T6 · Speaks for the company's product thinking at industry events",
}, {"manager": "people-manager track", "ic": "individual contributor", "both": "both tracks"})
tracks

# %% kind="solution" grade_id="track-code"
# Optional: answer in code instead, e.g. tracks.value = {"T1": "manager", ...}
### BEGIN SOLUTION
tracks.value = {"T1": "manager", "T2": "ic", "T3": "manager", "T4": "both", "T5": "ic",
                "T6": "ic"}
### END SOLUTION

# %% kind="tests" grade_id="track-test" points=2
check_answered(tracks, complete=["T1", "T2", "T3", "T4", "T5", "T6"])
### BEGIN HIDDEN TESTS
from autograder.grading import grade
grade("06-distinguished-pm/track-matching")
### END HIDDEN TESTS

# %% [markdown] kind="readonly" grade_id="feedback-intro"
# ## Reading a 360-degree review
#
# Eighteen people reviewed one Distinguished PM: their manager, five peers, six product
# managers they lead informally (`report`), and six stakeholders from sales, support and
# finance. Each rated eight competencies from 1 (rarely shows it) to 5 (a role model), and
# some left a comment.
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
feedback.head()

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
from autograder.grading import grade
grade("06-distinguished-pm/rater-means", globals().get("rater_means"))
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
from autograder.grading import grade
grade("06-distinguished-pm/review-reading", globals().get("review"))
### END HIDDEN TESTS

# %% [markdown]
# The comments behind one competency (change the id to read another):

# %%
feedback[(feedback["competency"] == "communication") & (feedback["comment"].notna())][["relationship", "rating", "comment"]]

# %% [markdown] kind="readonly" grade_id="reflection-prompt"
# ## Reflection (2 points, graded by hand)
#
# Imagine this review is yours, and your quarterly performance discussion is next week. In
# 5–8 sentences: what do the numbers and comments tell you, which one or two changes will you
# commit to for the next quarter, and how will you (and your manager) know at the following
# quarterly discussion whether they worked? Remember that you lead through influence, not
# authority.

# %% [markdown] kind="manual" grade_id="reflection" points=2
# *Model answer for graders (learners see an empty answer cell):* Vision is my clear strength
# and every group sees it, but communication is my weakest area and stakeholders rate my
# leadership far below how my own PMs rate it. The comments explain the gap: stakeholders hear
# about decisions late and without the reasoning. The people close to me get context; those
# outside the product group do not. First, I will publish a short decision note after every
# roadmap change, with the evidence and what it means for sales and support. Second, I will
# hold a monthly review with the stakeholder leads before decisions are final. At the next
# quarterly discussion I would expect a pulse survey of the same stakeholders to show their
# communication and leadership ratings rising, and fewer escalations about surprises.
