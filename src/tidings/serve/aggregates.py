"""Timelines, dyads, types, places and pages of events answered from the events' columns in memory.

The store is read-only while it is served, so the columns every filter but text and outlet reads (codes,
type, CAMEO, QuadClass, date and its period of each frequency, place, modality, Goldstein, mentions) are
read once at start-up into numpy arrays, sorted as events are listed (newest first), their strings held
once each in a sorted dictionary, and the events of every (source code, target code) pair indexed. A
filter is then a selection of events (a dyad's or an actor's are those of the pairs it matches; a code
prefix or a place is a look-up in the dictionary, made by the same DuckDB function the query uses), a
timeline or a table of dyads a count over them: 7 ms for a dyad's weekly timeline on a million events,
18 ms as a query. Grouping the events by day first would not make them fewer: the generated store of a
million events (benchmarks/serve_load.py) has 777,000 distinct days of a dyad, type, code and place.

``Aggregates`` has the functions of ``tidings.store.queries`` they replace, with the same arguments and
the same answers (the tests hold the two to it), given as the JSON-ready rows the API sends (``Rows``)
rather than as DataFrames, which cost more to build than the counts; given a text or outlet filter,
which the columns cannot answer, it asks the store.
"""

from __future__ import annotations

import datetime
import functools
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..store import queries
from ..store.formats import FREQUENCIES
from .lookups import Lookups
from .rows import Rows

EPOCH = datetime.date(1970, 1, 1)
QUADS = 4
# Groups are counted in an array this long at most (a dyad of two actors among 2,000), else sorted.
MAX_COUNTED = 4_000_000
# Conditions on a column's values kept decided, per column.
MAX_DECIDED = 10_000
# Answers kept, in rows (a timeline's periods, a page's events): some tens of megabytes at most.
MAX_KEPT_ROWS = 100_000
# A missing date sorts and compares as the query's coalesce(e.date, DATE '0001-01-01').
NO_DATE = (datetime.date(1, 1, 1) - EPOCH).days
# 1970-01-01 was a Thursday: weeks, which start on Monday as in DuckDB, are counted from 1969-12-29.
WEEK_SHIFT = 3
NUMPY_UNITS = {"month": "datetime64[M]", "year": "datetime64[Y]"}
STRINGS = (
    "source_code",
    "target_code",
    "source",
    "target",
    "plover_type",
    "cameo",
    "date_precision",
    "location",
    "location_country",
)
COLUMNS = f"""
    SELECT e.id, e.first_article, e.source_code, e.target_code,
           coalesce(e.source_country, e.source_code) AS source,
           coalesce(e.target_country, e.target_code) AS target,
           e.plover_type, e.cameo, e.quad_class, e.date_precision, e.modality = 'asserted' AS asserted,
           e.location, e.location_country, e.lat, e.lon, e.goldstein, e.num_mentions, e.date AS day
    FROM events e {queries.EVENT_ORDER}"""


class Coded:
    """A string column as indices (-1 for NULL) into its distinct values, sorted as DuckDB sorts them."""

    def __init__(self, column: pa.ChunkedArray) -> None:
        encoded = pc.dictionary_encode(column).combine_chunks()
        values = encoded.dictionary.to_pylist()
        order = sorted(range(len(values)), key=values.__getitem__)
        rank = np.empty(len(values) + 1, dtype=np.int32)
        rank[order] = np.arange(len(values), dtype=np.int32)
        rank[-1] = -1
        self.values = [values[index] for index in order]
        self.indices = rank[encoded.indices.fill_null(-1).to_numpy(zero_copy_only=False)]
        self.decided: dict[tuple, np.ndarray] = {}

    def where(self, con: duckdb.DuckDBPyConnection, condition: str, parameters: list) -> np.ndarray:
        """Which values meet ``condition`` on ``v``, DuckDB deciding each; by index, NULL (-1) last.
        Kept: a page asks the same few of each column, and a query costs more than the rest of a count."""
        key = (condition, repr(parameters))
        if key not in self.decided:
            if len(self.decided) > MAX_DECIDED:
                self.decided.clear()
            self.decided[key] = self._decide(con, condition, parameters)
        return self.decided[key]

    def _decide(self, con: duckdb.DuckDBPyConnection, condition: str, parameters: list) -> np.ndarray:
        found = con.execute(
            f"SELECT coalesce(list_transform(?::VARCHAR[], lambda v: {condition}), [])",
            [self.values, *parameters],
        ).fetchone()[0]
        return np.array([*found, False], dtype=bool)

    def equal(self, value: str) -> np.ndarray:
        """Which values equal ``value``, as ``where`` gives them."""
        wanted = np.zeros(len(self.values) + 1, dtype=bool)
        index = int(np.searchsorted(self.values, value)) if self.values else 0
        wanted[index] = index < len(self.values) and self.values[index] == value
        return wanted


def kept(method: Callable[..., Any]) -> Callable[..., Any]:
    """``method`` of ``Aggregates``, its answers kept by its arguments and given as copies (but the
    DataFrames of the store's queries): pages share them, the relations of A and B and of B and A all of
    theirs."""

    @functools.wraps(method)
    def keeping(self: Aggregates, con: duckdb.DuckDBPyConnection, *args: Any, **given: Any) -> Any:
        named = dict(given)
        if named.get("dyad") and not named.get("directed"):
            named["dyad"] = tuple(sorted(named["dyad"]))  # either way round: the same events
        key = (method.__name__, args, tuple(sorted(named.items())))
        found = self.answers.get(key)
        if found is None:
            found = method(self, con, *args, **given)
            if isinstance(found, pd.DataFrame):  # asked of the store
                return found
            self._keep(key, found)
        copied = [dict(row) for row in found]
        return Rows(copied, **found.attrs) if isinstance(found, Rows) else copied

    return keeping


class Aggregates:
    """The served store's events as columns; the ``queries`` functions pages and the API call, answered
    from them."""

    def __init__(self, con: duckdb.DuckDBPyConnection, lookups: Lookups | None = None) -> None:
        self.lookups = lookups
        table = con.sql(COLUMNS).to_arrow_table()
        self.strings = {name: Coded(table.column(name)) for name in STRINGS}
        self.numbers = {
            name: _numbers(table.column(name), dtype, missing)
            for name, dtype, missing in (
                ("id", np.int64, 0),
                ("quad_class", np.int16, 0),
                ("asserted", np.bool_, False),
                ("num_mentions", np.int64, 0),
                ("lat", np.float64, np.nan),
                ("lon", np.float64, np.nan),
                ("goldstein", np.float64, np.nan),
                ("day", np.int32, NO_DATE),
            )
        }
        # Each event's period of each frequency, counted from 1970's: a timeline's slot is a subtraction.
        self.periods = {freq: _ordinals(freq, self.numbers["day"]).astype(np.int32) for freq in FREQUENCIES}
        self.first_articles = table.column("first_article").combine_chunks()
        self.known = {name: ~np.isnan(self.numbers[name]) for name in ("lat", "lon", "goldstein")}
        self.filled = {name: np.nan_to_num(self.numbers[name]) for name in self.known}
        # A column without NULLs (Goldstein, in the schema) is averaged over every event counted.
        self.complete = {name for name, known in self.known.items() if known.all()}
        self.numbers["has_mentions"] = _present(table.column("num_mentions"))
        self.size = len(table)
        self.asserted = np.flatnonzero(self.numbers["asserted"])
        # Every (source code, target code) pair's events, in listing order: a dyad's or an actor's
        # events are those of the few pairs it matches, not a pass over all events.
        sources, targets = self.strings["source_code"], self.strings["target_code"]
        self.width = len(targets.values) + 1
        pairs = sources.indices.astype(np.int64) % (len(sources.values) + 1) * self.width + (
            targets.indices % self.width
        )
        self.by_pair = np.argsort(pairs, kind="stable")
        self.pairs, starts = np.unique(pairs[self.by_pair], return_index=True)
        self.pair_rows = np.append(starts, self.size)
        self.answers: OrderedDict[tuple, list[dict[str, Any]]] = OrderedDict()
        self.kept_rows = 0

    def _keep(self, key: tuple, answer: list[dict[str, Any]]) -> None:
        """Keep ``answer``, dropping the oldest kept past MAX_KEPT_ROWS rows in all."""
        self.answers[key] = answer
        self.kept_rows += len(answer)
        while self.kept_rows > MAX_KEPT_ROWS and self.answers:
            _, dropped = self.answers.popitem(last=False)
            self.kept_rows -= len(dropped)

    def rows(self, con: duckdb.DuckDBPyConnection, filters: dict[str, Any]) -> np.ndarray | None:
        """The positions of the events that ``event_filter(**filters)`` selects (a position is the
        event's place in the listing order), or None if the columns cannot tell; in that order unless a
        dyad or an actor chose them, pair by pair."""
        queries.event_filter(**filters)  # the same errors for the same bad filters
        if filters.get("outlet") or filters.get("text"):
            return None
        directed = filters.get("directed", False)
        strings, numbers = self.strings, self.numbers
        sources = self.pairs // self.width
        targets = self.pairs % self.width

        def starting(column: str, prefix: str) -> np.ndarray:
            return strings[column].where(con, "starts_with(v, ?)", [prefix])

        chosen = None
        if dyad := filters.get("dyad"):
            first, second = dyad
            pair = starting("source_code", first)[sources] & starting("target_code", second)[targets]
            if not directed:
                pair |= starting("source_code", second)[sources] & starting("target_code", first)[targets]
            chosen = pair
        if actor := filters.get("actor"):
            either = starting("source_code", actor)[sources]
            if not directed:
                either |= starting("target_code", actor)[targets]
            chosen = either if chosen is None else chosen & either
        if chosen is None:
            rows = np.arange(self.size) if filters.get("include_unrealized") else self.asserted
        else:
            picked = np.flatnonzero(chosen)
            rows = np.concatenate(
                [self.by_pair[self.pair_rows[index] : self.pair_rows[index + 1]] for index in picked]
                or [np.zeros(0, dtype=np.int64)]
            )
            if not filters.get("include_unrealized"):
                rows = rows[numbers["asserted"][rows]]

        def keep(wanted: np.ndarray) -> None:
            nonlocal rows
            rows = rows[wanted]

        def among(column: str, wanted: np.ndarray) -> np.ndarray:
            return wanted[strings[column].indices[rows]]

        if kind := filters.get("type"):
            keep(among("plover_type", strings["plover_type"].equal(kind.upper())))
        if cameo := filters.get("cameo"):
            keep(among("cameo", starting("cameo", cameo)))
        if filters.get("quad_class") is not None:
            keep(numbers["quad_class"][rows] == int(filters["quad_class"]))
        if since := filters.get("since"):
            days = numbers["day"][rows]
            keep((days >= _days(since)) & (days != NO_DATE))
        if until := filters.get("until"):
            days = numbers["day"][rows]
            keep((days <= _days(until)) & (days != NO_DATE))
        if place := filters.get("place"):
            keep(
                among("location", strings["location"].where(con, "v ILIKE ?", [f"%{place}%"]))
                | among("location_country", strings["location_country"].equal(place.upper()))
            )
        return rows

    @kept
    def events(
        self,
        con: duckdb.DuckDBPyConnection,
        *,
        limit: int | None = None,
        after: tuple[str | None, int, int] | None = None,
        rows: bool = False,
        **filters: Any,
    ) -> pd.DataFrame | list[dict[str, Any]]:
        """As ``queries.events``; a page of events is picked from the columns, its rows read by key."""
        picked = None if limit is None or limit > queries.MAX_LOOKUP else self.rows(con, filters)
        if picked is None:
            return queries.events(con, limit=limit, after=after, rows=rows, **filters)
        if after is not None:
            date, mentions_count, last_id = after
            bound = _days(date) if date else NO_DATE
            days, mentions, ids, known = (
                self.numbers[name][picked] for name in ("day", "num_mentions", "id", "has_mentions")
            )
            # The columns are in the order events are listed: the page goes on after the cursor's event.
            # An event without a mentions count sorts last among its day's (NULLS LAST), as DuckDB has it.
            picked = picked[
                (days < bound)
                | (days == bound)
                & (known & ((mentions < mentions_count) | (mentions == mentions_count) & (ids > last_id)))
            ]
        # The first positions are the page: picked out in one pass, and only they sorted.
        if filters.get("dyad") or filters.get("actor"):
            picked = np.sort(np.partition(picked, limit)[:limit] if len(picked) > limit else picked)
        else:
            picked = picked[:limit]
        ids = self.numbers["id"][picked].tolist()
        if rows and self.lookups is not None:
            return self.lookups.events_of(ids)
        articles = self.first_articles.take(picked).to_pylist()
        return queries._by_key(con, ids, articles, rows=rows)

    @kept
    def timeline(
        self, con: duckdb.DuckDBPyConnection, *sides: str | None, **given: Any
    ) -> Rows | pd.DataFrame:
        """As ``queries.timeline`` (the same arguments): events per period, a count per QuadClass,
        mentions, mean Goldstein; ``attrs["left_out"]`` the events not dated precisely enough."""
        actor, other = (*sides, None, None)[:2]
        freq, since, until = given.pop("freq", "week"), given.pop("since", None), given.pop("until", None)
        matched = self.rows(con, queries.timeline_filters(actor, other, freq, since, until, given))
        if matched is None:
            return queries.timeline(con, *sides, freq=freq, since=since, until=until, **given)
        precisions = FREQUENCIES[: FREQUENCIES.index(freq) + 1]
        precise = self.strings["date_precision"]
        fits = precise.where(con, "list_contains(?::VARCHAR[], v)", [list(precisions)])[
            precise.indices[matched]
        ]
        fits &= self.numbers["day"][matched] != NO_DATE
        picked = matched[fits]
        left_out = len(matched) - len(picked)
        period = self.periods[freq][picked]
        if len(period):
            first, last = int(period.min()), int(period.max())
        elif since and until:
            first = last = 0
        else:
            return Rows(left_out=left_out)
        first = int(_ordinals(freq, np.array([_days(since)]))[0]) if since else first
        last = int(_ordinals(freq, np.array([_days(until)]))[0]) if until else last
        size = max(last - first + 1, 0)
        slot = period - first
        # One count of (period, QuadClass) gives every QuadClass's column; one not of the four, none.
        quad = self.numbers["quad_class"][picked]
        quad = np.where((quad >= 1) & (quad <= QUADS), quad, 0)
        counts = np.bincount(slot * (QUADS + 1) + quad, minlength=size * (QUADS + 1)).reshape(size, QUADS + 1)
        starts = _starts(freq, np.arange(first, first + size))
        columns: dict[str, list] = {"period": np.datetime_as_string(starts).tolist()}
        for number, name in queries.quad_columns().items():
            columns[name] = counts[:, number].tolist()
        events = counts.sum(axis=1)
        columns["events"] = events.tolist()
        columns["mentions"] = (
            np.bincount(slot, weights=self.numbers["num_mentions"][picked], minlength=size)
            .astype(np.int64)
            .tolist()
        )
        columns["goldstein"] = _listed(self._mean("goldstein", picked, slot, 2, events))
        return Rows(_zipped(columns), left_out=left_out)

    @kept
    def types(self, con: duckdb.DuckDBPyConnection, **filters: Any) -> Rows | pd.DataFrame:
        """As ``queries.types``: PLOVER types by events, with their mean Goldstein score."""
        picked = self.rows(con, filters)
        if picked is None:
            return queries.types(con, **filters)
        coded = self.strings["plover_type"]
        picked = picked[coded.indices[picked] >= 0]
        return self._grouped(
            [coded.indices[picked]], [coded.values], ["plover_type"], picked, (("events", True),)
        )

    @kept
    def dyads(
        self, con: duckdb.DuckDBPyConnection, *, limit: int = 50, **filters: Any
    ) -> Rows | pd.DataFrame:
        """As ``queries.dyads``: directed dyads by events, with their mean Goldstein score."""
        picked = self.rows(con, filters)
        if picked is None:
            return queries.dyads(con, limit=limit, **filters)
        strings = self.strings
        picked = picked[
            (strings["source_code"].indices[picked] >= 0) & (strings["target_code"].indices[picked] >= 0)
        ]
        sides = [strings[side] for side in ("source", "target")]
        return self._grouped(
            [side.indices[picked] for side in sides],
            [side.values for side in sides],
            ["source", "target"],
            picked,
            (("events", True),),
            limit=int(limit),
        )

    @kept
    def places(
        self, con: duckdb.DuckDBPyConnection, *, limit: int = 1000, **filters: Any
    ) -> Rows | pd.DataFrame:
        """As ``queries.places``: per place and QuadClass, coordinates, events and mean Goldstein."""
        picked = self.rows(con, filters)
        if picked is None:
            return queries.places(con, limit=limit, **filters)
        strings, numbers = self.strings, self.numbers
        picked = picked[
            ~np.isnan(numbers["lat"][picked]) | (strings["location_country"].indices[picked] >= 0)
        ]
        place, country = strings["location"], strings["location_country"]
        grouped = self._grouped(
            [place.indices[picked], country.indices[picked], numbers["quad_class"][picked]],
            [place.values, country.values, None],
            ["place", "country", "quad_class"],
            picked,
            (("lat", 4), ("lon", 4), ("events", True)),
            limit=int(limit),
        )
        # As ``queries.placed``: a place known only by its country is put at the country's centre.
        centres = queries.country_centres()
        for row in grouped:
            if row["lat"] is None:
                row["lat"], row["lon"] = centres.get(row["country"], (None, None))
        return Rows(row for row in grouped if row["lat"] is not None and row["lon"] is not None)

    def _mean(
        self, name: str, picked: np.ndarray, slot: np.ndarray, decimals: int, events: np.ndarray
    ) -> np.ndarray:
        """round(avg(name), decimals) of the events ``picked`` per slot (``events`` of them in each),
        NULLs left out, NaN where there is none: half away from zero, as DuckDB rounds."""
        size = len(events)
        total = np.bincount(slot, weights=self.filled[name][picked], minlength=size)
        if name in self.complete:
            count = events
        else:
            count = np.bincount(slot, weights=self.known[name][picked], minlength=size)
        with np.errstate(invalid="ignore", divide="ignore"):
            mean = total / count
        scale = 10.0**decimals
        # Plus 0.0: a mean that rounds to zero from below reads 0.0, not -0.0.
        rounded = np.sign(mean) * np.floor(np.abs(mean) * scale + 0.5) / scale + 0.0
        return np.where(count > 0, rounded, np.nan)

    def _grouped(
        self,
        keys: list[np.ndarray],
        values: list[list | None],
        names: list[str],
        picked: np.ndarray,
        measures: tuple[tuple[str, Any], ...],
        *,
        limit: int | None = None,
    ) -> Rows:
        """One row per distinct ``keys`` (indices into ``values``, or QuadClasses where None), with
        ``measures``: the event count (True) or the mean of a column to so many decimals, then the mean
        Goldstein score; most events first, then by the keys, NULL (-1, QuadClass 0) after every value;
        the first ``limit``."""
        columns: dict[str, list] = {}
        sizes = [QUADS + 2 if value is None else len(value) + 1 for value in values]
        combined = np.zeros(len(keys[0]), dtype=np.int64)
        for key, value, size in zip(keys, values, sizes, strict=True):
            known = key > 0 if value is None else key >= 0
            combined = combined * size + np.where(known, key, size - 1)
        space = int(np.prod(sizes, dtype=np.int64))
        if space <= MAX_COUNTED:
            events = np.bincount(combined, minlength=space)
            groups = np.flatnonzero(events)
            slots = np.full(space, -1, dtype=np.int64)
            slots[groups] = np.arange(len(groups))
            slot, events = slots[combined], events[groups]
        else:
            groups, slot, events = np.unique(combined, return_inverse=True, return_counts=True)
        # The groups come in the order of their keys (NULLs last): sorted stably by events, most first.
        order = np.argsort(-events, kind="stable")[:limit]
        rest = groups[order]
        parts = []
        for size in reversed(sizes):
            parts.append(rest % size)
            rest = rest // size
        for name, part, value in zip(names, reversed(parts), values, strict=True):
            listed = [*value, None] if value is not None else [*range(QUADS + 1), None]
            columns[name] = [listed[index] for index in part.tolist()]
        for name, measure in [*measures, ("goldstein", 2)]:
            counted = measure is True
            found = events if counted else self._mean(name, picked, slot, measure, events)
            columns[name] = _listed(found[order])
        return Rows(_zipped(columns))


def _zipped(columns: dict[str, list]) -> list[dict[str, Any]]:
    names = list(columns)
    return [dict(zip(names, row, strict=True)) for row in zip(*columns.values(), strict=True)]


def _listed(array: np.ndarray) -> list:
    """The values of ``array`` as Python numbers, NaN as None."""
    return [None if value != value else value for value in array.tolist()]


def _numbers(column: pa.ChunkedArray, dtype: Any, missing: Any) -> np.ndarray:
    if pa.types.is_date(column.type):
        column = column.cast(pa.int32())
    return column.fill_null(missing).to_numpy().astype(dtype)


def _present(column: pa.ChunkedArray) -> np.ndarray:
    return column.is_valid().to_numpy(zero_copy_only=False)


def _days(value: str) -> int:
    return (datetime.date.fromisoformat(queries._date(value)) - EPOCH).days


def _ordinals(freq: str, days: np.ndarray) -> np.ndarray:
    """The period of each of ``days`` (since 1970), as the count of such periods since 1970's first."""
    if freq == "day":
        return days.astype(np.int64)
    if freq == "week":
        return (days.astype(np.int64) + WEEK_SHIFT) // 7
    return days.astype("datetime64[D]").astype(NUMPY_UNITS[freq]).astype(np.int64)


def _starts(freq: str, ordinals: np.ndarray) -> np.ndarray:
    """The first day of each of the periods ``ordinals`` (as ``_ordinals`` counts them)."""
    if freq == "day":
        return ordinals.astype("datetime64[D]")
    if freq == "week":
        return (ordinals * 7 - WEEK_SHIFT).astype("datetime64[D]")
    return ordinals.astype(NUMPY_UNITS[freq]).astype("datetime64[D]")
