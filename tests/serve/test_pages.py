"""The HTML pages: each shows its data, filters held in the query string, untrusted text escaped."""

from __future__ import annotations


def test_overview_shows_counts_timeline_dyads_and_latest_events(client):
    page = client.get("/").text
    assert "3 articles from 2 sources" in page
    assert '<rect class="q' in page and "/relations/USA/CHN" in page and "Blinken" not in page.split("<h1>")[0]


def test_relation_shows_both_directions_and_filters_narrow_the_events(client):
    page = client.get("/relations/USA/CHN", params={"freq": "week"}).text
    assert "USA → CHN" in page and "CHN → USA" in page
    assert page.count("/events/") == 7
    narrowed = client.get("/relations/USA/CHN", params={"type": "ACCUSE", "freq": "week"}).text
    assert narrowed.count("/events/") == 1 and 'value="ACCUSE"' in narrowed
    assert "type=ACCUSE" in narrowed and "source=USA" in narrowed  # the downloads keep the selection
    # The form sends its empty fields too.
    blank = {"type": "", "quad_class": "", "since": "", "until": "", "q": "", "freq": "week"}
    assert client.get("/relations/USA/CHN", params=blank).text.count("/events/") == 7
    june = client.get("/relations/USA/CHN", params={"since": "2023-06-19", "until": "2023-06-25"}).text
    assert june.count("/events/") == 5


def test_event_page_highlights_source_target_and_trigger(client):
    consult = client.get("/api/v1/events", params={"type": "CONSULT", "source": "USA", "target": "CHN",
                                                   "directed": "true", "since": "2023-06-19",
                                                   "until": "2023-06-19"}).json()["events"][0]
    page = client.get(f"/events/{consult['id']}").text
    assert '<mark class="trigger">met</mark>' in page
    assert '<mark class="source">' in page and '<mark class="target">' in page
    assert "Eastern Wire" in page and 'href="https://easternwire.example/blinken-beijing"' in page
    assert "2023-06-19 (day)" in page


def test_article_page_highlights_events_and_never_links_javascript_urls(client):
    accuse = client.get("/api/v1/events", params={"type": "ACCUSE"}).json()["events"][0]
    page = client.get(f"/articles/{accuse['first_article']}").text
    assert '<mark class="trigger">accused</mark>' in page
    assert 'href="javascript:' not in page and "javascript:alert(1)" in page


def test_downloads_carry_the_selection(client):
    csv = client.get("/download/events.csv", params={"type": "CONSULT"})
    assert csv.headers["content-type"].startswith("text/csv")
    assert csv.text.count("\n") == 1 + 4 and "ACCUSE" not in csv.text
    lines = client.get("/download/events.jsonl", params={"q": "interference"}).text.splitlines()
    assert len(lines) == 1 and '"ACCUSE"' in lines[0]
