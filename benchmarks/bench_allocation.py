"""How long the allocation panel takes to re-evaluate a plan, against a trivial pandas baseline.

The panel re-evaluates the whole plan and redraws its bars, chart and reasons on every slider
move. The largest scenario of the course is timed (goal: under 50 ms a move), plus a
synthetic one four times larger. Prints, never asserts.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable

import pandas as pd

import course
from course.data import load
from course.models.allocation import AllocationScenario
from course.widgets.allocation import AllocationPanel


def _median_ms(action: Callable[[int], None], repeats: int = 200) -> float:
    times = []
    for i in range(repeats):
        start = time.perf_counter()
        action(i)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _course_scenarios() -> dict[str, AllocationScenario]:
    return {
        "m03 division": AllocationScenario.from_frame(
            load("m03_initiatives"), capacity=24, budget=250, unit="engineers"),
        "m05 after the shift": AllocationScenario.from_frame(
            load("m05_portfolio"), capacity=15, value_column="value_after", unit="squads"),
    }


def _synthetic(n: int = 36) -> AllocationScenario:
    frame = pd.DataFrame({
        "min_units": [1 + i % 3 for i in range(n)], "max_units": [4 + i % 5 for i in range(n)],
        "value": [50.0 + 7 * i for i in range(n)],
        "decay": [0.7 + 0.05 * (i % 5) for i in range(n)],
        "fixed_cost": [10.0 * (i % 4) for i in range(n)],
        "requires": [f"X{i - 1:02d}" if i % 6 == 5 else "" for i in range(n)],
    }, index=[f"X{i:02d}" for i in range(n)])
    return AllocationScenario.from_frame(frame, capacity=3 * n, budget=12.0 * n)


def main() -> None:
    """Print the median time of one panel re-evaluation, and of the model alone."""
    frame = pd.DataFrame({"a": range(1000)})
    baseline = _median_ms(lambda i: frame["a"].sum())
    print(f"baseline: pandas sum of 1,000 numbers: {baseline:.3f} ms")
    scenarios = _course_scenarios()
    largest = max(scenarios, key=lambda k: sum(i.max_units for i in scenarios[k].initiatives))
    cases = {f"{largest} (largest in the course)": scenarios[largest],
             "synthetic, 36 initiatives": _synthetic()}
    with tempfile.TemporaryDirectory() as folder:
        for name, scenario in cases.items():
            lesson = course.Lesson("bench", "allocation", directory=folder)
            panel = AllocationPanel(lesson, f"bench-{len(scenario.ids)}", scenario)
            ids = scenario.ids

            def evaluate(i: int, scenario: AllocationScenario = scenario,
                         ids: tuple = ids) -> None:
                scenario.evaluate({ids[i % len(ids)]: 1 + i % 2})

            def move(i: int, panel: AllocationPanel = panel, ids: tuple = ids) -> None:
                panel.set_units(ids[i % len(ids)], 1 + (i // len(ids) + i) % 3)

            model = _median_ms(evaluate)

            moved = _median_ms(move)
            verdict = "within" if moved < 50 else "OVER"
            print(f"{name}: model {model:.3f} ms ({model / baseline:.1f}x baseline); "
                  f"panel move with save {moved:.2f} ms ({moved / baseline:.1f}x baseline), "
                  f"{verdict} the 50 ms goal")


if __name__ == "__main__":
    main()
