"""``plcourse export`` leaves out modules recorded by release but never handed out."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from nbgrader.api import Gradebook

from autograder.cli import main, parser
from autograder.collect.cohort import db_url, ensure_registered
from autograder.nbg import copy_course
from autograder.reports.export import handed_out

pytestmark = [
    pytest.mark.pipeline,
    # nbgrader's own Gradebook.add_submission trips SQLAlchemy's autoflush warning
    pytest.mark.filterwarnings("ignore:Object of type <Submitted"),
]

GIVEN, RECORDED = "00-product-ladder", "01-product-manager"


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a course whose gradebook records two modules (as ``plcourse release`` does)."""
    course = copy_course(tmp_path_factory.mktemp("export") / "course")
    ensure_registered(course, [GIVEN, RECORDED])
    return course


def test_export_keeps_only_modules_handed_out(recorded: Path, tmp_path: Path) -> None:
    """A module in the gradebook with no submission and no exchange release is not exported."""
    course = Path(shutil.copytree(recorded, tmp_path / "course"))
    with Gradebook(db_url(course)) as gb:
        gb.add_student("ada")
        gb.add_submission(GIVEN, "ada")
    assert handed_out(course) == [GIVEN]
    out = tmp_path / "grades"
    assert main(["export", "--root", str(course), "--out", str(out)]) == 0
    with open(out / "grades.csv", newline="") as handle:
        modules = {row["assignment"] for row in csv.DictReader(handle)}
    assert modules == {GIVEN}, f"grades.csv lists {sorted(modules)}"


def test_export_with_nothing_handed_out_lists_no_module(recorded: Path, tmp_path: Path) -> None:
    """With modules recorded but none handed out, grades.csv has its header and no row."""
    course = Path(shutil.copytree(recorded, tmp_path / "course"))
    with Gradebook(db_url(course)) as gb:
        gb.add_student("ada")
    assert main(["--root", str(course), "export", "--out", str(tmp_path)]) == 0
    lines = (tmp_path / "grades.csv").read_text().splitlines()
    assert lines[0].startswith("assignment,") and lines[1:] == []


@pytest.mark.parametrize("argv", [["--root", "/r", "report"], ["report", "--root", "/r"]])
def test_root_goes_before_or_after_the_command(argv: list[str]) -> None:
    """``--root`` is accepted on either side of the subcommand."""
    assert parser().parse_args(argv).root == "/r"
