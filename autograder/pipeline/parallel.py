"""Grade a cohort with every core, through nbgrader's own Autograde converter and gradebook.

Each worker process loads the course's nbgrader configuration once and then runs
nbgrader's :class:`~nbgrader.converters.Autograde` converter for one learner's submission
of one module at a time, exactly as ``nbgrader autograde <module> --student <id>`` would
(same preprocessors, same gradebook writes), without paying nbgrader's command start-up
for every learner. Two things differ, and neither changes a score:

* kernels are forked from a template process that imported the libraries ahead
  (:mod:`autograder.pipeline.kernels`): each notebook still runs in a brand-new kernel process;
* a kernel is killed rather than asked to shut down once its notebook has run.

Writes to the sqlite gradebook wait for a busy database (``busy_timeout``) and a learner
whose grading still hit a locked database is graded again; at the end every graded
submission is checked in the gradebook, so no write is lost silently.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from traitlets import Float, Int
from traitlets.config import Configurable

from course.models._checks import plural

__all__ = ["GradeSummary", "GradingRun", "Outcome", "grade", "submissions"]

_LOCKED = "database is locked"
_FAST = "autograder.pipeline.kernels.FastExecute"
_STOCK_EXECUTE = {"nbgrader.preprocessors.Execute", "autograder.pipeline.execute.GuardedExecute"}


@dataclass
class Outcome:
    """What happened to one learner's submission of one module."""

    module: str
    student: str
    #: "graded", "failed" (nothing recorded) or "skipped" (already graded, no --force)
    status: str
    seconds: float = 0.0
    #: plain-words notes: why it failed, or notebooks scored 0 for a reason
    reasons: list[str] = field(default_factory=list)
    attempts: int = 1


@dataclass
class GradeSummary:
    """The outcomes of one grading run and how long it took."""

    outcomes: list[Outcome]
    seconds: float
    workers: int

    def count(self, status: str) -> int:
        """Return how many submissions ended with ``status``."""
        return sum(o.status == status for o in self.outcomes)

    def lines(self) -> list[str]:
        """Return the closing summary, one line each, reasons included."""
        n = len(self.outcomes)
        out = [
            f"{plural(n, 'submissions')}: {self.count('graded')} graded, {self.count('skipped')} "
            f"already graded (skipped; use --force to grade again), {self.count('failed')} "
            f"failed, in {self.seconds:.1f} s with {plural(self.workers, 'workers')}"
        ]
        for o in sorted(self.outcomes, key=lambda o: (o.module, o.student)):
            for reason in o.reasons:
                tag = "FAILED" if o.status == "failed" else "note"
                out.append(f"  {tag} {o.student} / {o.module}: {reason}")
        return out


def submissions(root: Path, modules: Iterable[str] | None = None,
                students: Iterable[str] | None = None) -> list[tuple[str, str]]:
    """Return the ``(module, student)`` pairs found in ``root/submitted``."""
    wanted = set(students) if students is not None else None
    names = set(modules) if modules is not None else None
    pairs = []
    for student_dir in sorted((root / "submitted").glob("*")):
        if not student_dir.is_dir() or (wanted is not None and student_dir.name not in wanted):
            continue
        for module_dir in sorted(student_dir.iterdir()):
            if module_dir.is_dir() and (names is None or module_dir.name in names):
                pairs.append((module_dir.name, student_dir.name))
    return pairs


# --------------------------------------------------------------------------- worker side
_STATE: dict[str, Any] = {}


def _load_config(root: Path, fast: bool, sandbox: bool = True) -> Any:
    from jupyter_core.paths import jupyter_config_path
    from traitlets.config import Config
    from traitlets.config.loader import ConfigFileNotFound, PyFileConfigLoader

    config = Config()
    # the files `nbgrader` itself reads: Jupyter's config path, then the course root
    for folder in [*reversed(jupyter_config_path()), str(root)]:
        try:
            config.merge(PyFileConfigLoader("nbgrader_config.py", path=folder).load_config())
        except ConfigFileNotFound:
            continue
    config.CourseDirectory.root = str(root)
    if not sandbox:
        config.Sandbox.enabled = False
    if fast:
        from nbgrader.converters import Autograde

        current = config.Autograde.get("autograde_preprocessors") or [
            f"{c.__module__}.{c.__name__}" if isinstance(c, type) else c
            for c in Autograde.autograde_preprocessors.default_value
        ]
        config.Autograde.autograde_preprocessors = [
            _FAST if _name(p) in _STOCK_EXECUTE else p for p in current
        ]
    return config


def _name(entry: Any) -> str:
    if isinstance(entry, type):
        name = f"{entry.__module__}.{entry.__name__}"
        return "nbgrader.preprocessors.Execute" if name.endswith(".execute.Execute") else name
    return str(entry)


class GradingRun(Configurable):
    """How ``plcourse grade`` shares the gradebook between its workers."""

    busy_timeout = Float(
        30.0,
        help="Seconds a worker waits for the sqlite gradebook while another process writes "
             "to it, before its attempt counts as failed.",
    ).tag(config=True)
    retries = Int(
        4,
        help="How many times a learner is graded when the gradebook stayed locked; the wait "
             "between attempts grows by retry_wait seconds each time.",
    ).tag(config=True)
    retry_wait = Float(0.5, help="Seconds added to the wait before each new attempt.").tag(
        config=True)


def _busy_timeout(seconds: float = 30.0) -> None:
    """Make every sqlite connection of this process wait up to ``seconds`` for a busy database."""
    _STATE["busy_ms"] = int(seconds * 1000)
    if _STATE.get("busy_timeout"):
        return
    _STATE["busy_timeout"] = True
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    @event.listens_for(Engine, "connect")
    def _wait_when_busy(dbapi_connection: Any, _record: Any) -> None:  # pragma: no cover
        if type(dbapi_connection).__module__.startswith("sqlite3"):
            cursor = dbapi_connection.cursor()
            cursor.execute(f"PRAGMA busy_timeout = {int(_STATE.get('busy_ms', 30000))}")
            cursor.close()


def _started(pid: int) -> str | None:
    """When process ``pid`` started (Linux clock ticks), or None if there is no such process."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return None


def _die_with(grader: tuple[int, str | None]) -> None:
    """End this worker when the grading run that started it goes (a killed ``plcourse grade``).

    A worker's parent is multiprocessing's fork server, which outlives a killed grader, so
    the worker watches the grader itself. The worker's kernel template and kernels end with
    the worker in turn (bubblewrap's ``--die-with-parent``; without a sandbox the template
    stops when its input closes), so nothing of a killed grading run keeps running.
    """
    pid, started = grader
    if started is None:  # no /proc: nothing to watch
        return
    import threading

    def watch() -> None:
        while _started(pid) == started:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="plcourse-grader-watch", daemon=True).start()


def _init_worker(root: str, fast: bool, sandbox: bool, grader: tuple[int, str | None]) -> None:
    import warnings

    _die_with(grader)
    warnings.simplefilter("ignore")
    _STATE["root"] = Path(root)
    _STATE["config"] = _load_config(Path(root), fast, sandbox)
    _STATE["run"] = GradingRun(config=_STATE["config"])
    _busy_timeout(_STATE["run"].busy_timeout)
    if fast:
        from autograder.pipeline.kernels import PRELOAD, template
        from autograder.pipeline.sandbox import Sandbox, available

        settings = Sandbox(config=_STATE["config"])
        preload = tuple(_STATE["config"].FastExecute.get("preload", PRELOAD))
        # import the libraries now, beside the other workers
        if not settings.enabled:
            template(None, Path(root), preload)
        elif available()[0]:
            template(settings, Path(root), preload)


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.records: list[tuple[int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        # format now: nbgrader logs gradebook rows that cannot be read once it closes them
        try:
            message = record.getMessage()
        except Exception as exc:  # noqa: BLE001
            message = f"{record.msg} ({type(exc).__name__})"
        if record.exc_info and record.exc_info[1] is not None:
            message += f"\n{type(record.exc_info[1]).__name__}: {record.exc_info[1]}"
        self.records.append((record.levelno, message))

    def text(self, level: int = logging.INFO) -> list[str]:
        return [m for n, m in self.records if n >= level]


def _grade_one(task: tuple[str, str, bool]) -> Outcome:
    from nbgrader.converters import Autograde
    from nbgrader.converters.base import NbGraderException
    from nbgrader.coursedir import CourseDirectory

    module, student, force = task
    root: Path = _STATE["root"]
    config = _STATE["config"]
    start = time.perf_counter()
    log = logging.getLogger(f"plcourse.grade.{os.getpid()}")
    log.propagate = False
    log.setLevel(logging.INFO)
    error = ""
    run: GradingRun = _STATE["run"]
    for attempt in range(1, run.retries + 1):
        handler = _Collect()
        log.handlers = [handler]
        coursedir = CourseDirectory(config=config)
        coursedir.assignment_id, coursedir.student_id = module, student
        converter = Autograde(coursedir=coursedir, config=config, log=log)
        converter.force = force
        converter.create_student = True
        error = ""
        try:
            converter.start()
        except NbGraderException as exc:
            error = str(exc)
        except Exception as exc:  # noqa: BLE001 - reported, never lost
            error = f"{type(exc).__name__}: {exc}"
        messages = handler.text()
        if error and any(_LOCKED in m for m in messages) and attempt < run.retries:
            time.sleep(run.retry_wait * attempt)
            continue
        break
    seconds = time.perf_counter() - start
    if error:
        return Outcome(module, student, "failed", seconds, [_failure(handler, error)], attempt)
    if any("Skipping existing assignment" in m for m in messages):
        return Outcome(module, student, "skipped", seconds, [], attempt)
    return Outcome(module, student, "graded", seconds,
                   _notes(root, module, student, handler), attempt)


def _failure(handler: _Collect, error: str) -> str:
    errors = [m for m in handler.text(logging.ERROR) if "Please see the" not in m]
    for message in errors:
        lines = [line for line in message.strip().splitlines() if line.strip()]
        if lines and lines[0].startswith("Traceback"):
            return lines[-1].strip()
    if errors:
        return errors[0].strip().splitlines()[0]
    return error.strip().splitlines()[0] if error.strip() else "nbgrader failed"


def _notes(root: Path, module: str, student: str, handler: _Collect) -> list[str]:
    import nbformat

    from autograder.pipeline.execute import stopped_reasons
    from autograder.pipeline.score import OTHER_SCENARIO

    notes = []
    for message in handler.text(logging.WARNING):
        if message.startswith("No submitted file"):
            notes.append(f"{Path(message.split(':', 1)[1].strip()).name} was not handed in "
                         f"(scored 0)")
        elif message.startswith("Skipping unknown notebook"):
            notes.append(f"{Path(message.split(':', 1)[1].strip()).name} is not a notebook of "
                         f"{module} (ignored)")
        elif message.startswith(OTHER_SCENARIO):
            notes.append(message.removeprefix(OTHER_SCENARIO).split(", ", 1)[-1].strip())
    for path in sorted((root / "autograded" / student / module).glob("*.ipynb")):
        try:
            nb = nbformat.read(path, as_version=4)
        except Exception:  # noqa: BLE001 - nbgrader wrote it; unreadable means nothing to add
            continue
        notes.extend(f"{path.name}: {reason}" for reason in stopped_reasons(nb))
    return notes


# --------------------------------------------------------------------------- parent side
def _verify(root: Path, outcomes: list[Outcome]) -> None:
    """Mark as failed any graded submission whose grades are not all in the gradebook."""
    from nbgrader.api import Gradebook, MissingEntry

    from autograder.collect.cohort import db_url

    with Gradebook(db_url(root)) as gb:
        for o in outcomes:
            if o.status != "graded":
                continue
            try:
                submission = gb.find_submission(o.module, o.student)
            except MissingEntry:
                o.status, o.reasons = "failed", ["no submission in the gradebook after grading"]
                continue
            for notebook in submission.notebooks:
                missing = [g.name for g in notebook.grades
                           if g.auto_score is None and g.cell.cell_type == "code"]
                if missing:
                    o.status = "failed"
                    o.reasons.append(f"{notebook.name}: no score recorded for {', '.join(missing)}")


def grade(
    root: Path,
    modules: Iterable[str] | None = None,
    students: Iterable[str] | None = None,
    *,
    workers: int | None = None,
    force: bool = False,
    progress: bool = True,
    fast: bool = True,
    sandbox: bool = True,
) -> GradeSummary:
    """Autograde the submissions in ``root/submitted`` in parallel; return the outcomes.

    ``force`` grades again submissions already graded (as ``nbgrader autograde --force``).
    ``fast=False`` launches kernels the usual way (for comparison). ``sandbox=False`` runs
    learner code outside the sandbox (scores can then be forged).
    """
    from tqdm import tqdm

    from autograder.collect.cohort import ensure_registered

    root = Path(root).resolve()
    start = time.perf_counter()
    _busy_timeout()
    pairs = submissions(root, modules, students)
    ensure_registered(root, sorted({m for m, _ in pairs}))
    workers = max(1, min(workers or os.cpu_count() or 1, len(pairs) or 1))
    outcomes: list[Outcome] = []
    if pairs:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["autograder.pipeline.parallel", "nbgrader.converters",
                                    "nbgrader.preprocessors", "autograder.pipeline.kernels"])
        bar = tqdm(total=len(pairs), unit="submission", desc="grading", disable=not progress,
                   dynamic_ncols=True)
        init = (str(root), fast, sandbox, (os.getpid(), _started(os.getpid())))
        with ctx.Pool(workers, initializer=_init_worker, initargs=init) as pool:
            tasks = [(module, student, force) for module, student in pairs]
            for outcome in pool.imap_unordered(_grade_one, tasks):
                outcomes.append(outcome)
                bar.update(1)
                bar.set_postfix(failed=sum(o.status == "failed" for o in outcomes),
                                refresh=False)
        bar.close()
    _verify(root, outcomes)
    return GradeSummary(outcomes, time.perf_counter() - start, workers)
