"""The learner's progress across the course: what is done, self-checks, competency profile.

In a notebook: ``from course.progress import show; show()``. From a shell:
``python -m course.progress [FOLDER]`` prints the same as text. FOLDER is the folder that
holds the module folders (your workspace); run from inside a module folder, its parent
is used. The list of graded exercises comes from the curriculum map shipped with the
course (``materials/curriculum.yaml``). Nothing here writes or moves a file, and nothing
here knows an answer: "done" means saved (or, for code, that the self-check was happy).
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import sys
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .answers import FORMAT, SCHEMA_VERSION, AnswerStore, record_path
from .models import ScenarioError
from .roles import (
    BASELINE_EXERCISE,
    BASELINE_MODULE,
    COMPETENCY_IDS,
    check_ratings,
    check_role,
    competency_names,
    profile,
)

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from matplotlib.figure import Figure

__all__ = [
    "ExerciseStatus",
    "Progress",
    "collect",
    "competency_chart",
    "competency_text",
    "competency_view",
    "curriculum",
    "main",
    "progress_chart",
    "show",
    "show_competencies",
    "summary_text",
]

#: Where module 08 keeps the learner's ratings and target role.
RATINGS_MODULE, RATINGS_NOTEBOOK = "08-career-progression", "2-gap-and-plan"
RATINGS_EXERCISE, TARGET_EXERCISE = "self-ratings", "target-role"
_MODULE_DIR = re.compile(r"^\d\d-[a-z0-9-]+$")
_UNANSWERED = {"", "YOUR ANSWER HERE"}


@cache
def curriculum() -> dict[str, Any]:
    """Return the curriculum map (``materials/curriculum.yaml``) as plain data."""
    import yaml

    text = (resources.files("materials") / "curriculum.yaml").read_text(encoding="utf-8")
    # libyaml's loader when present: ten times faster than the pure-Python one
    data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    if not isinstance(data, dict) or data.get("format") != "product-leadership-curriculum":
        raise ScenarioError("materials/curriculum.yaml is not a curriculum map; rebuild it "
                            "with `make map`.")
    return data


@dataclass
class ExerciseStatus:
    """Where one graded exercise stands for this learner."""

    module: str
    notebook: str
    exercise: str
    points: float
    source: str
    competencies: tuple[str, ...]
    #: True when an answer is saved (widgets), written (hand-graded) or self-checked (code)
    done: bool = False
    #: "passed", "flagged" (the self-check printed a ✗), "not run", or "" (no self-check)
    selfcheck: str = "not run"


@dataclass
class Progress:
    """Everything the progress view shows, as data."""

    folder: Path
    exercises: list[ExerciseStatus] = field(default_factory=list)
    ratings: dict[str, int] | None = None
    ratings_from: str | None = None
    target: str | None = None
    notes: list[str] = field(default_factory=list)

    def modules(self) -> dict[str, dict[str, float]]:
        """Return per module: exercises done and in total, points done and in total."""
        out: dict[str, dict[str, float]] = {}
        for e in self.exercises:
            row = out.setdefault(e.module, {"done": 0, "exercises": 0, "points_done": 0.0,
                                            "points": 0.0, "passed": 0, "flagged": 0})
            row["exercises"] += 1
            row["points"] += e.points
            if e.done:
                row["done"] += 1
                row["points_done"] += e.points
            if e.selfcheck in ("passed", "flagged"):
                row[e.selfcheck] += 1
        return out

    def practice(self) -> dict[str, tuple[float, float]]:
        """Return per competency: points of graded work done and available."""
        out = {c: [0.0, 0.0] for c in COMPETENCY_IDS}
        for e in self.exercises:
            for c in e.competencies:
                if c in out:
                    out[c][1] += e.points
                    if e.done:
                        out[c][0] += e.points
        return {c: (done, total) for c, (done, total) in out.items()}


def _workspace(folder: str | os.PathLike[str] | None) -> Path:
    path = Path.cwd() if folder is None else Path(folder)
    path = path.resolve()
    if _MODULE_DIR.match(path.name) and not any(
        _MODULE_DIR.match(p.name) for p in path.iterdir() if p.is_dir()
    ):
        return path.parent
    return path


def _answers(folder: Path, module: str, notebook: str, notes: list[str]) -> dict[str, Any]:
    """Return ``{exercise: value}`` of a record, reading it without ever moving it."""
    path = record_path(folder, notebook)
    if not path.exists():
        return {}
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        notes.append(f"{module}/{path.name} could not be read; open the notebook to see why.")
        return {}
    if not (isinstance(raw, dict) and raw.get("format") == FORMAT
            and raw.get("schema") == SCHEMA_VERSION and raw.get("module") == module
            and raw.get("notebook") == notebook and isinstance(raw.get("answers"), dict)):
        notes.append(f"{module}/{path.name} is not this notebook's answer record; skipped.")
        return {}
    store = AnswerStore(folder, module, notebook)
    return {exercise: answer.value for exercise, answer in store.load().items()}


def _cells(folder: Path, notebook: str) -> dict[str, dict[str, Any]] | None:
    """Return the notebook's cells by grade id, or None when the notebook is missing.

    The notebook is read as plain JSON (nbformat's validator costs seconds to import).
    """
    path = folder / f"{notebook}.ipynb"
    try:
        cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, AttributeError):
        return None  # missing or damaged: shown as not started, never an error
    out = {}
    for cell in cells if isinstance(cells, list) else []:
        if not isinstance(cell, dict):
            continue
        meta = cell.get("metadata", {}).get("nbgrader", {})
        source = cell.get("source", "")
        cell = {**cell, "source": "".join(source) if isinstance(source, list) else str(source)}
        out[str(meta.get("grade_id", cell.get("id")))] = cell
    return out


def _selfcheck(cell: Any) -> str:
    text = "".join(
        "".join(o["text"]) if isinstance(o.get("text"), list) else str(o.get("text", ""))
        for o in cell.get("outputs", []) if o.get("output_type") == "stream"
    )
    marks = [line[0] for line in text.splitlines() if line[:1] in ("✓", "✗")]
    if not marks:
        return "not run"
    return "flagged" if "✗" in marks else "passed"


def collect(workspace: str | os.PathLike[str] | None = None) -> Progress:
    """Read every module's answer records and notebooks under ``workspace``."""
    folder = _workspace(workspace)
    progress = Progress(folder)
    records: dict[tuple[str, str], dict[str, Any]] = {}
    notebooks: dict[tuple[str, str], dict[str, Any] | None] = {}
    for entry in curriculum()["exercises"]:
        module, notebook = entry["module"], entry["notebook"]
        where = folder / module
        if (module, notebook) not in records:
            records[(module, notebook)] = _answers(where, module, notebook, progress.notes)
            notebooks[(module, notebook)] = _cells(where, notebook)
        answers, cells = records[(module, notebook)], notebooks[(module, notebook)]
        status = ExerciseStatus(module, notebook, entry["exercise"], float(entry["points"]),
                                entry["source"], tuple(entry["competencies"]))
        test_cells = [cells[g] for g in entry["grade_ids"] if cells and g in cells]
        if entry["source"] == "manual":
            status.selfcheck = ""
            status.done = any(c["source"].strip() not in _UNANSWERED for c in test_cells)
        else:
            checks = [_selfcheck(c) for c in test_cells]
            status.selfcheck = ("flagged" if "flagged" in checks else
                                "passed" if "passed" in checks else "not run")
            if entry["source"] == "record":
                status.done = entry.get("record") in answers
            else:
                status.done = status.selfcheck == "passed"
        progress.exercises.append(status)
    _profile(progress)
    return progress


def _profile(progress: Progress) -> None:
    """Find the learner's latest self-ratings (module 08, else module 00) and target role."""
    folder = progress.folder
    mine = _answers(folder / RATINGS_MODULE, RATINGS_MODULE, RATINGS_NOTEBOOK, [])
    candidates = [(mine.get(RATINGS_EXERCISE), f"{RATINGS_MODULE} self-ratings")]
    base_dir = folder / BASELINE_MODULE
    if base_dir.is_dir():
        for path in sorted(base_dir.glob("*.answers.json")):
            stem = path.name[: -len(".answers.json")]
            value = _answers(base_dir, BASELINE_MODULE, stem, []).get(BASELINE_EXERCISE)
            candidates.append((value, f"{BASELINE_MODULE} self-assessment"))
    for value, where in candidates:
        if value is None:
            continue
        try:
            ratings = check_ratings(value)
        except ScenarioError as exc:
            progress.notes.append(f"The {where} could not be used: {exc}")
            continue
        if ratings:
            progress.ratings, progress.ratings_from = ratings, where
            break
    target = mine.get(TARGET_EXERCISE)
    if target is not None:
        try:
            progress.target = check_role(target)
        except ScenarioError as exc:
            progress.notes.append(f"The saved target role could not be used: {exc}")


def summary_text(progress: Progress) -> str:
    """Return the progress as plain text (what the command prints)."""
    lines = [f"Progress in {progress.folder}", ""]
    lines.append("Answered means an answer is saved or written; it is not a score. Every "
                 "answer is graded after you submit.")
    lines.append("")
    lines.append(f"{'module':<26} {'answered':>9} {'worth':>10}  self-checks")
    answered = exercises = 0
    for module, row in progress.modules().items():
        present = (progress.folder / module).is_dir()
        checks = f"{int(row['passed'])} ✓, {int(row['flagged'])} ✗"
        lines.append(
            f"{module:<26} {int(row['done']):>4} of {int(row['exercises']):<2} "
            f"{row['points']:>4g} points  "
            + (checks if present else "not in this folder")
        )
        answered += int(row["done"])
        exercises += int(row["exercises"])
    lines.append(f"{'all modules':<26} {answered:>4} of {exercises:<2}")
    lines += ["", "Practice by competency (points of graded work answered / available):"]
    names = competency_names()
    for competency, (done, available) in progress.practice().items():
        share = done / available if available else 0.0
        bar = "#" * round(share * 20)
        lines.append(f"  {names[competency]:<40} {bar:<20} {done:g}/{available:g}")
    lines.append("")
    if progress.ratings:
        target = f" against {progress.target}" if progress.target else ""
        lines.append(f"Self-assessment ({progress.ratings_from}){target}:")
        goal = profile(progress.target) if progress.target else None
        for competency in COMPETENCY_IDS:
            rating = progress.ratings.get(competency)
            extra = f" (role expects {int(goal[competency])})" if goal is not None else ""
            shown = "-" if rating is None else str(rating)
            lines.append(f"  {names[competency]:<40} {shown}{extra}")
    else:
        lines.append("No self-assessment saved yet (module 00, or module 08 lesson 2).")
    for note in progress.notes:
        lines.append(f"Note: {note}")
    return "\n".join(lines)


def progress_chart(progress: Progress) -> Figure:
    """Return a figure: practice per competency, and the self-assessment as a radar chart."""
    import numpy as np

    from .plots import new_figure

    names = competency_names()
    labels = [names[c] for c in COMPETENCY_IDS]
    practice = progress.practice()
    shares = [practice[c][0] / practice[c][1] if practice[c][1] else 0.0 for c in COMPETENCY_IDS]
    with_radar = bool(progress.ratings)
    figure = new_figure(12.0 if with_radar else 6.5, 5.5)
    bars = figure.add_subplot(1, 2 if with_radar else 1, 1)
    bars.barh(labels[::-1], shares[::-1], color="#4c72b0")
    bars.set_xlim(0, 1)
    bars.set_xlabel("share of graded work answered (not a score)")
    bars.set_title("Practice by competency")
    bars.spines[["top", "right"]].set_visible(False)
    if with_radar:
        radar = figure.add_subplot(1, 2, 2, projection="polar")
        angles = np.linspace(0, 2 * np.pi, len(COMPETENCY_IDS), endpoint=False)
        closed = np.append(angles, angles[0])
        radar.set_theta_offset(np.pi / 2)
        radar.set_theta_direction(-1)
        series = [(progress.ratings, "you", "#4c72b0", "-")]
        if progress.target:
            series.append((profile(progress.target).to_dict(), progress.target, "#dd8452", "--"))
        for values, name, colour, style in series:
            ring = [float(values.get(c) or 0) for c in COMPETENCY_IDS]
            ring.append(ring[0])
            radar.plot(closed, ring, style, color=colour, linewidth=2, label=name)
            radar.fill(closed, ring, color=colour, alpha=0.15)
        radar.set_xticks(angles, [str(i + 1) for i in range(len(angles))], fontsize=8)
        radar.set_ylim(0, 5)
        radar.set_yticks(range(1, 6))
        radar.set_title("Self-assessment (spokes numbered as the bars, top first)")
        radar.legend(loc="upper right", bbox_to_anchor=(1.25, 1.1), fontsize=8)
    return figure


def _html(progress: Progress) -> str:
    rows = []
    for module, row in progress.modules().items():
        rows.append(
            f"<tr><td>{html.escape(module)}</td><td>{int(row['done'])} of "
            f"{int(row['exercises'])}</td><td>{row['points']:g}</td>"
            f"<td>{int(row['passed'])} &#10003; {int(row['flagged'])} &#10007;</td></tr>"
        )
    notes = "".join(f"<li>{html.escape(n)}</li>" for n in progress.notes)
    return (
        "<p>Answered means an answer is saved or written; it is not a score. Every answer "
        "is graded after you submit.</p>"
        "<table><caption>Your progress by module</caption><thead><tr><th>Module</th>"
        "<th>Exercises answered</th><th>Worth (points)</th><th>Self-checks (✓ / ✗)</th>"
        "</tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
        + (f"<ul>{notes}</ul>" if notes else "")
    )


def show(workspace: str | os.PathLike[str] | None = None) -> None:
    """Show the progress table and chart in a notebook (``collect`` gives the data)."""
    from IPython.display import HTML, display

    progress = collect(workspace)
    display(HTML(_html(progress)))
    display(progress_chart(progress))


# -- the view by competency -------------------------------------------------------------------
def _next_lesson(progress: Progress, competency: str) -> str:
    """Return the lesson to open next for ``competency``.

    That is its module 10 section while any of its exercises there is unanswered, else the
    notebook of the first unanswered exercise that trains it.
    """
    from .track import MODULE as TRACK
    from .track import SECTIONS

    training = [e for e in progress.exercises if competency in e.competencies]
    section = [e for e in training if e.module == TRACK and e.notebook == SECTIONS[competency]]
    if any(not e.done for e in section):
        return f"{TRACK}/{SECTIONS[competency]}"
    for e in training:
        if not e.done:
            return f"{e.module}/{e.notebook}"
    return "all answered"


def competency_view(progress: Progress) -> pd.DataFrame:
    """Return one row per competency, the data behind the view by competency.

    Columns: your self-rating, the rating your target role expects, graded work answered
    and available (points, not a score), and the lesson to open next.
    """
    import pandas as pd

    names = competency_names()
    goal = profile(progress.target) if progress.target else None
    practice = progress.practice()
    rows = []
    for c in COMPETENCY_IDS:
        answered, available = practice[c]
        rows.append({
            "competency": names[c],
            "self_rating": (progress.ratings or {}).get(c),
            "target_expects": None if goal is None else int(goal[c]),
            "points_answered": answered,
            "points_available": available,
            "exercises": sum(1 for e in progress.exercises if c in e.competencies),
            "next_lesson": _next_lesson(progress, c),
        })
    return pd.DataFrame(rows, index=pd.Index(list(COMPETENCY_IDS), name="id"))


def competency_text(progress: Progress) -> str:
    """Return the view by competency as text (``python -m course.progress --by-competency``)."""
    view = competency_view(progress)
    lines = ["By competency (points of graded work answered / available; not a score):", ""]
    lines.append(f"{'competency':<40} {'you':>3} {'role':>4} {'answered':>13}  open next")
    for _, row in view.iterrows():
        rating = "-" if row["self_rating"] is None or _missing(row["self_rating"]) else \
            f"{int(row['self_rating'])}"
        goal = "-" if row["target_expects"] is None or _missing(row["target_expects"]) else \
            f"{int(row['target_expects'])}"
        lines.append(f"{row['competency']:<40} {rating:>3} {goal:>4} "
                     f"{row['points_answered']:>5g} of {row['points_available']:<5g}  "
                     f"{row['next_lesson']}")
    if not progress.ratings:
        lines += ["", "No self-rating saved yet: rate yourself in module 00, lesson 1."]
    return "\n".join(lines)


def _missing(value: Any) -> bool:
    """Whether ``value`` is a missing number (None or NaN)."""
    return value is None or (isinstance(value, float) and value != value)


def competency_chart(progress: Progress) -> Figure:
    """Return a figure: per competency, your self-rating and the share of its work answered.

    With a target role saved, what that role expects is marked beside your rating.
    """
    from .plots import new_figure

    view = competency_view(progress)
    labels = list(view["competency"])[::-1]
    figure = new_figure(12.0, 6.0)
    ratings = figure.add_subplot(1, 2, 1)
    mine = [0.0 if _missing(v) else float(v) for v in view["self_rating"]][::-1]
    ratings.barh(labels, mine, color="#4c72b0", label="your self-rating")
    if progress.target:
        goal = [float(v) for v in view["target_expects"]][::-1]
        ratings.scatter(goal, labels, marker="D", color="#dd8452", zorder=3,
                        label=f"{progress.target} expects")
    ratings.set_xlim(0, 5)
    ratings.set_xticks(range(6))
    ratings.set_xlabel("rating, 1 (aware of it) to 5 (sets the standard)")
    ratings.set_title("Self-rating" if progress.ratings else "Self-rating (none saved yet)")
    if progress.target:
        ratings.legend(loc="lower right", fontsize=8)
    share = figure.add_subplot(1, 2, 2, sharey=ratings)
    shares = [a / t if t else 0.0 for a, t in zip(view["points_answered"],
                                                    view["points_available"], strict=True)]
    share.barh(labels, shares[::-1], color="#55a868")
    share.set_xlim(0, 1)
    share.set_xlabel("share of graded work answered (not a score)")
    share.set_title("Practice")
    share.tick_params(labelleft=False)
    for axes in (ratings, share):
        axes.spines[["top", "right"]].set_visible(False)
    return figure


def _competency_html(progress: Progress) -> str:
    view = competency_view(progress)
    rows = []
    for _, row in view.iterrows():
        rating = "–" if _missing(row["self_rating"]) else f"{int(row['self_rating'])}"
        goal = "–" if _missing(row["target_expects"]) else f"{int(row['target_expects'])}"
        where = html.escape(str(row["next_lesson"]))
        link = (f'<a href="../{where}.ipynb">{where}</a>' if "/" in where else where)
        rows.append(f"<tr><th scope=\"row\">{html.escape(row['competency'])}</th>"
                    f"<td>{rating}</td><td>{goal}</td>"
                    f"<td>{row['points_answered']:g} of {row['points_available']:g}</td>"
                    f"<td>{link}</td></tr>")
    return (
        "<table><caption>Your progress by competency (answered is not a score)</caption>"
        "<thead><tr><th>Competency</th><th>Your self-rating</th><th>Target role expects</th>"
        "<th>Graded work answered (points)</th><th>Open next</th></tr></thead><tbody>"
        + "".join(rows) + "</tbody></table>"
    )


def show_competencies(workspace: str | os.PathLike[str] | None = None) -> None:
    """Show the view by competency in a notebook: a table and a chart."""
    from IPython.display import HTML, display

    progress = collect(workspace)
    display(HTML(_competency_html(progress)))
    display(competency_chart(progress))


def main(argv: list[str] | None = None) -> int:
    """Command line: print the progress of the workspace FOLDER (default: here)."""
    parser = argparse.ArgumentParser(
        prog="python -m course.progress",
        description="Show what is done in each module, the self-check results and your "
        "competency profile, from the answers saved in FOLDER.",
    )
    parser.add_argument("folder", nargs="?", default=None,
                        help="the folder holding your module folders (default: here)")
    parser.add_argument("--by-competency", action="store_true",
                        help="show the view by competency: your self-rating, graded work "
                        "answered and the lesson to open next, for each of the fifteen")
    args = parser.parse_args(argv)
    if args.folder is not None and not Path(args.folder).is_dir():
        print(f"No folder named {args.folder!r}: give the folder that holds your modules.")
        return 2
    progress = collect(args.folder)
    print(competency_text(progress) if args.by_competency else summary_text(progress))
    return 0


if __name__ == "__main__":
    sys.exit(main())
