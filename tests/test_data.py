"""Seeded data sets rebuild bit for bit, and the loaders explain a missing data set."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from course.data import load
from materials import data_dir
from materials.generate import GENERATORS, main


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_generators_rebuild_the_committed_files(tmp_path: Path) -> None:
    """Each generated file rebuilds to the same bytes (same SHA-256) as the committed one."""
    assert main(["--out", str(tmp_path)]) == 0
    for name in GENERATORS:
        assert _digest(tmp_path / name) == _digest(data_dir() / name), name


def test_check_mode_reports_a_stale_file(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    """``--check`` exits 1 and names a file whose bytes differ from a rebuild."""
    main(["--out", str(tmp_path)])
    name = next(iter(GENERATORS))
    (tmp_path / name).write_bytes((tmp_path / name).read_bytes() + b"1,2\n")
    assert main(["--check", "--out", str(tmp_path)]) == 1
    assert f"STALE {name}" in capsys.readouterr().out


def test_unknown_data_set_names_the_known_ones() -> None:
    """Loading a data set that does not exist says which ones do and how to rebuild."""
    with pytest.raises(FileNotFoundError, match="m01_backlog.*materials.generate"):
        load("m99_nothing")


def test_load_returns_a_copy() -> None:
    """Changing a loaded frame does not change what the next load returns."""
    first = load("m01_backlog")
    first["reach"] = 0
    assert (load("m01_backlog")["reach"] > 0).all()
