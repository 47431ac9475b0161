"""Speakers: who says something is not, by saying it, a party to what is said.

"Relief officials in Nairobi said rebels shelled Juba": Nairobi is where the officials
are, not where the shelling happened, and the officials' country is not the rebels'.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..data_files import bundled_table

SPEECH = frozenset(row["verb"] for row in bundled_table("lexicon", "speech.tsv"))
# Verbs whose saying is a public statement (CAMEO 010): "yes" by itself, "quoted" only in a formal
# statement or a quotation (the statement column of speech.tsv).
STATEMENTS = {
    row["verb"]: row["statement"] for row in bundled_table("lexicon", "speech.tsv") if row["statement"]
}


def with_speaker(token: Token) -> bool:
    """Whether a word belongs to the subject of a verb of saying."""
    for ancestor in (token, *token.ancestors):
        if ancestor.dep_ in ("nsubj", "nsubjpass") and ancestor.head.lemma_.lower() in SPEECH:
            return True
    return False
