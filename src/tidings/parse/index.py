"""Per-document lookups that spaCy rebuilds on every call, or that would scan the whole document,
computed once.

``Token.sent`` and ``Span.ents`` walk the document each time they are asked, and the actor
mentions of a token or a sentence are a scan of every mention of the article; the components
ask them for every token and every event, so they share these indexes instead. Asked once per
sentence or event, a scan of the document makes a long text cost the square of its length.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from .mentions import Mention

_KEY = "tidings.index"
_MENTIONS_KEY = "tidings.mention_index"


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


@dataclass(slots=True)
class MentionIndex:
    """The actor mentions of a Doc (``doc._.actors``) by token and by sentence.

    covering: token index -> the mentions whose span holds the token, in text order.
    of_head: token index -> the mentions headed by the token, in text order.
    of_sentence: sentence number -> the mentions whose head is in it, in text order.
    """

    mentions: list[Mention]
    covering: dict[int, list[Mention]]
    of_head: dict[int, list[Mention]]
    of_sentence: list[list[Mention]]


def mention_index(doc: Doc) -> MentionIndex:
    """The index of the actor mentions of a Doc the actors stage has run on, built on first use."""
    mentions = doc._.actors or []
    index = doc.user_data.get(_MENTIONS_KEY)
    if index is None or index.mentions is not mentions:
        sentence_of = doc_index(doc).sentence_of
        covering: dict[int, list[Mention]] = {}
        of_head: dict[int, list[Mention]] = {}
        of_sentence: list[list[Mention]] = [[] for _ in doc_index(doc).sentences]
        for mention in mentions:
            of_sentence[sentence_of[mention.head]].append(mention)
            of_head.setdefault(mention.head, []).append(mention)
            for i in range(mention.start, mention.end):
                covering.setdefault(i, []).append(mention)
        index = MentionIndex(mentions, covering, of_head, of_sentence)
        doc.user_data[_MENTIONS_KEY] = index
    return index


def forget(doc: Doc) -> None:
    """Drop a Doc's indexes once it is read. They hold Spans, which hold the Doc: a cycle that
    keeps the Doc and its parse arrays alive until Python's cycle collector happens to run, so
    that memory grows with the number of Docs parsed rather than with the largest one."""
    doc.user_data.pop(_KEY, None)
    doc.user_data.pop(_MENTIONS_KEY, None)
