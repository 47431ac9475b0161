"""Per-document lookups that spaCy rebuilds on every call, computed once.

``Token.sent`` and ``Span.ents`` walk the document each time they are asked; the components
ask them for every token and every event, so they share this index instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

_KEY = "tidings.index"


@dataclass(slots=True)
class DocIndex:
    sentence_of: list[int]
    sentences: list[Span]
    ents: list[list[Span]]
    ent_at: dict[int, Span]
    questions: dict[int, bool] = field(default_factory=dict)

    def sentence_ents(self, token_index: int) -> list[Span]:
        """The named entities of the sentence a token is in."""
        return self.ents[self.sentence_of[token_index]]

    def asks(self, token_index: int) -> bool:
        """Whether the sentence a token is in is a question (ends in a question mark)."""
        number = self.sentence_of[token_index]
        asked = self.questions.get(number)
        if asked is None:
            # The last word that is not white space, rather than Span.text, which joins every token.
            last = next((t.text for t in reversed(self.sentences[number]) if not t.text.isspace()), "")
            asked = self.questions[number] = last.endswith("?")
        return asked


def doc_index(doc: Doc) -> DocIndex:
    """The index of a parsed Doc, built on first use."""
    index = doc.user_data.get(_KEY)
    if index is None or len(index.sentence_of) != len(doc):
        sentences = list(doc.sents)
        sentence_of = [0] * len(doc)
        ents: list[list[Span]] = [[] for _ in sentences]
        for number, sentence in enumerate(sentences):
            sentence_of[sentence.start : sentence.end] = [number] * len(sentence)
        ent_at = {}
        for ent in doc.ents:
            ents[sentence_of[ent.start]].append(ent)
            for i in range(ent.start, ent.end):
                ent_at[i] = ent
        index = DocIndex(sentence_of, sentences, ents, ent_at)
        doc.user_data[_KEY] = index
    return index
