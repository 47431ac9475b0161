from __future__ import annotations

import io

from tidings.model import Article, Problem
from tidings.read.text import read_text

STORY = (
    "KYIV, June 19 (Reuters) - Ukraine's foreign minister met his Polish counterpart in Kyiv on Monday "
    "to discuss grain exports, a day after Warsaw extended its ban on Ukrainian wheat imports.\n\n"
    "The two ministers agreed to set up a joint commission on transit, according to a statement.\n"
)


def read(data: bytes, **options) -> list[Article | Problem]:
    return list(read_text(io.BytesIO(data), origin="kyiv.txt", **options))


def test_a_text_file_is_one_article_kept_exactly_with_the_default_date() -> None:
    [article] = read(STORY.encode(), date="2023-06-19")
    assert isinstance(article, Article)
    assert article.text == STORY
    assert article.date == "2023-06-19"
    assert article.origin == "kyiv.txt"
    assert article.id and article.title is None


def test_a_utf8_byte_order_mark_is_dropped() -> None:
    [article] = read(b"\xef\xbb\xbf" + STORY.encode())
    assert article.text == STORY


def test_an_empty_or_blank_file_is_reported() -> None:
    for data in (b"", b"  \n\t\n", b"\xef\xbb\xbf\n"):
        [found] = read(data)
        assert isinstance(found, Problem)
        assert (found.code, found.origin) == ("TID101", "kyiv.txt")


def test_nul_bytes_are_reported_as_binary_data() -> None:
    [found] = read(b"%PDF-1.7\n\x00\x01\x02 stream")
    assert (found.code, found.origin) == ("TID102", "kyiv.txt")
    assert "line 2" in found.message


def test_text_in_other_encodings_is_decoded_with_a_warning(caplog) -> None:
    [utf16] = read(STORY.encode("utf-16"))
    assert utf16.text == STORY
    french = "GENÈVE, 19 juin - Le président a rencontré le ministre à Genève lundi, a indiqué la présidence."
    [cp1252] = read(french.encode("cp1252"))
    assert cp1252.text == french
    russian = "МОСКВА, 19 июня - Министр иностранных дел встретился в понедельник с послом Украины."
    [cp1251] = read(russian.encode("cp1251"))
    assert cp1251.text == russian
    assert [r.getMessage() for r in caplog.records] == [
        "kyiv.txt: TID116 the text is not UTF-8 (decoded as UTF-16 from its byte order mark)",
        "kyiv.txt: TID116 the text is not UTF-8 (decoded as cp1252)",
        "kyiv.txt: TID116 the text is not UTF-8 (decoded as cp1251)",
    ]


def test_a_text_longer_than_max_chars_is_reported() -> None:
    [found] = read(STORY.encode(), max_chars=100)
    assert (found.code, found.origin) == ("TID104", "kyiv.txt")


def test_a_file_far_past_max_chars_is_reported_without_decoding_it() -> None:
    [found] = read(STORY.encode() * 50, max_chars=100)
    assert found.code == "TID104"
    assert "more than 100 characters" in found.message


def test_a_text_of_exactly_max_chars_is_read() -> None:
    [article] = read(STORY.encode(), max_chars=len(STORY))
    assert isinstance(article, Article)
