"""nbgrader's Execute preprocessor, made safe against a kernel that stops answering.

Stock nbgrader interrupts a cell that runs past ``Execute.timeout``. Learner code that
ignores the interrupt (``signal.signal(signal.SIGINT, signal.SIG_IGN)`` followed by a
loop), or that kills its own kernel, makes nbclient raise; nbgrader then fails the whole
submission and leaves its grades empty. :class:`GuardedExecute` kills such a kernel
instead, and gives the cell that hung and every code cell after it an error output that
says why: nbgrader scores those cells 0, the cells that ran before keep their points, and
the notebook is graded like any other. The reason shows in the feedback.

Every kernel runs in the grading sandbox (:mod:`autograder.pipeline.sandbox`) unless
``Sandbox.enabled`` is False; where no sandbox can be made, grading refuses and says why.

Nothing here scores: the kernel only runs the learner's cells and the hidden tests' reports;
:mod:`autograder.pipeline.score` makes every score afterwards, in the grader's process.

Enable it in ``nbgrader_config.py`` in place of ``nbgrader.preprocessors.Execute`` in
``Autograde.autograde_preprocessors``.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from pathlib import Path
from typing import Any

from jupyter_client.provisioning import LocalProvisioner
from jupyter_core.utils import run_sync
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbformat import NotebookNode
from nbgrader.preprocessors import Execute

from autograder.pipeline.sandbox import Sandbox, SandboxUnavailable, available
from autograder.scoring.variants import Variants

__all__ = ["KERNEL_STOPPED", "GuardedExecute", "stopped_reasons"]

#: ``ename`` of the error output given to cells that were not run because the kernel was
#: stopped; reports look for it.
KERNEL_STOPPED = "KernelStopped"


def _error(reason: str) -> NotebookNode:
    return NotebookNode(
        output_type="error", ename=KERNEL_STOPPED, evalue=reason,
        traceback=[f"{KERNEL_STOPPED}: {reason}"],
    )


def stopped_reasons(nb: NotebookNode) -> list[str]:
    """Return the distinct reasons a kernel was stopped while grading ``nb`` (empty if none)."""
    seen: list[str] = []
    for cell in nb.get("cells", []):
        for output in cell.get("outputs", []) if cell.get("cell_type") == "code" else []:
            if output.get("output_type") == "error" and output.get("ename") == KERNEL_STOPPED:
                reason = str(output.get("evalue", ""))
                if reason.startswith("not run: "):
                    continue
                if reason not in seen:
                    seen.append(reason)
    return seen


class _SandboxProvisioner(LocalProvisioner):  # type: ignore[misc]
    """jupyter_client's local provisioner, launching the kernel inside the sandbox."""

    launcher: Any = None

    async def launch_kernel(self, cmd: list[str], **kwargs: Any) -> dict[str, Any]:
        """Launch ``cmd`` wrapped in bubblewrap."""
        return await self.launcher(self, cmd, **kwargs)


_AVAILABLE: tuple[bool, str] | None = None


class GuardedExecute(Execute):
    """Execute, but a kernel that ignores the interrupt or dies is killed and the rest scored 0."""

    def preprocess(
        self, nb: NotebookNode, resources: Any = None, km: Any = None
    ) -> tuple[NotebookNode, dict[str, Any]]:
        """Run the notebook in a fresh (sandboxed) kernel; see the module docstring."""
        self._stopped: str | None = None
        self._ipc_dirs: list[Path] = []
        try:
            return super().preprocess(nb, resources, km)
        finally:
            for folder in self._ipc_dirs:
                shutil.rmtree(folder, ignore_errors=True)

    def kernel_env(self, env: Any = None) -> dict[str, str]:
        """The kernel's environment: ``env`` (default ours) with the learner's variant."""
        student = (self.resources or {}).get("nbgrader", {}).get("student")
        out = {str(k): str(v) for k, v in (env or os.environ).items()}
        out.update(Variants(parent=self).environment(str(student) if student else None))
        return out

    async def async_start_new_kernel(self, **kwargs: Any) -> None:
        """Start the kernel with the learner's variant (nbgrader's student id as learner)."""
        kwargs["env"] = self.kernel_env(kwargs.get("env"))
        await super().async_start_new_kernel(**kwargs)

    # nbclient binds its sync twin to its own coroutine: bind ours
    start_new_kernel = run_sync(async_start_new_kernel)

    # ------------------------------------------------------------------ the sandbox
    def sandbox_settings(self) -> Sandbox | None:
        """The sandbox settings, or None when the instructor switched the sandbox off."""
        global _AVAILABLE
        sandbox = Sandbox(parent=self)
        if not sandbox.enabled:
            self.log.warning("Grading WITHOUT a sandbox (Sandbox.enabled = False): learner code "
                             "can read the grading package and other learners' work, so scores "
                             "can be forged.")
            return None
        if _AVAILABLE is None or not _AVAILABLE[0]:
            _AVAILABLE = available()
        if not _AVAILABLE[0]:
            raise SandboxUnavailable(
                f"grading needs a sandbox for learner code and none can be made here: "
                f"{_AVAILABLE[1]}. To grade without one anyway (scores can then be forged), "
                f"pass --Sandbox.enabled=False to nbgrader, or --no-sandbox to plcourse grade.")
        return sandbox

    def course_root(self) -> Path | None:
        """The course root whose folders learner code must not see."""
        from nbgrader.coursedir import CourseDirectory

        try:
            return Path(CourseDirectory(config=self.config).root).resolve()
        except Exception:  # noqa: BLE001 - no course root configured: nothing more to hide
            return None

    @staticmethod
    def use_ipc(km: Any, folder: Path) -> None:
        """Make ``km`` talk to its kernel over Unix sockets in ``folder`` (no network needed)."""
        name = uuid.uuid4().hex[:12]
        km.transport = "ipc"
        km.ip = str(folder / f"k-{name}")
        km.connection_file = str(folder / f"kernel-{name}.json")

    def create_kernel_manager(self) -> Any:
        """Create nbclient's kernel manager; with the sandbox on, one that launches into it."""
        km = super().create_kernel_manager()
        sandbox = self.sandbox_settings()
        if sandbox is None:
            return km
        km.kernel_id = km.kernel_id or str(uuid.uuid4())
        folder = Path(tempfile.mkdtemp(prefix="plc-kernel-"))
        self._ipc_dirs.append(folder)
        self.use_ipc(km, folder)
        provisioner = _SandboxProvisioner(kernel_id=km.kernel_id, kernel_spec=km.kernel_spec,
                                          parent=km)
        provisioner.launcher = self.launch_sandboxed
        km.provisioner = provisioner
        return km

    async def launch_sandboxed(self, provisioner: Any, cmd: list[str],
                               **kwargs: Any) -> dict[str, Any]:
        """Launch ``cmd`` for ``provisioner`` inside the sandbox (used by the provisioners)."""
        sandbox = self.sandbox_settings()
        assert sandbox is not None
        ipc = Path(provisioner.parent.connection_file).parent
        cwd = Path(kwargs.get("cwd") or os.getcwd()).resolve()
        env = {str(k): str(v) for k, v in (kwargs.get("env") or os.environ).items()}
        kwargs["env"] = sandbox.environment(env, ipc / "home")
        wrapped = sandbox.command(cmd, [cwd, ipc], self.course_root())
        return await LocalProvisioner.launch_kernel(provisioner, wrapped, **kwargs)

    def preprocess_cell(
        self, cell: NotebookNode, resources: dict[str, Any], index: int
    ) -> tuple[NotebookNode, dict[str, Any]]:
        """Run one cell; after a kernel was stopped, mark the cell as not run instead."""
        if self._stopped is not None:
            if cell.cell_type == "code" and cell.source.strip():
                cell.outputs = [_error(f"not run: {self._stopped}")]
            return cell, self.resources
        try:
            return super().preprocess_cell(cell, resources, index)
        except (CellTimeoutError, DeadKernelError) as exc:
            name = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") or cell.get(
                "id", f"#{index}")
            if isinstance(exc, DeadKernelError):
                reason = (f"the kernel stopped while running cell {name} (an exit call, a "
                          f"crash, or the sandbox's memory or CPU-time limit); this cell and "
                          f"the ones after it score 0")
            else:
                reason = (f"cell {name} ran past the {self.timeout} s limit and ignored the "
                          f"interrupt, so its kernel was killed; this cell and the ones "
                          f"after it score 0")
            self.log.warning("%s", reason)
            self._stopped = reason
            self._kill()
            cell.outputs = [*cell.get("outputs", []), _error(reason)]
            return cell, self.resources

    def _kill(self) -> None:
        if self.km is None:
            return
        try:
            run_sync(self.km.shutdown_kernel)(now=True)
        except Exception as exc:  # already gone: nothing left to stop
            self.log.warning("Stopping the kernel: %s", exc)
