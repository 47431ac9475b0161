"""HTML pages, rendered by Jinja2 with autoescaping; charts are server-drawn SVG, no script needed."""

from __future__ import annotations

import json

from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode, urlsplit

import pandas as pd
from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from ..store import queries
from ..terminal import spreadsheet_safe
from .api import Filters, article, event_detail, page_of_events, records

router = APIRouter(include_in_schema=False)
templates = Environment(
    loader=FileSystemLoader(Path(__file__).with_name("templates")), autoescape=select_autoescape(default=True)
)
QUADS = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


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
        out += [escape(text[at:start]), Markup(f'<mark class="{role}">'), escape(text[start:end]), Markup("</mark>")]
        at = end
    out.append(escape(text[at:]))
    return Markup("").join(out)


templates.globals.update(safe_url=safe_url, quads=QUADS)


def render(name: str, request: Request, **context: Any) -> HTMLResponse:
    query = {key: value for key, value in request.query_params.items() if key != "cursor"}
    return HTMLResponse(templates.get_template(name).render(query=query, urlencode=urlencode, **context))


def bars(periods: list[dict[str, Any]], freq: str = "month", *, width: int = 640, height: int = 160) -> list[dict[str, Any]]:
    """One stacked bar per period, QuadClass by QuadClass, scaled to the tallest period."""
    tallest = max((row["events"] for row in periods), default=0) or 1
    step = width / max(len(periods), 1)
    columns = list(queries.quad_columns().items())
    drawn = []
    for index, row in enumerate(periods):
        top = height
        for number, column in columns:
            size = height * row[column] / tallest
            if size:
                top -= size
                drawn.append({"x": index * step, "y": top, "w": max(step - 1, 1), "h": size, "quad": number,
                              "period": row["period"], "until": _period_end(row["period"], freq),
                              "count": row[column]})
    return drawn


def _period_end(period: str, freq: str) -> str:
    start = pd.Timestamp(period)
    return (start + pd.DateOffset(**{f"{freq}s": 1}) - pd.Timedelta(days=1)).date().isoformat()


@router.get("/docs", response_class=HTMLResponse)
def docs(request: Request):
    """The API's endpoints and parameters, from the OpenAPI schema (served in full at /openapi.json)."""
    return render("docs.html", request, schema=request.app.openapi())


@router.get("/", response_class=HTMLResponse)
def overview(request: Request, filters: Annotated[Filters, Depends()]):
    con = request.app.state.con
    summary = request.app.state.summary()
    periods = records(queries.timeline(con, freq="month", since=summary.first_published,
                                       until=summary.last_published))
    latest = page_of_events(request, filters, 20, None)["events"]
    return render("overview.html", request, summary=summary, bars=bars(periods), periods=periods,
                  dyads=records(summary.top_dyads), types=records(summary.top_types), events=latest)


@router.get("/relations/{first}/{second}", response_class=HTMLResponse)
def relation(
    request: Request,
    first: Annotated[str, PathParam(max_length=40)],
    second: Annotated[str, PathParam(max_length=40)],
    filters: Annotated[Filters, Depends()],
    freq: Annotated[str, Query(pattern=r"^(day|week|month|year)$")] = "week",
    cursor: Annotated[str | None, Query(max_length=200)] = None,
):
    con = request.app.state.con
    since, until = filters.values["since"], filters.values["until"]
    sides = []
    for source, target in ((first, second), (second, first)):
        periods = records(queries.timeline(con, source, target, freq=freq, since=since, until=until,
                                           directed=True))
        for row in periods:
            row["until"] = _period_end(row["period"], freq)
        sides.append({"source": source, "target": target, "periods": periods, "bars": bars(periods, freq)})
    filters.values["dyad"] = (first, second)
    page = page_of_events(request, filters, 50, cursor)
    return render("relation.html", request, first=first, second=second, sides=sides, freq=freq, **page)


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, event_id: int):
    con = request.app.state.con
    detail = event_detail(con, event_id)
    for mention in detail["mentions"]:
        # Offsets index the article's text; the sentence is placed in it to show them.
        text = con.cursor().execute("SELECT text FROM articles WHERE id = ?", [mention["article_id"]]).fetchone()[0]
        at = (text or "").rfind(mention["sentence"], 0, mention["trigger_start"] + len(mention["sentence"]))
        mention["html"] = highlight(mention["sentence"], [
            (mention[f"{role}_start"] - at, mention[f"{role}_end"] - at, role)
            for role in ("source", "target", "trigger")
            if at >= 0 and mention[f"{role}_start"] is not None
        ])
    return render("event.html", request, **detail)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: Annotated[str, PathParam(max_length=100)]):
    detail = article(request, article_id)
    text = detail["article"]["text"] or ""
    spans = [(mention["trigger_start"], mention["trigger_end"], "trigger") for mention in detail["mentions"]]
    return render("article.html", request, html=highlight(text, spans), **detail)



MAX_DOWNLOAD = 100_000


@router.get("/download/events.{format}")
def download(request: Request, format: str, filters: Annotated[Filters, Depends()]):
    """The current selection, newest first, at most MAX_DOWNLOAD events, as CSV or JSON lines."""
    if format not in ("csv", "jsonl"):
        raise HTTPException(404, "downloads are events.csv or events.jsonl")
    frame = queries.events(request.app.state.con, **filters.values, limit=MAX_DOWNLOAD)
    if format == "csv":
        body = frame.map(spreadsheet_safe).to_csv(index=False)
        media = "text/csv"
    else:
        body = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in records(frame))
        media = "application/x-ndjson"
    headers = {"Content-Disposition": f'attachment; filename="events.{format}"'}
    return Response(body, media_type=media, headers=headers)
