"""``plcourse collect`` from nbgrader's exchange trusts a folder name only as far as it checks.

The exchange is built with real files and real owners: as root, the test creates two
throwaway operating-system accounts (removed afterwards), writes their submissions into
``inbound/`` the way ``nbgrader submit`` names them, and gives each file its owner.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from autograder.cli import main
from autograder.collect.cohort import CollectReport, collect_exchange
from autograder.nbg import copy_course
from tests.pipeline import COURSE_ID

pytestmark = [pytest.mark.pipeline]

MODULE = "01-product-manager"
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
as_root = pytest.mark.skipif(
    not IS_ROOT or shutil.which("useradd") is None,
    reason="needs root and useradd to create throwaway accounts that own exchange files",
)


@pytest.fixture(scope="module")
def accounts() -> Iterator[tuple[str, str]]:
    """Create two throwaway accounts (a learner and a forger); remove them afterwards."""
    names = (f"plc{os.getpid()}a", f"plc{os.getpid()}b")
    for name in names:
        subprocess.run(["useradd", "--no-create-home", "--shell", "/usr/sbin/nologin", name],
                       check=True, capture_output=True)
    try:
        yield names
    finally:
        for name in names:
            subprocess.run(["userdel", name], capture_output=True)


def _course(tmp: Path) -> tuple[Path, Path]:
    course = copy_course(tmp / "course")
    inbound = tmp / "exchange" / COURSE_ID / "inbound"
    inbound.mkdir(parents=True)
    for folder in (tmp / "exchange", inbound.parent):
        folder.chmod(0o755)
    inbound.chmod(0o1733)
    with open(course / "nbgrader_config.py", "a") as handle:
        handle.write(f"\nc.Exchange.root = {str(tmp / 'exchange')!r}\n")
    return course, inbound


def _hand_in(course: Path, inbound: Path, claimed: str, hour: int, whose: str,
             owner: str | None = None) -> Path:
    """Write a submission claiming ``claimed`` at ``hour``, owned by ``owner``."""
    stamp = f"2026-03-02 {hour:02d}:00:00.000000 UTC"
    folder = inbound / f"{claimed}+{MODULE}+{stamp}+{whose}"
    folder.mkdir()
    for nb in sorted((course / "release" / MODULE).glob("*.ipynb")):
        shutil.copy2(nb, folder / nb.name)
    (folder / "whose.txt").write_text(whose)
    (folder / "timestamp.txt").write_text(stamp)
    if owner is not None:
        for path in [folder, *folder.rglob("*")]:
            shutil.chown(path, owner, owner)
    return folder


def _lines(report: CollectReport) -> str:
    return "\n".join(report.lines())


@as_root
def test_forged_submission_is_refused_and_the_real_one_kept(
        tmp_path: Path, accounts: tuple[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    """A forged hand-in is refused with the reason; the victim's newest is kept, the older noted."""
    learner, forger = accounts
    course, inbound = _course(tmp_path)
    _hand_in(course, inbound, learner, 9, "learner-old", learner)
    _hand_in(course, inbound, learner, 10, "learner-new", learner)
    _hand_in(course, inbound, learner, 11, "forged", forger)  # newest: stock nbgrader takes it
    _hand_in(course, inbound, forger, 9, "forger-own", forger)
    sneaky = _hand_in(course, inbound, forger, 10, "forger-link", forger)
    (sneaky / "notes.txt").symlink_to(course / "nbgrader_config.py")
    _hand_in(course, inbound, "ghost", 9, "ghost", forger)

    report = collect_exchange(course, MODULE)
    text = _lines(report)
    submitted = course / "submitted"
    assert (submitted / learner / MODULE / "whose.txt").read_text() == "learner-new", text
    assert (submitted / forger / MODULE / "whose.txt").read_text() == "forger-own", text
    assert not (submitted / "ghost").exists()
    problems = {(p.learner, p.reason.split(";")[0]) for p in report.problems}
    assert (learner, f"submitted by account {forger}, claims to be {learner}") in problems, text
    assert ("ghost", "claims to be ghost, but no account ghost exists here") in problems, text
    assert any(p.learner == forger and "symbolic link" in p.reason
               for p in report.problems), text
    older = [n for n in report.notes if n.learner == learner and "not collected" in n.reason]
    assert older and "learner-old" in older[0].reason, text
    assert len(report.rejected) == 3, text

    # the command line says it too, and exits 1
    assert main(["--root", str(course), "collect", MODULE]) == 1
    out = capsys.readouterr().out
    assert f"submitted by account {forger}, claims to be {learner}" in out


def test_nbgrader_warnings_reach_the_instructor(tmp_path: Path) -> None:
    """A warning nbgrader logs (here: nothing to collect) is reported, not swallowed."""
    course, _inbound = _course(tmp_path)
    report = collect_exchange(course, MODULE)
    assert any("No submissions of '01-product-manager'" in n.reason for n in report.notes), (
        _lines(report))


def test_unchecked_ownership_is_said_every_time(tmp_path: Path) -> None:
    """With the ownership check off (one shared account), each hand-in is noted as unchecked."""
    course, inbound = _course(tmp_path)
    with open(course / "nbgrader_config.py", "a") as handle:
        handle.write("\nc.CheckedCollect.check_ownership = False\n")
    _hand_in(course, inbound, "someone-else", 9, "claimed")
    report = collect_exchange(course, MODULE)
    assert (course / "submitted" / "someone-else" / MODULE / "whose.txt").exists()
    assert any("ownership not checked" in n.reason for n in report.notes), _lines(report)
    assert report.problems == []
