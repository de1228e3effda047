"""No lesson, data file or feedback message shares 8 consecutive words with a source."""

from __future__ import annotations

from pathlib import Path

import pytest

from materials.no_copy import copied_runs, course_texts, seed_digests, seeds_dir


def test_course_copies_no_eight_word_run() -> None:
    """No 8 consecutive words (case and punctuation ignored) of the course match a seed."""
    hits = copied_runs(course_texts(), seed_digests())
    assert hits == [], "\n".join(f"{file}: {run}" for file, run in hits)


def test_the_check_catches_a_copied_sentence(tmp_path: Path) -> None:
    """A sentence lifted from a seed, with its case and punctuation changed, is caught."""
    lifted = tmp_path / "lifted.md"
    lifted.write_text("THE DPM is a prestigious and highly-influential role within "
                      "organizations!", encoding="utf-8")
    hits = copied_runs([lifted], seed_digests())
    assert len(hits) == 1
    assert hits[0][1].startswith("dpm is a prestigious and highly influential")


def test_the_course_texts_include_lessons_data_and_feedback() -> None:
    """The scan covers lessons, data sets and the self-check and scoring messages."""
    names = {str(p.relative_to(Path(__file__).resolve().parent.parent)) for p in course_texts()}
    assert "materials/lessons/01-product-manager/1-the-role.py" in names
    assert "materials/data/roles.csv" in names
    assert "course/feedback.py" in names
    assert "autograder/scoring/catalog/m06.py" in names


def test_stored_hashes_match_the_seeds() -> None:
    """When the seeds are present, materials/seed_ngrams.txt holds exactly their runs."""
    folder = seeds_dir()
    if not folder.is_dir():
        pytest.skip(f"the seeds are not at {folder}")
    assert seed_digests(folder) == seed_digests()
