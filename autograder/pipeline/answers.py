"""Widget answers as handed in: read before any learner code runs, kept out of the kernel's reach.

A widget answer lives in two places a learner hands in: the answer record beside the
notebook (``<notebook>.answers.json``) and a copy inside the notebook itself (a display
output of type :data:`course.answers.ANSWER_MIME`, for learners who upload the notebook
alone). Both are read by the grader, as handed in, in two steps:

1. :class:`ReadAnswers` runs first among ``Autograde.sanitize_preprocessors``, on the
   notebook in ``submitted/`` (before ``ClearOutput``, before any kernel of this
   submission has run this notebook). It reads the record beside the submitted notebook
   and the copies in its outputs, keeps the newest answer of each exercise, and stores
   that snapshot in the notebook's metadata, which is all that travels to the next step.
2. :class:`UseAnswers` runs first among ``Autograde.autograde_preprocessors``. It moves the
   snapshot from the metadata into the grader's ``resources`` (the kernel never sees
   them), and writes the snapshot into the record in the autograded folder so the
   learner's widgets and self-checks show the learner's answers while the notebook runs.

Scoring (:mod:`autograder.pipeline.score`) reads the snapshot in ``resources``; nothing
the kernel writes while grading counts.

A copy inside a notebook is data, never a path: only copies naming this very notebook
and module are used (others are ignored with a note), and names in a copy are never
joined into a file path.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from nbconvert.preprocessors import Preprocessor
from nbformat import NotebookNode
from traitlets import Bool

from course.answers import ANSWER_MIME, FORMAT, Answer, AnswerStore

__all__ = ["METADATA_KEY", "RESOURCES_KEY", "ReadAnswers", "UseAnswers", "harvest", "snapshot"]

#: Notebook metadata key that carries the snapshot from sanitising to grading.
METADATA_KEY = "product_leadership_answers"
#: ``resources`` key holding ``{"answers": {exercise: {"value", "saved_at"}}, "notes": [...]}``.
RESOURCES_KEY = "plcourse"


def harvest(nb: NotebookNode, module: str | None = None,
            notebook: str | None = None) -> tuple[dict[str, Answer], list[str]]:
    """Return the answer copies kept in ``nb``'s outputs (newest per exercise) and notes.

    With ``module`` and ``notebook`` given, copies that name another notebook or module
    are ignored with a note; malformed copies are skipped silently.
    """
    found: dict[str, Answer] = {}
    notes: list[str] = []
    for cell in nb.get("cells", []):
        for output in cell.get("outputs", []) if cell.get("cell_type") == "code" else []:
            data = output.get("data") if isinstance(output, dict) else None
            payload = data.get(ANSWER_MIME) if isinstance(data, dict) else None
            if not isinstance(payload, dict) or payload.get("format") != FORMAT:
                continue
            answer, exercise = payload.get("answer"), payload.get("exercise")
            entry = Answer.from_json(answer)
            if entry is None or not isinstance(exercise, str):
                continue
            if notebook is not None and (payload.get("notebook") != notebook
                                         or payload.get("module") != module):
                note = (f"an answer copy for {str(payload.get('notebook'))[:60]!r} of "
                        f"{str(payload.get('module'))[:60]!r} sits in {notebook}; only copies of "
                        f"this notebook count, so it was ignored")
                if note not in notes:
                    notes.append(note)
                continue
            if exercise not in found or entry.saved_at > found[exercise].saved_at:
                found[exercise] = entry
    return found, notes


def snapshot(nb: NotebookNode, directory: Path, module: str,
             notebook: str) -> tuple[dict[str, Answer], list[str]]:
    """Return the newest answer per exercise from the record in ``directory`` and ``nb``'s copies.

    The record is read only (a corrupt record is reported, not set aside: the submitted
    folder is the learner's hand-in and stays as it came).
    """
    copies, notes = harvest(nb, module, notebook)
    store = AnswerStore(directory, module, notebook, read_only=True)
    recorded = store.load()
    notes += store.problems
    merged = dict(recorded)
    for exercise, answer in copies.items():
        if exercise not in merged or answer.saved_at > merged[exercise].saved_at:
            merged[exercise] = answer
    return merged, notes


def _ids(resources: dict[str, Any]) -> tuple[str, str]:
    meta = resources.get("nbgrader", {})
    return str(meta.get("assignment", "")), str(meta.get("notebook", ""))


class ReadAnswers(Preprocessor):
    """Sanitising step: snapshot the handed-in answers into the notebook's metadata."""

    # nbconvert registers preprocessors disabled unless they say otherwise
    enabled = Bool(True).tag(config=True)

    def preprocess(self, nb: NotebookNode, resources: dict[str, Any]) -> tuple[NotebookNode, dict]:
        """Store ``{"answers": ..., "notes": ...}`` under :data:`METADATA_KEY`."""
        module, notebook = _ids(resources)
        directory = Path(resources.get("metadata", {}).get("path") or ".")
        answers, notes = snapshot(nb, directory, module, notebook)
        nb.metadata[METADATA_KEY] = {
            "answers": {ex: a.to_json() for ex, a in answers.items()}, "notes": notes}
        return nb, resources


class UseAnswers(Preprocessor):
    """Grading step: take the snapshot out of the notebook, into the grader's resources."""

    enabled = Bool(True).tag(config=True)

    def preprocess(self, nb: NotebookNode, resources: dict[str, Any]) -> tuple[NotebookNode, dict]:
        """Move the snapshot to ``resources[RESOURCES_KEY]`` and restore the working record."""
        module, notebook = _ids(resources)
        found = nb.metadata.pop(METADATA_KEY, None)
        answers: dict[str, Answer] = {}
        notes: list[str] = []
        if isinstance(found, dict):
            for exercise, entry in (found.get("answers") or {}).items():
                answer = Answer.from_json(entry)
                if answer is not None:
                    answers[str(exercise)] = answer
            notes = [str(n) for n in found.get("notes") or []]
        else:
            notes.append("the handed-in answers were not read before grading (ReadAnswers is "
                         "missing from Autograde.sanitize_preprocessors); widget exercises "
                         "score 0")
        resources[RESOURCES_KEY] = {"answers": answers, "notes": notes}
        directory = resources.get("metadata", {}).get("path") or "."
        if answers and module and notebook:
            store = AnswerStore(directory, module, notebook)
            store.restore(answers)  # the learner's widgets show their answers while it runs
            for problem in store.problems:
                self.log.warning("%s", problem)
        for note in notes:
            self.log.warning("%s: %s", notebook, note)
        return nb, resources
