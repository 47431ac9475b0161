"""Publication dates as ``YYYY-MM-DD``, from the forms that news records use.

A date is taken as written: ``2023-06-19T23:30:00-05:00`` is the 19th, the day
the outlet printed, not the 20th in UTC. Numeric day/month orders other than
year first (``06/19/2023``, ``19/06/2023``) are ambiguous and not read.
"""

from __future__ import annotations

import datetime as dt
import re

_MONTH_NAMES = (
    ("january", "jan"),
    ("february", "feb"),
    ("march", "mar"),
    ("april", "apr"),
    ("may",),
    ("june", "jun"),
    ("july", "jul"),
    ("august", "aug"),
    ("september", "sep", "sept"),
    ("october", "oct"),
    ("november", "nov"),
    ("december", "dec"),
)
MONTHS = {name: number for number, names in enumerate(_MONTH_NAMES, start=1) for name in names}

# Feeds (RFC 822) and many bylines lead with the weekday: "Mon, 19 Jun 2023", "Monday, June 19, 2023".
_WEEKDAY = r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_MONTH = r"(?P<month>[a-z]+)\.?"
_YEAR = r"(?P<year>\d{4})\b"
_FORMS = (
    # ISO 8601 date or date-time: 2023-06-19, 2023-06-19T08:30:00Z
    re.compile(r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})(?:[T\s]|$)"),
    # ISO 8601 basic form, as in GDELT's SQLDATE: 20230619
    re.compile(r"(?P<year>\d{4})(?P<month>\d{2})(?P<day>\d{2})$"),
    # 2023/06/19
    re.compile(r"(?P<year>\d{4})/(?P<month>\d{1,2})/(?P<day>\d{1,2})\b"),
    # June 19, 2023; Jun. 19 2023; Monday, June 19th, 2023 at 10:30 a.m.
    re.compile(rf"{_WEEKDAY}{_MONTH}\s+{_DAY},?\s+{_YEAR}", re.IGNORECASE),
    # 19 June 2023; 19th of June, 2023; Mon, 19 Jun 2023 23:10:00 -0500 (RFC 822)
    re.compile(rf"{_WEEKDAY}{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}", re.IGNORECASE),
)


def normalise_date(value: str) -> str | None:
    """``value`` as ``YYYY-MM-DD``, or None when it is not a date in a form tidings reads."""
    text = value.strip()
    for form in _FORMS:
        match = form.match(text)
        if not match:
            continue
        month = match["month"]
        number = int(month) if month.isdigit() else MONTHS.get(month.lower())
        if number is None:
            continue
        try:
            return dt.date(int(match["year"]), number, int(match["day"])).isoformat()
        except ValueError:
            return None
    return None


# How far into a page a byline or date line may sit, and how long such a line may be: a
# sentence of the story that mentions a date is not the date of the story.
_HEADER_LINES = 12
_HEADER_WORDS = 12


def header_date(text: str) -> str | None:
    """The publication date a plain-text page prints near its top ("By Staff | 12 Nov 2024"), if any."""
    for line in text.splitlines()[:_HEADER_LINES]:
        if not line.strip() or len(line.split()) > _HEADER_WORDS:
            continue
        for form in (_FORMS[0], *_FORMS[2:]):
            for match in form.finditer(line):
                found = normalise_date(match.group(0))
                if found:
                    return found
    return None
