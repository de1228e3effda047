# %% [markdown] kind="readonly" grade_id="intro"
# # Module 05 · Chief Product Officer
#
# **Lesson 1 of 2: vision, culture and partnerships.** The CPO is the top of the product
# ladder. You will read what changes at that level, then evaluate partnership candidates
# with a weighted score, choosing the weights yourself and defending them.
#
# Run the cell below first.

# %% kind="readonly" grade_id="setup-1"
import course
from course.data import load
from course.feedback import check_option, check_scores, check_weights

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
# The same fifteen competencies apply at every rung; what changes is their reach. Decision
# making is now about where the whole company invests; communication is with the board and
# the market; adaptability means changing the strategy itself when the market moves
# (lesson 2).

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
# ## Exercise 1 · Score the partnership candidates (3 + 1 points)
#
# Your company sells a collaboration suite to mid-sized businesses. The strategy for the
# next three years is to become the suite that understands spoken meetings and to reach
# larger customers. Five candidates offer a partnership; each is scored 1 to 5 (5 best) on
# five criteria. For `affordability`, 5 means the cheapest deal.
#
# 1. Set `weights`: a dictionary with a weight for each of the five criteria. The board's
#    rules: every weight between 0 and 0.5, the weights adding up to 1, and
#    `strategic_fit` weighing at least as much as each other criterion. Within those rules
#    the weights are your call; you will justify them in Exercise 2.
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
partners

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
from autograder.grading import grade
grade("05-cpo/partner-scores", (globals().get("weights"), globals().get("partner_scores")))
### END HIDDEN TESTS

# %% kind="tests" grade_id="partner-pick-test" points=1
# Self-check: is chosen_partner one of the candidates? (Graded after you submit.)
check_option(globals().get("chosen_partner"), list(partners.index), name="chosen_partner",
             aliases=dict(zip(partners["name"], partners.index, strict=True)))
### BEGIN HIDDEN TESTS
from autograder.grading import grade
grade("05-cpo/partner-pick", (globals().get("weights"), globals().get("chosen_partner")))
### END HIDDEN TESTS

# %% [markdown] kind="readonly" grade_id="rationale-prompt"
# ## Exercise 2 · Defend your weights (3 points, graded by hand)
#
# In 5–8 sentences, explain your weights to the CEO: why the largest weight is where it is,
# why the smallest is where it is, which candidate you chose and what you would check in
# due diligence before signing. Say one way the choice could be wrong: which weight, if
# you changed it, would change the winner?

# %% [markdown] kind="manual" grade_id="weights-rationale" points=3
# *Model answer for graders (learners see an empty answer cell):* Strategic fit carries
# the most weight (0.35) because the strategy is meeting intelligence for larger
# customers, and a partner that does not move us there is a distraction however cheap.
# Technology synergy comes next (0.25): speech models we can build into the product are
# the core of the plan, and integration cost grows fast when the stacks differ. Reach
# matters (0.2) but a reseller cannot sell a product we have not built yet. Culture and
# price get 0.1 each: both matter for a long alliance, but neither makes one. On these
# weights Brightpath Labs wins. Before signing I would test its models on our own
# recordings and check its funding runway. If reach weighed more than technology, the
# cloud marketplace deal would come close, so the decision rests on whether we need the
# technology or the channel first.
