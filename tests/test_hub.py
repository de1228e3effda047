"""A JupyterHub class on loopback, with real accounts, nbgrader's exchange and a real browser.

The README's hub recipe, run end to end on this machine as root:

* set-up (cached between runs in ``/var/cache/plcourse-hub-test``, or ``PLCOURSE_HUB_CACHE``):
  ``jupyterhub`` from PyPI into a venv built from Debian's Python 3.11,
  ``configurable-http-proxy`` from npm, and the learner wheel built from ``learner/`` as
  ``tests/test_learner_wheel.py`` builds it;
* three throwaway operating-system accounts (an instructor and learners A and B, homes
  0700 in a scratch folder, removed afterwards, with whatever they still run);
* a learners' environment holding the learner wheel only (plus JupyterHub's single-user
  server and the course's dependencies, which hold no key), with nbgrader's instructor
  tools off and locked at its level, as the README says; an exchange 1777;
* the instructor's grading side in the instructor's own home (the course root and a copy
  of the grading package), run as the instructor with the ``plcourse`` and ``nbgrader``
  command lines;
* a hub on 127.0.0.1 with the local-process spawner and the shared-password authenticator.

The class: the instructor releases module 00; learner A logs in through the hub in
Debian's chromium, fetches it, answers one widget exercise (one statement matched in the
scope menus), saves and submits; learner B hands in a forged submission in A's name (a
folder in the exchange's inbound named after A, with every statement answered); the
instructor collects with ``plcourse collect``, grades with ``plcourse grade`` (bubblewrap
sandbox), writes and releases feedback; the learners fetch feedback.

The figures (hub start, spawn time, memory per learner) are printed: run with ``-rP`` or
``-s`` to see them.
"""

from __future__ import annotations

import contextlib
import datetime
import fcntl
import hashlib
import json
import os
import pwd
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import sysconfig
import tempfile
import textwrap
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat
import pytest

from tests.browser import browser_page, error_outputs, require_browser, run_all, save, wait_idle

ROOT = Path(__file__).resolve().parent.parent
MODULE = "00-product-ladder"
NB = "1-the-ladder"
COURSE_ID = "product-leadership"
#: the exercise learner A answers in the browser: statement S1 of the scope matching
EXERCISE, ROW, LABEL, OPTION = "level-scope", "S1", "Product Manager", "product_manager"
#: nbgrader's test cell of that exercise, and its points for one statement of eight right
TEST_CELL, ONE_RIGHT = "scope-test", 0.5

SYSTEM_PYTHON = Path("/usr/bin/python3.11")
JUPYTERHUB_SPEC = "jupyterhub>=5.3,<7"  # 5.3 brought the shared-password authenticator
CHP_SPEC = "configurable-http-proxy@^5"
CACHE = Path(os.environ.get("PLCOURSE_HUB_CACHE", "/var/cache/plcourse-hub-test"))
#: the comment every account of this test carries, so a crashed run's accounts are found
MARK = "plcourse hub test"
#: the course's dependencies (pandas, ipykernel, nbgrader...), shared read-only with accounts
DEPENDENCIES = Path(sysconfig.get_paths()["purelib"])
INSTRUCTOR_ONLY_SERVER = ("nbgrader.server_extensions.formgrader",
                          "nbgrader.server_extensions.course_list",
                          "nbgrader.server_extensions.validate_assignment")
INSTRUCTOR_ONLY_LAB = ("@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:create-assignment",
                       "@jupyter/nbgrader:course-list", "@jupyter/nbgrader:validate-assignment")
_IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", ".ipynb_checkpoints",
                                 "*.answers*.json")
#: for the learner wheel's build tree, as tests/test_learner_wheel.py copies it
_IGNORE_BUILD = shutil.ignore_patterns("__pycache__", "*.pyc", "build", "*.egg-info", "dist")
_NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _closed_folder(path: Path) -> Path | None:
    """The first folder on the way to ``path`` that other accounts cannot enter, if any."""
    for folder in [*reversed(path.parents), path]:
        if not folder.stat().st_mode & 0o001:
            return folder
    return None


def _why_not() -> str | None:
    """Why this machine cannot run the hub class, or None when it can."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return ("needs root: the hub starts each learner's server as that learner's own "
                "account, and the test creates and removes those accounts")
    missing = [tool for tool in ("useradd", "userdel", "npm", "node", "bwrap", "prlimit")
               if not shutil.which(tool)]
    if missing:
        return (f"needs {', '.join(missing)} on PATH (`make test` installs npm and bubblewrap "
                f"through its `npm` and `sandbox` targets)")
    if not SYSTEM_PYTHON.exists():
        return f"needs Debian's {SYSTEM_PYTHON} for environments every account can run"
    closed = _closed_folder(DEPENDENCIES)
    if closed is not None:
        return (f"other accounts cannot enter {closed}, so environments built on this "
                f"checkout's packages cannot run for them; clone into a readable folder")
    return None


_REASON = _why_not()
pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("hub"),
    pytest.mark.skipif(_REASON is not None, reason=f"JupyterHub class: {_REASON}"),
]


# --------------------------------------------------------------------------- set-up (cached)


@contextlib.contextmanager
def _locked(name: str) -> Iterator[None]:
    CACHE.mkdir(parents=True, exist_ok=True)
    CACHE.chmod(0o755)
    with open(CACHE / f".{name}.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _readable(path: Path) -> None:
    subprocess.run(["chmod", "-R", "a+rX", str(path)], check=True)


def _venv(path: Path, *paths: Path) -> Path:
    """A venv from Debian's Python at ``path`` that also sees ``paths``; return its python."""
    subprocess.run([str(SYSTEM_PYTHON), "-m", "venv", "--without-pip", str(path)], check=True,
                   capture_output=True)
    python = path / "bin" / "python"
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()"
                           "['purelib'])"], capture_output=True, text=True, check=True)
    # plain path entries: nothing installed there is activated (the editable install of the
    # grading side in this checkout's environment stays out of sight)
    Path(site.stdout.strip(), "_plcourse_paths.pth").write_text(
        "".join(f"{p}\n" for p in paths))
    return python


def _site(env: Path) -> Path:
    (found,) = (env / "lib").glob("python3*/site-packages")
    return found


def _tail(text: str, lines: int = 30) -> str:
    return "\n".join(text.splitlines()[-lines:])


def _too_new_for_system_python() -> list[str]:
    """The distributions of this checkout's environment that Debian's Python cannot run."""
    from importlib.metadata import distributions

    from packaging.specifiers import InvalidSpecifier, SpecifierSet

    version = subprocess.run([str(SYSTEM_PYTHON), "-c", "import platform; print(platform."
                              "python_version())"], capture_output=True, text=True, check=True)
    found = []
    for dist in distributions(path=[str(DEPENDENCIES)]):
        with contextlib.suppress(InvalidSpecifier, TypeError):
            wanted = SpecifierSet(dist.metadata.get("Requires-Python") or "")
            if not wanted.contains(version.stdout.strip(), prereleases=True):
                found.append(dist.metadata["Name"])
    return sorted(found)


def _hub_venv() -> Path:
    """A cached venv holding JupyterHub, on top of this checkout's dependencies."""
    installed = sorted(p.name for p in DEPENDENCIES.glob("*.dist-info"))  # names and versions
    key = hashlib.sha256(f"{JUPYTERHUB_SPEC}|{DEPENDENCIES}|{SYSTEM_PYTHON.resolve()}|"
                         f"{installed}".encode())
    env = CACHE / f"hub-{key.hexdigest()[:12]}"
    with _locked("hub"):
        if (env / ".ready").exists():
            return env
        shutil.rmtree(env, ignore_errors=True)
        python = _venv(env, DEPENDENCIES)
        # pip from this environment, run by the venv's interpreter: it installs what is
        # missing (jupyterhub and a few of its dependencies) into the venv
        done = subprocess.run([str(python), "-m", "pip", "install", "--quiet",
                               "--disable-pip-version-check", JUPYTERHUB_SPEC],
                              capture_output=True, text=True, timeout=900)
        check = subprocess.run([str(python), "-c", "import jupyterhub.singleuser, jupyterhub."
                                "authenticators.shared"], capture_output=True, text=True)
        if done.returncode != 0 or check.returncode != 0:
            shutil.rmtree(env, ignore_errors=True)
            pytest.skip(f"could not install {JUPYTERHUB_SPEC} from PyPI (needs network access "
                        f"to the package index once; cached afterwards):\n"
                        f"{_tail(done.stderr + check.stderr)}")
        # this checkout's packages were chosen for its own interpreter; the few that need a
        # newer Python than Debian's (soupsieve 4.1 wants 3.11.5; bookworm has 3.11.2, where
        # nbconvert's feedback pages then fail) are replaced by versions chosen for it
        compat, too_new = env / "compat", _too_new_for_system_python()
        compat.mkdir()
        if too_new:
            done = subprocess.run([str(python), "-m", "pip", "install", "--quiet",
                                   "--disable-pip-version-check", "--no-deps",
                                   "--ignore-installed", "--target", str(compat), *too_new],
                                  capture_output=True, text=True, timeout=900)
            if done.returncode != 0:
                shutil.rmtree(env, ignore_errors=True)
                pytest.skip(f"could not install {', '.join(too_new)} for {SYSTEM_PYTHON} from "
                            f"PyPI:\n{_tail(done.stderr)}")
        Path(_site(env), "_plcourse_paths.pth").write_text(f"{compat}\n{DEPENDENCIES}\n")
        # as `make setup` does: this optional IRI checker, pulled in by jupyter_events,
        # builds a parser at import and adds seconds to every server start
        subprocess.run([str(python), "-m", "pip", "uninstall", "--quiet", "--yes",
                        "rfc3987-syntax"], capture_output=True, timeout=300)
        for stale in CACHE.glob("hub-*"):  # built for an earlier state of the dependencies
            if stale != env:
                shutil.rmtree(stale, ignore_errors=True)
        _readable(env)
        (env / ".ready").touch()
    return env


def _proxy() -> Path:
    """configurable-http-proxy from npm, cached."""
    folder = CACHE / "chp-5"
    binary = folder / "node_modules" / ".bin" / "configurable-http-proxy"
    with _locked("chp"):
        if binary.exists():
            return binary
        folder.mkdir(parents=True, exist_ok=True)
        done = subprocess.run(["npm", "install", "--prefix", str(folder), "--no-audit",
                               "--no-fund", "--loglevel=error", CHP_SPEC],
                              capture_output=True, text=True, timeout=900)
        if done.returncode != 0 or not binary.exists():
            shutil.rmtree(folder, ignore_errors=True)
            pytest.skip(f"could not install {CHP_SPEC} from npm (needs network access to the "
                        f"npm registry once; cached afterwards):\n{_tail(done.stderr)}")
        _readable(folder)
    return binary


def _learner_wheel() -> Path:
    """The learner wheel, built as tests/test_learner_wheel.py does; cached by content."""
    digest = hashlib.sha256()
    for name in ("learner", "course", "materials"):
        for path in sorted((ROOT / name).rglob("*")):
            parts = set(path.relative_to(ROOT).parts)
            if path.is_file() and not parts & {"__pycache__", "build", "dist"} and not any(
                    p.endswith(".egg-info") for p in parts) and path.suffix != ".pyc":
                digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    folder = CACHE / "wheels" / digest.hexdigest()[:16]
    with _locked("wheel"):
        found = sorted(folder.glob("product_leadership_learner-*.whl"))
        if found:
            return found[0]
        with tempfile.TemporaryDirectory(prefix="plc-hub-wheel-") as tmp:
            for name in ("learner", "course", "materials"):
                shutil.copytree(ROOT / name, Path(tmp, name), ignore=_IGNORE_BUILD)
            done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                                   "-w", str(folder), str(Path(tmp, "learner"))],
                                  capture_output=True, text=True, timeout=600)
        found = sorted(folder.glob("product_leadership_learner-*.whl"))
        if done.returncode != 0 or not found:
            shutil.rmtree(folder, ignore_errors=True)
            pytest.skip(f"could not build the learner wheel (its build backend, setuptools, "
                        f"comes from PyPI once):\n{_tail(done.stderr)}")
        for stale in (CACHE / "wheels").iterdir():  # built from earlier states of the tree
            if stale != folder:
                shutil.rmtree(stale, ignore_errors=True)
        _readable(CACHE / "wheels")
    return found[0]


# --------------------------------------------------------------------------- accounts


@dataclass(frozen=True)
class Account:
    """A throwaway operating-system account of this test."""

    name: str
    uid: int
    gid: int
    home: Path


def _processes(uid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                if entry.stat().st_uid == uid:
                    found.append(int(entry.name))
    return found


def _end_processes(uid: int) -> None:
    """End what a throwaway account of this test still runs (its servers and kernels)."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        pids = _processes(uid)
        for pid in pids:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, sig)
        deadline = time.monotonic() + 3
        while pids and _processes(uid) and time.monotonic() < deadline:
            time.sleep(0.1)


def _remove_account(name: str) -> None:
    with contextlib.suppress(KeyError):
        _end_processes(pwd.getpwnam(name).pw_uid)
    subprocess.run(["userdel", name], capture_output=True)


def _remove_stale_accounts() -> None:
    """Remove accounts a crashed earlier run of this test left (their creator is gone)."""
    for entry in pwd.getpwall():
        found = re.fullmatch(rf"{MARK} pid=(\d+)", entry.pw_gecos)
        if found and not Path("/proc", found.group(1)).exists():
            _remove_account(entry.pw_name)


def _add_account(name: str, home: Path) -> Account:
    subprocess.run(["useradd", "--create-home", "--home-dir", str(home), "--shell",
                    "/usr/sbin/nologin", "--comment", f"{MARK} pid={os.getpid()}", name],
                   check=True, capture_output=True)
    home.chmod(0o700)  # Debian's useradd -m makes it 0755; the README says 0700
    entry = pwd.getpwnam(name)
    return Account(name, entry.pw_uid, entry.pw_gid, home)


def _chown(account: Account, path: Path) -> None:
    subprocess.run(["chown", "-R", f"{account.uid}:{account.gid}", str(path)], check=True)


def _as(account: Account, cmd: list[str], *, path: Path, cwd: Path | None = None,
        timeout: float = 300) -> subprocess.CompletedProcess:
    """Run ``cmd`` as ``account`` with a clean environment and ``path`` first on PATH."""
    env = {"HOME": str(account.home), "USER": account.name, "LOGNAME": account.name,
           "PATH": f"{path}:/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8",
           "PYTHONWARNINGS": "ignore"}
    return subprocess.run(cmd, cwd=cwd or account.home, env=env, user=account.uid,
                          group=account.gid, extra_groups=[], umask=0o022,
                          capture_output=True, text=True, timeout=timeout)


# --------------------------------------------------------------------------- the class


@dataclass
class Class:
    """What the class did, for the tests to check."""

    accounts: dict[str, Account] = field(default_factory=dict)
    course: Path = Path()
    grading_package: Path = Path()
    learner_env: Path = Path()
    exchange: Path = Path()
    figures: dict[str, Any] = field(default_factory=dict)
    probe_a: dict[str, str] = field(default_factory=dict)
    probe_b: dict[str, str] = field(default_factory=dict)
    submit_a: dict = field(default_factory=dict)
    forged_folder: str = ""
    collect: subprocess.CompletedProcess | None = None
    grade: subprocess.CompletedProcess | None = None
    feedback: subprocess.CompletedProcess | None = None
    scores: dict[str, float | None] = field(default_factory=dict)
    submitted_record: dict = field(default_factory=dict)
    submitted_code: str = ""
    feedback_a: list[Path] = field(default_factory=list)
    feedback_b: list[Path] = field(default_factory=list)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _instructor_env(home: Path, hub_env: Path) -> tuple[Path, Path]:
    """The grading side in the instructor's home: a venv and a copy of the packages.

    Return the venv's ``bin`` and the grading package's folder. The venv sees the course's
    dependencies and the copied ``autograder``, ``course`` and ``materials``; the console
    scripts ``plcourse``, ``nbgrader`` and ``alembic`` (nbgrader runs it by name) point at it.
    Packages this checkout holds for a newer Python come from ``hub_env``'s ``compat``.
    """
    lib = home / "grader" / "lib"
    for name in ("autograder", "course", "materials"):
        shutil.copytree(ROOT / name, lib / name, ignore=_IGNORE)
    python = _venv(home / "grader" / "venv", lib, hub_env / "compat", DEPENDENCIES)
    # nbconvert's templates (feedback pages) and the kernel spec
    (python.parent.parent / "share").mkdir(exist_ok=True)
    (python.parent.parent / "share" / "jupyter").symlink_to(Path(sys.prefix) / "share" / "jupyter")
    for script in ("plcourse", "nbgrader", "alembic"):
        body = (Path(sys.prefix) / "bin" / script).read_text().split("\n", 1)[1]
        target = python.parent / script
        target.write_text(f"#!{python}\n{body}")
        target.chmod(0o755)
    return python.parent, lib / "autograder"


def _course_root(home: Path, exchange: Path) -> Path:
    """The instructor's course root (config, source/, release/), using ``exchange``."""
    course = home / "course"
    course.mkdir(parents=True)
    shutil.copy2(ROOT / "nbgrader_config.py", course / "nbgrader_config.py")
    for name in ("source", "release"):
        shutil.copytree(ROOT / name, course / name, ignore=_IGNORE)
    with open(course / "nbgrader_config.py", "a") as handle:
        handle.write(f"\n# the hub class's exchange (tests/test_hub.py)\n"
                     f"c.Exchange.root = {str(exchange)!r}\n"
                     f"c.Sandbox.exchange_root = {str(exchange)!r}\n")
    return course


def _json(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=1))


def _learner_env(scratch: Path, hub_env: Path, wheel: Path, exchange: Path) -> Path:
    """The learners' environment as the README builds it: the learner wheel, no grading side."""
    env = scratch / "learners"
    python = _venv(env, _site(hub_env), hub_env / "compat", DEPENDENCIES)
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet",
                    "--disable-pip-version-check", "--no-deps", str(wheel)], check=True,
                   capture_output=True, timeout=300)
    # JupyterLab's assets, the widget and nbgrader extensions, the kernel spec
    (env / "share").mkdir(exist_ok=True)
    (env / "share" / "jupyter").symlink_to(Path(sys.prefix) / "share" / "jupyter")
    etc = env / "etc" / "jupyter"
    shutil.copytree(Path(sys.prefix) / "etc" / "jupyter" / "jupyter_server_config.d",
                    etc / "jupyter_server_config.d")
    # the README's step 4: instructor tools off and locked at the environment's level
    _json(etc / "jupyter_server_config.json",
          {"ServerApp": {"jpserver_extensions": dict.fromkeys(INSTRUCTOR_ONLY_SERVER, False)}})
    _json(etc / "labconfig" / "page_config.json",
          {"disabledExtensions": dict.fromkeys(INSTRUCTOR_ONLY_LAB, True),
           "lockedExtensions": dict.fromkeys(INSTRUCTOR_ONLY_LAB, True)})
    # the README's step 3 (at the environment's level instead of /etc/jupyter, so the test
    # leaves the machine's configuration alone)
    (etc / "nbgrader_config.py").write_text(
        f"c = get_config()\nc.CourseDirectory.course_id = {COURSE_ID!r}\n"
        f"c.Exchange.root = {str(exchange)!r}\n")
    _readable(env)
    return env


_LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings":
        {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings":
        {"autoStartDefaultKernel": True},
}


def _hub_config(scratch: Path, *, port: int, proxy: Path, learner_env: Path, users: list[str],
                password: str, token: str) -> Path:
    hub = scratch / "hub"
    path = hub / "jupyterhub_config.py"
    path.write_text(textwrap.dedent(f"""\
        c = get_config()
        c.JupyterHub.bind_url = "http://127.0.0.1:{port}"
        c.JupyterHub.hub_bind_url = "http://127.0.0.1:{_free_port()}"
        c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{_free_port()}"
        c.ConfigurableHTTPProxy.command = [{str(proxy)!r}]
        c.ConfigurableHTTPProxy.auth_token = {secrets.token_hex(16)!r}
        c.ConfigurableHTTPProxy.pid_file = {str(hub / "proxy.pid")!r}
        c.JupyterHub.db_url = "sqlite:///{hub / 'jupyterhub.sqlite'}"
        c.JupyterHub.cookie_secret_file = {str(hub / "cookie_secret")!r}
        c.JupyterHub.pid_file = {str(hub / "jupyterhub.pid")!r}
        c.JupyterHub.cleanup_servers = True
        c.JupyterHub.authenticator_class = (
            "jupyterhub.authenticators.shared.SharedPasswordAuthenticator")
        c.SharedPasswordAuthenticator.user_password = {password!r}
        c.Authenticator.allowed_users = {set(users)!r}
        c.JupyterHub.services = [{{"name": "plc-test", "api_token": {token!r}}}]
        c.JupyterHub.load_roles = [{{"name": "plc-test", "services": ["plc-test"],
            "scopes": ["admin:users", "admin:servers", "access:servers"]}}]
        # the default local-process spawner: each server runs as the learner's account
        c.Spawner.cmd = [{str(learner_env / "bin" / "python")!r}, "-m", "jupyterhub.singleuser"]
        c.Spawner.environment = {{
            "PATH": "{learner_env / 'bin'}:/usr/local/bin:/usr/bin:/bin",
            "LANG": "C.UTF-8", "PYDEVD_DISABLE_FILE_VALIDATION": "1",
            "PLCOURSE_SEED": "product-leadership-1", "PLCOURSE_VARIANTS": "per-learner"}}
        c.Spawner.args = ["--LabApp.expose_app_in_browser=True", "--LabApp.news_url=None",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
        c.Spawner.default_url = "/lab"
        c.Spawner.ip = "127.0.0.1"
        c.Spawner.start_timeout = 90
        c.Spawner.http_timeout = 90
        """))
    return path


def _http(method: str, url: str, token: str, timeout: float = 10) -> tuple[int, Any]:
    request = urllib.request.Request(url, method=method,
                                     headers={"Authorization": f"token {token}"})
    try:
        with _NO_PROXY.open(request, timeout=timeout) as resp:
            body = resp.read()
            return resp.status, json.loads(body) if body else None
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode(errors="replace")


@dataclass
class Hub:
    """A running hub."""

    url: str
    token: str
    process: subprocess.Popen
    log: Path

    def tail(self) -> str:
        """The end of the hub's log."""
        return _tail(self.log.read_text(errors="replace"), 60)

    def wait(self, check, what: str, timeout: float) -> float:
        """Poll ``check()`` until true; return the seconds it took or fail with the log."""
        start = time.perf_counter()
        while time.perf_counter() - start < timeout:
            if self.process.poll() is not None:
                raise AssertionError(f"the hub exited while waiting for {what}:\n{self.tail()}")
            with contextlib.suppress(OSError):
                if check():
                    return time.perf_counter() - start
            time.sleep(0.1)
        raise AssertionError(f"{what} did not happen within {timeout:.0f} s:\n{self.tail()}")

    def spawn(self, name: str) -> float:
        """Start ``name``'s server through the hub's API; return the seconds until ready."""
        start = time.perf_counter()
        status, body = _http("POST", f"{self.url}/hub/api/users/{name}/server", self.token)
        assert status in (201, 202), f"spawning {name}: HTTP {status} {body}\n{self.tail()}"

        def ready() -> bool:
            status, user = _http("GET", f"{self.url}/hub/api/users/{name}", self.token)
            return status == 200 and bool(user["servers"].get("", {}).get("ready"))

        self.wait(ready, f"{name}'s server", 90)
        return time.perf_counter() - start


@contextlib.contextmanager
def _hub(config: Path, hub_env: Path, proxy: Path, url: str, token: str) -> Iterator[Hub]:
    log = config.parent / "jupyterhub.log"
    env = {"PATH": f"{hub_env / 'bin'}:{proxy.parent}:/usr/local/bin:/usr/bin:/bin",
           "HOME": str(config.parent), "LANG": "C.UTF-8", "PYTHONWARNINGS": "ignore"}
    with open(log, "wb") as out:
        process = subprocess.Popen([str(hub_env / "bin" / "python"), "-m", "jupyterhub", "-f",
                                    str(config)], cwd=config.parent, env=env,
                                   stdin=subprocess.DEVNULL, stdout=out,
                                   stderr=subprocess.STDOUT, start_new_session=True)
    try:
        yield Hub(url, token, process, log)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)  # the hub stops the servers and the proxy
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
        pid_file = config.parent / "proxy.pid"  # the proxy, should the hub have left it
        with contextlib.suppress(OSError, ValueError, ProcessLookupError):
            pid = int(pid_file.read_text().strip())
            if "configurable-http-proxy" in Path(f"/proc/{pid}/cmdline").read_text():
                os.kill(pid, signal.SIGKILL)


def _memory(uid: int) -> dict[str, float]:
    """Resident and proportional memory (MB) of everything ``uid`` runs."""
    rss = pss = 0
    for pid in _processes(uid):
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Rss:"):
                    rss += int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss += int(line.split()[1])
    return {"rss_mb": round(rss / 1024), "pss_mb": round(pss / 1024),
            "processes": len(_processes(uid))}


_POST_JS = """
async (url) => {
  const m = document.cookie.match(/(?:^|;\\s*)_xsrf=([^;]*)/);
  const headers = m ? {'X-XSRFToken': decodeURIComponent(m[1])} : {};
  const r = await fetch(url, {method: 'POST', headers, credentials: 'same-origin'});
  return {status: r.status, body: await r.text()};
}
"""

_STREAMS_JS = """
() => {
  const app = window.jupyterapp;
  const nb = app && app.shell.currentWidget && app.shell.currentWidget.content;
  if (!nb || !nb.widgets) { return null; }
  let text = '';
  for (const cell of nb.widgets) {
    const outputs = cell.model && cell.model.outputs;
    if (!outputs) { continue; }
    for (const out of outputs.toJSON()) {
      if (out.output_type === 'stream') {
        text += Array.isArray(out.text) ? out.text.join('') : out.text;
      }
    }
  }
  return text;
}
"""

#: what a learner tries: import the grading package, read what is not theirs
_PROBE = textwrap.dedent("""\
    import importlib, json, os
    result = {}
    try:
        importlib.import_module("autograder")
        result["import autograder"] = "imported"
    except ImportError as exc:
        result["import autograder"] = f"{type(exc).__name__}: {exc}"
    for label, path in json.loads(PATHS).items():
        try:
            if os.path.isdir(path):
                os.listdir(path)
            else:
                open(path, "rb").close()
            result[label] = "read"
        except OSError as exc:
            result[label] = type(exc).__name__
    print("PROBE " + json.dumps(result))
    """)


def _probe_code(paths: dict[str, Path]) -> str:
    return f"PATHS = {json.dumps({k: str(v) for k, v in paths.items()})!r}\n{_PROBE}"


def _parse_probe(text: str) -> dict[str, str]:
    found = re.search(r"PROBE (\{.*\})", text or "")
    assert found, f"the probe printed nothing usable: {text!r}"
    return json.loads(found.group(1))


def _post(page, url: str) -> dict:
    """POST ``url`` from the page as JupyterLab does (same cookies, XSRF header)."""
    answer = page.evaluate(_POST_JS, url)
    assert answer["status"] == 200, f"POST {url}: HTTP {answer['status']} {answer['body'][:500]}"
    return json.loads(answer["body"])


def _open(page, url: str) -> None:
    page.goto(url, wait_until="domcontentloaded")
    page.locator(".jp-NotebookPanel .jp-Notebook").first.wait_for(state="visible",
                                                                  timeout=90_000)
    wait_idle(page, timeout=90_000)


@contextlib.contextmanager
def _explained(page, hub: Hub) -> Iterator[None]:
    """On a failure, add where the browser was and the hub's log to the message."""
    try:
        yield
    except Exception as exc:
        with contextlib.suppress(Exception):
            seen = page.locator("body").inner_text(timeout=2_000)[:1500]
            raise AssertionError(f"{exc}\n--- the browser was at {page.url}:\n{seen}\n"
                                 f"--- hub log:\n{hub.tail()}") from exc
        raise


def _forged_notebook(release: Path, stage: Path) -> Path:
    """B's forgery: the released notebook with every scope statement answered in code."""
    nb = nbformat.read(release, as_version=4)
    answer = {"S1": "product_manager", "S2": "senior_pm", "S3": "director",
              "S4": "senior_director", "S5": "head_of_product", "S6": "vp_product",
              "S7": "cpo", "S8": "distinguished_pm"}
    for cell in nb.cells:
        if cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") == "scope-code":
            cell.source = f"scope.value = {answer!r}  # FORGED BY B"
    path = stage / f"{NB}.ipynb"
    nbformat.write(nb, path)
    path.chmod(0o644)
    return path


def _run_class(scratch: Path, run: Class, stack: contextlib.ExitStack) -> None:
    figures = run.figures
    t0 = time.perf_counter()
    hub_env, proxy, wheel = _hub_venv(), _proxy(), _learner_wheel()
    figures["install_s (cached after the first run)"] = round(time.perf_counter() - t0, 1)

    t0 = time.perf_counter()
    suffix = f"{os.getpid() % 100000}"
    names = {"instructor": f"plhi{suffix}", "A": f"plha{suffix}", "B": f"plhb{suffix}"}
    for role, name in names.items():
        stack.callback(_remove_account, name)
        run.accounts[role] = _add_account(name, scratch / "home" / name)
    instructor, a, b = run.accounts["instructor"], run.accounts["A"], run.accounts["B"]
    exchange = run.exchange = scratch / "exchange"
    exchange.mkdir()
    exchange.chmod(0o1777)  # the README's step 3: writable by everyone, sticky
    ibin, run.grading_package = _instructor_env(instructor.home, hub_env)
    run.course = _course_root(instructor.home, exchange)
    _chown(instructor, instructor.home)
    run.learner_env = _learner_env(scratch, hub_env, wheel, exchange)
    for learner in (a, b):
        settings = learner.home / ".jupyter" / "lab" / "user-settings"
        for name, value in _LAB_SETTINGS.items():
            _json(settings / name, value)
        _chown(learner, learner.home)
    figures["accounts_and_environments_s"] = round(time.perf_counter() - t0, 1)

    # the instructor releases the module, as the README's step 5 says
    t0 = time.perf_counter()
    for cmd in (["plcourse", "release", MODULE, "--root", str(run.course)],
                ["nbgrader", "release_assignment", MODULE]):
        done = _as(instructor, [str(ibin / cmd[0]), *cmd[1:]], path=ibin, cwd=run.course)
        assert done.returncode == 0, f"{' '.join(cmd)} failed:\n{done.stdout}\n{done.stderr}"
    figures["instructor_release_s"] = round(time.perf_counter() - t0, 1)

    password, token, port = secrets.token_urlsafe(12), secrets.token_hex(24), _free_port()
    url = f"http://127.0.0.1:{port}"
    (scratch / "hub").mkdir(mode=0o700)
    config = _hub_config(scratch, port=port, proxy=proxy, learner_env=run.learner_env,
                         users=[a.name, b.name, instructor.name], password=password,
                         token=token)
    hub = stack.enter_context(_hub(config, hub_env, proxy, url, token))
    figures["hub_start_s"] = round(hub.wait(
        lambda: _http("GET", f"{url}/hub/api/", token)[0] == 200, "the hub's API", 60), 1)
    figures["spawn_s"] = {"A": round(hub.spawn(a.name), 1), "B": round(hub.spawn(b.name), 1)}

    # learner A, in a real browser through the hub
    t0 = time.perf_counter()
    page = stack.enter_context(browser_page())
    stack.enter_context(_explained(page, hub))
    page.goto(f"{url}/hub/login", wait_until="domcontentloaded")
    page.fill("input[name=username]", a.name)
    page.fill("input[name=password]", password)
    page.press("input[name=password]", "Enter")
    page.wait_for_url(lambda address: "/hub/login" not in address, timeout=60_000)
    page.goto(f"{url}/user/{a.name}/lab", wait_until="domcontentloaded")  # via the hub's OAuth
    page.wait_for_url(re.compile(rf"/user/{a.name}/lab"), timeout=60_000)
    page.locator("#jp-main-dock-panel").wait_for(state="attached", timeout=60_000)
    query = f"course_id={COURSE_ID}&assignment_id={MODULE}"
    fetched = _post(page, f"/user/{a.name}/assignments/fetch?{query}")
    assert fetched.get("success"), f"fetching {MODULE} failed: {fetched}"
    notebook = a.home / MODULE / f"{NB}.ipynb"
    assert notebook.exists(), f"nothing fetched into {notebook.parent}: {fetched}"
    _open(page, f"{url}/user/{a.name}/lab/tree/{MODULE}/{NB}.ipynb")
    run_all(page)
    assert error_outputs(page) == [], "the released notebook runs top to bottom on the hub"
    page.locator(f".plc-match-{ROW} select").first.select_option(label=LABEL)
    record = notebook.with_name(f"{NB}.answers.json")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError, ValueError, KeyError):
            if json.loads(record.read_text())["answers"][EXERCISE]["value"] == {ROW: OPTION}:
                break
        time.sleep(0.1)
    else:
        raise AssertionError(f"{record} never held A's answer")
    save(page, record=record)
    figures["memory_active_learner_A"] = _memory(a.uid)
    figures["memory_idle_learner_B"] = _memory(b.uid)
    run.submit_a = _post(page, f"/user/{a.name}/assignments/submit?{query}")
    assert run.submit_a.get("success"), f"A's submit failed: {run.submit_a}"

    # A's kernel tries what it must not be able to do
    probe = nbformat.v4.new_notebook()
    probe.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)",
                                    "language": "python"}
    probe.cells = [nbformat.v4.new_code_cell(_probe_code({
        "other learner's home": b.home, "instructor's course root": run.course,
        "instructor's source/": run.course / "source" / MODULE / f"{NB}.ipynb",
        "gradebook": run.course / "gradebook.db",
        "grading package": run.grading_package / "__init__.py"}))]
    nbformat.write(probe, a.home / "probe.ipynb")
    _chown(a, a.home / "probe.ipynb")
    # ?reset: a fresh workspace, so the probe (not the lesson) is the current notebook
    _open(page, f"{url}/user/{a.name}/lab/tree/probe.ipynb?reset")
    run_all(page)
    run.probe_a = _parse_probe(page.evaluate(_STREAMS_JS))
    figures["learner_A_in_browser_s"] = round(time.perf_counter() - t0, 1)

    # learner B hands in a forged submission in A's name, after A's (so it is the newest)
    stage = scratch / "stage"
    stage.mkdir(mode=0o755)
    forged = _forged_notebook(
        exchange / COURSE_ID / "outbound" / MODULE / f"{NB}.ipynb", stage)
    time.sleep(0.01)
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M:%S.%f %Z")
    run.forged_folder = f"{a.name}+{MODULE}+{stamp}+{secrets.token_hex(8)}"
    folder = exchange / COURSE_ID / "inbound" / run.forged_folder
    done = _as(b, ["sh", "-c", 'mkdir "$1" && cp "$2" "$1/" && printf %s "$3" > '
                   '"$1/timestamp.txt"', "forge", str(folder), str(forged), stamp],
               path=run.learner_env / "bin")
    assert done.returncode == 0, f"B could not write into the exchange: {done.stderr}"
    learner_python = str(run.learner_env / "bin" / "python")
    done = _as(b, [learner_python, "-c", _probe_code({
        "other learner's home": a.home, "instructor's course root": run.course,
        "instructor's source/": run.course / "source" / MODULE / f"{NB}.ipynb",
        "gradebook": run.course / "gradebook.db",
        "grading package": run.grading_package / "__init__.py"})],
        path=run.learner_env / "bin")
    run.probe_b = _parse_probe(done.stdout)

    # the instructor collects, grades, writes and releases feedback
    t0 = time.perf_counter()
    instructor_cmd = {
        "collect": ["plcourse", "collect", MODULE, "--root", str(run.course)],
        "grade": ["plcourse", "grade", MODULE, "--root", str(run.course), "--no-progress"],
        "feedback": ["plcourse", "feedback", MODULE, "--root", str(run.course)],
    }
    for step, cmd in instructor_cmd.items():
        setattr(run, step, _as(instructor, [str(ibin / cmd[0]), *cmd[1:]], path=ibin,
                               cwd=run.course, timeout=600))
        figures[f"instructor_{step}_s"] = round(time.perf_counter() - t0, 1)
        t0 = time.perf_counter()
    done = _as(instructor, [str(ibin / "nbgrader"), "release_feedback", MODULE], path=ibin,
               cwd=run.course)
    assert done.returncode == 0, f"release_feedback failed:\n{done.stdout}\n{done.stderr}"

    # the learners fetch their feedback: A through the hub, B in a terminal
    fetched = _post(page, f"/user/{a.name}/assignments/fetch_feedback?{query}")
    assert fetched.get("success"), f"A's fetch_feedback failed: {fetched}"
    _as(b, [learner_python, "-m", "nbgrader", "fetch_feedback", MODULE], path=run.learner_env
        / "bin")
    run.feedback_a = sorted((a.home / MODULE / "feedback").glob(f"*/{NB}.html"))
    run.feedback_b = sorted(b.home.glob(f"**/feedback/*/{NB}.html"))
    figures["instructor_release_feedback_and_fetch_s"] = round(time.perf_counter() - t0, 1)

    from nbgrader.api import Gradebook, MissingEntry

    submitted = run.course / "submitted" / a.name / MODULE
    with contextlib.suppress(OSError, ValueError):
        run.submitted_record = json.loads((submitted / f"{NB}.answers.json").read_text())
    with contextlib.suppress(OSError):
        run.submitted_code = (submitted / f"{NB}.ipynb").read_text()
    with Gradebook(f"sqlite:///{run.course / 'gradebook.db'}", course_id=COURSE_ID) as gb:
        for cell in ("ladder-test", "scope-test", "self-test"):
            try:
                run.scores[cell] = gb.find_grade(cell, NB, MODULE, a.name).score
            except MissingEntry:
                run.scores[cell] = None


@pytest.fixture(scope="module")
def hub_class() -> Iterator[Class]:
    """Run the whole class once; accounts, processes and folders are removed afterwards."""
    require_browser()
    _remove_stale_accounts()
    scratch = Path(tempfile.mkdtemp(prefix="plc-hub-"))
    scratch.chmod(0o755)
    run = Class()
    start = time.perf_counter()
    try:
        with contextlib.ExitStack() as stack:
            _run_class(scratch, run, stack)
        run.figures["class_total_s"] = round(time.perf_counter() - start, 1)
        yield run
    finally:
        for account in run.accounts.values():  # should the stack not have run
            _remove_account(account.name)
        shutil.rmtree(scratch, ignore_errors=True)


def _shown(done: subprocess.CompletedProcess | None) -> str:
    return "" if done is None else f"exit {done.returncode}\n{done.stdout}\n{done.stderr}"


def test_widget_answer_given_in_the_browser_is_graded(hub_class: Class) -> None:
    """A's one matched statement travels through the exchange and earns its points."""
    assert hub_class.grade is not None and hub_class.grade.returncode == 0, _shown(
        hub_class.grade)
    value = hub_class.submitted_record.get("answers", {}).get(EXERCISE, {}).get("value")
    assert value == {ROW: OPTION}, f"A's answer record as collected: {hub_class.submitted_record}"
    assert hub_class.scores[TEST_CELL] == pytest.approx(ONE_RIGHT), hub_class.scores
    assert hub_class.scores["ladder-test"] == 0 and hub_class.scores["self-test"] == 0


def test_forged_submission_in_another_name_is_refused(hub_class: Class) -> None:
    """B's folder named after A is left out with the reason; A's own work is graded."""
    a, b = hub_class.accounts["A"], hub_class.accounts["B"]
    collect = hub_class.collect
    assert collect is not None and collect.returncode == 1, _shown(collect)
    reason = f"submitted by account {b.name}, claims to be {a.name}"
    assert reason in collect.stdout and hub_class.forged_folder in collect.stdout, _shown(collect)
    assert "1 submission imported, 1 left out" in collect.stdout, _shown(collect)
    assert "FORGED BY B" not in hub_class.submitted_code, "B's forgery replaced A's work"
    assert hub_class.scores[TEST_CELL] != 4, "A was graded on B's forged answers"


def test_learners_cannot_read_each_other_or_the_instructor(hub_class: Class) -> None:
    """From A's kernel and B's account: other homes, course root, grading package are closed."""
    for who, probe in (("A's kernel", hub_class.probe_a), ("B's account", hub_class.probe_b)):
        opened = {what: how for what, how in probe.items()
                  if what != "import autograder" and how != "PermissionError"}
        assert len(probe) == 6 and not opened, f"{who} could reach: {opened} ({probe})"


def test_grading_package_cannot_be_imported_in_a_learner_kernel(hub_class: Class) -> None:
    """``import autograder`` fails in A's kernel on the hub and for B's interpreter."""
    for probe in (hub_class.probe_a, hub_class.probe_b):
        assert probe["import autograder"] == (
            "ModuleNotFoundError: No module named 'autograder'"), probe


def test_feedback_reaches_the_learner_it_belongs_to(hub_class: Class) -> None:
    """A fetches a feedback page with A's score; B, whose forgery was refused, gets none."""
    assert hub_class.feedback is not None and hub_class.feedback.returncode == 0, _shown(
        hub_class.feedback)
    assert len(hub_class.feedback_a) == 1, "A fetched no feedback page"
    page = hub_class.feedback_a[0].read_text(errors="replace")
    assert "1 of 8 statements right" in page
    assert hub_class.feedback_b == [], f"B fetched feedback: {hub_class.feedback_b}"


def test_hub_figures(hub_class: Class) -> None:
    """Hub start, spawn time and memory per learner are measured and within reason."""
    figures = hub_class.figures
    print("\nJupyterHub class figures:\n" + json.dumps(figures, indent=1))
    assert 0 < figures["hub_start_s"] < 30
    assert all(0 < seconds < 60 for seconds in figures["spawn_s"].values())
    assert 50 < figures["memory_active_learner_A"]["rss_mb"] < 2000
    assert figures["memory_active_learner_A"]["processes"] >= 2, "a server and a kernel"
