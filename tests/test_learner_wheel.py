"""The learner wheel: built from ``learner/``, free of keys, and enough to run the course.

The wheel is built the way an instructor builds it for a hub (``pip wheel ./learner``),
from a copy of the repository's packages, so the test writes nothing into the tree. It
is then installed into a fresh environment that sees the course's dependencies (through
a path file naming this environment's site-packages, which imports nothing installed
there) but not the grading side, and runs a released notebook in a real kernel.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import sysconfig
import textwrap
import zipfile
from pathlib import Path

import pytest

from autograder.build.leaks import answer_texts
from autograder.nbg import ROOT

NOTEBOOK = ROOT / "release" / "01-product-manager" / "2-prioritize-and-measure.ipynb"
_IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc", "build", "*.egg-info", "dist")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the learner wheel from a copy of the tree; return its path."""
    tmp = tmp_path_factory.mktemp("learner-wheel")
    for name in ("learner", "course", "materials"):
        shutil.copytree(ROOT / name, tmp / name, ignore=_IGNORE)
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(tmp / "dist"),
         str(tmp / "learner")], capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, f"building the learner wheel failed:\n{done.stderr[-3000:]}"
    (found,) = sorted((tmp / "dist").glob("product_leadership_learner-*.whl"))
    return found


def _members(wheel: Path) -> dict[str, str]:
    with zipfile.ZipFile(wheel) as zf:
        return {name: zf.read(name).decode("utf-8", errors="replace") for name in zf.namelist()}


def test_wheel_holds_the_course_and_its_data(wheel: Path) -> None:
    """The wheel carries the learner package, its widgets and models, and every data set."""
    names = set(_members(wheel))
    for needed in ("course/__init__.py", "course/widgets/__init__.py",
                   "course/models/__init__.py", "course/data.py", "materials/__init__.py",
                   "materials/curriculum.yaml"):
        assert needed in names, f"{needed} is missing from the learner wheel"
    data = {p.name for p in (ROOT / "materials" / "data").glob("*.csv")}
    assert data <= {Path(n).name for n in names if n.startswith("materials/data/")}


def test_wheel_holds_no_grading_side_and_no_lesson(wheel: Path) -> None:
    """No autograder package, lesson source, data generator or nbgrader config is packed."""
    names = sorted(_members(wheel))
    top = {n.split("/")[0] for n in names if not n.split("/")[0].endswith(".dist-info")}
    assert top == {"course", "materials"}, f"unexpected packages in the learner wheel: {top}"
    bad = [n for n in names if n.startswith("materials/") and n.endswith(".py")
           and n != "materials/__init__.py"]
    bad += [n for n in names if "lessons/" in n or n.endswith(".ipynb")
            or "nbgrader_config" in n]
    assert not bad, f"instructor files in the learner wheel: {bad}"


def test_wheel_holds_no_answer_text(wheel: Path) -> None:
    """No solution region, hidden test or catalog reference value appears in any packed file."""
    texts = answer_texts(ROOT / "source")
    leaks = []
    for name, body in _members(wheel).items():
        for marker in ("BEGIN SOLUTION", "BEGIN HIDDEN TESTS"):
            if marker in body:
                leaks.append(f"{name}: {marker}")
        leaks += [f"{name}: {what}: {text[:60]!r}" for text, what in texts.items()
                  if text in body]
    assert not leaks, "answers in the learner wheel:\n" + "\n".join(leaks)


_RUN = textwrap.dedent("""
    import json, sys
    import nbclient, nbformat
    nb = nbformat.read(sys.argv[1], as_version=4)
    probe = ("import importlib.util, json, sys, course\\n"
             "print(json.dumps({'prefix': sys.prefix, 'course': course.__file__,"
             " 'autograder': importlib.util.find_spec('autograder') is not None}))")
    nb.cells.insert(0, nbformat.v4.new_code_cell(probe))
    nbclient.NotebookClient(nb, timeout=120, allow_errors=True, kernel_name="python3",
                            resources={"metadata": {"path": sys.argv[2]}}).execute()
    errors = [f"{o.ename}: {o.evalue}" for c in nb.cells if c.cell_type == "code"
              for o in c.outputs if o.output_type == "error"]
    unrun = [c.id for c in nb.cells if c.cell_type == "code" and c.execution_count is None]
    print(json.dumps({"probe": json.loads(nb.cells[0].outputs[0].text), "errors": errors,
                      "unrun": unrun, "cells": len(nb.cells)}))
""")


def test_released_notebook_runs_in_a_fresh_learner_environment(wheel: Path,
                                                               tmp_path: Path) -> None:
    """In a fresh venv with only the learner wheel, ``autograder`` is absent and a module runs."""
    env_dir = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env_dir)], check=True)
    python = env_dir / "bin" / "python"
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()"
                           "['purelib'])"], capture_output=True, text=True, check=True)
    # the dependencies (pandas, ipykernel, nbclient...) from this environment, as a plain
    # path: the editable install of the instructor side there is not activated by it
    Path(site.stdout.strip(), "_course_dependencies.pth").write_text(
        sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet",
                    "--no-deps", str(wheel)], check=True, capture_output=True, timeout=120)
    work = tmp_path / "work"
    work.mkdir()
    shutil.copy2(NOTEBOOK, work / NOTEBOOK.name)
    imported = subprocess.run([str(python), "-c", "import autograder"], cwd=work,
                              capture_output=True, text=True)
    assert imported.returncode != 0 and "No module named 'autograder'" in imported.stderr
    done = subprocess.run([str(python), "-c", _RUN, str(work / NOTEBOOK.name), str(work)],
                          cwd=work, capture_output=True, text=True, timeout=300,
                          env={"PATH": f"{env_dir / 'bin'}:/usr/bin:/bin", "HOME": str(tmp_path)})
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    probe = result["probe"]
    assert Path(probe["prefix"]) == env_dir, f"the kernel ran in {probe['prefix']}"
    assert probe["course"].startswith(str(env_dir)), f"course came from {probe['course']}"
    assert probe["autograder"] is False, "the grading package is importable in the kernel"
    assert result["errors"] == [], f"the released notebook raised: {result['errors']}"
    assert result["unrun"] == [] and result["cells"] > 5, result
