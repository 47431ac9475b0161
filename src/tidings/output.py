"""Writing events out: JSON lines, a JSON array, CSV, or a readable table with the evidence."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import IO

from .model import FLAT_COLUMNS, Event, flatten
from .terminal import cell, printable, spreadsheet_safe

FORMATS = ("table", "jsonl", "json", "csv")

class EventWriter:
    """Writes events one at a time in a format; ``close`` finishes formats that need an ending."""

    def __init__(self, stream: IO[str], format: str, *, raw_csv: bool = False) -> None:
        if format not in FORMATS:
            raise ValueError(f"unknown format {format!r}; choose one of {', '.join(FORMATS)}")
        self.stream = stream
        self.format = format
        self.count = 0
        self._table: list[Event] = []
        self._csv = csv.DictWriter(stream, fieldnames=FLAT_COLUMNS) if format == "csv" else None
        self._cell = (lambda value: value) if raw_csv else spreadsheet_safe
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
                self._csv.writerow({key: self._cell(value) for key, value in flatten(event).items()})
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
        sentence, trigger = printable(event.sentence), printable(event.trigger.text)
        evidence = Text(sentence)
        offset = sentence.find(trigger)
        if offset >= 0:
            evidence.stylize("bold underline", offset, offset + len(trigger))
        kind = f"{event.cameo} {event.plover_type or ''}".strip()
        if event.modality != "asserted":
            kind += f"\n({event.modality})"
        table.add_row(
            f"{event.date or '?'}\n{event.date_precision or ''}",
            _actor_cell(event.source),
            kind,
            _actor_cell(event.target),
            cell(f"{event.location.name} ({event.location.country})" if event.location else ""),
            evidence,
        )
    console.print(table)
    console.print(f"{len(events)} event{'s' if len(events) != 1 else ''}")


def _actor_cell(actor):
    return cell("" if actor is None else f"{actor.code}\n{actor.text}")


def write_json(value: object, stream: IO[str]) -> None:
    json.dump(value, stream, ensure_ascii=False, indent=2)
    stream.write("\n")
