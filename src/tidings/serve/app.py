"""The FastAPI application: the store opened read-only, bounded requests, a strict Content-Security-Policy."""

from __future__ import annotations

import os
from contextlib import asynccontextmanager
from functools import cache
from pathlib import Path

import anyio.to_thread
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles

from ..errors import TidingsError
from ..store import queries
from ..store.readonly import TimedOut
from . import api, pages
from .cache import ResponseCache
from .connection import QUERY_TIMEOUT_S, open_store

MAX_REQUEST_BYTES = 256_000
# Requests that query the store run in this many threads at once, the others wait their turn: more
# would only take the interpreter from each other and from the answers kept in memory, which are sent
# at once (DuckDB itself runs each query on every core).
WORKER_THREADS = 2
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
    app.state.allow_code = allow_code
    app.state.query_timeout_s = query_timeout_s
    app.state.coder = cache(_coder)
    # No writer can open the store while it is served read-only, so what it holds is worked out once,
    # and an answer given once is given again from memory.
    app.state.summary = cache(lambda: queries.summary(app.state.con.cursor()))
    # The actors a filter form offers to complete, the most mentioned first.
    app.state.actor_codes = cache(
        lambda: tuple(dict.fromkeys(queries.actors(app.state.con.cursor(), "", limit=300)["code"]))
    )
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=Path(__file__).with_name("static")), name="static")

    @app.middleware("http")
    async def bounded(request: Request, call_next):
        length = request.headers.get("content-length")
        if length and (not length.isdigit() or int(length) > MAX_REQUEST_BYTES):
            return JSONResponse({"detail": f"requests are limited to {MAX_REQUEST_BYTES} bytes"}, 413)
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

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

    # Outermost, so that an answer kept is sent without running anything else (it keeps its headers).
    app.add_middleware(ResponseCache)
    return app


def _coder():
    from ..coder import Coder

    return Coder()
