"""Fixtures shared by the tests, and the one learner id every test runs as."""

from __future__ import annotations

import os

import pytest

import course.widgets.base as base

# Every test sees the same learner and course seed, whoever runs the suite: a scenario
# variant depends on both (course.variants). Kernels started by tests inherit this.
os.environ["PLCOURSE_LEARNER"] = "tester"
for _name in ("JUPYTERHUB_USER", "PLCOURSE_SEED", "PLCOURSE_VARIANTS"):
    os.environ.pop(_name, None)


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, tuple, dict]]:
    """Capture display and update_display calls of the widget base (no frontend here)."""
    calls: list[tuple[str, tuple, dict]] = []
    monkeypatch.setattr(base, "display", lambda *a, **k: calls.append(("display", a, k)))
    monkeypatch.setattr(base, "update_display", lambda *a, **k: calls.append(("update", a, k)))
    monkeypatch.setattr(base, "get_ipython", lambda: object())  # as if inside a kernel
    return calls
