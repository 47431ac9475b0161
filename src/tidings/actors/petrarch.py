"""Converting PETRARCH/TABARI actor dictionaries into tidings actor dictionaries.

The PETRARCH format, as its dictionaries use it::

    # a comment (TABARI also used ";")
    BARACK_OBAMA_                 a name: words joined by "_", ending in "_"
    +OBAMA_                       a synonym of the name above
    +PRESIDENT_OBAMA_
    [USAELI 050103-090119]        a code, valid between two YYMMDD dates
    [USAGOV 090120-170120]
    KABUL_ [AFGGOV]               a name and its code on one line
    [USAGOV >090120]              from a date on;  [USAELI <090119] up to a date

Two-digit years below 50 are read as 20xx, the others as 19xx.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import TidingsError
from .kb import ENTRY_COLUMNS

CODE = re.compile(r"\[\s*([A-Z0-9]{3,})\s*([<>]?\s*\d{6})?\s*(?:-\s*(\d{6}))?\s*\]")


@dataclass
class _Actor:
    name: str
    aliases: list[str] = field(default_factory=list)
    codes: list[tuple[str, dt.date | None, dt.date | None]] = field(default_factory=list)


def _words(token: str, *, initials: str = "") -> str:
    """A PETRARCH phrase as news prints it: "BARACK_OBAMA_" -> "Barack Obama".

    PETRARCH writes everything in capitals; a word that is an acronym keeps them: one with no
    vowel or a dot ("CLF", "U.S."), of two letters ("UN"), or the initials of the name ("NATO").
    """
    words = [word for word in token.strip().strip("_").split("_") if word]
    return " ".join(word if _acronym(word, initials) else word.capitalize() for word in words)


def _acronym(word: str, initials: str) -> bool:
    letters = word.replace(".", "")
    return (
        any(c.isdigit() for c in word)
        or "." in word
        or len(letters) <= 2
        or not any(c in "AEIOU" for c in letters)
        or letters == initials
    )


def _initials(name: str) -> str:
    return "".join(word[0] for word in name.split() if word[0].isalpha()).upper()


def _date(value: str, origin: str) -> dt.date:
    yy, mm, dd = int(value[:2]), int(value[2:4]), int(value[4:6])
    try:
        return dt.date(2000 + yy if yy < 50 else 1900 + yy, mm, dd)
    except ValueError:
        raise TidingsError(f"{origin}: {value!r} is not a YYMMDD date") from None


def parse_petrarch(path: str | Path) -> tuple[list[_Actor], list[str]]:
    """The actors of a PETRARCH dictionary, and warnings for lines that were not understood."""
    actors: list[_Actor] = []
    warnings: list[str] = []
    current: _Actor | None = None
    with Path(path).open(encoding="utf-8", errors="replace") as handle:
        for number, raw in enumerate(handle, 1):
            origin = f"{path}:{number}"
            line = raw.split("#", 1)[0].split(";", 1)[0].strip()
            if not line:
                continue
            codes = CODE.findall(line)
            text = CODE.sub("", line).strip()
            if text.startswith("+"):
                if current is None:
                    warnings.append(f"{origin}: a synonym before any name is ignored")
                    continue
                current.aliases.append(_words(text[1:], initials=_initials(current.name)))
            elif text:
                current = _Actor(name=_words(text.split()[0]))
                actors.append(current)
            for code, start, end in codes:
                if current is None:
                    warnings.append(f"{origin}: a code before any name is ignored")
                    continue
                start = start.replace(" ", "")
                valid_from = valid_to = None
                if start.startswith("<"):
                    valid_to = _date(start[1:], origin)
                elif start.startswith(">"):
                    valid_from = _date(start[1:], origin)
                elif start:
                    valid_from = _date(start, origin)
                if end:
                    valid_to = _date(end, origin)
                current.codes.append((code, valid_from, valid_to))
    for actor in actors:
        if not actor.codes:
            warnings.append(f"{path}: {actor.name!r} has no code and is left out")
    return [actor for actor in actors if actor.codes], warnings


def convert_petrarch(source: str | Path, output: str | Path) -> tuple[int, list[str]]:
    """Write the actors of a PETRARCH dictionary as a tidings actor dictionary (TSV).

    Returns the number of rows written and the warnings about lines that were not understood.
    """
    actors, warnings = parse_petrarch(source)
    rows = 0
    with Path(output).open("w", encoding="utf-8", newline="") as handle:
        handle.write(
            f"# converted from the PETRARCH dictionary {Path(source).name} "
            "by tidings actors import-petrarch\n"
        )
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(ENTRY_COLUMNS)
        for actor in actors:
            dated = any(start or end for _, start, end in actor.codes)
            for code, start, end in actor.codes:
                writer.writerow(
                    [
                        code,
                        actor.name,
                        "|".join(dict.fromkeys(actor.aliases)),
                        "person" if dated else "organization",
                        start.isoformat() if start else "",
                        end.isoformat() if end else "",
                        "",
                        "",
                    ]
                )
                rows += 1
    return rows, warnings
