"""The gold format: one JSON record per text with the events a careful human coded from it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..errors import TidingsError


@dataclass(frozen=True, slots=True)
class GoldEvent:
    source: tuple[str, ...]
    target: tuple[str, ...]
    plover: str | None
    cameo_root: str | None


@dataclass(frozen=True, slots=True)
class GoldPlace:
    """Where a location record puts its one event: the trigger's span and the place strings
    (none when the text gives the event no place)."""

    trigger: tuple[int, int]
    places: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class GoldRecord:
    id: str
    text: str
    date: str | None
    events: tuple[GoldEvent, ...]
    place: GoldPlace | None = None


def _codes(value) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(item) for item in value)


def read_gold(path: str | Path) -> list[GoldRecord]:
    """The records of a gold JSONL file (the format of ../shared/gold/README.md)."""
    path = Path(path)
    if not path.is_file():
        raise TidingsError(f"{path}: no such gold file")
    records = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
                events = tuple(
                    GoldEvent(
                        source=_codes(event.get("source")),
                        target=_codes(event.get("target")),
                        plover=event.get("plover") or None,
                        cameo_root=event.get("cameo_root") or ((event.get("cameo") or "")[:2] or None),
                    )
                    for event in data.get("events") or ()
                )
                place = None
                if "trigger_start" in data:
                    place = GoldPlace(
                        trigger=(int(data["trigger_start"]), int(data["trigger_end"])),
                        places=tuple(str(text) for text in data.get("location_text") or ()),
                    )
                records.append(
                    GoldRecord(
                        id=str(data.get("id", f"{path.name}:{number}")),
                        text=data["text"],
                        date=data.get("date") or None,
                        events=events,
                        place=place,
                    )
                )
            except (ValueError, KeyError, TypeError, AttributeError) as error:
                raise TidingsError(f"{path}:{number}: not a gold record ({error})") from None
    return records
