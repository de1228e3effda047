"""Fresh kernels fast: fork them from a process that already imported the libraries.

Most of the time spent grading a notebook goes into starting Python, ipykernel and the
libraries every lesson imports (pandas, matplotlib, ipywidgets, scipy). A *kernel
template* process (:mod:`autograder.pipeline._template`) imports those once and then forks
one child per kernel on request. Each child sets up the environment, folder, arguments
and session a kernel launched by jupyter_client would have, and becomes a brand-new
ipykernel: a new process that never ran anyone's code, so each notebook still runs in a
fresh kernel. Only libraries and the installed ``course`` package are imported ahead, from
the template's own folder (never learner code); the base data tables are read once too.

With the sandbox on (:mod:`autograder.pipeline.sandbox`), the template itself runs in the
sandbox, with one writable *staging* folder. Before each kernel the learner's scratch copy
is copied into the staging folder (emptied first), the template ends every process left
from the kernel before, and the new kernel runs there: a template serves one kernel at a
time (nbgrader grades one notebook at a time per process), so a kernel only ever sees its
own learner's files.

:class:`TemplateProvisioner` plugs the template into jupyter_client in place of
``subprocess.Popen``; :class:`FastExecute` is nbgrader's Execute (with the guard of
:mod:`autograder.pipeline.execute`) using it. When the template cannot start, or importing
the libraries ahead would print a warning (which a learner's cell would otherwise have
shown), kernels are launched the usual way (sandboxed all the same).
"""

from __future__ import annotations

import asyncio
import atexit
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from queue import Empty
from typing import Any

from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.provisioning import LocalProvisioner
from jupyter_core.utils import run_sync
from nbformat import NotebookNode
from traitlets import Bool, Enum, List, Unicode

from autograder.pipeline import _template
from autograder.pipeline._template import PRELOAD
from autograder.pipeline.execute import GuardedExecute
from autograder.pipeline.sandbox import Sandbox

__all__ = ["PRELOAD", "FastExecute", "KernelTemplate", "QuickReadyClient", "TemplateProvisioner",
           "template"]


# --------------------------------------------------------------------------- client side
def _host_pid(root: int, inner: int) -> int | None:
    """Return the pid here of the process that is ``inner`` in the sandbox below ``root``."""
    todo, seen = [root], set()
    while todo:
        pid = todo.pop()
        if pid in seen:
            continue
        seen.add(pid)
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("NSpid:") and line.split()[-1] == str(inner) and pid != root:
                return pid
        for task in Path(f"/proc/{pid}/task").glob("*/children"):
            try:
                todo += [int(c) for c in task.read_text().split()]
            except OSError:
                continue
    return None


class KernelTemplate:
    """A running template process of this interpreter; :meth:`spawn` forks a kernel from it."""

    def __init__(self, sandbox: Sandbox | None = None, course_root: Path | None = None,
                 preload: tuple[str, ...] = PRELOAD) -> None:
        self.sandbox = sandbox
        self.staging = Path(tempfile.mkdtemp(prefix="plc-template-"))
        env = dict(os.environ, MPLBACKEND=os.environ.get("MPLBACKEND", _template._INLINE))
        cmd = [sys.executable, "-c", Path(_template.__file__).read_text(encoding="utf-8")]
        if sandbox is not None:
            cmd = sandbox.command(cmd, [self.staging], course_root)
            env = sandbox.environment(env, self.staging / "home")
            env["PLC_TEMPLATE_SANDBOXED"] = "1"
        env["PLC_PRELOAD"] = json.dumps(list(preload))
        self._proc: subprocess.Popen[str] | None = None
        try:
            self._proc = subprocess.Popen(
                cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                text=True, env=env, cwd=self.staging,
            )
            hello = json.loads(self._proc.stdout.readline() or '{"ready": false}')  # type: ignore[union-attr]
        except BaseException:
            self.close()
            raise
        self._lock = threading.Lock()
        self.usable = bool(hello.get("ready")) and not hello.get("warnings")
        self.warnings: list[str] = hello.get("warnings", [])
        atexit.register(self.close)

    @property
    def ipc(self) -> Path:
        """Where kernels of this template put their connection file and sockets."""
        return self.staging / "ipc"

    def spawn(self, argv: list[str], cwd: str, env: dict[str, str]) -> tuple[int, Path]:
        """Fork a kernel run as ``python -m ipykernel_launcher *argv``; return pid, status file."""
        assert self._proc and self._proc.stdin and self._proc.stdout
        status = self.staging / "status" / uuid.uuid4().hex
        status.parent.mkdir(exist_ok=True)
        if self.sandbox is not None:
            # what earlier kernels left (their connection files and keys) goes first
            for stale in self.ipc.glob("*"):
                if not stale.is_dir() and stale.name not in {Path(a).name for a in argv}:
                    stale.unlink(missing_ok=True)
            work = self.staging / "work"
            shutil.rmtree(work, ignore_errors=True)
            self.refresh(cwd)
            cwd = str(work)
            env = self.sandbox.environment(env, self.staging / "home")
        with self._lock:
            self._proc.stdin.write(json.dumps(
                {"argv": argv, "cwd": cwd, "env": env, "status": str(status)}) + "\n")
            self._proc.stdin.flush()
            line = self._proc.stdout.readline()
        if not line:
            raise RuntimeError("the kernel template stopped")
        pid = int(json.loads(line)["pid"])
        if self.sandbox is not None:
            host = None
            for _ in range(100):  # the fork is there once the template answered
                host = _host_pid(self._proc.pid, pid)
                if host is not None:
                    break
                time.sleep(0.01)
            if host is None:
                raise RuntimeError("the sandboxed kernel could not be found")
            pid = host
        return pid, status

    def refresh(self, cwd: str) -> None:
        """Copy the learner's folder ``cwd`` into the sandbox's scratch copy (with the sandbox).

        A kernel started ahead got the folder as it was then; before it runs anything, what
        was written there since (the answer record put back for its notebook) is copied in.
        """
        if self.sandbox is not None:
            shutil.copytree(cwd, self.staging / "work", symlinks=True, dirs_exist_ok=True,
                            ignore=shutil.ignore_patterns(".ipynb_checkpoints"))

    def close(self) -> None:
        """Stop the template; in a sandbox every kernel it forked ends with it."""
        proc = self._proc
        if proc is not None and proc.poll() is None:
            try:
                proc.stdin.close()  # type: ignore[union-attr]
                proc.wait(timeout=5)
            except (OSError, subprocess.TimeoutExpired):
                proc.kill()
                proc.wait()
        shutil.rmtree(self.staging, ignore_errors=True)


_TEMPLATE: KernelTemplate | None = None
_TEMPLATE_KEY: tuple | None = None


def _key(sandbox: Sandbox | None, course_root: Path | None, preload: tuple[str, ...]) -> tuple:
    settings = None if sandbox is None else (sandbox.memory_limit, sandbox.cpu_limit,
                                             sandbox.exchange_root, tuple(sandbox.hide))
    return os.getpid(), settings, None if course_root is None else str(course_root), preload


def template(sandbox: Sandbox | None = None, course_root: Path | None = None,
             preload: tuple[str, ...] = PRELOAD) -> KernelTemplate | None:
    """Return this process's kernel template for these settings, or None if unusable.

    It is started on first use; other sandbox settings, another course root (whose
    folders it must hide) or other libraries to preload stop it and start a new one.
    """
    global _TEMPLATE, _TEMPLATE_KEY
    preload = tuple(preload)
    key = _key(sandbox, course_root, preload)
    if _TEMPLATE is None or _TEMPLATE_KEY != key:
        if _TEMPLATE is not None and _TEMPLATE_KEY and _TEMPLATE_KEY[0] == os.getpid():
            _TEMPLATE.close()
        _TEMPLATE, _TEMPLATE_KEY = None, key
        try:
            _TEMPLATE = KernelTemplate(sandbox, course_root, preload)
        except (OSError, ValueError, RuntimeError):
            return None
    return _TEMPLATE if _TEMPLATE.usable else None


def _drop_template() -> None:
    global _TEMPLATE
    if _TEMPLATE is not None and _TEMPLATE_KEY and _TEMPLATE_KEY[0] == os.getpid():
        _TEMPLATE.close()
    _TEMPLATE = None


class _Forked:
    """The part of ``subprocess.Popen`` jupyter_client uses, for a kernel forked by the template."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int, status: Path) -> None:
        self.pid = pid
        self.status = status
        self.returncode: int | None = None
        self._signalled: int | None = None

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
        """Return the kernel's exit code once it has ended (negative: ended by that signal)."""
        if self.returncode is None and not self._alive():
            try:
                self.returncode = int(self.status.read_text().strip())
            except (OSError, ValueError):  # ended without exiting: killed by a signal
                self.returncode = -(self._signalled or signal.SIGKILL)
            self.status.unlink(missing_ok=True)
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        """Wait for the kernel to end and return its exit code."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(str(self.pid), timeout or 0)
            time.sleep(0.02)
        return self.returncode  # type: ignore[return-value]

    def send_signal(self, signum: int) -> None:
        """Send ``signum`` to the kernel."""
        try:
            os.kill(self.pid, signum)
            self._signalled = signum
        except ProcessLookupError:
            pass

    def kill(self) -> None:
        """End the kernel at once."""
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        """Ask the kernel to end."""
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

    #: set by FastExecute: the template to fork from
    source: KernelTemplate | None = None

    async def launch_kernel(self, cmd: list[str], **kwargs: Any) -> dict[str, Any]:
        """Fork the kernel from the template (in its sandbox, when there is one)."""
        argv, source = _launcher_argv(cmd), self.source
        if argv is None or source is None:
            raise RuntimeError("this kernel cannot be forked from the template")
        env = {str(k): str(v) for k, v in (kwargs.get("env") or os.environ).items()}
        cwd = str(kwargs.get("cwd") or os.getcwd())
        try:
            pid, status = await asyncio.get_running_loop().run_in_executor(
                None, source.spawn, argv, cwd, env)
        except (OSError, RuntimeError, ValueError):  # the template died: start one anew
            _drop_template()
            raise
        self.process = _Forked(pid, status)
        self.pid = self.pgid = pid
        return self.connection_info


class QuickReadyClient(AsyncKernelClient):  # type: ignore[misc]
    """jupyter_client's client, waiting 20 ms instead of 200 ms at both ends of a start.

    jupyter_client asks a new kernel for ``kernel_info`` and then waits up to 0.2 s for any
    IOPub message, to know that IOPub is connected. The first request's IOPub news is
    usually published before the subscription has joined, so that wait times out and a
    second request follows: 0.2 s lost on every kernel. Here each IOPub wait is 20 ms, and
    a new request follows at once. Once connected, jupyter_client reads IOPub until it stays
    silent for 0.2 s; a kernel forked from the template has nothing more to say by then,
    and nbclient ignores any message not sent in reply to the cell it runs, so 20 ms of
    silence is enough. Together about 0.4 s saved for every notebook graded.
    """

    async def _async_wait_for_ready(self, timeout: float | None = None) -> None:
        deadline = time.monotonic() + (timeout if timeout is not None else float("inf"))
        while True:
            self.kernel_info()
            try:
                msg = await self.shell_channel.get_msg(timeout=1)
            except Empty:
                msg = None
            if msg is not None and msg["msg_type"] == "kernel_info_reply":
                try:
                    await self.iopub_channel.get_msg(timeout=0.02)
                except Empty:
                    pass
                else:
                    self._handle_kernel_info_reply(msg)
                    break
            if not await self._async_is_alive():
                raise RuntimeError("Kernel died before replying to kernel_info")
            if time.monotonic() > deadline:
                raise RuntimeError(f"Kernel didn't respond in {timeout} seconds")
        while True:
            try:
                await self.iopub_channel.get_msg(timeout=0.02)
            except Empty:
                break


    # jupyter_client binds wait_for_ready to its own coroutine at class creation: bind ours
    wait_for_ready = _async_wait_for_ready


#: the kernel started ahead for a submission's next notebook: {"key": ..., "km": ...}
_SPARE: dict[str, Any] = {}


def _spare_key(resources: Any) -> tuple | None:
    """Who and where a kernel started ahead serves: learner, module, folder."""
    info = (resources or {}).get("nbgrader", {})
    path = (resources or {}).get("metadata", {}).get("path")
    if not (info.get("student") and info.get("assignment") and path):
        return None
    return info["student"], info["assignment"], str(path)


def _take_spare(key: tuple | None) -> Any:
    """The kernel started ahead for ``key`` if it is still alive; any other one is stopped."""
    km = _SPARE.pop("km", None)
    if _SPARE.pop("key", None) != key or key is None or km is None:
        _stop(km)
        return None
    try:
        alive = run_sync(km.is_alive)()
    except Exception:  # noqa: BLE001
        alive = False
    if not alive:
        _stop(km)
        return None
    return km


def _drop_spare() -> None:
    _SPARE.pop("key", None)
    _stop(_SPARE.pop("km", None))


def _stop(km: Any) -> None:
    if km is None:
        return
    try:
        run_sync(km.shutdown_kernel)(now=True)
    except Exception:  # noqa: BLE001 - already gone
        pass


class FastExecute(GuardedExecute):
    """nbgrader's Execute with the guard, kernels forked from the template, killed when done."""

    # the notebook has run to its end by then: a graceful shutdown only costs time
    shutdown_kernel = Enum(["graceful", "immediate"], default_value="immediate").tag(config=True)
    preload = List(
        Unicode(), default_value=list(PRELOAD),
        help="Modules the kernel template imports once, ahead of every kernel it forks: "
             "libraries and the installed course package, never learner code "
             "('module:function' also calls function() once, e.g. course.data:warm reads the "
             "base tables). Importing one must print no warning, or kernels are started the "
             "usual way.",
    ).tag(config=True)

    prestart = Bool(
        True,
        help="While a notebook's grades are scored and saved, start the kernel of the next "
             "notebook of the same submission, so it has booted by the time it is needed. "
             "It is forked for that learner only (same folder, same variant).",
    ).tag(config=True)

    def preprocess(
        self, nb: NotebookNode, resources: Any = None, km: Any = None
    ) -> tuple[NotebookNode, dict[str, Any]]:
        """Run the notebook, in the kernel started ahead for it when there is one."""
        spare = _take_spare(_spare_key(resources)) if km is None else None
        if spare is not None:
            try:  # what was written for this notebook since the kernel started, it sees now
                spare.provisioner.source.refresh(resources["metadata"]["path"])
            except (OSError, shutil.Error) as exc:
                self.log.debug("A kernel started ahead could not be used: %s", exc)
                _stop(spare)
                spare = None
        try:
            result = super().preprocess(nb, resources, spare or km)
        finally:
            if spare is not None:  # nbclient leaves a kernel it was handed running
                self._finish(spare)
        if self.prestart and self._next_notebook(resources):
            self._start_spare(resources)
        return result

    def _finish(self, km: Any) -> None:
        if self.kc is not None:
            self.kc.stop_channels()
        try:
            run_sync(km.shutdown_kernel)(now=True)
        except Exception as exc:  # noqa: BLE001 - already gone
            self.log.debug("Stopping a kernel started ahead: %s", exc)

    def _next_notebook(self, resources: Any) -> bool:
        """Whether the submission has another notebook after this one (nbgrader's order)."""
        from nbgrader.coursedir import CourseDirectory

        info = (resources or {}).get("nbgrader", {})
        student, assignment = info.get("student"), info.get("assignment")
        current = (resources or {}).get("unique_key")
        if not (student and assignment and current):
            return False
        coursedir = CourseDirectory(config=self.config)
        folder = Path(coursedir.format_path(coursedir.submitted_directory, student, assignment))
        names = sorted(p.stem for p in folder.glob("*.ipynb"))
        return current in names and names.index(current) < len(names) - 1

    def _start_spare(self, resources: dict[str, Any]) -> None:
        """Fork the next notebook's kernel now; it boots while this one is scored and saved."""
        _drop_spare()
        try:
            km = self.create_kernel_manager()
            if not isinstance(km.provisioner, TemplateProvisioner):
                return  # only forked kernels start fast enough to be worth it
            extra = list(self.extra_arguments)
            if not any(a.startswith("--HistoryManager.hist_file") for a in extra):
                extra.append(f"--HistoryManager.hist_file={self.ipython_hist_file}")
            run_sync(km.start_kernel)(extra_arguments=extra, env=self.kernel_env(),
                                      cwd=resources.get("metadata", {}).get("path") or None)
        except Exception as exc:  # noqa: BLE001 - the next notebook starts its own kernel
            self.log.debug("No kernel started ahead: %s", exc)
            return
        _SPARE["key"], _SPARE["km"] = _spare_key(resources), km

    def create_kernel_manager(self) -> Any:
        """Create the kernel manager of nbclient, with the template provisioner."""
        km = super().create_kernel_manager()  # sandboxed launch when the template can't serve
        km.kernel_id = km.kernel_id or str(uuid.uuid4())
        sandbox = self.sandbox_settings()
        source = template(sandbox, self.course_root(), tuple(self.preload))
        if source is None:
            return km
        if sandbox is not None:  # sockets where the template's sandbox can reach them
            source.ipc.mkdir(exist_ok=True)
            self.use_ipc(km, source.ipc)
        provisioner = TemplateProvisioner(
            kernel_id=km.kernel_id, kernel_spec=km.kernel_spec, parent=km
        )
        provisioner.source = source
        km.provisioner = provisioner
        km.client_class = f"{__name__}.QuickReadyClient"
        return km
