"""CSV and TSV files with a header row: one article per row.

TSV is read with the same quoting rules as CSV, as pandas and spreadsheets
write it: a field that holds a tab, a line break or a double quote is quoted.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator
from typing import BinaryIO

from ..errors import problem
from ..model import Article, Problem
from .encoding import LineDecoder
from .records import DEFAULT_FIELDS, Fields, record_articles
from .streams import bounded_lines

# The csv module's own limit is the message it fails with; tidings says "too long" instead.
_FIELD_LIMIT_MESSAGE = "field larger than field limit"


def read_csv(
    stream: BinaryIO,
    *,
    origin: str,
    delimiter: str = ",",
    fields: Fields = DEFAULT_FIELDS,
    date: str | None = None,
    max_chars: int = 1_000_000,
) -> Iterator[Article | Problem]:
    """Articles from the rows of a CSV (or, with ``delimiter="\\t"``, TSV) stream, each at ``origin:line``.

    A file without the text column gives one TID110 Problem at its header line.
    """
    # The module-wide limit (128 KiB) is below an ordinary max_chars; a field over the new limit is
    # then too long anyway, and a runaway quoted field stops there instead of taking the whole file.
    if csv.field_size_limit() < max_chars:
        csv.field_size_limit(max_chars)
    lines = _Lines(stream, limit=4 * max_chars + (1 << 20), decode=LineDecoder(origin))
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    try:
        header = next(reader, None)
    except (csv.Error, _LineTooLong) as error:
        yield problem(f"{origin}:1", "TID115", str(error))
        return
    if header is None:
        yield problem(origin, "TID101")
        return
    header = [name.strip() for name in header]
    if fields.text not in header:
        detail = f'no "{fields.text}" column; the header has ' + ", ".join(repr(name) for name in header)
        yield problem(f"{origin}:{lines.number}", "TID110", detail)
        return
    # With a column named twice, the first one counts.
    columns = {name: index for index, name in reversed(list(enumerate(header)))}
    while True:
        where = f"{origin}:{lines.start_row()}"
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield _row_problem(where, error, max_chars=max_chars)
            if lines.spans_lines() and not str(error).startswith(_FIELD_LIMIT_MESSAGE):
                # A quote opened by mistake took in the lines after it, up to some other quote.
                lines.replay_row()
            continue
        except _LineTooLong as error:
            yield problem(where, "TID104", str(error))
            continue
        if not row:
            continue  # a blank line
        if len(row) > len(header):
            # An unquoted delimiter in the text: what the text column holds is only part of it.
            yield problem(where, "TID115", f"the row has {len(row)} cells, the header {len(header)}")
            continue
        record = {name: row[index] for name, index in columns.items() if index < len(row)}
        yield from record_articles(record, origin=where, fields=fields, date=date, max_chars=max_chars)


class _LineTooLong(Exception):
    pass


class _Lines:
    """The decoded lines of a CSV stream for csv.reader, keeping the lines of the row being read.

    Lines that are not UTF-8 are decoded in the encoding found for them (LineDecoder); bytes that
    still do not decode become lone surrogates, which record_articles reports for their own row only.
    A line over ``limit`` bytes is passed over and raises _LineTooLong for its row.
    """

    def __init__(self, stream: BinaryIO, *, limit: int, decode: LineDecoder) -> None:
        self._lines = bounded_lines(stream, limit)
        self._decode = decode
        self._limit = limit
        self._replay: list[str] = []  # lines to read again, last first
        self._row: list[str] = []
        self.number = 0  # the lines read so far

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        if self._replay:
            line = self._replay.pop()
        else:
            raw = next(self._lines, b"")
            if raw == b"":
                raise StopIteration
            if raw is None:
                self.number += 1
                raise _LineTooLong(f"a line of more than {self._limit:,} bytes")
            if self.number == 0:
                raw = raw.removeprefix(codecs.BOM_UTF8)
            line = self._decode(raw)
        self.number += 1
        self._row.append(line)
        return line

    def start_row(self) -> int:
        """Begin a row; its first line is the number returned."""
        self._row = []
        return self.number + 1

    def spans_lines(self) -> bool:
        return len(self._row) > 1

    def replay_row(self) -> None:
        """Read every line of the row but its first again."""
        self._replay.extend(reversed(self._row[1:]))
        self.number -= len(self._row) - 1


def _row_problem(origin: str, error: csv.Error, *, max_chars: int) -> Problem:
    if str(error).startswith(_FIELD_LIMIT_MESSAGE):
        return problem(origin, "TID104", f"a field has more than {max_chars:,} characters")
    return problem(origin, "TID115", str(error))
