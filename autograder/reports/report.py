"""The cohort report: one self-contained HTML page with plots embedded as PNG.

Three pictures: the distribution of learners' scores per module, how hard each exercise
was (the cohort's average share of its points), and the cohort's profile over the
competencies of the curriculum; each with the table it was drawn from.
"""

from __future__ import annotations

import base64
import html
import io
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path
from statistics import mean
from typing import Any

from autograder.reports.export import Row, competency_table, rows
from course.models._checks import plural

__all__ = ["build", "write"]


def _png(fig: Any) -> str:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def _figure(width: float, height: float) -> Any:
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), layout="constrained")


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


def _plot_modules(shares: dict[str, dict[str, float]]) -> str:
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
    return _png(fig)


def _plot_bars(items: list[tuple[str, float, int]], title: str, xlabel: str) -> str:
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
    return _png(fig)


def _table(head: list[str], body: list[list[object]]) -> str:
    cells = "".join(f"<th>{html.escape(h)}</th>" for h in head)
    lines = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in row) + "</tr>"
        for row in body
    )
    return f"<table><thead><tr>{cells}</tr></thead><tbody>{lines}</tbody></table>"


def build(data: list[Row], title: str = "Cohort report") -> str:
    """Return the HTML page of the report for the gradebook ``data``."""
    learners = sorted({r.learner for r in data})
    pending = sum(r.points is None for r in data)
    parts = [
        "<!doctype html><html><head><meta charset='utf-8'>",
        f"<title>{html.escape(title)}</title><style>body{{font-family:sans-serif;"
        "max-width:60em;margin:2em auto;padding:0 1em}table{border-collapse:collapse;"
        "margin:1em 0}td,th{border:1px solid #ccc;padding:.2em .6em;text-align:left}"
        "img{max-width:100%}</style></head><body>",
        f"<h1>{html.escape(title)}</h1>",
        f"<p>{plural(len(learners), 'learners')}; generated "
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC. Shares count graded work only "
        f"({plural(pending, 'answers')} still wait for a hand grade).</p>",
    ]
    if not data:
        parts.append("<p>No graded submission yet: run <code>plcourse grade</code> first.</p>")
        return "".join(parts) + "</body></html>"
    modules = _module_shares(data)
    parts += ["<h2>Scores per module</h2>",
              f"<img alt='score distribution per module' "
              f"src='data:image/png;base64,{_plot_modules(modules)}'>",
              _table(["module", "learners", "mean %", "lowest %", "highest %"], [
                  [m, len(v), f"{100 * mean(v.values()):.0f}", f"{100 * min(v.values()):.0f}",
                   f"{100 * max(v.values()):.0f}"] for m, v in sorted(modules.items())])]
    exercises = _exercise_shares(data)
    parts += ["<h2>Exercise difficulty</h2><p>Hardest first: the cohort's average share of "
              "each exercise's points.</p>",
              f"<img alt='exercise difficulty' src='data:image/png;base64,"
              f"{_plot_bars(exercises, 'Average share of the points, per exercise', '%')}'>",
              _table(["exercise", "average %", "learners"],
                     [[k, f"{100 * v:.0f}", n] for k, v, n in exercises])]
    competencies = _competency_shares(data)
    if competencies:
        parts += ["<h2>Competency profile</h2><p>The cohort's average share of the points of "
                  "the exercises that exercise each competency.</p>",
                  f"<img alt='competency profile' src='data:image/png;base64,"
                  f"{_plot_bars(competencies, 'Cohort profile per competency', '%')}'>",
                  _table(["competency", "average %", "learners"],
                         [[k, f"{100 * v:.0f}", n] for k, v, n in competencies])]
    return "".join(parts) + "</body></html>"


def write(root: Path, out: Path | None = None) -> Path:
    """Write the cohort report of the course at ``root`` (default ``root/report.html``)."""
    root = Path(root).resolve()
    path = Path(out) if out else root / "report.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(build(rows(root)), encoding="utf-8")
    return path
