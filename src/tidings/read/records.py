"""Records (JSON objects, CSV rows) turned into Articles, and the checks every reader shares."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from ..errors import problem
from ..model import Article, Problem
from .dates import normalise_date


@dataclass(frozen=True, slots=True)
class Fields:
    """Which field of a JSON record, or which column of a CSV/TSV file, holds what.

    Only ``text`` is required; a record without one of the others just leaves
    that attribute of its Article empty.
    """

    text: str = "text"
    id: str = "id"
    date: str = "date"
    title: str = "title"
    url: str = "url"
    outlet: str = "outlet"


DEFAULT_FIELDS = Fields()


def too_long(text: str, *, origin: str, max_chars: int) -> Problem | None:
    """A TID104 Problem when ``text`` has more than ``max_chars`` characters, else None."""
    if len(text) <= max_chars:
        return None
    return problem(origin, "TID104", f"{len(text):,} characters, the limit is {max_chars:,}")


def record_date(value: object, *, origin: str, default: str | None) -> tuple[str | None, Problem | None]:
    """A record's date as ``YYYY-MM-DD``, and the TID112 Problem when there is one but it cannot be read.

    A record without a date gets ``default``; one with an unreadable date gets
    None, so that a wrong default never passes for the record's own date.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return default, None
    date = normalise_date(value) if isinstance(value, str) else None
    if date is None:
        return None, problem(origin, "TID112", _shorten(value))
    return date, None


def record_articles(
    record: Mapping[str, object], *, origin: str, fields: Fields, date: str | None, max_chars: int
) -> Iterator[Article | Problem]:
    """The Article in one record, preceded by a TID112 Problem if its date is unreadable.

    A record that cannot become an Article gives a single Problem instead.
    """
    text = record.get(fields.text)
    if not isinstance(text, str) or not text.strip():
        yield problem(origin, "TID106", _why_no_text(text, fields.text))
        return
    if long := too_long(text, origin=origin, max_chars=max_chars):
        yield long
        return
    values = {name: _scalar(record.get(getattr(fields, name))) for name in ("id", "title", "url", "outlet")}
    # Lone surrogates (from undecodable CSV bytes or "\ud800" escapes in JSON) would fail later, when the
    # article is hashed or stored; here they can still be pinned to their record.
    for name, value in (("text", text), *values.items()):
        if value is not None and not _is_utf8(value):
            detail = f'the "{getattr(fields, name)}" field holds bytes or escapes that are not UTF-8'
            yield problem(origin, "TID103", detail)
            return
    article_date, date_problem = record_date(record.get(fields.date), origin=origin, default=date)
    if date_problem:
        yield date_problem
    yield Article(text=text, date=article_date, origin=origin, **values)


def describe(value: object) -> str:
    """What kind of JSON value ``value`` is, for messages: ``an array``, ``a number``, ..."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "an object"


def _why_no_text(value: object, name: str) -> str:
    if value is None:
        return f'no "{name}" field'
    if isinstance(value, str):
        return f'"{name}" is empty'
    return f'"{name}" is {describe(value)}, not a string'


def _scalar(value: object) -> str | None:
    """A field value as a string; None for a missing, empty or structured value."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return None


def _is_utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _shorten(value: object, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."
