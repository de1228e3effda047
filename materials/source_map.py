"""The source map: every topic of the five source articles, and the lesson section teaching it.

``materials/source_map.yaml`` lists, per source, each topic with either the lesson and
section heading that teaches it or ``not_taught`` with a reason. ``python -m
materials.source_map`` writes the README table between ``<!-- sources:start -->`` and
``<!-- sources:end -->``; ``--check`` exits 1 when a section is missing or the table is stale.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any

import yaml

__all__ = ["MAP_PATH", "missing_sections", "load_map", "main", "render_table", "sections"]

ROOT = Path(__file__).resolve().parent.parent
MAP_PATH = ROOT / "materials" / "source_map.yaml"
LESSONS = ROOT / "materials" / "lessons"
README = ROOT / "README.md"
START, END = "<!-- sources:start -->", "<!-- sources:end -->"
#: What learners and readers call each source (never its file name).
SOURCE_NAMES = {
    "000": "Distinguished PM guide",
    "001": "vendor article on the Director role and pay",
    "002": "Digital PM guide",
    "003": "in-depth Director guide",
    "004": "PM-to-CPO progression guide",
}
_HEADING = re.compile(r"^# #{2,3} (.+?)\s*$")


def load_map(path: Path = MAP_PATH) -> dict[str, list[dict[str, Any]]]:
    """Return the map: source number -> topics (each a ``section`` or ``not_taught``)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {str(k): list(v) for k, v in data.items()}


def sections(lesson: str, root: Path = LESSONS) -> set[str]:
    """Return the section headings (## and ###) of a lesson given as ``<module>/<stem>``."""
    path = root / f"{lesson}.py"
    if not path.exists():
        return set()
    return {m.group(1) for line in path.read_text(encoding="utf-8").splitlines()
            if (m := _HEADING.match(line))}


def missing_sections(source_map: dict[str, list[dict[str, Any]]],
                     root: Path = LESSONS) -> list[str]:
    """Return a line for every topic whose section is absent or that has no section nor reason."""
    problems = []
    for source, topics in source_map.items():
        for item in topics:
            topic = item.get("topic", "?")
            if "not_taught" in item:
                if not str(item["not_taught"]).strip():
                    problems.append(f"{source}: {topic}: not taught, but no reason given")
                continue
            where = item.get("section") or {}
            lesson, heading = where.get("lesson"), where.get("heading")
            if not lesson or not heading:
                problems.append(f"{source}: {topic}: neither a section nor a reason")
            elif heading not in sections(lesson, root):
                problems.append(f"{source}: {topic}: no section {heading!r} in {lesson}")
    return problems


def render_table(source_map: dict[str, list[dict[str, Any]]]) -> str:
    """Return the README block: one row per topic, with its section or the reason it is left out."""
    lines = [START,
             "Every topic of the five source articles and where it is taught. Generated from "
             "`materials/source_map.yaml` by `python -m materials.source_map`.", "",
             "| source | topic | taught in |", "|---|---|---|"]
    taught = total = 0
    for source, topics in source_map.items():
        for item in topics:
            total += 1
            if "not_taught" in item:
                where = f"not taught: {item['not_taught']}"
            else:
                taught += 1
                section = item["section"]
                where = f"`{section['lesson']}` · {section['heading']}"
            name = f"{source} {SOURCE_NAMES.get(source, '')}".strip()
            lines.append(f"| {name} | {item['topic']} | {where} |")
    lines += ["", f"{taught} of {total} topics taught.", END]
    return "\n".join(lines)


def update_readme(text: str, block: str) -> str:
    """Return ``text`` with the block between the source markers replaced (appended if absent)."""
    if START not in text:
        return text.rstrip("\n") + "\n\n## Source coverage\n\n" + block + "\n"
    before, rest = text.split(START, 1)
    return before + block + rest.split(END, 1)[1]


def main(argv: list[str] | None = None) -> int:
    """Write the README's source table, or with --check report missing sections and staleness."""
    parser = argparse.ArgumentParser(prog="python -m materials.source_map",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if a section is missing or the table is stale")
    args = parser.parse_args(argv)
    source_map = load_map()
    problems = missing_sections(source_map)
    for problem in problems:
        print(f"MISSING {problem}")
    text = README.read_text(encoding="utf-8")
    new = update_readme(text, render_table(source_map))
    if new != text:
        if args.check:
            print("stale: README.md (run python -m materials.source_map)")
            return 1
        README.write_text(new, encoding="utf-8")
        print("wrote README.md")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
