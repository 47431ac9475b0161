"""The HTML pages: each shows its data, filters held in the query string, untrusted text escaped."""

from __future__ import annotations


def test_overview_shows_counts_timeline_dyads_and_latest_events(client):
    page = client.get("/").text
    assert "3 articles from 2 sources" in page
    assert (
        '<rect class="q' in page and "/relations/USA/CHN" in page and "Blinken" not in page.split("<h1>")[0]
    )


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
    consult = client.get(
        "/api/v1/events",
        params={
            "type": "CONSULT",
            "source": "USA",
            "target": "CHN",
            "directed": "true",
            "since": "2023-06-19",
            "until": "2023-06-19",
        },
    ).json()["events"][0]
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


def test_network_draws_each_dyad_as_an_edge_to_its_relation(client):
    page = client.get("/network").text
    assert page.count('<a class="edge" href="/relations/USA/CHN?') == 1
    assert page.count('<a class="edge" href="/relations/CHN/USA?') == 1
    assert '<a class="node" href="?actor=USA">' in page
    # An accusation is conflict: only the CHN -> USA edge is left, coloured on the conflict side.
    accused = client.get("/network", params={"type": "ACCUSE"}).text
    assert accused.count('class="edge"') == 1 and '<path class="g-1"' in accused


def test_map_places_events_on_the_world_and_links_to_their_events(client):
    page = client.get("/map").text
    assert page.count('class="country') > 150 and "<title>China: " in page
    assert 'href="?place=Beijing&amp;quad_class=1"' in page
    narrowed = client.get("/map", params={"place": "Beijing", "quad_class": 3}).text
    assert narrowed.count("/events/") == 1 and 'value="Beijing"' in narrowed


def test_gdelt_download_is_the_export_of_the_selection(client, served_store, tmp_path):
    import shutil

    from tidings import Store

    # This process serves the store read-only and locked; the CLI's export opens a copy of it.
    shutil.copy(served_store, tmp_path / "copy.duckdb")
    with Store(tmp_path / "copy.duckdb", read_only=True) as store:
        store.export("gdelt", tmp_path / "events.tsv")
    exported = (tmp_path / "events.tsv").read_text(encoding="utf-8").splitlines()
    downloaded = client.get("/download/events.gdelt").text.splitlines()
    assert downloaded == exported and len(exported[0].split("\t")) == 61
    accusations = client.get("/download/events.gdelt", params={"type": "ACCUSE"}).text.splitlines()
    assert len(accusations) == 1 and accusations[0].split("\t")[26] == "112"


def test_relation_picks_bars_wide_enough_to_read_unless_told(client):
    # The store's articles span 17 days: a bar per day; over a year, a bar per week.
    assert "<option selected>day</option>" in client.get("/relations/USA/CHN").text
    year = client.get("/relations/USA/CHN", params={"since": "2023-01-01", "until": "2023-12-31"}).text
    assert "<option selected>week</option>" in year and "Events per week" in year
    assert (
        "<option selected>month</option>" in client.get("/relations/USA/CHN", params={"freq": "month"}).text
    )
