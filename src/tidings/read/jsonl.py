"""JSON lines (``.jsonl``, ``.ndjson``) and ``.json`` files: one article per JSON object.

Both are read a record at a time, so one bad record is reported and the rest
are still read, and a file of any size takes little memory.
"""

from __future__ import annotations

import codecs
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

from ..errors import problem
from ..model import Article, Problem
from .records import DEFAULT_FIELDS, Fields, describe, record_articles
from .streams import bounded_lines, peek_line

_DECODER = json.JSONDecoder()
_WHITESPACE = re.compile(r"[ \t\r\n]*")
# What a value passed over without parsing it is made of: whole strings, brackets, a string cut off.
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]|"')
_SCALAR = re.compile(r"[^\s,\]}]*")
_CHUNK = 1 << 16


def read_jsonl(
    stream: BinaryIO,
    *,
    origin: str,
    fields: Fields = DEFAULT_FIELDS,
    date: str | None = None,
    max_chars: int = 1_000_000,
) -> Iterator[Article | Problem]:
    """Articles from JSON lines, one object per line, each Problem at ``origin:line``."""
    empty = True
    for number, raw in enumerate(bounded_lines(stream, line_limit(max_chars)), start=1):
        where = f"{origin}:{number}"
        if raw is None:
            empty = False
            yield problem(where, "TID104", f"a line of more than {line_limit(max_chars):,} bytes")
            continue
        if not raw.strip():
            continue
        empty = False
        try:
            line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as error:
            yield problem(where, "TID103", f"byte 0x{raw[error.start]:02x} at column {error.start + 1}")
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield problem(where, "TID105", f"{error.msg} at column {error.colno}")
            continue
        except (RecursionError, ValueError) as error:
            yield problem(where, "TID105", _unparsable(error))
            continue
        yield from _record_articles(record, origin=where, fields=fields, date=date, max_chars=max_chars)
    if empty:
        yield problem(origin, "TID101")


def read_json(
    stream: BinaryIO,
    *,
    origin: str,
    fields: Fields = DEFAULT_FIELDS,
    date: str | None = None,
    max_chars: int = 1_000_000,
) -> Iterator[Article | Problem]:
    """Articles from a ``.json`` file: JSON lines, an array of objects, or objects one after another.

    JSON lines are reported at ``origin:line``; the n-th object of an array at
    ``origin#n``, since a whole array is often written on one line.
    """
    first, stream = peek_line(stream)
    options = {"fields": fields, "date": date, "max_chars": max_chars}
    if not first:
        yield problem(origin, "TID101")
    elif looks_like_jsonl(first):
        yield from read_jsonl(stream, origin=origin, **options)
    else:
        values = _JsonValues(stream)
        try:
            for number, record in enumerate(values, start=1):
                if isinstance(record, _Unparsable):
                    yield problem(f"{origin}#{number}", "TID105", record.detail)
                    continue
                yield from _record_articles(record, origin=f"{origin}#{number}", **options)
        except json.JSONDecodeError as error:
            # After a syntax error there is no telling where the next value starts.
            line = values.line(error.pos)
            yield problem(origin, "TID105", f"{error.msg} at line {line}; the rest is not read")


def looks_like_jsonl(line: bytes) -> bool:
    """Whether ``line``, the first line of a file that is not blank, is a whole JSON object."""
    try:
        return isinstance(json.loads(line.decode("utf-8-sig")), dict)
    except (UnicodeDecodeError, RecursionError, ValueError):  # also JSONDecodeError, a ValueError
        return False


def line_limit(max_chars: int) -> int:
    """The longest JSON line read: room for ``max_chars`` characters written as ``\\uXXXX`` escapes.

    A longer line is passed over unread (TID104) rather than held in memory whole.
    """
    return 8 * max_chars + (1 << 20)


def _unparsable(error: Exception) -> str:
    """Why json could not build a value that is valid JSON: too deep, or a number too long."""
    if isinstance(error, RecursionError):
        return "arrays or objects nested too deep"
    if "digits" in str(error):
        return f"a number of more than {sys.get_int_max_str_digits():,} digits"
    return str(error).split(":")[0]


@dataclass(frozen=True, slots=True)
class _Unparsable:
    detail: str


def _record_articles(
    record: Any, *, origin: str, fields: Fields, date: str | None, max_chars: int
) -> Iterator[Article | Problem]:
    if not isinstance(record, dict):
        yield problem(origin, "TID105", describe(record))
        return
    yield from record_articles(record, origin=origin, fields=fields, date=date, max_chars=max_chars)


class _JsonValues:
    """The elements of a top-level JSON array, or a run of JSON values, parsed one at a time.

    Bytes that are not UTF-8 are decoded to lone surrogates rather than failing
    the whole file, so that only the record holding them is reported.
    """

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self._decoder = codecs.getincrementaldecoder("utf-8-sig")(errors="surrogateescape")
        self._text = ""
        self._pos = 0
        self._line = 1  # the line of self._pos
        self._eof = False

    def __iter__(self) -> Iterator[Any]:
        in_array = self._next_char() == "["
        if in_array:
            self._advance(self._pos + 1)
        while char := self._next_char():
            if in_array and char == "]":
                return
            if in_array and char == ",":
                self._advance(self._pos + 1)
                continue
            try:
                yield self._value()
            except json.JSONDecodeError:
                raise
            except (RecursionError, ValueError) as error:
                self._skip()
                yield _Unparsable(_unparsable(error))
        if in_array:
            raise json.JSONDecodeError("the array is not closed", self._text, self._pos)

    def line(self, pos: int) -> int:
        """The line of position ``pos`` of the text held now."""
        return self._line + self._text.count("\n", self._pos, pos)

    def _value(self) -> Any:
        size = _CHUNK
        while True:
            try:
                value, end = _DECODER.raw_decode(self._text, self._pos)
            except json.JSONDecodeError:
                if self._read(size):
                    size *= 2  # a long value is re-parsed from its start, so read ever more at a time
                    continue
                raise
            # A number at the very end may go on in the next chunk.
            if end == len(self._text) and self._read(size):
                continue
            self._advance(end)
            return value

    def _skip(self) -> None:
        """Move past the value at the current position without building it, reading on as needed."""
        offset = depth = 0  # offset from self._pos, which _read moves
        while True:
            if depth == 0 and self._text[self._pos + offset : self._pos + offset + 1] not in "[{":
                end = _SCALAR.match(self._text, self._pos + offset).end()
                if end < len(self._text) or not self._read(_CHUNK):
                    self._advance(end)
                    return
                continue
            token = _TOKEN.search(self._text, self._pos + offset)
            if token is None or token[0] == '"':  # the rest is in the next chunk
                offset = (token.start() if token else len(self._text)) - self._pos
                if not self._read(_CHUNK):
                    self._advance(len(self._text))
                    return
                continue
            offset = token.end() - self._pos
            if token[0] in "[{":
                depth += 1
            elif token[0] in "]}":
                depth -= 1
                if depth == 0:
                    self._advance(token.end())
                    return

    def _next_char(self) -> str:
        """The next character that is not whitespace, or "" at the end of the stream."""
        while True:
            self._advance(_WHITESPACE.match(self._text, self._pos).end())
            if self._pos < len(self._text):
                return self._text[self._pos]
            if not self._read(_CHUNK):
                return ""

    def _advance(self, pos: int) -> None:
        self._line = self.line(pos)
        self._pos = pos

    def _read(self, size: int) -> bool:
        """Add up to ``size`` more bytes of the stream to the text; False when there were none."""
        if self._eof:
            return False
        data = self._stream.read(size)
        self._eof = not data
        text = self._decoder.decode(data, final=self._eof)
        if text:
            # Positions held elsewhere (in a JSONDecodeError) are only valid while nothing is added.
            self._text = self._text[self._pos :] + text
            self._pos = 0
        # A chunk may end inside a character (no text yet), and the end may give back a cut-off one.
        return bool(data or text)
