"""One event as a reader checks it: what was coded, and every mention with its evidence marked."""

from __future__ import annotations

import duckdb
import pandas as pd
from rich.console import Group
from rich.text import Text

from ..errors import TidingsError, problem
from ..terminal import printable
from . import queries

# How each piece of evidence is marked: the styles of a terminal, and the brackets of plain text.
MARKS = {
    "source": ("bold cyan", "[", "]"),
    "trigger": ("bold reverse", "<", ">"),
    "target": ("bold magenta", "{", "}"),
}


def event_view(con: duckdb.DuckDBPyConnection, event_id: int, *, name: str = "store") -> Group:
    """The event ``event_id`` and its mentions as rich text; TID309 if the store has no such event."""
    frame = queries.event(con, event_id)
    if frame.empty:
        raise TidingsError(str(problem(name, "TID309", f"no event {event_id}")))
    event = frame.iloc[0].to_dict()
    mentions = queries.mentions(con, event_id)
    texts = dict(
        con.cursor()
        .execute(
            "SELECT id, text FROM articles WHERE id IN (SELECT article_id FROM mentions WHERE event_id = ?)",
            [event_id],
        )
        .fetchall()
    )
    when = _value(event["date"])
    if when and _value(event["date_precision"]) not in (None, "day"):
        when += f" (to the {event['date_precision']})"
    head = Text(f"event {event_id}  ", style="bold")
    head.append(
        printable(
            f"{when or 'undated'}  {_value(event['source_code']) or '-'} {event['cameo']}"
            f" {_value(event['plover_type']) or ''} {_value(event['target_code']) or '-'}"
        )
    )
    lines = [head]
    facts = [
        ("source", _value(event["source_name"])),
        ("target", _value(event["target_name"])),
        ("place", _value(event["location"])),
        ("goldstein", event["goldstein"]),
        ("quad class", event["quad_class"]),
        ("modality", event["modality"]),
        ("mentions", event["num_mentions"]),
        ("articles", event["num_articles"]),
        ("sources", event["num_sources"]),
    ]
    lines.append(Text(printable("  ".join(f"{key}: {value}" for key, value in facts if value is not None))))
    for _, mention in mentions.iterrows():
        row = mention.to_dict()
        lines.append(Text(""))
        about = [_value(row["published"]), _value(row["outlet"]), _value(row["title"]), _value(row["url"])]
        lines.append(Text(printable(" | ".join(str(part) for part in about if part)), style="dim"))
        lines.append(evidence(texts.get(row["article_id"]) or "", row))
    return Group(*lines)


def evidence(text: str, mention: dict) -> Text:
    """The mention's sentence with its source, trigger and target marked (styled, and bracketed)."""
    sentence = mention["sentence"]
    begin = text.find(sentence, max(0, int(mention["trigger_end"]) - len(sentence)))
    spans = []
    for role in MARKS:
        start, end = _value(mention.get(f"{role}_start")), _value(mention.get(f"{role}_end"))
        if begin >= 0 and start is not None and end is not None:
            spans.append((int(start) - begin, int(end) - begin, role))
    out, at = Text(), 0
    for start, end, role in sorted(spans):
        if start < at or end > len(sentence):
            continue  # overlapping or outside the sentence: shown unmarked rather than misplaced
        style, left, right = MARKS[role]
        out.append(printable(sentence[at:start]))
        out.append(left + printable(sentence[start:end]) + right, style=style)
        at = end
    out.append(printable(sentence[at:]))
    return out


def _value(value):
    """A cell as Python: None for SQL NULL (None, NaN or NaT in pandas), a date as ISO text."""
    if pd.isna(value):
        return None
    return value.date().isoformat() if isinstance(value, pd.Timestamp) else value
