"""The attributes tidings adds to spaCy's Doc, registered in one place.

Doc._.pub_date    the article's publication date (datetime.date or None), set before parsing
Doc._.boilerplate token indices that are not news (mastheads, bylines, photo credits)
Doc._.actors      every actor mention found, in text order (list of Mention)
Doc._.actor_at    token index of a noun phrase's head -> the Mentions it stands for
Doc._.named_at    token index -> the country or organisation a knowledge-base name there stands
                  for, also where it only modifies another noun ("a U.N. resolution")
Doc._.events      the events found (list of EventMention), in text order
Doc._.dateline    the character span of the story's dateline place, or None
Doc._.sentences_cut  how many runs of tokens without a full stop were cut into sentences of at most
                  ``parse.pieces.SENTENCE_TOKENS``
"""

from __future__ import annotations

from spacy.tokens import Doc

_ATTRIBUTES = {
    "pub_date": None,
    "boilerplate": None,
    "actors": None,
    "actor_at": None,
    "named_at": None,
    "events": None,
    "dateline": None,
    "sentences_cut": 0,
}


def register() -> None:
    """Register the extension attributes; safe to call more than once."""
    for name, default in _ATTRIBUTES.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
