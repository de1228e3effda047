"""Find graded answers where learners can see them: release/, feedback, the course package.

What counts as an answer: every line of a solution region or hidden-test region of a
source notebook (long enough to be specific), the full text of hand-graded model
answers, and the fingerprints each catalog exercise declares (its reference values).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import nbformat

from autograder.scoring.catalog import all_exercises

__all__ = ["Leak", "answer_texts", "scan"]

_REGION = re.compile(
    r"### BEGIN (SOLUTION|HIDDEN TESTS)\n(.*?)### END \1", re.DOTALL
)
_MIN_LINE = 16  # shorter lines (``pass``, ``x = 1``) are too common to mean anything


@dataclass(frozen=True)
class Leak:
    """An answer text found in a file a learner can see."""

    path: Path
    what: str
    text: str

    def __str__(self) -> str:
        return f"{self.path}: {self.what}: {self.text[:80]!r}"


def answer_texts(source: Path) -> dict[str, str]:
    """Return ``{text: what}`` for every answer text of the notebooks under ``source``."""
    texts: dict[str, str] = {}
    notebooks = [nbformat.read(p, as_version=4) for p in sorted(source.glob("*/*.ipynb"))]
    # Lines that also stand outside any region are what learners are meant to see.
    visible = "\n".join(_REGION.sub("", cell.source) for nb in notebooks for cell in nb.cells)
    for path, nb in zip(sorted(source.glob("*/*.ipynb")), notebooks, strict=True):
        for cell in nb.cells:
            meta = cell.metadata.get("nbgrader", {})
            if cell.cell_type == "markdown" and meta.get("solution") and "### BEGIN" not in (
                cell.source
            ):  # a model answer for hand grading: replaced whole in the release
                for line in cell.source.splitlines():
                    line = line.strip()
                    if len(line) >= _MIN_LINE and line not in visible:
                        texts[line] = f"model answer line of {path.name}#{cell.get('id')}"
            for kind, body in _REGION.findall(cell.source):
                for line in body.splitlines():
                    line = line.strip()
                    if len(line) >= _MIN_LINE and not line.startswith("#") and line not in visible:
                        texts[line] = f"{kind.lower()} line of {path.name}#{cell.get('id')}"
    for exercise in all_exercises():
        for fingerprint in exercise.fingerprints():
            texts[fingerprint] = f"reference value of {exercise.key}"
    return texts


def _visible_text(path: Path) -> str:
    if path.suffix == ".ipynb":
        nb = nbformat.read(path, as_version=4)
        parts = []
        for cell in nb.cells:
            parts.append(cell.source)
            for output in cell.get("outputs", []):
                parts.append(str(output.get("text", "")))
                parts.extend(str(v) for v in output.get("data", {}).values())
        return "\n".join(parts)
    return path.read_text(encoding="utf-8", errors="replace")


def scan(paths: list[Path], source: Path) -> list[Leak]:
    """Return every answer text of ``source`` found in the files or folders ``paths``."""
    texts = answer_texts(source)
    leaks = []
    for root in paths:
        files = [root] if root.is_file() else sorted(
            p for p in root.rglob("*") if p.is_file() and p.suffix in {".ipynb", ".py", ".html",
                                                                       ".json", ".md", ".csv"}
        )
        for path in files:
            if "__pycache__" in path.parts:
                continue
            body = _visible_text(path)
            for text, what in texts.items():
                if text in body:
                    leaks.append(Leak(path, what, text))
    return leaks
