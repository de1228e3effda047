"""Under nbgrader (no front end) a lesson skips what only a screen needs, in a real kernel.

Widgets open no comms (no widget messages, no widget state in the graded notebook) and
errors show as plain tracebacks; answers are saved as always. Outside nbgrader, widgets
talk to the front end as usual.
"""

from __future__ import annotations

import collections
import json
import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

_ANSI = re.compile(r"\x1b\[[0-9;]*m")
CELLS = [
    'import course\nlesson = course.start("07-test-module", "1-headless")',
    "from course.widgets import Choice\n"
    'pick = Choice(lesson, "pick", {"a": "first", "b": "second"})\npick',
    'pick.value = "b"',
    "1 / 0",
]


def _run(folder: Path, monkeypatch: pytest.MonkeyPatch, grading: bool
         ) -> tuple[nbformat.NotebookNode, collections.Counter[str]]:
    """Run the cells in a fresh kernel in ``folder``; return the notebook and message counts."""
    if grading:
        monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    else:
        monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in CELLS])
    client = NotebookClient(nb, kernel_name="python3", allow_errors=True,
                            resources={"metadata": {"path": str(folder)}})
    seen: collections.Counter[str] = collections.Counter()
    process = client.process_message

    def count(msg: dict, cell: object, index: int) -> object:
        seen[msg["msg_type"]] += 1
        return process(msg, cell, index)

    client.process_message = count  # type: ignore[method-assign]
    client.execute()
    return nb, seen


@pytest.mark.parametrize("grading", [True, False], ids=["under-nbgrader", "in-a-lesson"])
def test_widgets_and_tracebacks_under_nbgrader(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, grading: bool) -> None:
    """No widget messages and a plain traceback under nbgrader; the answer is saved either way."""
    nb, seen = _run(tmp_path, monkeypatch, grading)
    record = json.loads((tmp_path / "1-headless.answers.json").read_text())
    assert record["answers"]["pick"]["value"] == "b"
    views = [o for o in nb.cells[1].outputs
             if "application/vnd.jupyter.widget-view+json" in o.get("data", {})]
    assert views, "the widget is still shown"
    error = nb.cells[3].outputs[-1]
    assert error.output_type == "error" and error.ename == "ZeroDivisionError"
    first = _ANSI.sub("", "\n".join(error.traceback)).strip().splitlines()[0]
    if grading:
        assert seen["comm_open"] == 0 and seen["comm_msg"] == 0, seen
        assert "widgets" not in nb.metadata, "no widget state in a graded notebook"
        assert first == "Traceback (most recent call last):", first
    else:
        assert seen["comm_open"] > 0, seen
        assert first.startswith("---"), first  # IPython's context view, as learners see it
