"""The cohort report: one self-contained HTML page built from a Jinja2 template.

Three pictures: the distribution of learners' scores per module, how hard each exercise
was (the cohort's average share of its points), and the cohort's profile over the
competencies of the curriculum; each with the table it was drawn from. The page comes from
``templates/report.html.j2`` with the stylesheet every instructor page shares
(``templates/style.css``, print rules included); its plots are PNGs at twice the display
resolution, shown at their display size, with alt text; a table of contents leads to each
section.
"""

from __future__ import annotations

import base64
import io
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from statistics import mean, median
from typing import Any

from autograder.reports.export import Row, competency_table, rows
from course.models._checks import plural

__all__ = ["TEMPLATES", "Plot", "build", "plot", "render", "write"]

#: The folder of the instructor pages' templates and their shared stylesheet.
TEMPLATES = Path(__file__).parent / "templates"
#: display pixels per inch of a plot; its PNG holds twice as many (sharp on retina screens)
_DPI = 96


@dataclass(frozen=True)
class Plot:
    """A plot ready for a page: its PNG (base64), display size in pixels and alt text."""

    png: str
    width: int
    height: int
    alt: str
    caption: str = ""


@cache
def _environment() -> Any:
    """Return the Jinja2 environment of the instructor pages (autoescaped, strict)."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    return Environment(loader=FileSystemLoader(TEMPLATES), undefined=StrictUndefined,
                       autoescape=select_autoescape(["html", "j2"], default=True),
                       trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)


def render(template: str, **context: Any) -> str:
    """Return the page ``template`` (a file of :data:`TEMPLATES`) rendered with ``context``."""
    return _environment().get_template(template).render(**context)


def plot(fig: Any, alt: str, caption: str = "") -> Plot:
    """Return ``fig`` as a :class:`Plot`: a PNG at twice the display resolution, with ``alt``."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=2 * _DPI, bbox_inches="tight")
    data = buffer.getvalue()
    width, height = (int.from_bytes(data[at:at + 4], "big") for at in (16, 20))
    return Plot(base64.b64encode(data).decode("ascii"), round(width / 2), round(height / 2),
                alt, caption)


def _figure(width: float, height: float) -> Any:
    """Return an empty matplotlib Figure of ``width`` by ``height`` inches (no pyplot)."""
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), layout="constrained")


def _now() -> str:
    """Return the time a page is generated, as shown on it (UTC)."""
    return f"{datetime.now(UTC):%Y-%m-%d %H:%M}"


def _module_shares(data: list[Row]) -> dict[str, dict[str, float]]:
    """Return ``{module: {learner: share of the graded points}}``."""
    totals: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0])
    for r in data:
        if r.points is not None:
            totals[(r.module, r.learner)][0] += r.points
            totals[(r.module, r.learner)][1] += r.max_points
    out: dict[str, dict[str, float]] = defaultdict(dict)
    for (module, learner), (p, m) in sorted(totals.items()):
        out[module][learner] = p / m if m else 0.0
    return dict(out)


def _exercise_shares(data: list[Row]) -> list[tuple[str, float, int]]:
    """Return ``(exercise, average share, learners)`` from hardest to easiest."""
    shares: dict[str, list[float]] = defaultdict(list)
    for r in data:
        if r.points is not None and r.max_points:
            name = f"{r.module[:2]} {r.exercise.exercise if r.exercise else r.cell}"
            shares[name].append(r.points / r.max_points)
    return sorted(((k, mean(v), len(v)) for k, v in shares.items()), key=lambda t: (t[1], t[0]))


def _competency_shares(data: list[Row]) -> list[tuple[str, float, int]]:
    per: dict[str, list[float]] = defaultdict(list)
    for entry in competency_table(data):
        per[str(entry["competency"])].append(float(entry["share"]))  # type: ignore[arg-type]
    return sorted(((k, mean(v), len(v)) for k, v in per.items()), key=lambda t: t[0])


def _plot_modules(shares: dict[str, dict[str, float]]) -> Plot:
    """Return the box plot of each module's scores, one dot per learner."""
    fig = _figure(7, 1.2 + 0.6 * max(1, len(shares)))
    ax = fig.add_subplot()
    names = sorted(shares)
    import matplotlib

    major, minor = (int(x) for x in matplotlib.__version__.split(".")[:2])
    sideways = {"orientation": "horizontal"} if (major, minor) >= (3, 10) else {"vert": False}
    ax.boxplot([[100 * s for s in shares[m].values()] for m in names], widths=0.5,
               **sideways)
    ax.set_yticks(range(1, len(names) + 1), names)
    for i, m in enumerate(names, start=1):
        values = [100 * s for s in shares[m].values()]
        ax.scatter(values, [i] * len(values), s=14, alpha=0.6, color="tab:blue")
    ax.set_xlim(-2, 102)
    ax.set_xlabel("share of the graded points (%)")
    ax.set_title("Score distribution per module (one dot per learner)")
    said = "; ".join(
        f"{m}: {len(shares[m])} learners, median {100 * median(shares[m].values()):.0f}%, "
        f"from {100 * min(shares[m].values()):.0f}% to {100 * max(shares[m].values()):.0f}%"
        for m in names)
    return plot(fig, f"Box plot of each module's share of the graded points per learner. "
                     f"{said}.")


def _plot_bars(items: list[tuple[str, float, int]], title: str, xlabel: str) -> Plot:
    """Return horizontal bars of average shares (0-100 %), one per item, first on top."""
    fig = _figure(7, 1.0 + 0.32 * max(1, len(items)))
    ax = fig.add_subplot()
    labels = [k for k, _, _ in items]
    values = [100 * v for _, v, _ in items]
    ax.barh(range(len(items)), values, color="tab:orange")
    ax.set_yticks(range(len(items)), labels)
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel(xlabel)
    ax.set_title(title)
    said = "; ".join(f"{k} {100 * v:.0f}%" for k, v, _ in items)
    return plot(fig, f"Bar chart, {title}, in %: {said}.")


def build(data: list[Row], title: str = "Cohort report") -> str:
    """Return the HTML page of the report for the gradebook ``data``."""
    learners = sorted({r.learner for r in data})
    pending = sum(r.points is None for r in data)
    sections: list[dict[str, Any]] = []
    if data:
        modules = _module_shares(data)
        sections.append({
            "id": "modules", "title": "Scores per module", "text": "",
            "plot": _plot_modules(modules),
            "head": ["module", "learners", "mean %", "lowest %", "highest %"],
            "body": [[m, len(v), f"{100 * mean(v.values()):.0f}",
                      f"{100 * min(v.values()):.0f}", f"{100 * max(v.values()):.0f}"]
                     for m, v in sorted(modules.items())]})
        exercises = _exercise_shares(data)
        sections.append({
            "id": "exercises", "title": "Exercise difficulty",
            "text": "Hardest first: the cohort's average share of each exercise's points.",
            "plot": _plot_bars(exercises, "Average share of the points, per exercise", "%"),
            "head": ["exercise", "average %", "learners"],
            "body": [[k, f"{100 * v:.0f}", n] for k, v, n in exercises]})
        competencies = _competency_shares(data)
        if competencies:
            sections.append({
                "id": "competencies", "title": "Competency profile",
                "text": "The cohort's average share of the points of the exercises that "
                        "exercise each competency.",
                "plot": _plot_bars(competencies, "Cohort profile per competency", "%"),
                "head": ["competency", "average %", "learners"],
                "body": [[k, f"{100 * v:.0f}", n] for k, v, n in competencies]})
    return render("report.html.j2", title=title, refresh=None, generated=_now(),
                  learners=plural(len(learners), "learners"),
                  pending=plural(pending, "answers"), sections=sections,
                  toc=[{"id": x["id"], "title": x["title"], "children": []} for x in sections])


def write(root: Path, out: Path | None = None) -> Path:
    """Write the cohort report of the course at ``root`` (default ``root/report.html``)."""
    root = Path(root).resolve()
    path = Path(out) if out else root / "report.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(build(rows(root)), encoding="utf-8")
    return path
