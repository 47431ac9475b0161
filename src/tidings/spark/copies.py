"""Folding copies across a whole corpus: the store's fingerprints and thresholds, banded with groupBy.

Every article gets the store's fingerprint (``store.dedup.fingerprint``): an identity, a MinHash
signature and LSH band keys. An article whose identity came earlier is dropped, as ingest skips an
article the store has. Articles are paired by band key with a join, as the store's Finder finds its
candidates (see ``verdicts``), and pairs at least ``THRESHOLD`` similar are linked; the links'
connected components (found by passing the smallest seq along them) are small clusters of one
story, and each is settled in one task as the Finder settles articles one by one: in seq order, an
article is a copy of the earliest original it matches, else an original.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pyarrow as pa

from ..model import Article
from ..store.dedup import NUM_PERM, THRESHOLD, Fingerprint, earliest_match, fingerprint
from .read import ARTICLES

FINGERPRINTS = pa.schema(
    list(ARTICLES)
    + [
        ("fid", pa.string()),
        ("source", pa.string()),
        ("minhash", pa.binary()),
        ("signature", pa.list_(pa.int64())),
        ("bands", pa.list_(pa.int64())),
    ]
)
VERDICTS = pa.schema([("seq", pa.int64()), ("original", pa.string()), ("similarity", pa.float64())])
# Labels pass one link a round, so a component settles in as many rounds as its longest chain of
# links; copies of one story are linked to each other directly, and a chain this long is not a story.
MAX_ROUNDS = 30


def article(row: dict) -> Article:
    """The Article of a row of the articles DataFrame."""
    return Article(
        text=row["text"],
        id=row["id"],
        date=row["date"],
        title=row["title"],
        url=row["url"],
        outlet=row["outlet"],
        origin=row["origin"],
    )


def fingerprints(articles):
    """``articles`` with each one's store identity (``fid``), source, signature and band keys."""
    from .schema import spark_type

    def sign(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for batch in batches:
            rows = batch.to_pylist()
            for row in rows:
                fp = fingerprint(article(row))
                signed = fp.signature is not None
                row.update(
                    fid=fp.id,
                    source=fp.source,
                    minhash=fp.signature.tobytes() if signed else None,
                    signature=fp.signature.astype(np.int64).tolist() if signed else None,
                    bands=fp.bands,
                )
            yield pa.RecordBatch.from_pylist(rows, schema=FINGERPRINTS)

    return articles.mapInArrow(sign, spark_type(FINGERPRINTS))


def first_of_each(signed):
    """One article per identity, the first; the rest are what ingest calls already stored."""
    from pyspark.sql import functions as F

    firsts = signed.groupBy("fid").agg(F.min("seq").alias("seq"))
    return signed.join(firsts, ["fid", "seq"], "left_semi")


def verdicts(unique):
    """For each article that is a copy: its seq, the id of its original and their similarity.

    unique: fingerprinted articles, one per identity, with ``chunk``: which of ingest's classifying
    chunks (``CLASSIFY_CHUNK`` records in input order) the article falls in.
    """
    from pyspark.sql import functions as F

    from .schema import spark_type

    postings = unique.where(F.size("bands") > 0).select("seq", "chunk", F.explode("bands").alias("key"))
    earlier, later = postings.alias("a"), postings.alias("b")
    # Ingest compares an article with the earlier originals that share a band with it and, from the
    # chunks before its own, with those that share a band with any article of its chunk.
    shared = (
        earlier.join(later, "key")
        .where(F.col("a.seq") < F.col("b.seq"))
        .select(F.col("a.seq").alias("a"), F.col("b.seq").alias("b"))
    )
    chunk_keys = postings.select(F.col("chunk").alias("of"), "key").distinct()
    members = unique.where(F.size("bands") > 0).select(F.col("chunk").alias("of"), F.col("seq").alias("b"))
    by_chunk = (
        chunk_keys.join(postings, "key")
        .where(F.col("chunk") < F.col("of"))
        .select("of", F.col("seq").alias("a"))
        .distinct()
        .join(members, "of")
        .select("a", "b")
    )
    pairs = shared.union(by_chunk).distinct()
    signatures = unique.where(F.col("signature").isNotNull()).select("seq", "signature")
    same = F.expr("size(filter(zip_with(sa, sb, (x, y) -> x = y), same -> same))")
    links = (
        pairs.join(signatures.toDF("a", "sa"), "a")
        .join(signatures.toDF("b", "sb"), "b")
        .where(same / NUM_PERM >= THRESHOLD)
        .select("a", "b")
        .localCheckpoint()
    )
    earlier_links = links.groupBy(F.col("b").alias("seq")).agg(F.collect_list("a").alias("earlier"))
    clusters = (
        components(links)
        .join(unique.select("seq", "fid", "source", "minhash"), "seq")
        .join(earlier_links, "seq", "left")
    )

    def settle(table: pa.Table) -> pa.Table:
        return pa.Table.from_pylist(settle_cluster(table.to_pylist()), schema=VERDICTS)

    return clusters.groupBy("component").applyInArrow(settle, spark_type(VERDICTS))


def components(links):
    """(seq, component) for every linked article: the smallest seq it is connected to."""
    from pyspark.sql import functions as F

    both = links.union(links.select("b", "a")).toDF("v", "w")
    labels = both.groupBy("v").agg(F.least(F.min("w"), F.first("v")).alias("label")).localCheckpoint()
    for _ in range(MAX_ROUNDS):
        passed = (
            both.join(labels.withColumnRenamed("v", "w").withColumnRenamed("label", "theirs"), "w")
            .groupBy("v")
            .agg(F.min("theirs").alias("theirs"))
        )
        updated = (
            labels.join(passed, "v").select("v", F.least("label", "theirs").alias("label")).localCheckpoint()
        )
        changed = updated.join(labels.withColumnRenamed("label", "before"), "v").where("label <> before")
        labels = updated
        if changed.isEmpty():
            break
    return labels.toDF("seq", "component")


def settle_cluster(rows: list[dict]) -> list[dict]:
    """The copies in one cluster, decided in seq order as the store's Finder decides them.

    rows: seq, fid, source, minhash and ``earlier``, the seqs of the earlier articles it was
    compared with and found similar enough to.
    """
    originals: dict[int, tuple[str, np.ndarray]] = {}
    found = []
    for row in sorted(rows, key=lambda row: row["seq"]):
        signature = np.frombuffer(row["minhash"], dtype="<u4")
        options = {
            originals[seq][0]: (seq, originals[seq][1]) for seq in row["earlier"] or () if seq in originals
        }
        match = earliest_match(Fingerprint(row["fid"], row["source"], signature, []), options)
        if match is None:
            originals[row["seq"]] = (row["fid"], signature)
        else:
            found.append({"seq": row["seq"], "original": match[0], "similarity": match[1]})
    return found
