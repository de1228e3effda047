# %% [markdown] kind="readonly" grade_id="intro"
# # Module 03 · Director of Product
#
# **KPI review across products.** A Director does not run one funnel; they look after
# several products at once and must decide, every quarter, where the organisation's attention
# goes first. In this notebook you review three products on the same KPIs, find the product
# and the metric furthest from target, and check whether each product pays back what it
# costs to win its customers.
#
# Run the cell below first. Your answers are saved as you go, in a small file beside this
# notebook; hand it in together with the notebook.

# %% kind="readonly" grade_id="setup-3"
import pandas as pd

import course
from course.data import load
from course.feedback import check_answered, check_table
from course.models.kpi import cac, churn_rate, funnel, ltv, ltv_cac, monthly_churn, nps, payback_months
from course.tables import styled
from course.widgets.dashboard import KpiDashboard

lesson = course.start("03-director", "3-kpi-dashboard")

# %% [markdown] kind="readonly"
# ## The numbers a Director reviews
#
# The same short list of KPIs for every product makes products comparable:
#
# | KPI | definition used here | target |
# |---|---|---|
# | Activation | users reaching `activation` ÷ users who signed up | at least 60% |
# | Upgrade | users reaching `upgrade` ÷ users reaching `core_action` | at least 25% |
# | Monthly churn | subscriptions cancelled during a month ÷ subscriptions active at its start, pooled over January to June 2026 | at most 2.5% |
# | NPS | % promoters (9–10) − % detractors (0–6) of all survey answers | at least 25 |
#
# "Pooled" churn adds up the cancellations of all six months and divides by the sum of the
# six monthly starting counts, so busy months weigh more. The helpers in `course.models.kpi`
# compute these for you: `funnel(events)`, `churn_rate(subscriptions, "2026-01", "2026-06",
# as_of="2026-06-30")`, `nps(scores)`. Use them, or write your own pandas.
#
# **Unit economics** tell whether growth pays:
#
# - **ARPU**, average revenue per user per month: revenue ÷ paying subscribers (here pooled
#   over the six months, like churn: `monthly_churn(...)` gives `revenue` and `subscribers`
#   per month);
# - **LTV**, lifetime value = ARPU × gross margin ÷ monthly churn (a customer stays on
#   average 1 ÷ churn months);
# - **CAC**, customer acquisition cost = sales and marketing spend ÷ new customers;
# - **LTV:CAC**: 3 or more is the usual sign of a healthy product; **payback** = CAC ÷ (ARPU
#   × margin), the months it takes to earn back what a customer cost.
#
# **Worked example** (invented): ARPU 50, margin 80%, churn 2% → LTV = 50 × 0.8 ÷ 0.02 =
# 2,000. Spend 90,000 for 300 customers → CAC 300, LTV:CAC 6.7, payback 300 ÷ 40 = 7.5 months.

# %% [markdown] kind="readonly"
# ## Why a Director owns these numbers
#
# Both Director guides put metrics at the centre of the job: the Director **defines the key
# product metrics and analyses performance** to decide what the products do next, **manages
# the product budget** so that resources meet the goals, and decides on features and
# **pricing** from data and customer insight. Each KPI above answers one of those duties:
#
# | KPI | the Director's question | what they can move |
# |---|---|---|
# | activation | do new users reach the value we promised? | onboarding work, the roadmap |
# | upgrade | does the value convince people to pay? | packaging, pricing, the paid features |
# | monthly churn | do customers stay? | product quality, customer success, the roadmap |
# | NPS | would customers recommend us? | the feedback loop with customers and support |
# | LTV:CAC and payback | does the money spent to win customers come back? | the budget split between acquisition and product work |
#
# A PM owns one product's funnel; the Director owns the **comparison**: the same KPIs for
# every product, so that attention and budget go where they matter most.
#
# **Targets, and why these ones.** A target is a decision, not a law of nature, and the
# Director should be able to say where each comes from. The activation, upgrade, churn and
# NPS targets here are this company's own, set from its past results and its plan; another
# company will set others. **LTV:CAC of 3** is a common rule of thumb, and its reason is
# worth knowing: LTV counts only the gross margin a customer brings, and out of that margin
# the company must also pay for product development, support and overheads, and keep a
# profit. At 1, a customer just repays what it cost to win them and nothing is left for
# anything else; at 3, two thirds of the margin remain for the rest of the business. Far
# above 5 can mean the opposite problem: the company could grow faster by spending more on
# acquisition. **Payback** adds the time dimension: cash spent today comes back only after
# that many months, and customers who churn before then never repay their cost.
#
# **How this differs from module 06.** There, a Distinguished PM looked *into* one product:
# which funnel step and which segment explain a weak number. Here the Director looks
# *across* products: which product and which KPI are furthest from target, and which
# products have earned more budget. Same data, a different question, because the Director
# answers for the budget and the portfolio of an area.

# %% [markdown] kind="readonly" grade_id="kpi-scorecard-intro"
# ## Exercise 1 · One row per product (3 points)
#
# Three products, January to June 2026: the funnel event log, the subscription table (state
# on 30 June 2026) and the NPS survey.

# %% kind="readonly" grade_id="kpi-data"
events, subscriptions, survey = load("kpi_events"), load("kpi_subscriptions"), load("kpi_nps")
PRODUCTS = ["ledger", "pulse", "relay"]
TARGETS = {"activation": 0.60, "upgrade": 0.25, "churn": 0.025, "nps": 25}
AS_OF = "2026-06-30"
styled(events.head(3), caption="The first rows of the event log (code names under each header)")

# %% [markdown] kind="readonly" grade_id="kpi-scorecard-task"
# Build `product_kpis`: a DataFrame indexed by product (`ledger`, `pulse`, `relay`) with the
# columns `activation`, `upgrade`, `churn` and `nps` as defined above (shares between 0 and
# 1, such as 0.25 rather than 25; NPS between −100 and 100). Keep the full precision: do
# not round.

# %% kind="solution" grade_id="kpi-scorecard-code"
### BEGIN SOLUTION
rows = {}
for product in PRODUCTS:
    table = funnel(events[events["product"] == product])
    rows[product] = {
        "activation": table.loc["activation", "step_conversion"],
        "upgrade": table.loc["upgrade", "step_conversion"],
        "churn": churn_rate(subscriptions[subscriptions["product"] == product], "2026-01", "2026-06", as_of=AS_OF),
        "nps": nps(survey[survey["product"] == product]["score"]),
    }
product_kpis = pd.DataFrame(rows).T
### END SOLUTION

# %% kind="tests" grade_id="kpi-scorecard-test" points=3
# Self-check: the form of the table. (The numbers are graded after you submit.)
check_table(globals().get("product_kpis"), PRODUCTS, list(TARGETS), name="product_kpis",
            between={"activation": (0, 1), "upgrade": (0, 1), "churn": (0, 1), "nps": (-100, 100)})
### BEGIN HIDDEN TESTS
from course.report import report
report("03-director/kpi-scorecard", globals().get("product_kpis"))
### END HIDDEN TESTS

# %% [markdown] kind="readonly" grade_id="kpi-dashboard-intro"
# ## Exercise 2 · Where does attention go first? (2 points)
#
# The dashboard shows the same KPIs with charts; filter by product, segment and quarter to
# see where each number comes from. Then record, and save:
#
# - **product**: the product with the KPI furthest from its target, measured as a share of the
#   target over the whole half-year (a churn of 3% against 2.5% is 20% off; an NPS of 20
#   against 25 is 20% off);
# - **metric**: that KPI.
#
# Drawing the charts takes a moment after each change of filter.

# %% kind="readonly" grade_id="kpi-dashboard-widget"
review = KpiDashboard(lesson, "kpi-diagnosis", events, subscriptions=subscriptions, survey=survey,
                      targets=TARGETS, as_of=AS_OF, diagnosis={
                          "product": PRODUCTS,
                          "metric": {"activation": "activation", "upgrade": "upgrade",
                                     "churn": "monthly churn", "nps": "NPS"},
                      })
review

# %% kind="solution" grade_id="kpi-dashboard-code"
# Optional: answer in code instead, e.g. review.value = {"product": "ledger", "metric": "nps"}
### BEGIN SOLUTION
_gaps = {}
for _product in PRODUCTS:
    for _metric, _target in TARGETS.items():
        _value = product_kpis.loc[_product, _metric]
        _gaps[_product, _metric] = (_value - _target) / _target if _metric == "churn" else (_target - _value) / _target
_product, _metric = max(_gaps, key=_gaps.get)
review.value = {"product": _product, "metric": _metric}
### END SOLUTION

# %% kind="tests" grade_id="kpi-diagnosis-test" points=2
check_answered(review)
### BEGIN HIDDEN TESTS
# graded from the saved answer: 03-director/kpi-diagnosis
### END HIDDEN TESTS

# %% [markdown] kind="readonly" grade_id="unit-economics-intro"
# ## Exercise 3 · Does growth pay? (3 points)
#
# Finance reports the sales and marketing spend of the half-year and the customers it won.
# The gross margin is 80% for every product.

# %% kind="readonly" grade_id="unit-economics-data"
acquisition = pd.DataFrame({"spend": [540_000, 610_000, 380_000],
                            "new_customers": [700, 1_000, 650]}, index=pd.Index(PRODUCTS, name="product"))
MARGIN = 0.8
styled(acquisition, {"spend": "Sales and marketing spend (USD)",
                     "new_customers": "New customers won"})

# %% [markdown] kind="readonly" grade_id="unit-economics-task"
# Build `economics`: a DataFrame indexed by product with the columns `ltv`, `ltv_cac` and
# `payback_months`, using ARPU pooled over January to June 2026, the pooled monthly churn of
# Exercise 1, `MARGIN`, and the CAC from `acquisition` (do not round).

# %% kind="solution" grade_id="unit-economics-code"
### BEGIN SOLUTION
rows = {}
for product in PRODUCTS:
    monthly = monthly_churn(subscriptions[subscriptions["product"] == product], as_of=AS_OF).loc["2026-01":"2026-06"]
    arpu = monthly["revenue"].sum() / monthly["subscribers"].sum()
    value = ltv(arpu, product_kpis.loc[product, "churn"], MARGIN)
    cost = cac(acquisition.loc[product, "spend"], acquisition.loc[product, "new_customers"])
    rows[product] = {"ltv": value, "ltv_cac": ltv_cac(value, cost),
                     "payback_months": payback_months(cost, arpu, MARGIN)}
economics = pd.DataFrame(rows).T
### END SOLUTION

# %% kind="tests" grade_id="unit-economics-test" points=3
# Self-check: the form of the table. (The numbers are graded after you submit.)
check_table(globals().get("economics"), PRODUCTS, ["ltv", "ltv_cac", "payback_months"],
            name="economics")
### BEGIN HIDDEN TESTS
from course.report import report
report("03-director/unit-economics", globals().get("economics"))
### END HIDDEN TESTS

# %% [markdown]
# ## The Director's budget call (practice, not graded)
#
# Finance offers 200,000 of extra acquisition budget for next half-year. A common house
# rule: spend on acquisition only where the unit economics work (LTV:CAC of at least 3 and
# payback within 12 months) **and** no KPI misses its target by more than 30%, because
# pouring new customers into a leaky funnel wastes the money. Use `product_kpis` and
# `economics` to decide which product gets it, and which products need a fix first. Then
# compare with your answer to Exercise 2: is the product that needs attention first the
# one that should get the money?

# %%
# Your budget call here (not graded).

# %% [markdown] kind="readonly" grade_id="career-03-3"
# ## What this means for your career
#
# A Director is judged by whether attention and money went where the numbers said they
# should. Reading KPIs across products, with targets you can justify, is the habit that
# carries you toward the VP rung, where the same comparison runs across whole product lines
# and ends in investment calls with the executive team.
