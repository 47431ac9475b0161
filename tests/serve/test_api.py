"""The JSON API: every endpoint and filter, and bad parameters answered with a clear 4xx."""

from __future__ import annotations

import pytest


def events(client, **params):
    response = client.get("/api/v1/events", params=params)
    assert response.status_code == 200, response.text
    return response.json()["events"]


def test_events_are_newest_first_and_filters_narrow_them(client):
    every = events(client)
    assert [row["date"] for row in every] == sorted((row["date"] for row in every), reverse=True)
    consults = events(client, type="CONSULT")
    assert consults and all(row["plover_type"] == "CONSULT" for row in consults)
    assert {row["plover_type"] for row in events(client, cameo="11")} == {"ACCUSE"}
    assert all(row["quad_class"] == 3 for row in events(client, quad_class=3))
    june = events(client, since="2023-06-19", until="2023-06-19")
    assert june and all(row["date"] == "2023-06-19" for row in june)
    directed = events(client, source="USA", target="CHN", directed="true")
    assert directed and all(row["source_code"].startswith("USA") for row in directed)
    assert len(events(client, source="USA", target="CHN")) > len(directed)
    assert all("CHN" in (row["source_code"] + row["target_code"]) for row in events(client, actor="CHN"))
    assert events(client, place="Beijing") and not events(client, place="Nairobi")
    gazette = events(client, outlet="Harbour Gazette")
    assert {row["plover_type"] for row in gazette} == {"ACCUSE"}
    assert {row["plover_type"] for row in events(client, q="interference")} == {"ACCUSE"}
    assert events(client, q="100%_") == []


def test_cursor_pages_cover_every_event_once(client):
    every = [row["id"] for row in events(client)]
    seen, cursor = [], None
    while True:
        params = {"limit": 2} | ({"cursor": cursor} if cursor else {})
        page = client.get("/api/v1/events", params=params).json()
        seen += [row["id"] for row in page["events"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == every


def test_one_event_has_its_mentions_spans_and_outlets(client):
    consult = events(
        client,
        type="CONSULT",
        source="USA",
        target="CHN",
        directed="true",
        since="2023-06-19",
        until="2023-06-19",
    )[0]
    detail = client.get(f"/api/v1/events/{consult['id']}").json()
    mention = detail["mentions"][0]
    sentence = mention["sentence"]
    assert sentence[mention["trigger_start"] : mention["trigger_end"]] == "met"
    assert "Blinken" in sentence[mention["source_start"] : mention["source_end"]]
    assert mention["outlet"] == "Eastern Wire" and mention["title"] == "Blinken meets Wang Yi in Beijing"
    assert detail["outlets"] == ["Eastern Wire"]


def test_article_timeline_dyads_actors_stats(client):
    consult = events(client, type="CONSULT")[0]
    article = client.get(f"/api/v1/articles/{consult['first_article']}").json()
    assert article["article"]["text"] and article["mentions"] and article["copies"] == []
    assert "minhash" not in article["article"]
    weeks = client.get("/api/v1/timeline", params={"actor": "USA", "other": "CHN", "freq": "week"}).json()
    assert sum(period["events"] for period in weeks["periods"]) == len(
        events(client, source="USA", target="CHN")
    )
    dyads = client.get("/api/v1/dyads", params={"type": "CONSULT"}).json()["dyads"]
    assert {(dyad["source"], dyad["target"]) for dyad in dyads} == {("USA", "CHN"), ("CHN", "USA")}
    actors = client.get("/api/v1/actors", params={"prefix": "wang"}).json()["actors"]
    assert actors and actors[0]["code"].startswith("CHN")
    stats = client.get("/api/v1/stats").json()
    assert stats["articles"] == 3 and stats["events"] == len(events(client))


def test_timeline_dyads_and_places_take_every_filter(client):
    accusations = client.get(
        "/api/v1/timeline", params={"actor": "CHN", "type": "ACCUSE", "freq": "month"}
    ).json()
    assert sum(period["events"] for period in accusations["periods"]) == len(
        events(client, actor="CHN", type="ACCUSE")
    )
    assert [row["plover_type"] for row in accusations["types"]] == ["ACCUSE"]
    everything = client.get("/api/v1/timeline", params={"freq": "month"}).json()
    assert {row["plover_type"] for row in everything["types"]} >= {"CONSULT", "ACCUSE"}
    gazette = client.get("/api/v1/dyads", params={"outlet": "Harbour Gazette"}).json()["dyads"]
    assert [(dyad["source"], dyad["target"], dyad["events"]) for dyad in gazette] == [("CHN", "USA", 1)]
    places = client.get("/api/v1/places").json()["places"]
    beijing = [place for place in places if place["place"] == "Beijing"]
    assert beijing and all(39 < place["lat"] < 41 and 115 < place["lon"] < 118 for place in beijing)
    assert sum(place["events"] for place in beijing) == len(events(client, place="Beijing"))
    conflict = client.get("/api/v1/places", params={"quad_class": 3}).json()["places"]
    assert conflict and {place["quad_class"] for place in conflict} == {3}


def test_articles_are_listed_latest_first_in_pages(client):
    listed = client.get("/api/v1/articles").json()
    assert [row["title"] for row in listed["articles"]] == [
        "Yellen visits Beijing",
        "U.S. and China hold talks",
        "Blinken meets Wang Yi in Beijing",
    ]
    assert "text" not in listed["articles"][0] and listed["next_before"] is None
    first = client.get("/api/v1/articles", params={"limit": 2}).json()
    rest = client.get("/api/v1/articles", params={"limit": 2, "before": first["next_before"]}).json()
    assert [row["id"] for row in first["articles"] + rest["articles"]] == [
        row["id"] for row in listed["articles"]
    ]
    assert [
        row["title"] for row in client.get("/api/v1/articles", params={"q": "wang"}).json()["articles"]
    ] == ["Blinken meets Wang Yi in Beijing"]
    assert (
        len(
            client.get("/api/v1/articles", params={"outlet": "Eastern Wire", "since": "2023-07-01"}).json()[
                "articles"
            ]
        )
        == 1
    )


def test_a_query_past_the_time_bound_is_interrupted_with_a_503(served_store):
    from fastapi.testclient import TestClient

    from tidings.serve import create_app

    hurried = TestClient(create_app(served_store, query_timeout_s=0.0))
    response = hurried.get("/api/v1/events", params={"q": "talks"})
    assert response.status_code == 503 and "TID308" in response.json()["detail"]


@pytest.mark.parametrize(
    ("path", "status", "words"),
    [
        ("/api/v1/events?quad_class=5", 422, "quad_class"),
        ("/api/v1/events?quad_class=1.5", 422, "quad_class"),
        ("/api/v1/events?since=June", 422, "since"),
        ("/api/v1/events?until=2023-13-45", 400, "cannot read the date"),
        ("/api/v1/events?limit=100000", 422, "limit"),
        ("/api/v1/events?limit=0", 422, "limit"),
        ("/api/v1/events?cameo=abc", 422, "cameo"),
        ("/api/v1/events?type=CONSULT;DROP", 422, "type"),
        ("/api/v1/events?source=USA", 422, "both source and target"),
        ("/api/v1/events?cursor=not-a-cursor", 400, "cursor"),
        ("/api/v1/events/12345", 404, "no event"),
        ("/api/v1/events/abc", 422, "event_id"),
        ("/api/v1/articles/nope", 404, "no article"),
        ("/api/v1/timeline?freq=fortnight", 422, "freq"),
        ("/api/v1/dyads?limit=-1", 422, "limit"),
        ("/api/v1/actors?prefix=" + "x" * 100, 422, "prefix"),
        ("/download/events.xml", 404, "downloads"),
        ("/api/v1/places?limit=0", 422, "limit"),
        ("/api/v1/places?since=2023-02-30", 400, "cannot read the date"),
        ("/api/v1/articles?before=-1", 422, "before"),
        ("/api/v1/articles?since=yesterday", 422, "since"),
        ("/api/v1/timeline?other=CHN&source=USA", 422, "both source and target"),
        ("/network?edges=1000", 422, "edges"),
        ("/map?quad_class=9", 422, "quad_class"),
    ],
)
def test_bad_parameters_get_a_clear_4xx(client, path, status, words):
    response = client.get(path)
    assert response.status_code == status, response.text
    assert words in response.json()["detail"]


def test_code_is_off_unless_allowed_and_size_limited(client, served_store):
    from fastapi.testclient import TestClient

    from tidings.serve import create_app

    refused = client.post("/api/v1/code", json={"text": "Kenya's president met Ethiopia's prime minister."})
    assert refused.status_code == 403 and "--allow-code" in refused.json()["detail"]
    allowed = TestClient(create_app(served_store, allow_code=True))
    coded = allowed.post(
        "/api/v1/code",
        json={
            "text": "Kenyan President William Ruto met Ethiopian Prime Minister Abiy Ahmed in Nairobi.",
            "date": "2023-06-19",
        },
    )
    assert coded.status_code == 200 and coded.json()["events"][0]["cameo"].startswith("04")
    too_big = allowed.post(
        "/api/v1/code", content=b"x" * 300_000, headers={"content-type": "application/json"}
    )
    assert too_big.status_code == 413


def test_openapi_schema_and_docs_page_need_no_cdn(client):
    schema = client.get("/openapi.json").json()
    assert "/api/v1/events" in schema["paths"] and "/api/v1/code" in schema["paths"]
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/api/v1/timeline" in docs.text and "cdn" not in docs.text.lower()


def test_every_response_forbids_inline_scripts(client):
    for path in ("/", "/api/v1/stats", "/relations/USA/CHN"):
        policy = client.get(path).headers["content-security-policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy


def test_single_events_and_articles_answer_the_same_from_memory_as_from_the_store(served_store):
    from fastapi.testclient import TestClient

    from tidings.serve import create_app
    from tidings.store.readonly import connect_readonly

    kept, read = TestClient(create_app(served_store)), TestClient(create_app(served_store))
    assert kept.app.state.lookups is not None
    read.app.state.lookups = None  # as for a store with more events than are kept in memory
    con = connect_readonly(served_store)
    event_ids = [row[0] for row in con.execute("SELECT id FROM events").fetchall()]
    article_ids = [row[0] for row in con.execute("SELECT id FROM articles").fetchall()]
    con.close()
    paths = [f"/api/v1/events/{event_id}" for event_id in event_ids]
    paths += [f"/api/v1/articles/{article_id}" for article_id in article_ids]
    paths += [
        f"/events/{event_ids[0]}",
        f"/articles/{article_ids[0]}",
        "/api/v1/events/1",
        "/api/v1/articles/none",
    ]
    for path in paths:
        from_memory, from_store = kept.get(path), read.get(path)
        assert (from_memory.status_code, from_memory.text) == (from_store.status_code, from_store.text), path
    assert any(kept.get(path).json().get("mentions") for path in paths[:3])
