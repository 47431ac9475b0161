"""The pages' charts, laid out here and drawn as SVG (the bars here, the rest by the templates): nothing
runs in the browser."""

from __future__ import annotations

import calendar
import math
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from markupsafe import Markup, escape

from ..store import queries
from . import world

QUADS = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


def bars(periods: list[dict[str, Any]], *, width: int = 640, height: int = 160) -> Markup:
    """One stacked bar per period, QuadClass by QuadClass, scaled to the tallest period; each links to
    its period's events (the rows' ``href``, see ``dated``)."""
    tallest = max((row["events"] for row in periods), default=0) or 1
    step = width / max(len(periods), 1)
    wide = max(step - 1, 1)
    columns = list(queries.quad_columns().items())
    drawn = []
    for index, row in enumerate(periods):
        top, href, period = height, escape(row["href"]), escape(row["period"])
        for number, column in columns:
            count = row[column]
            if count:
                size = height * count / tallest
                top -= size
                title = f"{period}: {count} {QUADS[number]}"
                drawn.append(_bar(f"q{number}", index * step, top, wide, size, href, title))
    return Markup("".join(drawn))


def goldstein(periods: list[dict[str, Any]], *, width: int = 640, height: int = 100) -> Markup:
    """One bar per period with events: its mean Goldstein score, cooperation up from the middle line and
    conflict down, on the scale's full range of -10 to +10; each links as ``bars``' do."""
    step = width / max(len(periods), 1)
    wide = max(step - 1, 1)
    middle = height / 2
    drawn = []
    for index, row in enumerate(periods):
        score = row.get("goldstein")
        if score is None or not row["events"]:
            continue
        size = middle * abs(score) / 10
        drawn.append(
            _bar(
                "coop" if score >= 0 else "conflict",
                index * step,
                middle - size if score > 0 else middle,
                wide,
                max(size, 0.5),
                escape(row["href"]),
                f"{escape(row['period'])}: mean Goldstein {score}",
            )
        )
    return Markup("".join(drawn))


def _bar(kind: str, x: float, y: float, width: float, height: float, href: Markup, title: str) -> str:
    """A bar as SVG: a link around a rectangle with its title, both escaped already (the period's text
    once for all its bars; the rest of a title is numbers and the QuadClasses' names). Written here
    rather than by a template, which takes five times as long for the hundreds of bars of a chart."""
    return (
        f'<a href="{href}"><rect class="{kind}" x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" '
        f'height="{height:.1f}"><title>{title}</title></rect></a>'
    )


def dated(periods: list[dict[str, Any]], freq: str, link: Callable[..., str]) -> list[dict[str, Any]]:
    """The rows of a timeline, each given its period's last day (``until``) and the ``link`` to its
    events (``href``): made once a period, for its bars, its Goldstein bar and its row of the table."""
    for row in periods:
        row["until"] = period_end(row["period"], freq)
        row["href"] = link(since=row["period"], until=row["until"])
    return periods


# A 640-pixel chart shows this many periods as bars wide enough to see and to click.
MOST_PERIODS = 120
DAYS = {"day": 1, "week": 7, "month": 30.4, "year": 365.25}


def readable_freq(since: str | None, until: str | None) -> str:
    """The finest period (day, week, month, year) that cuts since..until into at most MOST_PERIODS."""
    if not since or not until:
        return "week"
    span = (date.fromisoformat(until) - date.fromisoformat(since)).days + 1
    return next((freq for freq, days in DAYS.items() if span / days <= MOST_PERIODS), "year")


def period_end(period: str, freq: str) -> str:
    """The last day of the period that starts on ``period`` (YYYY-MM-DD)."""
    start = date.fromisoformat(period)
    if freq == "day":
        end = start
    elif freq == "week":
        end = start + timedelta(days=6)
    elif freq == "month":
        end = start.replace(day=calendar.monthrange(start.year, start.month)[1])
    else:
        end = start.replace(month=12, day=31)
    return end.isoformat()


def tone(score: float | None) -> str:
    """A CSS class for a mean Goldstein score: g-3 (the most conflict) to g3 (the most cooperation)."""
    if score is None:
        return "g0"
    return f"g{max(-3, min(3, round(score / 3)))}"


def network(dyads: list[dict[str, Any]], *, width: int = 720, height: int = 620) -> dict[str, Any]:
    """Actors on a circle, the busiest at the top going clockwise, and a curved edge per directed dyad:
    as wide as its share of the events, coloured by its mean Goldstein; A->B and B->A bend apart."""
    totals: dict[str, int] = {}
    for dyad in dyads:
        for actor in (dyad["source"], dyad["target"]):
            totals[actor] = totals.get(actor, 0) + dyad["events"]
    order = sorted(totals, key=lambda actor: (-totals[actor], actor))
    centre_x, centre_y, radius = width / 2, height / 2, min(width, height) / 2 - 50
    most = max(totals.values(), default=1)
    nodes = {}
    for index, actor in enumerate(order):
        angle = 2 * math.pi * index / max(len(order), 1) - math.pi / 2
        nodes[actor] = {
            "code": actor,
            "events": totals[actor],
            "r": 4 + 14 * math.sqrt(totals[actor] / most),
            "x": centre_x + radius * math.cos(angle),
            "y": centre_y + radius * math.sin(angle),
            "label_x": centre_x + (radius + 28) * math.cos(angle),
            "label_y": centre_y + (radius + 28) * math.sin(angle) + 4,
        }
    heaviest = max((dyad["events"] for dyad in dyads), default=1)
    edges = []
    for dyad in dyads:
        start, end = nodes[dyad["source"]], nodes[dyad["target"]]
        if start is end:
            # Within one country (a government and its protesters): a loop inward, clear of the labels.
            in_x, in_y = (centre_x - start["x"]) / radius, (centre_y - start["y"]) / radius
            reach, spread = 45, 22
            x, y = start["x"], start["y"]
            ahead_x, ahead_y = x + reach * in_x, y + reach * in_y
            path = (
                f"M{x:.1f},{y:.1f} C{ahead_x - spread * in_y:.1f},{ahead_y + spread * in_x:.1f} "
                f"{ahead_x + spread * in_y:.1f},{ahead_y - spread * in_x:.1f} {x:.1f},{y:.1f}"
            )
        else:
            # The control point sits to the right of the line from source to target.
            bend_x, bend_y = (end["y"] - start["y"]) * 0.15, (start["x"] - end["x"]) * 0.15
            control = ((start["x"] + end["x"]) / 2 + bend_x, (start["y"] + end["y"]) / 2 + bend_y)
            path = (
                f"M{start['x']:.1f},{start['y']:.1f} Q{control[0]:.1f},{control[1]:.1f} "
                f"{end['x']:.1f},{end['y']:.1f}"
            )
        edges.append(
            {
                **dyad,
                "width": 1 + 9 * dyad["events"] / heaviest,
                "tone": tone(dyad["goldstein"]),
                "path": path,
            }
        )
    # Thin edges last, so that they stay visible (and clickable) on top of the wide ones.
    edges.sort(key=lambda edge: -edge["width"])
    return {"width": width, "height": height, "nodes": list(nodes.values()), "edges": edges}


def world_map(places: list[dict[str, Any]]) -> dict[str, Any]:
    """The countries, shaded by how many of the events happened in each, and a dot per place and
    QuadClass, its area by its events; the busiest are drawn first so that small dots stay on top."""
    by_country: dict[str, int] = {}
    for place in places:
        if place["country"]:
            by_country[place["country"]] = by_country.get(place["country"], 0) + place["events"]
    busiest_country = max(by_country.values(), default=1)
    shapes = [
        {
            "name": country.name,
            "path": country.path,
            "events": by_country.get(country.iso3 or "", 0),
            "shade": math.ceil(4 * math.sqrt(by_country.get(country.iso3 or "", 0) / busiest_country)),
        }
        for country in world.countries()
    ]
    busiest = max((place["events"] for place in places), default=1)
    dots = []
    for place in sorted(places, key=lambda place: -place["events"]):
        x, y = world.project(place["lat"], place["lon"])
        dots.append({**place, "x": x, "y": y, "r": 2 + 10 * math.sqrt(place["events"] / busiest)})
    return {"width": world.WIDTH, "height": world.HEIGHT, "countries": shapes, "dots": dots}
