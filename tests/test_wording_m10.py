"""Module 10 is in the course's own words: no run of 8 words is shared with a source article."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
RUN = 8  # the longest run of consecutive words a reading may share with a seed, plus one
OURS = sorted((ROOT / "materials" / "lessons" / "10-competencies").glob("*.py")) + sorted(
    (ROOT / "materials" / "data").glob("m10_*.csv")) + [ROOT / "course" / "track.py"]


def words(text: str) -> list[str]:
    """Return the words of ``text``, lower-cased, without punctuation or markup."""
    text = text.replace("’", "'").replace("‘", "'")
    return re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text.lower())


def runs(text: str, n: int = RUN) -> set[tuple[str, ...]]:
    """Return every run of ``n`` consecutive words of ``text``."""
    w = words(text)
    return {tuple(w[i:i + n]) for i in range(len(w) - n + 1)}


def test_runs_finds_a_copied_sentence() -> None:
    """The check itself catches a sentence copied with other case and punctuation."""
    seed = "Directors of Products make critical decisions regarding resource allocation."
    assert runs("directors of products: make critical decisions regarding resource allocation")
    assert runs(seed) & runs("DIRECTORS of products make critical decisions, regarding resource")
    assert not runs(seed) & runs("Directors make the critical calls on resources and bets.")


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the source articles are not next to the repo")
@pytest.mark.parametrize("path", OURS, ids=lambda p: p.name)
def test_no_eight_words_shared_with_a_seed(path: Path) -> None:
    """No run of 8 consecutive words of a module 10 file appears in any seed article."""
    ours = runs(path.read_text(encoding="utf-8"))
    for seed in sorted(SEEDS.glob("*.txt")):
        shared = ours & runs(seed.read_text(encoding="utf-8"))
        assert not shared, f"{path.name} shares with {seed.name}: " + "; ".join(
            " ".join(r) for r in sorted(shared)[:5])
