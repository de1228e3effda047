"""``plcourse release`` checks a release before writing it: a leak never reaches release/."""

from __future__ import annotations

from pathlib import Path

import pytest

from autograder.build.leaks import answer_texts
from autograder.cli import main
from autograder.nbg import copy_course

pytestmark = [pytest.mark.pipeline]

MODULE = "01-product-manager"


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def test_a_planted_leak_leaves_release_untouched(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """A solution line planted beside the source notebooks: exit 1, release/ unchanged."""
    course = copy_course(tmp_path / "course")
    release = course / "release" / MODULE
    marker = "# an older release, as handed out last term\n"
    stale = release / "1-the-role.ipynb"
    stale.write_text(stale.read_text() + marker)
    before = _snapshot(course / "release")
    solution = next(text for text, what in answer_texts(course / "source").items()
                    if what.startswith("solution line of 2-prioritize"))
    notes = course / "source" / MODULE / "instructor-notes.md"
    notes.write_text(f"Remember, the answer is:\n\n    {solution}\n")

    code = main(["--root", str(course), "release", MODULE, "--no-gradebook"])
    out = capsys.readouterr().out
    assert code == 1
    assert f"LEAK release/{MODULE}/instructor-notes.md" in out, out
    assert "left exactly as it was" in out
    assert _snapshot(course / "release") == before, "release/ changed although the scan failed"
    assert not list((course / "release").glob(".*")), "a scratch folder was left in release/"

    notes.unlink()  # once the leak is gone, the same command replaces the old release
    assert main(["--root", str(course), "release", MODULE, "--no-gradebook"]) == 0
    assert marker not in stale.read_text(), "a clean release did not replace the old one"
    assert not (release / "instructor-notes.md").exists()
    assert sorted(p.name for p in release.glob("*.ipynb")) == [
        "1-the-role.ipynb", "2-prioritize-and-measure.ipynb"]
