"""The KPI dashboard, headless: filters change the metrics, a diagnosis persists."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import ipywidgets as widgets
import pandas as pd
import pytest
import traitlets

import course
import course.widgets.base as base
from course.models import ScenarioError
from course.plots_kpi import nps_chart, retention_heatmap, trend_chart
from course.widgets.dashboard import KpiDashboard

MODULE = "07-test-module"
NOTEBOOK = "3-dashboard"
TARGETS = {"activation": 0.6, "upgrade": 0.25, "churn": 0.025, "nps": 25}


@pytest.fixture(autouse=True)
def no_frontend(monkeypatch: pytest.MonkeyPatch) -> None:
    """Replace display calls of the widget base (there is no frontend here)."""
    monkeypatch.setattr(base, "display", lambda *a, **k: None)
    monkeypatch.setattr(base, "update_display", lambda *a, **k: None)
    monkeypatch.setattr(base, "get_ipython", lambda: object())


@pytest.fixture
def lesson(tmp_path: Path) -> course.Lesson:
    """Return a lesson whose answer record lives in a temporary folder."""
    return course.Lesson(MODULE, NOTEBOOK, directory=tmp_path)


def _events() -> pd.DataFrame:
    """Two products; in product p, users 1-4 (smb, Q1) and 5-8 (ent, Q2).

    Product p: smb users 1-4 all activate, only user 1 upgrades; ent users 5-8: 5, 6
    activate and both upgrade. Product q: one user who only signs up.
    """
    rows = []
    for user in range(1, 9):
        segment = "smb" if user <= 4 else "ent"
        date = "2026-02-01" if user <= 4 else "2026-05-01"
        steps = ["signup"]
        if user <= 4 or user in (5, 6):
            steps += ["activation", "core_action"]
        if user in (1, 5, 6):
            steps.append("upgrade")
        rows += [(user, "p", segment, step, date) for step in steps]
    rows.append((9, "q", "smb", "signup", "2026-03-01"))
    return pd.DataFrame(rows, columns=["user_id", "product", "segment", "step", "date"])


def _subscriptions() -> pd.DataFrame:
    return pd.DataFrame({
        "product": ["p", "p", "p", "q"],
        "segment": ["smb", "smb", "ent", "smb"],
        "start": ["2025-12-10", "2025-12-15", "2026-01-10", "2026-01-05"],
        "cancelled": ["2026-02-10", "", "", ""],
        "monthly_price": [10.0, 20.0, 30.0, 5.0],
    })


def _survey() -> pd.DataFrame:
    return pd.DataFrame({
        "product": ["p", "p", "p", "p", "q"],
        "segment": ["smb", "smb", "ent", "ent", "smb"],
        "date": ["2026-02-01", "2026-02-02", "2026-05-01", "2026-05-02", "2026-03-01"],
        "score": [3, 8, 10, 9, 9],
    })


def _dashboard(lesson: course.Lesson, exercise: str = "diagnosis", **kwargs: object
               ) -> KpiDashboard:
    return KpiDashboard(lesson, exercise, _events(), subscriptions=_subscriptions(),
                        survey=_survey(), targets=TARGETS, as_of="2026-06-30", **kwargs)


def _dropdown(dash: KpiDashboard, css: str) -> widgets.Dropdown:
    found = []
    stack = [dash]
    while stack:
        widget = stack.pop()
        if css in getattr(widget, "_dom_classes", ()):
            found.append(widget)
        stack.extend(getattr(widget, "children", ()))
    assert len(found) == 1, css
    return found[0]


def test_metrics_for_a_selection_are_hand_computed(lesson: course.Lesson) -> None:
    """Product p, whole period: 8 users, activation 6/8, upgrade 3/6, NPS (2-1)/4 = +25."""
    dash = _dashboard(lesson)
    metrics = dash.select(product="p")
    assert metrics["users"] == 8
    assert metrics["activation"] == pytest.approx(0.75)
    assert metrics["upgrade"] == pytest.approx(0.5)
    assert metrics["nps"] == pytest.approx(25.0)
    # the period runs over the months of the sign-ups, Feb to May: Feb 3 active, 1 leaves;
    # Mar, Apr, May 2 active each -> 1 / 9
    assert metrics["churn"] == pytest.approx(1 / 9)
    assert dash._chart.value == b"", "no chart is drawn before the dashboard is shown"
    dash._ipython_display_()
    assert dash._chart.value[:4] == b"\x89PNG"


def test_segment_and_period_filters(lesson: course.Lesson) -> None:
    """The segment and the quarter narrow the users, the subscriptions and the survey."""
    dash = _dashboard(lesson)
    smb = dash.select(product="p", segment="smb")
    assert (smb["users"], smb["upgrade"], smb["nps"]) == (4, pytest.approx(0.25), -50.0)
    q2 = dash.select(segment="all", period="2026Q2")
    assert (q2["users"], q2["activation"], q2["upgrade"]) == (4, 0.5, 1.0)
    assert q2["nps"] == 100.0
    assert q2["churn"] == 0.0


def test_filters_set_in_the_controls_refresh_the_view(lesson: course.Lesson) -> None:
    """Changing a drop-down recomputes the metrics and redraws the chart."""
    dash = _dashboard(lesson)
    dash.draw()
    before = dash._chart.value
    _dropdown(dash, "plc-dash-product").value = "q"
    assert dash.metrics["users"] == 1
    assert "activation" in dash.metrics and dash.metrics["activation"] == 0
    assert dash._chart.value != before
    assert "Users signed up" in dash._metrics_html.value


def test_targets_are_shown_with_their_status(lesson: course.Lesson) -> None:
    """Metrics that meet the target get a check mark, the others a warning sign."""
    dash = _dashboard(lesson)
    dash.select(product="p")
    table = dash._metrics_html.value
    assert "at least 60.0% &#10003;" in table  # activation 75%
    assert "at most 2.5% &#9888;" in table  # churn 7.7%


def test_diagnosis_is_saved_and_reloaded(lesson: course.Lesson, tmp_path: Path) -> None:
    """Choosing in the drop-downs and pressing Save writes the record; a new widget reloads it."""
    dash = _dashboard(lesson)
    _dropdown(dash, "plc-dash-diag-step").value = "upgrade"
    _dropdown(dash, "plc-dash-diag-segment").value = "smb"
    _dropdown(dash, "plc-dash-diag-metric").value = "churn"
    assert dash.value is None, "choosing alone saves nothing"
    dash._save_button.click()
    expected = {"step": "upgrade", "segment": "smb", "metric": "churn"}
    assert dash.value == expected
    record = json.loads(lesson.store.path.read_text())
    assert record["answers"]["diagnosis"]["value"] == expected
    again = _dashboard(course.Lesson(MODULE, NOTEBOOK, directory=tmp_path))
    assert again.value == expected
    assert _dropdown(again, "plc-dash-diag-metric").value == "churn"
    assert again.status.startswith("saved")


def test_incomplete_diagnosis_is_explained_and_not_saved(lesson: course.Lesson) -> None:
    """Saving with a field left empty shows why and writes no record."""
    dash = _dashboard(lesson)
    _dropdown(dash, "plc-dash-diag-step").value = "activation"
    dash.save_diagnosis()
    assert dash.value is None
    assert dash.status.startswith("invalid") and "Choose a segment" in dash.status
    assert not lesson.store.path.exists()


@pytest.mark.parametrize("value, message", [
    ({"step": "signup", "segment": "smb", "metric": "nps"}, "not an option for step"),
    ({"step": "upgrade", "segment": "smb", "metric": "nps", "mood": "x"}, "not part of"),
    ("upgrade", "maps each of"),
])
def test_bad_diagnosis_from_code_is_refused(lesson: course.Lesson, value: object,
                                            message: str) -> None:
    """A diagnosis set from code with an unknown option or field raises and saves nothing."""
    dash = _dashboard(lesson)
    with pytest.raises(traitlets.TraitError, match=message):
        dash.value = value
    assert not lesson.store.path.exists()


def test_custom_diagnosis_fields(lesson: course.Lesson) -> None:
    """A lesson may ask for other fields, e.g. product and metric."""
    dash = _dashboard(lesson, diagnosis={"product": ["p", "q"], "metric": ["nps", "churn"]})
    dash.value = {"product": "q", "metric": "nps"}
    assert lesson.saved("diagnosis").value == {"product": "q", "metric": "nps"}


def test_single_product_hides_the_product_filter(lesson: course.Lesson) -> None:
    """With one product in the events, the product drop-down is hidden."""
    events = _events()
    dash = KpiDashboard(lesson, "d", events[events["product"] == "p"], as_of="2026-06-30")
    assert _dropdown(dash, "plc-dash-product").layout.display == "none"
    assert set(dash.metrics) == {"users", "activation", "core_action", "upgrade", "overall"}


def test_select_refuses_unknown_choices(lesson: course.Lesson) -> None:
    """Filtering from code on a value the data does not have names the choices."""
    dash = _dashboard(lesson)
    with pytest.raises(ScenarioError, match="not a choice for Segment"):
        dash.select(segment="consumers")


@pytest.mark.parametrize("kwargs, message", [
    ({"events": pd.DataFrame()}, "non-empty event log"),
    ({"events": _events().drop(columns="date")}, "'date' column"),
    ({"targets": {"happiness": 1}}, "Unknown metric"),
    ({"diagnosis": {"step": []}}, "at least one option"),
])
def test_bad_construction(lesson: course.Lesson, kwargs: dict, message: str) -> None:
    """A dashboard built on unusable input raises a ScenarioError saying why."""
    args = {"events": _events(), **kwargs}
    with pytest.raises(ScenarioError, match=message):
        KpiDashboard(lesson, "d", args.pop("events"), **args)


def test_dashboard_builds_and_filters_without_warnings(lesson: course.Lesson) -> None:
    """No warning is emitted (a warning on stderr would zero a graded cell)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        dash = _dashboard(lesson)
        dash.draw()
        dash.select(product="p", segment="ent", period="2026Q1")  # nobody: empty panels
        dash.select(product="q", segment="all", period="2026Q2")


def test_kpi_charts_return_figures() -> None:
    """The single-panel chart helpers return figures that render as PNG."""
    table = pd.DataFrame({0: [1.0, 1.0], 1: [0.9, float("nan")]}, index=["2026-01", "2026-02"])
    trend = pd.DataFrame({"signups": [5, 7], "churn": [0.02, 0.03]}, index=["2026-01", "2026-02"])
    for figure in (retention_heatmap(table), nps_chart(pd.Series({"a": 10.0, "b": -20.0})),
                   trend_chart(trend)):
        assert figure._repr_mimebundle_()[0]["image/png"][:4] == b"\x89PNG"


def test_menus_show_readable_names_and_keep_code_values(lesson: course.Lesson) -> None:
    """Menus read "SMB" and "Core action" while answers keep the code names."""
    dash = _dashboard(lesson)
    segment = _dropdown(dash, "plc-dash-segment")
    assert [label for label, _ in segment.options] == ["All segments", "Ent", "SMB"]
    assert [value for _, value in segment.options][1:] == ["ent", "smb"]
    step = _dropdown(dash, "plc-dash-diag-step")
    assert ("Core action", "core_action") in step.options
    assert all("_" not in label for label, _ in step.options)
    segment.value = "smb"
    assert dash.metrics["users"] == 5


def test_no_chart_is_drawn_while_nbgrader_runs_the_notebook(
        lesson: course.Lesson, monkeypatch: pytest.MonkeyPatch) -> None:
    """Under nbgrader the chart is skipped (nobody sees it); in a lesson it is drawn."""
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    dash = _dashboard(lesson)
    dash._ipython_display_()
    assert dash._chart.value == b""
    monkeypatch.delenv("NBGRADER_EXECUTION")
    dash._ipython_display_()
    assert dash._chart.value[:4] == b"\x89PNG"


def test_dashboard_chart_labels_read_as_words() -> None:
    """The funnel's steps and the NPS segments on the chart read "Core action", "SMB"."""
    from course.models.kpi import funnel
    from course.plots_kpi import dashboard_figure

    scores = pd.Series({"smb": 11.0, "mid_market": 31.0, "enterprise": 44.0})
    figure = dashboard_figure(funnel(_events()), None, scores, None, title="t")
    labels = {t.get_text() for axes in figure.axes
              for t in [*axes.get_yticklabels(), *axes.get_xticklabels()]}
    assert {"Core action", "SMB", "Mid market"} <= labels, labels
    assert not any("_" in label for label in labels), labels
