"""Actors: the knowledge base of countries, organisations and office holders, and how names resolve."""

from .kb import Entry, KnowledgeBase

__all__ = ["Entry", "KnowledgeBase"]
