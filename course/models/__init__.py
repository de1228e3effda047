"""Pure scenario models: plain data in, plain data out; no widgets, no plots."""

from ._checks import ScenarioError

__all__ = ["ScenarioError"]
