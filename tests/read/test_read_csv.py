from __future__ import annotations

import csv
import io

from tidings.model import Article, Problem
from tidings.read import Fields
from tidings.read.csv import read_csv

HEADER = ["id", "date", "title", "text"]
ROWS = [
    [
        "ap-881",
        "2023-06-19",
        "Blinken in Beijing",
        (
            "Secretary of State Antony Blinken met Chinese President Xi Jinping in Beijing on Monday.\n\n"
            "Both sides said the talks were candid and constructive."
        ),
    ],
    [
        "ap-882",
        "June 18, 2023",
        "Sudan truce",
        (
            "The warring parties in Sudan agreed to a 72-hour ceasefire, mediators in Jeddah said, calling "
            'it a "last chance" for civilians in Khartoum.'
        ),
    ],
    [
        "ap-883",
        "",
        "Peru protests",
        "Protesters blocked highways in southern Peru on Sunday, demanding new elections.",
    ],
]


def lines(rows: list[list[str]], *, delimiter: str = ",") -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\n").writerows(rows)
    return out.getvalue().encode()


def table(rows: list[list[str]], *, header: list[str] = HEADER, delimiter: str = ",") -> bytes:
    return lines([header, *rows], delimiter=delimiter)


def read(data: bytes, **options) -> list[Article | Problem]:
    return list(read_csv(io.BytesIO(data), origin="ap.csv", **options))


def test_each_csv_row_becomes_an_article_at_the_line_it_starts_on() -> None:
    first, second, third = read(table(ROWS), date="2023-06-20")
    assert first.text == ROWS[0][3]  # the quoted paragraphs keep their line breaks
    assert (first.id, first.date, first.title, first.origin) == (
        "ap-881",
        "2023-06-19",
        "Blinken in Beijing",
        "ap.csv:2",
    )
    assert (second.date, second.origin) == ("2023-06-18", "ap.csv:5")
    assert '"last chance"' in second.text
    assert (third.date, third.origin) == ("2023-06-20", "ap.csv:6")


def test_tsv_is_read_with_tabs_and_the_same_quoting() -> None:
    found = list(read_csv(io.BytesIO(table(ROWS, delimiter="\t")), origin="ap.tsv", delimiter="\t"))
    assert [item.text for item in found] == [row[3] for row in ROWS]


def test_missing_text_column_is_one_problem_for_the_file() -> None:
    [found] = read(table(ROWS, header=["id", "date", "title", "body"]))
    assert (found.code, found.origin) == ("TID110", "ap.csv:1")
    assert 'no "text" column' in found.message and "'body'" in found.message


def test_a_custom_text_column_is_used() -> None:
    found = read(
        table(ROWS, header=["id", "published", "headline", "body"]),
        fields=Fields(text="body", date="published", title="headline"),
    )
    assert [(item.title, item.date) for item in found][:2] == [
        ("Blinken in Beijing", "2023-06-19"),
        ("Sudan truce", "2023-06-18"),
    ]


def test_empty_text_cell_is_reported_with_its_line_and_others_are_read() -> None:
    rows = [ROWS[0], ["ap-999", "2023-06-19", "Photo gallery", ""], ROWS[2]]
    found = read(table(rows))
    assert [type(item).__name__ for item in found] == ["Article", "Problem", "Article"]
    assert (found[1].code, found[1].origin) == ("TID106", "ap.csv:5")


def test_a_short_row_without_the_text_cell_is_reported() -> None:
    found = read(table(ROWS[:1]) + b"ap-900,2023-06-19\n" + lines(ROWS[2:]))
    assert [(type(item).__name__, item.origin) for item in found] == [
        ("Article", "ap.csv:2"),
        ("Problem", "ap.csv:5"),
        ("Article", "ap.csv:6"),
    ]
    assert found[1].code == "TID106"


def test_a_spreadsheet_byte_order_mark_does_not_hide_the_first_column() -> None:
    [article, *_] = read(b"\xef\xbb\xbf" + table(ROWS))
    assert article.id == "ap-881"


def test_a_row_in_windows_1252_is_decoded_with_a_warning_for_the_file(caplog) -> None:
    latin1 = "ap-884,2023-06-19,Genève,Le président a rencontré le ministre à Genève.\n".encode("cp1252")
    found = read(table(ROWS[:1]) + latin1 + lines(ROWS[2:]))
    assert all(isinstance(item, Article) for item in found)
    assert found[1].text == "Le président a rencontré le ministre à Genève."
    assert [r.getMessage() for r in caplog.records] == [
        "ap.csv: TID116 the text is not UTF-8 (lines that are not UTF-8 decoded as cp1252)"
    ]


def test_too_long_text_is_reported_and_the_next_row_read() -> None:
    found = read(table(ROWS), max_chars=100)
    assert [(type(item).__name__, getattr(item, "code", None)) for item in found] == [
        ("Problem", "TID104"),
        ("Problem", "TID104"),
        ("Article", None),
    ]


def test_unreadable_date_is_reported_and_the_row_kept() -> None:
    date_problem, article = read(
        table(
            [["ap-885", "19/06/2023", "Oslo", "Norway said on Monday it would expel 15 Russian diplomats."]]
        )
    )
    assert (date_problem.code, date_problem.origin) == ("TID112", "ap.csv:2")
    assert article.date is None


def test_a_row_the_csv_module_cannot_parse_is_reported_and_the_next_row_read() -> None:
    broken = b"ap-886,2023-06-19,Lima,Congress voted\rto remove the president\n"
    found = read(table(ROWS[:1]) + broken + lines(ROWS[2:]))
    assert [(type(item).__name__, item.origin) for item in found] == [
        ("Article", "ap.csv:2"),
        ("Problem", "ap.csv:5"),
        ("Article", "ap.csv:6"),
    ]
    assert found[1].code == "TID115"


def test_an_empty_csv_file_is_reported() -> None:
    [found] = read(b"")
    assert (found.code, found.origin) == ("TID101", "ap.csv")


def test_a_field_over_the_csv_module_limit_is_reported_as_too_long() -> None:
    previous = csv.field_size_limit(120)
    try:
        found = read(table(ROWS), max_chars=100)
    finally:
        csv.field_size_limit(previous)
    assert [(getattr(item, "code", None), item.origin) for item in found] == [
        ("TID104", "ap.csv:2"),
        ("TID104", "ap.csv:5"),
        (None, "ap.csv:6"),
    ]
