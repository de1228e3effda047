"""``plcourse doctor``: check a course root and a JupyterHub set-up, say what to fix.

Each check prints one line: ``ok``, ``FIX`` (with the command that fixes it) or ``skip``
(with why it could not be checked). A ``FIX`` means the set-up is unsafe or broken, and the
command exits 1. Checks about accounts read their files and run a small probe as each
account with the learners' interpreter (``runuser``, so as root); without root, only the
current account is probed and the others are skipped with the reason.
"""

from __future__ import annotations

import json
import os
import pwd
import shutil
import stat
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from autograder.nbg import course_config

__all__ = [
    "INSTRUCTOR_ONLY_LAB",
    "INSTRUCTOR_ONLY_SERVER",
    "LEARNER_CONFIG",
    "LEARNER_PYTHON",
    "Finding",
    "Setup",
    "diagnose",
]

#: nbgrader's JupyterLab plugins learners must not have (instructor tools)
INSTRUCTOR_ONLY_LAB = ("@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:create-assignment",
                       "@jupyter/nbgrader:course-list", "@jupyter/nbgrader:validate-assignment")
#: nbgrader's server extensions learners must not have
INSTRUCTOR_ONLY_SERVER = ("nbgrader.server_extensions.formgrader",
                          "nbgrader.server_extensions.course_list",
                          "nbgrader.server_extensions.validate_assignment")
#: what the instructor needs on to grade by hand in the formgrader
INSTRUCTOR_NEEDS = ("nbgrader.server_extensions.formgrader", "@jupyter/nbgrader:formgrader")
#: where the README installs the learners' environment and their nbgrader config
LEARNER_PYTHON = Path("/opt/plcourse/bin/python")
LEARNER_CONFIG = Path("/etc/jupyter/nbgrader_config.py")
_EXCHANGE = "/srv/nbgrader/exchange"

# Run as an account with the learners' interpreter: what that account's Jupyter loads.
_PROBE = r"""
import importlib.util, json, os, sys
out = {"autograder": importlib.util.find_spec("autograder") is not None,
       "reads_root": os.access(os.path.join(sys.argv[1], "source"), os.R_OK | os.X_OK)}
try:
    from jupyter_core.paths import jupyter_config_path
    from jupyter_server.extension.config import ExtensionConfigManager
    from jupyterlab_server.config import get_static_page_config
    from traitlets.config.loader import PyFileConfigLoader
except ImportError as exc:
    out["error"] = f"{type(exc).__name__}: {exc}"
else:
    paths = jupyter_config_path()
    out["server"] = ExtensionConfigManager(read_config_path=paths).get_jpserver_extensions()
    page = get_static_page_config(level="all")
    out["lab_disabled"] = [k for k, v in page.get("disabledExtensions", {}).items() if v]
    out["lab_locked"] = [k for k, v in page.get("lockedExtensions", {}).items() if v]
    out["course_root"] = None
    for folder in reversed(paths):  # lowest priority first
        if os.path.isfile(os.path.join(folder, "nbgrader_config.py")):
            cfg = PyFileConfigLoader("nbgrader_config.py", path=folder).load_config()
            if "root" in cfg.CourseDirectory:
                out["course_root"] = cfg.CourseDirectory.root
print(json.dumps(out))
"""


@dataclass(frozen=True)
class Finding:
    """One check's result: ``ok``, ``fix`` (unsafe or broken: what to do) or ``skip`` (why)."""

    status: str
    check: str
    message: str

    def __str__(self) -> str:
        label = {"ok": "ok  ", "fix": "FIX ", "skip": "skip"}[self.status]
        return f"{label} {self.check}: {self.message}"


@dataclass
class Setup:
    """What to check: the course root and, on a hub, the accounts and the learners' side."""

    root: Path
    #: learner accounts to check (their homes, their Jupyter, what they can import)
    learners: list[str] = field(default_factory=list)
    #: the instructor's account (default: the owner of the course root)
    instructor: str | None = None
    #: the interpreter of the learners' environment
    python: Path = LEARNER_PYTHON
    #: the nbgrader config learners' servers read
    learner_config: Path = LEARNER_CONFIG

    @property
    def hub(self) -> bool:
        """Whether this is a hub set-up (learner accounts named, or a learners' config)."""
        return bool(self.learners) or self.learner_config.exists()


def _probe(setup: Setup, account: str | None) -> dict:
    """Run the probe as ``account`` (None: the current one); return its answer or an error."""
    if not setup.python.exists():
        return {"skip": f"no learners' interpreter at {setup.python} (pass --python)"}
    command = [str(setup.python), "-c", _PROBE, str(setup.root)]
    env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8"}
    if account is not None and account != pwd.getpwuid(os.geteuid()).pw_name:
        runuser = shutil.which("runuser")
        if os.geteuid() != 0 or runuser is None:
            return {"skip": f"run doctor as root to check the account {account}"}
        command = [runuser, "-u", account, "--", *command]
        env["HOME"] = pwd.getpwnam(account).pw_dir
    else:
        env["HOME"] = os.environ.get("HOME", "/")
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd="/",
                          timeout=120)
    if done.returncode != 0:
        tail = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return {"error": f"the learners' interpreter failed as {account or 'you'}: {tail}"}
    return json.loads(done.stdout.strip().splitlines()[-1])


def _exchange(setup: Setup, config: object) -> Finding:
    explicit = "root" in config.Exchange
    root = Path(config.Exchange.get("root", _EXCHANGE))
    check = "exchange"
    if not root.exists():
        if not (explicit or setup.hub):
            return Finding("skip", check, f"no exchange at {root} (only needed for nbgrader's "
                           f"exchange on a hub)")
        return Finding("fix", check, f"{root} does not exist: sudo mkdir -p {root} && "
                       f"sudo chmod 1777 {root}")
    mode = stat.S_IMODE(root.stat().st_mode)
    if mode != 0o1777:
        return Finding("fix", check, f"{root} is {mode:04o}, learners need 1777 (writable by "
                       f"all, sticky so nobody removes another's files): sudo chmod 1777 {root}")
    return Finding("ok", check, f"{root} exists and is 1777")


def _course_ids(setup: Setup, config: object) -> list[Finding]:
    check = "course_id"
    ours = config.CourseDirectory.get("course_id", "")
    found = [Finding("ok", check, f"{ours!r} in {setup.root / 'nbgrader_config.py'}") if ours
             else Finding("fix", check, f"set c.CourseDirectory.course_id in "
                          f"{setup.root / 'nbgrader_config.py'}")]
    if not setup.learner_config.exists():
        if setup.hub:
            found.append(Finding("fix", check, f"no learners' config {setup.learner_config}: "
                                 f"write c.CourseDirectory.course_id = {ours!r} there"))
        else:
            found.append(Finding("skip", check, f"no learners' config {setup.learner_config} "
                                 f"(only needed on a hub)"))
        return found
    from traitlets.config.loader import PyFileConfigLoader

    theirs_cfg = PyFileConfigLoader(setup.learner_config.name,
                                    path=str(setup.learner_config.parent)).load_config()
    theirs = theirs_cfg.CourseDirectory.get("course_id", "")
    if not theirs or theirs != ours:
        found.append(Finding("fix", check, f"{setup.learner_config} sets course_id {theirs!r}; "
                             f"set c.CourseDirectory.course_id = {ours!r}"))
    else:
        found.append(Finding("ok", check, f"{theirs!r} in {setup.learner_config} too"))
    exchange = config.Exchange.get("root", _EXCHANGE)
    if theirs_cfg.Exchange.get("root", _EXCHANGE) != exchange:
        found.append(Finding("fix", "exchange", f"{setup.learner_config} names another exchange "
                             f"root: set c.Exchange.root = {exchange!r}"))
    return found


def _homes(setup: Setup, instructor: str | None) -> list[Finding]:
    found = []
    for account in [*setup.learners, *([instructor] if instructor else [])]:
        try:
            home = Path(pwd.getpwnam(account).pw_dir)
        except KeyError:
            found.append(Finding("fix", "homes", f"no account {account} on this machine"))
            continue
        if not home.exists():
            found.append(Finding("skip", "homes", f"{account}'s home {home} does not exist"))
            continue
        mode = stat.S_IMODE(home.stat().st_mode)
        if mode & 0o077:
            found.append(Finding("fix", "homes", f"{home} is {mode:04o}, readable by others: "
                                 f"sudo chmod 700 {home}"))
        else:
            found.append(Finding("ok", "homes", f"{home} is {mode:04o}"))
    if not found:
        found.append(Finding("skip", "homes", "no accounts named (pass --learner NAME)"))
    return found


def _learner_side(setup: Setup, account: str | None, who: str) -> list[Finding]:
    probe = _probe(setup, account)
    if "skip" in probe or "error" in probe:
        status = "skip" if "skip" in probe else "fix"
        return [Finding(status, f"{who}", probe.get("skip") or probe["error"])]
    found = []
    if probe["autograder"]:
        found.append(Finding("fix", "grading package", f"{who} can import autograder: install "
                             f"only the learner wheel in {setup.python.parent.parent} "
                             f"(pip uninstall product-leadership-course)"))
    else:
        found.append(Finding("ok", "grading package", f"{who} cannot import autograder"))
    if account is not None and probe["reads_root"]:
        found.append(Finding("fix", "course root", f"{who} can read {setup.root / 'source'}: "
                             f"keep the course root in a 0700 home"))
    if account is None:
        return found
    on = [n for n in INSTRUCTOR_ONLY_SERVER if probe["server"].get(n)]
    on += [n for n in INSTRUCTOR_ONLY_LAB if n not in probe["lab_disabled"]]
    unlocked = [n for n in INSTRUCTOR_ONLY_LAB if n not in probe["lab_locked"]]
    if on or unlocked:
        found.append(Finding("fix", "extensions", f"instructor tools on for {who}: "
                             f"{', '.join(on) or 'none'}; not locked: "
                             f"{', '.join(unlocked) or 'none'} (README: 'Instructor tools for "
                             f"the instructor only')"))
    else:
        found.append(Finding("ok", "extensions", f"instructor tools off and locked for {who}"))
    return found


def _instructor_side(setup: Setup, instructor: str | None) -> list[Finding]:
    if instructor is None:
        return [Finding("skip", "formgrader", "no instructor account (pass --instructor)")]
    probe = _probe(setup, instructor)
    if "skip" in probe or "error" in probe:
        status = "skip" if "skip" in probe else "fix"
        return [Finding(status, "formgrader", probe.get("skip") or probe["error"])]
    found = []
    server, lab = INSTRUCTOR_NEEDS
    off = ([server] if not probe["server"].get(server) else []) + (
        [lab] if lab in probe["lab_disabled"] else [])
    if off:
        found.append(Finding("fix", "extensions", f"the formgrader is off for {instructor}: "
                             f"{', '.join(off)} (README: 'Instructor tools for the instructor "
                             f"only')"))
    else:
        found.append(Finding("ok", "extensions", f"the formgrader is on for {instructor}"))
    known = probe.get("course_root")
    if not known or Path(known).resolve() != setup.root.resolve():
        found.append(Finding("fix", "formgrader", f"{instructor}'s ~/.jupyter/nbgrader_config.py "
                             f"sets CourseDirectory.root to {known!r}: set it to "
                             f"{str(setup.root)!r}"))
    else:
        found.append(Finding("ok", "formgrader", f"CourseDirectory.root is {known}"))
    return found


def _sandbox() -> Finding:
    try:
        from autograder.pipeline.sandbox import available
    except ImportError:
        return Finding("skip", "sandbox", "sandbox check unavailable (autograder.sandbox is "
                       "missing)")
    works, why = available()
    return Finding("ok" if works else "fix", "sandbox", why)


def diagnose(setup: Setup) -> list[Finding]:
    """Run every check on ``setup``; return the findings in the order printed."""
    config = course_config(setup.root)
    instructor = setup.instructor
    if instructor is None and setup.hub:
        instructor = pwd.getpwuid(setup.root.stat().st_uid).pw_name
    found = [_exchange(setup, config), *_course_ids(setup, config), *_homes(setup, instructor)]
    found += _instructor_side(setup, instructor) if setup.hub else [
        Finding("skip", "formgrader", "not a hub set-up (no --learner, no learners' config)")]
    found += _learner_side(setup, None, "the learners' environment")
    for learner in setup.learners:
        found += _learner_side(setup, learner, learner)
    found.append(_sandbox())
    return found
