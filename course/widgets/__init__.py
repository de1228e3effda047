"""Exercise widgets: thin views over the scenario models that save every answer."""

from .allocation import AllocationPanel
from .base import AnswerWidget
from .buckets import KANO_LABELS, MOSCOW_LABELS, Buckets
from .choice import Choice, Matching
from .raci import RaciGrid
from .ranking import RankingBoard
from .ratings import CompetencyRatings

__all__ = [
    "AllocationPanel",
    "KANO_LABELS", "MOSCOW_LABELS", "AnswerWidget", "Buckets", "Choice", "Matching",
    "RankingBoard",
    "CompetencyRatings", "RaciGrid",
]
