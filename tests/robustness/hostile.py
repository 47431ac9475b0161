"""Hostile inputs for every reader, written small: each file puts good records around bad ones.

``write_cases(folder)`` writes them and says, per file, which records are good (their origin and
id) and which are bad (their origin and the code they are reported with).
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from tidings.read.jsonl import line_limit
from tidings.read.streams import BOMB_FLOOR

STORIES = [
    "Kenyan police arrested dozens of protesters in Nairobi on Tuesday after they blocked roads.",
    "Turkish Foreign Minister Hakan Fidan met his Iraqi counterpart Fuad Hussein in Ankara on Monday.",
    "Nigerian troops attacked militant camps near Maiduguri on Sunday, the army said.",
    "The European Union imposed new sanctions on Belarus on Wednesday over the crackdown on dissent.",
    "Protesters marched through Santiago on Friday, demanding the resignation of the interior minister.",
]
DEEP = "[" * 100_000 + "]" * 100_000
HUGE_NUMBER = "9" * 5_000
MAX_CHARS = 1_000_000


@dataclass
class Case:
    """One hostile file: the origins (and ids) of its good records, the origins and codes of its bad ones."""

    path: Path
    good: dict[str, str | None] = field(default_factory=dict)  # origin -> id
    bad: dict[str, str] = field(default_factory=dict)  # origin -> code


def story(number: int) -> str:
    return STORIES[number % len(STORIES)]


def jsonl_case(folder: Path) -> Case:
    case = Case(folder / "wire.jsonl")
    lines: list[bytes] = []

    def good() -> None:
        number = len(lines) + 1
        lines.append(json.dumps({"id": f"jsonl-{number}", "text": story(number)}).encode())
        case.good[f"{case.path}:{number}"] = f"jsonl-{number}"

    def bad(line: bytes, code: str) -> None:
        lines.append(line)
        case.bad[f"{case.path}:{len(lines)}"] = code

    good()
    for line, code in [
        (DEEP.encode(), "TID105"),
        (b'{"text": ' + DEEP.encode() + b"}", "TID105"),
        (b'{"text": "Police arrested men.", "id": ' + HUGE_NUMBER.encode() + b"}", "TID105"),
        (HUGE_NUMBER.encode(), "TID105"),
        (b'{"text": 12345}', "TID106"),
        (b'{"text": ["Police", "arrested"]}', "TID106"),
        (b'{"text": "Police arrested \xff\xfe men."}', "TID103"),
        (b'{"text": "' + b"x" * (line_limit(MAX_CHARS) + 10) + b'"}', "TID104"),
        (b'{"text": "cut off', "TID105"),
    ]:
        bad(line, code)
        good()
    case.path.write_bytes(b"\n".join(lines) + b"\n")
    return case


def json_case(folder: Path) -> Case:
    case = Case(folder / "wire.json")
    values = []
    for number, value in enumerate(
        [None, DEEP, None, '{"text": "x", "id": ' + HUGE_NUMBER + "}", None, HUGE_NUMBER, None], start=1
    ):
        if value is None:
            values.append(json.dumps({"id": f"json-{number}", "text": story(number)}))
            case.good[f"{case.path}#{number}"] = f"json-{number}"
        else:
            values.append(value)
            case.bad[f"{case.path}#{number}"] = "TID105"
    case.path.write_text("[" + ",\n".join(values) + "]\n", encoding="utf-8")
    return case


def csv_case(folder: Path) -> Case:
    case = Case(folder / "wire.csv")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id", "text"])
    line = 1

    def good() -> None:
        nonlocal line
        line += 1
        writer.writerow([f"csv-{line}", story(line)])
        case.good[f"{case.path}:{line}"] = f"csv-{line}"

    good()
    for raw, code in [
        ("csv-x,Police arrested men, then released them,late on Monday\n", "TID115"),  # ragged: 4 cells
        ("csv-y\n", "TID106"),  # ragged: the text cell is missing
        ('csv-z,"a quote opened by mistake\n', "TID115"),  # takes in the next line, up to a quote
    ]:
        out.write(raw)
        line += 1
        case.bad[f"{case.path}:{line}"] = code
        good()
    out.write('csv-w,"a quote opened at the very end\n')
    line += 1
    case.bad[f"{case.path}:{line}"] = "TID115"
    good()
    case.path.write_text(out.getvalue(), encoding="utf-8")
    return case


def page(text: str, title: str = "Wire") -> str:
    paragraphs = "".join(f"<p>{sentence}</p>" for sentence in (text, *STORIES))
    return f"<html><head><title>{title}</title></head><body><article>{paragraphs}</article></body></html>"


def html_cases(folder: Path) -> list[Case]:
    pages = folder / "pages"
    pages.mkdir()
    good = Case(pages / "charrefs.html")
    good.path.write_text(page(story(1) + " &#x110000; &#99999999999; &#xD800;", "&#x110000;"))
    good.good[str(good.path)] = None
    empty = Case(pages / "empty.html")
    empty.path.write_text("<html><body><script>var x = 1;</script></body></html>")
    empty.bad[str(empty.path)] = "TID113"
    broken = Case(pages / "broken.html")
    broken.path.write_bytes(b"<![if x]><!x><![CDATA[<svg><math><mglyph><style>" + b"<table><![" * 5000)
    broken.bad[str(broken.path)] = "TID113"
    return [good, empty, broken]


def feed_case(folder: Path) -> Case:
    case = Case(folder / "feed.rss")
    items = []
    references = "Police &#x110000; arrested men in Lagos &#55296; on Monday &#99999999999999999999;."
    for number, text in enumerate([story(1), references, story(2)], start=1):
        items.append(f"<item><title>Item {number}</title><description>{text}</description></item>")
        case.good[f"{case.path}#{number}"] = None
    items.append("<item><title>No text</title></item>")
    case.bad[f"{case.path}#4"] = "TID106"
    case.path.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
        + "".join(items)
        + "</channel></rss>",
        encoding="utf-8",
    )
    return case


def warc_case(folder: Path) -> Case:
    case = Case(folder / "crawl.warc")
    records = []
    for number, body in enumerate([page(story(1)), page(story(2))], start=1):
        http = f"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{body}".encode()
        headers = (
            "WARC/1.0\r\nWARC-Type: response\r\n"
            f"WARC-Target-URI: https://wire.example/{number}\r\nWARC-Date: 2024-03-04T10:00:00Z\r\n"
            f"WARC-Record-ID: <urn:uuid:0000000{number}>\r\n"
            "Content-Type: application/http; msgtype=response\r\n"
            f"Content-Length: {len(http)}\r\n\r\n"
        ).encode()
        records.append(headers + http + b"\r\n\r\n")
        case.good[f"{case.path}#{number}"] = None
    case.path.write_bytes(b"".join(records) + records[0][: len(records[0]) // 2])
    case.bad[str(case.path)] = "TID109"
    return case


def gzip_case(folder: Path) -> Case:
    """JSON lines, then a run of blank bytes that would expand without bound."""
    case = Case(folder / "bomb.jsonl.gz")
    with gzip.open(case.path, "wb", compresslevel=9) as out:
        for number in (1, 2):
            out.write(json.dumps({"id": f"gz-{number}", "text": story(number)}).encode() + b"\n")
            case.good[f"{case.path}:{number}"] = f"gz-{number}"
        block = b" " * (1 << 20)
        for _ in range(2 * BOMB_FLOOR // len(block)):
            out.write(block)
    case.bad[str(case.path)] = "TID107"
    return case


def folder_case(folder: Path) -> Case:
    """Text files with a link loop, a link to the folder itself, a FIFO and a device among them."""
    texts = folder / "texts"
    texts.mkdir()
    case = Case(texts)
    for number in (1, 2):
        path = texts / f"story-{number}.txt"
        path.write_text(story(number), encoding="utf-8")
        case.good[str(path)] = None
    os.symlink("loop-b.txt", texts / "loop-a.txt")
    os.symlink("loop-a.txt", texts / "loop-b.txt")
    case.bad[str(texts / "loop-a.txt")] = "TID107"
    case.bad[str(texts / "loop-b.txt")] = "TID107"
    os.symlink(texts, texts / "itself")
    os.mkfifo(texts / "pipe.txt")  # skipped: a walk reads regular files only
    os.symlink("/dev/zero", texts / "zero.txt")
    os.symlink("/dev/urandom", texts / "random.jsonl")
    (texts / "folder.txt").mkdir()  # a folder whose name says text: walked into, holding nothing
    return case


def write_cases(folder: Path) -> list[Case]:
    """Every hostile file, written under ``folder``."""
    return [
        jsonl_case(folder),
        json_case(folder),
        csv_case(folder),
        *html_cases(folder),
        feed_case(folder),
        warc_case(folder),
        gzip_case(folder),
        folder_case(folder),
    ]
