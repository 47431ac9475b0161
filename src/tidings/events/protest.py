"""Protesters' force: "rioters torched cars", "protesters clashed with police".

CAMEO codes what people out in protest do by force as a violent protest (145) or an
obstruction (144), not as an assault or a battle; a clash of theirs with the police is one
riot, coded from their side (what the police did to them is an event when the text says it:
"fired tear gas"). The nouns that name them are in data/lexicon/protesters.tsv, the
codes their acts take in the riot column of data/ontology/frames.tsv.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..data_files import bundled_table
from ..ontology.frames import framed_code

PROTESTERS = frozenset(row["noun"] for row in bundled_table("lexicon", "protesters.tsv"))


def protest_code(cameo: str, actor: Token | None) -> str:
    """The code of an act when ``actor`` (the head of its source) does it."""
    if actor is None or actor.lemma_.lower() not in PROTESTERS:
        return cameo
    return framed_code("riot", cameo) or cameo
