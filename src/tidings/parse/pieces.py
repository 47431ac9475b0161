"""Bounded work per record: a long text is parsed in pieces, a word or a sentence too long to
parse is left out or cut.

Parsing one Doc costs more than its length in time (the stages that look back through the
article) and in memory (spaCy's tok2vec holds several arrays per token of the whole Doc: 50,000
tokens take 700 MB), and spaCy's tokenizer takes the square of the length of a run of
characters without a space ("((((...": 20,000 of them take a minute). So no Doc is made of more
than ``PIECE_CHARS`` characters or ``PIECE_TOKENS`` tokens, no run longer than ``WORD_CHARS``
reaches the tokenizer, and no sentence is longer than ``SENTENCE_TOKENS`` tokens: a text's time
then grows with its length, and its memory stays bounded, whatever it holds.

A piece is cut at a paragraph break if it can be, else at the end of a sentence, else between
words; each is coded as an article of its own (what one piece says about an actor is not
remembered in the next), and its offsets and sentence numbers are those of the whole text. A
word left out is replaced by as many spaces in what the parser reads, so that every offset
stays the text's own.
"""

from __future__ import annotations

import re

from ..errors import problem
from ..model import Problem

# The longest text parsed as one Doc, in characters: longer than nearly every news article
# (100,000 characters of news are about 19,000 tokens).
PIECE_CHARS = 100_000
# The most tokens parsed as one Doc (or in one batch of Docs): a piece of denser text ("Go. Go.")
# is cut smaller, so that a Doc and its parse stay well within 1 GB.
PIECE_TOKENS = 20_000
# The most tokens parsed in one call of the pipeline (a batch of Docs; a longer piece is parsed
# alone): the parser's arrays for a batch take about 17 kB a token, so 20,000 tokens of long articles
# took 200 MB more than the pipeline itself for as long as the batch was parsed, 4,000 take 60 MB,
# and no time is lost (batches of 4,000 tokens were 4 % faster on long articles than of 12,000).
BATCH_TOKENS = 4_000
# The longest run of characters without a space that is parsed: longer than a URL or a
# chemical name, short enough that spaCy's tokenizer takes milliseconds over it.
WORD_CHARS = 200
# The longest sentence parsed, in tokens: a sentence of news is rarely a tenth as long, and
# some stages look at every word of a sentence for each of its words.
SENTENCE_TOKENS = 250

# (matched only from the start of a run: tried from within runs too, it would be quadratic itself)
LONG_WORD = re.compile(rf"(?<!\S)\S{{{WORD_CHARS + 1},}}")
SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s+")
SPACE = re.compile(r"\s+")


def cuts(text: str, *, limit: int = PIECE_CHARS) -> list[tuple[int, int]]:
    """Start and end offsets of consecutive pieces that cover the text, none over ``limit``.

    A cut is sought in the second half of each piece, so that no piece is very short: the last
    paragraph break there, else the last sentence end, else the last space, else at ``limit``.
    """
    spans = []
    start = 0
    while len(text) - start > limit:
        end = _cut(text, start + limit // 2, start + limit)
        spans.append((start, end))
        start = end
    spans.append((start, len(text)))
    return spans


def _cut(text: str, low: int, high: int) -> int:
    for separator in ("\n\n", "\n"):
        at = text.rfind(separator, low, high)
        if at >= 0:
            return at + len(separator)
    for pattern in (SENTENCE_END, SPACE):
        ends = [match.end() for match in pattern.finditer(text, low, high)]
        if ends:
            return ends[-1]
    return high


def blank_long_words(text: str) -> tuple[str, tuple[int, ...]]:
    """The text with each run of more than ``WORD_CHARS`` characters without a space replaced by
    spaces, and the lengths of the runs replaced."""
    lengths = tuple(len(match.group()) for match in LONG_WORD.finditer(text))
    if not lengths:
        return text, ()
    return LONG_WORD.sub(lambda match: " " * len(match.group()), text), lengths


def warnings(origin: str, *, words_left_out: list[int], sentences_cut: int) -> list[Problem]:
    """The warnings of one record: the lengths of the words left out, and how many runs of tokens
    without a full stop were cut into sentences."""
    found = []
    if words_left_out:
        count = len(words_left_out)
        detail = (
            f"{count:,} run{'s' if count != 1 else ''} of more than {WORD_CHARS} characters "
            f"without a space, the longest {max(words_left_out):,}"
        )
        found.append(problem(origin, "TID202", detail))
    if sentences_cut:
        detail = (
            f"{sentences_cut:,} run{'s' if sentences_cut != 1 else ''} of more than "
            f"{SENTENCE_TOKENS} tokens without a full stop"
        )
        found.append(problem(origin, "TID203", detail))
    return found
