from __future__ import annotations

import io
import json

from tidings.model import Article, Problem
from tidings.read import Fields
from tidings.read.jsonl import read_json, read_jsonl

RECORDS = [
    {
        "id": "afp-20230619-001",
        "text": "Chinese Foreign Minister Qin Gang met U.S. Secretary of State Antony Blinken in Beijing on "
        "Monday, the first visit by a top American diplomat in five years.",
        "date": "2023-06-19T10:12:00+08:00",
        "title": "Blinken meets Qin in Beijing",
        "url": "https://wire.example/afp-001",
        "outlet": "AFP",
    },
    {
        "id": 1002,
        "text": "Protesters clashed with police in Dakar on Saturday after opposition leader Ousmane Sonko "
        "was sentenced to two years in prison.",
        "date": "June 3, 2023",
    },
    {
        "text": "The European Union imposed new sanctions on Iranian officials over the crackdown on "
        "demonstrators, foreign ministers said in Luxembourg.",
    },
]


def jsonl(*lines: object) -> bytes:
    return b"".join(
        (line if isinstance(line, bytes) else json.dumps(line).encode()) + b"\n" for line in lines
    )


def read(data: bytes, **options) -> list[Article | Problem]:
    return list(read_jsonl(io.BytesIO(data), origin="wire.jsonl", **options))


def test_each_jsonl_line_becomes_an_article_with_its_fields() -> None:
    first, second, third = read(jsonl(*RECORDS), date="2023-06-20")
    assert first == Article(
        text=RECORDS[0]["text"],
        id="afp-20230619-001",
        date="2023-06-19",
        title="Blinken meets Qin in Beijing",
        url="https://wire.example/afp-001",
        outlet="AFP",
        origin="wire.jsonl:1",
    )
    assert (second.id, second.date, second.origin) == ("1002", "2023-06-03", "wire.jsonl:2")
    # No id: the model gives a content hash; no date: the default.
    assert third.id and len(third.id) == 16
    assert third.date == "2023-06-20"


def test_jsonl_line_without_text_is_reported_and_others_are_read() -> None:
    found = read(jsonl(RECORDS[0], {"id": "x", "title": "Photo gallery"}, {"text": "   "}, RECORDS[1]))
    assert [type(item).__name__ for item in found] == ["Article", "Problem", "Problem", "Article"]
    assert (found[1].code, found[1].origin) == ("TID106", "wire.jsonl:2")
    assert 'no "text" field' in found[1].message
    assert (found[2].code, found[2].origin) == ("TID106", "wire.jsonl:3")
    assert found[3].origin == "wire.jsonl:4"


def test_jsonl_text_that_is_not_a_string_is_reported() -> None:
    [found] = read(jsonl({"text": ["paragraph one", "paragraph two"]}))
    assert found.code == "TID106"
    assert "an array, not a string" in found.message


def test_jsonl_line_that_is_not_utf8_is_reported_and_others_are_read() -> None:
    latin1 = '{"text": "Le ministre a rencontré son homologue à Genève."}'.encode("latin-1")
    found = read(jsonl(RECORDS[0], latin1, RECORDS[1]))
    assert [item.origin for item in found] == ["wire.jsonl:1", "wire.jsonl:2", "wire.jsonl:3"]
    assert found[1].code == "TID103"
    assert isinstance(found[2], Article)


def test_jsonl_line_that_is_not_a_json_object_is_reported_and_others_are_read() -> None:
    found = read(
        jsonl(
            RECORDS[0],
            b'{"text": "Talks resumed in Doha", ',
            b'["a", "list"]',
            b'"just a string"',
            RECORDS[1],
        )
    )
    problems = [item for item in found if isinstance(item, Problem)]
    assert [(item.code, item.origin) for item in problems] == [
        ("TID105", "wire.jsonl:2"),
        ("TID105", "wire.jsonl:3"),
        ("TID105", "wire.jsonl:4"),
    ]
    assert "column" in problems[0].message
    assert "an array" in problems[1].message
    assert [item.origin for item in found if isinstance(item, Article)] == ["wire.jsonl:1", "wire.jsonl:5"]


def test_blank_lines_are_skipped_and_line_numbers_stay_true() -> None:
    found = read(b"\n" + jsonl(RECORDS[0]) + b"   \n\r\n" + jsonl(RECORDS[1]))
    assert [item.origin for item in found] == ["wire.jsonl:2", "wire.jsonl:5"]


def test_a_byte_order_mark_on_the_first_line_is_dropped() -> None:
    [article] = read(b"\xef\xbb\xbf" + jsonl(RECORDS[2]))
    assert isinstance(article, Article)


def test_too_long_record_is_reported_and_others_are_read() -> None:
    found = read(jsonl(RECORDS[0], RECORDS[2]), max_chars=140)
    assert (found[0].code, found[0].origin) == ("TID104", "wire.jsonl:1")
    assert isinstance(found[1], Article)


def test_unreadable_date_is_reported_and_the_article_kept_without_a_date() -> None:
    record = {**RECORDS[1], "date": "last Saturday"}
    date_problem, article = read(jsonl(record), date="2023-06-20")
    assert (date_problem.code, date_problem.origin) == ("TID112", "wire.jsonl:1")
    assert "last Saturday" in date_problem.message
    assert isinstance(article, Article) and article.date is None


def test_a_date_that_is_a_number_is_unreadable() -> None:
    date_problem, article = read(jsonl({**RECORDS[1], "date": 1686787200}))
    assert date_problem.code == "TID112"
    assert article.date is None


def test_custom_field_names_are_used() -> None:
    record = {"story_id": 7, "body": RECORDS[0]["text"], "published": "19 June 2023", "source": "Xinhua"}
    fields = Fields(text="body", id="story_id", date="published", outlet="source")
    [article] = read(jsonl(record), fields=fields)
    assert (article.id, article.date, article.outlet) == ("7", "2023-06-19", "Xinhua")


def test_lone_surrogate_escape_is_reported_as_not_utf8() -> None:
    found = read(jsonl(b'{"text": "Ministers met in Brussels \\ud83d on Monday."}', RECORDS[2]))
    assert (found[0].code, found[0].origin) == ("TID103", "wire.jsonl:1")
    assert isinstance(found[1], Article)


def test_an_empty_jsonl_file_is_reported() -> None:
    [found] = read(b"\n\n")
    assert (found.code, found.origin) == ("TID101", "wire.jsonl")


def read_dot_json(data: bytes, **options) -> list[Article | Problem]:
    return list(read_json(io.BytesIO(data), origin="wire.json", **options))


def test_json_file_holding_json_lines_is_read_line_by_line() -> None:
    found = read_dot_json(jsonl(RECORDS[0], {"title": "no text"}, RECORDS[1]))
    assert [item.origin for item in found] == ["wire.json:1", "wire.json:2", "wire.json:3"]
    assert found[1].code == "TID106"


def test_json_array_of_objects_is_read_element_by_element() -> None:
    found = read_dot_json(json.dumps(RECORDS).encode())
    assert [item.origin for item in found] == ["wire.json#1", "wire.json#2", "wire.json#3"]
    assert all(isinstance(item, Article) for item in found)
    assert found[1].id == "1002"


def test_pretty_printed_json_array_is_read_the_same() -> None:
    found = read_dot_json(json.dumps(RECORDS, indent=2).encode())
    assert [item.text for item in found] == [record["text"] for record in RECORDS]


def test_json_array_element_that_is_not_an_object_is_reported_and_others_are_read() -> None:
    found = read_dot_json(json.dumps([RECORDS[0], "stray string", {"text": ""}, RECORDS[1]]).encode())
    assert [(type(item).__name__, item.origin) for item in found] == [
        ("Article", "wire.json#1"),
        ("Problem", "wire.json#2"),
        ("Problem", "wire.json#3"),
        ("Article", "wire.json#4"),
    ]
    assert (found[1].code, found[2].code) == ("TID105", "TID106")


def test_json_array_with_a_syntax_error_keeps_what_came_before_and_says_where() -> None:
    data = json.dumps(RECORDS[:2], indent=2).encode()[:-2] + b',\n  {"text": "Talks resumed" "in Doha"}\n]'
    found = read_dot_json(data)
    assert [type(item).__name__ for item in found] == ["Article", "Article", "Problem"]
    assert (found[2].code, found[2].origin) == ("TID105", "wire.json")
    assert "line 15" in found[2].message


def test_json_array_that_is_not_closed_is_reported() -> None:
    found = read_dot_json(json.dumps(RECORDS).encode()[:-1])
    assert [type(item).__name__ for item in found] == ["Article", "Article", "Article", "Problem"]
    assert "not closed" in found[3].message


def test_json_array_with_undecodable_bytes_reports_that_record_only() -> None:
    data = (
        b'[{"text": "Le ministre a rencontr\xe9 son homologue."}, ' + json.dumps(RECORDS[2]).encode() + b"]"
    )
    found = read_dot_json(data)
    assert (found[0].code, found[0].origin) == ("TID103", "wire.json#1")
    assert isinstance(found[1], Article)


def test_pretty_printed_json_object_is_one_article() -> None:
    [article] = read_dot_json(json.dumps(RECORDS[0], indent=2).encode())
    assert (article.id, article.origin) == ("afp-20230619-001", "wire.json#1")


def test_large_json_array_is_read_across_chunk_boundaries() -> None:
    long_story = " ".join([RECORDS[0]["text"]] * 900)  # about 140,000 characters, over two read chunks
    records = [
        {"id": str(number), "text": long_story if number % 50 == 0 else RECORDS[1]["text"], "n": 1.5}
        for number in range(400)
    ]
    found = read_dot_json(json.dumps(records).encode())
    assert [item.id for item in found] == [str(number) for number in range(400)]
    assert found[50].text == long_story


def test_empty_json_file_is_reported() -> None:
    [found] = read_dot_json(b"  \n")
    assert (found.code, found.origin) == ("TID101", "wire.json")
