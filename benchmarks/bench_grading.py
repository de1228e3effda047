"""Grading a cohort: stock sequential ``nbgrader autograde`` against ``plcourse grade``.

Builds a synthetic cohort (default 20 learners: solutions, partial and blank submissions
mixed) for every module of the course, grades it in one course copy with the stock
command, module after module, and in an identical copy with
:func:`autograder.pipeline.parallel.grade`, checks that the two gradebooks hold exactly
the same scores, and prints both times and their ratio. Not a test: ``make bench`` runs it.

    python benchmarks/bench_grading.py [--learners 20] [--modules 01-product-manager ...]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


from autograder.nbg import copy_course, modules, nbgrader  # noqa: E402
from autograder.pipeline.parallel import grade  # noqa: E402
from tests.cohorts import gradebook, submit_cohort  # noqa: E402
from tests.pipeline import share_variant  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=20)
    parser.add_argument("--modules", nargs="*", help="default: every module in source/")
    parser.add_argument("--jobs", type=int, default=None, help="workers for plcourse grade")
    parser.add_argument("--keep", action="store_true", help="keep the course copies")
    args = parser.parse_args()
    names = args.modules or modules(ROOT)
    tmp = Path(tempfile.mkdtemp(prefix="bench-grading-"))
    try:
        stock = copy_course(tmp / "stock", with_release=False)
        # one shared scenario: the notebooks are solved once per module, not per learner;
        # grading costs the same (every kernel builds its learner's scenario either way)
        share_variant(stock)
        print(f"setting up {args.learners} learners x {len(names)} module(s) in {tmp} ...",
              flush=True)
        notebooks = 0
        for name in names:
            nbgrader("generate_assignment", name, "--force", root=stock)
            submit_cohort(stock, name, args.learners, tmp / "work", mode="shared")
            notebooks += args.learners * len(list((stock / "source" / name).glob("*.ipynb")))
        fast = tmp / "parallel"
        shutil.copytree(stock, fast)

        start = time.perf_counter()
        for name in names:
            nbgrader("autograde", name, root=stock)
        stock_s = time.perf_counter() - start

        summary = grade(fast, names, workers=args.jobs, progress=sys.stderr.isatty())
        fast_s = summary.seconds
        for line in summary.lines():
            print(line)

        a, b = gradebook(stock), gradebook(fast)
        same = a == b and len(a) > 0
        print(f"\n{notebooks} notebooks ({args.learners} learners x {len(names)} modules) on "
              f"{os.cpu_count()} cores")
        print(f"stock nbgrader autograde (sequential): {stock_s:8.1f} s "
              f"({stock_s / notebooks:.2f} s a notebook)")
        print(f"plcourse grade ({summary.workers} workers):        {fast_s:8.1f} s "
              f"({fast_s / notebooks:.2f} s a notebook)")
        print(f"speed-up: {stock_s / fast_s:.2f}x")
        print(f"gradebooks: {'identical' if same else 'DIFFERENT'} ({len(a)} grades)")
        if not same:
            for key in sorted(set(a) | set(b)):
                if a.get(key) != b.get(key):
                    print(f"  {key}: stock {a.get(key)} parallel {b.get(key)}")
        return 0 if same else 1
    finally:
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
