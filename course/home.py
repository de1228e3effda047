"""The course's start page: the modules, what each teaches, your progress, where to begin.

``python -m course.home [WORKSPACE]`` (run by ``make lab``) writes ``START.ipynb`` into the
workspace, and JupyterLab opens on it instead of the launcher. The page is rebuilt every
time, from the modules in the workspace and the answers saved there, so it is always
current; it is the course's page, not yours (notes written in it are not kept). Nothing
here changes a learner's file.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path
from typing import Any

from .models._checks import plural
from .progress import Progress, collect

__all__ = ["PAGE", "SUMMARIES", "lessons", "main", "next_lesson", "page_cells", "write"]

#: The start page's file name inside the workspace (make lab opens /lab/tree/<PAGE>).
PAGE = "START.ipynb"

#: What each module teaches, in one line.
SUMMARIES: dict[str, str] = {
    "00-product-ladder": "The map of the course: the rungs from Associate PM to CPO, what "
                         "each owns, and where you stand today.",
    "01-product-manager": "What a Product Manager owns; score a backlog with RICE, draw a cut "
                          "line and read a funnel.",
    "02-senior-group-pm": "Leading across products and people; prioritise with WSJF, ICE, "
                          "MoSCoW and the Kano model.",
    "03-director": "The Director's job; split engineers and budget across initiatives and "
                   "diagnose KPIs on a dashboard.",
    "04-senior-leadership": "Senior Director, Head of Product and VP: invest across a "
                            "portfolio, read a growth-share matrix, report up.",
    "05-cpo": "The Chief Product Officer: vision, culture and partnerships; re-plan a "
              "portfolio after the market moves.",
    "06-distinguished-pm": "The senior expert path beside management: build a KPI scorecard, "
                           "diagnose usage and size product bets.",
    "07-collaboration": "How the levels work together: who decides, who is consulted, and "
                        "how to settle disagreements.",
    "08-career-progression": "Promotion readiness against fifteen criteria; your own gap to a "
                             "target role and a plan to close it.",
    "09-capstone": "A year as Director: rank, diagnose, allocate and re-plan, each decision "
                   "shaping the next quarter.",
    "10-competencies": "The fifteen competencies across the ladder: direction, people, "
                       "reach, market, numbers and change.",
}

_MODULE_DIR = re.compile(r"^\d\d-[a-z0-9-]+$")


def _title(notebook: Path) -> str | None:
    """Return the first heading of a notebook's first markdown cell, or None."""
    try:
        cells = json.loads(notebook.read_text(encoding="utf-8")).get("cells", [])
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, AttributeError):
        return None
    for cell in cells:
        if isinstance(cell, dict) and cell.get("cell_type") == "markdown":
            source = cell.get("source", "")
            text = "".join(source) if isinstance(source, list) else str(source)
            for line in text.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
            return None
    return None


def lessons(workspace: Path) -> dict[str, list[str]]:
    """Return the lesson notebooks (names without .ipynb) of each module in ``workspace``."""
    out: dict[str, list[str]] = {}
    for folder in sorted(p for p in workspace.iterdir() if p.is_dir()):
        if _MODULE_DIR.match(folder.name):
            names = sorted(p.stem for p in folder.glob("*.ipynb") if not p.name.startswith("."))
            if names:
                out[folder.name] = names
    return out


def next_lesson(progress: Progress, found: dict[str, list[str]]) -> tuple[str, str] | None:
    """Return the first (module, notebook), in course order, with a graded exercise not done."""
    for module, names in found.items():
        for notebook in names:
            mine = [e for e in progress.exercises
                    if e.module == module and e.notebook == notebook]
            if any(not e.done for e in mine):
                return module, notebook
    return None


def _markdown(text: str) -> dict[str, Any]:
    return {"cell_type": "markdown", "metadata": {"editable": False, "deletable": False},
            "source": text}


def _link(module: str, notebook: str) -> str:
    return f"[{notebook}]({module}/{notebook}.ipynb)"


def page_cells(workspace: Path) -> list[dict[str, Any]]:
    """Return the start page's cells for ``workspace`` (markdown, plus one optional cell)."""
    found = lessons(workspace)
    progress = collect(workspace)
    modules = progress.modules()
    done = sum(int(row["done"]) for row in modules.values())
    total = sum(int(row["exercises"]) for row in modules.values())
    intro = (
        "# Product Leadership, from PM to CPO · start here\n\n"
        "Eleven modules climb the product ladder, one role at a time, then practise the "
        "competencies across it. Each lesson is a notebook: read, try the tools on real-looking "
        "data, and answer the exercises in the widgets. **Your answers are saved as you go**, "
        "in a small file beside each notebook. When you open a notebook, choose **Run ▸ Run All "
        "Cells** first. The ✓ and ✗ lines are self-checks: they say what they can check "
        "without giving an answer away, and everything is graded after you submit."
    )
    place = next_lesson(progress, found)
    if not found:
        begin = ("## Where to begin\n\nNo modules are in this folder yet. Run `make lab` from "
                 "the course folder to copy them in.")
    elif place is None:
        begin = (f"## Where to begin\n\nEvery graded exercise has an answer ({done} of "
                 f"{total}). Review any module below, or hand your notebooks in.")
    elif done == 0:
        module, notebook = place
        begin = (f"## Where to begin\n\nStart with **{_title_of(workspace, module)}**: open "
                 f"{_link(module, notebook)}.")
    else:
        module, notebook = place
        begin = (f"## Where to begin\n\nYou have answered {done} of "
                 f"{plural(total, 'graded exercise')}. Carry on with "
                 f"**{_title_of(workspace, module)}**: open {_link(module, notebook)}.")
    rows = ["| module | what it teaches | lessons | answered |", "|---|---|---|---|"]
    for module, names in found.items():
        row = modules.get(module)
        answered = (f"{int(row['done'])} of {int(row['exercises'])}" if row else "nothing graded")
        links = "<br>".join(_link(module, n) for n in names)
        summary = SUMMARIES.get(module, "")
        rows.append(f"| **{_title_of(workspace, module)}** | {summary} | {links} | {answered} |")
    table = ("## The modules and your progress\n\n"
             "*Answered* counts graded exercises with an answer saved or written; it is not a "
             "score.\n\n" + "\n".join(rows))
    more = ("## More detail\n\nRun the cell below for your progress by competency and your "
            "self-assessment as charts (this page is rebuilt each time `make lab` starts).")
    code = {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
            "source": "from course.progress import show\nshow()"}
    return [_markdown(intro), _markdown(begin), _markdown(table), _markdown(more), code]


def _title_of(workspace: Path, module: str) -> str:
    folder = workspace / module
    for notebook in sorted(folder.glob("*.ipynb")):
        title = _title(notebook)
        if title:
            return title
    return module


def write(workspace: str | os.PathLike[str]) -> Path:
    """Write the start page into ``workspace`` and return its path."""
    folder = Path(workspace).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    cells = page_cells(folder)
    for number, cell in enumerate(cells):
        cell["id"] = f"start-{number}"
    notebook = {"cells": cells, "metadata": {
        "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python",
                       "name": "python3"},
        "language_info": {"name": "python"}}, "nbformat": 4, "nbformat_minor": 5}
    path = folder / PAGE
    path.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    """Command line: write the start page into the workspace."""
    parser = argparse.ArgumentParser(
        prog="python -m course.home",
        description=f"Write the course's start page ({PAGE}) into your workspace.",
    )
    parser.add_argument("workspace", nargs="?", type=Path, default=Path("workspace"))
    args = parser.parse_args(argv)
    path = write(args.workspace)
    print(f"Start page: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
