# %% [markdown] kind="readonly" grade_id="intro"
# # Module 07 · Collaboration across the ladder
#
# A product organisation works only when its levels work *together*: the Product Manager
# with the Director, the Director with the VP, the VP with the CPO. This lesson looks at
# what each pair shares, who brings what, and how to settle two everyday questions: **who
# decides** (and who must be asked first), and **where a problem goes** when it cannot be
# solved where it started.
#
# Run the cell below first. Your answers are saved as you go, in a small file beside this
# notebook; hand it in together with the notebook.

# %% kind="readonly" grade_id="setup-1"
import course
from course.career import check_grid
from course.data import load
from course.feedback import check_answered
from course.roles import collaboration
from course.tables import styled
from course.variants import shuffled
from course.widgets import Matching, RaciGrid

lesson = course.start("07-collaboration", "1-working-across-levels")

# %% [markdown] kind="readonly"
# ## One product, four levels
#
# Think of the levels as rings of scope around a product:
#
# - The **Product Manager** runs one product or feature area and knows its users and its
#   domain better than anyone.
# - The **Director of Product** runs an area or division: several products and the PMs who
#   own them, with one strategy and one roadmap across them.
# - The **VP of Product** runs several product lines or the whole portfolio and makes the
#   big investment calls together with the executives.
# - The **Chief Product Officer** answers for the product vision, strategy and culture of
#   the whole company and sits with the other C-level leaders.
#
# Larger companies add rungs between Director and VP (a **Senior Director** over several
# teams, a **Head of Product** over the entire product function); the patterns below hold
# for them too, one ring at a time.
#
# A useful lens (ours, not the source's): in every pair the level closer to the product
# brings **depth** (customer evidence, domain knowledge, how the work is really going) and
# the level further out brings **breadth** (the strategy the work must serve, the trade-offs
# between teams, the view of the market and the board).
#
# **Read the source carefully, though.** For some aspects it does give each level its own
# part. For most it describes **joint work**: the two "assess together", "decide
# together", "prepare the presentations together", with no split of who does what. In the
# tables below the two columns always say what each level can bring; where the source
# describes joint work, that split is the **course's proposal** for organising it, not a
# fact, and the paragraphs below say which aspects those are. Exercise 3 asks you to tell
# the two apart.

# %% [markdown] kind="readonly"
# ## Product Manager and Director
#
# The PM and the Director meet on seven kinds of work.
#
# - **Split by the source.** *Strategic alignment*: the Director gives guidance on the wider
#   direction, the PM knows the product's domain and customers. *Roadmap*: the Director
#   gives high-level input; the PM prioritises features, writes user stories and orders the
#   releases. *Feedback*: customer and performance data flow up, strategic judgement flows
#   down. *Coaching*: the Director coaches and mentors the PM in one-to-ones and performance
#   reviews.
# - **Joint in the source.** *Resource allocation*: the two weigh engineering capacity,
#   budget and timeline and decide the priorities **together**. *Cross-functional
#   teamwork*: both bring design, engineering, marketing and sales into the work.
#   *Stakeholders*: both talk to executives, investors and customers, keeping one
#   transparent message. (The course's proposal for allocation, when the two disagree: the
#   Director, whose scope covers all the projects, settles it, as the RACI rules below do.)

# %% kind="readonly" grade_id="pairs-pm-director"
styled(collaboration("pm-director")[["aspect", "lower_brings", "upper_brings"]],
       {"lower_brings": "The PM brings", "upper_brings": "The Director brings"})

# %% [markdown] kind="readonly"
# ## Director and VP
#
# One ring further out, the subject changes from one area to the **portfolio**.
#
# - **Split by the source.** *Strategic alignment*: the VP reads the industry and the
#   market; the Director knows the domain, the customers and the competitors. *Vision and
#   strategy*: the VP gives the high-level direction; the Director brings domain expertise,
#   market research and customer feedback.
# - **Joint in the source.** *Portfolio management*: which products deserve investment.
#   *Resource allocation and budgeting* across initiatives and teams. *Cross-functional
#   collaboration*: breaking down silos. *Evaluating and coaching* the product managers of
#   the organisation. *Executive reporting*: metrics, progress and strategy updates for the
#   executives and the board, with the presentations **prepared together** and the
#   questions answered together. (A split such as "the Director brings the numbers, the VP
#   the story" is a proposal some teams use, not what the source says.)

# %% kind="readonly" grade_id="pairs-director-vp"
styled(collaboration("director-vp")[["aspect", "lower_brings", "upper_brings"]],
       {"lower_brings": "The Director brings", "upper_brings": "The VP brings"})

# %% [markdown] kind="readonly"
# ## VP and CPO
#
# At the top of the ladder the pair shapes the company's product vision and culture.
#
# - **Split by the source.** *Vision and strategy*: the CPO brings market trends, customer
#   needs and industry insight; the VP brings product expertise, domain knowledge and what
#   the directors and PMs are learning.
# - **Joint in the source.** Everything else: leading across departments; managing the
#   portfolio for growth, profit and customer satisfaction (assessed **jointly**); reporting
#   to the executives and the board; **strategic partnerships**, which appear only in this
#   pair (both assess candidates and their synergies, and both negotiate and establish the
#   alliance); **talent**, where both oversee hiring and developing product managers and
#   directors; and continuous improvement (new methods, experiments, emerging trends).
#   ("The VP scouts, the CPO signs" would be one way to organise partnerships; the source
#   does not divide it so.)

# %% kind="readonly" grade_id="pairs-vp-cpo"
styled(collaboration("vp-cpo")[["aspect", "lower_brings", "upper_brings"]],
       {"lower_brings": "The VP brings", "upper_brings": "The CPO brings"})

# %% [markdown] kind="readonly"
# ## Who decides? The RACI grid
#
# A **RACI** grid lists decisions against the people involved and gives each person one
# letter per decision:
#
# | letter | meaning |
# |---|---|
# | **A**, accountable | makes the decision; exactly one per decision |
# | **R**, responsible | prepares the options and carries the decision out |
# | **C**, consulted | asked for their view *before* the decision (a two-way conversation) |
# | **I**, informed | told once it is made (one-way) |
# | **–** | not involved |
#
# Larkspur, the software company of this lesson, has two divisions: **Commerce** (the
# Checkout and Payments products) and **Insights** (Reports and Forecasting). Each product
# has a PM, each division a Director; one VP runs the portfolio of product lines and
# reports to the CPO. Larkspur's house rules:
#
# 1. **Decide at the lowest level whose scope covers everything the decision touches.** One
#    product: its PM. Several products of one division: the Director. Several divisions or
#    product lines: the VP. The whole company (its vision, its product culture, partners
#    every product depends on): the CPO.
# 2. **The level just below the decider prepares and carries it out (R).** When a PM
#    decides, the PM does both: mark the PM **A**.
# 3. **Consultation goes one level up (C):** the level just above the decider is asked
#    first. The CPO consults the CEO and the board, who are not in this grid.
# 4. **Information flows down (I):** every level below the preparer is informed. Levels two
#    or more above the decider are not involved (**–**).
#
# For example, if a Director decides, the grid reads PM **R**, Director **A**, VP **C**,
# CPO **–**.

# %% [markdown] kind="readonly" grade_id="raci-intro"
# ## Exercise 1 · Fill in the RACI grid (4 points)
#
# Give every level one letter for each of Larkspur's decisions, following the house rules.
# Each cell is graded on its own, so a grid with one misjudged decision still earns most of
# the points. A decision with two **A**s is refused (it is shown, with the reason, and not
# saved).

# %% kind="readonly" grade_id="raci-widget"
decisions = load("m07_decisions")
decisions = decisions.loc[shuffled(list(decisions.index), "raci")]  # your own order
levels = {"product_manager": "PM", "director": "Director", "vp_product": "VP", "cpo": "CPO"}
raci = RaciGrid(lesson, "raci", rows=decisions["decision"].to_dict(), columns=levels)
raci

# %% kind="solution" grade_id="raci-code"
# Optional: you may fill the grid in code instead, one decision at a time, for example
# raci.value = {**(raci.value or {}), "D1": {"product_manager": "R", "director": "A", ...}}
### BEGIN SOLUTION
by_decider = {
    "product_manager": {"product_manager": "A", "director": "C", "vp_product": "-", "cpo": "-"},
    "director": {"product_manager": "R", "director": "A", "vp_product": "C", "cpo": "-"},
    "vp_product": {"product_manager": "I", "director": "R", "vp_product": "A", "cpo": "C"},
    "cpo": {"product_manager": "I", "director": "I", "vp_product": "R", "cpo": "A"},
}
deciders = {"D1": "product_manager", "D2": "director", "D3": "director", "D4": "vp_product",
            "D5": "product_manager", "D6": "cpo", "D7": "vp_product", "D8": "cpo"}
raci.value = {decision: by_decider[level] for decision, level in deciders.items()}
### END SOLUTION

# %% kind="tests" grade_id="raci-test" points=4
# Self-check: is every cell filled, with one decider per decision? (Which letters are right is graded after you submit.)
check_grid(raci, list(decisions.index), list(levels))
### BEGIN HIDDEN TESTS
# graded from the saved answer: 07-collaboration/raci
### END HIDDEN TESTS

# %% [markdown] kind="readonly"
# ## Where does a problem go? Escalation
#
# Escalating is not complaining to the boss: it is taking a problem to the **lowest level
# that can actually settle it**, which is the level whose scope covers every person,
# budget or promise involved. A conflict inside one product team belongs to its PM. Two
# products of the same division competing for the same people: their Director, who owns
# the trade-off between them. A clash between divisions, or a question of which product
# line grows: the VP. Anything that touches the company's vision, its culture or a partner
# the whole company depends on: the CPO.
#
# Two habits make escalation work. Escalate **early and together** (both sides describe the
# problem in the same words, with the options and what each costs), and escalate **only as
# far as needed**: skipping a level takes the decision away from the person who has the
# context.

# %% [markdown] kind="readonly" grade_id="escalation-intro"
# ## Exercise 2 · Route each problem (3 points)
#
# For each problem at Larkspur, choose the level it should be taken to.

# %% kind="readonly" grade_id="escalation-widget"
problems = load("m07_problems")
problems = problems.loc[shuffled(list(problems.index), "escalation")]  # your own order
routing = Matching(lesson, "escalation", rows=problems["problem"].to_dict(), options=levels)
routing

# %% kind="solution" grade_id="escalation-code"
# Optional: answer in code instead, e.g. routing.value = {"E1": "director"}
### BEGIN SOLUTION
routing.value = {"E1": "product_manager", "E2": "director", "E3": "vp_product", "E4": "cpo",
                 "E5": "director", "E6": "vp_product"}
### END SOLUTION

# %% kind="tests" grade_id="escalation-test" points=3
check_answered(routing, complete=list(problems.index))
### BEGIN HIDDEN TESTS
# graded from the saved answer: 07-collaboration/escalation
### END HIDDEN TESTS

# %% [markdown] kind="readonly" grade_id="claims-intro"
# ## Exercise 3 · Source or proposal? (3 points)
#
# Job descriptions and onboarding decks often state neat splits of work between levels.
# Some come from the source; others cut up work that the source describes as joint. For
# each statement, choose **source** if the source gives each level that part, or
# **proposal** if the source describes the aspect as joint work and the split is someone's
# way of organising it. The paragraphs on the three pairs above are all you need. After
# grading, the feedback points to the paragraph to reread for any statement you got wrong.

# %% kind="readonly" grade_id="claims-widget"
claims = load("m07_claims")
claims = claims.loc[shuffled(list(claims.index), "source-or-proposal")]  # your own order
kinds = {"source": "source: the split is the source's",
         "proposal": "proposal: the source describes joint work"}
sourcing = Matching(lesson, "source-or-proposal", rows=claims["claim"].to_dict(), options=kinds)
sourcing

# %% kind="solution" grade_id="claims-code"
# Optional: answer in code instead, e.g. sourcing.value = {"A1": "proposal"}
### BEGIN SOLUTION
sourcing.value = {"A1": "source", "A2": "proposal", "A3": "source", "A4": "source",
                  "A5": "proposal", "A6": "proposal", "A7": "source", "A8": "proposal"}
### END SOLUTION

# %% kind="tests" grade_id="claims-test" points=3
check_answered(sourcing, complete=list(claims.index))
### BEGIN HIDDEN TESTS
# graded from the saved answer: 07-collaboration/source-or-proposal
### END HIDDEN TESTS

# %% [markdown] kind="readonly" grade_id="reflection-prompt"
# ## Reflection prompt (2 points, graded by hand)
#
# Choose one aspect of collaboration between two adjacent levels (for example coaching
# between a PM and a Director, executive reporting between a Director and a VP, or
# strategic partnerships between a VP and a CPO; a Senior Director or Head of Product pair
# is fine too). In 4–6 sentences: describe a situation where it broke down or could break
# down, say what each of the two levels should have brought, and name one concrete
# practice (a meeting, a document, a rule) that would keep it working.

# %% [markdown] kind="manual" grade_id="reflection" points=2
# *Model answer for graders (learners see an empty answer cell):* Executive reporting
# between a Director and a VP broke down when the VP presented a quarterly update that
# promised a launch date the Director's teams had already moved. The Director owned the
# delivery facts and should have flagged the slip with its cause and a new date; the VP
# owned the story for the board and should have checked the numbers with the Director
# before presenting. A short written brief, agreed by both two days before every board
# meeting, with each figure marked by who owns it, would keep the two views in step.

# %% [markdown] kind="readonly" grade_id="career-07-1"
# ## What this means for your career
#
# Every promotion moves you into a new pair: the PM who worked with a Director becomes the
# Director working with a VP. Learn now what the level above you brings, and what it expects
# from you; and when someone hands you a neat split of duties, ask whether it is the
# source's or a proposal, and agree it explicitly.
