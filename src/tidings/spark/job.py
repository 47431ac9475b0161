"""A whole job: read, fold copies, code the originals, fold mentions into events, write."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from ..read.records import DEFAULT_FIELDS, Fields
from ..store.ingest import CLASSIFY_CHUNK
from . import copies, write
from .code import settings_of, store_rows, with_record_fields
from .fold import actors_of, events_of, mentions_of
from .read import read
from .schema import table


@dataclass
class Corpus:
    """A coded corpus as Spark DataFrames: the store's tables, and the records that were skipped.

    articles, mentions, events, event_sources, actors, article_bands: as in the store (docs/store.md);
    problems: file, record, origin, code and message of each record that could not be read or coded;
    known: articles left out because an identical one (same text, same source) came earlier.
    """

    articles: object
    mentions: object
    events: object
    event_sources: object
    actors: object
    article_bands: object
    problems: object
    known: int

    def tables(self) -> dict:
        return {name: getattr(self, name) for name in write.TABLES}


def fold(
    articles,
    *,
    model: str | None = None,
    actors: Sequence[str | os.PathLike] = (),
    include_unrealized: bool = False,
    partitions: int | None = None,
    problems=None,
) -> Corpus:
    """Fold copies, code the originals and fold their mentions into events, across a DataFrame of articles.

    articles: the record fields ``text`` and optionally ``id``, ``date``, ``title``, ``url``,
    ``outlet``, ``origin``, ``seq`` (input order: of two copies, the earlier is the original).
    partitions: how many tasks code the originals; default twice the cluster's cores.
    problems: a DataFrame of records already skipped (from ``read``), to report with the rest.
    """
    from pyspark.sql import functions as F

    spark = articles.sparkSession
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    signed = copies.fingerprints(with_record_fields(articles)).persist()
    unique = copies.first_of_each(signed).join(_chunks(signed, problems), "seq").persist()
    known = signed.count() - unique.count()
    settled = unique.join(copies.verdicts(unique), "seq", "left")
    partitions = partitions or 2 * spark.sparkContext.defaultParallelism
    settings = settings_of(model, actors, include_unrealized)
    coded = store_rows(settled.repartition(partitions), settings=settings, now=now).persist()
    with step(spark, "coding"):
        coded.count()  # code once: every table below is read from this
    signed.unpersist()
    article_rows = coded.select(*table("articles").names)
    mentions = mentions_of(coded).persist()
    events, event_sources = events_of(mentions, article_rows, now=now)
    bands = unique.join(settled.where("original IS NULL").select("seq"), "seq").select(
        F.explode("bands").alias("key"), F.col("fid").alias("article_id")
    )
    failed = coded.where("problem IS NOT NULL").select("problem.*")
    return Corpus(
        articles=article_rows,
        mentions=mentions.select(*table("mentions").names),
        events=events,
        event_sources=event_sources,
        actors=actors_of(mentions),
        article_bands=bands,
        problems=failed if problems is None else problems.unionByName(failed),
        known=known,
    )


@contextmanager
def step(spark, name: str) -> Iterator[None]:
    """Name the Spark jobs run inside as ``tidings: <name>``, as the Spark UI and event log show them."""
    context = spark.sparkContext
    outer = context.getLocalProperty("spark.job.description")
    context.setJobDescription(f"tidings: {name}")
    try:
        yield
    finally:
        context.setJobDescription(outer)


def _chunks(signed, problems):
    """(seq, chunk) of every article: which of ingest's classifying chunks it falls in.

    Ingest classifies the records (articles and unreadable ones) a chunk at a time, and a chunk's
    articles are compared with the candidates of all of them (``store.dedup.Finder.classify``).
    """
    order = signed.select("seq")
    if problems is not None:
        order = order.union(problems.select("seq"))
    ranks = order.rdd.map(lambda row: row[0]).sortBy(lambda seq: seq).zipWithIndex()
    return ranks.map(lambda pair: (pair[0], pair[1] // CLASSIFY_CHUNK)).toDF("seq long, chunk long")


def run(
    spark,
    sources: Sequence[str],
    out: str,
    *,
    fields: Fields = DEFAULT_FIELDS,
    date: str | None = None,
    model: str | None = None,
    actors: Sequence[str | os.PathLike] = (),
    include_unrealized: bool = False,
    partitions: int | None = None,
    duckdb: bool = True,
) -> Corpus:
    """Code the files, folders and patterns in ``sources`` into ``out``: Parquet tables, a DuckDB
    store (``out/tidings.duckdb``, unless not ``duckdb``) and the GDELT export (with the store)."""
    write.check_out(out)
    articles, problems = read(spark, sources, fields=fields, date=date)
    with step(spark, "reading and folding copies"):
        corpus = fold(
            articles,
            model=model,
            actors=actors,
            include_unrealized=include_unrealized,
            partitions=partitions,
            problems=problems,
        )
    with step(spark, "writing"):
        write.parquet(corpus.tables(), out)
    if duckdb:
        write.store(out, include_unrealized=include_unrealized)
    return corpus
