"""The FastAPI application: the store opened read-only, bounded requests, a strict Content-Security-Policy."""

from __future__ import annotations

import gc
import os
from contextlib import asynccontextmanager
from functools import cache
from pathlib import Path
from typing import Any

import anyio.to_thread
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles

from ..errors import TidingsError
from ..store import queries
from ..store.readonly import TimedOut
from . import api, pages, world
from .aggregates import Aggregates
from .cache import ResponseCache
from .connection import QUERY_TIMEOUT_S, open_store
from .lookups import lookups_for

MAX_REQUEST_BYTES = 256_000
# Answers not kept (those that query the store or make a page) are made in this many threads at once.
# Their Python takes the interpreter in turns, so a cheap one (a timeline, 1 ms) made beside dear ones
# (a relation page, 5 ms; a map, 20 ms) is done in a few of its own milliseconds, where a few threads
# taking them first come first served keep it queued behind all that came before: a server just
# started, under 100 clients of benchmarks/serve_load.py, has its relation pages' and timelines' p99 at
# 430 ms with 4 threads, 80-90 ms with 32 (64 do no better). A thread costs little memory; the queries'
# memory is bounded by DuckDB's limit for all of them together, and each request by its time limit.
WORKER_THREADS = 32
# No inline script or style, nothing from another origin, no plugins, no framing.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; frame-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
)


def create_app(
    db: str | os.PathLike, *, allow_code: bool = False, query_timeout_s: float = QUERY_TIMEOUT_S
) -> FastAPI:
    """The API and the pages over the store at ``db``.

    allow_code: enable ``POST /api/v1/code``; query_timeout_s: a request whose queries run longer is
    interrupted and answered 503 (TID308).
    """

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        anyio.to_thread.current_default_thread_limiter().total_tokens = WORKER_THREADS
        # What start-up read stays as long as the server: the garbage collector is told to pass it
        # by, as going through it all holds the interpreter lock for 60 ms on a million events.
        gc.collect()
        gc.freeze()
        yield

    app = FastAPI(
        lifespan=lifespan,
        title="tidings",
        description="Political event data with its evidence.",
        version="1",
        # FastAPI's own /docs loads Swagger UI from a CDN; ours is a page of the schema.
        docs_url=None,
        redoc_url=None,
    )
    app.state.con = open_store(db)
    app.state.lookups = lookups_for(app.state.con)
    with app.state.con.cursor() as cursor:
        app.state.aggregates = Aggregates(cursor, app.state.lookups)
    app.state.allow_code = allow_code
    app.state.query_timeout_s = query_timeout_s
    app.state.coder = cache(_coder)
    # No writer can open the store while it is served read-only, so what it holds is worked out once,
    # and an answer given once is given again from memory.
    app.state.summary = cache(lambda: queries.summary(app.state.con.cursor()))
    # The actors a filter form offers to complete, the most mentioned first: on every page, so found
    # now, as the templates are compiled now, rather than by the first page asked for.
    with app.state.con.cursor() as cursor:
        codes = tuple(dict.fromkeys(queries.actors(cursor, "", limit=300)["code"]))
    app.state.actor_codes = codes
    pages.compile_templates()
    # The map's country outlines, read and projected once (20 ms), not by the first map asked for.
    world.countries()
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=Path(__file__).with_name("static")), name="static")

    @app.exception_handler(TimedOut)
    async def timed_out(request: Request, error: TimedOut) -> JSONResponse:
        return JSONResponse({"detail": str(error)}, 503)

    @app.exception_handler(TidingsError)
    async def tidings_error(request: Request, error: TidingsError) -> JSONResponse:
        return JSONResponse({"detail": str(error)}, 400)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError) -> JSONResponse:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in item['loc'][1:])}: {item['msg']}" for item in error.errors()
        )
        return JSONResponse({"detail": problems}, 422)

    app.add_middleware(Guarded)
    # Outermost, so that an answer kept is sent without running anything else (it keeps its headers).
    app.add_middleware(ResponseCache)
    return app


SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
]


class Guarded:
    """ASGI middleware: a request body over MAX_REQUEST_BYTES is refused (413), every answer gets the
    security headers. Plain ASGI, as Starlette's ``@app.middleware`` costs each request a task group and
    a stream of its own."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > MAX_REQUEST_BYTES):
            refused = JSONResponse({"detail": f"requests are limited to {MAX_REQUEST_BYTES} bytes"}, 413)
            await refused(scope, receive, self._with_headers(send))
            return
        await self.app(scope, receive, self._with_headers(send))

    @staticmethod
    def _with_headers(send: Any) -> Any:
        async def sending(message: dict) -> None:
            if message["type"] == "http.response.start":
                message = message | {"headers": [*message.get("headers", []), *SECURITY_HEADERS]}
            await send(message)

        return sending


def _coder():
    from ..coder import Coder

    return Coder()
