"""Folding copies: syndicated, republished and reworded copies fold into the original; others do not."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from datasketch import MinHash
from store_inputs import SAME_EVENT, STORIES, WIRE, stored_tables, write_jsonl

import tidings.coder
from tidings import Store
from tidings.model import Article
from tidings.store import dedup, ingest

SAMPLES = Path(__file__).resolve().parents[2] / "samples"

# A content farm's page around the wire story: its own name, menu, byline, photo credit and share links.
SYNDICATED = f"""NewsPulse Daily
Home | World | Politics | Business | Tech | Trending | Newsletter
World > Africa
Photo: Stock image of power lines at dusk. Credit: NewsPulse Daily archive

Ruto and Abiy sign power deal

By NewsPulse Staff | 19 Jun 2023 | 3 min read
Advertisement

{WIRE}

Share this story: Facebook | X | WhatsApp | Email
More from NewsPulse: Markets slide as oil prices climb | Five things to know today
© 2023 NewsPulse Daily. All rights reserved."""

# Words a spinning tool swaps for synonyms.
SYNONYMS = {
    "leaders": "heads",
    "signed": "inked",
    "agreements": "deals",
    "electricity": "power",
    "road": "highway",
    "town": "settlement",
    "said": "stated",
    "buy": "purchase",
    "more": "additional",
    "deal": "agreement",
    "officials": "authorities",
    "about": "around",
    "governments": "administrations",
    "also": "additionally",
    "agreed": "consented",
    "joint": "shared",
    "commission": "panel",
    "frontier": "border",
    "clashes": "fighting",
    "herders": "pastoralists",
    "dozens": "scores",
    "people": "residents",
    "ministry": "department",
    "discussed": "debated",
    "war": "conflict",
    "called": "appealed",
    "immediate": "instant",
    "ceasefire": "truce",
    "army": "military",
    "countries": "nations",
    "reached": "hit",
    "fraction": "sliver",
    "long": "repeatedly",
    "complained": "grumbled",
    "poor": "bad",
    "slow": "sluggish",
    "checks": "inspections",
}


def reworded(text: str) -> tuple[str, float]:
    """``text`` with one word in ten swapped for a synonym, and the share of words swapped."""
    words = re.split(r"(\s+)", text)
    positions = [i for i in range(0, len(words), 2)]
    swapped = 0
    for block in range(0, len(positions), 10):
        for i in positions[block : block + 10]:
            bare = words[i].strip(".,;()").lower()
            if bare in SYNONYMS:
                words[i] = words[i].replace(bare, SYNONYMS[bare])
                swapped += 1
                break
    return "".join(words), swapped / len(positions)


def articles(store: Store) -> list[dict]:
    return store.sql(
        "SELECT id, outlet, source, duplicate_of, similarity, mentions FROM articles ORDER BY seq"
    ).to_dict("records")


def test_an_exact_copy_from_another_outlet_folds_and_its_outlet_counts_as_a_source(
    tmp_path: Path, store: Store, coder
) -> None:
    write_jsonl(
        tmp_path / "wires.jsonl",
        [
            {"id": "mw-1", "text": WIRE, "date": "2023-06-19", "outlet": "Meridian Wire"},
            {"id": "dn-7", "text": WIRE, "date": "2023-06-20", "outlet": "Daily Nation"},
        ],
    )

    report = store.ingest([tmp_path / "wires.jsonl"], coder=coder, workers=1)

    original, copy = articles(store)
    assert (report.articles, report.duplicates) == (1, 1)
    assert (copy["outlet"], copy["duplicate_of"], copy["similarity"], copy["mentions"]) == (
        "Daily Nation",
        original["id"],
        1.0,
        0,
    )
    meeting = store.events(dyad=("KEN", "ETH"), type="CONSULT", directed=True).iloc[0]
    assert (meeting.num_mentions, meeting.num_articles, meeting.num_sources) == (1, 1, 2)
    assert (str(meeting.first_seen.date()), str(meeting.last_seen.date())) == ("2023-06-19", "2023-06-20")


def test_a_syndicated_copy_with_its_own_header_and_footer_folds(
    tmp_path: Path, store: Store, no_events_coder
) -> None:
    write_jsonl(
        tmp_path / "wire.jsonl",
        [{"id": "mw-1", "text": WIRE, "date": "2023-06-19", "outlet": "Meridian Wire"}],
    )
    (tmp_path / "newspulse.txt").write_text(SYNDICATED, encoding="utf-8")

    report = store.ingest(
        [tmp_path / "wire.jsonl", tmp_path / "newspulse.txt"], coder=no_events_coder, workers=1
    )

    original, copy = articles(store)
    assert report.duplicates == 1
    assert copy["duplicate_of"] == original["id"]
    assert 0.6 < copy["similarity"] < 1.0
    assert [article.id for article in no_events_coder.coded] == ["mw-1"]


def test_a_reworded_copy_with_a_tenth_of_its_words_swapped_for_synonyms_folds(
    tmp_path: Path, store: Store, no_events_coder
) -> None:
    spun, share = reworded(WIRE)
    assert 0.09 <= share <= 0.11
    write_jsonl(
        tmp_path / "wires.jsonl",
        [
            {"id": "mw-1", "text": WIRE, "date": "2023-06-19", "outlet": "Meridian Wire"},
            {"id": "spin-1", "text": spun, "date": "2023-06-19", "outlet": "Viral Headlines Today"},
        ],
    )

    store.ingest([tmp_path / "wires.jsonl"], coder=no_events_coder, workers=1)

    original, copy = articles(store)
    assert copy["duplicate_of"] == original["id"]
    assert copy["similarity"] < 0.9


def test_a_copy_ingested_in_a_later_run_folds_into_the_stored_original(
    tmp_path: Path, no_events_coder
) -> None:
    write_jsonl(
        tmp_path / "wire.jsonl",
        [{"id": "mw-1", "text": WIRE, "date": "2023-06-19", "outlet": "Meridian Wire"}],
    )
    (tmp_path / "newspulse.txt").write_text(SYNDICATED, encoding="utf-8")
    with Store(tmp_path / "news.duckdb", create=True) as store:
        store.ingest([tmp_path / "wire.jsonl"], coder=no_events_coder, workers=1)

    with Store(tmp_path / "news.duckdb", create=True) as store:
        report = store.ingest([tmp_path / "newspulse.txt"], coder=no_events_coder, workers=1)
        original, copy = articles(store)

    assert report.duplicates == 1
    assert copy["duplicate_of"] == original["id"]


def test_two_stories_about_the_same_meeting_do_not_fold_but_their_mentions_aggregate(
    tmp_path: Path, store: Store, coder
) -> None:
    write_jsonl(
        tmp_path / "news.jsonl",
        [
            {"id": "mw-1", "text": WIRE, "date": "2023-06-19", "outlet": "Meridian Wire"},
            {"id": "hc-1", "text": SAME_EVENT, "date": "2023-06-19", "outlet": "The Harbour Courier"},
        ],
    )

    report = store.ingest([tmp_path / "news.jsonl"], coder=coder, workers=1)

    assert (report.articles, report.duplicates) == (2, 0)
    assert [article["duplicate_of"] for article in articles(store)] == [None, None]
    meetings = store.events(dyad=("KENGOV", "ETHGOV"), type="CONSULT")
    assert len(meetings) == 2, "one event per direction"
    for meeting in meetings.itertuples():
        assert str(meeting.date.date()) == "2023-06-19"
        assert (meeting.num_mentions, meeting.num_articles, meeting.num_sources) == (2, 2, 2)


@pytest.mark.skipif(not (SAMPLES / "MANIFEST.tsv").exists(), reason="samples/ is not in this checkout")
def test_the_sample_corpus_copies_fold_into_their_originals_and_nothing_else_folds(
    store: Store, no_events_coder
) -> None:
    with (SAMPLES / "MANIFEST.tsv").open(encoding="utf-8") as handle:
        manifest = list(csv.DictReader(handle, delimiter="\t"))
    expected = {frozenset((row["id"], row["copy_of"])) for row in manifest if row["copy_of"]}

    store.ingest([SAMPLES / "news"], coder=no_events_coder, workers=1)

    # Records carry their manifest id (JSON lines, feeds); pages and text files are named after it.
    stored = store.sql("SELECT id, coalesce(record_id, '') AS record_id, origin, duplicate_of FROM articles")
    known = {row["id"] for row in manifest}
    name = {
        row.id: row.record_id if row.record_id in known else Path(row.origin).stem
        for row in stored.itertuples()
    }
    folded = {
        frozenset((name[row.id], name[row.duplicate_of]))
        for row in stored.itertuples()
        if isinstance(row.duplicate_of, str)
    }
    assert len(stored) == len(manifest)
    assert folded == expected


def test_a_crawl_ingested_an_article_a_batch_over_two_runs_stores_what_one_batch_stores(
    tmp_path: Path, coder, monkeypatch
) -> None:
    wire = {"id": "mw-1", "text": WIRE, "date": "2023-06-19", "outlet": "Meridian Wire"}
    news = [
        wire,
        {"id": "hc-1", "text": SAME_EVENT, "date": "2023-06-19", "outlet": "The Harbour Courier"},
        {"id": "np-1", "text": SYNDICATED, "date": "2023-06-19", "outlet": "NewsPulse Daily"},
        {"id": "ad-1", "text": STORIES["warc"], "date": "2023-06-20", "outlet": "Andes Daily"},
        {**wire, "id": "dn-1", "date": "2023-06-20", "outlet": "Daily Nation"},
        {"id": "ct-1", "text": reworded(WIRE)[0], "date": "2023-06-21", "outlet": "Coastal Times"},
        {"id": "hc-2", "text": SAME_EVENT, "date": "2023-06-21", "outlet": "Harbour Weekly"},
    ]
    whole = write_jsonl(tmp_path / "crawl.jsonl", news)
    monday = write_jsonl(tmp_path / "monday.jsonl", news[:3])
    rest = write_jsonl(tmp_path / "rest.jsonl", news[3:])
    with Store(tmp_path / "whole.duckdb", create=True) as store:
        at_once = store.ingest([whole], coder=coder, workers=1)
        expected = stored_tables(store)

    monkeypatch.setattr(ingest, "WRITE_BATCH", 1)
    monkeypatch.setattr(ingest, "CLASSIFY_CHUNK", 2)
    # The write connection is opened again every two batches, between articles classified one at a
    # time as the coder asks for them.
    monkeypatch.setattr(ingest, "RENEW_WRITES", 2)
    monkeypatch.setattr(tidings.coder, "BATCH", 1)
    with Store(tmp_path / "batches.duckdb", create=True) as store:
        first = store.ingest([monday], coder=coder, workers=1)
        second = store.ingest([rest], coder=coder, workers=1)
        stored = stored_tables(store)

    assert (at_once.articles, at_once.duplicates) == (3, 4)
    assert (first.articles + second.articles, first.duplicates + second.duplicates) == (3, 4)
    assert first.mentions + second.mentions == at_once.mentions
    assert stored == expected
    assert copies_of(tmp_path / "batches.duckdb") == {
        "np-1": "mw-1",
        "dn-1": "mw-1",
        "ct-1": "mw-1",
        "hc-2": "hc-1",
    }


def copies_of(path: Path) -> dict[str, str]:
    """Each folded copy's record id, and its original's."""
    with Store(path, read_only=True) as store:
        rows = store.con.execute(
            """SELECT copy.record_id, original.record_id FROM articles copy
               JOIN articles original ON copy.duplicate_of = original.id"""
        ).fetchall()
    return dict(rows)


def test_a_long_article_is_signed_as_one_call_over_all_its_shingles_would_sign_it() -> None:
    # A day's proceedings of a parliament, 6,000 numbered lines: well over one call's worth of shingles.
    topics = ["border security", "water rights", "grain exports"]
    text = "\n".join(
        f"Item {number}: the committee on {topics[number % 3]} heard {number * 7 % 97} witnesses "
        f"on clause {number}."
        for number in range(6000)
    )
    tokens = dedup.words(text)
    shingles = {" ".join(tokens[i : i + dedup.SHINGLE_WORDS]).encode() for i in range(len(tokens) - 1)}
    assert len(shingles) > 3 * dedup.SHINGLES_AT_ONCE
    whole = MinHash(num_perm=dedup.NUM_PERM, permutations=dedup._TEMPLATE.permutations, scheme="affine32")
    whole.update_batch(list(shingles))

    signed = dedup.fingerprint(Article(text=text, outlet="Hansard Daily"))

    assert signed.signature.tolist() == whole.hashvalues.astype("<u4").tolist()
    assert signed.bands == dedup.band_keys(whole.hashvalues.astype("<u4"))
