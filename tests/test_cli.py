"""``plcourse``, every subcommand run for real on a temporary course copy.

One cohort goes through the instructor's walk-through: release, collect (one learner
through nbgrader's exchange, two from a zip), grade, feedback, export, report.
"""

from __future__ import annotations

import csv
import getpass
import re
import zipfile
from pathlib import Path

import pytest

from autograder.cli import main, parser
from autograder.collect.cohort import import_cohort, registered
from autograder.nbg import copy_course, nbgrader
from tests.pipeline import COURSE_ID, auto_maxima, solve

pytestmark = [pytest.mark.pipeline, pytest.mark.xdist_group("cli")]

MODULE = "01-product-manager"
COMMANDS = ("release", "collect", "grade", "feedback", "export", "report")


def _zip(folder: Path, dest: Path) -> Path:
    with zipfile.ZipFile(dest, "w") as zf:
        for path in sorted(folder.rglob("*")):
            zf.write(path, path.relative_to(folder))
    return dest


@pytest.fixture(scope="module")
def walk(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Run the whole walk-through once; return the course root and each step's exit status."""
    tmp = tmp_path_factory.mktemp("cli")
    course = copy_course(tmp / "course")
    exchange = tmp / "exchange"
    exchange.mkdir()
    exchange.chmod(0o1777)
    with open(course / "nbgrader_config.py", "a") as handle:
        handle.write(f"\nc.Exchange.root = {str(exchange)!r}\n")
    codes = {"release": main(["--root", str(course), "release", MODULE])}

    # one learner through the exchange: release, fetch, submit (untouched), then collect
    nbgrader("release_assignment", MODULE, "--force", root=course)
    home = tmp / "home"
    home.mkdir()
    flags = [f"--course={COURSE_ID}", f"--Exchange.root={exchange}"]
    nbgrader("fetch_assignment", MODULE, *flags, root=home)
    nbgrader("submit", MODULE, *flags, root=home)
    codes["collect-exchange"] = main(["--root", str(course), "collect", MODULE])

    # two learners from a zip: ada with the solutions, bob with the release as handed out
    cohort = tmp / "cohort"
    solved = solve(course / "source" / MODULE, tmp / "solved", "ada")  # answers saved as she ran it
    for name, src in (("ada", solved), ("bob", course / "release" / MODULE)):
        target = cohort / name / MODULE if name == "bob" else cohort / name
        target.mkdir(parents=True)
        for nb in sorted([*src.glob("*.ipynb"), *src.glob("*.answers.json")]):
            (target / nb.name).write_bytes(nb.read_bytes())
    archive = _zip(cohort, tmp / "cohort.zip")
    codes["collect-zip"] = main(["--root", str(course), "collect", MODULE, "--from",
                                 str(archive)])
    codes["grade"] = main(["--root", str(course), "grade", "--no-progress", "-j", "2"])
    codes["feedback"] = main(["--root", str(course), "feedback", MODULE])
    codes["export"] = main(["--root", str(course), "export", "--out", str(tmp / "out")])
    codes["report"] = main(["--root", str(course), "report"])
    return {"course": course, "codes": codes, "out": tmp / "out"}


def test_every_step_succeeds(walk: dict) -> None:
    """Each subcommand of the walk-through exits 0."""
    assert walk["codes"] == dict.fromkeys(walk["codes"], 0)


def test_release_writes_notebooks_and_gradebook(walk: dict) -> None:
    """Release writes release/<module>/ and records the module in the gradebook."""
    assert sorted(p.name for p in (walk["course"] / "release" / MODULE).glob("*.ipynb"))
    assert MODULE in registered(walk["course"])


def test_collect_brings_in_exchange_and_zip_learners(walk: dict) -> None:
    """The exchange learner and both zip learners land in submitted/ with a timestamp."""
    for learner in (getpass.getuser(), "ada", "bob"):
        folder = walk["course"] / "submitted" / learner / MODULE
        assert sorted(folder.glob("*.ipynb")), learner
        assert (folder / "timestamp.txt").exists()


def test_grade_scores_the_cohort(walk: dict) -> None:
    """The solutions earn every auto point; the release as handed out earns none."""
    with open(walk["out"] / "grades.csv", newline="") as handle:
        totals = {r["student_id"]: float(r["raw_score"]) for r in csv.DictReader(handle)}
    full = sum(sum(cells.values()) for cells in auto_maxima(walk["course"], MODULE).values())
    assert full > 0 and totals["ada"] == full
    assert totals["bob"] == 0 and totals[getpass.getuser()] == 0


def test_feedback_pages_exist_without_hidden_tests(walk: dict) -> None:
    """Feedback is written for every learner and hides the hidden tests."""
    pages = sorted((walk["course"] / "feedback").glob(f"*/{MODULE}/*.html"))
    assert len(pages) == 3 * 2
    assert not any("BEGIN HIDDEN TESTS" in p.read_text() for p in pages)


def test_export_per_exercise_and_competency(walk: dict) -> None:
    """The exercise and competency CSVs carry ada's points and the pending hand grade."""
    with open(walk["out"] / "grades_by_exercise.csv", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["learner"] == "ada"]
    by_exercise = {r["exercise"]: r for r in rows}
    assert by_exercise["role-owners"]["points"] == "4"
    assert by_exercise["reflection"]["status"] == "waiting for a hand grade"
    with open(walk["out"] / "grades_by_competency.csv", newline="") as handle:
        shares = {(r["learner"], r["competency"]): float(r["share"])
                  for r in csv.DictReader(handle)}
    assert shares[("ada", "data-analysis")] == 1.0
    assert shares[("bob", "data-analysis")] == 0.0


def test_report_embeds_three_plots(walk: dict) -> None:
    """The HTML report is self-contained with the three plots."""
    page = (walk["course"] / "report.html").read_text()
    assert len(re.findall(r"src='data:image/png;base64,", page)) == 3
    for heading in ("Scores per module", "Exercise difficulty", "Competency profile"):
        assert heading in page


def test_collect_reports_bad_ids_and_duplicates(tmp_path: Path) -> None:
    """Invalid ids and the same learner twice (folder and zip) are reported; exit status 1."""
    course = copy_course(tmp_path / "course")
    src = course / "source" / MODULE
    cohort = tmp_path / "cohort"
    for name in ("carol", "Carol", "bad id", "dave"):
        (cohort / name).mkdir(parents=True)
        for nb in sorted(src.glob("*.ipynb")):
            (cohort / name / nb.name).write_bytes(nb.read_bytes())
    # Carol hands in a zip of her own: the same learner as carol, whatever the case
    _zip(cohort / "Carol", cohort / "Carol.zip")
    for path in sorted((cohort / "Carol").iterdir()):
        path.unlink()
    (cohort / "Carol").rmdir()
    report = import_cohort(course, cohort, MODULE)
    learners = {learner for learner, _ in report.imported}
    assert "dave" in learners and len(learners & {"carol", "Carol"}) == 1
    reasons = " ".join(str(p) for p in report.rejected)
    assert "duplicate" in reasons and "not a valid learner id" in reasons
    assert main(["--root", str(course), "collect", MODULE, "--from", str(cohort)]) == 1


@pytest.mark.parametrize("command", COMMANDS)
def test_every_subcommand_explains_itself(command: str,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    """``plcourse <command> --help`` says what the step does and what to do on errors."""
    with pytest.raises(SystemExit) as done:
        parser().parse_args([command, "--help"])
    assert done.value.code == 0
    text = capsys.readouterr().out
    assert f"plcourse {command}" in text and "fix" in text.lower()
