"""Exercise widgets: thin views over the scenario models that save every answer."""

from .base import AnswerWidget
from .choice import Choice, Matching
from .ranking import RankingBoard

__all__ = ["AnswerWidget", "Choice", "Matching", "RankingBoard"]
