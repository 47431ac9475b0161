"""``tidings serve``: the HTTP API and the dashboard over a store."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from . import app
from .store import db_option


@app.command("serve")
def serve_cli(
    db: Path = db_option(),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to bind; other than loopback, say so."),
    port: int = typer.Option(8000, "--port", min=1, max=65535),
    allow_code: bool = typer.Option(False, "--allow-code", help="Enable POST /api/v1/code."),
) -> None:
    """Serve the JSON API (/api/v1/, schema at /docs) and the dashboard; the store is opened read-only."""
    import uvicorn

    from ..serve import create_app

    application = create_app(db, allow_code=allow_code)
    if host not in ("127.0.0.1", "localhost", "::1"):
        print(
            f"tidings: serving on {host}, reachable from other machines, not only this one", file=sys.stderr
        )
    print(f"tidings: http://{host}:{port}/ (store {db}, read-only)", file=sys.stderr)
    # No line per request: at hundreds of requests a second, writing them costs a fifth of the server.
    uvicorn.run(application, host=host, port=port, log_level="warning", access_log=False)
