"""Single events and articles found in memory: the store is read-only while it is served, so its events,
mentions, outlets and article headings are read once at start-up and looked up by key from then on.

An event or article page that nobody asked for before cannot be kept as an answer (there are as many as
events), and DuckDB spends about a millisecond per query fetching one wide row; an event with its mentions
and outlets takes half a millisecond from here, five and a half in four queries. They give the rows
``tidings.store.queries`` gives (``event``, ``mentions``, ``article`` with ``rows=True``), ready to be
sent as JSON as ``api.records`` would make them (``Rows``); the tests hold the two to the same answers.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from starlette.concurrency import run_in_threadpool

from .rows import Rows

# Past this many events the rows would take more memory than they are worth (the server of the generated
# store of a million events peaks at about 1.45 GB, with the columns of ``aggregates``); the queries
# answer from the store instead.
MAX_EVENTS = 3_000_000
HEADING = ("title", "outlet", "published")
T = TypeVar("T")


class Keyed:
    """Rows of one table in memory; ``find`` gives those whose first ``order`` column equals a key, in
    that order."""

    def __init__(self, table: pa.Table, order: list[str]) -> None:
        self.table = table
        indices = pc.sort_indices(table, [(column, "ascending") for column in order])
        keys = table.column(order[0]).take(indices)
        self.keys = keys.to_numpy(zero_copy_only=False)
        # Rows already in the order are found as a slice (no copy); a second order over the same rows
        # keeps only its permutation.
        in_order = pc.all(pc.equal(indices, pa.array(np.arange(len(table), dtype=np.uint64)))).as_py()
        self.indices = None if in_order or not len(table) else indices
        # Arrow converts a dictionary column to Python value by value, several times slower than
        # looking its indices up in the values listed once (None last, for a NULL's index of -1).
        self.listed = {
            field.name: [*table.column(field.name).chunk(0).dictionary.to_pylist(), None]
            for field in table.schema
            if pa.types.is_dictionary(field.type) and table.column(field.name).num_chunks == 1
        }

    def first_of(self, keys: list) -> Rows:
        """The first row of each of ``keys`` that has one, in the order of ``keys``: one take for them
        all, as converting rows costs a few microseconds a column for each call."""
        if not keys or not len(self.keys):
            return Rows()
        at = np.searchsorted(self.keys, np.array(keys, dtype=self.keys.dtype))
        found = at < len(self.keys)
        found[found] = self.keys[at[found]] == np.array(keys, dtype=self.keys.dtype)[found]
        at = at[found]
        return self._rows(self.table.take(at if self.indices is None else self.indices.take(at)))

    def find(self, key: Any) -> Rows:
        start = int(np.searchsorted(self.keys, key, "left"))
        end = int(np.searchsorted(self.keys, key, "right"))
        if start == end:
            return Rows()
        if self.indices is None:
            return self._rows(self.table.slice(start, end - start))
        return self._rows(self.table.take(self.indices[start:end]))

    def _rows(self, part: pa.Table) -> Rows:
        """The rows of ``part`` (of ``table``) as dicts ready to be sent: the values ``to_pylist``
        gives, dates and times as ISO text, NaN as None, as ``api.records`` would make them."""
        names, columns = part.column_names, []
        for name, column in zip(names, part.columns, strict=True):
            listed = self.listed.get(name)
            if listed is not None and column.num_chunks == 1:
                indices = column.chunk(0).indices.fill_null(-1).to_numpy(zero_copy_only=False)
                columns.append([listed[index] for index in indices.tolist()])
            elif pa.types.is_date(column.type):
                columns.append(column.cast(pa.string()).to_pylist())
            elif pa.types.is_timestamp(column.type):
                columns.append([value and value.isoformat() for value in column.to_pylist()])
            elif pa.types.is_floating(column.type):
                columns.append([None if value != value else value for value in column.to_pylist()])
            else:
                columns.append(column.to_pylist())
        return Rows(dict(zip(names, row, strict=True)) for row in zip(*columns, strict=True))


class Lookups:
    """The events, mentions, outlets and article headings of a read-only store, by key."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        mentions = _table(
            con,
            "SELECT * FROM mentions ORDER BY event_id",
            plain=("event_id", "article_id", "sentence_index", "trigger_start", "mention_id"),
        )
        self.events = Keyed(_table(con, "SELECT * FROM events ORDER BY id", plain=("id",)), ["id"])
        self.mentions_of_event = Keyed(mentions, ["event_id"])
        self.mentions_of_article = Keyed(
            mentions, ["article_id", "sentence_index", "trigger_start", "mention_id"]
        )
        sources = _table(
            con, "SELECT * FROM event_sources ORDER BY event_id, source", plain=("event_id", "source")
        )
        self.sources = Keyed(sources, ["event_id", "source"])
        articles = "SELECT id, seq, title, outlet, published, url FROM articles ORDER BY id"
        self.articles = Keyed(_table(con, articles, plain=("id",)), ["id"])
        copies = (
            "SELECT duplicate_of, id, title, outlet, url, published, similarity, seq FROM articles "
            "WHERE duplicate_of IS NOT NULL ORDER BY duplicate_of, seq"
        )
        self.copies = Keyed(_table(con, copies, plain=("duplicate_of", "seq")), ["duplicate_of", "seq"])

    def event(self, event_id: int) -> Rows:
        """As ``queries.event``: the event with its first article's headline, outlet and date."""
        return self.events_of([event_id])

    def events_of(self, event_ids: list[int]) -> Rows:
        """The events ``event_ids`` (those there are, in that order), each as ``event`` gives it."""
        found = self.events.first_of(event_ids)
        articles = list(dict.fromkeys(event["first_article"] for event in found))
        headings = {article["id"]: article for article in self.articles.first_of(articles)}
        for event in found:
            article = headings.get(event["first_article"], {})
            event.update({column: article.get(column) for column in HEADING})
        return found

    def mentions(self, event_id: int) -> Rows:
        """As ``queries.mentions``: the event's mentions with their article, in reading order."""
        joined = []
        for mention in self.mentions_of_event.find(event_id):
            article = self.heading(mention["article_id"])
            if article:
                joined.append(mention | {column: article[column] for column in ("seq", *HEADING, "url")})
        joined.sort(key=lambda mention: (mention["seq"], mention["sentence_index"], mention["mention_id"]))
        for mention in joined:
            del mention["seq"]
        return Rows(joined)

    def outlets(self, event_id: int) -> list[str]:
        """The sources that carried the event, in name order."""
        return [row["source"] for row in self.sources.find(event_id)]

    def article_mentions(self, article_id: str) -> Rows:
        """As the mentions of ``queries.article``: by sentence, then trigger, then mention id."""
        return self.mentions_of_article.find(article_id)

    def copies_of(self, article_id: str) -> Rows:
        """As the copies of ``queries.article``: those folded into it, in reading order."""
        copies = self.copies.find(article_id)
        for copy in copies:
            del copy["duplicate_of"], copy["seq"]
        return copies

    def heading(self, article_id: str) -> dict[str, Any]:
        found = self.articles.find(article_id)
        return found[0] if found else {}


async def looked_up(lookups: Lookups | None, function: Callable[..., T], *args: Any) -> T:
    """``function(*args)``, which answers a single event or article: on the event loop when the server
    keeps them in memory (it then takes well under a millisecond, a lookup by primary key in the store
    at most, less than a pass through the thread pool, where it would wait behind the slow queries),
    in a worker thread when it has to read them from the store."""
    if lookups is None:
        return await run_in_threadpool(function, *args)
    return function(*args)


def lookups_for(con: duckdb.DuckDBPyConnection) -> Lookups | None:
    """Lookups for the store, or None when it has more events than are kept in memory."""
    with con.cursor() as cursor:
        if cursor.execute("SELECT count(*) FROM events").fetchall()[0][0] > MAX_EVENTS:
            return None
        return Lookups(cursor)


def _table(con: duckdb.DuckDBPyConnection, query: str, *, plain: tuple[str, ...]) -> pa.Table:
    """The result of ``query``, its columns of few distinct strings (codes, outlets, types) held once
    each, but those ``plain`` (Arrow sorts only plain columns)."""
    # One chunk: taking rows from a table of many chunks costs milliseconds, from one microseconds.
    table = con.sql(query).to_arrow_table().combine_chunks()
    for index, field in enumerate(table.schema):
        column = table.column(index)
        if (
            field.name not in plain
            and pa.types.is_string(field.type)
            and pc.count_distinct(column).as_py() * 4 < len(column)
        ):
            table = table.set_column(index, field.name, pc.dictionary_encode(column))
    return table
