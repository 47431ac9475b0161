"""CPU of the first answer to each page: a server just started, each page asked once, in one thread.

    .venv/bin/python benchmarks/serve_first_pages.py --store /tmp/load6.duckdb   # a store of serve_load.py

The pages are those `serve_load.py` asks for (its warm-up's 252), then the relations and timelines of every
pair of its 25 countries (300 of each, none asked before), each asked of the application directly, without
HTTP, its worker threads' functions run on the event loop: `time.process_time` around each answer is then
the cost of making it, and nothing else. Prints the milliseconds per page by kind, and the start-up time.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import time
from collections import Counter
from pathlib import Path

import anyio.to_thread

from serve_load import COUNTRIES, every_page
from tidings.serve.app import create_app


async def inline(function, *args, **given):
    """``anyio.to_thread.run_sync`` run where it is called: one thread does all the work."""
    return function(*args)


async def get(app, url: str) -> bytes:
    """The body of ``GET url`` asked of the ASGI ``app``; a failure if it is not a 200."""
    path, _, query = url.partition("?")
    scope = {
        "type": "http",
        "method": "GET",
        "path": path,
        "raw_path": path.encode(),
        "query_string": query.encode(),
        "headers": [(b"host", b"localhost")],
        "scheme": "http",
        "server": ("localhost", 80),
        "client": ("127.0.0.1", 1),
        "http_version": "1.1",
        "root_path": "",
        "app": app,
    }
    chunks, statuses = [], []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        if message["type"] == "http.response.start":
            statuses.append(message["status"])
        else:
            chunks.append(message.get("body", b""))

    await app(scope, receive, send)
    if statuses != [200]:
        raise SystemExit(f"{url}: {statuses}")
    return b"".join(chunks)


def kind(url: str) -> str:
    """The path's shape, as serve_load.py names it: /relations/USA/CHN and /relations/RUS/UKR together."""
    parts = url.split("?")[0].split("/")
    shape = "/".join("*" if part.isupper() or any(c.isdigit() for c in part) else part for part in parts)
    return shape + ("?..." if "?" in url else "")


async def measure(app) -> None:
    pairs = list(itertools.combinations(COUNTRIES, 2))
    rounds = {
        "the load's pages": every_page(),
        "relations of every pair": [f"/relations/{a}/{b}" for a, b in pairs],
        "timelines of every pair": [f"/api/v1/timeline?actor={a}&other={b}&freq=month" for a, b in pairs],
    }
    async with app.router.lifespan_context(app):
        await get(app, "/api/v1/stats")
        for name, urls in rounds.items():
            spent, count = Counter(), Counter()
            for url in urls:
                start = time.process_time()
                await get(app, url)
                spent[kind(url)] += time.process_time() - start
                count[kind(url)] += 1
            print(f"{name}: {len(urls)} pages, {sum(spent.values()):.2f} s of CPU")
            for shape in sorted(spent):
                print(f"  {shape:28} {count[shape]:4}  {1000 * spent[shape] / count[shape]:7.2f} ms each")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True, help="a store serve_load.py generated")
    args = parser.parse_args()
    anyio.to_thread.run_sync = inline
    start = time.perf_counter()
    app = create_app(args.store)
    print(f"server made in {time.perf_counter() - start:.1f} s")
    asyncio.run(measure(app))


if __name__ == "__main__":
    main()
