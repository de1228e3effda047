"""Parallel grading: the stock gradebook exactly, a busy database, fresh forked kernels."""

from __future__ import annotations

import os
import shutil
import sqlite3
import threading
import time
from pathlib import Path

import nbformat
import pytest

from autograder.nbg import copy_course, nbgrader
from autograder.pipeline.execute import KERNEL_STOPPED, GuardedExecute
from autograder.pipeline.kernels import FastExecute
from autograder.pipeline.parallel import grade, submissions
from tests.cohorts import gradebook, submit_cohort
from tests.learners import edit_cells, submit
from tests.pipeline import share_variant

pytestmark = [pytest.mark.pipeline, pytest.mark.xdist_group("parallel")]

MODULE = "01-product-manager"


def _workers_started() -> bool:
    """Whether a grading worker below this process has started its sandboxed kernel template."""
    todo, seen = [os.getpid()], set()
    while todo:
        pid = todo.pop()
        if pid in seen:
            continue
        seen.add(pid)
        try:
            if pid != os.getpid() and "PLC_PRELOAD" in Path(f"/proc/{pid}/environ").read_text(
                    errors="replace"):
                return True
        except OSError:
            pass
        for task in Path(f"/proc/{pid}/task").glob("*/children"):
            try:
                todo += [int(c) for c in task.read_text().split()]
            except OSError:
                continue
    return False


@pytest.fixture(scope="module")
def twins(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, object]:
    """Grade one cohort with stock nbgrader in one copy and in parallel in another."""
    tmp = tmp_path_factory.mktemp("parallel")
    stock = copy_course(tmp / "stock")
    with open(stock / "nbgrader_config.py", "a") as handle:
        handle.write("\nc.Execute.timeout = 5\n")
    share_variant(stock)  # this compares the two pipelines: one scenario, solved once
    nbgrader("generate_assignment", MODULE, "--force", root=stock)
    submit_cohort(stock, MODULE, 4, tmp / "work", mode="shared")  # solution, partial, blank, …
    hang = tmp / "hang"
    shutil.copytree(stock / "source" / MODULE, hang)
    edit_cells(hang / "2-prioritize-and-measure.ipynb", {"funnel-code": (
        "import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True:\n    pass")})
    submit(stock, "hang", MODULE, sorted(hang.glob("*.ipynb")))
    # a cheat: a fake `autograder` package beside the release, and learner code patching it
    cheat = tmp / "cheat"
    shutil.copytree(stock / "release" / MODULE, cheat)
    edit_cells(cheat / "2-prioritize-and-measure.ipynb", {"rice-code": (
        "import autograder.scoring.grade\nautograder.grading.grade = lambda *a, **k: 3.0")})
    (cheat / "autograder").mkdir()
    (cheat / "autograder" / "__init__.py").write_text("")
    (cheat / "autograder" / "grading.py").write_text("def grade(*a, **k):\n    return 99.0\n")
    submit(stock, "cheat", MODULE, sorted(cheat.iterdir()))
    fast = tmp / "fast"
    shutil.copytree(stock, fast)
    # nbclient logs the timeouts as errors; the command itself must succeed
    assert nbgrader("autograde", MODULE, root=stock, check=False).returncode == 0
    # lock the gradebook as soon as the workers start their kernel templates (they write to
    # it only once the template has imported its libraries) and hold it a while: workers
    # wait only 0.2 s for it (GradingRun.busy_timeout), so first attempts fail and are retried
    with open(fast / "nbgrader_config.py", "a") as handle:
        handle.write("\nc.GradingRun.busy_timeout = 0.2\nc.GradingRun.retries = 40\n"
                     "c.GradingRun.retry_wait = 0.05\n")
    locked = threading.Event()

    def hold() -> None:
        deadline = time.monotonic() + 120
        while not _workers_started() and time.monotonic() < deadline:
            time.sleep(0.02)
        lock = sqlite3.connect(fast / "gradebook.db", timeout=30)
        lock.execute("BEGIN EXCLUSIVE")
        locked.set()
        time.sleep(30)  # the workers finish importing and their first writes meet the lock
        lock.rollback()
        lock.close()

    holder = threading.Thread(target=hold, daemon=True)
    holder.start()
    summary = grade(fast, [MODULE], workers=2, progress=False)
    holder.join()
    assert locked.is_set(), "the gradebook was locked while the workers graded"
    return stock, fast, summary


def test_parallel_gradebook_equals_stock(twins: tuple[Path, Path, object]) -> None:
    """Every grade of every learner is the same as sequential stock nbgrader autograde."""
    stock, fast, _ = twins
    a, b = gradebook(stock), gradebook(fast)
    cells = {key[2:] for key in a}  # (notebook, grade cell)
    assert len(a) == 6 * len(cells) and len(cells) >= 8
    assert a == b


def test_a_fake_or_patched_grader_earns_nothing(twins: tuple[Path, Path, object]) -> None:
    """Stock and parallel grading both ignore a shipped fake grader and a patched one."""
    for root in twins[:2]:
        got = {k: v for k, v in gradebook(root).items() if k[1] == "cheat"}
        assert got and all(auto in (0, None) for auto, _, _ in got.values()), root.name


def test_busy_database_loses_nothing(twins: tuple[Path, Path, object]) -> None:
    """Grading started while the gradebook was locked still records every learner."""
    _, fast, summary = twins
    assert max(o.attempts for o in summary.outcomes) > 1, "a worker met the locked gradebook"
    assert summary.count("graded") == 6 and summary.count("failed") == 0
    assert {s for _, s in submissions(fast)} == {o.student for o in summary.outcomes}


def test_hung_kernel_graded_in_both_pipelines(twins: tuple[Path, Path, object]) -> None:
    """A loop ignoring SIGINT is scored (not left ungraded) by stock and parallel alike."""
    stock, fast, summary = twins
    for root in (stock, fast):
        nb = nbformat.read(root / "autograded" / "hang" / MODULE /
                           "2-prioritize-and-measure.ipynb", as_version=4)
        enames = [o.get("ename") for c in nb.cells if c.cell_type == "code" for o in c.outputs]
        assert KERNEL_STOPPED in enames
    grades = gradebook(fast)
    assert grades[(MODULE, "hang", "2-prioritize-and-measure", "rice-scores-test")][0] == 2
    assert grades[(MODULE, "hang", "2-prioritize-and-measure", "funnel-rates-test")][0] == 0
    hang = next(o for o in summary.outcomes if o.student == "hang")
    assert any("funnel-code" in reason for reason in hang.reasons)
    assert any("note hang" in line for line in summary.lines())


def _probe(tmp: Path, executor: type) -> list[str]:
    """Run a notebook that prints what a learner's code could see of its kernel."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nb.cells = [
        nbformat.v4.new_code_cell("import os, sys\nprint(os.getcwd())\nprint(sys.path[:2])\n"
                                  "print(sorted(k for k in globals() if not k.startswith('_')))"),
        nbformat.v4.new_code_cell("print(os.getpid())"),
    ]
    executor(kernel_name="python3").preprocess(nb, {"metadata": {"path": str(tmp)}})
    return [o.get("text", "") for c in nb.cells for o in c.outputs]


def test_forked_kernel_looks_like_a_fresh_one(tmp_path: Path) -> None:
    """A template kernel has the folder, path and empty namespace of a stock kernel, new pid."""
    stock, fast, again = (_probe(tmp_path, GuardedExecute), _probe(tmp_path, FastExecute),
                          _probe(tmp_path, FastExecute))
    # same interpreter path and empty namespace; the folder is the learner's own copy (the
    # sandboxed template runs each kernel in a fresh copy of it)
    assert fast[0].split("\n", 1)[1] == stock[0].split("\n", 1)[1]
    assert str(tmp_path) in stock[0] and fast[0].split("\n", 1)[0].endswith("/work")
    assert fast[1] != again[1], "each notebook gets its own kernel process"
