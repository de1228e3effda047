"""The source map: every seed topic points to a lesson section that exists, or says why not."""

from __future__ import annotations

from pathlib import Path

from materials.source_map import (
    README,
    load_map,
    missing_sections,
    render_table,
    update_readme,
)


def test_every_listed_topic_has_its_section() -> None:
    """Each taught topic names a lesson heading that exists; each other topic gives a reason."""
    assert missing_sections(load_map()) == []


def test_every_source_is_mapped() -> None:
    """All five sources appear, each with at least five topics."""
    source_map = load_map()
    assert sorted(source_map) == ["000", "001", "002", "003", "004"]
    assert all(len(topics) >= 5 for topics in source_map.values())


def test_a_missing_section_is_reported(tmp_path: Path) -> None:
    """A topic pointing at a heading no lesson has is reported as missing."""
    (tmp_path / "m").mkdir()
    (tmp_path / "m" / "1-x.py").write_text("# %% [markdown]\n# ## Present\n", encoding="utf-8")
    source_map = {"000": [
        {"topic": "a", "section": {"lesson": "m/1-x", "heading": "Present"}},
        {"topic": "b", "section": {"lesson": "m/1-x", "heading": "Absent"}},
        {"topic": "c", "not_taught": ""},
    ]}
    problems = missing_sections(source_map, root=tmp_path)
    assert len(problems) == 2 and "Absent" in problems[0] and "no reason" in problems[1]


def test_readme_table_is_fresh() -> None:
    """The README's source table is what `python -m materials.source_map` would write."""
    text = README.read_text(encoding="utf-8")
    assert update_readme(text, render_table(load_map())) == text
