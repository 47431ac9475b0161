from __future__ import annotations

import io

from tidings.model import Article, Problem
from tidings.read.html import article_from_html, html_to_text, read_html


def read(data: bytes, **options) -> list[Article | Problem]:
    return list(read_html(io.BytesIO(data), origin="courier/border.html", **options))


def test_page_gives_its_main_text_title_date_and_site_name(news_page: str) -> None:
    [article] = read(news_page.encode(), date="2020-01-01")
    assert article.text.startswith(
        "Kenya and Ethiopia agree to reopen border crossing\nNAIROBI — Kenya and Ethiopia"
    )
    assert "pledged joint patrols along the frontier." in article.text
    assert article.text.endswith("competition over water and pasture.")
    assert article.title == "Kenya and Ethiopia agree to reopen border crossing"
    assert article.date == "2023-06-19"
    assert article.outlet == "The Nairobi Courier"
    assert article.origin == "courier/border.html"


def test_menus_comments_tables_and_footer_are_left_out(news_page: str) -> None:
    [article] = read(news_page.encode())
    for boilerplate in (
        "Accept all cookies",
        "Business",
        "Finally some good news",
        "Reopening",
        "Copyright",
        "Drought deepens",
    ):
        assert boilerplate not in article.text


def test_page_without_a_date_in_its_markup_gets_the_default_not_its_copyright_year(news_page: str) -> None:
    undated = news_page.replace('content="2023-06-19T08:30:00+03:00"', 'content=""')
    [article] = read(undated.encode(), date="2023-06-20")
    assert article.date == "2023-06-20"


def test_page_without_article_text_is_reported() -> None:
    gallery = b"""<html><head><title>Photos</title></head><body><div class="gallery">
    <img src="/1.jpg" alt=""><img src="/2.jpg" alt=""></div><script>track()</script></body></html>"""
    [found] = read(gallery)
    assert (found.code, found.origin) == ("TID113", "courier/border.html")


def test_an_empty_html_file_is_reported() -> None:
    [found] = read(b"\n  \n")
    assert (found.code, found.origin) == ("TID101", "courier/border.html")


def test_too_long_page_text_is_reported(news_page: str) -> None:
    [found] = read(news_page.encode(), max_chars=200)
    assert found.code == "TID104"


def test_bytes_are_decoded_by_the_charset_the_page_declares(news_page: str) -> None:
    page = news_page.replace('charset="utf-8"', 'charset="windows-1252"').replace("Halima", "Hélène")
    [article] = read(page.encode("windows-1252"))
    assert "said Hélène Abdi" in article.text


def test_the_url_given_wins_over_the_page_and_the_date_given_is_a_fallback(news_page: str) -> None:
    article = article_from_html(
        news_page, origin="crawl.warc.gz#4", url="https://courier.example/border", date="2023-06-21"
    )
    assert article.url == "https://courier.example/border"
    assert article.date == "2023-06-19"


def test_html_to_text_keeps_paragraphs_as_lines_and_collapses_spaces() -> None:
    fragment = """<p>Ministers met in <b>Brussels</b>
       on Monday.</p><p>They agreed to&nbsp;extend sanctions.<br>Hungary abstained.</p>
       <ul><li>Oil embargo</li><li>Asset freezes</li></ul><script>alert(1)</script>"""
    assert html_to_text(fragment) == (
        "Ministers met in Brussels on Monday.\nThey agreed to extend sanctions.\nHungary abstained.\n"
        "Oil embargo\nAsset freezes"
    )


def test_html_to_text_of_plain_or_empty_markup() -> None:
    assert html_to_text("Talks resumed in Doha &amp; Cairo.") == "Talks resumed in Doha & Cairo."
    assert html_to_text("  ") == ""
    assert html_to_text("Control\x00 characters\x07 are dropped") == "Control characters are dropped"
