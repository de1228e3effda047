# %% [markdown] kind="readonly" grade_id="intro"
# # Module 04 · Senior Director, Head of Product, VP
#
# **Lesson 2 of 2: read the portfolio and report it.** A portfolio leader has to see, at a
# glance, which products to grow, which to milk, which to fix and which to let go, and then
# explain the picture to people who have five minutes for it. You will place product lines
# on a growth-share matrix, edit a draft against the rules of a good summary, compute its
# KPIs and write the summary.
#
# Run the cell below first. Your answers are saved as you go, in a small file beside this
# notebook; hand it in together with the notebook.

# %% kind="readonly" grade_id="setup-2"
import course
from course.data import load
from course.feedback import check_answered, check_labels, check_numbers
from course.models.portfolio import QUADRANTS
from course.tables import styled
from course.variants import shuffled
from course.widgets import Matching

lesson = course.start("04-senior-leadership", "2-growth-share-and-reporting")

# %% [markdown] kind="readonly"
# ## The growth-share matrix
#
# A classic way to see a portfolio puts each product line on two axes:
#
# - **Market growth**: how fast the product's whole market grows in a year (a fraction:
#   0.12 is 12%). Growing markets need investment to keep up.
# - **Relative market share**: the product's share of its market divided by the share of
#   the largest competitor. Above 1 you lead the market; 0.5 means the leader is twice
#   your size. Leaders usually earn more per sale.
#
# With a cut-off on each axis (here: growth of **0.10** or more is high; relative share of
# **1.0** or more is high), four cells appear:
#
# | | high relative share | low relative share |
# |---|---|---|
# | **high growth** | **star**: leads a growing market; invest to keep the lead | **question mark**: growing market, weak position; invest to win or get out |
# | **low growth** | **cash cow**: leads a mature market; earns the cash that funds the rest | **dog**: weak position in a slow market; fix cheaply, reposition or retire |
#
# The matrix is a starting point for a conversation, not a verdict: a "dog" can be the
# product that keeps a key customer, and a "cash cow" starved of all investment stops
# giving milk. What it does well is make the *balance* of a portfolio visible: too few cash
# cows and nothing pays for the bets; too few stars and question marks and nothing
# replaces today's earners.

# %% [markdown] kind="readonly" grade_id="quadrant-intro"
# ## Exercise 1 · Place the product lines (3 points)
#
# `lines` holds the company's seven product lines: last year's and this year's revenue
# (\$k), gross margin (a fraction), market growth and relative market share. The numbers
# are your own: every learner gets product lines of their own. Add a column `"quadrant"`
# holding each line's cell of the matrix, spelled as in `QUADRANTS` (`"star"`,
# `"cash_cow"`, `"question_mark"`, `"dog"`), using the cut-offs above.

# %% kind="readonly" grade_id="quadrant-data"
lines = load("m04_product_lines")
GROWTH_CUT, SHARE_CUT = 0.10, 1.0
print("Allowed labels:", ", ".join(QUADRANTS))
styled(lines, {"revenue_prev": "Revenue last year ($k)", "revenue": "Revenue this year ($k)",
               "margin": "Gross margin", "market_growth": "Market growth a year",
               "relative_share": "Relative market share (x the largest rival)"},
       percent=["margin", "market_growth"])

# %% kind="solution" grade_id="quadrant-code"
### BEGIN SOLUTION
high_growth = lines["market_growth"] >= GROWTH_CUT
high_share = lines["relative_share"] >= SHARE_CUT
lines["quadrant"] = "dog"
lines.loc[high_growth & high_share, "quadrant"] = "star"
lines.loc[high_growth & ~high_share, "quadrant"] = "question_mark"
lines.loc[~high_growth & high_share, "quadrant"] = "cash_cow"
### END SOLUTION

# %% kind="tests" grade_id="growth-share-test" points=3
# Self-check: an allowed label for every line? (Which are right is graded after you submit.)
check_labels(lines.get("quadrant"), list(lines.index), QUADRANTS, name='lines["quadrant"]')
### BEGIN HIDDEN TESTS
from course.report import report
report("04-senior-leadership/growth-share", lines.get("quadrant"))
### END HIDDEN TESTS

# %% [markdown] kind="readonly"
# ## Reporting to the executive team
#
# Reporting product metrics, progress and strategy upward is shared work between directors
# and VPs, and between VPs and the CPO. An executive summary that works:
#
# - **opens with the answer**: the one or two things the reader must know or decide;
# - **uses few numbers, always with a comparison**: against last year, the plan or the rest
#   of the portfolio; a number alone means little;
# - **states what you propose and what it costs**, and what you will not do;
# - **names the risks** and what would change your mind;
# - fits on one screen; the detail goes in an appendix.
#
# Weighted averages deserve care: a portfolio's margin is total gross profit divided by
# total revenue, so a large low-margin line pulls it down more than a small high-margin
# line pulls it up. The plain average of the lines' margins answers a different question.

# %% [markdown] kind="readonly" grade_id="lines-intro"
# ## Exercise 2 · Edit the draft (3 points)
#
# A director drafted six sentences for the VP's board summary. Some follow the rules
# above; others break one of them. For each, choose **keep**, or the rule it breaks: a
# **number alone** (no comparison), a **plain average** where a weighted one is needed, or
# the **answer buried** (the reader has to wait for what they must decide).

# %% kind="readonly" grade_id="lines-widget"
drafts = load("m04_summary_lines")
shown = dict(shuffled(list(drafts["sentence"].items()), "m04-drafts"))  # your own order
edits = Matching(lesson, "summary-edits", rows=shown,
                 options={"keep": "keep", "number-alone": "a number alone",
                          "plain-average": "a plain average", "answer-buried":
                          "the answer buried"})
edits

# %% kind="solution" grade_id="lines-code"
# Optional: answer in code instead, e.g. edits.value = {"B1": "keep"}
### BEGIN SOLUTION
edits.value = {"B1": "number-alone", "B2": "keep", "B3": "plain-average", "B4": "keep",
               "B5": "answer-buried", "B6": "keep"}
### END SOLUTION

# %% kind="tests" grade_id="lines-test" points=3
# Self-check: is every sentence judged? (Which are right is graded after you submit.)
check_answered(edits, complete=list(drafts.index))
### BEGIN HIDDEN TESTS
# graded from the saved answer: 04-senior-leadership/summary-edits
### END HIDDEN TESTS

# %% [markdown] kind="readonly" grade_id="kpi-intro"
# ## Exercise 3 · The numbers for the summary (3 points)
#
# Build a dictionary `summary` with four KPIs of the portfolio this year:
#
# - `"total_revenue"`: this year's revenue of all lines, in \$k;
# - `"revenue_growth"`: this year's total revenue against last year's, as a fraction
#   (0.05 for 5% growth);
# - `"margin"`: the portfolio's gross margin, weighted by revenue (a fraction);
# - `"star_share"`: the share of this year's revenue that comes from stars (a fraction),
#   using your quadrants.
#
# Keep the full precision: do not round.

# %% kind="solution" grade_id="kpi-code"
### BEGIN SOLUTION
revenue = lines["revenue"].sum()
summary = {
    "total_revenue": revenue,
    "revenue_growth": revenue / lines["revenue_prev"].sum() - 1,
    "margin": (lines["revenue"] * lines["margin"]).sum() / revenue,
    "star_share": lines.loc[lines["quadrant"] == "star", "revenue"].sum() / revenue,
}
### END SOLUTION

# %% kind="tests" grade_id="portfolio-kpis-test" points=3
# Self-check: a number for each KPI? (The values are graded after you submit.)
KPIS = ["total_revenue", "revenue_growth", "margin", "star_share"]
check_numbers(globals().get("summary"), KPIS, name="summary",
              between={"revenue_growth": (-1, 1), "margin": (0, 1), "star_share": (0, 1)})
### BEGIN HIDDEN TESTS
from course.report import report
report("04-senior-leadership/portfolio-kpis", globals().get("summary"))
### END HIDDEN TESTS

# %% [markdown] kind="readonly" grade_id="summary-prompt"
# ## Exercise 4 · Write the executive summary (3 points, graded by hand)
#
# Write the summary you would send to the CEO and the board: at most 150 words. Use your
# KPIs and the matrix (and, if you like, your funding choice from lesson 1). Open with the
# message, give two or three numbers with a comparison, propose what happens to the
# question marks and the dogs, and name one risk.

# %% [markdown] kind="manual" grade_id="executive-summary" points=3
# *Model answer for graders (learners see an empty answer cell; each learner's numbers
# differ, so check the figures against the learner's own KPIs and matrix):* The portfolio
# grew about 8% to 24.7 M\$ this year, and most of the growth came from our stars, which
# now earn about a quarter of revenue. Payments and Invoicing, our cash cows, are flat and
# fund everything else; margin holds near 47%. Proposal: keep investing in the stars; give
# Mobile one more year with a clear share target and fold Marketplace into Payments as a
# feature; run the Desktop suite for cash with a two-year retirement plan. Risk: Payments
# carries 40% of revenue in a market growing 4%; a price war there would hit every other
# plan, so we will track its share monthly.

# %% [markdown] kind="readonly" grade_id="career-04-2"
# ## What this means for your career
#
# At the senior rungs much of your influence travels through a page the board reads in
# five minutes. A summary that opens with the answer, compares every number and names its
# risk is a career skill: it is how Senior Directors and VPs earn the trust that the next
# rung, and the CPO's seat, depend on.
