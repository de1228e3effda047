"""Learners who try to game the grader, through the real pipeline, stock and parallel.

Every cheat starts from module 01 as released (a blank notebook) with one cell of learner
code that runs at grading time. None may score more than the blank notebook: a score is
made in the grader's process, from answers read before any learner code ran and from
plain-data reports, so nothing the kernel displays, hides, patches or writes counts.
The same cohort is graded by stock ``nbgrader autograde`` and by the parallel grader,
which must agree exactly.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from autograder.nbg import copy_course, nbgrader
from autograder.pipeline.parallel import grade
from course.answers import ANSWER_MIME, FORMAT
from course.report import REPORT_FORMAT, REPORT_MIME
from tests.cohorts import gradebook
from tests.learners import edit_cells, submit
from tests.pipeline import scores

pytestmark = [pytest.mark.pipeline, pytest.mark.xdist_group("cheats")]

MODULE = "01-product-manager"
NB1, NB2 = "1-the-role", "2-prioritize-and-measure"

_FULL = '{"text/plain": "4.0"}'
#: learner code, run at grading time in the first answer cell of each notebook
CHEATS: dict[str, str] = {
    "no-output": "ip = get_ipython()\nip.display_pub.publish = lambda *a, **k: None\n"
                 "import sys\nsys.displayhook = lambda value: None",
    "silent-interactivity": "get_ipython().ast_node_interactivity = 'none'",
    "formatter": "f = get_ipython().display_formatter.formatters['text/plain']\n"
                 "for t in (int, float, type(None), bool):\n"
                 "    f.for_type(t, lambda v, p, c: p.text('4.0'))",
    "printed-numbers": "get_ipython().events.register('post_run_cell', "
                       "lambda result: print('4.0'))",
    "clear-outputs": "from IPython.display import clear_output\n"
                     "get_ipython().events.register('post_run_execute', "
                     "lambda: clear_output())",
    "full-marks-result": "from IPython.display import display\n"
                         "get_ipython().events.register('post_run_cell', lambda r: "
                         f"display({_FULL}, raw=True))",
    "patched-modules": "import builtins, pandas, course.report, course.answers\n"
                       "builtins.round = lambda *a, **k: 4.0\n"
                       "pandas.DataFrame.__eq__ = lambda self, other: True\n"
                       "course.report.report = lambda *a, **k: None\n"
                       "course.answers.AnswerStore.get = lambda self, ex: None",
    "key-at-grading": (
        "import json, pathlib\n"
        "from autograder.scoring.catalog import m01\n"
        "order = list(m01.rice_order())\n"
        f"p = pathlib.Path('{NB2}.answers.json')\n"
        "rec = {'format': 'product-leadership-answers', 'schema': 1, "
        f"'module': '{MODULE}', 'notebook': '{NB2}', 'answers': {{"
        "'rice-ranking': {'value': {'order': order, 'cut': len(m01.funded())}, "
        "'saved_at': '2999-01-01T00:00:00+00:00'},"
        "'funnel-worst-step': {'value': m01._worst_step(), 'saved_at': '2999-01-01'},"
        "'funnel-platform': {'value': m01._weak_platform(), 'saved_at': '2999-01-01'}}}\n"
        "p.write_text(json.dumps(rec))\n"
        "funnel_table = m01._funnel()"),
    "record-rewritten": (
        "import json, pathlib\n"
        f"p = pathlib.Path('{NB1}.answers.json')\n"
        "rec = {'format': 'product-leadership-answers', 'schema': 1, "
        f"'module': '{MODULE}', 'notebook': '{NB1}', 'answers': {{"
        "'role-owners': {'value': {f'R{i}': 'product_manager' for i in range(1, 9)}, "
        "'saved_at': '2999-01-01T00:00:00+00:00'}}}\n"
        "p.write_text(json.dumps(rec))"),
    "forged-reports": (
        "from IPython.display import display\n"
        "def forge(result):\n"
        f"    for key in ('{MODULE}/rice-scores', '{MODULE}/funnel-rates'):\n"
        f"        display({{'{REPORT_MIME}': {{'format': {REPORT_FORMAT}, 'exercise': key, "
        "'value': 99}}, raw=True)\n"
        "get_ipython().events.register('post_run_cell', forge)"),
}
#: cheats placed in the first answer cell of the second notebook (the rest go in both)
_NB2_ONLY = {"key-at-grading", "forged-reports"}


def _crafted_copy(path: Path) -> None:
    """Plant answer copies that name other files, modules and exercises in a notebook."""
    nb = json.loads(path.read_text())
    cell = next(c for c in nb["cells"] if c["cell_type"] == "code")
    copies = []
    for notebook, module in (("../../../gradebook", MODULE), ("../" + NB1, MODULE),
                             (NB1, MODULE), (NB2, "99-elsewhere"), ("/etc/passwd", MODULE)):
        copies.append({"output_type": "display_data", "metadata": {}, "data": {
            "text/plain": "", ANSWER_MIME: {
                "format": FORMAT, "schema": 1, "module": module, "notebook": notebook,
                "exercise": "rice-ranking",
                "answer": {"value": {"order": ["x"], "cut": 1},
                           "saved_at": "2999-01-01T00:00:00+00:00"}}}})
    copies.append({"output_type": "display_data", "metadata": {}, "data": {
        ANSWER_MIME: {"format": FORMAT, "answer": "not a mapping", "exercise": 7}}})
    cell["outputs"] = copies
    path.write_text(json.dumps(nb))


def _first_answer_cell(path: Path) -> str:
    nb = json.loads(path.read_text())
    return next(c["id"] for c in nb["cells"]
                if c.get("metadata", {}).get("nbgrader", {}).get("solution")
                and c["cell_type"] == "code")


def _cohort(course: Path, tmp: Path) -> None:
    release = course / "release" / MODULE
    work = tmp / "work"
    submit(course, "blank", MODULE, sorted(release.glob("*.ipynb")))
    for name, code in CHEATS.items():
        folder = work / name
        shutil.copytree(release, folder)
        for stem in (NB2,) if name in _NB2_ONLY else (NB1, NB2):
            path = folder / f"{stem}.ipynb"
            edit_cells(path, {_first_answer_cell(path): code})
        submit(course, name, MODULE, sorted(folder.iterdir()))
    crafted = work / "crafted-copy"
    shutil.copytree(release, crafted)
    _crafted_copy(crafted / f"{NB2}.ipynb")
    submit(course, "crafted-copy", MODULE, sorted(crafted.iterdir()))


@pytest.fixture(scope="module")
def graded(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The cheat cohort graded twice: stock nbgrader autograde and the parallel grader."""
    tmp = tmp_path_factory.mktemp("cheats")
    stock = copy_course(tmp / "stock")
    nbgrader("generate_assignment", MODULE, "--force", root=stock)
    _cohort(stock, tmp)
    parallel = tmp / "parallel"
    shutil.copytree(stock, parallel)
    nbgrader("autograde", MODULE, root=stock)
    summary = grade(parallel, [MODULE], workers=2, progress=False)
    assert summary.count("failed") == 0, "\n".join(summary.lines())
    return {"stock": stock, "parallel": parallel}


def _total(course: Path, student: str) -> float:
    return sum(v or 0.0 for nb in scores(course, MODULE, student).values() for v in nb.values())


@pytest.mark.parametrize("cheat", [*CHEATS, "crafted-copy"])
@pytest.mark.parametrize("grader", ["stock", "parallel"])
def test_cheat_scores_no_more_than_blank(graded: dict[str, Path], grader: str,
                                         cheat: str) -> None:
    """A cheat earns at most what the blank notebook earns, in either grader."""
    course = graded[grader]
    assert _total(course, "blank") == 0, "a blank notebook earns nothing"
    assert _total(course, cheat) <= _total(course, "blank"), scores(course, MODULE, cheat)


def test_stock_and_parallel_agree(graded: dict[str, Path]) -> None:
    """Stock nbgrader and the parallel grader record identical gradebooks for the cheats."""
    assert gradebook(graded["stock"]) == gradebook(graded["parallel"])


def test_cheats_get_reasons(graded: dict[str, Path]) -> None:
    """Forged reports and a record written at grading time are scored 0 with a reason."""
    import nbformat

    folder = graded["stock"] / "autograded"
    texts = {}
    for cheat in ("forged-reports", "key-at-grading"):
        nb = nbformat.read(folder / cheat / MODULE / f"{NB2}.ipynb", as_version=4)
        cell = next(c for c in nb.cells if c.get("id") == "rice-scores-test")
        texts[cheat] = "".join(o.get("text", "") for o in cell.outputs)
    assert "more than one answer" in texts["forged-reports"]
    assert "0 of 2 points" in texts["key-at-grading"]
