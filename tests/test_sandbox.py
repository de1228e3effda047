"""The grading sandbox, tried for real: what learner code in a grading kernel can reach.

A course root with a gradebook, source, other learners' submissions and an exchange is
laid out in a scratch folder; a kernel started as grading starts it (stock nbgrader's
executor and the forked template alike) tries to read each of them, to write outside its
scratch copy, to reach a server on the host's loopback, and to outgrow its limits.
"""

from __future__ import annotations

import json
import socket
import threading
from pathlib import Path
from typing import Any

import nbformat
import pytest
from traitlets.config import Config

from autograder.pipeline.execute import KERNEL_STOPPED, GuardedExecute
from autograder.pipeline.kernels import FastExecute
from autograder.pipeline.sandbox import available

pytestmark = pytest.mark.skipif(not available()[0], reason="needs a working bubblewrap sandbox")

PROBE = r'''
import json, os, pathlib, socket
def can_read(path):
    try:
        pathlib.Path(path).read_bytes()
        return True
    except OSError:
        return False
def can_list(path):
    try:
        return sorted(os.listdir(path))
    except OSError:
        return []
def can_write(path):
    try:
        pathlib.Path(path).write_text("x")
        return True
    except OSError:
        return False
def can_connect(port):
    try:
        socket.create_connection(("127.0.0.1", port), 2).close()
        return True
    except OSError:
        return False
try:
    import autograder
    grader = True
except ImportError:
    grader = False
print(json.dumps({
    "read": {k: can_read(v) for k, v in PATHS["read"].items()},
    "list": {k: can_list(v) for k, v in PATHS["list"].items()},
    "write": {k: can_write(v) for k, v in PATHS["write"].items()},
    "own copy": can_write("mine.txt") and can_read("mine.txt"),
    "connect": can_connect(PORT),
    "import autograder": grader,
}))
'''


def _course(tmp: Path) -> tuple[Path, Path, dict[str, Any]]:
    """Lay out a course root; return it, the learner's scratch folder and the probe's paths."""
    root = tmp / "course"
    scratch = root / "autograded" / "ada" / "01-m"
    files = {
        "gradebook": root / "gradebook.db", "source": root / "source" / "01-m" / "1-x.ipynb",
        "other learner": root / "submitted" / "bob" / "01-m" / "1-x.answers.json",
        "other graded": root / "autograded" / "bob" / "01-m" / "1-x.ipynb",
        "feedback": root / "feedback" / "bob" / "01-m" / "1-x.html",
        "exchange": tmp / "exchange" / "course" / "inbound" / "bob+01-m" / "1-x.ipynb",
    }
    for path in [*files.values(), scratch / "1-x.ipynb"]:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("secret")
    import autograder
    import materials

    package = Path(autograder.__file__).resolve().parent
    lessons = Path(materials.__file__).resolve().parent / "lessons"
    paths = {
        "read": {**{k: str(v) for k, v in files.items()},
                 "grading package": str(package / "scoring" / "catalog" / "__init__.py")
                 if (package / "scoring").is_dir() else str(package / "catalog" / "__init__.py"),
                 "lessons": str(next(lessons.glob("*/*.py")))},
        "list": {"course root": str(root), "graded": str(root / "autograded"),
                 "grading package": str(package), "lessons": str(lessons)},
        "write": {"course root": str(root / "planted.txt"),
                  "other learner": str(root / "submitted" / "bob" / "planted.txt"),
                  "tmp": "/tmp/planted-by-learner.txt", "home": str(Path.home() / "planted")},
    }
    return root, scratch, paths


def _run(executor: type, root: Path, scratch: Path, paths: dict, port: int,
         **config: Any) -> dict[str, Any]:
    """Run the probe as grading runs a notebook; return what it found."""
    c = Config()
    c.CourseDirectory.root = str(root)
    c.Sandbox.exchange_root = str(root.parent / "exchange")
    for key, value in config.items():
        section, name = key.split("__")
        setattr(getattr(c, section), name, value)
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell(f"PATHS = {json.dumps(paths)}\nPORT = {port}\n" + PROBE)]
    executor(kernel_name="python3", config=c).preprocess(
        nb, {"metadata": {"path": str(scratch)}})
    text = "".join(o.get("text", "") for o in nb.cells[0].outputs)
    assert text, nb.cells[0].outputs
    return json.loads(text.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def server() -> Any:
    """A server on the host's loopback that learner code must not reach."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    stop = threading.Event()

    def serve() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                listener.accept()[0].close()
            except OSError:
                continue

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield listener.getsockname()[1]
    stop.set()
    thread.join()
    listener.close()


@pytest.mark.parametrize("executor", [GuardedExecute, FastExecute], ids=["stock", "template"])
def test_learner_code_reaches_only_its_own_copy(tmp_path: Path, server: int,
                                                executor: type) -> None:
    """No read, list or write outside the scratch copy, no network, no grading package."""
    root, scratch, paths = _course(tmp_path)
    found = _run(executor, root, scratch, paths, server)
    assert found["own copy"], "the learner's own copy is writable"
    assert not any(found["read"].values()), found["read"]
    # only the way down to its own copy shows: no other learner, source or gradebook
    # (the template runs each kernel in a copy elsewhere: there nothing of the root shows)
    listed = found["list"]
    assert set(listed["course root"]) <= {"autograded"} and set(listed["graded"]) <= {"ada"}
    assert listed["grading package"] == [] and listed["lessons"] == [], listed
    assert not any(found["write"].values()), found["write"]
    assert not found["connect"], "the host's loopback is out of reach"
    assert not found["import autograder"]
    assert not (root / "planted.txt").exists() and not Path("/tmp/planted-by-learner.txt").exists()


def test_without_the_sandbox_the_probe_does_reach(tmp_path: Path, server: int) -> None:
    """The probe can tell: with the sandbox switched off it reads, writes and connects."""
    root, scratch, paths = _course(tmp_path)
    found = _run(GuardedExecute, root, scratch, paths, server, Sandbox__enabled=False)
    assert found["read"]["gradebook"] and found["connect"] and found["import autograder"]
    (root / "planted.txt").unlink(missing_ok=True)
    Path("/tmp/planted-by-learner.txt").unlink(missing_ok=True)
    (Path.home() / "planted").unlink(missing_ok=True)
    (root / "submitted" / "bob" / "planted.txt").unlink(missing_ok=True)


@pytest.mark.parametrize("code, limit", [
    ("x = bytearray(3 * 1024**3)", {"Sandbox__memory_limit": 2048}),
    ("while True:\n    pass", {"Sandbox__cpu_limit": 3}),
], ids=["memory", "cpu"])
def test_a_kernel_past_its_limit_is_stopped_with_the_reason(tmp_path: Path, code: str,
                                                            limit: dict[str, int]) -> None:
    """Past the memory or CPU limit the cell fails with a reason; nothing else is affected."""
    root, scratch, _ = _course(tmp_path)
    c = Config()
    c.CourseDirectory.root = str(root)
    for key, value in limit.items():
        setattr(c.Sandbox, key.split("__")[1], value)
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell(code), nbformat.v4.new_code_cell("print('after')")]
    GuardedExecute(kernel_name="python3", config=c, timeout=60).preprocess(
        nb, {"metadata": {"path": str(scratch)}})
    errors = [o for cell in nb.cells for o in cell.outputs if o.output_type == "error"]
    assert errors, "the runaway cell did not fail"
    first = errors[0]
    assert first.ename in (KERNEL_STOPPED, "MemoryError"), first.ename
    if first.ename == KERNEL_STOPPED:
        assert "limit" in first.evalue
