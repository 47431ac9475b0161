"""Non-human causes: "the earthquake killed 40" is no one's act, "gunmen killed 40" is an attack.

The causes (disasters, accidents, disease) are in data/lexicon/causes.tsv. A sentence that names
one carries no violence of an unnamed actor: its deaths and injuries are the disaster's. An
explosion is an accident's only when the sentence names no weapon and no attack.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..data_files import bundled_table
from .lexicon import default_lexicon, phrase_keys
from .weapons import is_weapon

CAUSES = frozenset(row["cause"] for row in bundled_table("lexicon", "causes.tsv") if row["kind"] != "blast")
BLASTS = frozenset(row["cause"] for row in bundled_table("lexicon", "causes.tsv") if row["kind"] == "blast")


# A cause's word in an organisation's or a thing's name ("North Korea's Storm Corps") is no cause.
NAMES_NO_CAUSE = frozenset({"ORG", "FAC", "PRODUCT", "WORK_OF_ART", "LAW"})


def is_cause(token: Token) -> bool:
    return (
        token.pos_ in ("NOUN", "PROPN")
        and token.ent_type_ not in NAMES_NO_CAUSE
        and any(key in CAUSES for key in phrase_keys(token))
    )


def names_cause(sentence: Span) -> bool:
    """Whether a sentence names a disaster, an accident or a disease, or a blast of no weapon."""
    if any(is_cause(token) for token in sentence):
        return True
    blasts = [t for t in sentence if t.pos_ == "NOUN" and t.lemma_.lower() in BLASTS]
    return bool(blasts) and not any(_violent(t) for t in sentence if t not in blasts)


def _violent(token: Token) -> bool:
    entry = default_lexicon().noun_entry(token) if token.pos_ in ("NOUN", "PROPN") else None
    return is_weapon(token) or (entry is not None and entry.cameo[:2] in ("18", "19", "20"))
