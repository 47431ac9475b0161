"""The actor knowledge base: countries, sectors, organisations and office holders.

It is assembled from plain files (docs/knowledge.md): ISO names from pycountry,
``data/actors/countries.tsv`` for what pycountry lacks, ``sectors.tsv`` for role
nouns, ``organizations.tsv`` and ``people/*.tsv`` for named actors, and any
user dictionaries, which take precedence over the bundled rows for the names
they define.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pycountry

from .. import data_files
from ..compiled import compiled, fingerprint
from ..data_files import DATA_DIR, data_path, read_table
from ..errors import TidingsError

ENTRY_COLUMNS = ("code", "name", "aliases", "type", "valid_from", "valid_to", "role", "note")


@cache
def iso3_codes() -> frozenset[str]:
    """ISO 3166-1 alpha-3 codes, plus XKX, the code in common use for Kosovo."""
    return frozenset(country.alpha_3 for country in pycountry.countries) | {"XKX"}


def split_code(code: str) -> tuple[str | None, str | None]:
    """The country and sector of a CAMEO-style code.

    ``USAGOV`` -> (``USA``, ``GOV``); ``IGOUNO`` -> (None, ``IGO``).
    """
    head = code[:3]
    if head in iso3_codes():
        return head, (code[3:6] or None)
    return None, head or None


@dataclass(frozen=True, slots=True)
class Entry:
    """One row of an actor dictionary: an actor, or a person's term in one office."""

    code: str
    name: str
    aliases: tuple[str, ...]
    type: str
    valid_from: dt.date | None
    valid_to: dt.date | None
    role: str
    origin: str

    @property
    def country(self) -> str | None:
        return split_code(self.code)[0]

    @property
    def sector(self) -> str | None:
        return split_code(self.code)[1]

    def holds_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


@dataclass(frozen=True, slots=True)
class CountryName:
    """A surface form of a country: a name, demonym, capital or seat of government."""

    iso3: str
    alias: str
    kind: str
    sector: str | None
    origin: str


def _date(value: str, origin: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise TidingsError(f"{origin}: the date {value!r} is not YYYY-MM-DD") from None


def _entry(row: dict[str, str], origin: str) -> Entry:
    code, name = row.get("code", "").strip(), row.get("name", "").strip()
    if not code or not name:
        raise TidingsError(f"{origin}: an actor needs both a code and a name")
    aliases = tuple(alias.strip() for alias in row.get("aliases", "").split("|") if alias.strip())
    return Entry(
        code=code,
        name=name,
        aliases=aliases,
        type=row.get("type", "").strip() or "organization",
        valid_from=_date(row.get("valid_from", "").strip(), origin),
        valid_to=_date(row.get("valid_to", "").strip(), origin),
        role=row.get("role", "").strip(),
        origin=origin,
    )


def _rows(path: Path) -> Iterable[tuple[dict[str, str], int]]:
    """Rows of a TSV, CSV or YAML actor file with their line (or item) numbers."""
    if path.suffix.lower() in (".yml", ".yaml"):
        import yaml

        data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        if isinstance(data, dict):
            data = data.get("actors", [])
        for number, item in enumerate(data, 1):
            if not isinstance(item, dict):
                raise TidingsError(
                    f"{path}#{number}: each actor must be a mapping of {', '.join(ENTRY_COLUMNS)}"
                )
            yield (
                {
                    key: "|".join(value) if isinstance(value, list) else str(value or "")
                    for key, value in item.items()
                },
                number,
            )
        return
    # Line numbers count comments and the header so that messages point at the right line.
    with path.open(encoding="utf-8") as handle:
        numbered = [
            (number, line)
            for number, line in enumerate(handle, 1)
            if line.strip() and not line.startswith("#")
        ]
    rows = read_table(path)
    for (number, _line), row in zip(numbered[1:], rows, strict=False):
        yield row, number


def _require(path: Path) -> None:
    if not path.is_file():
        raise TidingsError(f"{path}: no such actor dictionary")


def _day(ordinal: int | None) -> dt.date | None:
    return dt.date.fromordinal(ordinal) if ordinal is not None else None


def read_entries(path: str | Path) -> list[Entry]:
    """The rows of one actor dictionary file (TSV, CSV or YAML)."""
    path = Path(path)
    _require(path)
    try:
        label = str(path.relative_to(DATA_DIR))
    except ValueError:
        label = str(path)
    return [_entry(row, f"{label}:{number}") for row, number in _rows(path)]


class KnowledgeBase:
    """Everything tidings knows about actors, indexed by the words news uses for them.

    Built from the files once, then read back from a compiled copy in the user's cache
    (``tidings.compiled``) until a data file, a user dictionary or this module changes.
    """

    def __init__(self, *, user_files: Sequence[str | Path] = ()) -> None:
        self.user_files = tuple(str(path) for path in user_files)
        for path in self.user_files:
            _require(Path(path))
        # What the compiled copy is made from; the phrase index of the names is keyed by it too.
        self.key = fingerprint(
            pycountry.__version__,
            Path(__file__),
            Path(data_files.__file__),
            *sorted(path for path in (DATA_DIR / "actors").rglob("*") if path.is_file()),
            *(Path(path) for path in self.user_files),
        )
        self._restore(compiled("knowledge", self.key, self._build))

    def _build(self) -> dict:
        self.countries: dict[str, CountryName] = {}
        self.country_names: dict[str, str] = {}
        self.sectors: dict[str, str] = {}
        self.entries: dict[str, list[Entry]] = {}
        self._load_countries()
        self._load_sectors()
        bundled = read_entries(data_path("actors", "organizations.tsv"))
        for path in sorted((DATA_DIR / "actors" / "people").glob("*.tsv")):
            bundled += read_entries(path)
        self._index(bundled)
        user_entries = [entry for path in self.user_files for entry in read_entries(path)]
        # A user's row replaces every bundled row for the names it defines.
        for name in {alias for entry in user_entries for alias in (entry.name, *entry.aliases)}:
            self.entries.pop(name, None)
        self._index(user_entries)
        return self._plain()

    def _plain(self) -> dict:
        """The knowledge as plain data for the compiled copy; an entry under several aliases is kept once."""
        numbers: dict[int, int] = {}
        rows: list[tuple] = []
        index: dict[str, list[int]] = {}
        for alias, group in self.entries.items():
            for entry in group:
                if id(entry) not in numbers:
                    numbers[id(entry)] = len(rows)
                    rows.append(
                        (
                            entry.code,
                            entry.name,
                            entry.aliases,
                            entry.type,
                            entry.valid_from.toordinal() if entry.valid_from else None,
                            entry.valid_to.toordinal() if entry.valid_to else None,
                            entry.role,
                            entry.origin,
                        )
                    )
                index.setdefault(alias, []).append(numbers[id(entry)])
        return {
            "countries": {alias: (c.iso3, c.kind, c.sector, c.origin) for alias, c in self.countries.items()},
            "country_names": self.country_names,
            "sectors": self.sectors,
            "entries": rows,
            "index": index,
        }

    def _restore(self, plain: dict) -> None:
        self.countries = {
            alias: CountryName(iso3, alias, kind, sector, origin)
            for alias, (iso3, kind, sector, origin) in plain["countries"].items()
        }
        self.country_names = plain["country_names"]
        self.sectors = plain["sectors"]
        entries = [
            Entry(code, name, aliases, kind, _day(start), _day(end), role, origin)
            for code, name, aliases, kind, start, end, role, origin in plain["entries"]
        ]
        self.entries = {alias: [entries[n] for n in numbers] for alias, numbers in plain["index"].items()}

    def _load_countries(self) -> None:
        for country in pycountry.countries:
            self.country_names[country.alpha_3] = getattr(country, "common_name", None) or country.name
            for attribute in ("name", "common_name", "official_name"):
                value = getattr(country, attribute, None)
                # pycountry's inverted forms ("Korea, Republic of") are not what news prints.
                if value and "," not in value:
                    alias = value.removeprefix("the ")
                    self.countries.setdefault(
                        alias, CountryName(country.alpha_3, alias, "name", None, "pycountry")
                    )
        self.country_names["XKX"] = "Kosovo"
        path = data_path("actors", "countries.tsv")
        for number, row in enumerate(read_table(path), 2):
            alias = row["alias"]
            self.countries[alias] = CountryName(
                row["iso3"], alias, row["kind"], row.get("sector") or None, f"actors/countries.tsv:{number}"
            )
            if row["kind"] == "short" and row["iso3"] not in ("XKX",) and " " not in alias:
                self.country_names.setdefault(row["iso3"], alias)

    def _load_sectors(self) -> None:
        for row in read_table(data_path("actors", "sectors.tsv")):
            self.sectors[row["term"].lower()] = row["sector"]

    def _index(self, entries: Iterable[Entry]) -> None:
        for entry in entries:
            for alias in dict.fromkeys((entry.name, *entry.aliases)):
                self.entries.setdefault(alias, []).append(entry)

    def names(self) -> Iterable[str]:
        """Every surface form the knowledge base can match in text."""
        yield from self.countries
        yield from self.entries

    def entry_for(self, alias: str, day: dt.date | None) -> tuple[Entry, str] | None:
        """The entry an alias stands for on a day, and how it holds: ``current``, ``former`` or ``future``.

        Among several entries for one alias, a term that holds on the day wins; else the
        person's most recent earlier term (a former official); else the earliest later one.
        Without a day, the most recent entry.
        """
        candidates = self.entries.get(alias)
        if not candidates:
            return None
        if day is None:
            return max(candidates, key=lambda e: e.valid_from or dt.date.min), "current"
        holding = [entry for entry in candidates if entry.holds_on(day)]
        if holding:
            # A person in two offices at once is coded by the most recent appointment.
            return max(holding, key=lambda e: e.valid_from or dt.date.min), "current"
        earlier = [entry for entry in candidates if entry.valid_to and entry.valid_to < day]
        if earlier:
            return max(earlier, key=lambda e: e.valid_to), "former"
        return min(candidates, key=lambda e: e.valid_from or dt.date.max), "future"

    def country_name(self, iso3: str) -> str:
        return self.country_names.get(iso3, iso3)

    def stats(self) -> dict[str, int]:
        """Counts for the README's coverage table."""
        entries = {entry for group in self.entries.values() for entry in group}
        people = {entry for entry in entries if entry.type == "person"}
        return {
            "countries": len({name.iso3 for name in self.countries.values()}),
            "country_aliases": len(self.countries),
            "sector_terms": len(self.sectors),
            "organizations": len({e.name for e in entries if e.type != "person"}),
            "igos": len({e.name for e in entries if e.code.startswith("IGO")}),
            "people": len({e.name for e in people}),
            "offices": len(people),
        }
