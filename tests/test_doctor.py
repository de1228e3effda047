"""``plcourse doctor`` on a hub set-up built for real: one good, one broken in six ways.

As root, the test creates throwaway accounts (a learner and the instructor, homes in a
scratch folder, removed afterwards), a learners' environment from Debian's Python (a venv
that sees this environment's packages but not the grading package), Jupyter configuration
at the levels the README gives, an exchange and the learners' nbgrader config.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sysconfig
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from autograder.cli import main
from autograder.doctor import INSTRUCTOR_ONLY_LAB, INSTRUCTOR_ONLY_SERVER, Finding, Setup, diagnose
from autograder.nbg import ROOT, copy_course
from tests.pipeline import COURSE_ID

SYSTEM_PYTHON = Path("/usr/bin/python3.11")
pytestmark = pytest.mark.skipif(
    os.geteuid() != 0 or not shutil.which("useradd") or not shutil.which("runuser")
    or not SYSTEM_PYTHON.exists(),
    reason="needs root, useradd, runuser and Debian's python3.11 to build accounts and a "
    "learners' environment they can run",
)


def _json(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=1))


def _build(scratch: Path, learner: str, instructor: str) -> Setup:
    """Build a hub set-up the way the README says, in ``scratch``; return what doctor checks."""
    env = scratch / "env"
    subprocess.run([str(SYSTEM_PYTHON), "-m", "venv", "--without-pip", str(env)], check=True)
    site = Path(subprocess.run([str(env / "bin" / "python"), "-c", "import sysconfig; print("
                                "sysconfig.get_paths()['purelib'])"], capture_output=True,
                               text=True, check=True).stdout.strip())
    (site / "_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    etc = env / "etc" / "jupyter"
    shutil.copytree(ROOT / ".venv" / "etc" / "jupyter" / "jupyter_server_config.d",
                    etc / "jupyter_server_config.d")
    # instructor tools off and locked for everyone (sys-prefix level) ...
    _json(etc / "jupyter_server_config.json",
          {"ServerApp": {"jpserver_extensions": dict.fromkeys(INSTRUCTOR_ONLY_SERVER, False)}})
    _json(etc / "labconfig" / "page_config.json",
          {"disabledExtensions": dict.fromkeys(INSTRUCTOR_ONLY_LAB, True),
           "lockedExtensions": dict.fromkeys(INSTRUCTOR_ONLY_LAB, True)})
    for name in (learner, instructor):
        subprocess.run(["useradd", "--create-home", "--home-dir", str(scratch / "home" / name),
                        "--shell", "/usr/sbin/nologin", name], check=True, capture_output=True)
        (scratch / "home" / name).chmod(0o700)
    # ... and on for the instructor (user level), who knows the course root
    home = scratch / "home" / instructor
    course = copy_course(home / "course")
    _json(home / ".jupyter" / "jupyter_server_config.json", {"ServerApp": {
        "jpserver_extensions": dict.fromkeys(INSTRUCTOR_ONLY_SERVER, True)}})
    _json(home / ".jupyter" / "labconfig" / "page_config.json",
          {"disabledExtensions": dict.fromkeys(INSTRUCTOR_ONLY_LAB, False),
           "lockedExtensions": dict.fromkeys(INSTRUCTOR_ONLY_LAB, False)})
    (home / ".jupyter" / "nbgrader_config.py").write_text(
        f"c = get_config()\nc.CourseDirectory.root = {str(course)!r}\n")
    exchange = scratch / "exchange"
    exchange.mkdir(mode=0o1777)
    exchange.chmod(0o1777)
    with open(course / "nbgrader_config.py", "a") as handle:
        handle.write(f"\nc.Exchange.root = {str(exchange)!r}\n")
    subprocess.run(["chown", "-R", f"{instructor}:{instructor}", str(home)], check=True)
    learner_config = scratch / "etc" / "nbgrader_config.py"
    learner_config.parent.mkdir()
    learner_config.write_text(f"c = get_config()\nc.CourseDirectory.course_id = {COURSE_ID!r}\n"
                              f"c.Exchange.root = {str(exchange)!r}\n")
    return Setup(course, learners=[learner], instructor=instructor, python=env / "bin" / "python",
                 learner_config=learner_config)


def _closed_folder(path: Path) -> Path | None:
    """The first folder on the way to ``path`` that other accounts cannot enter, if any."""
    for folder in [*reversed(path.parents), path]:
        if not folder.stat().st_mode & 0o001:
            return folder
    return None


@pytest.fixture
def hub() -> Iterator[Setup]:
    """A good hub set-up with two throwaway accounts; removed afterwards."""
    # the learners' environment borrows this checkout's packages, so accounts must reach them
    closed = _closed_folder(Path(sysconfig.get_paths()["purelib"]))
    if closed is not None:
        pytest.skip(f"other accounts cannot enter {closed} (mode "
                    f"{closed.stat().st_mode & 0o777:o}), so a learners' environment built "
                    f"on this checkout's packages cannot run; clone into a readable folder")
    scratch = Path(tempfile.mkdtemp(prefix="plc-doctor-"))
    scratch.chmod(0o755)
    suffix = f"{os.getpid()}{len(list(Path(tempfile.gettempdir()).glob('plc-doctor-*')))}"
    learner, instructor = f"plcl{suffix}", f"plci{suffix}"
    try:
        yield _build(scratch, learner, instructor)
    finally:
        for name in (learner, instructor):
            subprocess.run(["userdel", name], capture_output=True)
        shutil.rmtree(scratch, ignore_errors=True)


def _fixes(findings: list[Finding]) -> dict[str, str]:
    """Return ``{check: its FIX messages, joined}``."""
    found: dict[str, str] = {}
    for f in findings:
        if f.status == "fix":
            found[f.check] = f"{found.get(f.check, '')}\n{f.message}".strip()
    return found


def test_a_good_hub_needs_no_fix(hub: Setup, capsys: pytest.CaptureFixture[str]) -> None:
    """The README's set-up passes every check; doctor exits 0."""
    findings = diagnose(hub)
    report = "\n".join(map(str, findings))
    assert _fixes(findings) == {}, report
    checked = {f.check for f in findings if f.status == "ok"}
    assert {"exchange", "course_id", "homes", "extensions", "formgrader",
            "grading package"} <= checked, report
    argv = ["doctor", "--root", str(hub.root), "--learner", hub.learners[0], "--instructor",
            str(hub.instructor), "--python", str(hub.python), "--learner-config",
            str(hub.learner_config)]
    assert main(argv) == 0, capsys.readouterr().out


def test_a_broken_hub_gets_one_line_per_fix(hub: Setup,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    """Six mistakes of a real run each give a FIX line with what to do; doctor exits 1."""
    learner_home = Path(os.path.expanduser(f"~{hub.learners[0]}"))
    learner_home.chmod(0o755)  # Debian's useradd -m
    exchange = Path(hub.root.parent.parent.parent / "exchange")
    exchange.chmod(0o755)
    (hub.python.parent.parent / "etc" / "jupyter" / "jupyter_server_config.json").unlink()
    (Path(os.path.expanduser(f"~{hub.instructor}")) / ".jupyter" / "nbgrader_config.py").unlink()
    hub.learner_config.write_text("c = get_config()\n")
    site = Path(hub.python.parent.parent, "lib", "python3.11", "site-packages", "autograder")
    site.mkdir(parents=True)
    (site / "__init__.py").write_text("")

    fixes = _fixes(diagnose(hub))
    assert "chmod 1777" in fixes.get("exchange", ""), fixes
    assert "c.CourseDirectory.course_id" in fixes.get("course_id", ""), fixes
    assert f"chmod 700 {learner_home}" in fixes.get("homes", ""), fixes
    assert "nbgrader.server_extensions.formgrader" in fixes.get("extensions", ""), fixes
    assert "CourseDirectory.root" in fixes.get("formgrader", ""), fixes
    assert "can import autograder" in fixes.get("grading package", ""), fixes
    argv = ["--root", str(hub.root), "doctor", "--learner", hub.learners[0], "--instructor",
            str(hub.instructor), "--python", str(hub.python), "--learner-config",
            str(hub.learner_config)]
    assert main(argv) == 1
    assert "FIX  homes" in capsys.readouterr().out
