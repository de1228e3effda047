"""The variant tester: many learners' variants of every varying exercise, checked as a whole.

For each sampled variant (learners ``tester-000``, ``tester-001``, ... under the course
seed) and each exercise whose catalog entry gives a ``reference``:

- the reference answer scores full marks;
- a blank answer (``None``) scores 0;
- every typical mistake the entry lists scores less than full marks;

and every soundness check of the module (:func:`~autograder.scoring.catalog.register_check`:
a unique optimum, no tie at the cut line, one worst funnel step...) finds nothing, and
every figure a lesson states (``{m01_capacity}`` in a ``lesson.brief``) can be filled in.
Run it with ``plcourse variants check [--n N]``, and as a test in CI.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from autograder.scoring.catalog import Exercise, all_exercises, soundness_checks
from autograder.scoring.grade import score
from course.variants import DEFAULT_SEED, Variant, active

__all__ = ["Finding", "TesterResult", "check_variants", "lesson_figures", "varying_exercises"]

_LESSONS = Path(__file__).resolve().parents[2] / "materials" / "lessons"
_BRIEF = re.compile(r"brief\(\s*(?:f?r?\"\"\"|f?r?'''|f?\"|f?')(.*?)(?:\"\"\"|'''|\"|')\s*\)",
                    re.DOTALL)
_FIELD = re.compile(r"(?<!\{)\{([A-Za-z_][A-Za-z0-9_]*)(?::[^{}]*)?\}(?!\})")


@dataclass(frozen=True)
class Finding:
    """One thing the tester caught on one variant."""

    #: the variant's id and its learner, e.g. ``v1fb1c9 (tester-004)``
    variant: str
    #: what was checked: an exercise key, ``<module>/<check>`` or ``lesson <file>``
    where: str
    #: what is wrong, in plain words
    problem: str


@dataclass
class TesterResult:
    """What a run of the tester checked and found."""

    #: variants checked
    variants: int = 0
    #: exercise key -> number of variants it was checked on
    checked: dict[str, int] = field(default_factory=dict)
    #: soundness checks run (module/name -> variants)
    checks: dict[str, int] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Whether nothing was found."""
        return not self.findings


def varying_exercises(modules: Iterable[str] | None = None) -> list[Exercise]:
    """Return the exercises with a reference for the tester (optionally of some modules)."""
    wanted = set(modules) if modules else None
    return [e for e in all_exercises() if e.reference is not None and e.score is not None
            and (wanted is None or e.module in wanted)]


def lesson_figures(modules: Iterable[str] | None = None) -> dict[str, set[str]]:
    """Return the figures each lesson states through ``lesson.brief`` (file -> names)."""
    wanted = set(modules) if modules else None
    found: dict[str, set[str]] = {}
    for path in sorted(_LESSONS.glob("*/*.py")):
        if wanted is not None and path.parent.name not in wanted:
            continue
        names = {m.group(1) for text in _BRIEF.findall(path.read_text(encoding="utf-8"))
                 for m in _FIELD.finditer(text)}
        if names:
            found[f"{path.parent.name}/{path.name}"] = names
    return found


def _full(exercise: Exercise, earned: float) -> bool:
    return math.isclose(earned, exercise.points, rel_tol=1e-9, abs_tol=1e-9)


def _check_exercise(exercise: Exercise, label: str, out: list[Finding]) -> None:
    try:
        reference = exercise.reference()  # type: ignore[misc]
    except Exception as exc:  # noqa: BLE001 - the tester reports it and goes on
        out.append(Finding(label, exercise.key, f"the reference cannot be computed "
                                                 f"({type(exc).__name__}: {exc})"))
        return
    earned, reason = score(exercise, reference)
    if not _full(exercise, earned):
        out.append(Finding(label, exercise.key, f"the reference answer scores {earned:g} of "
                                                 f"{exercise.points:g}: {reason}"))
    earned, reason = score(exercise, None)
    if earned != 0:
        out.append(Finding(label, exercise.key, f"a blank answer scores {earned:g}: {reason}"))
    try:
        mistakes = exercise.mistakes()
    except Exception as exc:  # noqa: BLE001
        out.append(Finding(label, exercise.key, f"the typical mistakes cannot be built "
                                                 f"({type(exc).__name__}: {exc})"))
        return
    for number, wrong in enumerate(mistakes, 1):
        earned, reason = score(exercise, wrong)
        if _full(exercise, earned):
            out.append(Finding(label, exercise.key, f"typical mistake #{number} scores full "
                                                     f"marks: {reason}"))


def check_variants(n: int = 50, modules: Iterable[str] | None = None, *,
                   seed: str = DEFAULT_SEED, start: int = 0,
                   progress: bool = False) -> TesterResult:
    """Check ``n`` learners' variants of every varying exercise (see the module docstring)."""
    from course.lesson import fill

    modules = list(modules) if modules else None
    exercises = varying_exercises(modules)
    checks = {f"{m}/{name}": fn for m, named in soundness_checks().items()
              if modules is None or m in modules for name, fn in named.items()}
    figures = lesson_figures(modules)
    result = TesterResult()
    learners = [f"tester-{i:03d}" for i in range(start, start + n)]
    if progress:
        from tqdm import tqdm

        learners = tqdm(learners, desc="variants", unit="variant")
    for learner in learners:
        variant = Variant(learner, seed)
        label = f"{variant.id} ({learner})"
        with active(variant):
            for exercise in exercises:
                _check_exercise(exercise, label, result.findings)
                result.checked[exercise.key] = result.checked.get(exercise.key, 0) + 1
            for name, check in checks.items():
                try:
                    problems = check()
                except Exception as exc:  # noqa: BLE001
                    problems = [f"the check failed ({type(exc).__name__}: {exc})"]
                result.findings += [Finding(label, name, p) for p in problems]
                result.checks[name] = result.checks.get(name, 0) + 1
            for lesson, names in figures.items():
                for name in sorted(names):
                    try:
                        fill("{" + name + "}")
                    except Exception as exc:  # noqa: BLE001
                        result.findings.append(Finding(label, f"lesson {lesson}",
                                                       f"figure {name}: {exc}"))
        result.variants += 1
    return result
