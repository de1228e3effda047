"""How each scenario data set varies per learner: one file per module, found automatically.

A file ``course/variation/m<NN>.py`` exports ``VARIES``: a mapping from the name of a data
set (``"m01_backlog"``, loaded with :func:`course.data.load`) or of a figure (``"m01_capacity"``,
read with :func:`course.data.figure`) to a function ``build(draw) -> DataFrame | number``.
``draw`` (a :class:`Draw`) gives the committed base table, a seeded random generator and
the variant's other data sets, so a budget can be drawn to suit its backlog.

A builder keeps the shape the lesson relies on (the same ids, columns and units) and only
changes numbers, so every lesson, widget and self-check works on every variant. When a
draw could be unsound (a tie at a cut line, two worst funnel steps), the builder redraws
with :meth:`Draw.attempts` until its own check passes; ``plcourse variants check`` checks
many variants more thoroughly on the instructor's side.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterator
from typing import Any

from course.variants import Variant

__all__ = ["MAX_ATTEMPTS", "VARIES", "Draw", "UnsoundVariant"]

#: how many redraws a builder may make before giving up (never reached in practice)
MAX_ATTEMPTS = 64


class UnsoundVariant(RuntimeError):
    """A builder found no sound draw within :data:`MAX_ATTEMPTS` (a generator bug)."""


class Draw:
    """What a builder draws from: the base table, a seeded generator, the other data sets."""

    def __init__(self, variant: Variant, name: str, attempt: int = 0) -> None:
        self.variant = variant
        self.name = name
        self.attempt = attempt
        #: numpy random generator for this data set, variant and attempt
        self.rng = variant.rng(name, attempt)

    def base(self, name: str | None = None) -> Any:
        """Return a copy of the committed base table of ``name`` (default: this data set)."""
        from course.data import base

        return base(name or self.name)

    def get(self, name: str) -> Any:
        """Return the data set or figure ``name`` of this same variant."""
        from course.data import figure, load
        from course.variants import active

        with active(self.variant):
            return load(name) if _is_table(name) else figure(name)

    def attempts(self) -> Iterator[Draw]:
        """Yield this draw and then redraws, for a builder that checks its own result."""
        for attempt in range(MAX_ATTEMPTS):
            yield Draw(self.variant, self.name, attempt)
        raise UnsoundVariant(
            f"no sound {self.name} found for variant {self.variant.id} in {MAX_ATTEMPTS} "
            f"draws; the generator in course/variation needs a fix")


def _discover() -> dict[str, Callable[[Draw], Any]]:
    found: dict[str, Callable[[Draw], Any]] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        for name, build in getattr(module, "VARIES", {}).items():
            if name in found:
                raise ValueError(f"two files of course/variation vary {name}")
            found[name] = build
    return found


def _is_table(name: str) -> bool:
    from materials import data_dir

    return (data_dir() / f"{name}.csv").exists()


#: data set or figure name -> its builder, from every file of this package
VARIES: dict[str, Callable[[Draw], Any]] = _discover()
