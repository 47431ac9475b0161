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
        indices = pc.sort_indices(table, [(column, "ascending") for column in order])
        keys = table.column(order[0]).take(indices)
        self.keys = keys.to_numpy(zero_copy_only=False)
        # Rows already in the order are found as a slice; a second order over the same rows keeps only
        # its permutation.
        in_order = pc.all(pc.equal(indices, pa.array(np.arange(len(table), dtype=np.uint64)))).as_py()
        self.indices = None if in_order or not len(table) else indices.to_numpy()
        self.readers = {
            name: _reader(column.chunk(0) if column.num_chunks == 1 else column.combine_chunks())
            for name, column in zip(table.column_names, table.columns, strict=True)
        }

    def positions(self, keys: list) -> np.ndarray:
        """The row (its place in the table) of the first of each of ``keys`` that has one, in the order
        of ``keys``."""
        if not keys or not len(self.keys):
            return np.zeros(0, dtype=np.int64)
        wanted = np.array(keys, dtype=self.keys.dtype)
        at = np.searchsorted(self.keys, wanted)
        found = at < len(self.keys)
        found[found] = self.keys[at[found]] == wanted[found]
        at = at[found]
        return at if self.indices is None else self.indices[at]

    def first_of(self, keys: list) -> Rows:
        """The first row of each of ``keys`` that has one, in the order of ``keys``: read together, as
        reading a column costs a few microseconds however few its rows."""
        return self.rows(self.positions(keys))

    def find(self, key: Any) -> Rows:
        start = int(np.searchsorted(self.keys, key, "left"))
        end = int(np.searchsorted(self.keys, key, "right"))
        if start == end:
            return Rows()
        return self.rows(np.arange(start, end) if self.indices is None else self.indices[start:end])

    def rows(self, positions: np.ndarray) -> Rows:
        """The rows at ``positions`` of the table as dicts ready to be sent: the values ``to_pylist``
        gives, dates and times as ISO text, NaN as None, as ``api.records`` would make them."""
        names = list(self.readers)
        columns = [read(positions) for read in self.readers.values()]
        return Rows(dict(zip(names, row, strict=True)) for row in zip(*columns, strict=True))

    def read(self, name: str, positions: np.ndarray) -> list:
        """The values of column ``name`` at ``positions``, as ``rows`` gives them."""
        return self.readers[name](positions)


def _reader(column: pa.Array) -> Callable[[np.ndarray], list]:
    """How the values of ``column`` at some positions are read, as ``Keyed.rows`` gives them.

    Arrow's ``take`` and ``to_pylist`` cost tens of microseconds a column for the fifty rows of a page,
    for each of an event's thirty-four columns; numpy's indexing and ``tolist`` one or two. So numbers
    are read from numpy views of Arrow's buffers (not copied), a column of few distinct values (``_table``
    encodes them, NULL among them) as its indices into its values listed once, ready to be sent; the
    rest, text of many values, as Arrow gives it.
    """
    kind = column.type
    if pa.types.is_dictionary(kind) and not column.null_count:
        listed = [*_python(column.dictionary), None]
        codes = _values(column.indices)
        return lambda positions: [listed[index] for index in codes[positions].tolist()]
    missing = column.is_null().to_numpy(zero_copy_only=False) if column.null_count else None
    if pa.types.is_floating(kind):
        numbers = _values(column)

        def read(positions: np.ndarray) -> list:
            picked = numbers[positions]
            if missing is not None:
                picked[missing[positions]] = np.nan
            return [None if value != value else value for value in picked.tolist()]

        return read
    if pa.types.is_integer(kind) or pa.types.is_boolean(kind):
        numbers = (
            column.fill_null(False).to_numpy(zero_copy_only=False)
            if pa.types.is_boolean(kind)
            else _values(column)
        )

        def read_numbers(positions: np.ndarray) -> list:
            picked = numbers[positions].tolist()
            if missing is not None:
                for at in np.flatnonzero(missing[positions]).tolist():
                    picked[at] = None
            return picked

        return read_numbers
    return lambda positions: _python(column.take(positions))


def _values(column: pa.Array) -> np.ndarray:
    """The values of the fixed-width ``column`` as numpy, not copied (a NULL's slot holds any value)."""
    dtype = np.dtype(column.type.to_pandas_dtype())
    if not len(column):
        return np.zeros(0, dtype=dtype)
    return np.frombuffer(
        column.buffers()[1], dtype=dtype, count=len(column), offset=column.offset * dtype.itemsize
    )


def _python(values: pa.Array) -> list:
    """``values`` as Python values ready to be sent: dates and times as ISO text, NaN and NULL as None."""
    if pa.types.is_date(values.type):
        return values.cast(pa.string()).to_pylist()
    if pa.types.is_timestamp(values.type):
        return [value and value.isoformat() for value in values.to_pylist()]
    if pa.types.is_floating(values.type):
        return [None if value != value else value for value in values.to_pylist()]
    return values.to_pylist()


class Lookups:
    """The events, mentions, outlets and article headings of a read-only store, by key."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        mentions = _table(
            con,
            "SELECT * FROM mentions ORDER BY event_id",
            plain=("event_id", "article_id", "sentence_index", "trigger_start", "mention_id"),
        )
        events = _table(con, "SELECT * FROM events ORDER BY id", plain=("id",))
        self.events = Keyed(events, ["id"])
        self.mentions_of_event = Keyed(mentions, ["event_id"])
        self.mentions_of_article = Keyed(
            mentions, ["article_id", "sentence_index", "trigger_start", "mention_id"]
        )
        sources = _table(
            con, "SELECT * FROM event_sources ORDER BY event_id, source", plain=("event_id", "source")
        )
        self.sources = Keyed(sources, ["event_id", "source"])
        articles = "SELECT id, seq, title, outlet, published, url FROM articles ORDER BY id"
        articles = _table(con, articles, plain=("id",))
        self.articles = Keyed(articles, ["id"])
        # Each event's first article by its row among the articles (-1 for none): the headings of a page
        # of events are read by position, not looked up by their ids (text, slower to search).
        self.article_of_event = (
            pc.index_in(events.column("first_article"), value_set=articles.column("id"))
            .fill_null(-1)
            .to_numpy()
        )
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
        at = self.events.positions(event_ids)
        found = self.events.rows(at)
        for event in found:
            event.update(dict.fromkeys(HEADING))
        articles = self.article_of_event[at]
        known = np.flatnonzero(articles >= 0)
        headings = [self.articles.read(column, articles[known]) for column in HEADING]
        for index, heading in zip(known.tolist(), zip(*headings, strict=True), strict=True):
            found[index].update(zip(HEADING, heading, strict=True))
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
    """The result of ``query``, its columns of few distinct texts or dates (codes, outlets, types, days)
    held once each, NULL among them, but those ``plain`` (Arrow sorts only plain columns)."""
    # One chunk: taking rows from a table of many chunks costs milliseconds, from one microseconds.
    table = con.sql(query).to_arrow_table().combine_chunks()
    for index, field in enumerate(table.schema):
        column = table.column(index)
        if (
            field.name not in plain
            and (pa.types.is_string(field.type) or pa.types.is_temporal(field.type))
            and pc.count_distinct(column, mode="all").as_py() * 4 < len(column)
        ):
            encoded = pc.dictionary_encode(column, null_encoding="encode")
            table = table.set_column(index, field.name, encoded)
    return table
