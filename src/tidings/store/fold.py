"""Writing coded articles to the store, folding their mentions into events, one transaction a batch.

Mentions with the same source code, target code, CAMEO code, date and
modality, within and across articles, are one event. A copy of an article adds
no mentions, but its source is counted in NumSources of its original's events.
A batch is written in one transaction: a run that is stopped loses the batch,
never part of an article.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import duckdb
import pyarrow as pa

from ..model import Event
from .dedup import Verdict

# GDELT's IsRootEvent marks events from the lead; the first sentences are the headline and the lead,
# after a dateline or an outlet's name when a page has one.
LEAD_SENTENCES = 3


def event_key(event: Event) -> int:
    """The id of the folded event a mention belongs to: a positive 63-bit hash, stable across runs."""
    parts = (
        event.source and event.source.code,
        event.target and event.target.code,
        event.cameo,
        event.date,
        event.modality,
    )
    digest = hashlib.sha1("\x1f".join(part or "" for part in parts).encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") >> 1


@dataclass(slots=True)
class Batch:
    """Articles waiting to be written, in input order."""

    entries: list[tuple[Verdict, list[Event], str | None]] = field(default_factory=list)

    def add(self, verdict: Verdict, events: Sequence[Event] = (), *, error: str | None = None) -> None:
        self.entries.append((verdict, list(events), error))

    def __len__(self) -> int:
        return len(self.entries)


# How each batch table reaches the store. An event or actor seen before keeps its first mention's names
# and place, and adds up its counts. Events have no key index (it would hold every event in memory):
# the batch's events the store has are looked up first, and updated instead of inserted.
_WRITES = {
    "batch_articles": "INSERT INTO articles BY NAME SELECT * FROM batch_articles",
    "batch_bands": "INSERT INTO article_bands BY NAME SELECT * FROM batch_bands",
    "batch_mentions": "INSERT INTO mentions BY NAME SELECT * FROM batch_mentions",
    "batch_events": "INSERT INTO events BY NAME SELECT * FROM batch_events",
    "batch_known_events": """
        UPDATE events SET
            num_mentions = events.num_mentions + b.num_mentions,
            num_articles = events.num_articles + b.num_articles,
            is_root = events.is_root OR b.is_root,
            confidence = greatest(events.confidence, b.confidence)
        FROM batch_known_events b WHERE events.id = b.id""",
    "batch_actors": """
        INSERT INTO actors BY NAME SELECT * FROM batch_actors
        ON CONFLICT (code, name) DO UPDATE SET
            mentions = actors.mentions + excluded.mentions,
            as_source = actors.as_source + excluded.as_source,
            as_target = actors.as_target + excluded.as_target""",
}


def write_batch(con: duckdb.DuckDBPyConnection, batch: Batch) -> None:
    """Write a batch of articles, their mentions and what they change in events and actors, atomically."""
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    event_rows = _event_rows(batch, now)
    known = _stored(
        con,
        "SELECT id FROM events WHERE id IN (SELECT unnest($1::BIGINT[]))",
        [row["id"] for row in event_rows],
    )
    tables = {
        "batch_articles": [
            article_row(verdict, events, error, now) for verdict, events, error in batch.entries
        ],
        "batch_bands": [
            {"key": key, "article_id": verdict.fingerprint.id}
            for verdict, _, _ in batch.entries
            if verdict.kind == "new"
            for key in verdict.fingerprint.bands
        ],
        "batch_mentions": [
            mention_row(verdict, event) for verdict, events, _ in batch.entries for event in events
        ],
        "batch_events": [row for row in event_rows if row["id"] not in known],
        "batch_known_events": [row for row in event_rows if row["id"] in known],
        "batch_actors": _actor_rows(batch),
    }
    con.execute("BEGIN TRANSACTION")
    try:
        for name, rows in tables.items():
            if rows:
                _write(con, name, rows, _WRITES[name])
        _count_sources(con, batch)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def _write(con: duckdb.DuckDBPyConnection, name: str, rows: list[dict], statement: str) -> list[tuple]:
    """Run ``statement`` with ``rows`` visible as the table ``name``; return the rows it returns."""
    con.register(name, pa.Table.from_pylist(rows))
    try:
        return con.execute(statement).fetchall()
    finally:
        con.unregister(name)


def _stored(con: duckdb.DuckDBPyConnection, query: str, keys: list) -> set:
    """The rows ``query`` finds for ``keys`` (its one parameter), as a set of values or tuples.

    ``x IN (SELECT unnest($1))`` builds its hash table of the few keys and scans the table once.
    """
    rows = con.execute(query, [keys]).fetchall() if keys else []
    return {row[0] if len(row) == 1 else row for row in rows}


def _count_sources(con: duckdb.DuckDBPyConnection, batch: Batch) -> None:
    """Add each article's source, and copies' sources, to the events they report; update NumSources."""
    pairs = {
        (event_key(event), verdict.fingerprint.source_key(), verdict.article.date)
        for verdict, events, _ in batch.entries
        for event in events
    }
    copies = [
        (verdict.original, verdict.fingerprint.source_key(), verdict.article.date)
        for verdict, _, _ in batch.entries
        if verdict.kind == "copy"
    ]
    if copies:
        originals = sorted({original for original, _, _ in copies})
        rows = con.execute(
            "SELECT DISTINCT article_id, event_id FROM mentions "
            "WHERE article_id IN (SELECT unnest($1::VARCHAR[]))",
            [originals],
        ).fetchall()
        events_of: dict[str, list[int]] = {}
        for article_id, event_id in rows:
            events_of.setdefault(article_id, []).append(event_id)
        pairs |= {
            (event_id, source, date)
            for original, source, date in copies
            for event_id in events_of.get(original, ())
        }
    if not pairs:
        return
    counted = _stored(
        con,
        "SELECT event_id, source FROM event_sources WHERE event_id IN (SELECT unnest($1::BIGINT[]))",
        sorted({event_id for event_id, _, _ in pairs}),
    )
    new_pairs = sorted({pair[:2] for pair in pairs} - counted)
    if new_pairs:
        _write(
            con,
            "batch_pairs",
            [{"event_id": event_id, "source": source} for event_id, source in new_pairs],
            "INSERT INTO event_sources SELECT * FROM batch_pairs",
        )
    added = Counter(event_id for event_id, _ in new_pairs)
    seen: dict[int, list[str]] = {}
    for event_id, _, date in pairs:
        seen.setdefault(event_id, []).extend([date] if date else [])
    updates = [
        {
            "event_id": event_id,
            "added": added[event_id],
            "first_seen": min(dates, default=None),
            "last_seen": max(dates, default=None),
        }
        for event_id, dates in seen.items()
    ]
    _write(
        con,
        "batch_updates",
        updates,
        """
        UPDATE events SET num_sources = events.num_sources + u.added,
                          first_seen = least(events.first_seen, u.first_seen::DATE),
                          last_seen = greatest(events.last_seen, u.last_seen::DATE)
        FROM batch_updates u WHERE events.id = u.event_id""",
    )


def article_row(verdict: Verdict, events: list[Event], error: str | None, now: dt.datetime) -> dict:
    """The row of the ``articles`` table for an original (with its text and signature) or a copy."""
    article, fingerprint = verdict.article, verdict.fingerprint
    original = verdict.kind == "new"
    return {
        "id": fingerprint.id,
        "seq": verdict.seq,
        "record_id": article.id,
        "title": article.title,
        "url": article.url,
        "outlet": article.outlet,
        "source": fingerprint.source_key(),
        "published": article.date,
        "origin": article.origin,
        "duplicate_of": verdict.original,
        "similarity": verdict.similarity,
        "mentions": len(events),
        "error": error,
        "text": article.text if original else None,
        "minhash": fingerprint.signature.tobytes()
        if original and fingerprint.signature is not None
        else None,
        "ingested_at": now,
    }


def mention_row(verdict: Verdict, event: Event) -> dict:
    """The row of the ``mentions`` table for one event coded from an article."""
    row = {
        "mention_id": event.event_id,
        "event_id": event_key(event),
        "article_id": verdict.fingerprint.id,
        "sentence_index": event.sentence_index,
        "sentence": event.sentence,
        "trigger": event.trigger.text,
        "trigger_start": event.trigger.start,
        "trigger_end": event.trigger.end,
        "confidence": event.confidence,
        **_what_when_where(event),
        **_actors(event, ("code", "name", "text", "start", "end", "country", "sector")),
    }
    place = event.location
    row["location_text"] = place.text if place else None
    return row


def _event_rows(batch: Batch, now: dt.datetime) -> list[dict]:
    """The batch's mentions folded into events; the first mention gives an event its actors and place."""
    rows: dict[int, dict] = {}
    articles: dict[int, set[str]] = {}
    for verdict, events, _ in batch.entries:
        for event in events:
            key = event_key(event)
            row = rows.get(key)
            if row is None:
                row = rows[key] = _new_event_row(key, verdict, event, now)
                articles[key] = set()
            row["num_mentions"] += 1
            row["is_root"] = row["is_root"] or event.sentence_index < LEAD_SENTENCES
            row["confidence"] = max(row["confidence"], event.confidence)
            articles[key].add(verdict.fingerprint.id)
    for key, row in rows.items():
        row["num_articles"] = len(articles[key])
    return list(rows.values())


def _new_event_row(key: int, verdict: Verdict, event: Event, now: dt.datetime) -> dict:
    return {
        "id": key,
        **_what_when_where(event),
        **_actors(event, ("code", "name", "country", "sector")),
        "num_mentions": 0,
        "num_articles": 0,
        "num_sources": 0,
        "first_seen": None,
        "last_seen": None,
        "is_root": False,
        "confidence": event.confidence,
        "first_article": verdict.fingerprint.id,
        "url": verdict.article.url,
        "added_at": now,
    }


def _what_when_where(event: Event) -> dict:
    """The columns an event and each of its mentions share: its code, date and place."""
    place = event.location
    return {
        "date": event.date,
        "date_precision": event.date_precision,
        "cameo": event.cameo,
        "cameo_root": event.cameo_root,
        "quad_class": event.quad_class,
        "goldstein": event.goldstein,
        "plover_type": event.plover_type,
        "plover_mode": event.plover_mode,
        "modality": event.modality,
        "location": place.name if place else None,
        "location_country": place.country if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "geonameid": place.geonameid if place else None,
        "location_precision": place.precision if place else None,
    }


def _actors(event: Event, fields: tuple[str, ...]) -> dict:
    return {
        f"{role}_{name}": getattr(actor, name) if actor else None
        for role, actor in (("source", event.source), ("target", event.target))
        for name in fields
    }


def _actor_rows(batch: Batch) -> list[dict]:
    rows: dict[tuple[str, str], dict] = {}
    for _, events, _ in batch.entries:
        for event in events:
            for role in ("source", "target"):
                actor = getattr(event, role)
                if actor is None or actor.code is None:
                    continue
                key = (actor.code, actor.name or "")
                row = rows.setdefault(
                    key,
                    {
                        "code": key[0],
                        "name": key[1],
                        "country": actor.country,
                        "sector": actor.sector,
                        "mentions": 0,
                        "as_source": 0,
                        "as_target": 0,
                    },
                )
                row[f"as_{role}"] += 1
            for key in {
                (actor.code, actor.name or "")
                for actor in (event.source, event.target)
                if actor is not None and actor.code is not None
            }:
                rows[key]["mentions"] += 1
    return list(rows.values())
