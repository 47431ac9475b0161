"""Continents and regions of several countries ("Central America", "the Sahel"): no town, no country.

Both the places and the actors stage ask: a region is never a town ("Central, Louisiana"), and the
country names inside it ("America" in "South America") are never an actor.
"""

from __future__ import annotations

from ..data_files import bundled_table

WORLD_REGIONS = frozenset(
    name
    for row in bundled_table("places", "world_regions.tsv")
    for name in (row["name"], *(a.strip() for a in row["aliases"].split("|") if a.strip()))
)
