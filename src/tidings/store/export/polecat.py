"""PLOVER events in POLECAT's layout: tab-separated, a header, POLECAT's 40 columns in its order.

POLECAT, the PLOVER-coded successor of ICEWS, publishes weekly tab-separated files. tidings
writes the same columns, with the same names, order and kinds of values, so that a reader
written for POLECAT reads these files unchanged. Columns tidings does not code are empty
(Contexts, COW codes, titles, Wikipedia ids, District, the story's people, organisations
and places); docs/store.md lists what each column holds. Events without a PLOVER type
(CAMEO 01 and 02) are not PLOVER events and are left out.
"""

from __future__ import annotations

from importlib.metadata import version

import duckdb

from ...data_files import bundled_table
from .copy import copy

COLUMNS = (
    "Event ID",
    "Event Date",
    "Event Type",
    "Event Mode",
    "Event Intensity",
    "Quad Code",
    "Contexts",
    "Actor Name",
    "Actor Country",
    "Actor COW",
    "Primary Actor Sector",
    "Actor Sectors",
    "Actor Title",
    "Actor Name Raw",
    "Wikipedia Actor ID",
    "Recipient Name",
    "Recipient Country",
    "Recipient COW",
    "Primary Recipient Sector",
    "Recipient Sectors",
    "Recipient Title",
    "Recipient Name Raw",
    "Wikipedia Recipient ID",
    "Placename",
    "City",
    "District",
    "Province",
    "Country",
    "Latitude",
    "Longitude",
    "GeoNames ID",
    "Raw Placename",
    "Feature Type",
    "Source",
    "Publication Date",
    "Story People",
    "Story Organizations",
    "Story Locations",
    "Language",
    "Version",
)
EMPTY = "NULL::VARCHAR"
# GeoNames feature codes for how precisely tidings placed the event.
FEATURE_TYPES = {"city": "PPL", "admin": "ADM1", "country": "PCLI"}
# A date known to the week, month or year is written as far as it is known (ISO 8601: "2023-W25",
# "2023-06", "2023"), never as a day.
DATE_FORMATS = {"week": "%G-W%V", "month": "%Y-%m", "year": "%Y"}


def write(con: duckdb.DuckDBPyConnection, path: str, *, where: str) -> int:
    """Write the PLOVER events that match ``where`` in POLECAT's layout; return the count."""
    fields = _fields()
    assert tuple(fields) == COLUMNS
    select = ",\n".join(f'{expression} AS "{name}"' for name, expression in fields.items())
    # The raw names and place are the event's first mention in its first article.
    query = f"""
        SELECT {select}
        FROM events e
        JOIN articles a ON a.id = e.first_article
        JOIN (SELECT * FROM mentions
              QUALIFY row_number() OVER (PARTITION BY event_id, article_id
                                         ORDER BY sentence_index, trigger_start, mention_id) = 1) m
          ON m.event_id = e.id AND m.article_id = e.first_article
        WHERE e.plover_type IS NOT NULL AND {where}
        ORDER BY e.date, e.id"""
    return copy(con, query, path, "FORMAT csv, DELIMITER '\t', HEADER true")


def _fields() -> dict[str, str]:
    # PLOVER's quad class differs from CAMEO's for some types (plover.tsv), so it comes from there.
    quad_names = {
        row["quad_class"]: row["name"].upper() for row in bundled_table("ontology", "quad_class.tsv")
    }
    quads = _case(
        "e.plover_type",
        {row["type"]: quad_names[row["quad_class"]] for row in bundled_table("ontology", "plover.tsv")},
    )
    sectors = {row["sector"]: row["polecat"] for row in bundled_table("ontology", "polecat_sectors.tsv")}
    dates = " ".join(
        f"WHEN '{precision}' THEN strftime(e.date, '{form}')" for precision, form in DATE_FORMATS.items()
    )
    return {
        "Event ID": "e.id::VARCHAR",
        "Event Date": f"CASE e.date_precision {dates} ELSE strftime(e.date, '%Y-%m-%d') END",
        "Event Type": "e.plover_type",
        "Event Mode": "e.plover_mode",
        # POLECAT's intensity runs from -10 to 10 like Goldstein's scale, which is what tidings scores.
        "Event Intensity": "e.goldstein",
        "Quad Code": quads,
        "Contexts": EMPTY,
        **_side("Actor", "source", sectors),
        **_side("Recipient", "target", sectors),
        "Placename": "e.location",
        "City": "CASE WHEN e.location_precision = 'city' THEN e.location END",
        "District": EMPTY,
        "Province": "CASE WHEN e.location_precision = 'admin' THEN e.location END",
        "Country": "e.location_country",
        "Latitude": "e.lat",
        "Longitude": "e.lon",
        "GeoNames ID": "e.geonameid",
        "Raw Placename": "m.location_text",
        "Feature Type": _case("e.location_precision", FEATURE_TYPES),
        "Source": "a.outlet",
        "Publication Date": "strftime(a.published, '%Y-%m-%d')",
        "Story People": EMPTY,
        "Story Organizations": EMPTY,
        "Story Locations": EMPTY,
        "Language": "'en'",
        "Version": f"'tidings {version('tidings')}'",
    }


def _side(name: str, side: str, sectors: dict[str, str]) -> dict[str, str]:
    """POLECAT's eight columns of the actor or the recipient, from tidings' source or target."""
    sector = _case(f"e.{side}_sector", sectors, otherwise=f"e.{side}_sector")
    return {
        f"{name} Name": f"e.{side}_name",
        f"{name} Country": f"e.{side}_country",
        f"{name} COW": EMPTY,
        f"Primary {name} Sector": sector,
        f"{name} Sectors": sector,
        f"{name} Title": EMPTY,
        f"{name} Name Raw": f"m.{side}_text",
        f"Wikipedia {name} ID": EMPTY,
    }


def _case(column: str, values: dict[str, str], *, otherwise: str = "NULL") -> str:
    """A SQL CASE that maps the column's values (from tidings' own data files) to ``values``."""
    whens = " ".join(f"WHEN '{key}' THEN '{value}'" for key, value in values.items())
    return f"CASE {column} {whens} ELSE {otherwise} END"
