"""From the sources a user names (files, folders, glob patterns, ``-``) to one stream of Articles.

Each file goes to the reader for its suffix; ``name.<suffix>.gz`` is
decompressed on the fly and read as ``name.<suffix>``.
"""

from __future__ import annotations

import csv
import glob
import io
import os
import re
import stat
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from ..errors import TidingsError, problem, warn
from ..model import Article, Problem
from .csv import read_csv
from .dates import normalise_date
from .feeds import looks_like_feed, read_feed
from .html import read_html
from .jsonl import looks_like_jsonl, read_json, read_jsonl
from .records import DEFAULT_FIELDS, Fields
from .streams import gunzip, peek, peek_line
from .text import read_text

STDIN_ORIGIN = "<stdin>"

_KINDS = {
    ".txt": "text",
    ".text": "text",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".csv": "csv",
    ".tsv": "tsv",
    ".html": "html",
    ".htm": "html",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "xml",
    ".warc": "warc",
}
_SUPPORTED = ", ".join(_KINDS) + ", each also gzipped (.gz)"
_GLOB = re.compile(r"[*?[]")
# Enough of an XML file to get past its declaration, comments and doctype to the root element.
_XML_HEAD = 4096


@dataclass(frozen=True, slots=True)
class _Options:
    fields: Fields
    date: str | None
    max_chars: int


def read_articles(
    sources: Iterable[str | os.PathLike],
    *,
    fields: Fields = DEFAULT_FIELDS,
    date: str | None = None,
    max_chars: int = 1_000_000,
) -> Iterator[Article | Problem]:
    """Articles from files, folders, glob patterns and ``-`` (standard input), in input order.

    Every record that cannot become an Article gives a Problem in its place,
    and reading goes on with the next record or file.

    fields: which JSON/CSV field holds the text, id, date, title, url and outlet.
    date: the publication date (``YYYY-MM-DD``) of records that carry none, such as plain text.
    max_chars: the longest article read; a longer one is a TID104 Problem.
    """
    if isinstance(sources, (str, bytes, os.PathLike)):
        raise TypeError("sources is a list of paths; to read one, pass [path]")
    return _read_sources(sources, _options(fields, date, max_chars))


def source_files(sources: Iterable[str | os.PathLike]) -> Iterator[tuple[str, bool] | Problem]:
    """The files ``sources`` stand for, in reading order, each with whether the user named it.

    A source that stands for no file gives a Problem. With ``read_file`` this reads the same
    records as ``read_articles``, for callers that read the files on other machines (tidings.spark).
    """
    for source in sources:
        yield from _expand(os.fsdecode(source))


def count_records(sources: Iterable[str | os.PathLike]) -> int | None:
    """How many records ``read_articles`` will give for ``sources`` (articles and problems alike), or
    None when that is not known without reading them (standard input, feeds, WARC and JSON files).

    A progress display uses it for the total and the time left; counting lines and CSV rows costs
    a small part of coding them.
    """
    total = 0
    for source in sources:
        if os.fsdecode(source) == "-":
            return None
        for found in _expand(os.fsdecode(source)):
            if isinstance(found, Problem):
                total += 1
                continue
            count = _count_file(*found)
            if count is None:
                return None
            total += count
    return total


def _count_file(path: str, named: bool) -> int | None:
    kind = _kind(path)
    if kind is None:
        return 1 if named else 0
    reader, compressed = kind
    if reader in ("text", "html"):
        return 1
    if reader not in ("jsonl", "csv", "tsv"):
        return None
    try:
        with gunzip(path) if compressed else open(path, "rb") as stream:
            if reader == "jsonl":
                return sum(1 for line in stream if line.strip())
            text = io.TextIOWrapper(stream, encoding="utf-8", errors="replace", newline="")
            rows = csv.reader(text, delimiter="\t" if reader == "tsv" else ",")
            return max(sum(1 for row in rows if row) - 1, 0)
    except (OSError, EOFError, zlib.error, csv.Error):
        return None


def read_file(
    path: str,
    *,
    named: bool = True,
    fields: Fields = DEFAULT_FIELDS,
    date: str | None = None,
    max_chars: int = 1_000_000,
) -> Iterator[Article | Problem]:
    """The records of one file as ``read_articles`` reads them; ``named``: as ``source_files`` says."""
    return _read_file(path, named=named, options=_options(fields, date, max_chars))


def _options(fields: Fields, date: str | None, max_chars: int) -> _Options:
    default_date = None
    if date is not None:
        default_date = normalise_date(date)
        if default_date is None:
            raise TidingsError(f"cannot read the date {date!r}; write it as YYYY-MM-DD")
    if max_chars < 1:
        raise TidingsError(f"max_chars must be at least 1, not {max_chars}")
    return _Options(fields=fields, date=default_date, max_chars=max_chars)


def _read_sources(sources: Iterable[str | os.PathLike], options: _Options) -> Iterator[Article | Problem]:
    for source in sources:
        name = os.fsdecode(source)
        if name == "-":
            yield from _read_stdin(options)
            continue
        for found in _expand(name):
            if isinstance(found, Problem):
                yield found
            else:
                path, named = found
                yield from _read_file(path, named=named, options=options)


def _expand(source: str) -> Iterator[tuple[str, bool] | Problem]:
    """The files ``source`` stands for, each with whether the user named it (not a walk or a pattern)."""
    if os.path.isdir(source):
        yield from _walk(source)
    elif os.path.exists(source):
        yield source, True
    elif _GLOB.search(source):
        matches = sorted(glob.iglob(source, recursive=True))
        if not matches:
            yield problem(source, "TID111", "no file matches the pattern")
        for match in matches:
            # A folder that a pattern matches is passed over, unless its name says it is a file to read.
            if not os.path.isdir(match) or _kind(match):
                yield match, False
    elif os.path.lexists(source):  # a link to nowhere, or in a loop
        try:
            os.stat(source)
        except OSError as error:
            yield problem(source, "TID107", error.strerror or str(error))
    else:
        yield problem(source, "TID111")


def _walk(folder: str) -> Iterator[tuple[str, bool] | Problem]:
    """The files under ``folder`` in name order, depth first, leaving out hidden ones and folder links."""
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as error:
        yield problem(folder, "TID107", error.strerror or str(error))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            if entry.is_dir(follow_symlinks=False):
                yield from _walk(entry.path)
            # Only regular files: a FIFO or a device (even behind a link) would block or never end.
            elif entry.is_file():
                yield entry.path, False
        except OSError as error:  # a link in a loop, or one the walk may not follow
            if _kind(entry.path):
                yield problem(entry.path, "TID107", error.strerror or str(error))


def _kind(path: str) -> tuple[str, bool] | None:
    """The reader for ``path`` and whether the file is gzipped, or None for a file tidings does not read."""
    name = os.path.basename(path).lower()
    if name.endswith(".warc.gz"):
        return "warc", False  # warcio reads a gzipped WARC member by member itself
    compressed = name.endswith(".gz")
    kind = _KINDS.get(os.path.splitext(name.removesuffix(".gz"))[1])
    return (kind, compressed) if kind else None


def _read_file(path: str, *, named: bool, options: _Options) -> Iterator[Article | Problem]:
    return _undated_said(_read_path(path, named=named, options=options), origin=path)


def _undated_said(records: Iterator[Article | Problem], *, origin: str) -> Iterator[Article | Problem]:
    """The records, with one TID117 warning for the file when some have no publication date."""
    said = False
    for record in records:
        if not said and isinstance(record, Article) and record.date is None:
            warn(origin, "TID117", "its events are dated only where the text gives a full date; give --date")
            said = True
        yield record


def _read_path(path: str, *, named: bool, options: _Options) -> Iterator[Article | Problem]:
    kind = _kind(path)
    if kind is None:
        if named:
            yield problem(path, "TID114", f"tidings reads {_SUPPORTED}")
        return
    reader, compressed = kind
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            # A FIFO or a device file named on the command line would block or never end.
            yield problem(path, "TID107", "not a regular file")
            return
        with gunzip(path) if compressed else open(path, "rb") as stream:
            yield from _read_stream(reader, stream, origin=path, named=named, options=options)
    except FileNotFoundError:
        yield problem(path, "TID111")
    except OSError as error:  # also a gzip header that is wrong, or a decompression bomb
        yield problem(path, "TID107", error.strerror or str(error))
    except (EOFError, zlib.error) as error:  # gzip data that ends early or is damaged
        yield problem(path, "TID107", str(error))


def _read_stream(
    kind: str, stream: BinaryIO, *, origin: str, named: bool, options: _Options
) -> Iterator[Article | Problem]:
    common = {"origin": origin, "date": options.date, "max_chars": options.max_chars}
    if kind == "text":
        yield from read_text(stream, **common)
    elif kind == "jsonl":
        yield from read_jsonl(stream, fields=options.fields, **common)
    elif kind == "json":
        yield from read_json(stream, fields=options.fields, **common)
    elif kind in ("csv", "tsv"):
        yield from read_csv(stream, delimiter="\t" if kind == "tsv" else ",", fields=options.fields, **common)
    elif kind == "html":
        yield from read_html(stream, **common)
    elif kind == "feed":
        yield from read_feed(stream, **common)
    elif kind == "warc":
        from .warc import read_warc  # warcio takes a tenth of a second to import; only archives need it

        yield from read_warc(stream, **common)
    elif kind == "xml":
        head, stream = peek(stream, _XML_HEAD)
        if looks_like_feed(head):
            yield from read_feed(stream, **common)
        elif named:
            yield problem(origin, "TID114", "an XML file that is not an RSS or Atom feed")


def _read_stdin(options: _Options) -> Iterator[Article | Problem]:
    return _undated_said(_read_stdin_stream(options), origin=STDIN_ORIGIN)


def _read_stdin_stream(options: _Options) -> Iterator[Article | Problem]:
    """Standard input: JSON lines when its first line that is not blank is a JSON object, else plain text."""
    stdin = getattr(sys.stdin, "buffer", None)
    if stdin is None:
        yield problem(STDIN_ORIGIN, "TID107", "there is no standard input")
        return
    common = {"origin": STDIN_ORIGIN, "date": options.date, "max_chars": options.max_chars}
    try:
        first, stream = peek_line(stdin)
        if looks_like_jsonl(first):
            yield from read_jsonl(stream, fields=options.fields, **common)
        else:
            yield from read_text(stream, **common)
    except OSError as error:
        yield problem(STDIN_ORIGIN, "TID107", error.strerror or str(error))
