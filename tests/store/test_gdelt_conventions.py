"""The GDELT export speaks GDELT's own codes: known groups, the mentions table, standard output."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from store_inputs import write_jsonl
from test_exports import read_gdelt

from tidings import Store
from tidings.store.export.gdelt import known_group

# GDELT 2.0's mentions table, from the GDELT 2.0 Event Database codebook, in file order.
MENTIONS_COLUMNS = [
    "GlobalEventID",
    "EventTimeDate",
    "MentionTimeDate",
    "MentionType",
    "MentionSourceName",
    "MentionIdentifier",
    "SentenceID",
    "Actor1CharOffset",
    "Actor2CharOffset",
    "ActionCharOffset",
    "InRawText",
    "Confidence",
    "MentionDocLen",
    "MentionDocTone",
    "MentionDocTranslationInfo",
    "Extras",
]
STORIES = [
    {
        "id": "bw-0304-nato",
        "text": "NATO condemned Russia on Monday over the drone strikes on Odesa.",
        "date": "2024-03-04",
        "outlet": "Baltic Wire",
        "url": "https://balticwire.example/nato-russia",
    },
    {
        "id": "bw-0305-imf",
        "text": "The International Monetary Fund lent Kenya $900 million on Tuesday.",
        "date": "2024-03-05",
        "outlet": "Baltic Wire",
        "url": "https://balticwire.example/imf-kenya",
    },
    {
        "id": "gp-0306-hamas",
        "text": "Hamas rejected the Egyptian proposal on Wednesday, officials in Cairo said.",
        "date": "2024-03-06",
        "outlet": "Gulf Post",
        "url": "https://gulfpost.example/hamas-egypt",
    },
    {
        "id": "gp-0301-eu",
        "text": "The European Union imposed sanctions on Iran last month, diplomats said.",
        "date": "2024-03-07",
        "outlet": "Gulf Post",
        "url": "https://gulfpost.example/eu-iran",
    },
]


@pytest.fixture(scope="module")
def groups_store(tmp_path_factory: pytest.TempPathFactory, coder) -> Iterator[Store]:
    folder = tmp_path_factory.mktemp("groups")
    source = write_jsonl(folder / "groups.jsonl", STORIES)
    with Store(folder / "groups.duckdb", create=True) as store:
        store.ingest([source], coder=coder, workers=1)
    with Store(folder / "groups.duckdb", read_only=True) as opened:
        yield opened


def test_known_group_codes_are_gdelt_s_own():
    assert known_group("IGOWSTNAT", "NATO") == "NAT"
    assert known_group("IGOEUREEC", "European Union") == "EEC"
    assert known_group("IGOBUSIMF", "International Monetary Fund") == "IMF"
    assert known_group("IGOUNOPKOLBN", "UNIFIL") == "UNO"
    assert known_group("PSEREB", "Hamas") == "HMS"
    assert known_group("IGOAFRAFU", "African Union") is None, "GDELT has no code for the African Union"
    assert known_group("KENGOV", "Kenya") is None


def test_the_gdelt_export_writes_known_groups_and_no_region_as_a_group(groups_store: Store, tmp_path: Path):
    groups_store.export("gdelt", tmp_path / "events.tsv")
    events = read_gdelt(tmp_path / "events.tsv")
    by_code = dict(zip(events.Actor1Code, events.Actor1KnownGroupCode, strict=True))
    assert by_code["IGOWSTNAT"] == "NAT"
    assert by_code["IGOBUSIMF"] == "IMF"
    assert by_code["PSEREB"] == "HMS"
    assert by_code["IGOEUREEC"] == "EEC"
    assert "WST" not in set(events.Actor1KnownGroupCode) | set(events.Actor2KnownGroupCode)


def test_the_mentions_table_reads_back_with_gdelt_s_columns_and_joins_the_events(
    groups_store: Store, tmp_path: Path
):
    count = groups_store.export("gdelt", tmp_path / "events.tsv")
    mentions_count = groups_store.export("gdelt-mentions", tmp_path / "mentions.tsv")
    lines = (tmp_path / "mentions.tsv").read_text(encoding="utf-8").splitlines()
    assert {len(line.split("\t")) for line in lines} == {16}
    mentions = pd.read_csv(
        tmp_path / "mentions.tsv", sep="\t", header=None, names=MENTIONS_COLUMNS, quoting=csv.QUOTE_NONE
    )
    events = read_gdelt(tmp_path / "events.tsv")
    assert len(mentions) == mentions_count >= count
    assert set(mentions.GlobalEventID) == set(events.GlobalEventID)
    texts = {story["url"]: story["text"] for story in STORIES}
    for row in mentions.itertuples():
        text = texts[row.MentionIdentifier]
        assert row.MentionType == 1 and row.InRawText == 1
        assert row.MentionDocLen == len(text)
        assert 0 <= row.ActionCharOffset < len(text)
        assert str(row.MentionTimeDate).startswith("202403")
    eu = mentions[mentions.MentionIdentifier == "https://gulfpost.example/eu-iran"]
    assert set(eu.Extras) == {"<DATEPRECISION>month</DATEPRECISION>"}
    [day] = events[events.Actor1Code == "IGOEUREEC"].Day
    assert day == 20240201, "an event known to the month is written as its first day"


def test_export_to_dash_writes_standard_output(groups_store: Store, tmp_path: Path, capfdbinary):
    count = groups_store.export("gdelt", "-")
    out = capfdbinary.readouterr().out.decode("utf-8")
    assert not Path("-").exists()
    assert len(out.splitlines()) == count and {len(line.split("\t")) for line in out.splitlines()} == {61}


def test_a_timeline_by_week_says_how_many_events_known_only_to_the_month_it_leaves_out(groups_store: Store):
    weekly = groups_store.timeline(freq="week")
    monthly = groups_store.timeline(freq="month")
    assert weekly.attrs["left_out"] == 1, "the EU's sanctions of last month are in no week"
    assert monthly.attrs["left_out"] == 0
    assert weekly.events.sum() + weekly.attrs["left_out"] == monthly.events.sum()
