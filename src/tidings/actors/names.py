"""Where the knowledge base's names occur in a text, token by token.

A name matches where the text's tokens are the tokens the model's tokenizer makes of the name, as
spaCy's ``PhraseMatcher`` on ``ORTH`` would match it; tokens are compared by their ORTH hashes,
read from the Doc in one call instead of one Token object a word. The token sequences are made once per
knowledge base and tokenizer and kept compiled (``tidings.compiled``): tokenizing some twelve
thousand names at every start-up took most of a second.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import spacy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc

from ..compiled import compiled, fingerprint


class NameIndex:
    """Token sequences of names (ORTH hashes), and the lengths of the sequences that start with each token."""

    def __init__(self, sequences: set[tuple[int, ...]], lengths: dict[int, tuple[int, ...]]) -> None:
        self.sequences = sequences
        self.lengths = lengths

    @classmethod
    def of(cls, sequences: Iterable[Sequence[int]]) -> NameIndex:
        unique = {tuple(words) for words in sequences if words}
        lengths: dict[int, set[int]] = {}
        for words in unique:
            lengths.setdefault(words[0], set()).add(len(words))
        return cls(unique, {word: tuple(sorted(found)) for word, found in lengths.items()})

    def spans(self, doc: Doc) -> list[tuple[int, int]]:
        """(start, end) of every occurrence of a name in ``doc``, overlapping ones included."""
        words = doc.to_array(ORTH).tolist()
        found = []
        for start, word in enumerate(words):
            for length in self.lengths.get(word, ()):
                end = start + length
                if end <= len(words) and tuple(words[start:end]) in self.sequences:
                    found.append((start, end))
        return found


def name_index(nlp: Language, names: Iterable[str], *, key: str) -> NameIndex:
    """The index of ``names`` as ``nlp``'s tokenizer splits them; ``key`` fingerprints the names."""
    tokenizer = Path(nlp.path, "tokenizer") if nlp.path else None
    # The tokenizer's own file says how it splits; a pipeline not loaded from disk has none.
    rules = tokenizer if tokenizer and tokenizer.is_file() else nlp.tokenizer.to_bytes().hex()

    def build() -> tuple[set[tuple[int, ...]], dict[int, tuple[int, ...]]]:
        index = NameIndex.of(tuple(token.orth for token in nlp.make_doc(name)) for name in names)
        return index.sequences, index.lengths

    sequences, lengths = compiled(
        "actor-names", fingerprint(key, spacy.__version__, nlp.lang, rules, Path(__file__)), build
    )
    return NameIndex(sequences, lengths)
