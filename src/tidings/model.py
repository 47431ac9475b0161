"""The typed records every part of tidings shares: articles in, events out.

The CLI, the Python API, the store, the exports and the evaluator all speak in
these classes, so a field added here reaches every one of them. They are plain
dataclasses: cheap to build, to pickle between worker processes and to turn
into JSON.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from typing import Any, Literal

Modality = Literal["asserted", "negated", "hypothetical", "intended"]
DatePrecision = Literal["day", "week", "month", "year"]


def content_id(text: str) -> str:
    """A stable id for a text: the first 16 hex digits of its SHA-1."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


@dataclass(slots=True)
class Article:
    """One news text to code.

    text: the article body; every offset in its events indexes this string.
    id: the record's own id, or a content hash when it has none.
    date: the publication date as ISO ``YYYY-MM-DD``, or None.
    origin: where the record came from (``file:line``), for error messages.
    """

    text: str
    id: str | None = None
    date: str | None = None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    origin: str | None = None

    def __post_init__(self) -> None:
        if not self.id:
            self.id = content_id(self.text)


@dataclass(slots=True)
class Actor:
    """Who acts or is acted upon, as it appears in the text and as a code.

    code: a CAMEO-style actor code, e.g. ``USAGOV``, ``CHNMIL``, ``IGOUNO``.
    country: ISO 3166-1 alpha-3, or None for IGOs and groups without one.
    """

    text: str
    start: int
    end: int
    code: str | None
    name: str | None = None
    country: str | None = None
    sector: str | None = None


@dataclass(slots=True)
class Trigger:
    """The words that express the event (a verb, an event noun)."""

    text: str
    start: int
    end: int


@dataclass(slots=True)
class Place:
    """Where an event happened, geocoded offline from GeoNames data.

    precision: ``city`` (a city, town or village), ``admin`` (a region, province or state),
    ``country``, or ``unresolved``: a place the text names that the gazetteer does not know,
    reported with the country of the nearest known place that contains it and no coordinates.
    """

    text: str
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None
    precision: str | None = None


@dataclass(slots=True)
class Event:
    """One coded political event with the evidence that supports it."""

    event_id: str
    article_id: str
    sentence_index: int
    sentence: str
    source: Actor | None
    target: Actor | None
    cameo: str
    cameo_root: str
    quad_class: int
    goldstein: float
    plover_type: str | None
    plover_mode: str | None
    trigger: Trigger
    date: str | None
    date_precision: DatePrecision | None
    location: Place | None
    modality: Modality
    confidence: float
    # The article the event was read in, so that a record taken out of a batch still says where it
    # came from: its URL, headline, outlet and publication date (ISO), as far as the record gave them.
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return _plain(self)

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        values = dict(data)
        for name, kind in (("source", Actor), ("target", Actor), ("trigger", Trigger), ("location", Place)):
            if isinstance(values.get(name), dict):
                values[name] = kind(**values[name])
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in values.items() if k in known})


def _plain(record: Any) -> dict[str, Any]:
    """A record as a dict, its records as dicts: ``dataclasses.asdict`` without the deep copies, which
    took most of the time of writing events out (every field is a string, a number or a record)."""
    names = _FIELD_NAMES.get(type(record))
    if names is None:
        names = _FIELD_NAMES[type(record)] = tuple(f.name for f in fields(record))
    values = {}
    for name in names:
        value = getattr(record, name)
        values[name] = _plain(value) if type(value) in _RECORDS else value
    return values


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}
_RECORDS = (Actor, Trigger, Place)


# The flat column layout of an event, shared by the DataFrame, CSV and the table view.
FLAT_COLUMNS = [
    "event_id",
    "article_id",
    "sentence_index",
    "date",
    "date_precision",
    "source_code",
    "source_name",
    "source_text",
    "source_country",
    "source_sector",
    "cameo",
    "cameo_root",
    "plover_type",
    "plover_mode",
    "quad_class",
    "goldstein",
    "target_code",
    "target_name",
    "target_text",
    "target_country",
    "target_sector",
    "trigger",
    "location",
    "location_country",
    "lat",
    "lon",
    "geonameid",
    "modality",
    "confidence",
    "sentence",
    "published",
    "outlet",
    "title",
    "url",
]


def flatten(event: Event) -> dict[str, Any]:
    """One event as a flat row (actors and place spread over columns)."""
    row: dict[str, Any] = {
        "event_id": event.event_id,
        "article_id": event.article_id,
        "sentence_index": event.sentence_index,
        "date": event.date,
        "date_precision": event.date_precision,
        "cameo": event.cameo,
        "cameo_root": event.cameo_root,
        "plover_type": event.plover_type,
        "plover_mode": event.plover_mode,
        "quad_class": event.quad_class,
        "goldstein": event.goldstein,
        "trigger": event.trigger.text,
        "modality": event.modality,
        "confidence": event.confidence,
        "sentence": event.sentence,
        "published": event.published,
        "outlet": event.outlet,
        "title": event.title,
        "url": event.url,
    }
    for role in ("source", "target"):
        actor: Actor | None = getattr(event, role)
        row[f"{role}_code"] = actor.code if actor else None
        row[f"{role}_name"] = actor.name if actor else None
        row[f"{role}_text"] = actor.text if actor else None
        row[f"{role}_country"] = actor.country if actor else None
        row[f"{role}_sector"] = actor.sector if actor else None
    place = event.location
    row["location"] = place.name if place else None
    row["location_country"] = place.country if place else None
    row["lat"] = place.lat if place else None
    row["lon"] = place.lon if place else None
    row["geonameid"] = place.geonameid if place else None
    return {name: row[name] for name in FLAT_COLUMNS}


class Events(list):
    """A list of events that can also become a pandas DataFrame."""

    def __init__(self, events: Iterable[Event] = ()) -> None:
        super().__init__(events)

    def to_dataframe(self):
        """The events as a pandas DataFrame, one row per event, in FLAT_COLUMNS order."""
        import pandas as pd

        return pd.DataFrame([flatten(event) for event in self], columns=FLAT_COLUMNS)

    def to_jsonl(self) -> str:
        return "".join(event.to_json() + "\n" for event in self)


@dataclass(slots=True)
class Problem:
    """A record that could not be read or coded, and why."""

    origin: str
    message: str
    code: str = field(default="TID000")

    def __str__(self) -> str:
        return f"{self.origin}: {self.code} {self.message}"
