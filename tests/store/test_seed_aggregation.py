"""The seed article in the store: its Blinken–Wang Yi meeting folds into one event per direction."""

from __future__ import annotations

from pathlib import Path

import pytest

from tidings import Store

SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "global-courant-blinken-wang-yi.txt"


@pytest.mark.skipif(not SEED.exists(), reason=f"the seed article is not here ({SEED}); it lives in ../shared")
def test_the_blinken_wang_yi_meeting_is_one_event_per_direction_with_its_three_mentions(
    tmp_path: Path, coder
) -> None:
    with Store(tmp_path / "seed.duckdb", create=True) as store:
        store.ingest([SEED], date="2023-06-19", coder=coder, workers=1)
        meetings = store.events(dyad=("USA", "CHN"), type="CONSULT", since="2023-06-19", until="2023-06-19")
        evidence = {
            event.id: store.mentions(event.id)["sentence"].tolist() for event in meetings.itertuples()
        }

    directions = sorted((event.source_country, event.target_country) for event in meetings.itertuples())
    assert directions == [("CHN", "USA"), ("USA", "CHN")]
    for event in meetings.itertuples():
        sentences = evidence[event.id]
        assert event.num_mentions >= 3, sentences
        assert any(s.startswith("Top US diplomat holds talks with Wang Yi") for s in sentences)
        assert any("has met with China’s top diplomat Wang Yi" in s for s in sentences)
        assert any(s.startswith("The duo posed for a photo") for s in sentences)
        assert (event.num_articles, event.num_sources) == (1, 1)
