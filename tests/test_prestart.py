"""Fast kernels: the next notebook's kernel started ahead and used; our waits really called."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from autograder.nbg import copy_course, nbgrader
from autograder.pipeline import kernels, parallel
from tests.learners import submit

pytestmark = [pytest.mark.pipeline, pytest.mark.xdist_group("prestart")]

MODULE = "01-product-manager"  # two notebooks: the second one's kernel can start ahead


def test_second_notebook_runs_in_the_kernel_started_ahead(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Grading a two-notebook submission forks the second kernel early and runs in it."""
    course = copy_course(tmp_path / "course")
    nbgrader("generate_assignment", MODULE, "--force", root=course)
    submit(course, "ada", MODULE, sorted((course / "release" / MODULE).glob("*.ipynb")))
    taken: list[tuple[tuple | None, bool]] = []
    real = kernels._take_spare

    def watch(key: tuple | None) -> object:
        km = real(key)
        taken.append((key, km is not None))
        return km

    monkeypatch.setattr(kernels, "_take_spare", watch)
    parallel._init_worker(str(course), True, True, (os.getpid(), parallel._started(os.getpid())))
    outcome = parallel._grade_one((MODULE, "ada", False))
    assert outcome.status == "graded", outcome.reasons
    assert [used for _, used in taken] == [False, True], "the second notebook used it"
    assert taken[1][0][:2] == ("ada", MODULE), "started for this learner and module"
    assert kernels._SPARE == {}, "nothing is left waiting after the last notebook"
    graded = course / "autograded" / "ada" / MODULE
    assert sorted(p.name for p in graded.glob("*.ipynb")) == [
        "1-the-role.ipynb", "2-prioritize-and-measure.ipynb"]


def test_our_coroutines_are_the_ones_called() -> None:
    """The sync twins nbclient and jupyter_client call are bound to our overrides."""
    from autograder.pipeline.execute import GuardedExecute
    from autograder.pipeline.kernels import QuickReadyClient

    # jupyter_client's AsyncKernelClient calls wait_for_ready; nbclient calls
    # start_new_kernel: both are bound to the base coroutine unless rebound
    assert QuickReadyClient.wait_for_ready is QuickReadyClient._async_wait_for_ready
    wrapped = [c.cell_contents for c in GuardedExecute.start_new_kernel.__closure__]
    assert GuardedExecute.async_start_new_kernel in wrapped


def test_a_failing_warm_up_call_leaves_the_template_usable() -> None:
    """A preload call that raises is skipped: the template still starts and forks kernels."""
    template = kernels.KernelTemplate(None, None, ("json", "json:no_such_function",
                                                  "os.path:isabs"))
    try:
        assert template.usable, template.warnings
    finally:
        template.close()
