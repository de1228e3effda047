"""The instructor's choice of scenario variants: per learner, shared, and the course seed.

Set in ``nbgrader_config.py``::

    c.Variants.mode = "per-learner"        # or "shared": one scenario for the whole class
    c.Variants.course_seed = "spring-2027" # a new term: every learner gets new numbers

Grading passes these, with nbgrader's student id as the learner, to every grading kernel
(``PLCOURSE_LEARNER``, ``PLCOURSE_SEED``, ``PLCOURSE_VARIANTS``) and makes the same variant
active in the grader's own process, so the reference is computed on the learner's data.
Learners' kernels read the same variables: on a hub, set them for every learner in the
spawner's environment (the README's hub section shows how; ``plcourse doctor`` compares).
"""

from __future__ import annotations

from traitlets import Enum, Unicode, validate
from traitlets.config import LoggingConfigurable

from course.variants import DEFAULT_SEED, ENV_LEARNER, ENV_MODE, ENV_SEED, MODES, Variant

__all__ = ["Variants"]


class Variants(LoggingConfigurable):
    """Which scenario variant each learner works on, and is graded on."""

    mode = Enum(
        list(MODES), default_value=MODES[0],
        help="'per-learner': every learner gets scenario data of their own, generated from "
             "the course seed and their id, and is graded against their own reference (one "
             "solved notebook passed around a class earns nothing). 'shared': the whole "
             "class works on one variant. Learners' kernels must use the same mode "
             "(PLCOURSE_VARIANTS in the hub's spawner environment).",
    ).tag(config=True)
    course_seed = Unicode(
        DEFAULT_SEED,
        help="The course seed all variants are generated from. Change it for a new term so "
             "that last term's answers fit nobody's scenario; learners' kernels must use the "
             "same seed (PLCOURSE_SEED in the hub's spawner environment).",
    ).tag(config=True)

    @validate("course_seed")
    def _seed(self, proposal: dict) -> str:
        seed = str(proposal["value"]).strip()
        if not seed or len(seed) > 200:
            raise ValueError("Variants.course_seed must be a non-empty text of at most 200 "
                             "characters, for example 'spring-2027'")
        return seed

    def for_learner(self, learner: str) -> Variant:
        """The variant ``learner`` works on under these settings."""
        return Variant(learner, self.course_seed, self.mode)

    def environment(self, learner: str | None) -> dict[str, str]:
        """The environment variables that give a kernel this learner's variant."""
        env = {ENV_SEED: self.course_seed, ENV_MODE: self.mode}
        if learner:
            env[ENV_LEARNER] = learner
        return env
