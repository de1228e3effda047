"""A ``plcourse grade`` killed mid-run leaves nothing running: no worker, template or kernel."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from autograder.nbg import copy_course, nbgrader
from autograder.pipeline.sandbox import available
from tests.learners import edit_cells, submit

pytestmark = [
    pytest.mark.pipeline,
    pytest.mark.skipif(not available()[0], reason="needs a working bubblewrap sandbox"),
]

MODULE = "01-product-manager"
NB2 = "2-prioritize-and-measure"


def _commands() -> dict[int, str]:
    """Every process's command line, by pid."""
    out = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                out[int(entry.name)] = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(
                    errors="replace")
            except OSError:
                continue
    return out


def _tree(roots: list[int]) -> set[int]:
    """The pids of ``roots`` and of all their descendants."""
    todo, seen = list(roots), set()
    while todo:
        pid = todo.pop()
        if pid in seen:
            continue
        seen.add(pid)
        for task in Path(f"/proc/{pid}/task").glob("*/children"):
            try:
                todo += [int(c) for c in task.read_text().split()]
            except OSError:
                continue
    return seen


def _wait(predicate: object, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return True
        time.sleep(0.2)
    return False


def test_killed_grade_leaves_no_process(tmp_path: Path) -> None:
    """SIGKILL to plcourse grade while a kernel sleeps ends the workers, templates and kernels."""
    course = copy_course(tmp_path / "course")
    with open(course / "nbgrader_config.py", "a") as handle:
        handle.write("\nc.Execute.timeout = 300\n")
    nbgrader("generate_assignment", MODULE, "--force", root=course)
    folder = tmp_path / "sleepy"
    folder.mkdir()
    for path in sorted((course / "release" / MODULE).glob("*.ipynb")):
        (folder / path.name).write_bytes(path.read_bytes())
    edit_cells(folder / f"{NB2}.ipynb", {"rice-code": "import time\ntime.sleep(300)"})
    submit(course, "sleepy", MODULE, sorted(folder.iterdir()))

    run = subprocess.Popen([sys.executable, "-m", "autograder.cli", "--root", str(course),
                            "grade", "-j", "1", "--no-progress"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        def sandbox() -> list[int]:
            return [pid for pid, c in _commands().items() if str(course) in c and "bwrap" in c]
        assert _wait(lambda: sandbox(), 120), "the grading run never started its template"
        # bubblewrap, its init, the template and a kernel forked from it
        assert _wait(lambda: len(_tree(sandbox())) >= 4, 120), "no kernel was started"
        time.sleep(3)  # by now the second notebook's kernel sleeps
        before = {pid: _commands().get(pid) for pid in _tree(sandbox())}
        os.kill(run.pid, signal.SIGKILL)
        run.wait()

        def alive() -> list[str]:
            now = _commands()
            return [c[:120] for pid, c in before.items() if c and now.get(pid) == c]
        assert _wait(lambda: not alive(), 30), alive()
    finally:
        if run.poll() is None:
            run.kill()
