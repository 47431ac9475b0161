"""Exports: GDELT 2.0's event table, POLECAT's tab-separated layout, Parquet by year and month, CSV."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pandas as pd
import pytest

from tidings import Store

# GDELT 2.0's event table, from the GDELT 2.0 Event Database codebook, in file order.
GDELT_ACTOR = [
    "Code",
    "Name",
    "CountryCode",
    "KnownGroupCode",
    "EthnicCode",
    "Religion1Code",
    "Religion2Code",
    "Type1Code",
    "Type2Code",
    "Type3Code",
]
GDELT_GEO = ["Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"]
GDELT_COLUMNS = (
    ["GlobalEventID", "Day", "MonthYear", "Year", "FractionDate"]
    + [f"Actor1{name}" for name in GDELT_ACTOR]
    + [f"Actor2{name}" for name in GDELT_ACTOR]
    + [
        "IsRootEvent",
        "EventCode",
        "EventBaseCode",
        "EventRootCode",
        "QuadClass",
        "GoldsteinScale",
        "NumMentions",
        "NumSources",
        "NumArticles",
        "AvgTone",
    ]
    + [f"{geo}_{name}" for geo in ("Actor1Geo", "Actor2Geo", "ActionGeo") for name in GDELT_GEO]
    + ["DATEADDED", "SOURCEURL"]
)
# Codes are text in GDELT: "040" must not become 40.
GDELT_TEXT = {name: str for name in GDELT_COLUMNS if name.endswith(("Code", "CodeName")) or "ADM" in name}


def read_gdelt(path: Path) -> pd.DataFrame:
    """A GDELT 2.0 event file, read the way GDELT users read one: tab-separated, no header, no quoting."""
    return pd.read_csv(
        path, sep="\t", header=None, names=GDELT_COLUMNS, dtype=GDELT_TEXT, quoting=csv.QUOTE_NONE
    )


def test_the_gdelt_export_has_gdelt_s_61_columns_and_reads_back_with_gdelt_s_layout(
    coded_store: Store, tmp_path: Path
) -> None:
    count = coded_store.export("gdelt", tmp_path / "events.tsv")

    lines = (tmp_path / "events.tsv").read_text(encoding="utf-8").splitlines()
    assert len(GDELT_COLUMNS) == 61
    assert {len(line.split("\t")) for line in lines} == {61}
    assert not lines[0].startswith("GlobalEventID"), "GDELT files have no header row"
    events = read_gdelt(tmp_path / "events.tsv")
    assert len(events) == count == len(coded_store.events())
    [meeting] = events[
        (events.Actor1Code == "KENGOV") & (events.Actor2Code == "ETHGOV") & (events.EventCode == "040")
    ].itertuples()
    assert (meeting.Day, meeting.MonthYear, meeting.Year, meeting.FractionDate) == (
        20230619,
        202306,
        2023,
        2023.463,
    )
    assert (meeting.Actor1CountryCode, meeting.Actor1Type1Code, meeting.Actor2CountryCode) == (
        "KEN",
        "GOV",
        "ETH",
    )
    assert (meeting.IsRootEvent, meeting.EventBaseCode, meeting.EventRootCode, meeting.QuadClass) == (
        1,
        "040",
        "04",
        1,
    )
    assert (meeting.NumMentions, meeting.NumArticles, meeting.NumSources) == (2, 2, 3)
    assert (meeting.ActionGeo_Type, meeting.ActionGeo_FullName, meeting.ActionGeo_CountryCode) == (
        4,
        "Nairobi, Kenya",
        "KE",
    )
    assert meeting.ActionGeo_Lat == pytest.approx(-1.28, abs=0.01)
    assert (meeting.Actor1Geo_Type, meeting.Actor2Geo_Type) == (0, 0)
    assert meeting.SOURCEURL == "https://meridianwire.example/2023/06/19/ruto-abiy"
    assert re.fullmatch(r"20\d{12}", str(meeting.DATEADDED))


def test_gdelt_geography_uses_fips_country_codes(coded_store: Store, tmp_path: Path) -> None:
    coded_store.export("gdelt", tmp_path / "events.tsv")

    events = read_gdelt(tmp_path / "events.tsv")
    santiago = events[events.ActionGeo_FullName == "Santiago, Chile"]
    assert not santiago.empty
    assert set(santiago.ActionGeo_CountryCode) == {"CI"}, "Chile is CL in ISO 3166 but CI in FIPS 10-4"
    assert all(code.startswith("CI") for code in santiago.ActionGeo_ADM1Code)


# POLECAT's weekly files (Harvard Dataverse), their header in file order.
POLECAT_COLUMNS = [
    "Event ID", "Event Date", "Event Type", "Event Mode", "Event Intensity", "Quad Code", "Contexts",
    "Actor Name", "Actor Country", "Actor COW", "Primary Actor Sector", "Actor Sectors", "Actor Title",
    "Actor Name Raw", "Wikipedia Actor ID", "Recipient Name", "Recipient Country", "Recipient COW",
    "Primary Recipient Sector", "Recipient Sectors", "Recipient Title", "Recipient Name Raw",
    "Wikipedia Recipient ID", "Placename", "City", "District", "Province", "Country", "Latitude", "Longitude",
    "GeoNames ID", "Raw Placename", "Feature Type", "Source", "Publication Date", "Story People",
    "Story Organizations", "Story Locations", "Language", "Version",
]  # fmt: skip
POLECAT_QUADS = {"VERBAL COOPERATION", "MATERIAL COOPERATION", "VERBAL CONFLICT", "MATERIAL CONFLICT"}


def test_the_polecat_export_reads_back_with_polecat_s_layout(coded_store: Store, tmp_path: Path) -> None:
    count = coded_store.export("polecat", tmp_path / "events.tsv")

    events = pd.read_csv(tmp_path / "events.tsv", sep="\t", dtype=str, keep_default_na=False)
    assert list(events.columns) == POLECAT_COLUMNS
    assert len(events) == count > 0
    assert all(events["Event Type"]), "CAMEO 01 and 02 events are not PLOVER events"
    assert set(events["Quad Code"]) <= POLECAT_QUADS
    meeting = events[
        (events["Event Type"] == "CONSULT")
        & (events["Actor Country"] == "KEN")
        & (events["Recipient Country"] == "ETH")
    ].iloc[0]
    assert meeting["Event Date"] == "2023-06-19"
    assert (meeting["Quad Code"], meeting["Actor Name"], meeting["Recipient Name"]) == (
        "VERBAL COOPERATION",
        "William Ruto",
        "Abiy Ahmed",
    )
    assert (meeting["Placename"], meeting["City"], meeting["Country"], meeting["Source"]) == (
        "Nairobi",
        "Nairobi",
        "KEN",
        "Meridian Wire",
    )
    assert meeting["Primary Actor Sector"] == "Government"
    assert meeting["Actor Name Raw"] and meeting["Publication Date"]


def test_the_parquet_export_is_partitioned_by_year_and_month(coded_store: Store, tmp_path: Path) -> None:
    count = coded_store.export("parquet", tmp_path / "events")

    assert (tmp_path / "events" / "year=2023" / "month=6").is_dir()
    events = pd.read_parquet(tmp_path / "events")
    assert len(events) == count == len(coded_store.events())
    june = pd.read_parquet(tmp_path / "events" / "year=2023" / "month=6")
    assert {str(date)[:7] for date in june["date"]} == {"2023-06"}


def test_the_parquet_export_will_not_write_into_a_folder_with_other_files(
    coded_store: Store, tmp_path: Path
) -> None:
    (tmp_path / "notes.txt").write_text("my notes", encoding="utf-8")

    with pytest.raises(Exception, match="not empty"):
        coded_store.export("parquet", tmp_path)
    assert (tmp_path / "notes.txt").exists()


def test_the_csv_export_has_a_header_and_one_row_per_event(coded_store: Store, tmp_path: Path) -> None:
    count = coded_store.export("csv", tmp_path / "events.csv")

    events = pd.read_csv(tmp_path / "events.csv", dtype={"cameo": str, "cameo_root": str})
    assert len(events) == count == len(coded_store.events())
    assert list(events.columns) == list(coded_store.events().columns)
    assert "040" in set(events.cameo)
