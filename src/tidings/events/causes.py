"""Non-human causes: "the earthquake killed 40" is no one's act, "gunmen killed 40" is an attack.

The causes (disasters, accidents, disease) are in data/lexicon/causes.tsv. A sentence that names
one carries no violence of an unnamed actor: its deaths and injuries are the disaster's.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..data_files import bundled_table
from .lexicon import phrase_keys

CAUSES = frozenset(row["cause"] for row in bundled_table("lexicon", "causes.tsv"))


def is_cause(token: Token) -> bool:
    return token.pos_ in ("NOUN", "PROPN") and any(key in CAUSES for key in phrase_keys(token))


def names_cause(sentence: Span) -> bool:
    """Whether a sentence names a disaster, an accident or a disease."""
    return any(is_cause(token) for token in sentence)
