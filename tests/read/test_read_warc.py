from __future__ import annotations

import gzip
import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tidings.model import Article, Problem
from tidings.read.warc import read_warc

CAPTURED = "2023-06-21T06:15:00Z"

UNDATED_PAGE = """<html><head><title>Chile and Argentina sign lithium accord</title>
<meta property="og:site_name" content="Andes Daily"></head><body>
<nav><a href="/">Portada</a> <a href="/mundo">Mundo</a></nav>
<article><h1>Chile and Argentina sign lithium accord</h1>
<p>SANTIAGO - Chile and Argentina signed an agreement on Tuesday to coordinate lithium mining policy,
President Gabriel Boric said after meeting his Argentine counterpart Alberto Fernández in Santiago.</p>
<p>The accord commits both governments to share geological data and to consult each other before
changing royalty rules, Boric told reporters at the presidential palace.</p>
<p>Mining companies welcomed the agreement, which they said would bring more predictable rules.</p>
</article><footer>Andes Daily - todos los derechos reservados</footer></body></html>"""


def response(
    writer: WARCWriter,
    url: str,
    body: bytes,
    *,
    content_type: str = "text/html; charset=utf-8",
    status: str = "200 OK",
    encoding: str | None = None,
):
    fields = [("Content-Type", content_type)] + ([("Content-Encoding", encoding)] if encoding else [])
    headers = StatusAndHeaders(status, fields, protocol="HTTP/1.1")
    return writer.create_warc_record(
        url,
        "response",
        payload=io.BytesIO(body),
        http_headers=headers,
        warc_headers_dict={"WARC-Date": CAPTURED},
    )


def archive(news_page: str, *, gzip: bool = True) -> bytes:
    """A small crawl: metadata, a request, two news pages, an image, a 404 page and a redirect."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzip)
    writer.write_record(writer.create_warcinfo_record("crawl.warc.gz", {"software": "tidings-tests"}))
    request = StatusAndHeaders(
        "GET /africa/border HTTP/1.1", [("Host", "courier.example")], is_http_request=True
    )
    writer.write_record(
        writer.create_warc_record(
            "https://courier.example/africa/border", "request", payload=io.BytesIO(b""), http_headers=request
        )
    )
    writer.write_record(response(writer, "https://courier.example/africa/border", news_page.encode()))
    writer.write_record(
        response(writer, "https://courier.example/logo.png", b"\x89PNG\r\n\x1a\n", content_type="image/png")
    )
    writer.write_record(
        response(
            writer,
            "https://andes.example/lithio",
            UNDATED_PAGE.encode("latin-1"),
            content_type="text/html; charset=ISO-8859-1",
        )
    )
    writer.write_record(
        response(
            writer,
            "https://courier.example/missing",
            b"<html><body><h1>Not found</h1><p>The page you asked for is gone.</p></body></html>",
            status="404 Not Found",
        )
    )
    writer.write_record(
        response(
            writer,
            "https://courier.example/old",
            b"<html><body>Moved</body></html>",
            status="301 Moved Permanently",
        )
    )
    return out.getvalue()


def read(data: bytes, tmp_path: Path, name: str = "crawl.warc.gz", **options) -> list[Article | Problem]:
    path = tmp_path / name
    path.write_bytes(data)
    with path.open("rb") as stream:
        return list(read_warc(stream, origin=name, **options))


def test_html_responses_become_articles_numbered_by_record(news_page: str, tmp_path: Path) -> None:
    found = read(archive(news_page), tmp_path)
    assert [item.origin for item in found] == ["crawl.warc.gz#3", "crawl.warc.gz#5"]
    courier, andes = found
    assert courier.url == "https://courier.example/africa/border"
    assert courier.outlet == "The Nairobi Courier"
    assert "Moyale border crossing" in courier.text and "Copyright" not in courier.text
    assert andes.outlet == "Andes Daily"


def test_page_date_wins_and_capture_date_stands_in_for_a_page_without_one(
    news_page: str, tmp_path: Path
) -> None:
    courier, andes = read(archive(news_page), tmp_path, date="2020-01-01")
    assert courier.date == "2023-06-19"
    assert andes.date == "2023-06-21"


def test_the_http_charset_decodes_the_page(news_page: str, tmp_path: Path) -> None:
    andes = read(archive(news_page), tmp_path)[1]
    assert "Alberto Fernández" in andes.text


def test_uncompressed_warc_is_read_the_same(news_page: str, tmp_path: Path) -> None:
    found = read(archive(news_page, gzip=False), tmp_path, name="crawl.warc")
    assert [item.origin for item in found] == ["crawl.warc#3", "crawl.warc#5"]


def test_truncated_gzip_warc_gives_the_pages_before_the_cut_then_one_problem(
    news_page: str, tmp_path: Path
) -> None:
    data = archive(news_page)
    found = read(data[: len(data) - 40], tmp_path)
    assert [type(item).__name__ for item in found] == ["Article", "Article", "Problem"]
    assert (found[2].code, found[2].origin) == ("TID109", "crawl.warc.gz")
    assert "record 7 is cut short" in found[2].message


def test_truncated_uncompressed_warc_gives_the_pages_before_the_cut_then_one_problem(
    news_page: str, tmp_path: Path
) -> None:
    data = archive(news_page, gzip=False)
    cut = data.index(b"Mining companies welcomed")  # inside the second page, which is not coded half
    found = read(data[:cut], tmp_path, name="crawl.warc")
    assert [type(item).__name__ for item in found] == ["Article", "Problem"]
    assert found[1].code == "TID109" and "record 5 is cut short" in found[1].message


def test_archive_cut_inside_a_record_header_is_reported(news_page: str, tmp_path: Path) -> None:
    data = archive(news_page, gzip=False)
    cut = data.index(b"WARC-Target-URI: https://andes.example")
    found = read(data[:cut], tmp_path, name="crawl.warc")
    assert [item.origin for item in found] == ["crawl.warc#3", "crawl.warc"]
    assert found[1].code == "TID109"


def test_a_file_that_is_not_a_warc_is_reported(tmp_path: Path) -> None:
    [found] = read(b"\x1f\x8b\x08\x00 this is not a gzipped archive", tmp_path)
    assert (found.code, found.origin) == ("TID109", "crawl.warc.gz")


def test_plain_text_with_a_warc_suffix_is_reported(tmp_path: Path) -> None:
    found = read(
        b"Minutes of the council meeting, 19 June 2023\n\nPresent: the mayor and six councillors.\n",
        tmp_path,
        name="notes.warc",
    )
    assert [item.code for item in found] == ["TID109"]


def test_an_empty_warc_is_reported(tmp_path: Path) -> None:
    [found] = read(b"", tmp_path)
    assert (found.code, found.origin) == ("TID101", "crawl.warc.gz")


def test_too_long_page_is_reported_and_the_next_page_read(news_page: str, tmp_path: Path) -> None:
    found = read(archive(news_page), tmp_path, max_chars=600)
    assert [(type(item).__name__, item.origin) for item in found] == [
        ("Problem", "crawl.warc.gz#3"),
        ("Article", "crawl.warc.gz#5"),
    ]
    assert found[0].code == "TID104"


def test_gzip_content_encoding_is_undone_and_an_unknown_one_is_reported(
    news_page: str, tmp_path: Path
) -> None:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    writer.write_record(
        response(
            writer,
            "https://courier.example/africa/border",
            gzip.compress(news_page.encode()),
            encoding="gzip",
        )
    )
    writer.write_record(
        response(
            writer, "https://courier.example/africa/border?v=2", b"(\xb5/\xfd compressed", encoding="zstd"
        )
    )
    writer.write_record(response(writer, "https://andes.example/lithio", UNDATED_PAGE.encode()))
    found = read(out.getvalue(), tmp_path)
    assert [(type(item).__name__, item.origin) for item in found] == [
        ("Article", "crawl.warc.gz#1"),
        ("Problem", "crawl.warc.gz#2"),
        ("Article", "crawl.warc.gz#3"),
    ]
    assert "Moyale" in found[0].text
    assert found[1].code == "TID109" and "zstd" in found[1].message
