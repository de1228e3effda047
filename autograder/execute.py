"""nbgrader's Execute preprocessor, made safe against a kernel that stops answering.

Stock nbgrader interrupts a cell that runs past ``Execute.timeout``. Learner code that
ignores the interrupt (``signal.signal(signal.SIGINT, signal.SIG_IGN)`` followed by a
loop), or that kills its own kernel, makes nbclient raise; nbgrader then fails the whole
submission and leaves its grades empty. :class:`GuardedExecute` kills such a kernel
instead, and gives the cell that hung and every code cell after it an error output that
says why: nbgrader scores those cells 0, the cells that ran before keep their points, and
the notebook is graded like any other. The reason shows in the feedback.

It also keeps the grader out of the learner's reach. Learner code runs in the same kernel
as the hidden tests, so it could replace ``autograder.grading.grade`` (or a scoring
function) with one that hands out full marks, or a submission could carry a folder named
``autograder`` or ``course`` that the kernel would import instead of the real packages.
Before each test cell that grades (its source mentions ``autograder``), the learner's
copies of the ``autograder`` and ``course`` modules are set aside and the grader is
imported afresh from the installed packages (the submission's folder is not searched);
after the cell the learner's modules are put back, so their own objects keep working.
The widget modules (``course.widgets``) stay the learner's throughout: grading never uses
them, and the cell's visible self-check must recognise the widgets the learner built.
This runs quietly in the kernel and costs a few tens of milliseconds per test cell.

Enable it in ``nbgrader_config.py`` in place of ``nbgrader.preprocessors.Execute`` in
``Autograde.autograde_preprocessors``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jupyter_core.utils import run_sync
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbformat import NotebookNode
from nbgrader.preprocessors import Execute

__all__ = ["KERNEL_STOPPED", "GuardedExecute", "stopped_reasons"]

#: ``ename`` of the error output given to cells that were not run because the kernel was
#: stopped; reports look for it.
KERNEL_STOPPED = "KernelStopped"


#: where the installed ``autograder`` and ``course`` packages live (searched first)
_PACKAGE_ROOTS = sorted({str(Path(__file__).resolve().parent.parent),
                         str(Path(__import__("course").__file__).resolve().parent.parent)})

#: run quietly before a grading test cell: set the learner's modules aside, import afresh
_FRESH_GRADER = """
def _plc_fresh_grader(roots):
    import importlib, sys
    global _plc_learner_modules
    _plc_learner_modules = {n: m for n, m in list(sys.modules.items())
                            if n.split(".", 1)[0] in ("autograder", "course")
                            and not n.startswith("course.widgets")}
    for name in _plc_learner_modules:
        del sys.modules[name]
    saved_path = list(sys.path)
    sys.path[:0] = roots
    try:
        importlib.import_module("autograder.grading")
    except Exception:
        pass  # the test cell imports it again and shows what is wrong
    finally:
        sys.path[:] = saved_path
_plc_fresh_grader(%r)
del _plc_fresh_grader
"""

#: run quietly after it: the learner's own modules come back for the cells that follow
_LEARNER_MODULES_BACK = """
def _plc_learner_modules_back():
    import sys
    kept = globals().pop("_plc_learner_modules", None)
    if kept is None:
        return
    for name in [n for n in sys.modules if n.split(".", 1)[0] in ("autograder", "course")
                 and not n.startswith("course.widgets")]:
        del sys.modules[name]
    sys.modules.update(kept)
_plc_learner_modules_back()
del _plc_learner_modules_back
"""


def _grades(cell: NotebookNode) -> bool:
    """Whether ``cell`` is a test cell that calls the grader."""
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return (cell.get("cell_type") == "code" and bool(meta.get("grade"))
            and not meta.get("solution") and "autograder" in cell.get("source", ""))


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
        fresh = _grades(cell)
        if fresh:
            self._quietly(_FRESH_GRADER % (_PACKAGE_ROOTS,))
        try:
            cell, resources = super().preprocess_cell(cell, resources, index)
            if fresh:
                self._quietly(_LEARNER_MODULES_BACK)
            return cell, resources
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

    def _quietly(self, code: str) -> None:
        """Run ``code`` in the kernel without output, history or an execution count."""
        if self.kc is None:
            return
        try:
            msg_id = self.kc.execute(code, silent=True, store_history=False, allow_stdin=False)
            run_sync(self.async_wait_for_reply)(msg_id)
        except Exception as exc:  # a stuck or dead kernel shows on the next cell  # noqa: BLE001
            self.log.warning("Preparing the grader in the kernel: %s", exc)

    def _kill(self) -> None:
        if self.km is None:
            return
        try:
            run_sync(self.km.shutdown_kernel)(now=True)
        except Exception as exc:  # already gone: nothing left to stop
            self.log.warning("Stopping the kernel: %s", exc)
