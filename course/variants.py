"""Who the learner is, and which variant of the scenarios they work on (standard library).

Every learner gets scenario data of their own (backlogs, funnels, budgets, the capstone's
year), generated deterministically from three inputs::

    variant id = "v" + sha256(course seed, learner id)[:6]      per-learner (the default)
    variant id = "v" + sha256(course seed, "*shared*")[:6]      one variant for everybody
    data set d = vary_d(committed base table, rng(variant id, d))

The learner id is the first that is set of ``PLCOURSE_LEARNER``, ``JUPYTERHUB_USER`` and
the operating-system account. A workshop team's folder holds a :data:`FOLDER_FILE` naming
the team's variant (``plcourse workshop teams`` writes it); it counts only when
``PLCOURSE_LEARNER`` is not set, so it never changes what grading uses.

While grading, the grader sets ``PLCOURSE_LEARNER`` to nbgrader's student id in the
kernel and makes the same variant :func:`active` in its own process, so the reference is
computed on the data the learner saw. The course seed and the mode come from
``PLCOURSE_SEED`` and ``PLCOURSE_VARIANTS`` (an instructor sets them for a class:
``Variants`` in ``nbgrader_config.py`` for grading, the same values in the hub's spawner
environment for learners).

Nothing here is secret: a variant holds scenario data, never a reference answer.
"""

from __future__ import annotations

import contextvars
import functools
import getpass
import hashlib
import json
import os
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

__all__ = [
    "DEFAULT_SEED",
    "ENV_LEARNER",
    "ENV_MODE",
    "ENV_SEED",
    "FOLDER_FILE",
    "MODES",
    "Variant",
    "active",
    "current",
    "from_environment",
    "learner_id",
    "shuffled",
    "variant_cache",
]

#: environment variable naming the learner (wins over the hub's user and the OS account)
ENV_LEARNER = "PLCOURSE_LEARNER"
#: environment variable holding the course seed (change it to change every variant)
ENV_SEED = "PLCOURSE_SEED"
#: environment variable choosing the mode: "per-learner" or "shared"
ENV_MODE = "PLCOURSE_VARIANTS"
#: the course seed when none is set
DEFAULT_SEED = "product-leadership-1"
#: the modes: a variant per learner, or one variant shared by the whole class
MODES = ("per-learner", "shared")
#: a file beside the notebooks naming their variant: {"learner", "seed", "mode"}
FOLDER_FILE = "plcourse-variant.json"

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@+-]{0,127}$")


@dataclass(frozen=True)
class Variant:
    """The scenario variant of one learner: who, under which course seed, in which mode."""

    #: the learner id (nbgrader's student id while grading)
    learner: str
    #: the course seed; a new seed gives every learner new data
    seed: str = DEFAULT_SEED
    #: "per-learner" or "shared" (then every learner works on the same data)
    mode: str = "per-learner"

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise ValueError(f"unknown variant mode {self.mode!r}; use one of {', '.join(MODES)}")

    @property
    def id(self) -> str:
        """The short name of this variant, as saved with every answer (``v`` + 6 hex)."""
        who = self.learner if self.mode == "per-learner" else "*shared*"
        return "v" + hashlib.sha256(f"{self.seed}\0{who}".encode()).hexdigest()[:6]

    def seed_for(self, name: str, attempt: int = 0) -> int:
        """A 64-bit seed for the data set or figure ``name`` (``attempt`` redraws it)."""
        text = f"{self.id}\0{self.seed}\0{name}\0{attempt}"
        return int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big")

    def rng(self, name: str, attempt: int = 0) -> Any:
        """A numpy random generator for ``name`` in this variant (deterministic)."""
        import numpy as np

        return np.random.default_rng(self.seed_for(name, attempt))

    def describe(self) -> str:
        """One line for the learner: their id and variant."""
        if self.mode == "shared":
            return f"Learner {self.learner} · the class's shared scenario {self.id}"
        return f"Learner {self.learner} · your own scenario {self.id}"


def learner_id() -> str:
    """Return the learner id: ``PLCOURSE_LEARNER``, ``JUPYTERHUB_USER``, else the OS account."""
    for name in (ENV_LEARNER, "JUPYTERHUB_USER"):
        value = os.environ.get(name, "").strip()
        if value:
            return _checked(value, name)
    try:
        return _checked(getpass.getuser(), "the operating-system account")
    except (OSError, KeyError):  # no account name (a container without a passwd entry)
        return "learner"


def _checked(value: str, where: str) -> str:
    if not _ID.match(value):
        raise ValueError(
            f"the learner id {value!r} (from {where}) is not usable: use letters, digits and "
            f". _ @ + - only, at most 128 characters, for example PLCOURSE_LEARNER=alice"
        )
    return value


def _from_folder() -> Variant | None:
    """The variant a :data:`FOLDER_FILE` in the working folder names (a workshop team's)."""
    try:
        raw = json.loads((Path.cwd() / FOLDER_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(raw, dict):
        return None
    learner, seed, mode = raw.get("learner"), raw.get("seed"), raw.get("mode")
    if not (isinstance(learner, str) and _ID.match(learner) and isinstance(seed, str)
            and seed and mode in MODES):
        return None
    return Variant(learner, seed, mode)


def from_environment() -> Variant:
    """Return the variant the environment names (learner, ``PLCOURSE_SEED``, mode)."""
    if not os.environ.get(ENV_LEARNER, "").strip():
        folder = _from_folder()
        if folder is not None:
            return folder
    seed = os.environ.get(ENV_SEED, "").strip() or DEFAULT_SEED
    mode = os.environ.get(ENV_MODE, "").strip() or MODES[0]
    if mode not in MODES:
        raise ValueError(f"{ENV_MODE}={mode!r} is not a variant mode; use one of "
                         f"{' or '.join(MODES)}")
    return Variant(learner_id(), seed, mode)


_ACTIVE: contextvars.ContextVar[Variant | None] = contextvars.ContextVar(
    "plcourse_variant", default=None)


def current() -> Variant:
    """Return the variant in use: the one made :func:`active`, else the environment's."""
    return _ACTIVE.get() or from_environment()


@contextmanager
def active(variant: Variant) -> Iterator[Variant]:
    """Work on ``variant`` inside the ``with`` block (the grader, a tester, a workshop)."""
    token = _ACTIVE.set(variant)
    try:
        yield variant
    finally:
        _ACTIVE.reset(token)


T = TypeVar("T")
_F = TypeVar("_F", bound=Callable[..., Any])


def variant_cache(function: _F) -> _F:
    """Like ``functools.cache``, but one entry per variant (and arguments), the recent ones.

    A grading worker scores many learners in one process, so only the latest 1,024
    entries are kept.
    """

    @functools.lru_cache(maxsize=1024)
    def cached(variant_id: str, variant: Variant, *args: Any) -> Any:
        with active(variant):
            return function(*args)

    @functools.wraps(function)
    def wrapper(*args: Any) -> Any:
        variant = current()
        return cached(variant.id, variant, *args)

    wrapper.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
    return wrapper  # type: ignore[return-value]


def shuffled(items: Sequence[T], name: str, variant: Variant | None = None) -> list[T]:
    """Return ``items`` in this variant's own order for ``name`` (facts stay; order varies)."""
    order = list(items)
    (variant or current()).rng(f"order:{name}").shuffle(order)
    return order
