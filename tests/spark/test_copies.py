"""Settling a cluster of near-duplicates decides copies as the store's Finder does, in input order."""

from __future__ import annotations

from tidings.model import Article
from tidings.spark.copies import settle_cluster
from tidings.store.dedup import fingerprint

WIRE = (
    "GENEVA, May 12 (Alpine Wire) - Armenia and Azerbaijan agreed on Monday to resume talks on "
    "demarcating their border, the Swiss foreign ministry said after hosting the two delegations. "
    "The foreign ministers will meet again in June to discuss the opening of transport links, the "
    "ministry said, and both sides pledged to avoid incidents along the frontier during the talks."
)
REPUBLISHED = "Lakeside Post staff. " + WIRE + " Share this story. Copyright Lakeside Post."
REWORDED = (
    WIRE.replace("agreed", "decided").replace("resume", "restart").replace("pledged", "promised")
    + " Read more on Border Watch."
)
OTHER = (
    "LIMA, May 12 (Andes Herald) - Thousands of teachers marched through the Peruvian capital on "
    "Monday to demand higher pay, and police fired tear gas when protesters tried to reach Congress, "
    "witnesses said. The education minister invited union leaders to talks later in the week."
)


def row(seq: int, text: str, outlet: str, earlier: list[int]) -> dict:
    fp = fingerprint(Article(text=text, outlet=outlet))
    signature = fp.signature.tobytes()
    return {"seq": seq, "fid": fp.id, "source": fp.source, "minhash": signature, "earlier": earlier}


def test_a_republished_story_is_a_copy_of_the_earlier_one():
    rows = [
        row(7, REPUBLISHED, "Lakeside Post", [3]),
        row(3, WIRE, "Alpine Wire", []),
        row(9, OTHER, "Andes Herald", []),
    ]
    (copy,) = settle_cluster(rows)
    assert (copy["seq"], copy["original"]) == (7, rows[1]["fid"])
    assert copy["similarity"] >= 0.3


def test_whichever_came_first_is_the_original():
    rows = [row(1, REPUBLISHED, "Lakeside Post", []), row(2, WIRE, "Alpine Wire", [1])]
    (copy,) = settle_cluster(rows)
    assert (copy["seq"], copy["original"]) == (2, rows[0]["fid"])


def test_an_article_linked_only_to_a_copy_is_an_original():
    # As in the store, copies point to originals only: what resembles a copy alone starts a new story.
    rows = [
        row(1, WIRE, "Alpine Wire", []),
        row(2, REPUBLISHED, "Lakeside Post", [1]),
        row(3, REWORDED, "Border Watch", [2]),
    ]
    assert [copy["seq"] for copy in settle_cluster(rows)] == [2]
