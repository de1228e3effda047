# %% [markdown] kind="readonly" grade_id="intro"
# # Module 10 · Competencies across the ladder
#
# **Lesson 4 of 5: market.** Three competencies that face outward: **customer focus**,
# **domain knowledge** and **strategic partnerships**. Two of them are where the source's
# per-rung lists are uneven: the PM's list has no item for strategic partnerships, and the
# Director's list has no separate item for domain knowledge. This lesson says where, and
# what that means.
#
# Run the cell below first. Your answers are saved as you go, in a small file beside this
# notebook; hand it in together with the notebook.

# %% kind="readonly" grade_id="setup-4"
from dataclasses import replace

import course
from course.feedback import check_answered
from course.track import behaviours, connect, rung_menu, scenario
from course.variants import shuffled
from course.widgets import Choice, Matching

lesson = course.start("10-competencies", "4-market")

# %% [markdown] kind="readonly" grade_id="customer-reading"
# ## 10 · Customer focus
#
# **What it is.** Knowing what customers need, how they behave and where their market is
# going, well enough that product decisions start from them.
#
# | rung | what customer focus looks like |
# |---|---|
# | Product Manager | Understands the product's customers first-hand: does market research, reads user feedback, and uses data to decide what to build and check it meets expectations. |
# | Director of Product | Keeps the area's decisions anchored in customers by working with the market-research and customer-insight teams and using what they find. |
# | VP of Product | Combines customer insight with analytics and *champions* a customer-centred way of working: the customer's voice is part of every product decision, and experiences are designed to convince. |
# | Chief Product Officer | Makes customer insight and data drive decisions across the company, aiming at outstanding experiences and loyalty that lasts years. |
#
# **Where the rungs differ.** The PM gets close to customers personally. The Director
# builds the channels (research, insight teams) that bring customers in. The VP and CPO
# make it a rule of the organisation, and the CPO adds the longest horizon: loyalty.

# %% kind="readonly" grade_id="customer-you"
connect("customer-focus")

# %% [markdown] kind="readonly" grade_id="customer-task"
# ### Exercise 1 · Which rung is this? (2 points)
#
# Place each behaviour on the rung it describes best; each is graded on its own.

# %% kind="readonly" grade_id="customer-widget"
# the behaviours in your own order
shown = dict(shuffled(list(behaviours("customer-focus").items()), "customer-rungs"))
customer = Matching(lesson, "customer-rungs", rows=shown, options=rung_menu())
customer

# %% kind="solution" grade_id="customer-code"
# Optional: answer in code instead: customer.value = {behaviour id: rung id}; rung ids: pm, director, vp, cpo
### BEGIN SOLUTION
customer.value = {"CF1": "pm", "CF2": "cpo", "CF3": "director", "CF4": "vp", "CF5": "pm"}
### END SOLUTION

# %% kind="tests" grade_id="customer-test" points=2
# Self-check: is every behaviour placed? (Which are right is graded after you submit.)
check_answered(customer, complete=list(behaviours("customer-focus")))
### BEGIN HIDDEN TESTS
# graded from the saved answer: 10-competencies/customer-rungs
### END HIDDEN TESTS

# %% [markdown] kind="readonly" grade_id="domain-reading"
# ## 11 · Domain knowledge
#
# **What it is.** Knowing the industry or market a product serves: its rules, its
# customers, its competitors, its trends and the technology changing it. In some markets
# (health, finance, logistics) a product person without it cannot even write correct
# requirements.
#
# | rung | what domain knowledge looks like |
# |---|---|
# | Product Manager | Depending on the market, may need deep knowledge of the industry, its customers and trends, so that decisions fit what the market needs. |
# | Director of Product | **No separate item in the source.** The Director's list folds industry knowledge into its learning item (*continuous learning and industry knowledge*, lesson 2): keeping up with trends, technology and practice. |
# | VP of Product | Immerses in the domain the product lines serve: its trends, competitors and customer needs that only that domain has, and builds products that lead the market. |
# | Chief Product Officer | Shapes the company's strategy around the industry's own challenges and openings, watching trends, rivals and new technology to keep an edge. |
#
# **Where the rungs differ.** For the PM, domain knowledge makes a product correct; for
# the VP and CPO it makes a strategy credible. The Director's gap in the list is a gap in
# the *source*, not in the job: a Director still needs the domain, learned as part of
# keeping up with the industry. Leaders who move to an unfamiliar market have to rebuild
# it quickly, and must not let an old industry's habits stand in for it.

# %% kind="readonly" grade_id="domain-you"
connect("domain-knowledge")

# %% [markdown] kind="readonly" grade_id="domain-task"
# ### Exercise 2 · Which rung is this? (2 points)
#
# The menus offer only the three rungs whose lists have a domain-knowledge item. Place
# each behaviour; each is graded on its own.

# %% kind="readonly" grade_id="domain-widget"
# the behaviours in your own order
shown = dict(shuffled(list(behaviours("domain-knowledge").items()), "domain-rungs"))
domain = Matching(lesson, "domain-rungs", rows=shown, options=rung_menu("pm", "vp", "cpo"))
domain

# %% kind="solution" grade_id="domain-code"
# Optional: answer in code instead: domain.value = {behaviour id: rung id}; rung ids: pm, vp, cpo
### BEGIN SOLUTION
domain.value = {"DK1": "pm", "DK2": "vp", "DK3": "cpo", "DK4": "pm", "DK5": "vp"}
### END SOLUTION

# %% kind="tests" grade_id="domain-test" points=2
# Self-check: is every behaviour placed? (Which are right is graded after you submit.)
check_answered(domain, complete=list(behaviours("domain-knowledge")))
### BEGIN HIDDEN TESTS
# graded from the saved answer: 10-competencies/domain-rungs
### END HIDDEN TESTS

# %% [markdown] kind="readonly" grade_id="new-domain-task"
# ### Exercise 3 · A market you do not know yet (2 points)
#
# Choose the response you would give as the new VP. The strongest response earns both
# points; a defensible but weaker one earns one.

# %% kind="readonly" grade_id="new-domain-scenario"
domain_case = scenario("new-domain")
order = shuffled(list(domain_case.responses.items()), "new-domain")  # your own order
domain_case = replace(domain_case, responses=dict(order))
domain_case

# %% kind="readonly" grade_id="new-domain-widget"
domain_choice = Choice(lesson, "new-domain", domain_case.letters, prompt="Your response")
domain_choice

# %% kind="solution" grade_id="new-domain-code"
# Optional: answer in code instead: domain_choice.value = one of the letters A to D
### BEGIN SOLUTION
domain_choice.value = "D"
### END SOLUTION

# %% kind="tests" grade_id="new-domain-test" points=2
# Self-check: is a response chosen? (Graded after you submit.)
check_answered(domain_choice)
### BEGIN HIDDEN TESTS
# graded from the saved answer: 10-competencies/new-domain
### END HIDDEN TESTS

# %% [markdown] kind="readonly" grade_id="partnership-reading"
# ## 12 · Strategic partnerships
#
# **What it is.** Building and keeping relationships that make the product stronger than
# the company could make it alone: with other departments, and with outside
# organisations (vendors, experts, other companies) whose strengths complement yours.
#
# | rung | what strategic partnerships look like |
# |---|---|
# | Product Manager | **No item in the source.** The PM's list has fourteen criteria and this is the one it leaves out; a PM works with partners, but choosing them is not yet the PM's job. |
# | Director of Product | Builds lasting relationships inside (executives, sales, marketing, other departments) to keep the area's strategy in line with the business, and outside (vendors, industry experts) to bring in know-how. |
# | VP of Product | Develops partnerships with outside organisations that fit the product strategy: complementary strengths, new markets, growth for both sides. Together with the CPO, weighs candidates and negotiates the terms. |
# | Chief Product Officer | Forges alliances that fit the company's product vision and change what it can do: new innovation, wider market reach, benefit for both partners. |
#
# **Where the rungs differ.** Partnerships begin at the Director, and mostly *inside* the
# company. From the VP up they are deals with other organisations, negotiated: each side
# gives something, and a good deal protects your options (a limited scope, a term, targets
# and a way out) as much as it grows your reach.

# %% kind="readonly" grade_id="partnership-you"
connect("strategic-partnerships")

# %% [markdown] kind="readonly" grade_id="partnership-task"
# ### Exercise 4 · Which rung is this? (2 points)
#
# The menus offer only the three rungs whose lists have a partnerships item. Place each
# behaviour; each is graded on its own.

# %% kind="readonly" grade_id="partnership-widget"
# the behaviours in your own order
shown = dict(shuffled(list(behaviours("strategic-partnerships").items()), "partnership-rungs"))
partnering = Matching(lesson, "partnership-rungs", rows=shown,
                      options=rung_menu("director", "vp", "cpo"))
partnering

# %% kind="solution" grade_id="partnership-code"
# Optional: answer in code instead: partnering.value = {behaviour id: rung id}; rung ids: director, vp, cpo
### BEGIN SOLUTION
partnering.value = {"SP1": "director", "SP2": "vp", "SP3": "cpo", "SP4": "director",
                    "SP5": "vp"}
### END SOLUTION

# %% kind="tests" grade_id="partnership-test" points=2
# Self-check: is every behaviour placed? (Which are right is graded after you submit.)
check_answered(partnering, complete=list(behaviours("strategic-partnerships")))
### BEGIN HIDDEN TESTS
# graded from the saved answer: 10-competencies/partnership-rungs
### END HIDDEN TESTS

# %% [markdown] kind="readonly" grade_id="negotiation-task"
# ### Exercise 5 · The partner wants exclusivity (2 points)
#
# Choose the response you would give as VP. The strongest response earns both points; a
# defensible but weaker one earns one.

# %% kind="readonly" grade_id="negotiation-scenario"
deal_case = scenario("negotiation")
order = shuffled(list(deal_case.responses.items()), "negotiation")  # your own order
deal_case = replace(deal_case, responses=dict(order))
deal_case

# %% kind="readonly" grade_id="negotiation-widget"
deal_choice = Choice(lesson, "negotiation", deal_case.letters, prompt="Your response")
deal_choice

# %% kind="solution" grade_id="negotiation-code"
# Optional: answer in code instead: deal_choice.value = one of the letters A to D
### BEGIN SOLUTION
deal_choice.value = "B"
### END SOLUTION

# %% kind="tests" grade_id="negotiation-test" points=2
# Self-check: is a response chosen? (Graded after you submit.)
check_answered(deal_choice)
### BEGIN HIDDEN TESTS
# graded from the saved answer: 10-competencies/negotiation
### END HIDDEN TESTS

# %% [markdown] kind="readonly" grade_id="outro-4"
# **Next:** lesson 5, *Numbers and change*: data analysis, business acumen, and
# adaptability and resilience.
