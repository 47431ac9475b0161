"""Reading the store: filtered events, an event's mentions, timelines, read-only SQL and a summary."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

import duckdb
import pandas as pd

from ..data_files import bundled_table
from ..errors import TidingsError, problem
from ..read.dates import normalise_date
from .formats import FREQUENCIES
from .schema import applied_versions

ARTICLE_COLUMNS = "a.title AS title, a.outlet AS outlet, a.published AS published"
# Up to this many rows, a page of events is looked up by key rather than joined (see ``events``).
MAX_LOOKUP = 1000
EVENT_ORDER = "ORDER BY e.date DESC NULLS LAST, e.num_mentions DESC, e.id"


@cache
def quad_columns() -> dict[int, str]:
    """QuadClass number -> timeline column name, from ``data/ontology/quad_class.tsv``."""
    return {
        int(row["quad_class"]): re.sub(r"\W+", "_", row["name"].lower())
        for row in bundled_table("ontology", "quad_class.tsv")
    }


def events(
    con: duckdb.DuckDBPyConnection,
    *,
    limit: int | None = None,
    after: tuple[str | None, int, int] | None = None,
    rows: bool = False,
    **filters: Any,
) -> pd.DataFrame | list[dict[str, Any]]:
    """Folded events matching every filter given, newest first; see ``Store.events``.

    filters: any of ``event_filter``'s; after: the (date, num_mentions, id) of the last event of the
    previous page, for cursor pagination in the same order; rows: dicts rather than a DataFrame (see
    ``fetch``).
    """
    where, parameters = event_filter(**filters)
    if after is not None:
        # The next page continues the order below exactly: (date, mentions) descending, then id.
        date, mentions_count, last_id = after
        day = "coalesce(e.date, DATE '0001-01-01')"
        where.append(
            f"({day} < ?::DATE OR {day} = ?::DATE AND "
            "(e.num_mentions < ? OR e.num_mentions = ? AND e.id > ?))"
        )
        bound = date or "0001-01-01"
        parameters += [bound, bound, int(mentions_count), int(mentions_count), int(last_id)]
    if limit is None or limit > MAX_LOOKUP:
        # Each event keeps the article it was first read in: its headline, outlet and publication
        # date (the url is the event's own column).
        query = (
            f"SELECT e.*, {ARTICLE_COLUMNS} FROM events e LEFT JOIN articles a ON a.id = e.first_article "
            f"WHERE {' AND '.join(where)} {EVENT_ORDER}" + ("" if limit is None else f" LIMIT {int(limit)}")
        )
        return fetch(con, query, parameters, rows=rows)
    # A page: its events are picked reading only the columns that order them, then their rows and
    # articles are looked up by key. Sorting whole rows, or joining every article, would read a big
    # store from end to end for a page of fifty.
    picked = con.execute(
        f"SELECT e.id, e.first_article FROM events e WHERE {' AND '.join(where)} {EVENT_ORDER} "
        f"LIMIT {int(limit)}",
        parameters,
    ).fetchall()
    return _by_key(con, [event_id for event_id, _ in picked], [article for _, article in picked], rows=rows)


def _by_key(
    con: duckdb.DuckDBPyConnection, ids: list[int], articles: list[str], *, rows: bool
) -> pd.DataFrame | list[dict[str, Any]]:
    """The events ``ids`` with the headline, outlet and date of their first ``articles``, newest first."""
    articles = list(dict.fromkeys(articles))
    query = f"""
        SELECT e.*, {ARTICLE_COLUMNS}
        FROM (SELECT * FROM events WHERE id IN ({slots(ids)})) e
        LEFT JOIN (SELECT id, title, outlet, published FROM articles WHERE id IN ({slots(articles)})) a
            ON a.id = e.first_article
        {EVENT_ORDER}"""
    return fetch(con, query, ids + articles, rows=rows)


def slots(values: list) -> str:
    """The placeholders of an IN list of ``values``: a key lookup DuckDB answers from the index."""
    return ", ".join("?" * len(values)) or "NULL"


def fetch(
    con: duckdb.DuckDBPyConnection, query: str, parameters: list, *, rows: bool = False
) -> pd.DataFrame | list[dict[str, Any]]:
    """The result of ``query`` as a DataFrame, or as a list of dicts if ``rows``: what the HTTP API
    sends, and for an event or two several times cheaper to build than the query is to run."""
    result = con.execute(query, parameters)
    if not rows:
        return result.df()
    names = [column[0] for column in result.description]
    return [dict(zip(names, row, strict=True)) for row in result.fetchall()]


def event_filter(
    *,
    dyad: tuple[str, str] | None = None,
    actor: str | None = None,
    type: str | None = None,
    cameo: str | None = None,
    quad_class: int | None = None,
    since: str | None = None,
    until: str | None = None,
    place: str | None = None,
    outlet: str | None = None,
    text: str | None = None,
    directed: bool = False,
    include_unrealized: bool = False,
) -> tuple[list[str], list[Any]]:
    """SQL conditions on the events table (as ``e``), and their parameters: the one definition of every
    filter that events, timelines, dyads, places and types share, in the CLI, the Python and the HTTP API.

    dyad: two actor codes or prefixes, both directions unless ``directed``; actor: a code or prefix on
    either side (the source only if ``directed``); type: a PLOVER type; cameo: a CAMEO code or prefix;
    quad_class: 1-4; since, until: event dates, inclusive; place: the location's name or country code;
    outlet: a source that carried the event; text: words in one of its sentences (case-insensitive).
    """
    where: list[str] = ["true"]
    parameters: list[Any] = []
    if not include_unrealized:
        where.append("e.modality = 'asserted'")
    if dyad:
        first, second = dyad
        pair = "(starts_with(e.source_code, ?) AND starts_with(e.target_code, ?))"
        if directed:
            where.append(pair)
            parameters += [first, second]
        else:
            where.append(f"({pair} OR {pair})")
            parameters += [first, second, second, first]
    if actor:
        where.append(
            "(starts_with(e.source_code, ?)" + (")" if directed else " OR starts_with(e.target_code, ?))")
        )
        parameters += [actor] if directed else [actor, actor]
    if type:
        where.append("e.plover_type = ?")
        parameters.append(type.upper())
    if cameo:
        where.append("starts_with(e.cameo, ?)")
        parameters.append(cameo)
    if quad_class is not None:
        where.append("e.quad_class = ?")
        parameters.append(int(quad_class))
    for bound, operator in ((since, ">="), (until, "<=")):
        if bound:
            where.append(f"e.date {operator} ?::DATE")
            parameters.append(_date(bound))
    if place:
        where.append("(e.location ILIKE ? OR e.location_country = ?)")
        parameters += [f"%{place}%", place.upper()]
    if outlet:
        where.append("e.id IN (SELECT event_id FROM event_sources WHERE source = ?)")
        parameters.append(outlet)
    if text:
        where.append("e.id IN (SELECT event_id FROM mentions WHERE sentence ILIKE ? ESCAPE '\\')")
        parameters.append(_containing(text))
    return where, parameters


def event(
    con: duckdb.DuckDBPyConnection, event_id: int, *, rows: bool = False
) -> pd.DataFrame | list[dict[str, Any]]:
    """One folded event with its first article's headline, outlet and date; no row if there is none."""
    found = con.execute("SELECT first_article FROM events WHERE id = ?", [event_id]).fetchall()
    return _by_key(con, [event_id] if found else [], [found[0][0]] if found else [], rows=rows)


def mentions(
    con: duckdb.DuckDBPyConnection, event_id: int, *, rows: bool = False
) -> pd.DataFrame | list[dict[str, Any]]:
    """The mentions of one event, with the title, outlet, date and URL of their article."""
    found = fetch(con, "SELECT * FROM mentions WHERE event_id = ?", [event_id], rows=True)
    keys = list(dict.fromkeys(mention["article_id"] for mention in found))
    # Looked up by key and joined here: DuckDB joins a mention to its article slower than it finds both.
    articles = {
        article.pop("id"): article
        for article in fetch(
            con,
            f"SELECT id, seq, title, outlet, published, url FROM articles WHERE id IN ({slots(keys)})",
            keys,
            rows=True,
        )
    }
    joined = [
        mention | articles[mention["article_id"]] for mention in found if mention["article_id"] in articles
    ]
    joined.sort(key=lambda mention: (mention["seq"], mention["sentence_index"], mention["mention_id"]))
    for mention in joined:
        del mention["seq"]
    if rows:
        return joined
    columns = [column[0] for column in con.execute("SELECT * FROM mentions LIMIT 0").description]
    return pd.DataFrame(joined, columns=[*columns, "title", "outlet", "published", "url"])


def timeline(
    con: duckdb.DuckDBPyConnection,
    actor: str | None = None,
    other: str | None = None,
    *,
    freq: str = "week",
    since: str | None = None,
    until: str | None = None,
    **filters: Any,
) -> pd.DataFrame:
    """Events per period: a count per QuadClass, all events, mentions and the mean Goldstein score.

    actor, other: one actor code or prefix for all its events, two for a dyad (else ``filters`` say);
    since, until: the first and last period (default those with events);
    filters: any other of ``event_filter``'s (directed, type, cameo, quad_class, place, outlet, text).
    """
    where, parameters = event_filter(**timeline_filters(actor, other, freq, since, until, filters))
    # An event dated only to its month or year cannot be placed in a week or on a day: it is left
    # out, and the frame says how many were (attrs["left_out"]).
    precisions = FREQUENCIES[: FREQUENCIES.index(freq) + 1]
    fits = "e.date IS NOT NULL AND e.date_precision IN (" + ", ".join(f"'{p}'" for p in precisions) + ")"
    counts = ",\n".join(
        f"count(e.quad_class) FILTER (WHERE e.quad_class = {number}) AS {name}"
        for number, name in quad_columns().items()
    )
    bounds = [_date(since) if since else None, _date(until) if until else None]
    # One pass over the events: what fits is counted per period, what does not is counted once.
    query = f"""
        WITH matched AS (
            SELECT ({fits}) AS fits, date_trunc('{freq}', e.date)::DATE AS period, e.quad_class,
                   e.goldstein, e.num_mentions
            FROM events e WHERE {" AND ".join(where)}),
        picked AS (SELECT * FROM matched WHERE fits),
        periods AS (
            SELECT unnest(generate_series(date_trunc('{freq}', coalesce(?::DATE, min(period))),
                                          date_trunc('{freq}', coalesce(?::DATE, max(period))),
                                          INTERVAL 1 {freq}))::DATE AS period
            FROM picked HAVING count(*) > 0 OR ?::DATE IS NOT NULL AND ?::DATE IS NOT NULL)
        SELECT p.period, {counts},
               count(e.quad_class) AS events,
               coalesce(sum(e.num_mentions), 0)::BIGINT AS mentions,
               round(avg(e.goldstein), 2) AS goldstein,
               (SELECT count(*) FROM matched WHERE NOT fits) AS left_out
        FROM periods p LEFT JOIN picked e USING (period)
        GROUP BY p.period ORDER BY p.period"""
    frame = con.execute(query, parameters + bounds + bounds).df()
    left_out = (
        int(frame.pop("left_out").iloc[0])
        if len(frame)
        else con.execute(
            f"SELECT count(*) FROM events e WHERE {' AND '.join(where)} AND NOT ({fits})", parameters
        ).fetchone()[0]
    )
    frame.attrs["left_out"] = left_out
    return frame


def timeline_filters(
    actor: str | None, other: str | None, freq: str, since: str | None, until: str | None, filters: dict
) -> dict[str, Any]:
    """The ``event_filter`` arguments of a ``timeline`` (its frequency checked)."""
    if freq not in FREQUENCIES:
        raise TidingsError(f"the frequency {freq!r} is not one of {', '.join(FREQUENCIES)}")
    chosen = dict(filters, since=since, until=until)
    if actor and other:
        chosen["dyad"], chosen["actor"] = (actor, other), None
    elif actor or other:
        chosen["actor"] = actor or other
    return chosen


def dyads(con: duckdb.DuckDBPyConnection, *, limit: int = 50, **filters: Any) -> pd.DataFrame:
    """Directed dyads (by country where the actor has one) with their event count and mean Goldstein
    score, most events first; filters: any of ``event_filter``'s."""
    where, parameters = event_filter(**filters)
    query = f"""
        SELECT coalesce(source_country, source_code) AS source,
               coalesce(target_country, target_code) AS target,
               count(*) AS events, round(avg(goldstein), 2) AS goldstein
        FROM events e WHERE {" AND ".join(where)} AND source_code IS NOT NULL AND target_code IS NOT NULL
        GROUP BY ALL ORDER BY events DESC, source, target LIMIT {int(limit)}"""
    return con.execute(query, parameters).df()


def types(con: duckdb.DuckDBPyConnection, **filters: Any) -> pd.DataFrame:
    """PLOVER types with their event count and mean Goldstein score, most events first; filters: any
    of ``event_filter``'s."""
    where, parameters = event_filter(**filters)
    query = f"""
        SELECT plover_type, count(*) AS events, round(avg(goldstein), 2) AS goldstein
        FROM events e WHERE {" AND ".join(where)} AND plover_type IS NOT NULL
        GROUP BY ALL ORDER BY events DESC, plover_type"""
    return con.execute(query, parameters).df()


def places(con: duckdb.DuckDBPyConnection, *, limit: int = 1000, **filters: Any) -> pd.DataFrame:
    """Where events happened: one row per place and QuadClass, with coordinates (the country's centre for
    an event placed only in its country), the event count and mean Goldstein score, most events first.

    filters: any of ``event_filter``'s.
    """
    where, parameters = event_filter(**filters)
    query = f"""
        SELECT e.location AS place, e.location_country AS country, e.quad_class,
               round(avg(e.lat), 4) AS lat, round(avg(e.lon), 4) AS lon,
               count(*) AS events, round(avg(e.goldstein), 2) AS goldstein
        FROM events e WHERE {" AND ".join(where)} AND (e.lat IS NOT NULL OR e.location_country IS NOT NULL)
        GROUP BY ALL ORDER BY events DESC, place, country, quad_class LIMIT {int(limit)}"""
    return placed(con.execute(query, parameters).df())


def placed(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows of ``places`` with coordinates: a country's centre for a place known only by its country."""
    centres = country_centres()
    missing = frame["lat"].isna()
    # Row by row through .loc, a hundred places cost a hundred milliseconds.
    found = [centres.get(country, (None, None)) for country in frame.loc[missing, "country"]]
    frame.loc[missing, "lat"] = [lat for lat, _ in found]
    frame.loc[missing, "lon"] = [lon for _, lon in found]
    return frame.dropna(subset=["lat", "lon"]).reset_index(drop=True)


@cache
def country_centres() -> dict[str, tuple[float, float]]:
    """ISO 3166 alpha-3 code -> (lat, lon) of the country's centre, from ``data/places/countries.tsv``."""
    return {
        row["iso3"]: (float(row["lat"]), float(row["lon"]))
        for row in bundled_table("places", "countries.tsv")
        if row["lat"] and row["lon"]
    }


def check_select(query: str) -> None:
    """Refuse anything but one SELECT statement (TID306), or SQL that does not parse (TID307)."""
    try:
        statements = duckdb.extract_statements(query)
    except duckdb.Error as error:
        raise TidingsError(str(problem("sql", "TID307", _first_line(error)))) from None
    if len(statements) != 1 or statements[0].type != duckdb.StatementType.SELECT:
        kinds = ", ".join(statement.type.name for statement in statements) or "none"
        raise TidingsError(str(problem("sql", "TID306", f"got {kinds}")))


def sql(con: duckdb.DuckDBPyConnection, query: str, parameters: list | None = None) -> pd.DataFrame:
    """The result of one SELECT statement, run in a read-only transaction."""
    check_select(query)
    cursor = con.cursor()
    cursor.execute("BEGIN TRANSACTION READ ONLY")
    try:
        return cursor.execute(query, parameters).df()
    except duckdb.Error as error:
        raise TidingsError(str(problem("sql", "TID307", _first_line(error)))) from None
    finally:
        cursor.execute("ROLLBACK")
        cursor.close()


@dataclass(slots=True)
class Summary:
    """What a store holds, for ``tidings stats`` and the README's first command."""

    schema_version: int
    articles: int
    duplicates: int
    failed: int
    sources: int
    mentions: int
    events: int
    actors: int
    first_published: str | None
    last_published: str | None
    top_dyads: pd.DataFrame
    top_types: pd.DataFrame
    timeline: pd.DataFrame


def summary(con: duckdb.DuckDBPyConnection, *, top: int = 10) -> Summary:
    """Counts, the top dyads and event types, and a monthly timeline over the articles' publication dates."""
    articles, duplicates, failed, sources, first, last = con.execute(
        "SELECT count(*), count(duplicate_of), count(error), count(DISTINCT source), "
        "min(published), max(published) "
        "FROM articles"
    ).fetchone()
    mention_count = con.execute("SELECT count(*) FROM mentions").fetchone()[0]
    event_count = con.execute("SELECT count(*) FROM events").fetchone()[0]
    actor_count = con.execute("SELECT count(*) FROM actors").fetchone()[0]
    dyads = con.execute(f"""
        SELECT coalesce(source_country, source_code) AS source,
               coalesce(target_country, target_code) AS target,
               count(*) AS events, sum(num_mentions)::BIGINT AS mentions
        FROM events WHERE modality = 'asserted' AND source_code IS NOT NULL AND target_code IS NOT NULL
        GROUP BY ALL ORDER BY events DESC, mentions DESC, source, target LIMIT {int(top)}""").df()
    types = con.execute(f"""
        SELECT plover_type, count(*) AS events, sum(num_mentions)::BIGINT AS mentions
        FROM events WHERE modality = 'asserted' AND plover_type IS NOT NULL
        GROUP BY ALL ORDER BY events DESC, plover_type LIMIT {int(top)}""").df()
    return Summary(
        schema_version=applied_versions(con)[-1],
        articles=articles,
        duplicates=duplicates,
        failed=failed,
        sources=sources,
        mentions=mention_count,
        events=event_count,
        actors=actor_count,
        first_published=first and first.isoformat(),
        last_published=last and last.isoformat(),
        top_dyads=dyads,
        top_types=types,
        # Events dated by a passing mention ("the 1943 Tehran conference") would stretch the timeline.
        timeline=timeline(
            con, freq="month", since=first and first.isoformat(), until=last and last.isoformat()
        ),
    )


def _date(value: str) -> str:
    date = normalise_date(value)
    if date is None:
        raise TidingsError(f"cannot read the date {value!r}; write it as YYYY-MM-DD")
    return date


def _containing(words: str) -> str:
    """An ILIKE pattern (with ESCAPE '\\') for text that contains ``words`` as they are: % and _ too."""
    return "%" + words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0]


def actors(con: duckdb.DuckDBPyConnection, prefix: str = "", *, limit: int = 20) -> pd.DataFrame:
    """Actor codes and names starting with ``prefix`` (either), most mentioned first: for completion."""
    return con.execute(
        f"""SELECT code, name, country, mentions FROM actors
            WHERE starts_with(upper(code), upper(?)) OR starts_with(lower(name), lower(?))
            ORDER BY mentions DESC, code, name LIMIT {int(limit)}""",
        [prefix, prefix],
    ).df()


def article(
    con: duckdb.DuckDBPyConnection, article_id: str, *, rows: bool = False
) -> tuple[dict | None, pd.DataFrame | list[dict[str, Any]], pd.DataFrame | list[dict[str, Any]]]:
    """One article (without its MinHash), its event mentions, and the copies folded into it."""
    found = article_row(con, article_id)
    if found is None:
        return None, [], []
    mentions_of = fetch(
        con,
        "SELECT * FROM mentions WHERE article_id = ? ORDER BY sentence_index, trigger_start, mention_id",
        [article_id],
        rows=rows,
    )
    copies = fetch(
        con,
        "SELECT id, title, outlet, url, published, similarity FROM articles "
        "WHERE duplicate_of = ? ORDER BY seq",
        [article_id],
        rows=rows,
    )
    return found, mentions_of, copies


def article_row(con: duckdb.DuckDBPyConnection, article_id: str) -> dict[str, Any] | None:
    """One article's row without its MinHash, or None."""
    found = fetch(con, "SELECT * EXCLUDE (minhash) FROM articles WHERE id = ?", [article_id], rows=True)
    return found[0] if found else None


def articles(
    con: duckdb.DuckDBPyConnection,
    *,
    outlet: str | None = None,
    since: str | None = None,
    until: str | None = None,
    title: str | None = None,
    before: int | None = None,
    limit: int = 50,
) -> pd.DataFrame:
    """Articles without their text, the latest read first; copies name the original they fold into.

    outlet: the article's source; since, until: publication dates, inclusive; title: words in the
    headline (case-insensitive); before: a ``seq`` to continue below, for pagination.
    """
    where, parameters = ["true"], []
    if outlet:
        where.append("source = ?")
        parameters.append(outlet)
    for bound, operator in ((since, ">="), (until, "<=")):
        if bound:
            where.append(f"published {operator} ?::DATE")
            parameters.append(_date(bound))
    if title:
        where.append("title ILIKE ? ESCAPE '\\'")
        parameters.append(_containing(title))
    if before is not None:
        where.append("seq < ?")
        parameters.append(int(before))
    return con.execute(
        f"""SELECT id, seq, title, outlet, source, url, published, mentions, duplicate_of, similarity, error
            FROM articles WHERE {" AND ".join(where)} ORDER BY seq DESC LIMIT {int(limit)}""",
        parameters,
    ).df()
