"""The lesson context: which module and notebook this kernel works on, and its answers."""

from __future__ import annotations

import os
from pathlib import Path

from .answers import Answer, AnswerStore

__all__ = ["Lesson", "start"]


class Lesson:
    """The answer record of one lesson notebook, opened from the notebook's folder."""

    def __init__(
        self, module: str, notebook: str, directory: str | os.PathLike[str] | None = None
    ) -> None:
        self.module = module
        self.notebook = notebook
        self.directory = Path.cwd() if directory is None else Path(directory)
        self.store = AnswerStore(self.directory, module, notebook)
        self._reported = 0
        self.answers = self.store.load()
        self.report_problems()

    def saved(self, exercise: str) -> Answer | None:
        """Return the saved answer of ``exercise`` (read fresh from the record)."""
        answer = self.store.get(exercise)
        self.report_problems()
        return answer

    def report_problems(self) -> list[str]:
        """Print (on stdout, never stderr) any record problem not reported yet."""
        fresh = self.store.problems[self._reported :]
        self._reported = len(self.store.problems)
        for message in fresh:
            print(f"Note: {message}")
        return fresh

    def __repr__(self) -> str:
        return f"Lesson({self.module!r}, {self.notebook!r}, answers in {self.store.path.name!r})"


def start(module: str, notebook: str) -> Lesson:
    """Open the lesson ``notebook`` of ``module`` in the current folder and report its record."""
    lesson = Lesson(module, notebook)
    count = len(lesson.answers)
    where = lesson.store.path.name
    if lesson.store.in_memory:
        print("This is the instructor's source folder: answers are kept in memory only, so "
              "no answer record can travel into the release.")
    elif count:
        print(f"Welcome back: {count} saved answer(s) found in {where}.")
    else:
        print(f"Your answers in this notebook are saved as you go, in {where} beside it.")
    return lesson
