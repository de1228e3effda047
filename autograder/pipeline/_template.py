"""The kernel template's server side: standard library only, run as ``python -c <this file>``.

It is started by :class:`autograder.pipeline.kernels.KernelTemplate`, inside the grading
sandbox when there is one, where the ``autograder`` package is invisible: so this file
imports nothing of the course and is handed to the interpreter as text. It imports the
libraries every lesson uses, says whether that was clean, then forks one brand-new
ipykernel per request line (``{"argv", "cwd", "env"}``) and answers with its pid.
Inside a sandbox (its own process namespace) it first ends every process a previous
kernel left behind, so one learner's leftovers never meet the next learner's files.
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import os
import signal
import sys
import warnings
from typing import Any

#: Modules the template imports ahead (absent ones are skipped): the libraries every lesson
#: uses and the installed course package (never anything from a learner's folder: the
#: template starts in a folder of its own). ``module:function`` also calls ``function()``
#: once: ``course.data:warm`` reads the base tables, which every kernel then shares.
PRELOAD = (
    "numpy", "pandas", "matplotlib", "matplotlib.pyplot", "matplotlib_inline.backend_inline",
    "ipywidgets", "scipy.stats", "scipy.optimize", "ipykernel.kernelapp", "ipykernel.ipkernel",
    "ipykernel.debugger",
    # what every kernel's start-up imports (IPython's shell, history, debugger, extensions)
    "IPython.core.completerlib", "IPython.core.debugger", "IPython.core.logger",
    "IPython.core.oinspect", "IPython.extensions.storemagic", "IPython.utils.wildcard",
    "psutil", "sqlite3", "pdb", "runpy", "faulthandler", "tornado.platform.asyncio",
    "zmq.utils.garbage",
    # tables shown styled, PNG charts, tracebacks of failing cells
    "pandas.io.formats.style", "pandas.io.formats.html", "pandas.io.formats.string",
    "pandas.core.reshape.reshape", "PIL.Image:preinit", "jinja2", "yaml", "stack_data",
    "pygments.formatters.terminal256", "encodings.unicode_escape",
    # the course package, its base tables and its curriculum map
    "course", "course.widgets", "course.widgets.dashboard", "course.plots", "course.feedback",
    "course.lesson", "course.report", "course.variation", "course.career", "course.tables",
    "course.track", "course.models.portfolio", "course.data:warm", "course.progress:curriculum",
)
_INLINE = "module://matplotlib_inline.backend_inline"


_CHILDREN: set[int] = set()


def _reap(_signum: int, _frame: Any) -> None:
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        _CHILDREN.discard(pid)


def _become_kernel(request: dict[str, Any], reply_fd: int) -> None:
    """In the forked child: turn into an ipykernel as jupyter_client would have launched it."""
    code = 0
    try:
        os.setsid()
        for signum in (signal.SIGCHLD, signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, signal.SIG_DFL)
        devnull = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(devnull, fd)
        os.close(reply_fd)
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        # ipykernel watches the process that started it and stops when it goes away
        os.environ["JPY_PARENT_PID"] = str(os.getppid())
        # `python -c` put the current folder first on sys.path; ipykernel_launcher
        # removes the launch folder from there, so a stock kernel has neither
        if sys.path and sys.path[0] in ("", "."):
            del sys.path[0]
        spec = importlib.util.find_spec("ipykernel_launcher")
        sys.argv = [spec.origin if spec and spec.origin else "ipykernel_launcher",
                    *request["argv"]]
        from ipykernel import kernelapp

        kernelapp.launch_new_instance()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    except BaseException:  # noqa: BLE001 - nothing can be reported from here
        code = 1
    finally:
        status = request.get("status")
        if status:  # the grader reads how the kernel ended from here
            try:
                with open(status, "w") as handle:
                    handle.write(str(code))
            except OSError:
                pass
        os._exit(code)


def _end_others() -> None:
    """End every other process of this (sandbox's own) process namespace."""
    try:
        os.kill(-1, signal.SIGKILL)
    except OSError:
        pass
    _reap(0, None)


def serve() -> None:
    """Import the libraries, say whether that was clean, then fork a kernel per request line."""
    reply = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)  # stray prints must not corrupt the protocol
    os.environ.setdefault("MPLBACKEND", _INLINE)
    names = json.loads(os.environ.get("PLC_PRELOAD") or "null") or PRELOAD
    with warnings.catch_warnings(record=True) as caught:
        for entry in names:
            name, _, call = entry.partition(":")
            try:
                module = importlib.import_module(name)
            except ImportError:
                continue
            if call:
                try:
                    getattr(module, call)()
                except Exception:  # noqa: BLE001 - each kernel does that work itself then
                    continue
    reply.write(json.dumps({"ready": True, "warnings": [str(w.message) for w in caught]}) + "\n")
    signal.signal(signal.SIGCHLD, _reap)
    sandboxed = os.environ.get("PLC_TEMPLATE_SANDBOXED") == "1" and os.getpid() <= 3
    for line in sys.stdin:
        request = json.loads(line)
        if sandboxed:  # alone in this process namespace: end what earlier kernels left
            _end_others()
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGCHLD})
        pid = os.fork()
        if pid == 0:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGCHLD})
            _become_kernel(request, reply.fileno())
        _CHILDREN.add(pid)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGCHLD})
        reply.write(json.dumps({"pid": pid}) + "\n")
    # the grader is gone (finished or stopped): no kernel of ours may outlive it
    for pid in sorted(_CHILDREN):
        try:
            os.killpg(pid, signal.SIGKILL)
        except OSError:
            pass




if __name__ == "__main__":
    serve()
