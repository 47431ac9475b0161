from __future__ import annotations

import gzip
import io
import json
import os
import sys
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tidings.errors import TidingsError
from tidings.model import Article, Problem
from tidings.read import Fields, count_records, read_articles

STORY = (
    "ADDIS ABABA, June 19 - The African Union called on Monday for an immediate ceasefire in Sudan and "
    "offered to host talks between the army and the Rapid Support Forces.\n"
)
RECORDS = [
    {
        "id": "r1",
        "text": "Brazil and Argentina agreed to work towards a common currency for trade, the two "
        "presidents said in Buenos Aires.",
        "date": "2023-01-23",
    },
    {
        "id": "r2",
        "text": "Turkey's parliament ratified Finland's application to join NATO on Thursday.",
        "date": "2023-03-30",
    },
]
FEED = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Gulf Times Wire</title>
<item><title>Saudi Arabia and Iran restore ties</title><guid>gtw-1</guid>
<pubDate>Fri, 10 Mar 2023 15:00:00 +0300</pubDate>
<description>Saudi Arabia and Iran agreed to restore diplomatic relations in a deal brokered by China.
</description>
</item></channel></rss>"""


def jsonl(records: list[dict]) -> bytes:
    return b"".join(json.dumps(record).encode() + b"\n" for record in records)


def warc(page: str) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    writer.write_record(
        writer.create_warc_record(
            "https://courier.example/border",
            "response",
            payload=io.BytesIO(page.encode()),
            http_headers=headers,
        )
    )
    return out.getvalue()


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    path.write_bytes(data)
    return path


def origins(items: list[Article | Problem]) -> list[str]:
    return [item.origin for item in items]


def test_every_format_is_read_by_its_suffix(tmp_path: Path, news_page: str) -> None:
    sources = [
        write(tmp_path / "sudan.txt", STORY),
        write(tmp_path / "wire.jsonl", jsonl(RECORDS)),
        write(tmp_path / "wire.ndjson", jsonl(RECORDS[:1])),
        write(tmp_path / "wire.json", json.dumps(RECORDS)),
        write(tmp_path / "wire.csv", "id,text\nc1,Kenya deployed police officers to Haiti.\n"),
        write(tmp_path / "wire.tsv", "id\ttext\nt1\tChad closed its border with Sudan.\n"),
        write(tmp_path / "border.htm", news_page),
        write(tmp_path / "gulf.rss", FEED),
        write(tmp_path / "gulf.xml", FEED),
        write(tmp_path / "crawl.warc.gz", warc(news_page)),
    ]
    found = list(read_articles(sources))
    assert all(isinstance(item, Article) for item in found)
    assert [Path(origin).name for origin in origins(found)] == [
        "sudan.txt",
        "wire.jsonl:1",
        "wire.jsonl:2",
        "wire.ndjson:1",
        "wire.json#1",
        "wire.json#2",
        "wire.csv:2",
        "wire.tsv:2",
        "border.htm",
        "gulf.rss#1",
        "gulf.xml#1",
        "crawl.warc.gz#1",
    ]


def test_a_folder_is_read_recursively_in_name_order_without_hidden_or_unknown_files(tmp_path: Path) -> None:
    write(tmp_path / "news" / "b.txt", STORY)
    write(tmp_path / "news" / "a" / "z.jsonl", jsonl(RECORDS[:1]))
    write(tmp_path / "news" / "c" / "y.txt", STORY.replace("Monday", "Tuesday"))
    write(tmp_path / "news" / ".draft.txt", STORY)
    write(tmp_path / "news" / ".cache" / "old.txt", STORY)
    write(tmp_path / "news" / "photo.jpg", b"\xff\xd8\xff\xe0")
    write(tmp_path / "news" / "README", "Collected by the newsroom team.")
    write(tmp_path / "news" / "sitemap.xml", '<?xml version="1.0"?><urlset><url><loc>x</loc></url></urlset>')
    found = list(read_articles([tmp_path / "news"]))
    root = str(tmp_path / "news")
    assert origins(found) == [
        os.path.join(root, "a", "z.jsonl:1"),
        os.path.join(root, "b.txt"),
        os.path.join(root, "c", "y.txt"),
    ]


def test_glob_patterns_are_expanded_in_name_order(tmp_path: Path, news_page: str) -> None:
    write(tmp_path / "crawl" / "02.warc.gz", warc(news_page))
    write(tmp_path / "crawl" / "01.warc.gz", warc(news_page))
    write(tmp_path / "crawl" / "01.cdx", "index")
    write(tmp_path / "news" / "africa" / "kenya" / "border.html", news_page)
    write(tmp_path / "news" / "front.html", news_page)
    found = list(read_articles([f"{tmp_path}/crawl/*.warc.gz", f"{tmp_path}/news/**/*.html"]))
    assert [origin.removeprefix(f"{tmp_path}/") for origin in origins(found)] == [
        "crawl/01.warc.gz#1",
        "crawl/02.warc.gz#1",
        "news/africa/kenya/border.html",
        "news/front.html",
    ]


def test_a_glob_without_matches_is_reported_and_the_next_source_read(tmp_path: Path) -> None:
    story = write(tmp_path / "sudan.txt", STORY)
    found = list(read_articles([f"{tmp_path}/crawl/*.warc.gz", story]))
    assert (found[0].code, found[0].origin) == ("TID111", f"{tmp_path}/crawl/*.warc.gz")
    assert isinstance(found[1], Article)


def test_a_missing_path_is_reported_and_the_next_source_read(tmp_path: Path) -> None:
    story = write(tmp_path / "sudan.txt", STORY)
    found = list(read_articles([tmp_path / "missing.jsonl", story]))
    assert (found[0].code, found[0].origin) == ("TID111", str(tmp_path / "missing.jsonl"))
    assert isinstance(found[1], Article)


def test_a_named_file_of_unknown_type_is_reported(tmp_path: Path) -> None:
    [found] = read_articles([write(tmp_path / "report.docx", b"PK\x03\x04")])
    assert (found.code, found.origin) == ("TID114", str(tmp_path / "report.docx"))


def test_a_named_xml_file_that_is_not_a_feed_is_reported(tmp_path: Path) -> None:
    sitemap = write(tmp_path / "sitemap.xml", '<?xml version="1.0"?><urlset><url><loc>x</loc></url></urlset>')
    [found] = read_articles([sitemap])
    assert found.code == "TID114"
    assert "not an RSS or Atom feed" in found.message


def test_gzipped_jsonl_is_read_line_by_line(tmp_path: Path) -> None:
    path = write(tmp_path / "wire.jsonl.gz", gzip.compress(jsonl([RECORDS[0], {"id": "r9"}, RECORDS[1]])))
    found = list(read_articles([path]))
    assert origins(found) == [f"{path}:1", f"{path}:2", f"{path}:3"]
    assert found[1].code == "TID106"
    assert found[2].id == "r2"


def test_gzipped_html_and_feeds_are_read_by_their_inner_suffix(tmp_path: Path, news_page: str) -> None:
    page = write(tmp_path / "border.html.gz", gzip.compress(news_page.encode()))
    feed = write(tmp_path / "gulf.xml.gz", gzip.compress(FEED))
    found = list(read_articles([page, feed]))
    assert origins(found) == [str(page), f"{feed}#1"]
    assert found[1].outlet == "Gulf Times Wire"


def test_a_file_that_is_not_gzip_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path / "wire.jsonl.gz", jsonl(RECORDS))
    [found] = read_articles([path])
    assert (found.code, found.origin) == ("TID107", str(path))
    assert "gzip" in found.message


def test_a_truncated_gzip_gives_the_lines_before_the_cut_then_a_problem(tmp_path: Path) -> None:
    many = [
        {**RECORDS[0], "id": f"r{number}", "text": f"{RECORDS[0]['text']} ({number})"}
        for number in range(500)
    ]
    data = gzip.compress(jsonl(many))
    path = write(tmp_path / "wire.jsonl.gz", data[: len(data) // 2])
    found = list(read_articles([path]))
    *articles, last = found
    assert articles and all(isinstance(item, Article) for item in articles)
    assert (last.code, last.origin) == ("TID107", str(path))


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_an_unreadable_file_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path / "sudan.txt", STORY)
    path.chmod(0)
    [found] = read_articles([path])
    assert (found.code, found.origin) == ("TID107", str(path))


def test_a_folder_matched_where_a_file_is_expected_is_reported(tmp_path: Path, news_page: str) -> None:
    write(tmp_path / "crawl" / "01.warc.gz", warc(news_page))
    (tmp_path / "crawl" / "02.warc.gz").mkdir()
    found = list(read_articles([f"{tmp_path}/crawl/*.warc.gz"]))
    assert isinstance(found[0], Article)
    assert (found[1].code, found[1].origin) == ("TID107", f"{tmp_path}/crawl/02.warc.gz")


def test_problems_in_one_file_do_not_stop_the_others(tmp_path: Path) -> None:
    sources = [
        write(tmp_path / "empty.txt", ""),
        write(tmp_path / "broken.json", "[{]"),
        write(tmp_path / "good.txt", STORY),
    ]
    found = list(read_articles(sources))
    assert [getattr(item, "code", "Article") for item in found] == ["TID101", "TID105", "Article"]


def use_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


def test_standard_input_of_json_lines_is_read_as_jsonl(monkeypatch: pytest.MonkeyPatch) -> None:
    use_stdin(monkeypatch, b"\n" + jsonl([RECORDS[0], {"id": "no text"}, RECORDS[1]]))
    found = list(read_articles(["-"]))
    assert origins(found) == ["<stdin>:2", "<stdin>:3", "<stdin>:4"]
    assert found[1].code == "TID106"


def test_standard_input_of_plain_text_is_one_article(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "{Editor's note: corrected}\n" + STORY
    use_stdin(monkeypatch, text.encode())
    [article] = read_articles(["-"], date="June 19, 2023")
    assert (article.text, article.date, article.origin) == (text, "2023-06-19", "<stdin>")


def test_empty_standard_input_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    use_stdin(monkeypatch, b"")
    [found] = read_articles(["-"])
    assert (found.code, found.origin) == ("TID101", "<stdin>")


def test_fields_reach_the_json_and_csv_readers(tmp_path: Path) -> None:
    sources = [
        write(
            tmp_path / "wire.jsonl",
            b'{"body": "Peru declared a state of emergency in Lima.", "day": "2023-02-01"}\n',
        ),
        write(
            tmp_path / "wire.csv",
            "body,day\nEcuador's president dissolved the National Assembly.,2023-05-17\n",
        ),
    ]
    found = list(read_articles(sources, fields=Fields(text="body", date="day")))
    assert [item.date for item in found] == ["2023-02-01", "2023-05-17"]


def test_the_default_date_is_normalised_and_an_unreadable_one_refused(tmp_path: Path) -> None:
    story = write(tmp_path / "sudan.txt", STORY)
    [article] = read_articles([story], date="19 June 2023")
    assert article.date == "2023-06-19"
    with pytest.raises(TidingsError, match="next Monday"):
        read_articles([story], date="next Monday")


def test_a_single_path_instead_of_a_list_is_refused(tmp_path: Path) -> None:
    with pytest.raises(TypeError, match=r"\[path\]"):
        read_articles(str(tmp_path / "sudan.txt"))


def test_max_chars_is_applied_to_every_format(tmp_path: Path, news_page: str) -> None:
    sources = [
        write(tmp_path / "sudan.txt", STORY),
        write(tmp_path / "border.html", news_page),
        write(tmp_path / "wire.jsonl", jsonl(RECORDS[:1])),
    ]
    found = list(read_articles(sources, max_chars=80))
    assert [item.code for item in found] == ["TID104", "TID104", "TID104"]


def test_a_file_without_publication_dates_is_said_once(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    undated = tmp_path / "undated.jsonl"
    undated.write_text(
        "".join(
            json.dumps({"id": f"w{n}", "text": f"Police arrested {n} protesters in Nairobi on Sunday."})
            + "\n"
            for n in range(3)
        ),
        encoding="utf-8",
    )
    dated = tmp_path / "dated.jsonl"
    dated.write_text(
        json.dumps({"text": "Police arrested 4 men.", "date": "2024-03-04"}) + "\n", encoding="utf-8"
    )

    articles = list(read_articles([undated, dated]))

    assert len(articles) == 4
    assert [r.getMessage() for r in caplog.records] == [
        f"{undated}: TID117 no publication date (its events are dated only where the text gives a full date;"
        " give --date)"
    ]
    caplog.clear()
    list(read_articles([undated], date="2024-03-04"))
    assert not caplog.records


def test_the_records_to_come_are_counted_for_the_progress_line(tmp_path: Path) -> None:
    (tmp_path / "wire.jsonl").write_text(
        "".join(json.dumps({"text": f"Police arrested {n} men."}) + "\n\n" for n in range(3)),
        encoding="utf-8",
    )
    (tmp_path / "ap.csv").write_text(
        'id,text\nap-1,"Police arrested 4 men,\nthen released them."\nap-2,Troops shelled the town.\n',
        encoding="utf-8",
    )
    (tmp_path / "story.txt").write_text(STORY, encoding="utf-8")
    sources = [tmp_path, tmp_path / "missing.jsonl"]

    assert count_records(sources) == len(list(read_articles(sources))) == 3 + 2 + 1 + 1
    (tmp_path / "feed.rss").write_text("<rss/>", encoding="utf-8")
    assert count_records([tmp_path]) is None, "a feed's items are not known without parsing it"
    assert count_records(["-"]) is None
