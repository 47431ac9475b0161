"""CSV and TSV files with a header row: one article per row.

TSV is read with the same quoting rules as CSV, as pandas and spreadsheets
write it: a field that holds a tab, a line break or a double quote is quoted.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import BinaryIO

from ..errors import problem
from ..model import Article, Problem
from .records import DEFAULT_FIELDS, Fields, record_articles

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
    reader = csv.reader(_decoded_lines(stream), delimiter=delimiter)
    try:
        header = next(reader, None)
    except csv.Error as error:
        yield problem(f"{origin}:1", "TID115", str(error))
        return
    if header is None:
        yield problem(origin, "TID101")
        return
    header = [name.strip() for name in header]
    if fields.text not in header:
        detail = f'no "{fields.text}" column; the header has ' + ", ".join(repr(name) for name in header)
        yield problem(f"{origin}:{reader.line_num}", "TID110", detail)
        return
    # With a column named twice, the first one counts.
    columns = {name: index for index, name in reversed(list(enumerate(header)))}
    last_line = reader.line_num
    while True:
        where = f"{origin}:{last_line + 1}"
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield _row_problem(where, error, max_chars=max_chars)
            last_line = reader.line_num
            continue
        last_line = reader.line_num
        if not row:
            continue  # a blank line
        record = {name: row[index] for name, index in columns.items() if index < len(row)}
        yield from record_articles(record, origin=where, fields=fields, date=date, max_chars=max_chars)


def _decoded_lines(stream: BinaryIO) -> Iterator[str]:
    # Undecodable bytes become lone surrogates, which record_articles reports for their own row only.
    for number, line in enumerate(stream):
        yield line.decode("utf-8-sig" if number == 0 else "utf-8", errors="surrogateescape")


def _row_problem(origin: str, error: csv.Error, *, max_chars: int) -> Problem:
    if str(error).startswith(_FIELD_LIMIT_MESSAGE):
        return problem(origin, "TID104", f"a field has more than {max_chars:,} characters")
    return problem(origin, "TID115", str(error))
