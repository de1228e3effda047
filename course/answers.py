"""Answer records: one JSON file per notebook, beside it, written atomically.

A record looks like this (schema 1)::

    {"format": "product-leadership-answers", "schema": 1,
     "module": "01-product-manager", "notebook": "2-prioritize",
     "answers": {"rice-ranking": {"value": {...}, "saved_at": "2026-11-22T10:00:00.000000+00:00"}}}

Only the standard library is used here, so the store works in any kernel and on the
grading side alike.
"""

from __future__ import annotations

import json
import math
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

__all__ = [
    "ANSWER_MIME",
    "FORMAT",
    "RECORD_SUFFIX",
    "SCHEMA_VERSION",
    "Answer",
    "AnswerStore",
    "mirror_bundle",
    "record_path",
]

FORMAT = "product-leadership-answers"
SCHEMA_VERSION = 1
RECORD_SUFFIX = ".answers.json"
ANSWER_MIME = "application/vnd.product-leadership.answer+json"


@dataclass(frozen=True)
class Answer:
    """One saved answer: the value and when it was saved (ISO 8601, UTC)."""

    value: Any
    saved_at: str
    #: the scenario variant the answer was made on (``course.variants``); None in records
    #: written before variants existed
    variant: str | None = None

    def to_json(self) -> dict[str, Any]:
        """Return the record entry for this answer."""
        entry = {"value": self.value, "saved_at": self.saved_at}
        if self.variant is not None:
            entry["variant"] = self.variant
        return entry

    @classmethod
    def from_json(cls, entry: Any) -> Answer | None:
        """Return the answer of a record entry, or None when the entry is damaged."""
        if not (isinstance(entry, dict) and "value" in entry
                and isinstance(entry.get("saved_at"), str)):
            return None
        variant = entry.get("variant")
        return cls(entry["value"], entry["saved_at"],
                   variant if isinstance(variant, str) and len(variant) <= 64 else None)


def record_path(directory: str | os.PathLike[str], notebook: str) -> Path:
    """Return the path of the answer record of ``notebook`` inside ``directory``."""
    return Path(directory) / f"{notebook}{RECORD_SUFFIX}"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _to_plain(value: Any) -> Any:
    """Turn numpy scalars, arrays, tuples and sets into JSON-ready Python values."""
    if isinstance(value, Mapping):
        return {str(k): _to_plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_to_plain(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted(_to_plain(v) for v in value)
    if hasattr(value, "tolist") and callable(value.tolist):  # numpy scalar or array
        return _to_plain(value.tolist())
    if isinstance(value, float) and not math.isfinite(value):
        return None  # JSON has no NaN or infinity; a missing number is saved as null
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    raise TypeError(
        f"an answer must be made of text, numbers, lists and dictionaries; "
        f"got a {type(value).__name__}"
    )


class AnswerStore:
    """Read and write the answer record of one notebook.

    Problems with an existing record never raise: the unreadable file is kept aside
    under a new name and a plain-words message is added to :attr:`problems`.
    """

    def __init__(
        self, directory: str | os.PathLike[str], module: str, notebook: str,
        *, read_only: bool = False,
    ) -> None:
        self.directory = Path(directory)
        self.module = module
        self.notebook = notebook
        self.path = record_path(self.directory, notebook)
        self.problems: list[str] = []
        #: Only read: an unreadable record is reported and left where it is (the grader
        #: reads a learner's hand-in this way, and never moves or writes a file of it).
        self.read_only = read_only
        #: In an instructor's ``source/`` folder answers stay in memory: a record written
        #: there would carry the solutions into the release.
        self.in_memory = _is_instructor_source(self.directory)
        self._memory: dict[str, Any] | None = None

    # -- reading -----------------------------------------------------------------
    def _read_raw(self) -> dict[str, Any] | None:
        """Return the record as a dict, or None when missing; set aside bad files."""
        if self.in_memory:
            return self._memory
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError) as exc:
            return self._set_aside("corrupt", f"it could not be read ({exc.__class__.__name__})")
        try:
            raw = json.loads(text)
        except json.JSONDecodeError as exc:
            return self._set_aside(
                "corrupt", f"it is not valid JSON ({exc.msg} at line {exc.lineno})"
            )
        if not isinstance(raw, dict) or raw.get("format") != FORMAT:
            return self._set_aside("foreign", "it is not an answer record of this course")
        schema = raw.get("schema")
        if not isinstance(schema, int) or schema > SCHEMA_VERSION or schema < 1:
            return self._set_aside(
                "foreign",
                f"it was written with record schema {schema!r}, and this version of the course "
                f"reads schema {SCHEMA_VERSION} (update the course package to read it)",
            )
        if raw.get("module") != self.module or raw.get("notebook") != self.notebook:
            return self._set_aside(
                "foreign",
                f"it belongs to notebook {raw.get('notebook')!r} of module {raw.get('module')!r}, "
                f"not to {self.notebook!r} of {self.module!r}",
            )
        if not isinstance(raw.get("answers"), dict):
            return self._set_aside("corrupt", "its 'answers' section is missing or not a mapping")
        return raw

    def _set_aside(self, kind: str, why: str) -> None:
        if self.read_only:
            self._problem(f"The saved answers in {self.path.name} could not be used: {why}.")
            return None
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        aside = self.path.with_name(f"{self.notebook}.answers.{kind}-{stamp}.json")
        try:
            os.replace(self.path, aside)
            kept = f"It was kept as {aside.name}, so nothing is lost"
        except OSError as exc:  # pragma: no cover - a read-only folder
            kept = f"It could not be moved aside ({exc.strerror}); it was left in place"
        self._problem(
            f"The saved answers in {self.path.name} could not be used: {why}. {kept}; "
            f"answers for this notebook start fresh from here. Ask your instructor if you "
            f"need the old file recovered."
        )
        return None

    def _problem(self, message: str) -> None:
        if message not in self.problems:
            self.problems.append(message)

    def load(self) -> dict[str, Answer]:
        """Return every readable answer in the record, keyed by exercise id."""
        raw = self._read_raw()
        if raw is None:
            return {}
        answers: dict[str, Answer] = {}
        for exercise, entry in raw["answers"].items():
            answer = Answer.from_json(entry)
            if answer is not None:
                answers[exercise] = answer
            else:
                self._problem(
                    f"The saved answer for exercise {exercise!r} in {self.path.name} is "
                    f"damaged (it needs a 'value' and a 'saved_at'); it was ignored."
                )
        return answers

    def get(self, exercise: str) -> Answer | None:
        """Return the saved answer of ``exercise``, or None if there is none."""
        return self.load().get(exercise)

    # -- writing -----------------------------------------------------------------
    def save(self, exercise: str, value: Any) -> Answer:
        """Save ``value`` as the answer of ``exercise`` and return the stored answer."""
        from .variants import current

        answer = Answer(_to_plain(value), _now(), current().id)
        self._write({exercise: answer})
        return answer

    def restore(self, answers: Mapping[str, Answer]) -> list[str]:
        """Add answers that are missing or older in the record; return the ids written."""
        current = self.load()
        newer = {
            ex: ans
            for ex, ans in answers.items()
            if ex not in current or ans.saved_at > current[ex].saved_at
        }
        if newer:
            self._write(newer)
        return sorted(newer)

    def _write(self, updates: Mapping[str, Answer]) -> None:
        if self.read_only:
            raise PermissionError(f"{self.path.name} is opened read-only")
        raw = self._read_raw() or {
            "format": FORMAT,
            "schema": SCHEMA_VERSION,
            "module": self.module,
            "notebook": self.notebook,
            "answers": {},
        }
        for exercise, answer in updates.items():
            raw["answers"][exercise] = answer.to_json()
        if self.in_memory:
            self._memory = raw
            return
        self.directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(
            prefix=f".{self.notebook}.", suffix=".tmp", dir=self.directory
        )
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(raw, handle, indent=1, sort_keys=True)
                handle.write("\n")
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


def _is_instructor_source(directory: Path) -> bool:
    """Whether ``directory`` is ``<course root>/source/<module>`` of an nbgrader course."""
    try:
        module = directory.resolve()
    except OSError:  # pragma: no cover - an unreachable folder is not a source folder
        return False
    return module.parent.name == "source" and (module.parent.parent / "nbgrader_config.py").exists()


def mirror_bundle(store: AnswerStore, exercise: str, answer: Answer | None) -> dict[str, Any]:
    """Return the display bundle that keeps a copy of an answer inside the notebook."""
    payload = {
        "format": FORMAT,
        "schema": SCHEMA_VERSION,
        "module": store.module,
        "notebook": store.notebook,
        "exercise": exercise,
        "answer": None if answer is None else answer.to_json(),
    }
    return {"text/plain": "", ANSWER_MIME: payload}
