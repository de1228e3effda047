"""The instructor pages (cohort report, workshop board) from their Jinja2 templates.

A cohort of 20 learners is written straight into an nbgrader gradebook through its API
(running 20 learners' notebooks would take minutes and is tested elsewhere), the report
is built from it, and chromium renders the page: no console error, every plot loaded at
twice its display size with alt text, every contents link leading to its section, and a
print layout that fits the page. The workshop board gets the same treatment.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import random
import re
import shutil
import threading
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import nbformat
import pytest

from autograder.collect.cohort import db_url
from autograder.nbg import ROOT
from autograder.reports import report
from autograder.reports.workshop import NOT_ANSWERED, Board, Result, build_board
from autograder.scoring.catalog import all_exercises
from tests.browser import browser_page, require_browser

COHORT = 20
MODULES = ("00-product-ladder", "01-product-manager", "03-director")


def _grade_cells(path: Path) -> list[tuple[str, float, bool]]:
    """Return ``(grade id, points, graded by hand)`` of every grade cell of a source notebook."""
    cells = []
    for cell in nbformat.read(path, as_version=4).cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if meta.get("grade"):
            cells.append((meta["grade_id"], float(meta.get("points", 0)),
                          cell.cell_type == "markdown"))
    return cells


def _cohort_course(root: Path, size: int = COHORT) -> Path:
    """Write a course root whose gradebook holds ``size`` learners' scores on three modules."""
    from nbgrader.api import Gradebook

    for module in MODULES:
        shutil.copytree(ROOT / "source" / module, root / "source" / module)
    rng = random.Random(14)
    with Gradebook(db_url(root)) as gb:
        learners = [f"learner{i:02d}" for i in range(size)]
        for learner in learners:
            gb.add_student(learner)
        for module in MODULES:
            gb.add_assignment(module)
            notebooks = sorted((root / "source" / module).glob("*.ipynb"))
            for path in notebooks:
                gb.add_notebook(path.stem, module)
                for grade_id, points, manual in _grade_cells(path):
                    gb.add_grade_cell(grade_id, path.stem, module, max_score=points,
                                      cell_type="markdown" if manual else "code")
            for number, learner in enumerate(learners):
                gb.add_submission(module, learner)
                skill = 0.3 + 0.7 * number / size
                for path in notebooks:
                    for grade_id, points, manual in _grade_cells(path):
                        grade = gb.find_grade(grade_id, path.stem, module, learner)
                        score = round(points * min(1.0, skill * rng.uniform(0.6, 1.3)), 1)
                        if manual and number % 4 == 0:
                            grade.needs_manual_grade = True  # still waiting for a hand grade
                        elif manual:
                            grade.manual_score = score
                            grade.needs_manual_grade = False
                        else:
                            grade.auto_score = score
                            grade.needs_manual_grade = False
                gb.db.commit()
    return root


def _board(teams: int = 6) -> Board:
    """Return a results board of ``teams`` teams on module 03, one team with no answers."""
    module = "03-director"
    catalog = [e for e in all_exercises() if e.module == module]
    scored = [e for e in catalog if e.source == "record"]
    names = {f"team-{i}": [f"Person {i}{c}" for c in "ABCD"] for i in range(1, teams + 1)}
    results = {}
    for i, team in enumerate(names):
        for exercise in scored:
            if i == len(names) - 1:
                results[(team, exercise.key)] = Result(team, exercise, NOT_ANSWERED)
                continue
            points = round(exercise.points * (i + 1) / teams, 2)
            projected = 100.0 + 25 * i if exercise.family == "allocation" else None
            results[(team, exercise.key)] = Result(
                team, exercise, "scored", points, f"{points:g} of {exercise.points:g} points",
                "I1: 2 · I2: 4 & <more>", "projected value" if projected else "", projected,
                "2026-11-30T05:00:00+00:00")
    problems = {team: [] for team in names}
    problems["team-2"] = ["An earlier answer record could not be read & was kept aside."]
    return Board(Path("/workshop"), names, [module], scored,
                 [e for e in catalog if e.source != "record"], results, problems)


@contextlib.contextmanager
def _served(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 for the duration; yield its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """A static file handler that logs nothing."""

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        """Say nothing."""


_PAGE_FACTS_JS = """
() => ({
  images: Array.from(document.images).map((i) => ({
    alt: i.alt, complete: i.complete, natural: i.naturalWidth, width: i.width,
    attr: Number(i.getAttribute('width'))})),
  links: Array.from(document.querySelectorAll('nav.toc a')).map((a) => ({
    text: a.textContent, target: !!document.getElementById(a.hash.slice(1))})),
  styles: document.querySelectorAll('style, link[rel=stylesheet]').length,
  overflow: Array.from(document.querySelectorAll('img, table')).filter(
    (e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1).length,
})
"""


def _render(page: Any, url: str) -> tuple[dict[str, Any], list[str], bytes]:
    """Open ``url``; return the page's facts, its console errors, and its print as PDF."""
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type in ("error", "warning")
            else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("requestfailed", lambda r: errors.append(f"failed: {r.url}"))
    page.goto(url, wait_until="load")
    facts = page.evaluate(_PAGE_FACTS_JS)
    page.emulate_media(media="print")
    facts["print"] = page.evaluate(_PAGE_FACTS_JS)
    facts["print"]["hidden"] = page.evaluate(
        "() => Array.from(document.querySelectorAll('.screen-only'))"
        ".every((e) => getComputedStyle(e).display === 'none')")
    pdf = page.pdf(format="A4")
    return facts, errors, pdf


def _check_facts(facts: dict[str, Any], plots: int) -> None:
    """Assert what every instructor page must be: sharp plots with alt, working contents."""
    images = facts["images"]
    assert len(images) == plots
    for image in images:
        assert image["complete"] and image["natural"] > 0, "every plot loads"
        assert image["natural"] == pytest.approx(2 * image["attr"], abs=1), "retina PNG"
        assert len(image["alt"]) > 40, "alt text says what the plot shows"
    assert facts["links"] and all(link["target"] for link in facts["links"]), facts["links"]
    assert facts["styles"] == 1, "one stylesheet"
    assert facts["overflow"] == 0 and facts["print"]["overflow"] == 0, "nothing past the edge"
    assert facts["print"]["hidden"], "screen-only text is left off the print"


@pytest.mark.browser
@pytest.mark.xdist_group("browser")
# nbgrader's own add_submission trips SQLAlchemy's autoflush warning; nothing of ours
@pytest.mark.filterwarnings("ignore:Object of type:sqlalchemy.exc.SAWarning")
def test_report_of_20_learners_renders_in_chromium_without_console_errors(
        tmp_path: Path) -> None:
    """A 20-learner report loads cleanly, with sharp plots, contents and a print layout."""
    require_browser()
    root = _cohort_course(tmp_path / "course")
    page_path = report.write(root)
    text = page_path.read_text(encoding="utf-8")
    assert "20 learners" in text and "still wait for a hand grade" in text
    with _served(root) as base, browser_page() as page:
        facts, errors, pdf = _render(page, f"{base}/report.html")
    assert errors == []
    _check_facts(facts, plots=3)
    assert [link["text"] for link in facts["links"]] == [
        "Scores per module", "Exercise difficulty", "Competency profile"]
    assert pdf.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page\b", pdf)) >= 2


@pytest.mark.browser
@pytest.mark.xdist_group("browser")
def test_workshop_board_renders_in_chromium_without_console_errors(tmp_path: Path) -> None:
    """The results board loads cleanly, with sharp plots, contents and a print layout."""
    require_browser()
    (tmp_path / "board.html").write_text(build_board(_board()), encoding="utf-8")
    with _served(tmp_path) as base, browser_page() as page:
        facts, errors, pdf = _render(page, f"{base}/board.html")
    assert errors == []
    _check_facts(facts, plots=2)
    titles = [link["text"] for link in facts["links"]]
    assert titles[:2] == ["Points per exercise", "Decisions side by side"]
    assert {"Outcomes", "Teams", "Problems"} <= set(titles)
    assert pdf.startswith(b"%PDF")


def test_pages_share_one_stylesheet_with_print_rules() -> None:
    """Both pages inline the same stylesheet file, which has print rules."""
    style = (report.TEMPLATES / "style.css").read_text(encoding="utf-8")
    assert "@media print" in style and "break-inside: avoid" in style
    page = report.build([])
    board = build_board(_board(3))
    for text in (page, board):
        (inline,) = re.findall(r"<style>\n(.*?)</style>", text, flags=re.S)
        assert inline.strip() == style.strip()
    assert "No graded submission yet" in page


def test_board_escapes_what_teams_typed() -> None:
    """Text from answer records is escaped by the template, never read as HTML."""
    board = build_board(_board(3))
    assert "I1: 2 · I2: 4 &amp; &lt;more&gt;" in board and "<more>" not in board
    assert "could not be read &amp; was kept aside" in board


def test_templates_ship_with_the_instructor_package() -> None:
    """pyproject.toml puts the templates and the stylesheet in the package, and pins jinja2."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    data = config["tool"]["setuptools"]["package-data"]["autograder"]
    shipped = {p.relative_to(ROOT / "autograder").as_posix() for pattern in data
               for p in (ROOT / "autograder").glob(pattern)}
    assert {f"reports/templates/{p.name}" for p in report.TEMPLATES.iterdir()} <= shipped
    assert any(d.lower().startswith("jinja2") for d in config["project"]["dependencies"])
