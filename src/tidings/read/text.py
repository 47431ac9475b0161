"""Plain text: the whole file is one article."""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from typing import BinaryIO

from ..errors import problem
from ..model import Article, Problem
from .dates import header_date
from .encoding import decode
from .records import too_long


def read_text(
    stream: BinaryIO, *, origin: str, date: str | None = None, max_chars: int = 1_000_000
) -> Iterator[Article | Problem]:
    """The one Article in a plain-text stream, or the Problem that keeps it from being one.

    The text is kept exactly as written, apart from a leading byte order mark; text that is not
    UTF-8 is decoded in the encoding found for it, with a TID116 warning. Without
    a ``date``, the publication date is read from a byline or date line near the top, if any.
    """
    # A character takes at most four bytes in UTF-8, so reading past that many bytes for max_chars
    # characters proves the text too long without holding all of a huge file.
    limit = 4 * max_chars + len(codecs.BOM_UTF8)
    data = stream.read(limit + 1)
    if b"\x00" in data and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        yield problem(origin, "TID102", _binary_detail(data))
        return
    if len(data) > limit:
        yield problem(origin, "TID104", f"more than {max_chars:,} characters")
        return
    text = decode(data, origin=origin)
    if text is None:
        yield problem(origin, "TID103", "and no other encoding fits it")
        return
    if not text.strip():
        yield problem(origin, "TID101")
        return
    if long := too_long(text, origin=origin, max_chars=max_chars):
        yield long
        return
    # A page saved as text keeps its byline: "By NewsPulse Staff | 12 Nov 2024 | 3 min read".
    yield Article(text=text, date=date or header_date(text), origin=origin)


def _binary_detail(data: bytes) -> str:
    line = data.count(b"\n", 0, data.index(b"\x00")) + 1
    return f"a NUL byte at line {line}"
