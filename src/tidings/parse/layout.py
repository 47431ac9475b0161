"""The ``tidings_layout`` component: lines, datelines and boilerplate, before parsing.

News text arrives with its page furniture: the outlet's name above the
headline, bylines, photo credits such as "(Leah Millis/Pool via AFP)". A line
break always ends a sentence (headlines carry no full stop), and the furniture
is marked so that no actor or event is taken from it. A wire dateline
("NAIROBI, March 3 (Reuters) -") is kept as the place of the story. No sentence
is left longer than ``SENTENCE_TOKENS`` tokens (see ``tidings.parse.pieces``).
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from .pieces import SENTENCE_TOKENS

# A photo credit is a short parenthesis ("(Leah Millis/Pool via AFP)"): bounded, it is found in
# time linear in the text, where an unbounded one took the square of a parenthesis left open.
PARENTHESIS = re.compile(r"\([^()]{1,200}\)")
CREDIT_WORDS = re.compile(r"/|\bvia\b|\bphoto\b|\bfile\b|\bcredit\b|\bimage\b|\bpool\b", re.IGNORECASE)
AGENCY = re.compile(r"\b(?:AFP|Reuters|AP|EPA|Getty|Xinhua|Anadolu|Pool|Shutterstock|Bloomberg)\b")
# ("and" stands between spaces: were it allowed inside a word, "By Xandrandr..." would make the
# match try every way of splitting the line and never end)
BYLINE = re.compile(
    r"^\s*(?:By|BY)\s+[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3}"
    r"(?:(?:\s*,|\s+and|\s*&)\s*[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3})*\s*$"
)
# "NAIROBI, March 3 (Reuters) -", "KYIV, Ukraine (AP) —", "LAGOS, March 3, 2024 -",
# "GAZA CITY, Palestinian Territories:", "LYON:"
DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Z .'-]{2,40}?)"
    r"(?:,\s*[A-Z][A-Za-z.]+(?:\s+[A-Za-z]+)*(?:\s+\d{1,2})?(?:,?\s+\d{4})?)?\s*"
    r"(?:\([^)]{2,40}\))?\s*(?:[-\u2013\u2014]+|:)\s",
    re.MULTILINE,  # matched from the start of a line: under a headline, "^" must match there
)
# Syndication notes and wire credits at the foot of a story: "This article was provided by
# Meridian Wire ...", "Reporting by ...; Editing by ...".
FOOTER = re.compile(
    r"^\s*(?:This (?:article|story|report|piece) (?:was|is|has been|first)\b.{0,40}?"
    r"\b(?:provided|published|appeared|distributed|republished|syndicated|reproduced)\b"
    r"|(?:Additional )?(?:Reporting|Writing|Editing) by\b|Originally published\b)",
    re.IGNORECASE,
)
FURNITURE = re.compile(
    r"^\s*(?:photo|image|file photo|advertisement|read more|related|share this|subscribe|sign up"
    r"|copyright|©)\b",
    re.IGNORECASE,
)


@Language.factory(
    "tidings_layout",
    assigns=["token.is_sent_start", "doc._.boilerplate", "doc._.dateline", "doc._.sentences_cut"],
)
def make_layout(nlp: Language, name: str) -> Layout:
    return Layout()


class Layout:
    """Sentence breaks at line ends, boilerplate token indices, the dateline."""

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        skip: set[int] = set()
        for token in doc:
            if token.i and "\n" in doc[token.i - 1].text_with_ws:
                token.is_sent_start = True
        doc._.sentences_cut = _bound_sentences(doc)
        lines = _lines(text)
        for number, (start, end) in enumerate(lines):
            line = text[start:end]
            if _is_furniture(line) or (number == 0 and _is_masthead(doc, start, end, lines)):
                skip.update(_tokens_in(doc, start, end))
        for match in PARENTHESIS.finditer(text):
            credit = match.group()
            if CREDIT_WORDS.search(credit) and ("/" in credit or AGENCY.search(credit)):
                skip.update(_tokens_in(doc, match.start(), match.end()))
        doc._.boilerplate = skip
        doc._.dateline = None
        for start, end in lines[:3]:
            found = DATELINE.match(text, start, end)
            if found:
                place = found.group("place").strip()
                offset = text.index(place, start)
                doc._.dateline = (offset, offset + len(place))
                # A dateline is furniture, not an actor; its place is kept to geocode the story.
                skip.update(_tokens_in(doc, start, found.end()))
                break
        return doc


def _bound_sentences(doc: Doc) -> int:
    """Start a sentence wherever one would grow past ``SENTENCE_TOKENS`` tokens: after its last
    full stop, or, in a run of words with none, at the limit; the number of runs cut so."""
    split = 0
    start = 0  # where the sentence being read starts
    after_stop = None  # the token after its last full stop, question or exclamation mark
    for token in doc:
        if token.is_sent_start:
            start, after_stop = token.i, None
        elif token.i - start >= SENTENCE_TOKENS:
            if after_stop is None:
                after_stop = token.i
                split += 1
            doc[after_stop].is_sent_start = True
            start, after_stop = after_stop, None
        if token.is_punct and token.text[-1] in ".!?" and token.i + 1 < len(doc):
            after_stop = token.i + 1
    return split


def _lines(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for piece in text.split("\n"):
        end = start + len(piece)
        if piece.strip():
            spans.append((start, end))
        start = end + 1
    return spans


def _is_furniture(line: str) -> bool:
    return bool(BYLINE.match(line) or FURNITURE.match(line) or FOOTER.match(line))


def _is_masthead(doc: Doc, start: int, end: int, lines: list[tuple[int, int]]) -> bool:
    """A short capitalised first line with no verb above the headline and story ("Global Courant")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(lines) < 3:
        return False
    words = [token for token in span if not token.is_space]
    return (
        1 <= len(words) <= 4
        and all(token.text[:1].isupper() for token in words)
        and not any(token.tag_.startswith(("VB", "MD")) or token.is_punct for token in words)
    )


def _tokens_in(doc: Doc, start: int, end: int) -> list[int]:
    span = doc.char_span(start, end, alignment_mode="expand")
    return [token.i for token in span] if span is not None else []
