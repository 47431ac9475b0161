"""Answers kept by URL: a store is read-only while it is served, so a page or API answer never changes."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

import anyio

# Whole answers up to this size are kept, the least recently asked for dropped first past the total.
MAX_ENTRY_BYTES = 512_000
MAX_TOTAL_BYTES = 64_000_000


class Making:
    """An answer being made: the requests waiting for it, and the answer once made (any status)."""

    def __init__(self) -> None:
        self.done = anyio.Event()
        self.answer: tuple[dict, bytes] | None = None


class ResponseCache:
    """ASGI middleware that answers a GET it has answered before with the same status, headers and body.

    Only complete 200 answers are kept; downloads (``/download/``) are streamed afresh each time. A
    request for an answer that another request is making waits for it and is given the same answer,
    a 503 past the time bound too, rather than making it again: on a server just started, many clients
    ask for the same few pages at once.
    """

    def __init__(
        self, app: Any, *, max_entry_bytes: int = MAX_ENTRY_BYTES, max_total_bytes: int = MAX_TOTAL_BYTES
    ) -> None:
        self.app = app
        self.max_entry_bytes = max_entry_bytes
        self.max_total_bytes = max_total_bytes
        self.entries: OrderedDict[tuple[str, bytes], tuple[dict, bytes]] = OrderedDict()
        self.total_bytes = 0
        self.making: dict[tuple[str, bytes], Making] = {}

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or scope["path"].startswith("/download/"):
            await self.app(scope, receive, send)
            return
        key = (scope["path"], scope.get("query_string", b""))
        kept = self.entries.get(key)
        if kept is not None:
            self.entries.move_to_end(key)
        elif key in self.making:
            making = self.making[key]
            await making.done.wait()
            kept = making.answer
        if kept is not None:
            start, body = kept
            await send(start)
            await send({"type": "http.response.body", "body": body})
            return
        # An answer too big to keep is made again by each request that waited for it.
        making = self.making[key] = Making()
        chunks: list[bytes] | None = []
        start: dict | None = None

        async def keep(message: dict) -> None:
            nonlocal start, chunks
            if message["type"] == "http.response.start":
                start = message
            elif message["type"] == "http.response.body" and start is not None and chunks is not None:
                chunks.append(message.get("body", b""))
                if sum(map(len, chunks)) > self.max_entry_bytes:
                    chunks = None
                elif not message.get("more_body", False):
                    making.answer = (start, b"".join(chunks))
                    if start["status"] == 200:
                        self._keep(key, *making.answer)
            await send(message)

        try:
            await self.app(scope, receive, keep)
        finally:
            if self.making.get(key) is making:
                del self.making[key]
            making.done.set()

    def _keep(self, key: tuple[str, bytes], start: dict, body: bytes) -> None:
        if key in self.entries:  # two requests for it ran at once
            return
        self.entries[key] = (start, body)
        self.total_bytes += len(body)
        while self.total_bytes > self.max_total_bytes and self.entries:
            _, (_, dropped) = self.entries.popitem(last=False)
            self.total_bytes -= len(dropped)
