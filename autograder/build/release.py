"""Regenerate release/ from source/ with nbgrader, then check that no answer leaked.

``python -m autograder.build.release [MODULE ...]`` (``make release``) runs the stock
``nbgrader generate_assignment`` in a scratch copy of the course, so the instructor's
gradebook is untouched, scans the result there, and replaces ``release/<module>/`` only
when no answer leaked: a leak never reaches ``release/`` (which ``make lab`` copies to
learners), not even for a moment.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from autograder.build.leaks import Leak, scan
from autograder.nbg import ROOT, copy_course, modules, nbgrader

__all__ = ["Outcome", "generate", "main", "normalise", "release"]


def normalise(path: Path) -> None:
    """Rewrite a generated notebook in the committed form (stable JSON, no outputs)."""
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        cell.metadata.pop("execution", None)
    nb.metadata.pop("widgets", None)
    path.write_text(nbformat.writes(nb) + "\n", encoding="utf-8")


def _build(names: list[str], scratch: Path, root: Path) -> Path:
    """Generate ``names`` in a scratch course copy; return its (normalised) ``release/``."""
    course = copy_course(scratch / "course", root, with_release=False)
    for name in names:
        nbgrader("generate_assignment", name, "--force", root=course)
        for path in sorted((course / "release" / name).glob("*.ipynb")):
            normalise(path)
    return course / "release"


def _install(built: Path, names: list[str], out: Path) -> list[Path]:
    """Replace ``out/<module>/`` by ``built/<module>/`` for each module; return the notebooks."""
    written = []
    out.mkdir(parents=True, exist_ok=True)
    for name in names:
        target, fresh, old = out / name, out / f".{name}.new", out / f".{name}.old"
        for stale in (fresh, old):
            if stale.exists():
                shutil.rmtree(stale)
        shutil.copytree(built / name, fresh)
        if target.exists():
            target.rename(old)
        fresh.rename(target)
        if old.exists():
            shutil.rmtree(old)
        written += sorted(target.glob("*.ipynb"))
    return written


def generate(names: list[str], out: Path, root: Path = ROOT) -> list[Path]:
    """Generate ``names`` from ``root/source`` into ``out/<module>/`` (no scan); return them."""
    with tempfile.TemporaryDirectory(prefix="plc-release-") as scratch:
        return _install(_build(names, Path(scratch), root), names, out)


@dataclass
class Outcome:
    """What a release did: the notebooks written, or the leaks that stopped it."""

    written: list[Path] = field(default_factory=list)
    #: answer texts found in the generated files (paths shown as ``release/<module>/...``);
    #: when there is any, nothing was written
    leaks: list[Leak] = field(default_factory=list)


def release(names: list[str], root: Path = ROOT) -> Outcome:
    """Generate ``names`` in a scratch folder, scan there, and replace ``release/`` if clean.

    All or nothing: when any module leaks, no module of ``root/release`` is touched.
    """
    with tempfile.TemporaryDirectory(prefix="plc-release-") as scratch:
        built = _build(names, Path(scratch), root)
        leaks = [Leak(Path("release") / leak.path.relative_to(built), leak.what, leak.text)
                 for leak in scan([built / name for name in names], root / "source")]
        if leaks:
            return Outcome(leaks=leaks)
        return Outcome(written=_install(built, names, root / "release"))


def main(argv: list[str] | None = None) -> int:
    """Command line: regenerate the release of every module (or the named ones)."""
    parser = argparse.ArgumentParser(
        prog="python -m autograder.build.release",
        description="Regenerate release/<module>/ from source/ with nbgrader generate_assignment "
        "in a scratch folder, scan it for leaked answers, and replace release/ only when none "
        "leaked (exit 1 and release/ untouched if any).",
    )
    parser.add_argument("modules", nargs="*", help="module ids (default: every module in source/)")
    args = parser.parse_args(argv)
    names = args.modules or modules()
    unknown = sorted(set(names) - set(modules()))
    if unknown:
        parser.error(f"no such module in source/: {', '.join(unknown)}")
    outcome = release(names)
    for path in outcome.written:
        print(f"released {path.relative_to(ROOT)}")
    for leak in outcome.leaks:
        print(f"LEAK {leak}")
    if outcome.leaks:
        print("release/ left as it was: fix the lesson named in each LEAK line and run again.")
    return 1 if outcome.leaks else 0


if __name__ == "__main__":
    sys.exit(main())
