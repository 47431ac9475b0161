"""Measuring tidings against annotated gold records (docs/evaluation.md)."""

from .gold import GoldEvent, GoldRecord, read_gold
from .scores import Scores, evaluate, score

__all__ = ["GoldEvent", "GoldRecord", "Scores", "evaluate", "read_gold", "score"]
