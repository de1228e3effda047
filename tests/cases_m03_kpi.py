"""Module 03's KPI notebook in the pipeline: what the wrong learner types and earns.

Imported by tests/test_pipeline_m03.py, which builds module 03's cohort once for all of its
notebooks.
"""

from __future__ import annotations

__all__ = ["EXPECTED", "NOTEBOOK", "WIDGET_CELLS", "WRONG"]

NOTEBOOK = "3-kpi-dashboard"

#: Cells where a learner may set a widget's answer in code instead of clicking.
WIDGET_CELLS = {"kpi-dashboard-code"}

#: Plausible mistakes, with designed partial credit.
WRONG = {
    NOTEBOOK: {
        # churn as the share of all subscriptions ever cancelled: the other 9 cells are right
        "kpi-scorecard-code": (
            "rows = {}\n"
            "for product in PRODUCTS:\n"
            "    table = funnel(events[events['product'] == product])\n"
            "    subs = subscriptions[subscriptions['product'] == product]\n"
            "    rows[product] = {\n"
            "        'activation': table.loc['activation', 'step_conversion'],\n"
            "        'upgrade': table.loc['upgrade', 'step_conversion'],\n"
            "        'churn': subs['cancelled'].notna().mean(),\n"
            "        'nps': nps(survey[survey['product'] == product]['score']),\n"
            "    }\n"
            "product_kpis = pd.DataFrame(rows).T"
        ),
        # the right product, the wrong metric: half the diagnosis (on every learner's data)
        "kpi-dashboard-code": (
            "gaps = {}\n"
            "for product in PRODUCTS:\n"
            "    table = funnel(events[events['product'] == product])\n"
            "    subs = subscriptions[subscriptions['product'] == product]\n"
            "    values = {'activation': table.loc['activation', 'step_conversion'],\n"
            "              'upgrade': table.loc['upgrade', 'step_conversion'],\n"
            "              'churn': churn_rate(subs, '2026-01', '2026-06', as_of=AS_OF),\n"
            "              'nps': nps(survey[survey['product'] == product]['score'])}\n"
            "    for metric, target in TARGETS.items():\n"
            "        gap = (values[metric] - target) / target\n"
            "        gaps[product, metric] = gap if metric == 'churn' else -gap\n"
            "product, metric = max(gaps, key=gaps.get)\n"
            "review.value = {'product': product, 'metric': 'upgrade' if metric == 'nps' else 'nps'}"
        ),
        # LTV without the margin: LTV and LTV:CAC are off, payback is right (3 of 9)
        "unit-economics-code": (
            "rows = {}\n"
            "for product in PRODUCTS:\n"
            "    subs = subscriptions[subscriptions['product'] == product]\n"
            "    monthly = monthly_churn(subs, as_of=AS_OF).loc['2026-01':'2026-06']\n"
            "    arpu = monthly['revenue'].sum() / monthly['subscribers'].sum()\n"
            "    churn = churn_rate(subs, '2026-01', '2026-06', as_of=AS_OF)\n"
            "    cost = cac(acquisition.loc[product, 'spend'],"
            " acquisition.loc[product, 'new_customers'])\n"
            "    rows[product] = {'ltv': arpu / churn, 'ltv_cac': arpu / churn / cost,\n"
            "                     'payback_months': payback_months(cost, arpu, MARGIN)}\n"
            "economics = pd.DataFrame(rows).T"
        ),
    },
}

#: grade id -> auto score the wrong learner earns in this notebook
EXPECTED = {
    "kpi-scorecard-test": 2.25,  # 9 of 12 values
    "kpi-diagnosis-test": 1.0,  # 1 of 2 parts
    "unit-economics-test": 1.0,  # 3 of 9 values
}
