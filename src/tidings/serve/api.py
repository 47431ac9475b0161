"""The JSON API under /api/v1/: the same query functions as the CLI and the Python API."""

from __future__ import annotations

import base64
import datetime
import json
import math
from typing import Annotated, Any

import pandas as pd
from fastapi import APIRouter, Body, Depends, HTTPException, Path, Query, Request
from fastapi.responses import JSONResponse

from ..store import queries
from .connection import Store
from .lookups import Lookups, looked_up
from .rows import Rows

MAX_PAGE = 500
MAX_CODE_BYTES = 200_000
# An empty value is what a form sends for a field left blank: no filter.
DATE = r"^$|^\d{4}-\d{2}-\d{2}$"
FREQ = r"^(day|week|month|year)$"

# Answers are sent as they are built (JSON-ready already) in a JSONResponse: a dict returned would be
# checked against the declared type first, in another pass through the thread pool, where a request
# waits behind the pages being made.
router = APIRouter(prefix="/api/v1")


class Filters:
    """The filters every events view takes: ``values`` as ``event_filter`` takes them."""

    def __init__(self, values: dict[str, Any]) -> None:
        self.values = values


async def query_filters(
    actor: Annotated[str | None, Query(max_length=40)] = None,
    source: Annotated[str | None, Query(max_length=40, description="dyad: first actor")] = None,
    target: Annotated[str | None, Query(max_length=40, description="dyad: second actor")] = None,
    directed: bool = False,
    type: Annotated[str | None, Query(max_length=40, pattern=r"^[A-Za-z_]*$")] = None,
    cameo: Annotated[str | None, Query(max_length=4, pattern=r"^[0-9]*$")] = None,
    quad_class: Annotated[str | None, Query(pattern=r"^[1-4]?$", description="1 to 4")] = None,
    since: Annotated[str | None, Query(pattern=DATE)] = None,
    until: Annotated[str | None, Query(pattern=DATE)] = None,
    place: Annotated[str | None, Query(max_length=100)] = None,
    outlet: Annotated[str | None, Query(max_length=200)] = None,
    q: Annotated[str | None, Query(max_length=200, description="text in a sentence")] = None,
) -> Filters:
    """The filters of the query string. A coroutine: FastAPI runs a plain function or class in a worker
    thread, where the request would wait its turn behind the pages being made once more."""
    if bool(source) != bool(target):
        raise HTTPException(422, "a dyad needs both source and target")
    return Filters(
        {
            "actor": actor or None,
            "dyad": (source, target) if source and target else None,
            "directed": directed,
            "type": type or None,
            "cameo": cameo or None,
            "quad_class": int(quad_class) if quad_class else None,
            "since": since or None,
            "until": until or None,
            "place": place or None,
            "outlet": outlet or None,
            "text": q or None,
        }
    )


QueryFilters = Annotated[Filters, Depends(query_filters)]


def records(data: pd.DataFrame | list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows as JSON-ready dicts: dates as ISO text, NaN as null."""
    if isinstance(data, Rows):
        return data
    if isinstance(data, list):
        return [{key: _json_ready(value) for key, value in row.items()} for row in data]
    rows = json.loads(data.to_json(orient="records", date_format="iso"))
    for row in rows:
        for key, value in row.items():
            if isinstance(value, str) and key in ("date", "first_seen", "last_seen", "published", "period"):
                row[key] = value[:10]
            elif isinstance(value, float) and math.isnan(value):
                row[key] = None
    return rows


def _json_ready(value: Any) -> Any:
    if isinstance(value, datetime.date):  # a datetime too
        return value.isoformat()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def encode_cursor(row: dict[str, Any]) -> str:
    raw = json.dumps([row["date"], row["num_mentions"], row["id"]])
    return base64.urlsafe_b64encode(raw.encode()).decode()


def decode_cursor(cursor: str) -> tuple[str | None, int, int]:
    try:
        date, mentions, event_id = json.loads(base64.urlsafe_b64decode(cursor.encode()))
        return (None if date is None else str(date)[:10]), int(mentions), int(event_id)
    except (ValueError, TypeError):
        raise HTTPException(400, "the cursor is not one this server gave out") from None


def answering(request: Request) -> Any:
    """What answers the events, timelines, dyads, types and places of a request: the columns the server
    keeps in memory (``Aggregates``, which ask the store what they cannot answer)."""
    return request.app.state.aggregates


def page_of_events(request: Request, con, filters: Filters, limit: int, cursor: str | None) -> dict[str, Any]:
    after = decode_cursor(cursor) if cursor else None
    rows = records(answering(request).events(con, **filters.values, after=after, limit=limit + 1, rows=True))
    more = len(rows) > limit
    rows = rows[:limit]
    return {"events": rows, "next_cursor": encode_cursor(rows[-1]) if more else None}


@router.get("/events", response_class=JSONResponse)
def events(
    request: Request,
    con: Store,
    filters: QueryFilters,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
    cursor: Annotated[str | None, Query(max_length=200)] = None,
) -> JSONResponse:
    """Folded events, newest first, matching every filter; pass ``next_cursor`` back for the next page."""
    return JSONResponse(page_of_events(request, con, filters, limit, cursor))


@router.get("/events/{event_id}", response_class=JSONResponse)
async def event(request: Request, con: Store, event_id: int) -> JSONResponse:
    """One event with every mention: its sentence, spans, article and the outlets that carried it."""
    lookups = request.app.state.lookups
    return JSONResponse(await looked_up(lookups, event_detail, con, event_id, lookups))


def event_detail(con, event_id: int, lookups: Lookups | None = None) -> dict[str, Any]:
    """The event, its mentions and outlets: from memory when the server keeps them, else from the store."""
    found = lookups.event(event_id) if lookups else queries.event(con, event_id, rows=True)
    if not found:
        raise HTTPException(404, f"no event {event_id}")
    if lookups:
        mentions, sources = lookups.mentions(event_id), lookups.outlets(event_id)
    else:
        mentions = queries.mentions(con, event_id, rows=True)
        sources = [
            row[0]
            for row in con.execute(
                "SELECT source FROM event_sources WHERE event_id = ? ORDER BY source", [event_id]
            ).fetchall()
        ]
    return {"event": records(found)[0], "mentions": records(mentions), "outlets": sources}


@router.get("/articles", response_class=JSONResponse)
def articles(
    con: Store,
    outlet: Annotated[str | None, Query(max_length=200)] = None,
    since: Annotated[str | None, Query(pattern=DATE)] = None,
    until: Annotated[str | None, Query(pattern=DATE)] = None,
    q: Annotated[str | None, Query(max_length=200, description="text in the title")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
    before: Annotated[int | None, Query(ge=0, description="next_before of the previous page")] = None,
) -> JSONResponse:
    """Articles, the latest read first (copies included, with the original they fold into)."""
    rows = records(
        queries.articles(
            con,
            outlet=outlet or None,
            since=since or None,
            until=until or None,
            title=q or None,
            before=before,
            limit=limit + 1,
        )
    )
    more = len(rows) > limit
    rows = rows[:limit]
    return JSONResponse({"articles": rows, "next_before": rows[-1]["seq"] if more else None})


@router.get("/articles/{article_id}", response_class=JSONResponse)
async def article(
    request: Request, con: Store, article_id: Annotated[str, Path(max_length=100)]
) -> JSONResponse:
    """One article: its text, the event mentions coded from it, and its folded copies."""
    lookups = request.app.state.lookups
    return JSONResponse(await looked_up(lookups, article_detail, con, article_id, lookups))


def article_detail(con, article_id: str, lookups: Lookups | None = None) -> dict[str, Any]:
    """The article (its text from the store), its mentions and copies: from memory when kept."""
    if lookups:
        found = queries.article_row(con, article_id)
        mentions, copies = lookups.article_mentions(article_id), lookups.copies_of(article_id)
    else:
        found, mentions, copies = queries.article(con, article_id, rows=True)
    if found is None:
        raise HTTPException(404, f"no article {article_id}")
    return {
        "article": records([found])[0],
        "mentions": records(mentions),
        "copies": records(copies),
    }


@router.get("/timeline", response_class=JSONResponse)
def timeline(
    request: Request,
    con: Store,
    filters: QueryFilters,
    other: Annotated[str | None, Query(max_length=40, description="with actor: the dyad actor-other")] = None,
    freq: Annotated[str, Query(pattern=FREQ)] = "week",
) -> JSONResponse:
    """Events per period for an actor, a dyad or everything: counts per QuadClass, mentions, mean Goldstein;
    and the events per PLOVER type over the whole selection."""
    values = dict(filters.values)
    if other and values["actor"]:
        values["dyad"], values["actor"] = (values["actor"], other), None
    answers = answering(request)
    frame = answers.timeline(con, freq=freq, **values)
    return JSONResponse(
        {
            "freq": freq,
            "periods": records(frame),
            "left_out": frame.attrs["left_out"],
            "types": records(answers.types(con, **values)),
        }
    )


@router.get("/dyads", response_class=JSONResponse)
def dyads(
    request: Request,
    con: Store,
    filters: QueryFilters,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
) -> JSONResponse:
    """Directed dyads by event count, with their mean Goldstein score."""
    return JSONResponse({"dyads": records(answering(request).dyads(con, **filters.values, limit=limit))})


@router.get("/places", response_class=JSONResponse)
def places(
    request: Request,
    con: Store,
    filters: QueryFilters,
    limit: Annotated[int, Query(ge=1, le=5000)] = 1000,
) -> JSONResponse:
    """Where the events happened: per place and QuadClass, coordinates, events and mean Goldstein."""
    return JSONResponse({"places": records(answering(request).places(con, **filters.values, limit=limit))})


@router.get("/actors", response_class=JSONResponse)
def actors(
    con: Store,
    prefix: Annotated[str, Query(max_length=40)] = "",
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> JSONResponse:
    """Actors whose code or name starts with ``prefix``, most mentioned first (for completion)."""
    return JSONResponse({"actors": records(queries.actors(con, prefix, limit=limit))})


@router.get("/stats", response_class=JSONResponse)
def stats(request: Request) -> JSONResponse:
    """What the store holds: counts, period, top dyads and types."""
    summary = request.app.state.summary()
    return JSONResponse(
        {
            "articles": summary.articles,
            "copies_folded": summary.duplicates,
            "sources": summary.sources,
            "mentions": summary.mentions,
            "events": summary.events,
            "actors": summary.actors,
            "first_published": summary.first_published,
            "last_published": summary.last_published,
            "top_dyads": records(summary.top_dyads),
            "top_types": records(summary.top_types),
        }
    )


@router.post("/code")
def code(
    request: Request,
    text: Annotated[str, Body(embed=True, max_length=MAX_CODE_BYTES)],
    date: Annotated[str | None, Body(embed=True, pattern=r"^\d{4}-\d{2}-\d{2}$")] = None,
) -> dict[str, Any]:
    """Code a posted article; its events as ``tidings code --format json`` gives them (``--allow-code``)."""
    if not request.app.state.allow_code:
        raise HTTPException(403, "coding is off; start the server with --allow-code")
    return {"events": [event.to_dict() for event in request.app.state.coder().code(text, date=date)]}
