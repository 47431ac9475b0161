"""Writing events out: JSON lines, a JSON array, CSV, or a readable table with the evidence."""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable
from typing import IO

from .model import FLAT_COLUMNS, Event, flatten

FORMATS = ("table", "jsonl", "json", "csv")
# Characters that would act on a terminal instead of showing: C0 and C1 controls (ESC starts ANSI and
# OSC sequences), DEL, and the bidirectional overrides that reorder what a line seems to say.
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# A spreadsheet runs a cell that starts with one of these as a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def printable(text: str) -> str:
    """``text`` with each control character replaced by U+FFFD, so that offsets into it still hold."""
    return _UNPRINTABLE.sub("\ufffd", text)


def spreadsheet_safe(value: object) -> object:
    """A CSV cell that a spreadsheet shows rather than runs: a string starting with = + - @ gets a ``'``.

    Numbers are left alone, so a negative Goldstein score stays a number.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class EventWriter:
    """Writes events one at a time in a format; ``close`` finishes formats that need an ending."""

    def __init__(self, stream: IO[str], format: str, *, csv_formulas: bool = False) -> None:
        """csv_formulas: write CSV cells that start with = + - @ as they are, not made spreadsheet-safe."""
        if format not in FORMATS:
            raise ValueError(f"unknown format {format!r}; choose one of {', '.join(FORMATS)}")
        self.stream = stream
        self.format = format
        self.count = 0
        self._table: list[Event] = []
        self._csv_formulas = csv_formulas
        self._csv = csv.DictWriter(stream, fieldnames=FLAT_COLUMNS) if format == "csv" else None
        if self._csv is not None:
            self._csv.writeheader()
        if format == "json":
            stream.write("[")

    def write(self, events: Iterable[Event]) -> None:
        for event in events:
            if self.format == "jsonl":
                self.stream.write(event.to_json() + "\n")
            elif self.format == "json":
                self.stream.write(("\n " if self.count == 0 else ",\n ") + event.to_json())
            elif self._csv is not None:
                row = flatten(event)
                if not self._csv_formulas:
                    row = {name: spreadsheet_safe(value) for name, value in row.items()}
                self._csv.writerow(row)
            else:
                self._table.append(event)
            self.count += 1

    def close(self) -> None:
        if self.format == "json":
            self.stream.write("\n]\n" if self.count else "]\n")
        elif self.format == "table":
            print_table(self._table, self.stream)
        self.stream.flush()


def print_table(events: list[Event], stream: IO[str]) -> None:
    """A rich table: one row per event with its date, actors, codes, place and the evidence."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(file=stream, soft_wrap=False, width=None if stream.isatty() else 160)
    if not events:
        console.print("No events found.")
        return
    table = Table(show_lines=True, header_style="bold")
    for name in ("date", "source", "event", "target", "where", "evidence"):
        table.add_column(name, overflow="fold")
    for event in events:
        evidence = Text(printable(event.sentence))
        offset = _sentence_offset(event)
        if offset is not None:
            evidence.stylize("bold underline", offset, offset + len(event.trigger.text))
        kind = f"{event.cameo} {event.plover_type or ''}".strip()
        if event.modality != "asserted":
            kind += f"\n({event.modality})"
        place = event.location.name + f" ({event.location.country})" if event.location else ""
        # Text, not str: rich would read markup such as "[link=...]" in an article's words.
        table.add_row(
            Text(f"{event.date or '?'}\n{event.date_precision or ''}"),
            Text(printable(_actor_cell(event.source))),
            Text(kind),
            Text(printable(_actor_cell(event.target))),
            Text(printable(place)),
            evidence,
        )
    console.print(table)
    console.print(f"{len(events)} event{'s' if len(events) != 1 else ''}")


def _actor_cell(actor) -> str:
    if actor is None:
        return ""
    return f"{actor.code}\n{actor.text}"


def _sentence_offset(event: Event) -> int | None:
    position = event.sentence.find(event.trigger.text)
    return position if position >= 0 else None


def write_json(value: object, stream: IO[str]) -> None:
    json.dump(value, stream, ensure_ascii=False, indent=2)
    stream.write("\n")
