"""PLOVER events as JSON lines with POLECAT's field names, as far as they apply to tidings' data.

POLECAT, the PLOVER-coded successor of ICEWS, publishes "Event ID", "Event
Date", "Event Type", "Event Mode", "Quad Code", "Actor Name", "Recipient Name"
and so on. tidings fills those it has, leaves out those it does not code
(Contexts, COW codes, Wikipedia ids, story entities) and adds its own counts
and evidence under lower-case names. Events without a PLOVER type (CAMEO 01
and 02) are not PLOVER events and are left out.
"""

from __future__ import annotations

from importlib.metadata import version

import duckdb

from ...data_files import bundled_table
from .copy import copy


def write(con: duckdb.DuckDBPyConnection, path: str, *, where: str) -> int:
    """Write the PLOVER events that match ``where`` as JSON lines; return the count."""
    # PLOVER's quad class differs from CAMEO's for some types (plover.tsv), so it comes from there.
    quads = " ".join(
        f"WHEN '{row['type']}' THEN {int(row['quad_class'])}"
        for row in bundled_table("ontology", "plover.tsv")
    )
    fields = {
        "Event ID": "e.id::VARCHAR",
        "Event Date": "strftime(e.date, '%Y-%m-%d')",
        "Event Type": "e.plover_type",
        "Event Mode": "e.plover_mode",
        "Quad Code": f"CASE e.plover_type {quads} END",
        "Actor Name": "e.source_name",
        "Actor Country": "e.source_country",
        "Primary Actor Sector": "e.source_sector",
        "Actor Name Raw": "m.source_text",
        "Recipient Name": "e.target_name",
        "Recipient Country": "e.target_country",
        "Primary Recipient Sector": "e.target_sector",
        "Recipient Name Raw": "m.target_text",
        "Placename": "e.location",
        "Country": "e.location_country",
        "Latitude": "e.lat",
        "Longitude": "e.lon",
        "GeoNames ID": "e.geonameid",
        "Raw Placename": "m.location_text",
        "Source": "a.outlet",
        "Publication Date": "strftime(a.published, '%Y-%m-%d')",
        "Language": "'en'",
        "Version": f"'tidings {version('tidings')}'",
        "actor_code": "e.source_code",
        "recipient_code": "e.target_code",
        "cameo": "e.cameo",
        "goldstein": "e.goldstein",
        "num_mentions": "e.num_mentions",
        "num_articles": "e.num_articles",
        "num_sources": "e.num_sources",
        "sentence": "m.sentence",
        "url": "e.url",
    }
    select = ",\n".join(f'{expression} AS "{name}"' for name, expression in fields.items())
    # The evidence shown is the event's first mention in its first article.
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
    return copy(con, query, path, "FORMAT json")
