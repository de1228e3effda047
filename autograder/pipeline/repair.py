"""Notebooks that real classes hand in, mended so they are graded instead of failing.

:class:`RepairNotebook` runs among ``Autograde.sanitize_preprocessors`` after
:class:`~autograder.pipeline.answers.ReadAnswers` and before nbgrader's own steps. Two
kinds of damage make stock nbgrader 0.9 stop with a ``KeyError``, and are mended here:

* **Cells that lost their grading marks** (nbgrader #1398): another editor, or copying
  cells into a new notebook, drops the cells' ``nbgrader`` metadata. Each cell of the
  notebook as recorded in the gradebook (in order) is matched to a submitted cell
  without marks: a locked cell (reading, set-up, widget, test) to a cell with the same
  text (a test cell's hidden part is not in the learner's copy); an answer cell by
  position, the first unmarked cell of its type between its matched neighbours. The
  marks are copied from the gradebook; nbgrader's ``OverwriteCells`` then restores locked
  texts as usual. Cells that cannot be matched are put back by ``OverwriteCells`` (its
  ``add_missing_cells``).
* **A cell duplicated with its grade id** (nbgrader #1083): the *first* copy keeps the
  grade id and is graded; later copies lose their marks and run as ordinary cells.

What was mended is written to the log and into the notes the grader shows above the
notebook's first score, so the instructor and the learner see it. A test cell turned
into markdown (nbgrader #92) and a notebook saved by another editor (no cell ids, an older
nbformat minor, metadata reordered) need no mending: nbgrader restores them (tested).
"""

from __future__ import annotations

import re
from typing import Any

from nbconvert.preprocessors import Preprocessor
from nbformat import NotebookNode
from traitlets import Bool

from autograder.pipeline.answers import METADATA_KEY

__all__ = ["RepairNotebook"]

_HIDDEN = re.compile(r"\n?### BEGIN HIDDEN TESTS.*?### END HIDDEN TESTS\n?", re.DOTALL)


def _text(source: str) -> str:
    """A cell text compared as a learner's copy shows it (hidden tests out, ends trimmed)."""
    return _HIDDEN.sub("\n", source).strip()


def _marks(cell: NotebookNode) -> dict[str, Any]:
    meta = cell.get("metadata", {}).get("nbgrader")
    return meta if isinstance(meta, dict) and meta.get("grade_id") else {}


class RepairNotebook(Preprocessor):
    """Give lost grading marks back by matching the gradebook's cells; first duplicate wins."""

    enabled = Bool(True).tag(config=True)

    def preprocess(self, nb: NotebookNode, resources: dict[str, Any]) -> tuple[NotebookNode, dict]:
        """Mend duplicated grade ids and lost marks; note what was done."""
        notes = self._deduplicate(nb)
        try:
            notes += self._rematch(nb, resources)
        except Exception as exc:  # noqa: BLE001 - an unknown notebook: nbgrader reports it
            self.log.debug("No cells matched: %s", exc)
        if notes:
            meta = nb.metadata.setdefault(METADATA_KEY, {"answers": {}, "notes": []})
            meta.setdefault("notes", []).extend(notes)
            for note in notes:
                self.log.warning("Mended: %s", note)
        return nb, resources

    @staticmethod
    def _deduplicate(nb: NotebookNode) -> list[str]:
        seen: set[str] = set()
        twice: list[str] = []
        for cell in nb.cells:
            grade_id = _marks(cell).get("grade_id")
            if not grade_id:
                continue
            if grade_id in seen:
                cell.metadata.pop("nbgrader", None)
                if grade_id not in twice:
                    twice.append(grade_id)
            seen.add(grade_id)
        return [f"cell {g} appears more than once; the first copy is graded and the others "
                f"ran as ordinary cells" for g in twice]

    def _rematch(self, nb: NotebookNode, resources: dict[str, Any]) -> list[str]:
        from nbgrader.api import Gradebook

        meta = resources.get("nbgrader", {})
        present = {_marks(c).get("grade_id") for c in nb.cells} - {None}
        with Gradebook(meta["db_url"]) as gb:
            recorded = gb.find_notebook(meta["notebook"], meta["assignment"])
            grade = {c.name: c.max_score for c in recorded.grade_cells}
            solution = {c.name for c in recorded.solution_cells}
            cells = [(c.name, c.cell_type, bool(c.locked), c.source, c.checksum)
                     for c in recorded.source_cells]
        missing = [c for c in cells if c[0] not in present]
        if not missing:
            return []
        position = {name: i for i, (name, *_rest) in enumerate(cells)}
        # where each recorded cell sits in the submission (-1: not there)
        where = {_marks(c)["grade_id"]: i for i, c in enumerate(nb.cells) if _marks(c)}
        free = [i for i, c in enumerate(nb.cells) if not _marks(c)]
        by_text: list[str] = []
        for name, cell_type, locked, source, checksum in missing:
            if not locked:
                continue
            for i in free:
                candidate = nb.cells[i]
                if candidate.cell_type == cell_type and _text(candidate.source) == _text(source):
                    self._mark(candidate, name, grade, solution, locked, checksum)
                    where[name] = i
                    free.remove(i)
                    by_text.append(name)
                    break
        by_place: list[str] = []
        for name, cell_type, locked, _source, checksum in missing:
            if locked or name in where:
                continue
            index = position[name]
            before = max((where[n] for n, *_r in cells[:index] if n in where), default=-1)
            after = min((where[n] for n, *_r in cells[index + 1:] if n in where),
                        default=len(nb.cells))
            for i in free:
                if before < i < after and nb.cells[i].cell_type == cell_type:
                    self._mark(nb.cells[i], name, grade, solution, locked, checksum)
                    where[name] = i
                    free.remove(i)
                    by_place.append(name)
                    break
        notes = []
        if by_text or by_place:
            notes.append(
                "this notebook's cells had lost their grading marks (saved by another editor "
                "or copied into a new notebook); they were matched to the released notebook"
                + (f", by their text: {', '.join(by_text)}" if by_text else "")
                + (f"; by their place: {', '.join(by_place)}" if by_place else ""))
        lost = [name for name, *_r in missing if name not in where and name in grade]
        if lost:
            notes.append(f"no cell matched {', '.join(lost)}; the released cell was put back")
        return notes

    @staticmethod
    def _mark(cell: NotebookNode, name: str, grade: dict[str, float], solution: set[str],
              locked: bool, checksum: str | None) -> None:
        marks: dict[str, Any] = {"grade": name in grade, "solution": name in solution,
                                 "locked": locked, "grade_id": name, "schema_version": 3}
        if name in grade:
            marks["points"] = grade[name]
        if checksum:
            marks["checksum"] = checksum
        cell.metadata["nbgrader"] = marks
