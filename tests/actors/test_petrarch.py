"""Importing PETRARCH/TABARI actor dictionaries and coding with the imported codes.

The dictionary below is written in the format documented in tidings/actors/petrarch.py:
``NAME_`` lines, ``+SYNONYM_`` lines, ``[CODE YYMMDD-YYMMDD]`` date restrictions (also
``>YYMMDD`` and ``<YYMMDD``), codes on the name's own line, and ``#`` and ``;`` comments.
Its politician and armed group are invented, so nothing in the bundled knowledge codes them.

The coding tests need the trained spaCy model (en_core_web_sm), loaded once per module.
"""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from pathlib import Path

import pytest

import tidings
from tidings.actors.petrarch import convert_petrarch

PETRARCH_DICTIONARY = """\
# Invented Zambian actors for the tidings test suite
; TABARI-style comment line
CHANDA_MWALE_
+MWALE_
+CHANDA_K._MWALE_
[ZMBOPP 150101-210823]   ; opposition leader until the 2021 election
[ZMBGOV 210824-240331]   ; minister of mines
[ZMBELI >240401]
COPPERBELT_LIBERATION_FRONT_ [ZMBREB]
+CLF_
+COPPERBELT_LIBERATION_FRONT_FIGHTERS_
NAKONDE_TRADERS_UNION_
+NAKONDE_TRADERS_
[ZMBLAB]
"""


@pytest.fixture(scope="module")
def converted(tmp_path_factory) -> tuple[Path, int, list[str]]:
    folder = tmp_path_factory.mktemp("petrarch")
    source = folder / "zambia.actors.txt"
    source.write_text(PETRARCH_DICTIONARY, encoding="utf-8")
    output = folder / "zambia.tsv"
    rows, warnings = convert_petrarch(source, output)
    return output, rows, warnings


def read_rows(path: Path) -> list[dict[str, str]]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def test_conversion_writes_one_row_per_code(converted):
    output, rows, warnings = converted
    assert rows == 5
    assert warnings == []
    assert len(read_rows(output)) == 5


def test_converted_file_has_the_actor_dictionary_columns(converted):
    output, _, _ = converted
    lines = output.read_text(encoding="utf-8").splitlines()
    header = next(line for line in lines if not line.startswith("#"))
    assert header.split("\t") == ["code", "name", "aliases", "type", "valid_from", "valid_to", "role", "note"]


def test_dated_codes_become_one_row_per_term(converted):
    output, _, _ = converted
    terms = [
        (row["code"], row["valid_from"], row["valid_to"])
        for row in read_rows(output)
        if row["name"] == "Chanda Mwale"
    ]
    assert terms == [
        ("ZMBOPP", "2015-01-01", "2021-08-23"),
        ("ZMBGOV", "2021-08-24", "2024-03-31"),
        ("ZMBELI", "2024-04-01", ""),
    ]


def test_names_and_synonyms_are_written_as_news_prints_them(converted):
    output, _, _ = converted
    rows = {row["name"]: row for row in read_rows(output)}
    assert set(rows) == {"Chanda Mwale", "Copperbelt Liberation Front", "Nakonde Traders Union"}
    assert rows["Chanda Mwale"]["aliases"].split("|") == ["Mwale", "Chanda K. Mwale"]
    assert rows["Chanda Mwale"]["type"] == "person"
    front = rows["Copperbelt Liberation Front"]
    assert front["code"] == "ZMBREB"
    assert front["valid_from"] == front["valid_to"] == ""
    assert front["type"] != "person"
    assert "Copperbelt Liberation Front Fighters" in front["aliases"].split("|")
    assert rows["Nakonde Traders Union"]["code"] == "ZMBLAB"


def test_an_acronym_synonym_keeps_its_capitals(converted):
    # Matching is case-sensitive: news prints "the CLF", so "Clf" would never match.
    output, _, _ = converted
    rows = {row["name"]: row for row in read_rows(output)}
    assert "CLF" in rows["Copperbelt Liberation Front"]["aliases"].split("|")


def test_lines_that_are_not_understood_are_reported(tmp_path):
    source = tmp_path / "broken.actors.txt"
    source.write_text("+ORPHAN_SYNONYM_\nNO_CODE_ACTOR_\n", encoding="utf-8")
    rows, warnings = convert_petrarch(source, tmp_path / "broken.tsv")
    assert rows == 0
    assert any("synonym before any name" in warning for warning in warnings)
    assert any("has no code" in warning and "no code actor" in warning.lower() for warning in warnings)


def test_the_import_command_writes_the_same_file(converted, tmp_path):
    output, rows, _ = converted
    source = output.with_name("zambia.actors.txt")
    written = tmp_path / "cli.tsv"
    tidings_cli = Path(sys.executable).with_name("tidings")
    result = subprocess.run(
        [str(tidings_cli), "actors", "import-petrarch", str(source), "-o", str(written)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert f"wrote {rows} rows" in result.stdout
    assert read_rows(written) == read_rows(output)


# --- coding with the imported dictionary ---------------------------------------------------------------


@pytest.fixture(scope="module")
def petrarch_coder(converted) -> tidings.Coder:
    output, _, _ = converted
    return tidings.Coder(actors=[str(output)])


def codes_of(events: list[tidings.Event], text: str, name: str) -> set[str | None]:
    spans = [match.span() for match in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text)]
    return {
        actor.code
        for event in events
        for actor in (event.source, event.target)
        if actor is not None and any(actor.start < end and start < actor.end for start, end in spans)
    }


CRITICISM = "Chanda Mwale criticised the Zambian government on Friday over rising fuel prices."


@pytest.mark.parametrize(
    "date, code",
    [
        pytest.param("2019-05-10", "ZMBOPP", id="2019-opposition"),
        pytest.param("2021-08-23", "ZMBOPP", id="last-day-in-opposition"),
        pytest.param("2021-08-27", "ZMBGOV", id="first-week-as-minister"),
        pytest.param("2023-03-10", "ZMBGOV", id="2023-minister"),
        pytest.param("2025-06-13", "ZMBELI", id="2025-former-minister"),
    ],
)
def test_the_date_restriction_chooses_the_code_for_the_story_date(date, code, petrarch_coder, show):
    events = petrarch_coder.code(CRITICISM, date=date)
    assert codes_of(events, CRITICISM, "Chanda Mwale") == {code}, show(events)
    assert codes_of(events, CRITICISM, "Zambian government") == {"ZMBGOV"}, show(events)


def test_a_synonym_is_coded_like_the_name(petrarch_coder, show):
    text = "Zambian President Hakainde Hichilema met Mwale at State House in Lusaka on Monday."
    events = petrarch_coder.code(text, date="2023-03-13")
    assert codes_of(events, text, "Mwale") == {"ZMBGOV"}, show(events)
    assert codes_of(events, text, "Hakainde Hichilema") == {"ZMBGOV"}, show(events)


def test_the_imported_group_code_is_used(petrarch_coder, expect_event):
    text = "The Copperbelt Liberation Front attacked a police post near Kitwe on Sunday, killing two "
    "officers."
    events = petrarch_coder.code(text, date="2024-03-04")
    expect_event(
        events,
        root="19",
        plover="ASSAULT",
        source="ZMBREB",
        target="ZMBCOP",
        date="2024-03-03",
        country="ZMB",
    )


def test_the_imported_acronym_is_used(petrarch_coder, show):
    text = "Zambian police arrested three CLF fighters in Ndola on Tuesday."
    events = petrarch_coder.code(text, date="2024-03-05")
    assert codes_of(events, text, "CLF") == {"ZMBREB"}, show(events)


def test_a_code_on_its_own_line_belongs_to_the_name_above(petrarch_coder, expect_event):
    text = "The Nakonde Traders Union went on strike on Monday to protest new border fees."
    events = petrarch_coder.code(text, date="2024-03-04")
    expect_event(events, root="14", plover="PROTEST", source="ZMBLAB", date="2024-03-04")


def test_without_the_imported_dictionary_the_invented_actors_are_unknown(coder, show):
    events = coder.code(CRITICISM, date="2023-03-10")
    assert codes_of(events, CRITICISM, "Chanda Mwale") <= {None, "ZMB"}, show(events)
