"""Answer records (course/answers.py) and the lesson context (course/lesson.py)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest

import course
from course.answers import (
    FORMAT,
    RECORD_SUFFIX,
    SCHEMA_VERSION,
    Answer,
    AnswerStore,
    record_path,
)
from course.lesson import Lesson

MODULE = "07-test-module"
NOTEBOOK = "3-some-lesson"


@pytest.fixture
def store(tmp_path: Path) -> AnswerStore:
    """Return an answer store over an empty temporary folder."""
    return AnswerStore(tmp_path, MODULE, NOTEBOOK)


def _record(**overrides: object) -> dict:
    """Return a well-formed record dict for MODULE/NOTEBOOK, with fields overridden."""
    raw = {
        "format": FORMAT,
        "schema": SCHEMA_VERSION,
        "module": MODULE,
        "notebook": NOTEBOOK,
        "answers": {"q1": {"value": "kept", "saved_at": "2026-01-01T00:00:00.000000+00:00"}},
    }
    raw.update(overrides)
    return raw


def _asides(folder: Path, kind: str) -> list[Path]:
    """Return the files set aside as ``kind`` (corrupt or foreign) in ``folder``."""
    return sorted(folder.glob(f"{NOTEBOOK}.answers.{kind}-*.json"))


# -- round trip and file layout -----------------------------------------------------------


def test_record_path_is_beside_the_notebook(tmp_path: Path) -> None:
    """The record of a notebook is <notebook>.answers.json in the given folder."""
    assert record_path(tmp_path, "2-x") == tmp_path / "2-x.answers.json"
    assert RECORD_SUFFIX == ".answers.json"


def test_round_trip_save_then_load(store: AnswerStore, tmp_path: Path) -> None:
    """A saved value loads back equal, from a fresh store on the same folder."""
    value = {"order": ["B2", "B1"], "cut": 1}
    saved = store.save("ranking", value)
    assert saved.value == value
    fresh = AnswerStore(tmp_path, MODULE, NOTEBOOK)
    loaded = fresh.load()
    assert set(loaded) == {"ranking"}
    assert loaded["ranking"].value == value
    assert loaded["ranking"].saved_at == saved.saved_at
    assert fresh.get("ranking") == saved
    assert fresh.get("other") is None
    assert fresh.problems == []


def test_missing_record_loads_empty_without_problems(store: AnswerStore) -> None:
    """No record file means no answers and no problems, and nothing is created."""
    assert store.load() == {}
    assert store.problems == []
    assert not store.path.exists()


def test_record_json_carries_format_schema_module_notebook(store: AnswerStore) -> None:
    """The file on disk names the format, schema, module, notebook and the answers."""
    store.save("q1", 42)
    raw = json.loads(store.path.read_text(encoding="utf-8"))
    assert raw["format"] == FORMAT == "product-leadership-answers"
    assert raw["schema"] == SCHEMA_VERSION == 1
    assert raw["module"] == MODULE
    assert raw["notebook"] == NOTEBOOK
    assert raw["answers"]["q1"]["value"] == 42
    assert isinstance(raw["answers"]["q1"]["saved_at"], str)


def test_saving_one_exercise_keeps_the_others(store: AnswerStore) -> None:
    """Saving q2, then overwriting q1, keeps q2 and replaces only q1."""
    store.save("q1", "first")
    store.save("q2", [1, 2])
    store.save("q1", "second")
    loaded = store.load()
    assert {k: a.value for k, a in loaded.items()} == {"q1": "second", "q2": [1, 2]}


def test_saved_at_is_utc_iso_and_increases(store: AnswerStore) -> None:
    """saved_at is ISO 8601 in UTC and a later save gets a later stamp."""
    from datetime import datetime, timedelta

    a = store.save("q1", 1)
    b = store.save("q1", 2)
    stamp = datetime.fromisoformat(a.saved_at)
    assert stamp.utcoffset() == timedelta(0)
    assert b.saved_at >= a.saved_at


# -- atomic write -------------------------------------------------------------------------


def test_save_leaves_no_temporary_files(store: AnswerStore, tmp_path: Path) -> None:
    """After several saves the folder holds only the record file."""
    for i in range(3):
        store.save(f"q{i}", i)
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"{NOTEBOOK}.answers.json"]


def test_failed_json_dump_removes_tmp_and_keeps_record(store: AnswerStore, tmp_path: Path) -> None:
    """When json.dump fails on a non-serialisable value the .tmp file goes and the record stays."""
    store.save("q1", "old")
    before = store.path.read_bytes()
    with pytest.raises(TypeError):
        store.restore({"q2": Answer(object(), "2099-01-01T00:00:00+00:00")})
    assert list(tmp_path.glob("*.tmp")) == []
    assert list(tmp_path.glob(".*")) == []
    assert store.path.read_bytes() == before


def test_failed_rename_keeps_old_record(
    store: AnswerStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If os.replace fails, the old record is intact and the temporary file is removed."""
    store.save("q1", "old")
    before = store.path.read_bytes()

    def boom(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        store.save("q1", "new")
    monkeypatch.undo()
    assert store.path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [store.path.name]
    assert AnswerStore(tmp_path, MODULE, NOTEBOOK).get("q1").value == "old"


def test_save_creates_missing_folder(tmp_path: Path) -> None:
    """Saving into a folder that does not exist yet creates it."""
    folder = tmp_path / "deep" / "er"
    AnswerStore(folder, MODULE, NOTEBOOK).save("q1", True)
    assert (folder / f"{NOTEBOOK}.answers.json").exists()


# -- plain JSON values --------------------------------------------------------------------


def test_numpy_values_and_tuples_become_plain_json(store: AnswerStore) -> None:
    """NumPy scalars and arrays, tuples and sets are stored as plain numbers and lists."""
    value = {
        "int": np.int64(3),
        "float": np.float32(0.5),
        "bool": np.bool_(True),
        "array": np.array([[1, 2], [3, 4]]),
        "tuple": ("a", np.int32(7)),
        "set": {"b", "a"},
        1: "int key",
    }
    answer = store.save("q1", value)
    expected = {
        "int": 3,
        "float": 0.5,
        "bool": True,
        "array": [[1, 2], [3, 4]],
        "tuple": ["a", 7],
        "set": ["a", "b"],
        "1": "int key",
    }
    assert answer.value == expected
    assert type(answer.value["int"]) is int
    assert type(answer.value["float"]) is float
    assert type(answer.value["bool"]) is bool
    assert type(answer.value["array"][0][0]) is int
    raw = json.loads(store.path.read_text(encoding="utf-8"))
    assert raw["answers"]["q1"]["value"] == expected


def test_non_json_value_raises_clear_type_error(store: AnswerStore) -> None:
    """A value made of something other than text, numbers, lists, dicts raises TypeError."""

    class Gadget:
        pass

    with pytest.raises(TypeError, match=r"text, numbers, lists and dictionaries.*Gadget"):
        store.save("q1", {"nested": [Gadget()]})
    assert not store.path.exists()


# -- bad records are set aside ------------------------------------------------------------


def _check_set_aside(store: AnswerStore, tmp_path: Path, original: bytes, kind: str) -> str:
    """Assert the record was moved aside as ``kind`` with its bytes; return the message."""
    assert not store.path.exists()
    asides = _asides(tmp_path, kind)
    assert len(asides) == 1, sorted(p.name for p in tmp_path.iterdir())
    assert asides[0].read_bytes() == original
    assert len(store.problems) == 1
    message = store.problems[0]
    assert asides[0].name in message
    assert store.path.name in message
    assert "Traceback" not in message and "File \"" not in message
    # the store works afterwards: a save writes a fresh, valid record
    store.save("fresh", 1)
    again = AnswerStore(tmp_path, MODULE, NOTEBOOK)
    assert {k: a.value for k, a in again.load().items()} == {"fresh": 1}
    assert again.problems == []
    assert asides[0].read_bytes() == original
    return message


def test_invalid_json_is_set_aside_as_corrupt(store: AnswerStore, tmp_path: Path) -> None:
    """A record that is not valid JSON is moved to .corrupt-*.json and reported."""
    original = b'{"format": "product-leadership-answers", "answers": {'
    store.path.write_bytes(original)
    assert store.load() == {}
    message = _check_set_aside(store, tmp_path, original, "corrupt")
    assert "not valid JSON" in message


def test_non_utf8_record_is_set_aside_as_corrupt(store: AnswerStore, tmp_path: Path) -> None:
    """A record with bytes that are not UTF-8 is moved aside, not crashed on."""
    original = b"\xff\xfe\x00garbage"
    store.path.write_bytes(original)
    assert store.load() == {}
    _check_set_aside(store, tmp_path, original, "corrupt")


@pytest.mark.parametrize(
    ("overrides", "words"),
    [
        ({"notebook": "9-other-notebook"}, "9-other-notebook"),
        ({"module": "99-other-module"}, "99-other-module"),
        ({"format": "somebody-elses-format"}, "not an answer record"),
    ],
    ids=["other-notebook", "other-module", "other-format"],
)
def test_foreign_record_is_set_aside(
    store: AnswerStore, tmp_path: Path, overrides: dict, words: str
) -> None:
    """A record of another notebook, module or format is moved to .foreign-*.json."""
    original = json.dumps(_record(**overrides)).encode()
    store.path.write_bytes(original)
    assert store.load() == {}
    message = _check_set_aside(store, tmp_path, original, "foreign")
    assert words in message


def test_json_that_is_not_an_object_is_foreign(store: AnswerStore, tmp_path: Path) -> None:
    """A record holding a JSON list instead of an object is set aside as foreign."""
    original = b"[1, 2, 3]"
    store.path.write_bytes(original)
    assert store.load() == {}
    _check_set_aside(store, tmp_path, original, "foreign")


def test_newer_schema_is_set_aside_with_update_hint(store: AnswerStore, tmp_path: Path) -> None:
    """A record with a schema newer than this package reads is set aside and says to update."""
    original = json.dumps(_record(schema=SCHEMA_VERSION + 1)).encode()
    store.path.write_bytes(original)
    assert store.load() == {}
    message = _check_set_aside(store, tmp_path, original, "foreign")
    assert f"schema {SCHEMA_VERSION + 1}" in message
    assert "update the course package" in message


@pytest.mark.parametrize("answers", [[1, 2], "text", None], ids=["list", "str", "null"])
def test_answers_not_a_mapping_is_set_aside(
    store: AnswerStore, tmp_path: Path, answers: object
) -> None:
    """A record whose 'answers' is not a mapping is moved to .corrupt-*.json."""
    original = json.dumps(_record(answers=answers)).encode()
    store.path.write_bytes(original)
    assert store.load() == {}
    message = _check_set_aside(store, tmp_path, original, "corrupt")
    assert "'answers'" in message


def test_save_over_a_corrupt_record_sets_it_aside_first(store: AnswerStore, tmp_path: Path) -> None:
    """Saving while the record is corrupt keeps the old bytes aside and writes a fresh record."""
    original = b"not json at all"
    store.path.write_bytes(original)
    store.save("q1", "new")
    asides = _asides(tmp_path, "corrupt")
    assert len(asides) == 1 and asides[0].read_bytes() == original
    assert store.load()["q1"].value == "new"
    assert len(store.problems) == 1


def test_damaged_entry_is_ignored_and_others_load(store: AnswerStore, tmp_path: Path) -> None:
    """An entry without value or saved_at is skipped with a message; the good ones load."""
    raw = _record(
        answers={
            "good": {"value": [1, 2], "saved_at": "2026-01-01T00:00:00+00:00"},
            "no-stamp": {"value": 3},
            "not-a-dict": "oops",
            "no-value": {"saved_at": "2026-01-01T00:00:00+00:00"},
        }
    )
    store.path.write_text(json.dumps(raw), encoding="utf-8")
    loaded = store.load()
    assert {k: a.value for k, a in loaded.items()} == {"good": [1, 2]}
    assert len(store.problems) == 3
    for name in ("no-stamp", "not-a-dict", "no-value"):
        assert sum(name in p for p in store.problems) == 1
    assert all("ignored" in p and "Traceback" not in p for p in store.problems)
    # the record itself is not set aside
    assert store.path.exists() and _asides(tmp_path, "corrupt") == []


# -- restore ------------------------------------------------------------------------------


def test_restore_adds_missing_and_replaces_only_older(store: AnswerStore) -> None:
    """restore() writes answers that are missing or newer and returns their ids."""
    store.restore(
        {
            "old": Answer("record-old", "2026-01-01T00:00:00.000000+00:00"),
            "new": Answer("record-new", "2026-06-01T00:00:00.000000+00:00"),
            "same": Answer("record-same", "2026-03-01T00:00:00.000000+00:00"),
        }
    )
    written = store.restore(
        {
            "old": Answer("copy-newer", "2026-02-01T00:00:00.000000+00:00"),
            "new": Answer("copy-older", "2026-05-01T00:00:00.000000+00:00"),
            "same": Answer("copy-same", "2026-03-01T00:00:00.000000+00:00"),
            "missing": Answer("copy-missing", "2025-01-01T00:00:00.000000+00:00"),
        }
    )
    assert written == ["missing", "old"]
    values = {k: a.value for k, a in store.load().items()}
    assert values == {
        "old": "copy-newer",
        "new": "record-new",
        "same": "record-same",
        "missing": "copy-missing",
    }
    assert store.load()["old"].saved_at == "2026-02-01T00:00:00.000000+00:00"


def test_restore_with_nothing_newer_does_not_write(store: AnswerStore) -> None:
    """restore() returns [] and leaves the file untouched when nothing is newer."""
    store.save("q1", "v")
    before = store.path.read_bytes()
    mtime = store.path.stat().st_mtime_ns
    current = store.get("q1")
    assert store.restore({"q1": Answer("older", "2000-01-01T00:00:00+00:00")}) == []
    assert store.restore({"q1": current}) == []
    assert store.path.read_bytes() == before
    assert store.path.stat().st_mtime_ns == mtime


def test_restore_into_missing_record_creates_it(store: AnswerStore) -> None:
    """restore() on a folder without a record writes a full, valid record."""
    assert store.restore({"q1": Answer({"a": 1}, "2026-01-01T00:00:00+00:00")}) == ["q1"]
    raw = json.loads(store.path.read_text(encoding="utf-8"))
    assert raw["module"] == MODULE and raw["notebook"] == NOTEBOOK
    assert raw["answers"]["q1"] == {"value": {"a": 1}, "saved_at": "2026-01-01T00:00:00+00:00"}


# -- Lesson and course.start --------------------------------------------------------------


def test_lesson_loads_answers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A Lesson opens the record in its folder and exposes the saved answers."""
    AnswerStore(tmp_path, MODULE, NOTEBOOK).save("q1", "v")
    lesson = Lesson(MODULE, NOTEBOOK, directory=tmp_path)
    assert lesson.answers["q1"].value == "v"
    assert lesson.saved("q1").value == "v"
    assert lesson.saved("nope") is None
    assert NOTEBOOK in repr(lesson)
    out, err = capsys.readouterr()
    assert out == "" and err == ""


def test_lesson_prints_problems_on_stdout_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A corrupt record is reported once on stdout in plain words; stderr stays empty."""
    record_path(tmp_path, NOTEBOOK).write_text("{broken", encoding="utf-8")
    lesson = Lesson(MODULE, NOTEBOOK, directory=tmp_path)
    out, err = capsys.readouterr()
    assert err == ""
    assert out.startswith("Note: ")
    assert "not valid JSON" in out and "Traceback" not in out
    assert lesson.answers == {}
    assert len(_asides(tmp_path, "corrupt")) == 1
    # already reported: nothing new printed
    assert lesson.report_problems() == []
    assert capsys.readouterr() == ("", "")


def test_start_uses_cwd_and_reports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """course.start opens the record in the current folder and greets on stdout."""
    monkeypatch.chdir(tmp_path)
    lesson = course.start(MODULE, NOTEBOOK)
    out, err = capsys.readouterr()
    assert err == ""
    assert f"{NOTEBOOK}.answers.json" in out
    assert lesson.directory == tmp_path
    lesson.store.save("q1", 1)
    course.start(MODULE, NOTEBOOK)
    out, err = capsys.readouterr()
    assert err == "" and "1 saved answer" in out


def test_start_with_foreign_record_prints_note(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """course.start with a foreign record prints a note on stdout, nothing on stderr."""
    monkeypatch.chdir(tmp_path)
    record_path(tmp_path, NOTEBOOK).write_text(json.dumps(_record(module="x")), encoding="utf-8")
    lesson = course.start(MODULE, NOTEBOOK)
    out, err = capsys.readouterr()
    assert err == ""
    assert "Note: " in out and "foreign" in out and "Traceback" not in out
    assert lesson.answers == {}
    assert len(_asides(tmp_path, "foreign")) == 1


def test_records_are_never_written_in_an_instructor_source_folder(tmp_path: Path) -> None:
    """In <course>/source/<module>/ answers live in memory only: nothing to leak."""
    (tmp_path / "nbgrader_config.py").write_text("")
    folder = tmp_path / "source" / "01-x"
    folder.mkdir(parents=True)
    store = AnswerStore(folder, "01-x", "1-a")
    store.save("q", {"secret": 42})
    assert store.in_memory and store.get("q").value == {"secret": 42}
    assert list(folder.iterdir()) == []
    elsewhere = AnswerStore(tmp_path / "release" / "01-x", "01-x", "1-a")
    elsewhere.save("q", 1)
    assert not elsewhere.in_memory and elsewhere.path.exists()


def test_read_only_store_reports_and_leaves_a_bad_record(tmp_path: Path) -> None:
    """Read-only (how the grader reads a hand-in), a corrupt record is reported, not moved."""
    path = tmp_path / "1-x.answers.json"
    path.write_text('{"format": "product-leadership-ans')
    store = AnswerStore(tmp_path, "01-m", "1-x", read_only=True)
    assert store.load() == {}
    assert store.problems and "not valid JSON" in store.problems[0]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["1-x.answers.json"]
    with pytest.raises(PermissionError):
        store.save("ex", 1)
