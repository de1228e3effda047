"""Points for one answer to one exercise, with a reason, never an error (grader side only).

:func:`score` is what the grading pipeline (:mod:`autograder.pipeline.score`) and the
workshop board use; :func:`grade` reads a saved answer from a folder and prints the reason.
"""

from __future__ import annotations

import os
from typing import Any

from autograder.scoring.catalog import Exercise, get
from course.answers import AnswerStore

__all__ = ["grade", "score"]

_FROM_RECORD = object()


def score(exercise: Exercise, value: Any, points: float | None = None) -> tuple[float, str]:
    """Return the points ``value`` earns on ``exercise`` (out of ``points``) and why.

    A malformed answer of any kind earns 0, with the reason; nothing raises.
    """
    out_of = exercise.points if points is None else points
    try:
        result = exercise.score(value)  # type: ignore[misc]
    except Exception as exc:  # noqa: BLE001
        return 0.0, (f"{exercise.exercise}: the answer could not be scored "
                     f"({type(exc).__name__}: {exc}); 0 of {out_of:g} points.")
    earned = result.points(out_of)
    return earned, f"{exercise.exercise}: {result.reason} {earned:g} of {out_of:g} points."


def grade(key: str, value: Any = _FROM_RECORD, directory: str | os.PathLike[str] = ".") -> float:
    """Return the points ``value`` earns for exercise ``key`` and print why.

    Widget exercises read the learner's saved answer from the notebook's answer record
    in ``directory``. Nothing is written to stderr and nothing raises for a bad answer: it
    simply earns no points.
    """
    exercise = get(key)
    if exercise.score is None:
        raise ValueError(f"{key} is graded by hand, not by grade()")
    if value is _FROM_RECORD:
        store = AnswerStore(directory, exercise.module, exercise.notebook)
        answer = store.get(exercise.record)
        for problem in store.problems:
            print(f"Note: {problem}")
        if answer is None:
            print(f"{exercise.exercise}: no saved answer, 0 of {exercise.points:g} points.")
            return 0.0
        value = answer.value
    earned, reason = score(exercise, value)
    print(reason)
    return earned
