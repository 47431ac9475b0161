import marshal

from tidings.compiled import compiled_lookup
from tidings.places import gazetteer
from tidings.places.gazetteer import default_gazetteer


def test_small_towns_are_read_back_from_the_compiled_table(tmp_path, monkeypatch):
    # The table holds the few fields used, one row a name; a town is found in the story's country only.
    monkeypatch.setenv("TIDINGS_CACHE_DIR", str(tmp_path))
    rows = [("SYR", 36.7, 38.95, 1, 900), ("BRA", -10.0, -50.0, 2, 3000)]
    compiled_lookup(
        "small-places", gazetteer.small_places_key(), lambda: [("Tell Abyad East", marshal.dumps(rows))]
    )
    gazetteer.small_places.cache_clear()
    try:
        found = default_gazetteer().small_place("Tell Abyad East", context={"SYR"})
        assert (found.country, found.geonameid, found.population) == ("SYR", 1, 900)
        assert default_gazetteer().small_place("Tell Abyad East", context={"USA"}) is None
    finally:
        gazetteer.small_places.cache_clear()
