"""Regenerate release/ from source/ with nbgrader, then check that no answer leaked.

``python -m autograder.release [MODULE ...]`` (``make release``) runs the stock
``nbgrader generate_assignment`` in a scratch copy of the course, so the instructor's
gradebook is untouched, and replaces ``release/<module>/`` with the result.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

import nbformat

from .leaks import scan
from .nbg import ROOT, copy_course, modules, nbgrader

__all__ = ["generate", "main", "normalise"]


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


def generate(names: list[str], out: Path, root: Path = ROOT) -> list[Path]:
    """Generate ``names`` from ``root/source`` into ``out/<module>/``; return the notebooks."""
    written = []
    with tempfile.TemporaryDirectory(prefix="plc-release-") as scratch:
        course = copy_course(Path(scratch), root, with_release=False)
        for name in names:
            nbgrader("generate_assignment", name, "--force", root=course)
            target = out / name
            if target.exists():
                shutil.rmtree(target)
            shutil.copytree(course / "release" / name, target)
            for path in sorted(target.glob("*.ipynb")):
                normalise(path)
                written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    """Command line: regenerate the release of every module (or the named ones)."""
    parser = argparse.ArgumentParser(
        prog="python -m autograder.release",
        description="Regenerate release/<module>/ from source/ with nbgrader generate_assignment, "
        "then scan the result for leaked answers (exit 1 if any).",
    )
    parser.add_argument("modules", nargs="*", help="module ids (default: every module in source/)")
    args = parser.parse_args(argv)
    names = args.modules or modules()
    unknown = sorted(set(names) - set(modules()))
    if unknown:
        parser.error(f"no such module in source/: {', '.join(unknown)}")
    for path in generate(names, ROOT / "release"):
        print(f"released {path.relative_to(ROOT)}")
    leaks = scan([ROOT / "release"], ROOT / "source")
    for leak in leaks:
        print(f"LEAK {leak}")
    return 1 if leaks else 0


if __name__ == "__main__":
    sys.exit(main())
