"""A cohort's submissions into ``submitted/``: from nbgrader's exchange, a folder or a zip.

Learners hand work in through nbgrader's exchange (``nbgrader collect``), or an
instructor downloads them from a learning platform as a folder or a zip. :func:`import_cohort`
accepts these layouts, one learner per folder or per zip file::

    <cohort>/<learner>/<module>/<notebook>.ipynb   (the layout of submitted/)
    <cohort>/<learner>/<notebook>.ipynb            (with ``module`` given, or recognised)
    <cohort>/<learner>.zip                         (either of the above inside)
    cohort.zip                                     (any of the above inside)

Answer records (``*.answers.json``) and dot-folders travel with the notebooks. Learner
ids are checked, duplicates reported, and a notebook that cannot be graded (unreadable,
from another module, not part of the module) is left out with the reason: every
submission found is either imported or reported. A file or folder that grading would load
as code in place of the course's own (``course/``, ``autograder/``, IPython settings) is
left out too, with the reason.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import nbformat

from autograder.nbg import copy_course, nbgrader
from course.models._checks import plural

__all__ = [
    "ID_PATTERN",
    "CHECKED_COLLECT",
    "CollectReport",
    "Problem",
    "check_id",
    "collect_exchange",
    "db_url",
    "ensure_registered",
    "grade_ids",
    "import_cohort",
    "log_messages",
    "registered",
]

#: Learner ids: letters, digits, ``.``, ``_``, ``-`` and ``@``, starting with a letter or digit.
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")
_SKIP = {".ipynb_checkpoints", "__pycache__", "__MACOSX", ".DS_Store"}
#: files a kernel started in the submission's folder would load as code instead of the
#: course's own packages or settings: never imported
_SHADOWS = {"course", "autograder", "course.py", "autograder.py", "ipython_config.py",
            "ipython_kernel_config.py", "ipython_config.json", "ipython_kernel_config.json"}
_TIMESTAMP = "%Y-%m-%d %H:%M:%S.%f UTC"


def db_url(root: Path) -> str:
    """Return the gradebook URL of the course at ``root``."""
    return f"sqlite:///{Path(root).resolve() / 'gradebook.db'}"


def registered(root: Path) -> set[str]:
    """Return the modules the gradebook of ``root`` knows (empty without a gradebook)."""
    if not (Path(root) / "gradebook.db").exists():
        return set()
    from nbgrader.api import Gradebook

    with Gradebook(db_url(root)) as gb:
        return {a.name for a in gb.assignments}


def ensure_registered(root: Path, modules: Iterable[str], *, refresh: bool = False) -> list[str]:
    """Record ``modules`` (notebooks, grade cells, locked cells) in the gradebook of ``root``.

    This is what ``nbgrader generate_assignment`` writes to the gradebook; it runs in a
    scratch copy so ``root/release`` is left alone. Returns the modules recorded.
    """
    root = Path(root).resolve()
    todo = sorted(set(modules) if refresh else set(modules) - registered(root))
    if not todo:
        return []
    with tempfile.TemporaryDirectory(prefix="plc-register-") as scratch:
        course = copy_course(Path(scratch), root, with_release=False)
        for module in todo:
            nbgrader("generate_assignment", module, "--force",
                     f"--CourseDirectory.db_url={db_url(root)}", root=course)
    return todo


def check_id(learner: str) -> str | None:
    """Return why ``learner`` is not a usable learner id, or None when it is."""
    if not learner:
        return "the learner id is empty"
    if not ID_PATTERN.match(learner):
        return (f"{learner!r} is not a valid learner id (use letters, digits, '.', '_', '-' "
                f"or '@', starting with a letter or digit, at most 64 characters)")
    return None


def grade_ids(path: Path) -> set[str]:
    """Return the nbgrader grade ids of the cells of a notebook (empty when unreadable)."""
    try:
        nb = nbformat.read(path, as_version=4)
    except Exception:  # noqa: BLE001
        return set()
    return {c.metadata["nbgrader"]["grade_id"] for c in nb.cells
            if c.get("metadata", {}).get("nbgrader", {}).get("grade_id")}


@dataclass(frozen=True)
class Problem:
    """A submission, or one file of it, left out, and why."""

    learner: str
    module: str
    item: str
    reason: str

    def __str__(self) -> str:
        where = " / ".join(x for x in (self.learner, self.module, self.item) if x)
        return f"{where}: {self.reason}"


@dataclass
class CollectReport:
    """What an import or collect did: submissions imported, files left out, remarks."""

    imported: list[tuple[str, str]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)

    @property
    def rejected(self) -> list[Problem]:
        """Submissions left out entirely (not files within an imported one)."""
        return [p for p in self.problems if not p.item]

    def lines(self) -> list[str]:
        """Return a plain-words summary, one line each."""
        out = [f"{plural(len(self.imported), 'submissions')} imported, {len(self.rejected)} left "
               f"out, {plural(len(self.problems) - len(self.rejected), 'files')} left out"]
        out += [f"  LEFT OUT {p}" for p in self.problems]
        out += [f"  note {p}" for p in self.notes]
        return out


def _notebooks_by_module(root: Path) -> dict[str, dict[str, set[str]]]:
    """Return ``{module: {notebook stem: grade ids}}`` from ``root/source``."""
    found: dict[str, dict[str, set[str]]] = {}
    for module in sorted(p for p in (root / "source").iterdir() if p.is_dir()):
        found[module.name] = {nb.stem: grade_ids(nb) for nb in sorted(module.glob("*.ipynb"))}
    return found


def _extract(archive: Path, dest: Path) -> Path:
    with zipfile.ZipFile(archive) as zf:
        for member in zf.infolist():
            target = (dest / member.filename).resolve()
            if not str(target).startswith(str(dest.resolve())):
                raise ValueError(f"unsafe path {member.filename!r} in {archive.name}")
        zf.extractall(dest)
    return dest


def _unwrap(folder: Path) -> Path:
    """Step into a lone wrapping folder such as ``submitted/`` or ``cohort/``."""
    entries = [p for p in folder.iterdir() if p.name not in _SKIP]
    if len(entries) == 1 and entries[0].is_dir() and entries[0].name in {"submitted", "cohort"}:
        return entries[0]
    return folder


def _guess_module(files: list[Path], catalog: dict[str, dict[str, set[str]]]) -> str | None:
    stems = {f.stem for f in files if f.suffix == ".ipynb"}
    matches = [m for m, nbs in catalog.items() if stems & set(nbs)]
    return matches[0] if len(matches) == 1 else None


def _foreign(path: Path, module: str, catalog: dict[str, dict[str, set[str]]]) -> str | None:
    """Return the module a notebook really belongs to, when that is another module."""
    ids = grade_ids(path)
    if not ids:
        return None
    own = len(ids & catalog[module].get(path.stem, set()))
    best = max(((len(ids & gids), m) for m, nbs in catalog.items() if m != module
                for gids in nbs.values()), default=(0, ""))
    return best[1] if best[0] > own else None


def _check_notebook(path: Path) -> str | None:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return f"the file cannot be read ({type(exc).__name__})"
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        return (f"not a notebook: the JSON is malformed or truncated ({exc.msg} at line "
                f"{exc.lineno})")
    if not isinstance(raw, dict) or not isinstance(raw.get("cells"), list):
        return "not a notebook: it has no list of cells"
    try:
        nbformat.reads(text, as_version=4)
    except Exception as exc:  # noqa: BLE001
        return f"not a notebook nbgrader can read ({type(exc).__name__}: {exc})"
    return None


def _import_one(root: Path, learner: str, module: str, folder: Path,
                catalog: dict[str, dict[str, set[str]]], report: CollectReport) -> None:
    files = [p for p in folder.iterdir() if p.name not in _SKIP]
    keep: list[Path] = []
    for path in sorted(files):
        if path.name in _SHADOWS:
            report.problems.append(Problem(learner, module, path.name,
                                           "left out: grading would run it in place of the "
                                           "course's own code or settings"))
            continue
        if path.suffix != ".ipynb":
            keep.append(path)
            if path.name.endswith(".answers.json"):
                try:
                    json.loads(path.read_text(encoding="utf-8"))
                except (OSError, UnicodeDecodeError, json.JSONDecodeError):
                    report.notes.append(Problem(learner, module, path.name,
                                                "answer record unreadable: its answers are "
                                                "rescued from the notebook when it keeps them"))
            continue
        if path.stem not in catalog[module]:
            owner = next((m for m, nbs in catalog.items() if path.stem in nbs), None)
            reason = (f"a notebook of {owner}, not of {module}" if owner
                      else f"not a notebook of {module}")
            report.problems.append(Problem(learner, module, path.name, reason))
            continue
        bad = _check_notebook(path)
        if bad is None and (owner := _foreign(path, module, catalog)):
            bad = f"its cells are those of a notebook of {owner}, not of {module}"
        if bad:
            report.problems.append(Problem(learner, module, path.name,
                                           f"{bad}; it counts as not handed in (0 points)"))
            continue
        keep.append(path)
    if not any(p.suffix == ".ipynb" for p in keep):
        report.problems.append(Problem(learner, module, "", "no gradable notebook in the "
                                       "submission; nothing imported"))
        return
    target = root / "submitted" / learner / module
    if target.exists():
        report.notes.append(Problem(learner, module, "", "replaced an earlier submission"))
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for path in keep:
        if path.is_dir():
            shutil.copytree(path, target / path.name,
                            ignore=shutil.ignore_patterns(*_SKIP))
        else:
            shutil.copy2(path, target / path.name)
    if not (target / "timestamp.txt").exists():
        newest = max(p.stat().st_mtime for p in keep)
        stamp = datetime.fromtimestamp(newest, UTC).strftime(_TIMESTAMP)
        (target / "timestamp.txt").write_text(stamp)
    report.imported.append((learner, module))


def import_cohort(root: Path, source: Path, module: str | None = None) -> CollectReport:
    """Import the submissions in the folder or zip ``source`` into ``root/submitted``."""
    root, source = Path(root).resolve(), Path(source)
    catalog = _notebooks_by_module(root)
    if module is not None and module not in catalog:
        raise ValueError(f"no module {module!r} in {root / 'source'}; "
                         f"choose one of: {', '.join(catalog)}")
    if not source.exists():
        raise FileNotFoundError(f"{source} does not exist")
    report = CollectReport()
    with tempfile.TemporaryDirectory(prefix="plc-import-") as scratch:
        work = Path(scratch)
        if source.is_file():
            if not zipfile.is_zipfile(source):
                raise ValueError(f"{source} is neither a folder nor a zip file")
            source = _unwrap(_extract(source, work / "cohort"))
        else:
            source = _unwrap(source)
        # one entry per learner: a folder or a zip file
        candidates: dict[str, list[tuple[str, Path]]] = {}
        for entry in sorted(source.iterdir()):
            if entry.name in _SKIP or entry.name.startswith("."):
                continue
            if entry.is_file() and entry.suffix == ".zip":
                try:
                    folder = _unwrap(_extract(entry, work / "learners" / entry.name))
                except (zipfile.BadZipFile, ValueError) as exc:
                    report.problems.append(Problem(entry.stem, module or "", "",
                                                   f"{entry.name} is not a usable zip ({exc})"))
                    continue
                name = entry.stem
            elif entry.is_dir():
                folder, name = entry, entry.name
            else:
                report.problems.append(Problem("", module or "", entry.name,
                                               "a loose file, not a learner's folder or zip"))
                continue
            candidates.setdefault(name.lower(), []).append((name, folder))
        for _key, entries in sorted(candidates.items()):
            if len(entries) > 1:  # the same learner twice: keep the most recent hand-in
                entries.sort(key=lambda e: max((p.stat().st_mtime for p in e[1].rglob("*")),
                                               default=0.0))
                kept = entries[-1]
                for name, folder in entries[:-1]:
                    report.problems.append(Problem(
                        name, module or "", "",
                        f"duplicate of learner {kept[0]!r} ({folder.name}); kept the most "
                        f"recent one ({kept[1].name})"))
                entries = [kept]
            name, folder = entries[0]
            if (why := check_id(name)) is not None:
                report.problems.append(Problem(name, module or "", "", why))
                continue
            modules_inside = [p for p in folder.iterdir() if p.is_dir() and p.name in catalog]
            if modules_inside:
                for sub in sorted(modules_inside):
                    if module is None or sub.name == module:
                        _import_one(root, name, sub.name, sub, catalog, report)
                continue
            files = [p for p in folder.iterdir() if p.name not in _SKIP]
            target = module or _guess_module(files, catalog)
            if target is None:
                report.problems.append(Problem(name, "", "", "cannot tell which module these "
                                               "files belong to; pass the module"))
                continue
            _import_one(root, name, target, folder, catalog, report)
    return report


#: nbgrader's collect with the ownership check (see :mod:`autograder.collect.exchange`)
CHECKED_COLLECT = "autograder.collect.exchange.CheckedCollect"
_LOG_LINE = re.compile(r"^\[(\w+) \| (DEBUG|INFO|WARNING|ERROR|CRITICAL)\] ?(.*)$")
_DECISION = re.compile(r"^(REFUSED|NOT COLLECTED|UNCHECKED) (\S+): (.*) \[exchange folder (.*)\]$",
                       re.DOTALL)


def log_messages(log: str) -> list[tuple[str, str]]:
    """Return ``(level, message)`` for each message of an nbgrader log, lines joined."""
    messages: list[tuple[str, str]] = []
    for line in log.splitlines():
        if found := _LOG_LINE.match(line):
            messages.append((found.group(2), found.group(3)))
        elif messages:
            level, text = messages[-1]
            messages[-1] = (level, f"{text}\n{line}".strip())
    return messages


def collect_exchange(root: Path, module: str, *, update: bool = True) -> CollectReport:
    """Run nbgrader's collect for ``module`` with the ownership check; report what it did.

    A submission not written by the account its learner id names is left out (a problem,
    exit 1); an older submission of a learner who handed in twice, and every other warning
    of nbgrader, are reported as notes.
    """
    root = Path(root).resolve()
    args = ["collect", module] + (["--update"] if update else [])
    result = nbgrader(*args, f"--ExchangeFactory.collect={CHECKED_COLLECT}", root=root)
    report = CollectReport()
    for level, message in log_messages(result.stderr + result.stdout):
        if level not in {"WARNING", "ERROR", "CRITICAL"}:
            continue
        if not (found := _DECISION.match(message)):
            report.notes.append(Problem("", module, "", f"nbgrader says: {message}"))
            continue
        kind, learner, why, folder = found.groups()
        if kind == "REFUSED":
            report.problems.append(Problem(learner, module, "", f"{why}; left out (exchange "
                                           f"folder {folder})"))
        else:
            report.notes.append(Problem(learner, module, "", f"{kind.lower()}: {why} "
                                        f"(exchange folder {folder})"))
    catalog = _notebooks_by_module(root)
    for folder in sorted((root / "submitted").glob(f"*/{module}")):
        learner = folder.parent.name
        if (why := check_id(learner)) is not None:
            report.problems.append(Problem(learner, module, "", why))
            continue
        for path in sorted(folder.glob("*.ipynb")):
            bad = _check_notebook(path) if path.stem in catalog.get(module, {}) else (
                f"not a notebook of {module} (ignored by autograde)")
            if bad:
                report.notes.append(Problem(learner, module, path.name, bad))
        report.imported.append((learner, module))
    return report
