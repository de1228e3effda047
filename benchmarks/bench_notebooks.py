"""How fast do the lesson notebooks run, against a kernel that only imports the basics?

Runs every released lesson notebook (``release/<module>/*.ipynb``: answers stripped, as a
learner gets it) top to bottom in a fresh kernel with nbclient, in a scratch copy so no
answer record is written into the course. The baseline, measured in the same run, is a
fresh kernel that only imports pandas, matplotlib and ipywidgets. Prints each notebook's
time, its ratio to the baseline and the worst ratio; the goal is at most 3x. Nothing is
asserted: timings depend on the machine and its load.

Usage: ``python benchmarks/bench_notebooks.py [MODULE ...] [--repeat N]``
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import nbclient
import nbformat

ROOT = Path(__file__).resolve().parent.parent
GOAL = 3.0
BASELINE_SOURCE = "import pandas\nimport matplotlib\nimport matplotlib.pyplot\nimport ipywidgets\n"


def run(path: Path) -> tuple[float, int]:
    """Execute the notebook at ``path`` in a fresh kernel; return seconds and error count."""
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(
        nb, timeout=120, allow_errors=True, kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    start = time.perf_counter()
    client.execute()
    elapsed = time.perf_counter() - start
    errors = sum(1 for cell in nb.cells for out in cell.get("outputs", [])
                 if out.get("output_type") == "error")
    return elapsed, errors


def baseline(scratch: Path, repeat: int) -> list[float]:
    """Return the times of ``repeat`` fresh kernels importing pandas, matplotlib, ipywidgets."""
    path = scratch / "baseline.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(BASELINE_SOURCE)]),
                   path)
    return [run(path)[0] for _ in range(repeat)]


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", help="module ids (default: every released one)")
    parser.add_argument("--repeat", type=int, default=1,
                        help="runs per notebook; the fastest is reported (default 1)")
    args = parser.parse_args(argv)
    release = ROOT / "release"
    modules = args.modules or sorted(p.name for p in release.iterdir() if p.is_dir())
    notebooks = [nb for m in modules for nb in sorted((release / m).glob("*.ipynb"))]
    if not notebooks:
        print("no released notebooks found; run `make release` first")
        return 1
    with tempfile.TemporaryDirectory(prefix="plc-bench-") as tmp:
        scratch = Path(tmp)
        # the baseline is measured before and after the notebooks and the fastest run is
        # kept (as for the notebooks): on a shared machine the minimum is the least noisy
        first = baseline(scratch, max(3, args.repeat))
        rows = []
        for notebook in notebooks:
            name = f"{notebook.parent.name}/{notebook.name}"
            work = scratch / notebook.parent.name
            if not work.exists():
                shutil.copytree(notebook.parent, work)
            times, errors = [], 0
            for _ in range(args.repeat):
                for record in work.glob("*.answers*.json"):
                    record.unlink()  # every run starts as a learner opening it fresh
                seconds, errors = run(work / notebook.name)
                times.append(seconds)
            rows.append((name, min(times), errors))
        base = min(first + baseline(scratch, max(3, args.repeat)))
    print(f"baseline (fresh kernel importing pandas, matplotlib, ipywidgets): {base:.2f} s "
          f"(median of all its runs {statistics.median(first):.2f} s)")
    print(f"{'notebook':<55} {'seconds':>8} {'ratio':>6}")
    worst = (0.0, "")
    for name, seconds, errors in rows:
        ratio = seconds / base
        note = f"  ({errors} error output(s))" if errors else ""
        flag = "  over the goal" if ratio > GOAL else ""
        print(f"{name:<55} {seconds:>8.2f} {ratio:>5.1f}x{flag}{note}")
        worst = max(worst, (ratio, name))
    print(f"worst: {worst[1]} at {worst[0]:.1f}x the baseline (goal: at most {GOAL:g}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
