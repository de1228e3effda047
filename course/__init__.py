"""Product Leadership, from PM to CPO: the learner's package.

``course.start(module, notebook)`` opens a lesson's answer record; widgets, data loaders,
self-checks and plots are in the submodules. Nothing here holds a graded answer.
"""

from .lesson import Lesson, start

__all__ = ["Lesson", "start"]
__version__ = "0.1.0"
