"""The GDELT 2.0 mentions table: one row per mention of an exported event, 16 tab-separated columns in
GDELT's order, no header row, so tools that join GDELT's ``*.mentions.CSV`` to its events read it.

GDELT's event table has no place for how precisely an event is dated; its mentions table has an
``Extras`` column for fields of the coder's own, and tidings writes the precision there as
``<DATEPRECISION>month</DATEPRECISION>``. See docs/store.md.
"""

from __future__ import annotations

import duckdb

from .copy import copy
from .gdelt import _clean

COLUMNS = (
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
)
# GDELT's MentionType: 1 is a web page, 6 anything else without a URL it can give (JSTOR, DTIC, ...).
WEB, OTHER = 1, 6


def write(con: duckdb.DuckDBPyConnection, path: str, *, where: str) -> int:
    """Write every mention of the events that match ``where``; return the count."""
    columns = [
        "e.id",
        "strftime(e.added_at, '%Y%m%d%H%M%S')",
        "strftime(coalesce(a.published::TIMESTAMP, a.ingested_at), '%Y%m%d%H%M%S')",
        f"CASE WHEN a.url IS NULL THEN {OTHER} ELSE {WEB} END",
        _clean("a.source"),
        _clean("coalesce(a.url, a.origin)"),
        "m.sentence_index + 1",  # GDELT counts sentences from 1
        "coalesce(m.source_start, -1)",
        "coalesce(m.target_start, -1)",
        "m.trigger_start",
        "1",
        "round(100 * m.confidence)::INTEGER",
        "length(a.text)",
        "NULL",
        "NULL",
        "'<DATEPRECISION>' || coalesce(m.date_precision, 'none') || '</DATEPRECISION>'",
    ]
    select = ",\n".join(f"{expression} AS {name}" for expression, name in zip(columns, COLUMNS, strict=True))
    query = f"""
        SELECT {select}
        FROM events e
        JOIN mentions m ON m.event_id = e.id
        JOIN articles a ON a.id = m.article_id
        WHERE {where}
        ORDER BY e.id, a.seq, m.sentence_index, m.trigger_start, m.mention_id"""
    return copy(con, query, path, "FORMAT csv, DELIMITER '\t', HEADER false, QUOTE ''")
