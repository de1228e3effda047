"""The learner's workspace: a copy of the released modules that updates never overwrite.

``python -m course.workspace [RELEASE] [WORKSPACE]`` (run by ``make lab``) copies every
released file that the workspace does not have yet, and leaves every existing file (your
notebooks, your answer records) exactly as it is.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["SyncReport", "main", "sync"]


@dataclass
class SyncReport:
    """What a sync did: files added, and files kept because the learner already has them."""

    added: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)


def sync(release: Path, workspace: Path) -> SyncReport:
    """Copy files of ``release`` missing from ``workspace``; never overwrite one."""
    if not release.is_dir():
        raise FileNotFoundError(f"no released modules at {release}; run `make release` first")
    report = SyncReport()
    for source in sorted(p for p in release.rglob("*") if p.is_file()):
        relative = source.relative_to(release)
        if any(part.startswith(".") for part in relative.parts):
            continue  # checkpoints and other hidden files are not course material
        target = workspace / relative
        if target.exists():
            report.kept.append(relative)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
        report.added.append(relative)
    return report


def main(argv: list[str] | None = None) -> int:
    """Command line: bring new released material into the workspace."""
    parser = argparse.ArgumentParser(
        prog="python -m course.workspace",
        description="Copy released modules into your workspace without ever overwriting "
        "a file you already have (your answers survive course updates).",
    )
    parser.add_argument("release", nargs="?", type=Path, default=Path("release"))
    parser.add_argument("workspace", nargs="?", type=Path, default=Path("workspace"))
    args = parser.parse_args(argv)
    try:
        report = sync(args.release, args.workspace)
    except FileNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"Workspace {args.workspace}: {len(report.added)} new "
          f"{'file' if len(report.added) == 1 else 'files'} added, "
          f"{len(report.kept)} of yours kept as they are.")
    for path in report.added:
        print(f"  + {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
