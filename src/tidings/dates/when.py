"""The ``tidings_when`` component: date each event from the time expressions of its sentence.

Each event takes the time expression closest to it in the parse, relative to
the publication date: "on Monday" in a story published on a Monday is that
day, "on Sunday" the day before, "in February" a month, "last year" a year.
Expressions that bound a period rather than date an event ("since 2019",
"until March") and durations ("for seven hours") are not dates. Without a time
expression an event takes the publication date; without a publication date
and an absolute date in the text, it has none. Dates are full ISO dates; for a
week, month or year, the first day of it, with ``date_precision`` saying which.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..parse.clauses import BACKGROUND_PREPS
from ..parse.index import doc_index
from ..parse.mentions import EventMention
from ..read.dates import MONTHS

WEEKDAYS = {
    name: number
    for number, name in enumerate(
        ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    )
}
UNITS = {"day": "day", "week": "week", "month": "month", "year": "year"}
NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "several": None,
    "few": None,
}
# Prepositions that bound a period or measure one, instead of dating an event.
NOT_DATES = {
    "since",
    "until",
    "till",
    "through",
    "throughout",
    "for",
    "during",
    "within",
    "by",
    "from",
    "over",
}
FUTURE_AUX = {"will", "shall", "'ll", "wo"}


@dataclass(frozen=True, slots=True)
class When:
    date: dt.date
    precision: str

    @property
    def iso(self) -> str:
        return self.date.isoformat()


@Language.factory("tidings_when", assigns=["doc._.events"], requires=["doc._.events", "doc.ents"])
def make_when(nlp: Language, name: str) -> WhenStage:
    return WhenStage()


class WhenStage:
    def __call__(self, doc: Doc) -> Doc:
        published: dt.date | None = doc._.pub_date
        # "NAIROBI, March 2 -": a story filed on a Saturday and published on Monday tells its
        # "on Friday" from the Saturday.
        filed = dateline_date(doc, published)
        reference = filed or published
        for event in doc._.events or ():
            for each in _with_inner(event):
                when = self.date_of(doc, each, reference)
                if when is None:
                    each.date, each.date_precision = (
                        (reference.isoformat(), "day") if reference else (None, None)
                    )
                else:
                    # An event reported as having happened cannot lie after the story was published.
                    if published and each.modality == "asserted" and when.date > published:
                        when = When(published, "day")
                    each.date, each.date_precision = when.iso, when.precision
        return doc

    def date_of(self, doc: Doc, event: EventMention, published: dt.date | None) -> When | None:
        anchor = doc[event.anchor]
        excluded: set[int] = set()
        if event.inner is not None and event.inner.anchor != event.anchor:
            excluded = {t.i for t in doc[event.inner.anchor].subtree}
        future = event.modality == "intended" or _is_future(anchor)
        candidates = []
        furniture = doc._.boilerplate or ()
        for ent in doc_index(doc).sentence_ents(anchor.i):
            # "Saturday night" and "last night" are TIME to the tagger; "7 pm" resolves to nothing.
            if ent.label_ not in ("DATE", "TIME") or ent.root.i in excluded or _bounds_period(ent):
                continue
            if ent.root.i in furniture:
                continue  # the dateline's date is the story's, not the event's
            if _dates_background(ent, anchor):
                continue
            candidates.append((_distance(anchor, ent.root), abs(ent.root.i - anchor.i), ent))
        for _, _, ent in sorted(candidates, key=lambda c: (c[0], c[1])):
            when = resolve(ent.text, published, future=future)
            if when is not None:
                return when
        return None


def _with_inner(event: EventMention) -> list[EventMention]:
    chain = [event]
    while chain[-1].inner is not None:
        chain.append(chain[-1].inner)
    return chain


def _bounds_period(ent: Span) -> bool:
    head = ent.root.head
    if ent.root.dep_ == "pobj" and head.lower_ in NOT_DATES:
        # "over the weekend" dates an event; "over three days" measures one.
        return not (head.lower_ == "over" and "weekend" in ent.text.lower())
    first = ent[0].lower_
    return first in NOT_DATES or ent.root.dep_ == "amod" and "-" in ent.text


def _dates_background(ent: Span, anchor: Token) -> bool:
    """ "advised against travel after the museum shooting last week": the date is the shooting's,
    an event the sentence recalls, not the advice's."""
    for token in ent.root.ancestors:
        if token.i == anchor.i:
            return False
        if token.pos_ == "NOUN" and token.dep_ == "pobj" and token.head.lower_ in BACKGROUND_PREPS:
            return True
    return False


def _distance(a: Token, b: Token) -> int:
    """The number of dependency edges between two tokens of one sentence."""
    ancestors_a = [a, *a.ancestors]
    depth_a = {token.i: depth for depth, token in enumerate(ancestors_a)}
    for depth_b, token in enumerate([b, *b.ancestors]):
        if token.i in depth_a:
            return depth_a[token.i] + depth_b
    return 99


def _is_future(anchor: Token) -> bool:
    for token in (anchor, *anchor.ancestors):
        if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in token.children):
            return True
        if token.dep_ not in ("xcomp", "ccomp", "conj", "advcl"):
            break
    return False


def resolve(text: str, published: dt.date | None, *, future: bool = False) -> When | None:
    """The date a time expression stands for, relative to the publication date; None if it dates nothing."""
    words = re.findall(r"[a-z]+|\d+", text.lower().replace("’", "'"))
    if not words:
        return None
    absolute = _absolute(words)
    if absolute is not None:
        return absolute
    if published is None:
        return None
    return _relative(words, published, future)


def _absolute(words: list[str]) -> When | None:
    years = [int(w) for w in words if w.isdigit() and len(w) == 4 and 1900 <= int(w) <= 2100]
    if not years:
        return None
    year = years[0]
    month = next((MONTHS[w] for w in words if w in MONTHS), None)
    if month is None:
        return When(dt.date(year, 1, 1), "year") if len(words) <= 3 else None
    return _day_or_month(words, year, month)


def _day_number(words: list[str]) -> int | None:
    for word in words:
        if word.isdigit() and 1 <= int(word) <= 31 and len(word) <= 2:
            return int(word)
    return None


def _relative(words: list[str], published: dt.date, future: bool) -> When | None:
    joined = " ".join(words)
    if joined in (
        "today",
        "tonight",
        "this morning",
        "this afternoon",
        "this evening",
        "the day",
        "later in the day",
        "earlier in the day",
        "earlier today",
        "later today",
        "on the day",
    ):
        return When(published, "day")
    if "yesterday" in words or joined == "last night":
        return When(published - dt.timedelta(days=1), "day")
    if "tomorrow" in words:
        return When(published + dt.timedelta(days=1), "day")
    if "weekend" in words:
        saturday = published - dt.timedelta(days=(published.weekday() - 5) % 7)
        if "next" in words or (future and "last" not in words):
            saturday = published + dt.timedelta(days=(5 - published.weekday()) % 7 or 7)
        return When(saturday - dt.timedelta(days=saturday.weekday()), "week")
    for word in words:
        if word in WEEKDAYS:
            return When(_weekday(published, WEEKDAYS[word], words, future), "day")
    unit = next((UNITS[w.rstrip("s")] for w in words if w.rstrip("s") in UNITS), None)
    counted = any(w.isdigit() or NUMBERS.get(w, 0) != 0 for w in words if w not in ("a", "an"))
    if unit is not None and counted and "ago" not in words:
        return None  # "in five years", "two weeks": how long, not when
    if unit is not None and "ago" in words:
        count = next(
            (NUMBERS.get(w) if not w.isdigit() else int(w) for w in words if w.isdigit() or w in NUMBERS), 1
        )
        if count is None:
            return None
        return _shift(published, unit, -count)
    if unit is not None and len(words) <= 4:
        step = (
            -1
            if ("last" in words or "previous" in words or "past" in words)
            else (1 if "next" in words or "coming" in words else 0)
        )
        if "coming" in words or "past" in words and len(words) > 2:
            return None  # "the coming months", "the past few years": spans, not dates
        if words[-1] in ("day", "days"):
            return None
        return _shift(published, unit, step)
    month = next((MONTHS[w] for w in words if w in MONTHS), None)
    if month is not None:
        year = published.year
        later = month > published.month
        if "last" in words or (later and not future and "next" not in words):
            year -= 1
        elif "next" in words and not later:
            year += 1
        return _day_or_month(words, year, month)
    return None


def _day_or_month(words: list[str], year: int, month: int) -> When | None:
    """The day the words name in that month, else the month itself; None for a day it does not have."""
    day = _day_number(words)
    if day is None:
        return When(dt.date(year, month, 1), "month")
    try:
        return When(dt.date(year, month, day), "day")
    except ValueError:
        return None


DATELINE_DATE = re.compile(
    r",\s*(?:[A-Za-z.]+\s+)*?(?P<month>[A-Za-z]+)\.?\s+(?P<day>\d{1,2})\b(?:,?\s*(?P<year>\d{4})\b)?"
)


def dateline_date(doc: Doc, published: dt.date | None) -> dt.date | None:
    """The day of the dateline ("NAIROBI, March 2 (Reuters) -"); without a year, the year that
    puts it on or before the publication date, and none if it is a month or more before it."""
    if not doc._.dateline:
        return None
    end = doc._.dateline[1]
    text = doc.text  # (joined from the tokens on every call)
    line_end = text.find("\n", end)
    found = DATELINE_DATE.match(text, end, line_end if line_end >= 0 else len(text))
    if found is None or found["month"].lower() not in MONTHS:
        return None
    month, day = MONTHS[found["month"].lower()], int(found["day"])
    if found["year"]:
        years = [int(found["year"])]
    elif published is not None:
        years = [published.year, published.year - 1]
    else:
        return None
    for year in years:
        try:
            filed = dt.date(year, month, day)
        except ValueError:
            return None
        if published is None:
            return filed
        # Filed a few days at most before it was published, never after (time zones aside).
        if filed <= published + dt.timedelta(days=1):
            return filed if (published - filed).days <= 31 else None
    return None


def _weekday(published: dt.date, weekday: int, words: list[str], future: bool) -> dt.date:
    back = (published.weekday() - weekday) % 7
    if "next" in words or (future and "last" not in words):
        ahead = (weekday - published.weekday()) % 7
        return published + dt.timedelta(days=ahead or (7 if "next" in words else 0))
    if "last" in words and back == 0:
        back = 7
    return published - dt.timedelta(days=back)


def _shift(published: dt.date, unit: str, step: int) -> When:
    if unit == "day":
        return When(published + dt.timedelta(days=step), "day")
    if unit == "week":
        day = published + dt.timedelta(weeks=step)
        return When(day - dt.timedelta(days=day.weekday()), "week")
    if unit == "month":
        index = published.year * 12 + published.month - 1 + step
        return When(dt.date(index // 12, index % 12 + 1, 1), "month")
    return When(dt.date(published.year + step, 1, 1), "year")
