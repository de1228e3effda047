"""What hidden tests call: points for one exercise, printed with a reason, never an error."""

from __future__ import annotations

import os
from typing import Any

from course.answers import AnswerStore

from .catalog import get

__all__ = ["grade"]

_FROM_RECORD = object()


def grade(key: str, value: Any = _FROM_RECORD, directory: str | os.PathLike[str] = ".") -> float:
    """Return the points ``value`` earns for exercise ``key`` and print why.

    Widget exercises read the learner's saved answer from the notebook's answer record
    in ``directory`` (the folder the notebook runs in). The last expression of a hidden
    test cell is this number, which nbgrader takes as partial credit. Nothing is written
    to stderr and nothing raises for a bad answer: it simply earns no points.
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
    try:
        score = exercise.score(value)
    except Exception as exc:  # a malformed answer of any kind earns 0, with the reason
        print(f"{exercise.exercise}: the answer could not be scored ({exc.__class__.__name__}: "
              f"{exc}); 0 of {exercise.points:g} points.")
        return 0.0
    points = score.points(exercise.points)
    print(f"{exercise.exercise}: {score.reason} {points:g} of {exercise.points:g} points.")
    return points
