"""No input, however malformed, ends a batch: each bad record is reported alone and the rest are read.

The hostile files are written by ``hostile.py``; the command-line test needs the trained model.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tidings.model import Article, Problem
from tidings.read import read_articles

sys.path.insert(0, str(Path(__file__).parent))
from hostile import Case, story, write_cases  # noqa: E402

TIDINGS = str(Path(sys.executable).with_name("tidings"))


@pytest.fixture(scope="module")
def cases(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Case]:
    return {case.path.name: case for case in write_cases(tmp_path_factory.mktemp("hostile"))}


@pytest.mark.parametrize(
    "name",
    [
        "wire.jsonl",
        "wire.json",
        "wire.csv",
        "charrefs.html",
        "empty.html",
        "broken.html",
        "feed.rss",
        "crawl.warc",
        "bomb.jsonl.gz",
        "texts",
    ],
)
def test_good_records_around_each_bad_one_are_all_read_and_each_bad_one_is_reported(cases, name) -> None:
    case = cases[name]
    found = list(read_articles([case.path]))
    articles = {item.origin: item for item in found if isinstance(item, Article)}
    problems = {item.origin: item.code for item in found if isinstance(item, Problem)}
    assert set(articles) == set(case.good), problems
    assert problems == case.bad
    for origin, id in case.good.items():
        assert id is None or articles[origin].id == id


def test_a_fifo_or_device_named_on_the_command_line_is_reported_not_waited_for(cases) -> None:
    texts = cases["texts"].path
    found = list(read_articles([texts / "pipe.txt", texts / "zero.txt", texts / "story-1.txt"]))
    assert [(type(item).__name__, getattr(item, "code", None)) for item in found] == [
        ("Problem", "TID107"),
        ("Problem", "TID107"),
        ("Article", None),
    ]


def test_standard_input_with_hostile_lines_codes_the_good_ones() -> None:
    lines = [
        json.dumps({"id": "in-1", "text": story(0)}),
        "[" * 50_000 + "]" * 50_000,
        '{"text": "x", "id": ' + "9" * 5_000 + "}",
        json.dumps({"id": "in-4", "text": story(1)}),
    ]
    result = subprocess.run(
        [TIDINGS, "code", "-", "--format", "jsonl"],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert "Traceback" not in result.stderr
    assert result.returncode == 1
    assert "<stdin>:2: TID105" in result.stderr and "<stdin>:3: TID105" in result.stderr
    coded = {json.loads(line)["article_id"] for line in result.stdout.splitlines()}
    assert coded == {"in-1", "in-4"}


def test_tidings_code_on_every_hostile_file_reports_each_bad_record_and_codes_the_rest(cases) -> None:
    paths = sorted({str(case.path) for case in cases.values()})
    result = subprocess.run(
        [TIDINGS, "code", *paths, "--format", "jsonl"], capture_output=True, text=True, timeout=600
    )
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    assert result.returncode == 1, "the exit status says records were skipped"
    reported = [line for line in result.stderr.splitlines() if ": TID" in line]
    for case in cases.values():
        for origin, code in case.bad.items():
            assert [line for line in reported if line.startswith(f"{origin}: {code} ")], origin
    coded = {json.loads(line)["article_id"] for line in result.stdout.splitlines()}
    ids = {id for case in cases.values() for id in case.good.values() if id}
    assert ids <= coded
