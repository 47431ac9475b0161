"""WARC web archives (``.warc``, ``.warc.gz``): one article per archived HTML page."""

from __future__ import annotations

import codecs
import re
import zlib
from collections.abc import Iterator
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import BufferedReader
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeadersParserException

from ..errors import problem
from ..model import Article, Problem
from .dates import normalise_date
from .html import article_from_html, markup_limit
from .streams import read_at_most

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)
# What warcio raises on a damaged archive; AttributeError comes from a record that lacks its headers.
_DAMAGE = (
    ArchiveLoadFailed,
    StatusAndHeadersParserException,
    AttributeError,
    EOFError,
    ValueError,
    zlib.error,
)


def read_warc(
    stream: BinaryIO, *, origin: str, date: str | None = None, max_chars: int = 1_000_000
) -> Iterator[Article | Problem]:
    """Articles from the HTML pages of a WARC archive, the n-th record at ``origin#n``.

    Pages are the ``response`` records with a 2xx status and an HTML content
    type; other records (requests, metadata, images, redirects, error pages) are
    skipped. A truncated or damaged archive gives the pages read up to the
    damage and then one TID109 Problem.
    """
    records = ArchiveIterator(stream)
    number = end = 0
    try:
        for number, record in enumerate(records, start=1):
            if record.format != "warc":
                yield problem(origin, "TID109", "not a WARC file")
                return
            page = None
            if _is_page(record):
                page = _page_article(record, origin=f"{origin}#{number}", date=date, max_chars=max_chars)
            # Reads the rest of the record, so this comes after the page.
            end = records.get_record_offset() + records.get_record_length()
            # warcio ends a record quietly where the data ends; what it had not read yet tells.
            if getattr(record.raw_stream, "limit", 0) > 0:
                # The page is cut short too, so it is not coded.
                yield problem(origin, "TID109", f"record {number} is cut short")
                return
            if page is not None:
                yield page
    except _DAMAGE as error:
        yield problem(origin, "TID109", " ".join(str(error).split()) or type(error).__name__)
        return
    if damage := _unread_damage(stream, origin=origin, end=end, records=number, warnings=records.err_count):
        yield damage


def _is_page(record: Any) -> bool:
    if record.rec_type != "response" or not record.http_headers:
        return False
    status = record.http_headers.get_statuscode() or ""
    content_type = (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
    return status.startswith("2") and content_type in _HTML_TYPES


def _page_article(record: Any, *, origin: str, date: str | None, max_chars: int) -> Article | Problem:
    # warcio passes on a body it cannot decompress as it is, which would read as noise.
    encoding = (record.http_headers.get_header("Content-Encoding") or "identity").strip().lower()
    if encoding != "identity" and encoding not in BufferedReader.get_supported_decompressors():
        return problem(origin, "TID109", f"the page is compressed as {encoding!r}, which tidings cannot undo")
    try:
        content: str | bytes | None = read_at_most(record.content_stream(), markup_limit(max_chars))
    except zlib.error as error:
        return problem(origin, "TID109", f"the compressed page is damaged: {error}")
    if content is None:
        return problem(origin, "TID104", f"a page of more than {markup_limit(max_chars):,} bytes")
    # The HTTP charset outranks a <meta> one; without it trafilatura reads the page's own declaration.
    if charset := _charset(record.http_headers.get_header("Content-Type") or ""):
        content = content.decode(charset, errors="replace")
    capture_date = normalise_date(record.rec_headers.get_header("WARC-Date") or "")
    return article_from_html(
        content,
        origin=origin,
        url=record.rec_headers.get_header("WARC-Target-URI"),
        date=capture_date or date,
        max_chars=max_chars,
    )


def _charset(content_type: str) -> str | None:
    """The character set a Content-Type header names, if Python knows it."""
    declared = _CHARSET.search(content_type)
    if not declared:
        return None
    try:
        return codecs.lookup(declared[1]).name
    except LookupError:
        return None


def _unread_damage(stream: BinaryIO, *, origin: str, end: int, records: int, warnings: int) -> Problem | None:
    """The Problem for data after the last record warcio read, or None when there is only blank space.

    warcio stops without an error at a record it cannot parse, such as the cut-off last member
    of a truncated ``.warc.gz``, so whatever follows the last record read is the evidence.
    """
    if not stream.seekable():
        return None
    stream.seek(end)
    rest = stream.read(1 << 16)
    if rest.strip():
        where = f"after record {records}" if records else "at the start"
        return problem(origin, "TID109", f"unreadable data {where}")
    if warnings:
        return problem(origin, "TID109", "a record's length does not match its data")
    if not records:
        return problem(origin, "TID101")
    return None
