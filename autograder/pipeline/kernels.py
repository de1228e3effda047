"""Fresh kernels fast: fork them from a process that already imported the libraries.

Most of the time spent grading a notebook goes into starting Python, ipykernel and the
libraries every lesson imports (pandas, matplotlib, ipywidgets, scipy). A *kernel
template* process (``python -m autograder.pipeline.kernels``) imports those once and then forks
one child per kernel on request. Each child sets up the environment, folder, arguments
and session a kernel launched by jupyter_client would have, and becomes a brand-new
ipykernel: a new process that never ran anyone's code, so each notebook still runs in a
fresh kernel. Only library modules are imported ahead (never ``course`` or learner code).

:class:`TemplateProvisioner` plugs the template into jupyter_client in place of
``subprocess.Popen``; :class:`FastExecute` is nbgrader's Execute (with the guard of
:mod:`autograder.pipeline.execute`) using it. When the template cannot start, or importing the
libraries ahead would print a warning (which a learner's cell would otherwise have shown),
kernels are launched the usual way.
"""

from __future__ import annotations

import asyncio
import atexit
import importlib.util
import json
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
import warnings
from pathlib import Path
from typing import Any

from jupyter_client.provisioning import LocalProvisioner
from traitlets import Enum

from .execute import GuardedExecute

__all__ = ["PRELOAD", "FastExecute", "KernelTemplate", "TemplateProvisioner", "template"]

#: Library modules the template imports ahead (absent ones are skipped).
PRELOAD = (
    "numpy", "pandas", "matplotlib", "matplotlib.pyplot", "matplotlib_inline.backend_inline",
    "ipywidgets", "scipy.stats", "scipy.optimize", "ipykernel.kernelapp", "ipykernel.ipkernel",
)
_INLINE = "module://matplotlib_inline.backend_inline"


# --------------------------------------------------------------------------- server side
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
        # `python -m` put the template's folder first on sys.path; ipykernel_launcher
        # removes the launch folder from there, so a stock kernel has neither
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
        os._exit(code)


def serve() -> None:
    """Import the libraries, say whether that was clean, then fork a kernel per request line."""
    reply = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)  # stray prints must not corrupt the protocol
    os.environ.setdefault("MPLBACKEND", _INLINE)
    with warnings.catch_warnings(record=True) as caught:
        for name in PRELOAD:
            try:
                importlib.import_module(name)
            except ImportError:
                continue
    reply.write(json.dumps({"ready": True, "warnings": [str(w.message) for w in caught]}) + "\n")
    signal.signal(signal.SIGCHLD, _reap)
    for line in sys.stdin:
        request = json.loads(line)
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


# --------------------------------------------------------------------------- client side
class KernelTemplate:
    """A running template process of this interpreter; :meth:`spawn` forks a kernel from it."""

    def __init__(self) -> None:
        env = dict(os.environ, MPLBACKEND=os.environ.get("MPLBACKEND", _INLINE))
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "autograder.pipeline.kernels"], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env,
            cwd=Path(__file__).resolve().parents[2],
        )
        self._lock = threading.Lock()
        hello = json.loads(self._proc.stdout.readline() or '{"ready": false}')  # type: ignore[union-attr]
        self.usable = bool(hello.get("ready")) and not hello.get("warnings")
        self.warnings: list[str] = hello.get("warnings", [])
        atexit.register(self.close)

    def spawn(self, argv: list[str], cwd: str, env: dict[str, str]) -> int:
        """Fork a kernel started as ``python -m ipykernel_launcher *argv``; return its pid."""
        with self._lock:
            assert self._proc.stdin and self._proc.stdout
            self._proc.stdin.write(json.dumps({"argv": argv, "cwd": cwd, "env": env}) + "\n")
            self._proc.stdin.flush()
            line = self._proc.stdout.readline()
        if not line:
            raise RuntimeError("the kernel template stopped")
        return int(json.loads(line)["pid"])

    def close(self) -> None:
        """Stop the template (kernels already forked are not affected)."""
        if self._proc.poll() is None:
            try:
                self._proc.stdin.close()  # type: ignore[union-attr]
                self._proc.wait(timeout=5)
            except (OSError, subprocess.TimeoutExpired):
                self._proc.kill()


_TEMPLATE: KernelTemplate | None = None
_TEMPLATE_PID: int | None = None


def template() -> KernelTemplate | None:
    """Return this process's kernel template (started on first use), or None if unusable."""
    global _TEMPLATE, _TEMPLATE_PID
    if _TEMPLATE is None or _TEMPLATE_PID != os.getpid():
        try:
            _TEMPLATE, _TEMPLATE_PID = KernelTemplate(), os.getpid()
        except (OSError, ValueError):
            return None
    return _TEMPLATE if _TEMPLATE.usable else None


class _Forked:
    """The part of ``subprocess.Popen`` jupyter_client uses, for a kernel forked by the template."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.returncode: int | None = None

    def _alive(self) -> bool:
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        try:  # a zombie waiting for the template to reap it is dead already
            state = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            return True
        return state != "Z"

    def poll(self) -> int | None:
        if self.returncode is None and not self._alive():
            self.returncode = 0
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(str(self.pid), timeout or 0)
            time.sleep(0.02)
        return self.returncode or 0

    def send_signal(self, signum: int) -> None:
        try:
            os.kill(self.pid, signum)
        except ProcessLookupError:
            pass

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)


def _launcher_argv(cmd: list[str]) -> list[str] | None:
    """Return the arguments after ``-m ipykernel_launcher`` when ``cmd`` runs this Python."""
    if len(cmd) < 3 or cmd[1:3] != ["-m", "ipykernel_launcher"]:
        return None
    if os.path.realpath(cmd[0]) != os.path.realpath(sys.executable):
        return None
    return list(cmd[3:])


class TemplateProvisioner(LocalProvisioner):  # type: ignore[misc]
    """jupyter_client's local provisioner, forking the kernel from the template when it can."""

    async def launch_kernel(self, cmd: list[str], **kwargs: Any) -> dict[str, Any]:
        """Fork the kernel from the template, or launch it the usual way."""
        argv, source = _launcher_argv(cmd), template()
        if argv is None or source is None:
            return await super().launch_kernel(cmd, **kwargs)
        env = {str(k): str(v) for k, v in (kwargs.get("env") or os.environ).items()}
        cwd = str(kwargs.get("cwd") or os.getcwd())
        try:
            pid = await asyncio.get_running_loop().run_in_executor(
                None, source.spawn, argv, cwd, env)
        except (OSError, RuntimeError, ValueError):  # the template died: start one anew
            global _TEMPLATE
            _TEMPLATE = None
            return await super().launch_kernel(cmd, **kwargs)
        self.process = _Forked(pid)
        self.pid = self.pgid = pid
        return self.connection_info


class FastExecute(GuardedExecute):
    """nbgrader's Execute with the guard, kernels forked from the template, killed when done."""

    # the notebook has run to its end by then: a graceful shutdown only costs time
    shutdown_kernel = Enum(["graceful", "immediate"], default_value="immediate").tag(config=True)

    def create_kernel_manager(self) -> Any:
        """Create the kernel manager of nbclient, with the template provisioner."""
        km = super().create_kernel_manager()
        km.kernel_id = km.kernel_id or str(uuid.uuid4())
        km.provisioner = TemplateProvisioner(
            kernel_id=km.kernel_id, kernel_spec=km.kernel_spec, parent=km
        )
        return km


if __name__ == "__main__":
    serve()
