# %% [markdown] kind="readonly" grade_id="intro"
# # Module 03 · Director of Product
#
# **Lesson 1: the role.** What a Director of Product answers for, how the daily work
# changes from a first directorship to a senior one, the five specialisations, what the job
# pays and what makes it hard. Then you will match companies to the director they need and
# work with the published pay figures in pandas.
#
# Run the cell below first. Your answers are saved as you go, in a small file beside this
# notebook; hand it in together with the notebook.

# %% kind="readonly" grade_id="setup-1"
import course
from course.data import load
from course.feedback import check_answered, check_numbers, check_scores
from course.tables import styled
from course.variants import shuffled
from course.widgets import Matching

lesson = course.start("03-director", "1-the-director")

# %% [markdown] kind="readonly"
# ## The job in three parts
#
# On the seven-rung ladder of module 00 the Director of Product is the third rung: above the
# PM and the Senior PM, below the Senior Director, the Head of Product, the VP and the CPO.
# It is the first rung whose core is managing product managers. A vendor's article on the
# role and its pay describes the job in three parts:
#
# 1. **Leading product managers.** The director hires, coaches and reviews a team of PMs,
#    helps them choose between competing features and keeps them close to what customers
#    need.
# 2. **Setting a clear product vision** for an area or division, and making sure the people
#    who build it can repeat it in their own words.
# 3. **Keeping every product aligned with company goals**: a product that delights users
#    but does not help the business grow is not yet a success.
#
# Most of this happens through other people. A director spends the week with engineering,
# marketing and sales leaders, deciding what comes first, clearing whatever blocks the
# teams, and turning product data into decisions. A PM owns the daily execution of one
# product; the director owns the strategy across several, the collaboration between teams
# and the fit with the company's aims.
#
# **How people get there.** Usually from several years as a PM, where you learn how
# products are built and shipped. Along the way future directors take on more: mentoring
# junior PMs, leading projects that cut across teams, learning the business side (finance,
# planning, analytics). A business, computer-science or marketing degree, an MBA or an
# agile certification can help; mentors who have done the job help more.
#
# **The skills that article asks for**, one by one:
#
# - **strategic thinking**: reading the market, spotting openings, knowing which features
#   carry the most value;
# - **leadership and communication**: motivating and coaching a team made of managers, and
#   keeping other teams pointed at the same goals;
# - **data analysis and metrics**: following how products perform and steering by it;
# - **customer focus**: collecting feedback, finding pain points, checking the product
#   really solves them;
# - **project management and technical understanding**: enough of both to agree realistic
#   timelines with other teams and see trouble coming.
#
# Its FAQ names the challenges: balancing innovation against stability, markets that will
# not hold still, keeping teams working together smoothly, and stakeholders who expect
# different things.

# %% [markdown] kind="readonly"
# ## Daily work at three levels
#
# The title stays the same while the job changes a lot with experience. Careful with one
# word: here "senior-level director" means an experienced holder of the *Director* title.
# Module 04's **Senior Director** is a separate, higher rung of the ladder, with several
# teams or departments underneath. Companies use the phrase both ways; ask which one is
# meant.
#
# | | entry-level director | mid-level director | senior-level director |
# |---|---|---|---|
# | **Scope** | one product, or a few, in the company's portfolio | several product lines or a larger portfolio | the direction of product work across the company |
# | **Typical week** | runs the roadmaps, works with engineering, marketing and sales, studies the market, defines and reads the metrics, orders the backlog, reports progress and problems upward | refines strategy against the company vision, mentors PMs and cross-functional leads, writes business cases and wins executive support, sets up partnerships, steers market analysis, **manages budget and resource allocation** | sets the long-range vision across product lines, looks for new products to create, leads initiatives that span departments, speaks for the product work to the board, investors and the public, builds the product culture, develops the next leaders |
# | **Main shift** | from doing to directing | from products to a portfolio | from a portfolio to the company |
#
# Notice where resource allocation appears: it becomes part of the job in the middle years
# and stays there. Lesson 2 of this module puts you in that seat.
#
# Twelve responsibilities come up again and again in descriptions of the role: product
# strategy and roadmap; leading and mentoring the team; working across functions; market
# and competitor research; defining metrics and analysing performance; gathering feedback
# from customers and stakeholders; the product life cycle from idea to post-launch
# iterations; go-to-market with sales and marketing; **the product budget and how resources
# are spread**; decisions on features, pricing and improvements; legal, regulatory and
# ethical compliance; and keeping up with technology and practice.
#
# **Who a Director works with.** Engineering, to build the right thing well; marketing and
# sales, whose strategies the director helps shape; **finance**, for budgets and forecasts;
# and **customer success**, whose view of users feeds straight back into how the product
# evolves. The director's task is to pull those departments' goals into one direction.
#
# **Where and how the work happens.** Mostly in corporate, strategy-heavy settings: tech
# companies, large enterprises, fast-scaling start-ups, in executive meetings and planning
# sessions, and often remotely, with teams led over video and chat. The job is full-time and
# expects the director to be reachable when a critical call must be made; launches, sudden
# market shifts and business transitions bring long days. Much of the time goes to
# planning, stakeholders and leading people, and conditions change fast enough that
# resilience is part of the job description.
#
# **Demand for the role.** The sources see it rising: companies compete through their
# products and need experienced leaders to run them, and for Digital PMs the demand for
# experienced people outruns the supply, which keeps pay competitive and careers stable.
# From Director the usual next steps are VP of Product and CPO.

# %% [markdown] kind="readonly"
# ## Five specialisations
#
# Large companies often hire a director for a particular kind of product problem.
#
# - **Technical.** For products whose value lies in hard engineering: platforms, device
#   fleets, cloud infrastructure, developer tools. This director has a technical background,
#   sets technical strategy with engineering leads and is common in software, IoT and cloud
#   companies, where buyers compare technical capability.
# - **Growth.** For scaling the user base and revenue: acquisition, engagement, conversion,
#   monetisation and retention, driven by data and experiments, in close work with
#   marketing, sales and customer success. Typical of consumer apps and SaaS in crowded
#   markets.
# - **UX / product design.** For products where the experience itself is the edge. This
#   director leads designers and researchers, runs user testing and design thinking, and
#   cares about accessibility and brand. Typical of e-commerce, digital media and consumer
#   electronics.
# - **Data.** For products that *are* data: analytics, business intelligence, machine
#   learning. This director understands data science and works with data teams so that
#   customers get accurate, usable insight. Typical of analytics firms, financial
#   institutions and enterprise software built on data services.
# - **Enterprise.** For products sold to large organisations: integration with existing
#   systems, regulatory compliance, security and scale, long sales cycles, many
#   stakeholders. Typical of B2B suites such as ERP, cybersecurity and enterprise cloud.

# %% [markdown] kind="readonly" grade_id="specialisation-intro"
# ## Exercise 1 · Which director does each company need? (5 points)
#
# Each company below has one pressing product problem. Choose, in the menu on the left, the
# specialisation of the director it should hire; each specialisation fits exactly one
# company. Your choices are saved as you make them, and a partly right matching earns
# partial credit. After grading, the feedback points to what to reread for any company you
# matched wrongly.

# %% kind="readonly" grade_id="specialisation-widget"
companies = load("m03_companies")
companies = companies.loc[shuffled(list(companies.index), "specialisation")]  # your own order
specialisations = load("specialisations")
menu = dict(shuffled(list(specialisations["name"].items()), "specialisation:menu"))
needs = Matching(lesson, "specialisation", rows=companies["company"].to_dict(), options=menu)
needs

# %% kind="solution" grade_id="specialisation-code"
# Optional: you may answer in code instead of the menus, for example
# needs.value = {"C1": "growth", "C2": "data"}
### BEGIN SOLUTION
needs.value = {"C1": "technical", "C2": "growth", "C3": "design", "C4": "data",
               "C5": "enterprise"}
### END SOLUTION

# %% kind="tests" grade_id="specialisation-test" points=5
# Self-check: is every company matched? (Which ones are right is graded after you submit.)
check_answered(needs, complete=list(companies.index))
### BEGIN HIDDEN TESTS
# graded from the saved answer: 03-director/specialisation
### END HIDDEN TESTS

# %% [markdown] kind="readonly"
# ## What the role pays
#
# Published averages for a Director of Product Management in the United States (from the
# vendor's article on the role and its pay; the figures are kept in the data set below) put
# base salary near 177 thousand
# dollars, with a cash bonus of about 40 thousand on top. Pay depends on the city, the
# industry, the company and the person's experience, so treat any single figure as a rough
# guide. Two questions are worth asking of such figures:
#
# - **How much of the pay is variable?** The bonus as a share of *total* pay tells you how
#   much of the income depends on results.
# - **How much does place matter?** A city's **premium** is how far its average salary is
#   above the national average salary, as a fraction of the national figure:
#   (city − national) ÷ national. A city paying 110 against a national 100 has a premium
#   of 0.10.
#
# Compare like with like: city figures here are base salaries, so compare them with the
# national base salary, not with total pay.

# %% [markdown] kind="readonly" grade_id="pay-intro"
# ## Exercise 2 · Read the pay figures (1 + 2 points)
#
# `pay` has one row per published figure; the `source` column names the article it comes
# from. Compute:
#
# 1. `bonus_share`: the average cash bonus as a share of average total pay (a number
#    between 0 and 1, such as 0.25 rather than 25);
# 2. `city_premium`: a pandas Series indexed by the city ids (`sf`, `mia`, `sea`, `pdx`,
#    `nyc`) holding each city's premium over the national average base salary, as a
#    fraction (0.1 rather than 10).
#
# Keep the full precision of both: do not round them.

# %% kind="readonly" grade_id="pay-data"
pay = load("m03_compensation")
CITIES = ["sf", "mia", "sea", "pdx", "nyc"]
styled(pay, {"usd": "Amount (USD a year)"})

# %% kind="solution" grade_id="pay-code"
### BEGIN SOLUTION
usd = pay["usd"].astype(float)
bonus_share = usd["us-bonus"] / usd["us-total"]
city_premium = usd[CITIES] / usd["us-salary"] - 1
### END SOLUTION

# %% kind="tests" grade_id="bonus-share-test" points=1
# Self-check: is bonus_share a number? (Its value is graded after you submit.)
check_numbers({"bonus_share": globals().get("bonus_share")}, ["bonus_share"], name="bonus_share",
              between=(0, 1))
### BEGIN HIDDEN TESTS
from course.report import report
report("03-director/bonus-share", globals().get("bonus_share"))
### END HIDDEN TESTS

# %% kind="tests" grade_id="city-premium-test" points=2
# Self-check: one fraction per city? (The values are graded after you submit.)
check_scores(globals().get("city_premium"), CITIES, name="city_premium", positive=False,
             between=(-1, 1), aliases=dict(zip(pay["place"], pay.index, strict=True)))
### BEGIN HIDDEN TESTS
from course.report import report
report("03-director/city-premium", globals().get("city_premium"))
### END HIDDEN TESTS

# %% [markdown] kind="readonly"
# ## What makes the job hard
#
# Directors describe the same tensions again and again:
#
# - **Innovation against stability.** New bets compete for the same people who keep the
#   current products healthy.
# - **Uncertain markets.** Roadmaps have to be re-forecast as trends move, usually with a
#   budget that does not grow to match.
# - **Many teams, one strategy.** Engineering, design, marketing and sales each have good
#   reasons for their own priorities; the director has to make them pull the same way.
# - **Divergent stakeholders.** Executives, customers and teams want different things, and
#   all of them have to be heard and some of them disappointed.
# - **Scale.** As the company grows, product lines and processes that worked for ten
#   people have to work for a hundred without losing the ability to innovate.
#
# The role often means long hours around launches and market shifts, which is why
# adaptability and resilience appear on every list of what a director needs. It is also a
# common route to VP of Product and then Chief Product Officer: the next two modules.

# %% [markdown] kind="readonly" grade_id="reflection-prompt"
# ## Reflection (2 points, graded by hand)
#
# Pick one of the tensions above and a product you know. In 4–6 sentences, describe a
# concrete situation in which a director would face it, the two options on the table, what
# each would cost, and how you would decide, including what evidence you would look for
# first.

# %% [markdown] kind="manual" grade_id="reflection" points=2
# *Model answer for graders (learners see an empty answer cell):* At a payroll software
# company, the director must choose between rebuilding the slow tax-calculation engine and
# starting a benefits module that sales keeps asking for. The rebuild protects existing
# customers but delivers nothing new for two quarters; the module could open a new market
# but would run on an engine already close to its limits. I would first look at support
# tickets and churn reasons to see how much the engine's slowness really costs, and ask
# sales for signed intent rather than enthusiasm. If churn is tied to performance, the
# rebuild goes first with a small discovery team on benefits; otherwise the reverse, with
# a clear threshold that would make me switch.

# %% [markdown] kind="readonly" grade_id="career-03-1"
# ## What this means for your career
#
# The Director rung is where managing product managers becomes the core of the job, and
# where pay, scope and pressure all step up. If you aim for it, start collecting evidence in
# its four areas now: coaching others, owning a budget or business case, working across
# functions (finance and customer success included), and a specialisation that fits the
# companies you want to work for.
