"""HTML pages, rendered by Jinja2 with autoescaping; charts are server-drawn SVG, no script needed."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from ..data_files import bundled_table
from ..store import queries
from ..store.export import gdelt
from ..terminal import spreadsheet_safe
from . import charts
from .api import FREQ, QueryFilters, answering, article_detail, event_detail, page_of_events, records
from .connection import Store
from .lookups import looked_up

router = APIRouter(include_in_schema=False)
templates = Environment(
    loader=FileSystemLoader(Path(__file__).with_name("templates")),
    autoescape=select_autoescape(default=True),
    # A missing value (an actor without a name, an event without a place) shows as nothing, not "None".
    finalize=lambda value: "" if value is None else value,
)
MAX_DOWNLOAD = 100_000
# What ``urlencode`` leaves unchanged in a key or value.
PLAIN = re.compile(r"[A-Za-z0-9_.~-]*")
DOWNLOADS = {"csv": "text/csv", "jsonl": "application/x-ndjson", "gdelt": "text/tab-separated-values"}


def safe_url(url: Any) -> str | None:
    """A link target only for http(s) URLs: anything else (javascript:, data:) is shown as text."""
    return url if isinstance(url, str) and urlsplit(url).scheme in ("http", "https") else None


def highlight(text: str, spans: list[tuple[int, int, str]]) -> Markup:
    """``text`` escaped, with each non-overlapping (start, end, role) span wrapped in <mark class=role>."""
    out, at = [], 0
    for start, end, role in sorted(span for span in spans if span[0] is not None and span[1] is not None):
        start, end = int(start), int(end)
        if start < at or end > len(text):
            continue
        out += [
            escape(text[at:start]),
            Markup(f'<mark class="{role}">'),
            escape(text[start:end]),
            Markup("</mark>"),
        ]
        at = end
    out.append(escape(text[at:]))
    return Markup("").join(out)


@cache
def plover_types() -> tuple[str, ...]:
    return tuple(row["type"] for row in bundled_table("ontology", "plover.tsv"))


templates.globals.update(
    safe_url=safe_url, quads=charts.QUADS, plover_types=plover_types, tone=charts.tone, urlencode=urlencode
)


def compile_templates() -> None:
    """Compile every template (45 ms in all): else the first page of each kind waits for its own."""
    for name in templates.list_templates():
        templates.get_template(name)


class Links:
    """Links to a page with the current request's filters, some changed: ``links("/map", type="AID")``
    (None drops a filter). A chart links each of its hundreds of bars, so each filter is encoded once."""

    def __init__(self, request: Request) -> None:
        self.query = {key: value for key, value in request.query_params.items() if key != "cursor" and value}
        self.encoded: dict[tuple[str, Any], str] = {}

    def __call__(self, path: str = "", **changes: Any) -> str:
        parts = []
        for key, value in (self.query | changes).items():
            if value is None or value == "":
                continue
            part = self.encoded.get((key, value))
            if part is None:
                # A period's bounds are new for each bar: a value that encoding leaves as it is (dates,
                # codes) is joined to its key as it is, at a tenth of urlencode's cost.
                plain = isinstance(value, str) and PLAIN.fullmatch(value) and PLAIN.fullmatch(key)
                part = f"{key}={value}" if plain else urlencode({key: value})
                self.encoded[key, value] = part
            parts.append(part)
        return path + "?" + "&".join(parts)


def render(name: str, request: Request, links: Links | None = None, **context: Any) -> HTMLResponse:
    links = links or Links(request)
    return HTMLResponse(
        templates.get_template(name).render(
            query=links.query, link=links, actor_codes=request.app.state.actor_codes, **context
        )
    )


@router.get("/docs", response_class=HTMLResponse)
def docs(request: Request):
    """The API's endpoints and parameters, from the OpenAPI schema (served in full at /openapi.json)."""
    return render("docs.html", request, schema=request.app.openapi())


@router.get("/", response_class=HTMLResponse)
def overview(request: Request, con: Store, filters: QueryFilters):
    summary = request.app.state.summary()
    values = dict(filters.values)
    # Events dated by a passing mention ("the 1943 Tehran conference") would stretch the timeline.
    values["since"] = values["since"] or summary.first_published
    values["until"] = values["until"] or summary.last_published
    answers = answering(request)
    links = Links(request)
    periods = charts.dated(records(answers.timeline(con, freq="month", **values)), "month", links)
    return render(
        "overview.html",
        request,
        links,
        summary=summary,
        bars=charts.bars(periods),
        periods=periods,
        dyads=records(answers.dyads(con, **filters.values, limit=10)),
        actors=records(queries.actors(con, "", limit=10)),
        types=records(answers.types(con, **filters.values)),
        events=page_of_events(request, con, filters, 20, None)["events"],
    )


@router.get("/relations/{first}/{second}", response_class=HTMLResponse)
def relation(
    request: Request,
    con: Store,
    first: Annotated[str, PathParam(max_length=40)],
    second: Annotated[str, PathParam(max_length=40)],
    filters: QueryFilters,
    freq: Annotated[str | None, Query(pattern=FREQ, description="default: bars of readable width")] = None,
    cursor: Annotated[str | None, Query(max_length=200)] = None,
):
    summary = request.app.state.summary()
    freq = freq or charts.readable_freq(
        filters.values["since"] or summary.first_published, filters.values["until"] or summary.last_published
    )
    answers = answering(request)
    links = Links(request)
    sides = []
    for source, target in ((first, second), (second, first)):
        values = dict(filters.values, dyad=(source, target), directed=True)
        frame = answers.timeline(con, freq=freq, **values)
        periods = charts.dated(records(frame), freq, links)
        sides.append(
            {
                "source": source,
                "target": target,
                "periods": periods,
                "left_out": frame.attrs["left_out"],
                "bars": charts.bars(periods),
                "goldstein": charts.goldstein(periods),
                "types": records(answers.types(con, **values)),
            }
        )
    filters.values["dyad"] = (first, second)
    page = page_of_events(request, con, filters, 50, cursor)
    return render("relation.html", request, links, first=first, second=second, sides=sides, freq=freq, **page)


@router.get("/network", response_class=HTMLResponse)
def network(
    request: Request,
    con: Store,
    filters: QueryFilters,
    edges: Annotated[int, Query(ge=1, le=200)] = 40,
):
    """Actors as nodes and the busiest directed dyads as edges, for the filters' period and type."""
    dyads = records(answering(request).dyads(con, **filters.values, limit=edges))
    return render("network.html", request, graph=charts.network(dyads), dyads=dyads)


@router.get("/map", response_class=HTMLResponse)
def world_map(
    request: Request,
    con: Store,
    filters: QueryFilters,
    cursor: Annotated[str | None, Query(max_length=200)] = None,
):
    """Where the filtered events happened, on the world's countries, and the events themselves."""
    places = records(answering(request).places(con, **filters.values))
    return render(
        "map.html",
        request,
        map=charts.world_map(places),
        places=places,
        **page_of_events(request, con, filters, 50, cursor),
    )


@router.get("/events/{event_id}", response_class=HTMLResponse)
async def event_page(request: Request, con: Store, event_id: int):
    return await looked_up(request.app.state.lookups, _event_page, request, con, event_id)


def _event_page(request: Request, con, event_id: int) -> HTMLResponse:
    detail = event_detail(con, event_id, request.app.state.lookups)
    ids = sorted({mention["article_id"] for mention in detail["mentions"]})
    texts = dict(
        con.execute(f"SELECT id, text FROM articles WHERE id IN ({queries.slots(ids)})", ids).fetchall()
    )
    for mention in detail["mentions"]:
        # Offsets index the article's text; the sentence is placed in it to show them.
        text = texts.get(mention["article_id"]) or ""
        at = text.rfind(mention["sentence"], 0, mention["trigger_start"] + len(mention["sentence"]))
        mention["html"] = highlight(
            mention["sentence"],
            [
                (mention[f"{role}_start"] - at, mention[f"{role}_end"] - at, role)
                for role in ("source", "target", "trigger")
                if at >= 0 and mention[f"{role}_start"] is not None
            ],
        )
    return render("event.html", request, **detail)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
async def article_page(request: Request, con: Store, article_id: Annotated[str, PathParam(max_length=100)]):
    return await looked_up(request.app.state.lookups, _article_page, request, con, article_id)


def _article_page(request: Request, con, article_id: str) -> HTMLResponse:
    detail = article_detail(con, article_id, request.app.state.lookups)
    text = detail["article"]["text"] or ""
    spans = [(mention["trigger_start"], mention["trigger_end"], "trigger") for mention in detail["mentions"]]
    return render("article.html", request, html=highlight(text, spans), **detail)


@router.get("/download/events.{format}")
def download(con: Store, format: str, filters: QueryFilters):
    """The current selection, at most MAX_DOWNLOAD events: CSV or JSON lines newest first, or a GDELT 2.0
    event file (tab-separated, no header, in GDELT's date order) as ``tidings export --format gdelt``."""
    if format not in DOWNLOADS:
        raise HTTPException(404, "downloads are events.csv, events.jsonl or events.gdelt")
    if format == "gdelt":
        where, parameters = queries.event_filter(**filters.values)
        body = gdelt.text(con, where=" AND ".join(where), parameters=parameters, limit=MAX_DOWNLOAD)
    else:
        frame = queries.events(con, **filters.values, limit=MAX_DOWNLOAD)
        if format == "csv":
            body = frame.map(spreadsheet_safe).to_csv(index=False)
        else:
            body = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in records(frame))
    name = "events.tsv" if format == "gdelt" else f"events.{format}"
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    return Response(body, media_type=DOWNLOADS[format], headers=headers)
