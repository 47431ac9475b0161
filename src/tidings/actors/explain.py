"""Explaining a resolution: which code a phrase gets on a date, from which entry, by which rule."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ..errors import TidingsError
from ..parse.pipeline import load
from .kb import KnowledgeBase


def resolve_phrase(
    phrase: str, *, date: str | None = None, model: str | None = None, actors: Sequence[str] = ()
) -> list[str]:
    """Lines that say what ``phrase`` resolves to on ``date`` and why (for ``tidings actors resolve``)."""
    try:
        day = dt.date.fromisoformat(date) if date else None
    except ValueError:
        raise TidingsError(f"the date {date!r} is not YYYY-MM-DD") from None
    nlp = load(model, kb=KnowledgeBase(user_files=actors))
    doc = nlp.make_doc(phrase)
    doc._.pub_date = day
    doc = nlp(doc)
    mentions = sorted(doc._.actors or (), key=lambda m: (-(m.end - m.start), m.start))
    if not mentions:
        return [f"{phrase!r}: no actor found (not in the knowledge base, and no country or role words)"]
    lines = []
    covered: set[int] = set()
    for mention in mentions:
        if mention.head in covered:
            continue
        covered.update(range(mention.start, mention.end))
        parts = mention.spread()
        for part in parts:
            text = doc[mention.start : mention.end].text
            lines += [
                f"{text}" + (f" on {day.isoformat()}" if day else ""),
                f"  code     {part.code or '(none)'}",
                f"  name     {part.name or '(none)'}",
                f"  country  {part.country or '(none)'}    sector {part.sector or '(none)'}"
                f"    kind {part.kind}",
                f"  why      {mention.why if part is mention else part.why}",
            ]
    return lines
