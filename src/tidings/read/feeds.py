"""RSS and Atom feeds: one article per item, from its full content or else its summary."""

from __future__ import annotations

import io
import re
import time
from collections.abc import Iterator
from typing import Any, BinaryIO

from ..errors import problem
from ..model import Article, Problem
from .html import html_to_text, markup_limit
from .records import record_date, too_long
from .streams import read_at_most

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
# The root element of a feed, after any XML declaration, comments, processing instructions and doctype.
_PROLOG = re.compile(rb"\s*(?:<\?.*?\?>|<!--.*?-->|<![^>]*>)", re.DOTALL)
_ROOT = re.compile(rb"\s*<(?:[\w.-]+:)?(\w+)")
_FEED_ROOTS = frozenset({b"rss", b"feed", b"rdf"})
_REFERENCE = re.compile(rb"&#(?:[xX]0*([0-9a-fA-F]+)|0*([0-9]+));")


def read_feed(
    stream: BinaryIO, *, origin: str, date: str | None = None, max_chars: int = 1_000_000
) -> Iterator[Article | Problem]:
    """Articles from the items of an RSS or Atom feed, the n-th item at ``origin#n``."""
    data = read_at_most(stream, markup_limit(max_chars))
    if data is None:
        yield problem(origin, "TID104", f"a feed of more than {markup_limit(max_chars):,} bytes")
        return
    if not data.strip():
        yield problem(origin, "TID101")
        return
    import feedparser  # imported here, as trafilatura is: only feeds need it

    # feedparser fails on the whole feed at a character reference past U+10FFFF or to a surrogate.
    data = _REFERENCE.sub(_safe_reference, data)
    # A file object, not bytes or a string, so that feedparser never takes the data for a URL or a path.
    try:
        feed = feedparser.parse(io.BytesIO(data))
    except Exception as error:  # noqa: BLE001 - feedparser means never to raise, but has done so
        yield problem(origin, "TID108", f"{type(error).__name__}: {error}")
        return
    if not feed.entries:
        if feed.get("bozo"):
            yield problem(origin, "TID108", str(feed.get("bozo_exception", "")))
        elif not feed.get("version"):
            yield problem(origin, "TID108", "not an RSS or Atom feed")
        return
    outlet = feed.feed.get("title") or None
    for number, entry in enumerate(feed.entries, start=1):
        where = f"{origin}#{number}"
        yield from _entry_articles(entry, origin=where, outlet=outlet, date=date, max_chars=max_chars)


def _safe_reference(match: re.Match[bytes]) -> bytes:
    if len(match[1] or match[2]) > 8:  # far past U+10FFFF, and int() refuses 4,300 digits
        return b"&#xFFFD;"
    number = int(match[1], 16) if match[1] else int(match[2])
    return match[0] if 0 < number <= 0x10FFFF and not 0xD800 <= number <= 0xDFFF else b"&#xFFFD;"


def looks_like_feed(head: bytes) -> bool:
    """Whether ``head``, the start of an XML file, opens an RSS, RDF or Atom feed."""
    end = 0
    while match := _PROLOG.match(head, end):
        end = match.end()
    root = _ROOT.match(head, end)
    return bool(root) and root[1].lower() in _FEED_ROOTS


def _entry_articles(
    entry: Any, *, origin: str, outlet: str | None, date: str | None, max_chars: int
) -> Iterator[Article | Problem]:
    text = _entry_text(entry)
    if not text:
        yield problem(origin, "TID106", "the item has neither content nor a summary")
        return
    if long := too_long(text, origin=origin, max_chars=max_chars):
        yield long
        return
    entry_date, date_problem = _entry_date(entry, origin=origin, default=date)
    if date_problem:
        yield date_problem
    yield Article(
        text=text,
        id=entry.get("id") or None,
        date=entry_date,
        title=entry.get("title") or None,
        url=entry.get("link") or None,
        outlet=outlet,
        origin=origin,
    )


def _entry_text(entry: Any) -> str:
    """The item's full content (content:encoded, Atom content), else its summary (description)."""
    for detail in [*entry.get("content", []), entry.get("summary_detail")]:
        if not detail:
            continue
        value = detail.get("value") or ""
        text = html_to_text(value) if detail.get("type") in _HTML_TYPES else value.strip()
        if text:
            return text
    return ""


def _entry_date(entry: Any, *, origin: str, default: str | None) -> tuple[str | None, Problem | None]:
    # Keys are tested first: feedparser answers a missing "updated" with "published", and warns.
    key = next((key for key in ("published", "updated") if key in entry), None)
    if key is None:
        return default, None
    entry_date, date_problem = record_date(entry[key], origin=origin, default=default)
    parsed = entry.get(f"{key}_parsed")
    if date_problem and parsed:
        # feedparser reads more date forms than tidings (two-digit years, other languages), but moves
        # them to UTC, so its reading only stands in for a date tidings cannot read as written.
        return time.strftime("%Y-%m-%d", parsed), None
    return entry_date, date_problem
