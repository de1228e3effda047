"""Check that the course's own words never copy a source: no 8 consecutive words shared.

Texts are compared after normalising case and punctuation (words are runs of letters and
digits; apostrophes are dropped, so "company's" and "companys" match). The seeds themselves
are not in the repository: their 8-word runs are kept as short hashes in
``materials/seed_ngrams.txt``, rebuilt with ``python -m materials.no_copy --rebuild`` from
the seeds folder (``PLCOURSE_SEEDS``, default ``../shared/seeds``), so the check runs from a
fresh clone. ``python -m materials.no_copy`` lists every copied run it finds.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

__all__ = ["N", "course_texts", "copied_runs", "digest", "ngrams", "seed_digests", "words"]

N = 8
ROOT = Path(__file__).resolve().parent.parent
DIGESTS = ROOT / "materials" / "seed_ngrams.txt"
_WORD = re.compile(r"[a-z0-9]+")


def seeds_dir() -> Path:
    """Return the folder holding the source articles."""
    return Path(os.environ.get("PLCOURSE_SEEDS", ROOT.parent / "shared" / "seeds"))


def words(text: str) -> list[str]:
    """Return the words of ``text``: lower case, apostrophes dropped, punctuation ignored."""
    text = text.lower().replace("\u2019", "").replace("'", "")
    return _WORD.findall(text)


def ngrams(tokens: list[str], n: int = N) -> Iterator[tuple[int, str]]:
    """Yield (position, run) for every run of ``n`` consecutive words."""
    for i in range(len(tokens) - n + 1):
        yield i, " ".join(tokens[i:i + n])


def digest(run: str) -> str:
    """Return the short hash under which a run is stored."""
    return hashlib.sha1(run.encode("utf-8")).hexdigest()[:12]


def seed_digests(folder: Path | None = None) -> set[str]:
    """Return the hashes of every 8-word run of the seeds (from the folder, or the stored file)."""
    if folder is not None:
        found: set[str] = set()
        for path in sorted(folder.glob("*.txt")):
            found |= {digest(run) for _, run in ngrams(words(path.read_text(encoding="utf-8")))}
        return found
    return set(DIGESTS.read_text(encoding="utf-8").split())


def course_texts(root: Path = ROOT) -> Iterator[Path]:
    """Yield every file whose words learners read: lessons, data, self-checks and scoring."""
    patterns = ["materials/lessons/**/*.py", "materials/lessons/**/*.md", "materials/data/*.csv",
                "materials/data/*.md", "materials/*.yaml", "course/**/*.py",
                "autograder/scoring/catalog/*.py"]
    seen: set[Path] = set()
    for pattern in patterns:
        for path in sorted(root.glob(pattern)):
            if path not in seen and path.name != "curriculum.yaml":
                seen.add(path)
                yield path


def copied_runs(paths: Iterable[Path], known: set[str]) -> list[tuple[str, str]]:
    """Return (file, run) for every 8-word run of ``paths`` whose hash is a seed's."""
    hits = []
    for path in paths:
        tokens = words(path.read_text(encoding="utf-8", errors="replace"))
        last = -N
        for i, run in ngrams(tokens):
            if digest(run) in known and i >= last + N:  # report each copied passage once
                name = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
                hits.append((str(name), run))
                last = i
    return hits


def main(argv: list[str] | None = None) -> int:
    """List copied runs (exit 1 if any), or rebuild the stored seed hashes."""
    parser = argparse.ArgumentParser(prog="python -m materials.no_copy",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--rebuild", action="store_true",
                        help="rebuild materials/seed_ngrams.txt from the seeds folder")
    args = parser.parse_args(argv)
    if args.rebuild:
        found = seed_digests(seeds_dir())
        DIGESTS.write_text("\n".join(sorted(found)) + "\n", encoding="utf-8")
        print(f"wrote {len(found)} hashes to {DIGESTS.relative_to(ROOT)}")
        return 0
    hits = copied_runs(course_texts(), seed_digests())
    for file, run in hits:
        print(f"{file}: {run}")
    return 1 if hits else 0


if __name__ == "__main__":
    sys.exit(main())
