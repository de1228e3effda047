# %% [markdown] kind="readonly" grade_id="intro"
# # Module 00 · The product ladder
#
# **One lesson: the map of the course.** Product management careers climb a ladder of
# roles, each with a wider scope than the one below. You will read what each rung owns,
# meet the individual-contributor path that runs beside the management ladder, and see why
# the same title can mean different jobs in different companies. Then you will put the
# rungs in order, match what people do to their level, and take stock of your own skills.
#
# Run the cell below first. Your answers are saved as you go, in a small file beside this
# notebook; hand it in together with the notebook.

# %% kind="readonly" grade_id="setup-1"
import course
from course.data import load
from course.feedback import check_answered
from course.plots import radar_chart
from course.tables import styled
from course.variants import shuffled
from course.widgets import CompetencyRatings, Matching, RankingBoard

lesson = course.start("00-product-ladder", "1-the-ladder")

# %% [markdown] kind="readonly"
# ## Seven rungs, one direction: wider scope
#
# Companies organise their product people in different ways, but a common pattern shows up
# again and again. Each step up adds scope (more products, more people, longer horizons)
# and shifts the work from doing to deciding and from deciding to setting direction.
#
# - **Product Manager.** The entry rung of the management ladder. A PM looks after one
#   product, or one feature area of a larger product. The work is close to the customer
#   and close to delivery: collecting and reading user feedback, turning it into
#   requirements, and working with engineering and design until a release ships. How much
#   is entrusted varies, and the title shows it: Junior PM, PM or even Senior PM can all name
#   this level.
# - **Senior Product Manager.** More experience brings more scope: several products, or one
#   product so complex it behaves like a small portfolio. Some organisations call this rung
#   **Product Lead** or **Group PM**. Besides strategy, a Senior PM is expected to lead and to
#   coach: junior PMs, PMs, interns and graduates learn the craft from them.
# - **Director of Product.** The first rung where managing people is the core of the job. A
#   Director leads a team of PMs and answers for the product strategy and the roadmap of
#   one area or division, keeping its initiatives in line with business objectives.
# - **Senior Director of Product.** Several teams or departments of the product
#   organisation, not just one. A Senior Director sets strategic goals across them, works
#   with executive leadership, and takes part in deciding where resources go.
# - **Head of Product.** Accountable for the product function as a whole: its overall vision,
#   and the way product strategy serves the company's long-term goals. In a smaller company
#   this is often the top product job.
# - **Vice President (VP) of Product.** Strategy first. A VP looks after several product
#   lines or the company's entire portfolio, makes the high-level calls on investment and
#   resources together with the executive team, and builds the product management
#   organisation itself.
# - **Chief Product Officer (CPO).** Usually the top product role. The CPO sits among the
#   other C-level executives, sets the product vision and direction for the whole company,
#   and shapes its product culture.
#
# Below the first rung many companies hire an **Associate PM** (in digital product teams an
# *Associate Digital PM*): someone who owns a small set of features while a senior colleague
# guides the work.

# %% [markdown] kind="readonly"
# ## A second path: the Distinguished Product Manager
#
# Not everyone who rises wants to manage managers. Some companies, usually technology-driven
# ones that live on innovation, keep an **individual-contributor (IC) track** beside the
# management ladder. Its summit is the **Distinguished Product Manager**.
#
# The source calls the Distinguished PM a senior leadership position, earned through
# exceptional expertise, vision and impact rather than by running a bigger organisation.
# Their reach can exceed a director's: they lead diverse teams, shape strategy across
# products, set direction for the product discipline itself, spot where emerging technology
# can change the business, and mentor the people who will lead next. They earn the role
# through a record of high-impact products and of growing others. Their performance is read
# in numbers (adoption, retention, revenue growth and Net Promoter Score) and in signals that
# are harder to count: how engaged the teams around them are, how satisfied stakeholders
# feel, and how the industry regards their work. Feedback comes through two separate
# mechanisms: 360-degree reviews (customers among the raters) and quarterly performance
# discussions. (Calling this an IC track is the course's framing of how companies arrange
# such posts; module 06 says more.)
#
# The IC track matters for your planning: climbing does not have to mean managing.

# %% [markdown] kind="readonly"
# ## Why titles mislead
#
# The ladder above is a pattern, not a standard. The same words on a business card can hide
# very different jobs:
#
# - A "Head of Product" at a forty-person start-up may lead three PMs, while a "Senior
#   Director" at a large company may run several departments.
# - "Product Lead", "Group PM" and "Senior PM" can be one level under three names, or three
#   different levels in one company.
# - Even two jobs with the same title in the same industry can differ in scope, in who
#   reports to whom, and in which skills matter most.
#
# So when you weigh an offer or plan your next step, read past the title. Ask what the role
# owns (one feature, a product, a portfolio, the company's direction), how many people it
# leads, whose decisions it shapes, and what it will be judged on. Skills that transfer,
# curiosity about the industry and a flexible mind carry further than any title.

# %% [markdown] kind="readonly" grade_id="ladder-intro"
# ## Exercise 1 · Order the ladder (2 points)
#
# The seven rungs of the management ladder are listed below in a scrambled order (every
# learner gets an order of their own). Put them in order with the **lowest rung at the top
# of the list** and the highest at the bottom. Use the mouse (select a rung, then **Up**,
# **Down**, **To top**, **To bottom**) or the keyboard (Tab to a rung's place box below the
# list, type its place, press Enter). Every change is saved; a nearly right order earns
# partial credit.

# %% kind="readonly" grade_id="ladder-widget"
levels = load("m00_levels")
levels = levels.loc[shuffled(list(levels.index), "ladder-order")]  # your own starting order
ladder = RankingBoard(lesson, "ladder-order", levels, label="title")
ladder

# %% kind="solution" grade_id="ladder-code"
# Optional: you may set the order in code instead, e.g. ladder.order = ["cpo", ...]
### BEGIN SOLUTION
ladder.order = ["product_manager", "senior_pm", "director", "senior_director",
                "head_of_product", "vp_product", "cpo"]
### END SOLUTION

# %% kind="tests" grade_id="ladder-test" points=2
# Self-check: is an order saved? (How close it is to the ladder is graded after you submit.)
check_answered(ladder)
### BEGIN HIDDEN TESTS
# graded from the saved answer: 00-product-ladder/ladder-order
### END HIDDEN TESTS

# %% [markdown] kind="readonly" grade_id="scope-intro"
# ## Exercise 2 · Who does this? (4 points)
#
# Each statement describes the scope of one role. Choose the role in the menu on its left.
# One of the roles in the menu fits no statement. A partly right matching earns partial
# credit (half a point per statement).

# %% kind="readonly" grade_id="scope-widget"
statements = load("m00_scope")
statements = statements.loc[shuffled(list(statements.index), "level-scope")]  # your own order
level_names = {
    "associate_pm": "Associate PM",
    "product_manager": "Product Manager",
    "senior_pm": "Senior PM / Group PM",
    "director": "Director of Product",
    "senior_director": "Senior Director",
    "head_of_product": "Head of Product",
    "vp_product": "VP of Product",
    "cpo": "Chief Product Officer",
    "distinguished_pm": "Distinguished PM",
}
menu = dict(shuffled(list(level_names.items()), "level-scope:menu"))  # your own menu order
scope = Matching(lesson, "level-scope", rows=statements["statement"].to_dict(), options=menu)
scope

# %% kind="solution" grade_id="scope-code"
# Optional: you may answer in code instead of the menus, e.g. scope.value = {"S1": "cpo"}
### BEGIN SOLUTION
scope.value = {
    "S1": "product_manager", "S2": "senior_pm", "S3": "director", "S4": "senior_director",
    "S5": "head_of_product", "S6": "vp_product", "S7": "cpo", "S8": "distinguished_pm",
}
### END SOLUTION

# %% kind="tests" grade_id="scope-test" points=4
# Self-check: is every statement matched? (Which ones are right is graded after you submit.)
check_answered(scope, complete=list(statements.index))
### BEGIN HIDDEN TESTS
# graded from the saved answer: 00-product-ladder/level-scope
### END HIDDEN TESTS

# %% [markdown] kind="readonly"
# ## Fifteen competencies
#
# What gets people promoted? The career guide this course follows names fifteen evaluation
# and promotion criteria; what changes from rung to rung is how far each one reaches. A PM's
# *decision-making* is about one product's priorities; a CPO's is about where the whole
# company invests. Not every rung is described on all fifteen, though: the guide's list for
# the PM has fourteen (no strategic partnerships), the Director's has fourteen too (domain
# knowledge is not a separate item), and only the VP's and the CPO's cover all fifteen. The list below is used throughout the course, and module 08 comes back to
# it when you plan your own progression.

# %% kind="readonly" grade_id="competencies-table"
competencies = load("competencies")
styled(competencies[["name", "criterion"]], {"name": "Competency"})

# %% [markdown] kind="readonly" grade_id="self-intro"
# ## Exercise 3 · Where do you stand today? (2 points, for completion)
#
# Rate yourself on each competency from **1** to **5** (what each number means is shown
# under the buttons). There are no right answers here: this exercise is graded only on
# whether every competency has a rating. Be honest rather than generous; the point is a
# baseline you can compare against later in the course (module 08 starts from it). Click a
# number on each line, or Tab to it and press Enter.

# %% kind="readonly" grade_id="self-widget"
assessment = CompetencyRatings(lesson, "self-assessment")
assessment

# %% kind="solution" grade_id="self-code"
# Optional: you may rate in code instead, e.g. assessment.value = {"leadership": 3, ...}
### BEGIN SOLUTION
assessment.value = {
    "strategic-thinking": 3, "leadership": 2, "scope-management": 3,
    "collaboration-influence": 4, "vision-innovation": 3, "team-management": 1,
    "decision-making": 3, "communication": 4, "customer-focus": 4,
    "adaptability-resilience": 3, "data-analysis": 4, "business-acumen": 2,
    "domain-knowledge": 3, "strategic-partnerships": 1, "self-reflection-learning": 4,
}
### END SOLUTION

# %% kind="tests" grade_id="self-test" points=2
# Self-check: is every competency rated? (Only completion is graded.)
check_answered(assessment, complete=list(competencies.index))
### BEGIN HIDDEN TESTS
# graded from the saved answer: 00-product-ladder/self-assessment
### END HIDDEN TESTS

# %% [markdown]
# Your profile as a picture (run this cell again after changing a rating):

# %%
radar_chart(assessment.value or {}, labels=competencies["name"].to_dict(),
            title="My competencies today")

# %% [markdown] kind="readonly" grade_id="reflection-prompt"
# ## Reflection prompt (2 points, graded by hand)
#
# Look at your profile. In 4–6 sentences: which rung of the ladder (or of the IC track) would
# you like to reach in about five years, and why that one? Name the two competencies that
# most separate where you are from that role, and one concrete step you could take this
# quarter for each. If a title you have seen in a job advert confused you, say how you would
# find out what the job really involves.

# %% [markdown] kind="manual" grade_id="reflection" points=2
# *Model answer for graders (learners see an empty answer cell):* In five years I would like
# to be a Director of Product, because I enjoy helping other PMs grow and want to own the
# strategy of a whole area rather than one feature. My ratings for team management (1) and
# business acumen (2) are the clearest gaps. This quarter I will ask to mentor the new
# associate PM on my team, and I will sit in on the monthly revenue review with finance and
# write a one-page summary of what drives our margins. An advert for a "Product Lead" puzzled
# me, so I would ask how many people report to the role and which decisions it owns.

# %% [markdown] kind="readonly" grade_id="career-00-1"
# ## What this means for your career
#
# The ladder is a map, not a timetable. Place yourself on it by what you own today (a
# feature, a product, a portfolio), not by your title, and pick the next rung by the work you
# want: more people to lead, or harder problems to solve as a senior expert. Keep the
# self-assessment you just made: module 08 measures your gap to a target role from it.
