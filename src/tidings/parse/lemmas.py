"""The model's rule lemmatizer, with its answers looked up a Doc at a time and kept in bounds.

spaCy's Lemmatizer asks its cache about every token in Python, making a MorphAnalysis for the key
each time (3 % of the time of coding short news), and the cache keeps every (word, part of
speech, morphology) it has met for the life of the process: over an ingest of millions of
articles it grows without end. ``Lemmas`` reads the keys of a whole Doc in one array, asks the
lemmatizer itself only about keys it has not met, and starts its memory again past
``REMEMBERED`` keys. The lemmas are the lemmatizer's own.
"""

from __future__ import annotations

from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc

NAME = "lemmatizer"
REMEMBERED = 200_000


@Language.factory("tidings_lemmas", assigns=["token.lemma"])
def make_lemmas(nlp: Language, name: str) -> Lemmas:
    return Lemmas(nlp)


class Lemmas:
    """The lemmas of a rule Lemmatizer, given with ``use(lemmatizer)``."""

    def __init__(self, nlp: Language) -> None:
        self.strings = nlp.vocab.strings
        self.lemmatizer: Lemmatizer | None = None
        self.known: dict[tuple[int, int, int], str] = {}

    def use(self, lemmatizer: Lemmatizer) -> None:
        self.lemmatizer = lemmatizer

    def __call__(self, doc: Doc) -> Doc:
        lemmatizer = self.lemmatizer
        assert lemmatizer is not None
        if not lemmatizer._validated:  # checks its tables, once
            return lemmatizer(doc)
        columns = doc.to_array([ORTH, POS, MORPH, LEMMA])
        known, strings = self.known, self.strings
        lemmas = columns[:, 3].copy()
        for i, (orth, pos, morph, lemma) in enumerate(columns.tolist()):
            if lemma and not lemmatizer.overwrite:
                continue
            key = (orth, pos, morph)
            found = known.get(key)
            if found is None:
                if len(known) >= REMEMBERED:
                    known.clear()
                    lemmatizer.cache.clear()
                found = known[key] = lemmatizer.lemmatize(doc[i])[0]
            # (added each time: a string first met in an earlier memory zone is gone from the store)
            lemmas[i] = strings.add(found)
        doc.from_array([LEMMA], lemmas.reshape(-1, 1))
        return doc


def replace_lemmatizer(nlp: Language) -> bool:
    """Put ``Lemmas`` in place of the pipeline's rule Lemmatizer; whether it did."""
    if NAME not in nlp.pipe_names:
        return False
    lemmatizer = nlp.get_pipe(NAME)
    if not isinstance(lemmatizer, Lemmatizer) or lemmatizer.mode != "rule":
        return False
    lemmas = nlp.replace_pipe(NAME, "tidings_lemmas")
    lemmas.use(lemmatizer)
    return True
