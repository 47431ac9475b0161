"""Articles carrying OWASP filter-evasion payloads in their text, title, outlet and URL: every page and API
response that shows them is opened in Chromium, and none of their scripts runs."""

from __future__ import annotations

import json

import pytest
from browser import chromium, serving
from selenium.common.exceptions import NoAlertPresentException

from tidings import Store
from tidings.serve import create_app

# Each payload, if it ran, would set window.pwned (or raise an alert).
PAYLOADS = [
    "<script>window.pwned=1</script>",
    '<IMG SRC="javascript:window.pwned=1;">',
    '<img src=x onerror="window.pwned=1">',
    "<svg/onload=window.pwned=1>",
    '<iframe src="javascript:parent.pwned=1"></iframe>',
    '"><script>alert(1)</script>',
    "<BODY ONLOAD=window.pwned=1>",
    "<<SCRIPT>window.pwned=1;//<</SCRIPT>",
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    "</title><script>window.pwned=1</script>",
    "<svg><script>window.pwned=1</script></svg>",
    '<div style="background:url(javascript:alert(1))">',
]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory, coder):
    folder = tmp_path_factory.mktemp("xss")
    rows = []
    for number, payload in enumerate(PAYLOADS):
        rows.append(
            {
                "id": f"xss-{number}",
                "date": "2023-06-19",
                "title": f"Talks {payload}",
                "outlet": f"Outlet {payload}",
                "url": "javascript:window.pwned=1" if number % 2 else f"https://evil.example/{payload}",
                "text": "U.S. Secretary of State Antony Blinken met Chinese Foreign Minister Wang Yi "
                f"{payload} "
                "in Beijing on Monday.",
            }
        )
    news = folder / "xss.jsonl"
    news.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    path = folder / "xss.duckdb"
    with Store(path, create=True) as store:
        store.ingest([news], coder=coder, workers=1)
    app = create_app(path)
    with serving(app) as url:
        yield url


def test_no_payload_runs_on_any_page_or_api_response(hostile):
    import httpx

    events = httpx.get(f"{hostile}/api/v1/events", params={"limit": 500}).json()["events"]
    assert events
    articles = {event["first_article"] for event in events}
    paths = [
        "/",
        "/relations/USA/CHN",
        "/network",
        "/map",
        "/api/v1/events",
        "/api/v1/stats",
        "/api/v1/articles",
        "/api/v1/places",
        "/api/v1/dyads",
        "/api/v1/timeline",
        "/download/events.jsonl",
        "/download/events.gdelt",
    ]
    paths += [f"/events/{event['id']}" for event in events] + [
        f"/api/v1/events/{event['id']}" for event in events
    ]
    paths += [f"/articles/{article}" for article in articles] + [f"/api/v1/articles/{a}" for a in articles]
    driver = chromium()
    shown = 0
    try:
        for path in paths:
            driver.get(hostile + path)
            with pytest.raises(NoAlertPresentException):
                driver.switch_to.alert.text  # noqa: B018
            assert driver.execute_script("return window.pwned") is None, path
            # The payload is shown as text where the page shows it, never as markup.
            assert not driver.find_elements(
                "css selector", "main script, main iframe, main img, main svg[onload]"
            )
            hrefs = [a.get_attribute("href") or "" for a in driver.find_elements("tag name", "a")]
            assert not [href for href in hrefs if href.lower().startswith("javascript")], path
            shown += "<script>window.pwned=1</script>" in driver.find_element("tag name", "body").text
    finally:
        driver.quit()
    assert shown >= len(articles)
