"""Exercise widgets, headless: no browser and no kernel, only ipywidgets and the record."""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pandas as pd
import pytest
import traitlets

import course
from course.answers import ANSWER_MIME, FORMAT, SCHEMA_VERSION, record_path
from course.widgets import Choice, Matching, RankingBoard

MODULE = "07-test-module"
NOTEBOOK = "2-widgets"
CAPACITY = 4.0


pytestmark = pytest.mark.usefixtures("shown")  # see tests/conftest.py


@pytest.fixture
def lesson(tmp_path: Path) -> course.Lesson:
    """Return a lesson whose answer record lives in a temporary folder."""
    return course.Lesson(MODULE, NOTEBOOK, directory=tmp_path)


def _backlog() -> pd.DataFrame:
    """Return a four-item backlog with efforts 1, 2, 3, 4 (capacity 4 fits A+B or A+C)."""
    return pd.DataFrame(
        {"title": ["Alpha", "Beta", "Gamma", "Delta"], "effort": [1.0, 2.0, 3.0, 4.0]},
        index=pd.Index(["A", "B", "C", "D"], name="id"),
    )


def _board(lesson: course.Lesson, exercise: str = "ranking") -> RankingBoard:
    """Return a ranking board with a capacity over the test backlog."""
    return RankingBoard(lesson, exercise, _backlog(), capacity=CAPACITY)


def _saved(lesson: course.Lesson, exercise: str) -> Any:
    """Return the value saved for ``exercise`` in the record file, read from disk."""
    raw = json.loads(lesson.store.path.read_text(encoding="utf-8"))
    return raw["answers"][exercise]["value"]


def _find(widget: widgets.Widget, kind: type) -> list[widgets.Widget]:
    """Return every descendant of ``widget`` of type ``kind``, depth first, in order."""
    found = []
    for child in getattr(widget, "children", ()):
        if isinstance(child, kind):
            found.append(child)
        found.extend(_find(child, kind))
    return found


def _button(board: RankingBoard, text: str) -> widgets.Button:
    """Return the board's button labelled ``text``."""
    (button,) = [b for b in _find(board, widgets.Button) if b.description == text]
    return button


def _cut_box(board: RankingBoard) -> widgets.BoundedIntText:
    """Return the board's cut-line input."""
    (box,) = [b for b in _find(board, widgets.BoundedIntText) if "plc-cut" in b._dom_classes]
    return box


def _rank_box(board: RankingBoard, item: str) -> widgets.IntText:
    """Return the keyboard rank box of ``item``."""
    (box,) = [b for b in _find(board, widgets.IntText)
              if f"plc-rank-{item}" in b._dom_classes]
    return box


def test_a_place_past_the_end_is_explained_not_silent(lesson: course.Lesson) -> None:
    """Typing 9 on a board of 4 moves the item to the bottom and says so in the status."""
    board = _board(lesson)
    _rank_box(board, "A").value = 9
    assert _saved(lesson, "ranking")["order"] == ["B", "C", "D", "A"]
    assert _rank_box(board, "A").value == 4
    assert "Places run from 1 to 4: 9 is outside" in board.status
    assert "place 4 (the bottom)" in board.status


def test_typing_a_rank_moves_the_item_and_saves(lesson: course.Lesson) -> None:
    """Typing a place in an item's rank box moves it there, saves, and renumbers the others."""
    board = _board(lesson)
    _rank_box(board, "C").value = 1
    assert _saved(lesson, "ranking")["order"] == ["C", "A", "B", "D"]
    assert [_rank_box(board, i).value for i in "ABCD"] == [2, 3, 1, 4]
    _rank_box(board, "A").value = 4
    assert _saved(lesson, "ranking")["order"] == ["C", "B", "D", "A"]


def test_a_move_that_overflows_the_capacity_moves_the_cut_line_up(
    lesson: course.Lesson,
) -> None:
    """Reordering so the funded items no longer fit keeps the plan valid by raising the line."""
    board = _board(lesson)
    board.set_cut(2)  # A + B = 3 of 4
    _rank_box(board, "D").value = 1  # D alone needs 4
    assert _saved(lesson, "ranking") == {"order": ["D", "A", "B", "C"], "cut": 1}
    assert "moved up from 2 to 1" in board.status


# -- RankingBoard -------------------------------------------------------------------------


def test_board_starts_empty_and_writes_nothing(
    lesson: course.Lesson, capsys: pytest.CaptureFixture[str]
) -> None:
    """A new board has value None, an 'empty' status and writes no record."""
    board = _board(lesson)
    assert board.value is None
    assert board.status.startswith("empty")
    assert board.order == ["A", "B", "C", "D"]
    assert board.capacity == CAPACITY
    assert not lesson.store.path.exists()
    assert list(lesson.directory.iterdir()) == []
    assert capsys.readouterr().err == ""


def test_board_builds_without_warnings(lesson: course.Lesson) -> None:
    """Building a ranking board emits no warning of any kind."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        _board(lesson)
    assert [str(w.message) for w in caught] == []


def test_board_rejects_bad_construction(lesson: course.Lesson) -> None:
    """A board needs a Lesson, a non-empty backlog, and an effort column with a capacity."""
    with pytest.raises(TypeError, match="course.start"):
        RankingBoard("not a lesson", "x", _backlog())
    with pytest.raises(course.models.ScenarioError, match="non-empty backlog"):
        RankingBoard(lesson, "x", _backlog().iloc[0:0])
    with pytest.raises(course.models.ScenarioError, match="'effort' column"):
        RankingBoard(lesson, "x", _backlog().drop(columns="effort"), capacity=3)


def test_move_up_saves_the_order(lesson: course.Lesson) -> None:
    """move(item, -1) swaps it with the item above and saves the order with the cut."""
    board = _board(lesson)
    board.move("C", -1)
    assert board.order == ["A", "C", "B", "D"]
    assert board.value == {"order": ["A", "C", "B", "D"], "cut": 0}
    assert _saved(lesson, "ranking") == {"order": ["A", "C", "B", "D"], "cut": 0}
    assert board.status.startswith("saved")


def test_move_top_bottom_and_edges(lesson: course.Lesson) -> None:
    """'top', 'bottom' and +1 move as named; moving past an end stays at that end."""
    board = _board(lesson)
    board.move("D", "top")
    assert _saved(lesson, "ranking")["order"] == ["D", "A", "B", "C"]
    board.move("D", "bottom")
    assert _saved(lesson, "ranking")["order"] == ["A", "B", "C", "D"]
    board.move("A", +1)
    assert _saved(lesson, "ranking")["order"] == ["B", "A", "C", "D"]
    board.move("B", -1)
    assert _saved(lesson, "ranking")["order"] == ["B", "A", "C", "D"]


def test_move_without_selection_says_so(lesson: course.Lesson) -> None:
    """move(None, ...) writes nothing and asks to select an item first."""
    board = _board(lesson)
    board.move(None, -1)
    assert board.status.startswith("invalid") and "Select an item" in board.status
    assert not lesson.store.path.exists()


def test_set_cut_within_capacity_saves(lesson: course.Lesson) -> None:
    """set_cut(2) funds A and B (effort 3 <= 4) and saves the cut with the order."""
    board = _board(lesson)
    board.set_cut(2)
    assert _saved(lesson, "ranking") == {"order": ["A", "B", "C", "D"], "cut": 2}
    assert board.funded_effort == pytest.approx(3.0)
    assert _cut_box(board).value == 2


def test_cut_over_capacity_from_the_input_is_not_saved(lesson: course.Lesson) -> None:
    """Typing a cut whose effort exceeds capacity keeps the saved cut and shows 'invalid'."""
    board = _board(lesson)
    board.set_cut(2)
    before = lesson.store.path.read_bytes()
    _cut_box(board).value = 3  # A+B+C = 6 > 4
    assert lesson.store.path.read_bytes() == before
    assert _saved(lesson, "ranking")["cut"] == 2
    assert board.value == {"order": ["A", "B", "C", "D"], "cut": 2}
    assert board.status.startswith("invalid")
    assert "capacity" in board.status
    assert board.funded_effort == pytest.approx(6.0)  # the draft is still shown


def test_set_cut_over_capacity_raises_and_keeps_record(lesson: course.Lesson) -> None:
    """set_cut with a cut over capacity raises TraitError and leaves the record unchanged."""
    board = _board(lesson)
    board.set_cut(1)
    before = lesson.store.path.read_bytes()
    with pytest.raises(traitlets.TraitError, match=r"ranking: Funding the top 3 items needs 6"):
        board.set_cut(3)
    assert lesson.store.path.read_bytes() == before
    assert board.value["cut"] == 1


def test_buttons_move_the_selected_item(lesson: course.Lesson) -> None:
    """Selecting an item in the list and clicking the buttons moves and saves it."""
    board = _board(lesson)
    (listing,) = _find(board, widgets.Select)
    listing.value = "C"
    _button(board, "Up").click()
    assert _saved(lesson, "ranking")["order"] == ["A", "C", "B", "D"]
    assert listing.value == "C"  # the selection follows the item
    _button(board, "To top").click()
    assert _saved(lesson, "ranking")["order"] == ["C", "A", "B", "D"]
    _button(board, "Down").click()
    assert _saved(lesson, "ranking")["order"] == ["A", "C", "B", "D"]
    _button(board, "To bottom").click()
    assert _saved(lesson, "ranking")["order"] == ["A", "B", "D", "C"]
    assert [label for label, _ in listing.options][0].strip().startswith("1. Alpha")


def test_save_button_saves_the_default_order(lesson: course.Lesson) -> None:
    """Clicking 'Save this order' on a fresh board saves the order shown."""
    board = _board(lesson)
    _button(board, "Save this order").click()
    assert _saved(lesson, "ranking") == {"order": ["A", "B", "C", "D"], "cut": 0}


def test_second_board_reloads_without_writing(lesson: course.Lesson) -> None:
    """A new board on the same exercise shows the saved order and cut and writes nothing."""
    first = _board(lesson)
    first.move("D", "top")
    first.set_cut(1)
    path = lesson.store.path
    before, mtime = path.read_bytes(), path.stat().st_mtime_ns
    second = _board(lesson)
    assert second.value == {"order": ["D", "A", "B", "C"], "cut": 1}
    assert second.order == ["D", "A", "B", "C"]
    assert _cut_box(second).value == 1
    assert second.status.startswith("saved")
    assert path.read_bytes() == before
    assert path.stat().st_mtime_ns == mtime


def test_board_reloads_in_a_new_lesson(tmp_path: Path) -> None:
    """A board in a fresh Lesson (a restarted kernel) reloads the saved answer."""
    _board(course.Lesson(MODULE, NOTEBOOK, directory=tmp_path)).move("B", "top")
    again = _board(course.Lesson(MODULE, NOTEBOOK, directory=tmp_path))
    assert again.order == ["B", "A", "C", "D"]


@pytest.mark.parametrize(
    ("bad", "words"),
    [
        (["A", "B", "C", "D"], "A ranking answer is a dictionary"),
        ({"cut": 1}, "A ranking answer is a dictionary"),
        ({"order": "ABCD", "cut": 0}, "must be a list of item ids"),
        ({"order": ["A", "B", "C"], "cut": 0}, "leaves out 'D'"),
        ({"order": ["A", "B", "C", "Z"], "cut": 0}, "not in the backlog: 'Z'"),
        ({"order": ["A", "B", "C", "D"], "cut": 9}, "whole number from 0 to 4"),
        ({"order": ["D", "A", "B", "C"], "cut": 2}, "more than the capacity"),
    ],
    ids=["list", "no-order", "string-order", "missing", "unknown", "cut-range", "over-capacity"],
)
def test_bad_value_raises_trait_error_and_keeps_record(
    lesson: course.Lesson, bad: object, words: str
) -> None:
    """Setting value to a bad structure raises TraitError naming the problem; nothing saved."""
    board = _board(lesson)
    board.move("B", "top")
    before = lesson.store.path.read_bytes()
    with pytest.raises(traitlets.TraitError, match="^ranking: ") as info:
        board.value = bad
    assert words in str(info.value)
    assert lesson.store.path.read_bytes() == before
    assert board.value == {"order": ["B", "A", "C", "D"], "cut": 0}


def test_tampered_record_shows_invalid_and_is_kept(
    lesson: course.Lesson, capsys: pytest.CaptureFixture[str]
) -> None:
    """A saved order with unknown ids shows 'invalid: ...' and the record is not overwritten."""
    raw = {
        "format": FORMAT, "schema": SCHEMA_VERSION, "module": MODULE, "notebook": NOTEBOOK,
        "answers": {"ranking": {"value": {"order": ["X", "Y"], "cut": 0},
                                "saved_at": "2026-01-01T00:00:00+00:00"}},
    }
    path = record_path(lesson.directory, NOTEBOOK)
    path.write_text(json.dumps(raw), encoding="utf-8")
    before = path.read_bytes()
    board = _board(lesson)
    assert board.status.startswith("invalid: ")
    assert "could not be shown" in board.status
    assert board.value is None
    assert board.order == ["A", "B", "C", "D"]
    assert path.read_bytes() == before
    assert capsys.readouterr().err == ""


def test_board_without_capacity_saves_cut_none(lesson: course.Lesson) -> None:
    """Without a capacity the board has no cut input and saves cut None."""
    board = RankingBoard(lesson, "plain", _backlog(), scores={"A": 1, "B": 2, "C": 3, "D": 4})
    assert [b for b in _find(board, widgets.BoundedIntText) if "plc-cut" in b._dom_classes] == []
    board.move("D", "top")
    assert _saved(lesson, "plain") == {"order": ["D", "A", "B", "C"], "cut": None}


def test_boards_for_two_exercises_keep_separate_answers(lesson: course.Lesson) -> None:
    """Two boards on different exercises of one lesson save side by side in one record."""
    one, two = _board(lesson, "one"), _board(lesson, "two")
    one.move("B", "top")
    two.move("D", "top")
    assert _saved(lesson, "one")["order"][0] == "B"
    assert _saved(lesson, "two")["order"][0] == "D"


# -- Choice -------------------------------------------------------------------------------


def _choice(lesson: course.Lesson) -> Choice:
    """Return a three-option choice with labels."""
    return Choice(lesson, "pick", {"a": "Option A", "b": "Option B", "c": "Option C"},
                  prompt="Which one?")


def test_choice_pick_via_radio_saves(lesson: course.Lesson) -> None:
    """Picking an option on the RadioButtons child saves its id."""
    choice = _choice(lesson)
    assert choice.value is None and not lesson.store.path.exists()
    (radio,) = _find(choice, widgets.RadioButtons)
    assert radio.value is None
    radio.value = "b"
    assert choice.value == "b"
    assert _saved(lesson, "pick") == "b"
    radio.value = "c"
    assert _saved(lesson, "pick") == "c"


def test_choice_invalid_option_raises(lesson: course.Lesson) -> None:
    """Setting value to an unknown option raises TraitError listing the options."""
    choice = _choice(lesson)
    choice.value = "a"
    before = lesson.store.path.read_bytes()
    with pytest.raises(traitlets.TraitError, match=r"^pick: 'z' is not one of the options"):
        choice.value = "z"
    with pytest.raises(traitlets.TraitError):
        choice.value = 1
    assert lesson.store.path.read_bytes() == before
    assert choice.value == "a"


def test_choice_reloads(lesson: course.Lesson) -> None:
    """A new Choice on the same exercise shows the saved option without writing."""
    _choice(lesson).value = "c"
    before = lesson.store.path.read_bytes()
    again = _choice(lesson)
    (radio,) = _find(again, widgets.RadioButtons)
    assert again.value == "c" and radio.value == "c"
    assert lesson.store.path.read_bytes() == before


# -- Matching -----------------------------------------------------------------------------

ROWS = {"r1": "Plans the roadmap", "r2": "Runs the sprint", "r3": "Writes the ads"}
OPTIONS = {"pm": "Product manager", "po": "Product owner", "mm": "Marketing manager"}


def test_matching_dropdowns_save_partial_answers(lesson: course.Lesson) -> None:
    """Choosing in some dropdowns saves a dict of just those rows; clearing removes a row."""
    matching = Matching(lesson, "match", rows=ROWS, options=OPTIONS)
    dropdowns = _find(matching, widgets.Dropdown)
    assert len(dropdowns) == 3
    assert all(d.value == "" for d in dropdowns)
    dropdowns[0].value = "pm"
    assert _saved(lesson, "match") == {"r1": "pm"}
    dropdowns[2].value = "mm"
    assert _saved(lesson, "match") == {"r1": "pm", "r3": "mm"}
    dropdowns[0].value = ""
    assert _saved(lesson, "match") == {"r3": "mm"}
    assert matching.value == {"r3": "mm"}


def test_matching_reloads_saved_choices(lesson: course.Lesson) -> None:
    """A new Matching shows each saved choice in its row's dropdown."""
    first = Matching(lesson, "match", rows=ROWS, options=OPTIONS)
    _find(first, widgets.Dropdown)[1].value = "po"
    again = Matching(lesson, "match", rows=ROWS, options=OPTIONS)
    assert [d.value for d in _find(again, widgets.Dropdown)] == ["", "po", ""]
    assert again.value == {"r2": "po"}


def test_matching_rejects_unknown_rows_and_options(lesson: course.Lesson) -> None:
    """A value with an unknown row or option, or not a dict, raises TraitError."""
    matching = Matching(lesson, "match", rows=ROWS, options=OPTIONS)
    with pytest.raises(traitlets.TraitError, match="'r9' is not a row"):
        matching.value = {"r9": "pm"}
    with pytest.raises(traitlets.TraitError, match="'ceo' .* is not an option"):
        matching.value = {"r1": "ceo"}
    with pytest.raises(traitlets.TraitError, match="maps each row id"):
        matching.value = ["pm"]
    assert not lesson.store.path.exists()


# -- the copy kept inside the notebook ----------------------------------------------------


def _mirrors(calls: list[tuple[str, tuple, dict]], kind: str) -> list[tuple[dict, dict]]:
    """Return (bundle, kwargs) of captured calls of ``kind`` that carry the answer mime."""
    return [(a[0], k) for name, a, k in calls if name == kind and ANSWER_MIME in a[0]]


def test_display_carries_the_answer_with_a_stable_id(
    lesson: course.Lesson, shown: list[tuple[str, tuple, dict]]
) -> None:
    """Displaying a widget shows the widget and an answer bundle with a stable display_id."""
    board = _board(lesson)
    board.move("C", "top")
    shown.clear()
    board._ipython_display_()
    kinds = [name for name, _, _ in shown]
    assert kinds == ["display", "display"]
    assert "application/vnd.jupyter.widget-view+json" in shown[0][1][0]
    ((bundle, kwargs),) = _mirrors(shown, "display")
    payload = bundle[ANSWER_MIME]
    assert payload["module"] == MODULE and payload["notebook"] == NOTEBOOK
    assert payload["exercise"] == "ranking"
    assert payload["answer"]["value"] == {"order": ["C", "A", "B", "D"], "cut": 0}
    assert payload["answer"]["saved_at"] == lesson.saved("ranking").saved_at
    assert kwargs["raw"] is True
    display_id = kwargs["display_id"]
    # stable: same id on a second display and for a rebuilt widget of the same exercise
    board._ipython_display_()
    _board(lesson)._ipython_display_()
    _board(lesson, "other")._ipython_display_()
    ids = [k["display_id"] for _, k in _mirrors(shown, "display")]
    assert ids[:3] == [display_id] * 3
    assert ids[3] != display_id


def test_display_of_unanswered_widget_has_no_answer(
    lesson: course.Lesson, shown: list[tuple[str, tuple, dict]]
) -> None:
    """An unanswered widget's bundle carries answer None (and writes no record)."""
    _choice(lesson)._ipython_display_()
    ((bundle, _),) = _mirrors(shown, "display")
    assert bundle[ANSWER_MIME]["answer"] is None
    assert not lesson.store.path.exists()


def test_accepted_change_updates_the_notebook_copy(
    lesson: course.Lesson, shown: list[tuple[str, tuple, dict]]
) -> None:
    """Every accepted change calls update_display with the new answer under the same id."""
    choice = _choice(lesson)
    choice._ipython_display_()
    ((_, shown_kwargs),) = _mirrors(shown, "display")
    (radio,) = _find(choice, widgets.RadioButtons)
    radio.value = "a"
    radio.value = "b"
    updates = _mirrors(shown, "update")
    assert [b[ANSWER_MIME]["answer"]["value"] for b, _ in updates] == ["a", "b"]
    assert all(k["display_id"] == shown_kwargs["display_id"] for _, k in updates)
    assert all(k.get("raw") is True for _, k in updates)


def test_rejected_change_does_not_update_the_copy(
    lesson: course.Lesson, shown: list[tuple[str, tuple, dict]]
) -> None:
    """A cut over capacity neither saves nor updates the in-notebook copy."""
    board = _board(lesson)
    board.set_cut(1)
    count = len(_mirrors(shown, "update"))
    _cut_box(board).value = 4
    assert len(_mirrors(shown, "update")) == count
    assert _mirrors(shown, "update")[-1][0][ANSWER_MIME]["answer"]["value"]["cut"] == 1
