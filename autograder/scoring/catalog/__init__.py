"""The catalog of graded exercises: points, where the answer lives, and how it is scored.

Every file in this package registers exercises (one file per module, or per notebook when
a module is built in parts); they are found automatically. The reference answers are
computed here, from the scenario data, at grading time. Hand-graded written answers are
registered too (``source="manual"``, no ``score``), so the catalog lists all graded work.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from autograder.scoring.rules import Score

__all__ = ["Exercise", "all_exercises", "get", "register", "register_check", "soundness_checks"]


@dataclass(frozen=True)
class Exercise:
    """One auto-graded exercise of a lesson notebook."""

    module: str
    notebook: str
    exercise: str
    points: float
    family: str
    score: Callable[[Any], Score] | None
    #: "record": the answer is read from the notebook's answer record (widgets);
    #: "value": the hidden test reports the learner's computed value (course.report);
    #: "manual": a written answer graded by hand in formgrader (``exercise`` is its grade id).
    source: str = "record"
    #: the answer-record entry holding the answer, when it is not named like the exercise
    record_key: str | None = None
    #: texts that reveal the reference answer: must never appear in release/ or course/
    fingerprints: Callable[[], list[str]] = field(default=lambda: [])
    #: ids of the competencies (materials/data/competencies) this exercise exercises
    competencies: tuple[str, ...] = ()
    #: ids of the roles (materials/data/roles) it concerns
    roles: tuple[str, ...] = ()
    #: for an allocation graded against one fixed scenario: builds it (workshop boards
    #: project each team's plan with it)
    scenario: Callable[[], Any] | None = None
    #: for the variant tester: the answer (as saved or reported) of a learner who solved the
    #: current variant, computed from that variant's data; None for exercises on fixed facts
    reference: Callable[[], Any] | None = None
    #: for the variant tester: typical wrong answers on the current variant (the reverse
    #: order, the default plan, an off-by-one cut); each must score less than full marks
    mistakes: Callable[[], list[Any]] = field(default=lambda: [])

    def __post_init__(self) -> None:
        if self.source not in ("record", "value", "manual"):
            raise ValueError(f"{self.key}: unknown source {self.source!r}")
        if (self.source == "manual") != (self.score is None):
            raise ValueError(f"{self.key}: manual exercises have no score; others need one")

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


_CHECKS: dict[str, dict[str, Callable[[], list[str]]]] = {}


def register_check(module: str, name: str, check: Callable[[], list[str]]) -> None:
    """Add a soundness check of ``module``'s variants: returns problems of the current one.

    The variant tester (``plcourse variants check``) runs every check on many variants:
    for example "the allocation has a unique optimum" or "one funnel step is the worst".
    """
    checks = _CHECKS.setdefault(module, {})
    if name in checks:
        raise ValueError(f"soundness check {module}/{name} is registered twice")
    checks[name] = check


def soundness_checks() -> dict[str, dict[str, Callable[[], list[str]]]]:
    """Return every module's soundness checks (module -> name -> check)."""
    _load()
    return {module: dict(checks) for module, checks in sorted(_CHECKS.items())}


def _load(module: str | None = None) -> None:
    """Import the catalog files: all of them, or only those of one module.

    A module's files are named after its number: ``m03.py``, ``m03_kpi.py`` for
    ``03-director``. Grading one exercise imports only its module's files, so a hidden
    test never pays for (or breaks on) another module's references.
    """
    prefix = None if module is None else f"m{module.split('-', 1)[0]}"
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_"):
            continue
        if prefix is None or info.name == prefix or info.name.startswith(prefix + "_"):
            importlib.import_module(f"{__name__}.{info.name}")


def get(key: str) -> Exercise:
    """Return the exercise registered under ``key`` (``<module>/<exercise>``)."""
    if key not in _REGISTRY:
        _load(key.split("/", 1)[0])
    try:
        return _REGISTRY[key]
    except KeyError:
        raise KeyError(f"no graded exercise is registered as {key!r}") from None


def all_exercises() -> list[Exercise]:
    """Return every registered exercise, by module and notebook."""
    _load()
    return sorted(_REGISTRY.values(), key=lambda e: (e.module, e.notebook, e.exercise))
