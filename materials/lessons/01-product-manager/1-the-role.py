# %% [markdown] kind="readonly" grade_id="intro"
# # Module 01 · The Product Manager and the Digital PM
#
# **Lesson 1 of 2: the role.** You will read what a Product Manager owns, how the Digital
# Product Manager works, and how the role differs from three jobs it is often confused with.
# Then you will match responsibilities to the role that owns them, research needs to the
# method that answers them, and moments of a DPM's week to the skill they call on.
#
# Run the cell below first. Your answers are saved as you go, in a small file beside this
# notebook; hand it in together with the notebook.

# %% kind="readonly" grade_id="setup-1"
import course
from course.data import load
from course.feedback import check_answered
from course.variants import shuffled
from course.widgets import Matching

lesson = course.start("01-product-manager", "1-the-role")

# %% [markdown] kind="readonly"
# ## What a Product Manager owns
#
# Every product needs someone who can explain, with evidence, why it exists and what it should become next. That person is the Product Manager (PM). Engineers decide how to build and designers shape the experience; the PM answers for the reasons behind the work and for what comes first.
#
# The PM stands where three worlds meet:
#
# - **Customers**: the problems people really have, learned from feedback, research and usage data.
# - **The business**: what the company needs from the product, such as revenue, retention or a stronger market position.
# - **Technology**: what the team can realistically build, and at what cost.
#
# A good PM holds all three in view and turns them into a **roadmap**: an ordered picture of the initiatives ahead, shared so that everyone knows where the product is going and why.
#
# One habit separates strong PMs from merely busy ones: they care about **outcomes more than output**. Shipping ten features is output. Customers finishing a task in half the time, or more of them still active after a month, is an outcome. What counts is a measurable difference for customers and the company.
#
# In a first PM role you usually look after one product or feature area, and most of your time goes into delivery: collecting user feedback, writing requirements, and working with engineering and design until each release ships.
#
# **Where this sits on the ladder:** Associate PM → Product Manager → Senior PM (also called Product Lead or Group PM) → Director of Product → Senior Director → Head of Product → VP of Product → Chief Product Officer (CPO).

# %% [markdown] kind="readonly"
# ## The Digital Product Manager and three arenas of work
#
# A Digital Product Manager (DPM) is a PM whose product lives on a screen: a mobile app, a single feature inside it, or a whole software platform. The DPM is the one accountable owner of that digital asset. They keep its purpose clear and relevant as competitors move, set its long-term direction in step with company goals, and maintain the roadmap. Above all, a DPM must be able to justify the spending: why this product, why this feature, why now.
#
# The work falls into three arenas.
#
# **1. Business strategy.** Here the DPM connects the product to commercial results.
#
# - Watch competitors and the wider market for gaps and openings.
# - Set **KPIs** (key performance indicators): specific, measurable targets that define what success looks like.
# - Estimate the **return on investment (ROI)** of a feature *before* anyone starts building it, not afterwards.
# - Review **pricing**, and know how much the product adds to company revenue.
#
# **2. User research.** Here the DPM learns who the users are and what stands in their way.
#
# - Talk with people one to one in **interviews**, reach many at once with **surveys**, and watch them attempt real tasks in **usability tests**.
# - Combine what people say (qualitative evidence) with what the numbers show (quantitative evidence).
# - Capture typical users as **personas** and draw their path through the product as **journey maps**, so that design and engineering share one picture.
# - Use the findings to rank problems and test whether a proposed solution really helps.
#
# **3. Execution.** A DPM writes no code but steers the engineering team's flow of work. In practice, they:
#
# - own the **backlog**, a ranked list of new features, bug fixes and technical work;
# - write **user stories** that express a need from the user's side of the screen;
# - join **sprint** planning, reviews and retrospectives in Agile teams, acting as the main bridge between business stakeholders and engineers.
#
# Rule of thumb: the DPM decides *what* is needed; engineers decide *how* to build it.

# %% [markdown] kind="readonly"
# ## Not the same job: Project Manager, Product Owner, Marketing Manager
#
# Four titles that sound alike are often blurred in job ads. The people holding them work together closely, yet each is accountable for something different.
#
# **Project Manager.** A project has a start, an end and an agreed scope. The Project Manager runs its logistics: schedule, budget and people. They succeed when it lands on time and within budget. The Product Manager asks an earlier question: is this the right thing to deliver, and will customers want it?
#
# **Product Owner.** A role from Scrum and other Agile methods. The Product Owner (PO) works inside one development team, keeping its backlog in order and getting the most value from each sprint; success shows in the team's velocity and efficiency. The Product Manager looks outward, at markets, competitors and the business model, and sets the vision; the PO turns it into tasks the team can pick up tomorrow. (Careful
# with one overlap: in the Digital PM guide it is the DPM who writes the **user stories**
# that carry requirements to engineering; what marks the PO is the tactical step after
# that, turning a strategy set by someone else into the team's next tasks and ordering
# them for the sprint.)
#
# **Marketing Manager.** Both roles face the customer, but from opposite ends. The Product Manager shapes the product itself: its features, the problem it solves and the value it delivers. The Marketing Manager promotes the existing product through campaigns and messaging. One defines the value proposition; the other makes sure people hear about it.
#
# | | Product Manager | Project Manager | Product Owner | Marketing Manager |
# |---|---|---|---|---|
# | **Main question** | Why build this, and what should it be? | How do we deliver it on time and on budget? | What should the team build in the next sprint? | How do we get people to notice, try and use it? |
# | **Owns** | Vision, strategy, roadmap and requirements of the product | Timeline, budget and resources of one initiative | The development team's backlog | Campaigns, messaging and customer acquisition |
# | **Time horizon** | Long term: the whole life of the product | One project, from kickoff to close | Short term: the current and next sprints | Campaign cycles for a product that already exists |
# | **Success measured by** | Outcomes: KPIs, customer value, market fit | Delivery on time, on budget, in scope | Team velocity and delivery of prioritized items | Awareness, acquisition and usage |

# %% [markdown] kind="readonly"
# ## Skills and the path upward
#
# The role mixes numbers and people, so a DPM needs both kinds of skill.
#
# **Hard skills**
#
# - **Data analysis**: reading usage statistics and behaviour patterns in analytics tools, finding where users drop off, and judging whether a launch worked.
# - **Technical fluency**: enough grasp of the architecture, APIs and system dependencies to talk with engineers as a peer and to weigh technical debt fairly against new features.
# - **Market research**: studying competitors and spotting trends, so that decisions rest on what is happening outside the company.
#
# **Soft skills**
#
# - **Communication**: making the product vision clear and convincing to executives, engineers and designers alike.
# - **Stakeholder management**: reconciling departments whose priorities clash, and keeping expectations realistic.
# - **Leadership without formal authority**: PMs rarely manage the people who build the product, so they lead through a clear vision and arguments backed by data.
#
# **The path upward**
#
# People come into the role from many directions, often from business analysis, technical marketing or software engineering. A common first title is Associate DPM: you own a small feature set while a senior colleague guides you. The usual route from there:
#
# Associate DPM → Product Manager → Senior PM → Group PM or Director of Product → VP of Product or CPO
#
# Each step widens the scope, from a feature to a product line or platform, then to several teams and a portfolio, and finally to the whole product organization, reporting to the executive team.

# %% [markdown] kind="readonly" grade_id="role-owners-intro"
# ## Exercise 1 · Who owns it? (4 points)
#
# Each line describes a piece of work in a product organisation. Choose, in the menu on the
# left, the role that **owns** it: Product Manager, Project Manager, Product Owner or
# Marketing Manager. Two responsibilities belong to each role. Your choices are saved as you
# make them, and a partly finished matching earns partial credit.

# %% kind="readonly" grade_id="role-owners-widget"
responsibilities = load("m01_responsibilities")
responsibilities = responsibilities.loc[shuffled(list(responsibilities.index), "role-owners")]
roles = {
    "product_manager": "Product Manager",
    "project_manager": "Project Manager",
    "product_owner": "Product Owner",
    "marketing_manager": "Marketing Manager",
}
roles = dict(shuffled(list(roles.items()), "role-owners:menu"))  # your own menu order
owners = Matching(lesson, "role-owners", rows=responsibilities["responsibility"].to_dict(),
                  options=roles)
owners

# %% kind="solution" grade_id="role-owners-code"
# Optional: you may answer in code instead of the menus, for example
# owners.value = {"R1": "product_owner", "R2": "marketing_manager"}
### BEGIN SOLUTION
owners.value = {
    "R1": "product_manager", "R2": "project_manager", "R3": "product_owner",
    "R4": "marketing_manager", "R5": "product_manager", "R6": "product_owner",
    "R7": "project_manager", "R8": "marketing_manager",
}
### END SOLUTION

# %% kind="tests" grade_id="role-owners-test" points=4
# Self-check: is every responsibility matched? (Which ones are right is graded after you submit.)
check_answered(owners, complete=list(responsibilities.index))
### BEGIN HIDDEN TESTS
# graded from the saved answer: 01-product-manager/role-owners
### END HIDDEN TESTS

# %% [markdown] kind="readonly" grade_id="research-intro"
# ## Exercise 2 · Which research method? (3 points)
#
# A Digital PM picks the research method by what they need to learn. For each need, choose
# the method (or the artefact) from the user-research arena above that answers it best; each
# fits exactly one need.

# %% kind="readonly" grade_id="research-widget"
needs = load("m01_research")
needs = needs.loc[shuffled(list(needs.index), "research-methods")]  # your own order
menu = {"interviews": "interviews", "surveys": "surveys", "usability-tests": "usability tests",
        "personas": "personas", "journey-maps": "journey maps"}
menu = dict(shuffled(list(menu.items()), "research-methods:menu"))
methods = Matching(lesson, "research-methods", rows=needs["need"].to_dict(), options=menu)
methods

# %% kind="solution" grade_id="research-code"
# Optional: answer in code instead, e.g. methods.value = {"U1": "surveys"}
### BEGIN SOLUTION
methods.value = {"U1": "interviews", "U2": "surveys", "U3": "usability-tests",
                 "U4": "personas", "U5": "journey-maps"}
### END SOLUTION

# %% kind="tests" grade_id="research-test" points=3
# Self-check: is every need matched? (Which are right is graded after you submit.)
check_answered(methods, complete=list(needs.index))
### BEGIN HIDDEN TESTS
# graded from the saved answer: 01-product-manager/research-methods
### END HIDDEN TESTS

# %% [markdown] kind="readonly" grade_id="skills-intro"
# ## Exercise 3 · Which skill is at work? (3 points)
#
# Six moments from a Digital PM's week. For each, choose the hard or soft skill from the
# lesson it calls on most; each skill fits exactly one moment.

# %% kind="readonly" grade_id="skills-widget"
moments = load("m01_skills")
moments = moments.loc[shuffled(list(moments.index), "dpm-skills")]  # your own order
menu = {"data-analysis": "hard: data analysis", "technical-fluency": "hard: technical fluency",
        "market-research": "hard: market research", "communication": "soft: communication",
        "stakeholder-management": "soft: stakeholder management",
        "leadership": "soft: leadership without formal authority"}
menu = dict(shuffled(list(menu.items()), "dpm-skills:menu"))
skills = Matching(lesson, "dpm-skills", rows=moments["moment"].to_dict(), options=menu)
skills

# %% kind="solution" grade_id="skills-code"
# Optional: answer in code instead, e.g. skills.value = {"K1": "communication"}
### BEGIN SOLUTION
skills.value = {"K1": "data-analysis", "K2": "technical-fluency",
                "K3": "stakeholder-management", "K4": "market-research", "K5": "leadership",
                "K6": "communication"}
### END SOLUTION

# %% kind="tests" grade_id="skills-test" points=3
# Self-check: is every moment matched? (Which are right is graded after you submit.)
check_answered(skills, complete=list(moments.index))
### BEGIN HIDDEN TESTS
# graded from the saved answer: 01-product-manager/dpm-skills
### END HIDDEN TESTS

# %% [markdown] kind="readonly" grade_id="outro-1"
# **Next:** lesson 2, *Prioritize and measure*, puts these ideas to work on a real backlog and
# a product funnel.

# %% [markdown] kind="readonly" grade_id="career-01-1"
# ## What this means for your career
#
# The PM rung is where every path on the ladder starts, and the habits formed here travel
# upward: owning the *why* of a product, separating it from project, Product Owner and
# marketing work, and leading without authority. A Director will later be judged on how well
# they coach PMs in exactly these skills, so the clearer you are about them now, the better
# you will teach them.
