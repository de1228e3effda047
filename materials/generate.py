"""Rebuild the seeded data sets bit for bit: ``python -m materials.generate [--check]``.

Each module's generators live in ``materials/gen_<module>.py`` and export ``GENERATORS``
(file name -> function returning a DataFrame, seeded); this command finds them all.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import pkgutil
import sys
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from . import data_dir

__all__ = ["GENERATORS", "main"]

def _discover() -> dict[str, Callable[[], pd.DataFrame]]:
    """Collect ``GENERATORS`` from every ``materials/gen_*.py`` (one file per module)."""
    found: dict[str, Callable[[], pd.DataFrame]] = {}
    for info in sorted(pkgutil.iter_modules([str(Path(__file__).parent)]), key=lambda i: i.name):
        if info.name.startswith("gen_"):
            module = importlib.import_module(f"materials.{info.name}")
            for name, build in module.GENERATORS.items():
                if name in found:
                    raise ValueError(f"two generators write {name}")
                found[name] = build
    return found


#: file name in materials/data -> function building its frame, from every gen_*.py
GENERATORS: dict[str, Callable[[], pd.DataFrame]] = _discover()


def _render(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(index=False, lineterminator="\n").encode("utf-8")


def main(argv: list[str] | None = None) -> int:
    """Write every generated data set, or with --check verify the files on disk match."""
    parser = argparse.ArgumentParser(
        prog="python -m materials.generate",
        description="Rebuild the course's seeded data sets in materials/data/, bit for bit.",
    )
    parser.add_argument("--check", action="store_true",
                        help="do not write; exit 1 if a file on disk differs from a rebuild")
    parser.add_argument("--out", type=Path, default=data_dir(),
                        help="folder to write into (default: materials/data)")
    args = parser.parse_args(argv)
    stale = []
    for name, build in GENERATORS.items():
        blob = _render(build())
        target = args.out / name
        digest = hashlib.sha256(blob).hexdigest()[:16]
        if args.check:
            ok = target.exists() and target.read_bytes() == blob
            print(f"{'ok   ' if ok else 'STALE'} {name} sha256:{digest}")
            if not ok:
                stale.append(name)
        else:
            target.write_bytes(blob)
            print(f"wrote {name} ({len(blob):,} bytes, sha256:{digest})")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
