"""Fixtures shared by the headless widget tests."""

from __future__ import annotations

import pytest

import course.widgets.base as base


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, tuple, dict]]:
    """Capture display and update_display calls of the widget base (no frontend here)."""
    calls: list[tuple[str, tuple, dict]] = []
    monkeypatch.setattr(base, "display", lambda *a, **k: calls.append(("display", a, k)))
    monkeypatch.setattr(base, "update_display", lambda *a, **k: calls.append(("update", a, k)))
    monkeypatch.setattr(base, "get_ipython", lambda: object())  # as if inside a kernel
    return calls
