"""The learner's workspace: new material arrives, nothing of the learner's is overwritten."""

from __future__ import annotations

from pathlib import Path

import pytest

from course.workspace import main, sync


def _release(root: Path) -> Path:
    """Return a small release folder with two modules."""
    (root / "01-a").mkdir(parents=True)
    (root / "01-a" / "1-x.ipynb").write_text("released x v1")
    (root / "02-b").mkdir()
    (root / "02-b" / "1-y.ipynb").write_text("released y")
    (root / "01-a" / ".ipynb_checkpoints").mkdir()
    (root / "01-a" / ".ipynb_checkpoints" / "1-x-checkpoint.ipynb").write_text("junk")
    return root


def test_first_sync_copies_everything_but_hidden_files(tmp_path: Path) -> None:
    """A fresh workspace receives every released notebook and no checkpoint folder."""
    report = sync(_release(tmp_path / "release"), tmp_path / "ws")
    assert sorted(map(str, report.added)) == ["01-a/1-x.ipynb", "02-b/1-y.ipynb"]
    assert not (tmp_path / "ws" / "01-a" / ".ipynb_checkpoints").exists()


def test_learner_files_survive_an_update(tmp_path: Path) -> None:
    """A notebook the learner worked on and their answer record are never overwritten."""
    release = _release(tmp_path / "release")
    workspace = tmp_path / "ws"
    sync(release, workspace)
    (workspace / "01-a" / "1-x.ipynb").write_text("my work")
    (workspace / "01-a" / "1-x.answers.json").write_text("{}")
    (release / "01-a" / "1-x.ipynb").write_text("released x v2")
    (release / "03-c").mkdir()
    (release / "03-c" / "1-z.ipynb").write_text("new module")
    report = sync(release, workspace)
    assert [str(p) for p in report.added] == ["03-c/1-z.ipynb"]
    assert (workspace / "01-a" / "1-x.ipynb").read_text() == "my work"
    assert (workspace / "01-a" / "1-x.answers.json").read_text() == "{}"


def test_missing_release_says_what_to_do(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    """Without a release folder the command exits 2 and tells how to make one."""
    assert main([str(tmp_path / "nope"), str(tmp_path / "ws")]) == 2
    assert "make release" in capsys.readouterr().err
