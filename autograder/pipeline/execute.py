"""nbgrader's Execute preprocessor, made safe against a kernel that stops answering.

Stock nbgrader interrupts a cell that runs past ``Execute.timeout``. Learner code that
ignores the interrupt (``signal.signal(signal.SIGINT, signal.SIG_IGN)`` followed by a
loop), or that kills its own kernel, makes nbclient raise; nbgrader then fails the whole
submission and leaves its grades empty. :class:`GuardedExecute` kills such a kernel
instead, and gives the cell that hung and every code cell after it an error output that
says why: nbgrader scores those cells 0, the cells that ran before keep their points, and
the notebook is graded like any other. The reason shows in the feedback.

Nothing here scores: the kernel only runs the learner's cells and the hidden tests' reports;
:mod:`autograder.pipeline.score` makes every score afterwards, in the grader's process.

Enable it in ``nbgrader_config.py`` in place of ``nbgrader.preprocessors.Execute`` in
``Autograde.autograde_preprocessors``.
"""

from __future__ import annotations

from typing import Any

from jupyter_core.utils import run_sync
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbformat import NotebookNode
from nbgrader.preprocessors import Execute

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


class GuardedExecute(Execute):
    """Execute, but a kernel that ignores the interrupt or dies is killed and the rest scored 0."""

    def preprocess(
        self, nb: NotebookNode, resources: Any = None, km: Any = None
    ) -> tuple[NotebookNode, dict[str, Any]]:
        """Run the notebook in a fresh kernel (see the module docstring for the guard)."""
        self._stopped: str | None = None
        return super().preprocess(nb, resources, km)

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
                reason = (f"the kernel died while running cell {name} (an exit call, a crash "
                          f"or too much memory); this cell and the ones after it score 0")
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
