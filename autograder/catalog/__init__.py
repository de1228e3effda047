"""The catalog of graded exercises: points, where the answer lives, and how it is scored.

Each module of the course registers its exercises from a file in this package. The
reference answers are computed here, from the scenario data, at grading time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..scoring import Score

__all__ = ["Exercise", "all_exercises", "get", "register"]


@dataclass(frozen=True)
class Exercise:
    """One auto-graded exercise of a lesson notebook."""

    module: str
    notebook: str
    exercise: str
    points: float
    family: str
    score: Callable[[Any], Score]
    #: "record": the answer is read from the notebook's answer record (widgets);
    #: "value": the hidden test passes the learner's computed value.
    source: str = "record"
    #: the answer-record entry holding the answer, when it is not named like the exercise
    record_key: str | None = None
    #: texts that reveal the reference answer: must never appear in release/ or course/
    fingerprints: Callable[[], list[str]] = field(default=lambda: [])

    @property
    def record(self) -> str:
        """The answer-record entry this exercise reads."""
        return self.record_key or self.exercise

    @property
    def key(self) -> str:
        """The id a hidden test uses: ``<module>/<exercise>``."""
        return f"{self.module}/{self.exercise}"


_REGISTRY: dict[str, Exercise] = {}


def register(exercise: Exercise) -> Exercise:
    """Add ``exercise`` to the catalog (its key must be new)."""
    if exercise.key in _REGISTRY:
        raise ValueError(f"exercise {exercise.key!r} is registered twice")
    _REGISTRY[exercise.key] = exercise
    return exercise


def _load() -> None:
    from . import m01  # noqa: F401 - registers module 01


def get(key: str) -> Exercise:
    """Return the exercise registered under ``key`` (``<module>/<exercise>``)."""
    if not _REGISTRY:
        _load()
    try:
        return _REGISTRY[key]
    except KeyError:
        raise KeyError(f"no graded exercise is registered as {key!r}") from None


def all_exercises() -> list[Exercise]:
    """Return every registered exercise, by module and notebook."""
    if not _REGISTRY:
        _load()
    return sorted(_REGISTRY.values(), key=lambda e: (e.module, e.notebook, e.exercise))
