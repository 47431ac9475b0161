"""The dashboard in real headless Chromium: pages load and show their data, the seed's meeting is reached from
the USA-CHN timeline with its evidence highlighted, filters change the URL, and nothing leaves 127.0.0.1."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from browser import chromium, requested, serving
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from tidings import Store
from tidings.serve import create_app

SEED = Path(__file__).parents[2] / ".." / "shared" / "seed" / "global-courant-blinken-wang-yi.txt"
SAMPLES = Path(__file__).parents[2] / "samples" / "news"
# Set to a folder (docs/screenshots) to keep a screenshot of each page there, for the README.
SCREENSHOTS = os.environ.get("TIDINGS_SCREENSHOTS")


@pytest.fixture(scope="module")
def driver():
    browser = chromium()
    yield browser
    browser.quit()


@pytest.fixture(scope="module")
def seed_url(tmp_path_factory, coder):
    if not SEED.exists():
        pytest.skip(f"the seed article is not at {SEED}")
    path = tmp_path_factory.mktemp("seed") / "seed.duckdb"
    with Store(path, create=True) as store:
        store.ingest([SEED], coder=coder, workers=1, date="2023-06-19")
    with serving(create_app(path)) as url:
        yield url


@pytest.fixture(scope="module")
def sample_url(tmp_path_factory, coder):
    path = tmp_path_factory.mktemp("sample") / "sample.duckdb"
    with Store(path, create=True) as store:
        store.ingest([SAMPLES], coder=coder, workers=1)
    with serving(create_app(path)) as url:
        yield url


def only_loopback(driver, base):
    assert all(url.startswith(base) for url in requested(driver)), requested(driver)


def shot(driver, name):
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        driver.save_screenshot(str(Path(SCREENSHOTS) / f"{name}.png"))


def test_blinken_wang_yi_meeting_is_reached_from_the_relation_timeline(driver, seed_url):
    driver.get(f"{seed_url}/relations/USA/CHN?freq=day")
    shot(driver, "relation")
    # Events the seed dates only to the month are not drawn per day, and the page says how many.
    import httpx

    timeline = httpx.get(
        f"{seed_url}/api/v1/timeline",
        params={"source": "USA", "target": "CHN", "directed": "true", "freq": "day"},
    ).json()
    assert timeline["left_out"] > 0
    assert (
        f"{timeline['left_out']} events dated less precisely than a day"
        in driver.find_element(By.ID, "side-1").text
    )
    bar = driver.find_element(By.CSS_SELECTOR, 'svg.timeline a[href*="since=2023-06-19"]')
    driver.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", bar)
    assert "since=2023-06-19" in driver.current_url and "until=2023-06-19" in driver.current_url
    rows = driver.find_elements(By.CSS_SELECTOR, "table.events tr td:first-child a")
    assert rows and all(row.text == "2023-06-19" for row in rows)
    meeting = [
        row
        for row in driver.find_elements(By.CSS_SELECTOR, "table.events tr")
        if "CONSULT" in row.text and row.find_elements(By.TAG_NAME, "td")[1].text.startswith("USA")
    ]
    meeting[0].find_element(By.CSS_SELECTOR, "a").click()
    shot(driver, "event")
    marks = [
        {
            role: [mark.text for mark in quote.find_elements(By.CSS_SELECTOR, f"mark.{role}")]
            for role in ("source", "target", "trigger")
        }
        for quote in driver.find_elements(By.CSS_SELECTOR, "figure.mention blockquote")
    ]
    assert {"source": ["Anthony Blinken"], "target": ["Wang Yi"], "trigger": ["met"]} in marks
    assert "2023-06-19 (day)" in driver.find_element(By.ID, "date").text
    only_loopback(driver, seed_url)


def test_each_page_loads_with_the_sample_store_and_shows_its_data(driver, sample_url):
    driver.get(sample_url + "/")
    shot(driver, "overview")
    assert "52 articles" in driver.find_element(By.ID, "counts").text
    assert driver.find_elements(By.CSS_SELECTOR, "svg.timeline rect")
    driver.find_element(By.CSS_SELECTOR, "#dyads a").click()
    assert "/relations/" in driver.current_url and driver.find_elements(By.CSS_SELECTOR, "table.events td a")
    driver.find_element(By.CSS_SELECTOR, "table.events td a").click()
    assert driver.find_elements(By.CSS_SELECTOR, "mark.trigger")
    driver.find_element(By.CSS_SELECTOR, "figcaption a").click()
    shot(driver, "article")
    assert "/articles/" in driver.current_url and driver.find_elements(
        By.CSS_SELECTOR, "article mark.trigger"
    )
    driver.get(sample_url + "/docs")
    assert "/api/v1/events" in driver.page_source
    only_loopback(driver, sample_url)


def test_filters_change_the_url_and_the_results(driver, sample_url):
    driver.get(f"{sample_url}/relations/RUS/UKR")
    before = len(driver.find_elements(By.CSS_SELECTOR, "table.events td a"))
    field = driver.find_element(By.NAME, "type")
    field.clear()
    field.send_keys("ASSAULT")
    driver.find_element(By.CSS_SELECTOR, "form.filters button").click()
    # The click starts a navigation; wait for the new page rather than read the old one.
    WebDriverWait(driver, 20).until(
        lambda d: (
            "type=ASSAULT" in d.current_url and d.execute_script("return document.readyState") == "complete"
        )
    )
    assert "type=ASSAULT" in driver.current_url
    after = driver.find_elements(By.CSS_SELECTOR, "table.events tr")[1:]
    assert 0 < len(after) < before and all("ASSAULT" in row.text for row in after)
    only_loopback(driver, sample_url)


def click(driver, element):
    """Follow an SVG link as a user's click does (selenium cannot click an SVG shape directly)."""
    driver.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", element)


def loaded(driver, words):
    WebDriverWait(driver, 20).until(
        lambda d: words in d.current_url and d.execute_script("return document.readyState") == "complete"
    )


def test_network_edges_open_their_relation_and_filters_narrow_them(driver, sample_url):
    driver.get(sample_url + "/network")
    shot(driver, "network")
    edges = driver.find_elements(By.CSS_SELECTOR, "svg.network a.edge")
    assert len(edges) == len(driver.find_elements(By.CSS_SELECTOR, "table.dyads tr")) - 1 > 5
    field = driver.find_element(By.NAME, "type")
    field.send_keys("ASSAULT")
    driver.find_element(By.CSS_SELECTOR, "form.filters button").click()
    loaded(driver, "type=ASSAULT")
    assaults = driver.find_elements(By.CSS_SELECTOR, "svg.network a.edge")
    assert 0 < len(assaults) < len(edges)
    relation = sample_url + assaults[0].get_dom_attribute("href")
    click(driver, assaults[0])
    loaded(driver, "/relations/")
    assert driver.current_url == relation and "type=ASSAULT" in driver.current_url
    rows = driver.find_elements(By.CSS_SELECTOR, "table.events tr")[1:]
    assert rows and all("ASSAULT" in row.text for row in rows)
    only_loopback(driver, sample_url)


def test_map_draws_countries_and_events_and_a_dot_lists_its_events(driver, sample_url):
    driver.get(sample_url + "/map")
    shot(driver, "map")
    assert len(driver.find_elements(By.CSS_SELECTOR, "svg.map path.country")) > 150
    dots = driver.find_elements(By.CSS_SELECTOR, "svg.map a.place circle")
    assert dots and all(dot.get_attribute("class") in ("q1", "q2", "q3", "q4") for dot in dots)
    conflict = next(dot for dot in dots if dot.get_attribute("class") == "q4")
    # "Kyiv: 2 material conflict"
    place, said = conflict.find_element(By.TAG_NAME, "title").get_attribute("textContent").split(": ")
    click(driver, conflict.find_element(By.XPATH, ".."))
    loaded(driver, "quad_class=4")
    assert driver.find_element(By.NAME, "place").get_attribute("value") == place
    rows = driver.find_elements(By.CSS_SELECTOR, "table.events tr")[1:]
    assert len(rows) >= int(said.split()[0]) and "No events match" not in rows[0].text
    assert len(driver.find_elements(By.CSS_SELECTOR, "svg.map a.place circle")) < len(dots)
    only_loopback(driver, sample_url)
