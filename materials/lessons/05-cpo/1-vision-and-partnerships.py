# %% [markdown] kind="readonly" grade_id="intro"
# # Module 05 · Chief Product Officer
#
# **Lesson 1 of 2: vision, culture and partnerships.** The CPO is the top of the product
# ladder. You will read what changes at that level, criterion by criterion, and tell a
# CPO's behaviour from a VP's. Then you will evaluate partnership candidates with a
# weighted score, test how robust the winner is when the weights move, and defend a choice.
#
# Run the cell below first. Your answers are saved as you go, in a small file beside this
# notebook; hand it in together with the notebook.

# %% kind="readonly" grade_id="setup-1"
import course
from course.data import load
from course.feedback import (check_answered, check_numbers, check_option, check_picks,
                             check_scores, check_weights)
from course.career import check_id_lists
from course.roles import competencies
from course.tables import styled
from course.variants import shuffled
from course.widgets import Matching

lesson = course.start("05-cpo", "1-vision-and-partnerships")

# %% [markdown] kind="readonly"
# ## The whole company's product
#
# The Chief Product Officer is usually the highest product role in a company. A VP may look
# after several product lines; the CPO answers for **every** product and for the
# direction they take together. Three things set the role apart.
#
# **A company-wide vision.** The CPO sets the product vision, strategy and direction for
# the whole company and makes sure the roadmap serves the company's business goals. That
# means reading market trends, disruptive technologies and customer insight early enough to
# act on them, and weighing trade-offs no single product team can see: which markets to
# enter, which products to stop, where the next advantage will come from.
#
# **Product culture.** The CPO shapes how product work is done everywhere: whether
# decisions rest on evidence, whether teams may experiment and learn from failure, how
# talent is hired and grown. They build the product organisation (managers, directors,
# VPs) and keep it learning. Culture shows in small things: which meetings the CPO attends,
# which numbers they ask for, how they react to a failed bet.
#
# **Partnerships and the C-suite.** The CPO sits with the other C-level leaders and shapes
# company-wide decisions. Together with the VPs of Product they look for **strategic
# partnerships** that add to the products: they judge candidates, test where the two sides
# really strengthen each other, and negotiate alliances that bring in expertise,
# technology, resources or access to new markets.
#
# The CPO is one of the two rungs (with the VP) that the career guide describes on all
# fifteen criteria; the PM and Director lists have fourteen each. What changes with the
# rung is reach. Decision making is now about where the whole company invests;
# communication is with the board and the market; adaptability means changing the
# strategy itself when the market moves (lesson 2).

# %% [markdown] kind="readonly"
# ## The CPO across the fifteen criteria
#
# The VP and the CPO are described on the same fifteen criteria, so the difference is in
# the detail. Four criteria carry most of what is new at the top:
#
# - **Vision for the whole product organisation** (*strategic thinking*, *vision and
#   innovation*). A VP sets vision and strategy for the product organisation and reads
#   industry shifts; the CPO sets them for **every product of the company**, uses them to
#   build a lasting edge, and pushes teams past the status quo with bold strategies.
# - **Strategic partnerships.** A VP finds and grows outside partnerships that fit the
#   product strategy and open markets; the CPO **forges alliances with other
#   organisations** that drive innovation and widen the company's reach, and, as module 07
#   showed, assesses and negotiates them together with the VP.
# - **Executive communication** (*communication*, *collaboration and influence*). The VP
#   presents convincing strategies at every level; the CPO explains the product vision so
#   that the whole company understands and signs up, and shapes company-wide decisions with
#   the other C-level leaders and outside stakeholders.
# - **The product culture** (*leadership*, *team management*). The VP builds a
#   high-performing team and develops the next leaders; the CPO manages and mentors PMs,
#   directors and other product staff, keeps an inclusive culture and sets the tone for
#   creativity and performance across the organisation.
#
# The other criteria follow the same pattern: the VP works across product lines, the CPO
# across the company, and where the VP makes high-level calls with the executives, the CPO
# makes the **final** ones. Read the two columns side by side:

# %% kind="readonly" grade_id="vp-cpo-table"
styled(competencies()[["name", "vp", "cpo"]],
       {"name": "Criterion", "vp": "What the VP shows", "cpo": "What the CPO shows"})

# %% [markdown] kind="readonly" grade_id="vp-cpo-intro"
# ## Exercise 1 · VP or CPO? (4 points)
#
# Each behaviour below is what the career guide expects of one of the two rungs on one
# criterion. Choose the rung; four behaviours belong to each. Look for the scope (product
# lines or the company?) and for who has the last word.

# %% kind="readonly" grade_id="vp-cpo-widget"
behaviours = load("m05_vp_cpo")
shown = dict(shuffled(list(behaviours["behaviour"].items()), "m05-vp-cpo"))  # your own order
rung = Matching(lesson, "vp-or-cpo", rows=shown,
                options={"vp_product": "VP of Product", "cpo": "Chief Product Officer"})
rung

# %% kind="solution" grade_id="vp-cpo-code"
# Optional: answer in code instead, e.g. rung.value = {"K1": "vp_product"}
### BEGIN SOLUTION
rung.value = {"K1": "cpo", "K2": "vp_product", "K3": "cpo", "K4": "cpo", "K5": "vp_product",
              "K6": "vp_product", "K7": "cpo", "K8": "vp_product"}
### END SOLUTION

# %% kind="tests" grade_id="vp-cpo-test" points=4
# Self-check: is every behaviour placed? (Which are right is graded after you submit.)
check_answered(rung, complete=list(behaviours.index))
### BEGIN HIDDEN TESTS
# graded from the saved answer: 05-cpo/vp-or-cpo
### END HIDDEN TESTS

# %% [markdown] kind="readonly"
# ## Weighted scoring
#
# Partnership candidates differ on many things at once. A **weighted score** makes the
# comparison explicit:
#
# 1. choose the **criteria** that matter, and score each candidate on each (here 1 to 5,
#    5 best);
# 2. give each criterion a **weight**, the weights adding up to 1;
# 3. a candidate's score is the sum of (criterion score × weight).
#
# **Worked example** (invented): two criteria, *fit* weighted 0.7 and *cost* weighted 0.3.
# Candidate A scores fit 4, cost 2: 4 × 0.7 + 2 × 0.3 = 3.4. Candidate B scores fit 3,
# cost 5: 3 × 0.7 + 5 × 0.3 = 3.6. B wins, although A fits better. With weights 0.8 and
# 0.2, A scores 3.6 and B 3.4: the weights decide.
#
# That is the point. The arithmetic is easy; the judgement lives in the weights, so a CPO
# must be able to say *why* each weight is what it is, in terms of the company's strategy.
# Writing the weights down before looking at the totals also protects against a familiar
# trap: tuning the weights until a favourite candidate wins.

# %% [markdown] kind="readonly" grade_id="partners-intro"
# ## Exercise 2 · Score the partnership candidates (3 + 1 points)
#
# Your company sells a collaboration suite to mid-sized businesses. The strategy for the
# next three years is to become the suite that understands spoken meetings and to reach
# larger customers. Five candidates offer a partnership; each is scored 1 to 5 (5 best) on
# five criteria. For `affordability`, 5 means the cheapest deal. The scores are your own:
# every learner gets candidates scored a little differently.
#
# 1. Set `weights`: a dictionary with a weight for each of the five criteria. The board's
#    rules: every weight between 0 and 0.5, the weights adding up to 1, and
#    `strategic_fit` weighing at least as much as each other criterion. Within those rules
#    the weights are your call; you will justify them in Exercise 5.
# 2. Compute `partner_scores`: a pandas Series indexed by candidate id holding each
#    candidate's weighted score under your weights.
# 3. Set `chosen_partner` to the id of the candidate you would pick on these scores (one
#    id such as `"Q1"`, not a list).
#
# The scores are graded against your own weights, so there is no single right set of
# weights; the pick is graded against your scores.

# %% kind="readonly" grade_id="partners-data"
partners = load("m05_partners")
CRITERIA = ["strategic_fit", "customer_reach", "technology_synergy", "cultural_fit",
            "affordability"]
styled(partners, caption="Each criterion scored 1 to 5, 5 best")

# %% kind="solution" grade_id="partners-code"
### BEGIN SOLUTION
weights = {"strategic_fit": 0.35, "customer_reach": 0.2, "technology_synergy": 0.25,
           "cultural_fit": 0.1, "affordability": 0.1}
partner_scores = sum(partners[c] * w for c, w in weights.items())
chosen_partner = partner_scores.idxmax()
### END SOLUTION

# %% kind="tests" grade_id="partner-scores-test" points=3
# Self-check: do the weights follow the board's rules, and is there a score per candidate?
check_weights(globals().get("weights"), CRITERIA, cap=0.5, largest="strategic_fit")
check_scores(globals().get("partner_scores"), list(partners.index), name="partner_scores")
### BEGIN HIDDEN TESTS
from course.report import report
report("05-cpo/partner-scores", (globals().get("weights"), globals().get("partner_scores")))
### END HIDDEN TESTS

# %% kind="tests" grade_id="partner-pick-test" points=1
# Self-check: is chosen_partner one of the candidates? (Graded after you submit.)
check_option(globals().get("chosen_partner"), list(partners.index), name="chosen_partner",
             aliases=dict(zip(partners["name"], partners.index, strict=True)))
### BEGIN HIDDEN TESTS
from course.report import report
report("05-cpo/partner-pick", (globals().get("weights"), globals().get("chosen_partner")))
### END HIDDEN TESTS

# %% [markdown] kind="readonly" grade_id="sensitivity-intro"
# ## How robust is the winner?
#
# A weighted score is only as good as its weights, and weights are judgements. Before a
# CPO signs, they ask: **how far would the weights have to move before another candidate
# wins?** That is a **sensitivity analysis**. The simplest kind moves weight, step by step,
# from one criterion to another and watches the winner. If it changes only after a large
# shift, the choice is robust; if a small shift flips it, the decision really rests on that
# one judgement, and the CPO should say so to the board.
#
# To compare everyone on the same footing, the next two exercises use the **board's
# reference weights**, not yours: `strategic_fit` 0.35, `customer_reach` 0.20,
# `technology_synergy` 0.25, `cultural_fit` 0.10, `affordability` 0.10. The debate in the
# board is whether reaching larger customers through a channel matters more than the
# speech technology, so the shift to test is from `technology_synergy` to
# `customer_reach`.

# %% kind="readonly" grade_id="sensitivity-data"
BOARD = {"strategic_fit": 0.35, "customer_reach": 0.20, "technology_synergy": 0.25,
         "cultural_fit": 0.10, "affordability": 0.10}
STEPS = [0, 1, 2, 3, 4, 5]  # each step moves 0.05 from technology_synergy to customer_reach

# %% [markdown] kind="readonly" grade_id="sensitivity-task"
# ## Exercise 3 · Move the weights (3 points)
#
# Build `sensitivity`: a list of six candidate ids, the winner (highest weighted score) at
# each step of `STEPS`, in order. At step *k* the weights are the board's, with
# `customer_reach` raised by 0.05 × *k* and `technology_synergy` lowered by the same
# amount; at step 5 technology weighs nothing. Each step is graded on its own.

# %% kind="solution" grade_id="sensitivity-code"
### BEGIN SOLUTION
sensitivity = []
for k in STEPS:
    w = dict(BOARD)
    w["customer_reach"] += 0.05 * k
    w["technology_synergy"] -= 0.05 * k
    sensitivity.append(sum(partners[c] * w[c] for c in CRITERIA).idxmax())
### END SOLUTION

# %% kind="tests" grade_id="sensitivity-test" points=3
# Self-check: a list of candidate ids? (Which are right is graded after you submit.)
check_id_lists({"sensitivity": globals().get("sensitivity")}, ["sensitivity"],
               list(partners.index), name="your answer")
### BEGIN HIDDEN TESTS
from course.report import report
report("05-cpo/sensitivity", globals().get("sensitivity"))
### END HIDDEN TESTS

# %% [markdown] kind="readonly" grade_id="robustness-task"
# ## Exercise 4 · What the board needs to hear (4 points)
#
# Summarise the analysis for the board in `robustness`, a dictionary with:
#
# - `"winner"`: the winner at the board's reference weights;
# - `"runner_up"`: the candidate in second place at those weights;
# - `"margin"`: the winner's score minus the runner-up's, at those weights;
# - `"flip_at"`: the `customer_reach` weight at the first step where the winner changes
#   (for example 0.45), or `None` if it never changes.
#
# Each entry earns a point. Then decide, for yourself, what you would tell the board: is the
# choice robust, or does it hang on one judgement? Exercise 5 asks for it.

# %% kind="solution" grade_id="robustness-code"
### BEGIN SOLUTION
board_scores = sum(partners[c] * BOARD[c] for c in CRITERIA).sort_values(ascending=False)
changed = [k for k in STEPS if sensitivity[k] != sensitivity[0]]
robustness = {
    "winner": board_scores.index[0],
    "runner_up": board_scores.index[1],
    "margin": board_scores.iloc[0] - board_scores.iloc[1],
    "flip_at": BOARD["customer_reach"] + 0.05 * changed[0] if changed else None,
}
### END SOLUTION

# %% kind="tests" grade_id="robustness-test" points=4
# Self-check: the four entries are there. (Their values are graded after you submit.)
check_picks(globals().get("robustness"), ["winner", "runner_up"], list(partners.index),
            name="robustness")
check_numbers(globals().get("robustness"), ["margin"], name="robustness", between=(0, 4))
### BEGIN HIDDEN TESTS
from course.report import report
report("05-cpo/robustness", globals().get("robustness"))
### END HIDDEN TESTS

# %% [markdown] kind="readonly" grade_id="rationale-prompt"
# ## Exercise 5 · Defend your weights (3 points, graded by hand)
#
# In 5–8 sentences, explain your weights to the CEO: why the largest weight is where it is,
# why the smallest is where it is, which candidate you chose and what you would check in
# due diligence before signing. Use Exercises 3 and 4: say how far the board's weights
# would have to move before the winner changes, and whether that makes the choice robust.

# %% [markdown] kind="manual" grade_id="weights-rationale" points=3
# *Model answer for graders (learners see an empty answer cell; each learner's scores
# differ, so check the names and the flip against the learner's own Exercises 3 and 4):*
# Strategic fit carries the most weight (0.35) because the strategy is meeting intelligence
# for larger customers, and a partner that does not move us there is a distraction however
# cheap. Technology synergy comes next (0.25): speech models we can build into the product
# are the core of the plan, and integration cost grows fast when the stacks differ. Reach
# matters (0.2) but a reseller cannot sell a product we have not built yet. Culture and
# price get 0.1 each: both matter for a long alliance, but neither makes one. On these
# weights the winner of Exercise 4 comes first. Before signing I would test its technology
# on our own recordings and check its funding runway. A few steps of weight moved from
# technology to reach make another candidate win (the flip of Exercise 4), so the decision
# rests on whether we need the technology or the channel first.

# %% [markdown] kind="readonly" grade_id="career-05-1"
# ## What this means for your career
#
# The CPO is the top of the management ladder, and the step from VP is less about new
# skills than about reach: the company instead of the portfolio, alliances instead of
# partnerships, the final call instead of a recommendation. If it is your goal, look for
# chances as a VP to own a partnership end to end and to present to the board; both are
# the evidence a CEO will look for.
