"""nbgrader preprocessors that let an answer kept inside a notebook stand in for its record.

Widgets keep a copy of each answer in a display output of the notebook
(:data:`course.answers.ANSWER_MIME`). nbgrader clears outputs while sanitising, so:

1. :class:`HarvestAnswers` runs first among ``Autograde.sanitize_preprocessors`` and
   moves those copies into the notebook's metadata;
2. :class:`RestoreAnswers` runs first among ``Autograde.autograde_preprocessors``, in
   the autograded folder where the kernel will run, and writes them into the answer
   record wherever the record lacks an answer or holds an older one.
"""

from __future__ import annotations

from typing import Any

from nbconvert.preprocessors import Preprocessor
from nbformat import NotebookNode
from traitlets import Bool

from course.answers import ANSWER_MIME, FORMAT, Answer, AnswerStore

__all__ = ["METADATA_KEY", "HarvestAnswers", "RestoreAnswers", "harvest"]

#: Notebook metadata key that carries harvested answers from sanitising to grading.
METADATA_KEY = "product_leadership_answers"


def harvest(nb: NotebookNode) -> dict[str, dict[str, dict[str, Any]]]:
    """Return ``{notebook: {exercise: {"module", "value", "saved_at"}}}`` from the outputs.

    Malformed copies are skipped; for an exercise seen twice the newest copy wins.
    """
    found: dict[str, dict[str, dict[str, Any]]] = {}
    for cell in nb.get("cells", []):
        for output in cell.get("outputs", []) if cell.get("cell_type") == "code" else []:
            payload = output.get("data", {}).get(ANSWER_MIME)
            if not isinstance(payload, dict) or payload.get("format") != FORMAT:
                continue
            answer = payload.get("answer")
            notebook, exercise = payload.get("notebook"), payload.get("exercise")
            if not (
                isinstance(answer, dict)
                and isinstance(answer.get("saved_at"), str)
                and "value" in answer
                and isinstance(notebook, str)
                and isinstance(exercise, str)
                and isinstance(payload.get("module"), str)
            ):
                continue
            entry = {"module": payload["module"], "value": answer["value"],
                     "saved_at": answer["saved_at"]}
            current = found.setdefault(notebook, {}).get(exercise)
            if current is None or entry["saved_at"] > current["saved_at"]:
                found[notebook][exercise] = entry
    return found


class HarvestAnswers(Preprocessor):
    """Copy the answers kept in a notebook's outputs into its metadata (before ClearOutput)."""

    # nbconvert registers preprocessors disabled unless they say otherwise
    enabled = Bool(True).tag(config=True)

    def preprocess(self, nb: NotebookNode, resources: dict[str, Any]) -> tuple[NotebookNode, dict]:
        """Store the harvested answers under :data:`METADATA_KEY` in the notebook metadata."""
        found = harvest(nb)
        if found:
            nb.metadata[METADATA_KEY] = found
        else:
            nb.metadata.pop(METADATA_KEY, None)
        return nb, resources


class RestoreAnswers(Preprocessor):
    """Write harvested answers into the record beside the notebook where it lacks them."""

    enabled = Bool(True).tag(config=True)

    def preprocess(self, nb: NotebookNode, resources: dict[str, Any]) -> tuple[NotebookNode, dict]:
        """Restore the answer records in the folder the kernel will run in."""
        found = nb.metadata.pop(METADATA_KEY, None)
        directory = resources.get("metadata", {}).get("path") or "."
        if not isinstance(found, dict):
            return nb, resources
        for notebook, exercises in found.items():
            if not isinstance(exercises, dict) or not exercises:
                continue
            modules = {e.get("module") for e in exercises.values() if isinstance(e, dict)}
            if len(modules) != 1:
                continue
            store = AnswerStore(directory, modules.pop(), notebook)
            answers = {
                ex: Answer(e["value"], e["saved_at"]) for ex, e in exercises.items()
                if isinstance(e, dict) and "value" in e and isinstance(e.get("saved_at"), str)
            }
            written = store.restore(answers)
            for problem in store.problems:
                self.log.warning("%s", problem)
            if written:
                self.log.info(
                    "Restored %d answer(s) of %s from the copy kept in the notebook: %s",
                    len(written), store.path.name, ", ".join(written),
                )
        return nb, resources
