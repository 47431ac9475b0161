"""Answers kept by URL, and requests for an answer being made waiting for it."""

from __future__ import annotations

import asyncio

from tidings.serve.cache import ResponseCache


def page_maker(status: int):
    """An ASGI app that takes a while to answer every GET with ``status``, and counts its calls."""
    calls = []

    async def app(scope, receive, send):
        calls.append(scope["path"])
        await asyncio.sleep(0.05)
        await send({"type": "http.response.start", "status": status, "headers": [(b"x-made", b"1")]})
        await send({"type": "http.response.body", "body": f"relations of {scope['path']}".encode()})

    return app, calls


def get(app, path: str):
    sent = []

    async def receive():
        return {"type": "http.request", "body": b""}

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": "GET", "path": path, "query_string": b"freq=month"}
    return app(scope, receive, send), sent


def answers_of(app, paths: list[str]) -> list[tuple[int, bytes]]:
    async def run():
        requests = [get(app, path) for path in paths]
        await asyncio.gather(*(request for request, _ in requests))
        return [(sent[0]["status"], sent[1]["body"]) for _, sent in requests]

    return asyncio.run(run())


def test_requests_for_a_page_being_made_wait_for_it_and_get_the_same_answer():
    maker, calls = page_maker(200)
    cache = ResponseCache(maker)
    answers = answers_of(cache, ["/relations/USA/CHN"] * 5 + ["/relations/RUS/UKR"])
    assert answers[:5] == [(200, b"relations of /relations/USA/CHN")] * 5
    assert answers[5] == (200, b"relations of /relations/RUS/UKR")
    assert sorted(calls) == ["/relations/RUS/UKR", "/relations/USA/CHN"]
    assert answers_of(cache, ["/relations/USA/CHN"]) == [answers[0]] and len(calls) == 2


def test_a_503_is_given_to_those_who_waited_for_it_but_not_kept():
    maker, calls = page_maker(503)
    cache = ResponseCache(maker)
    assert answers_of(cache, ["/map"] * 4) == [(503, b"relations of /map")] * 4
    assert len(calls) == 1
    answers_of(cache, ["/map"])
    assert len(calls) == 2
