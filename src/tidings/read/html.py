"""HTML pages: the main text, title, date and site name, without menus, comments or tables."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import BinaryIO

from ..errors import problem
from ..model import Article, Problem
from .dates import normalise_date
from .records import too_long
from .streams import read_at_most

# Elements that start a new line in the plain text of an HTML fragment.
_BLOCKS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "td",
        "th",
        "tr",
        "ul",
    }
)
# lxml refuses text with NUL bytes or other control characters that XML forbids.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_SPACES = re.compile(r"\s+")


def read_html(
    stream: BinaryIO, *, origin: str, date: str | None = None, max_chars: int = 1_000_000
) -> Iterator[Article | Problem]:
    """The article in one HTML page, or the Problem that keeps it from being one."""
    data = read_at_most(stream, markup_limit(max_chars))
    if data is None:
        yield problem(origin, "TID104", f"a page of more than {markup_limit(max_chars):,} bytes")
        return
    if not data.strip():
        yield problem(origin, "TID101")
        return
    yield article_from_html(data, origin=origin, date=date, max_chars=max_chars)


def article_from_html(
    html: str | bytes,
    *,
    origin: str,
    url: str | None = None,
    date: str | None = None,
    max_chars: int = 1_000_000,
) -> Article | Problem:
    """The article in an HTML page, found by trafilatura, or a TID113 (or TID104) Problem.

    url: where the page was fetched; it wins over the page's own canonical URL.
    date: the date to use when the page shows none.
    Bytes are decoded by the charset the page declares, else a guessed one.
    """
    # Imported here: trafilatura takes a tenth of the start-up time of every run, HTML or not.
    import trafilatura
    from trafilatura.settings import set_date_params

    try:
        document = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            # The extensive search guesses from any date in the page, such as "Copyright 2023" in the
            # footer; a page without a date in its markup or URL gets the caller's date instead.
            date_extraction_params=set_date_params(extensive=False),
        )
    except Exception as error:  # noqa: BLE001 - the parsers fail on some broken pages; only this one is lost
        return problem(origin, "TID113", f"the page cannot be parsed: {type(error).__name__}")
    text = (document.text or "").strip() if document else ""
    if not text:
        return problem(origin, "TID113")
    if long := too_long(text, origin=origin, max_chars=max_chars):
        return long
    return Article(
        text=text,
        date=normalise_date(document.date or "") or date,
        title=document.title or None,
        url=url or document.url or None,
        outlet=document.sitename or None,
        origin=origin,
    )


def markup_limit(max_chars: int) -> int:
    """The most bytes of markup (an HTML page, a feed) read for articles of up to ``max_chars`` characters."""
    return 16 * max(max_chars, 1_000_000)


def html_to_text(markup: str) -> str:
    """The plain text of an HTML fragment, one line per paragraph or other block, spaces collapsed.

    A fragment lxml cannot parse has no text.
    """
    markup = _CONTROL.sub("", markup)
    if not markup.strip():
        return ""
    from lxml import etree
    from lxml import html as lxml_html

    try:
        root = lxml_html.fragment_fromstring(markup, create_parent="div")
    except (etree.LxmlError, ValueError):
        return ""
    for element in root.xpath("//script | //style"):
        element.drop_tree()
    for element in root.iter():
        # Line breaks in the markup are spaces; only blocks make lines.
        element.text = _SPACES.sub(" ", element.text or "")
        element.tail = _SPACES.sub(" ", element.tail or "")
        if element.tag in _BLOCKS:
            element.text = "\n" + element.text
            element.tail = "\n" + element.tail
    lines = (" ".join(line.split()) for line in root.text_content().split("\n"))
    return "\n".join(line for line in lines if line)
