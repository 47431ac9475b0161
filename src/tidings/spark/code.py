"""Coding on the executors: one Coder per executor process, loaded on its first batch, never pickled.

Spark keeps a Python worker process for many tasks (``spark.python.worker.reuse``, on by default),
so the pipeline (a few seconds to load) is loaded once per process and reused by every later task.
Each Arrow batch is coded ``SLICE`` articles at a time, and each slice's rows are sent back before the
next is coded: a batch can hold thousands of articles (``spark.sql.execution.arrow.maxRecordsPerBatch``),
and its events would otherwise all be held at once. ``code`` returns coded events in the event
model's flat layout; ``store_rows`` gives the store's article rows with their mentions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import numpy as np
import pyarrow as pa

from ..coder import Coded, Coder
from ..model import Problem, flatten
from ..store.dedup import Fingerprint, Verdict
from ..store.fold import article_row, mention_row
from .copies import article
from .read import ARTICLES, problem_row
from .schema import PROBLEMS, flat_events, spark_type, table, to_batch, with_dates

Settings = tuple[str | None, tuple[str, ...], bool]
_CODERS: dict[Settings, Coder] = {}
# Articles coded before their rows go back to Spark: a few of the Coder's batches.
SLICE = 64


def coder(settings: Settings) -> Coder:
    """This process's Coder for (model, actor files, include_unrealized), loaded on first use."""
    if settings not in _CODERS:
        model, actors, include_unrealized = settings
        _CODERS[settings] = Coder(model=model, actors=actors, include_unrealized=include_unrealized)
    return _CODERS[settings]


def settings_of(model: str | None, actors=(), include_unrealized: bool = False) -> Settings:
    return (model, tuple(str(path) for path in actors), include_unrealized)


def code(articles, *, model: str | None = None, actors=(), include_unrealized: bool = False):
    """The events coded from a DataFrame of articles, one row per event in ``FLAT_COLUMNS`` layout.

    articles: a DataFrame with the record fields ``text`` and, optionally, ``id``, ``date``
    (``YYYY-MM-DD`` or a date), ``title``, ``url`` and ``outlet``. Articles that cannot be coded
    give no events; ``tidings.spark.fold`` reports them.
    """
    settings = settings_of(model, actors, include_unrealized)
    schema = flat_events()

    def run(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for rows in slices(batches):
            results = coder(settings).iter_code([article(row) for row in rows])
            events = [flatten(event) for item in results if isinstance(item, Coded) for event in item.events]
            yield to_batch(events, schema)

    return with_record_fields(articles).mapInArrow(run, spark_type(schema))


def slices(batches: Iterator[pa.RecordBatch]) -> Iterator[list[dict]]:
    """The rows of ``batches``, at most ``SLICE`` at a time."""
    for batch in batches:
        for start in range(0, batch.num_rows, SLICE):
            yield batch.slice(start, SLICE).to_pylist()


def with_record_fields(articles):
    """``articles`` with every column of the articles layout, dates as ``YYYY-MM-DD`` strings."""
    from pyspark.sql import functions as F

    columns = set(articles.columns)
    if "seq" not in columns:
        articles = articles.withColumn("seq", F.monotonically_increasing_id())
    for name in ARTICLES.names[1:]:
        articles = articles.withColumn(name, F.col(name).cast("string") if name in columns else F.lit(None))
    return articles.select(*ARTICLES.names)


def _coded_schema() -> pa.Schema:
    """An article row of the store, its mention rows and the problem if it failed to code."""
    mention = pa.struct(list(table("mentions")))
    return pa.schema(
        [*table("articles"), ("events", pa.list_(mention)), ("problem", pa.struct(list(PROBLEMS)))]
    )


def store_rows(settled, *, settings: Settings, now: dt.datetime):
    """The store's article row for each article, with its mentions; originals are coded, copies not.

    settled: fingerprinted articles, with ``original`` and ``similarity`` set for copies.
    """
    schema = _coded_schema()
    mention = schema.field("events").type.value_type

    def run(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for rows in slices(batches):
            verdicts = [_verdict(row) for row in rows]
            originals = [verdict.article for verdict in verdicts if verdict.kind == "new"]
            results = iter(coder(settings).iter_code(originals)) if originals else iter(())
            out = []
            for verdict in verdicts:
                events, error, problem = [], None, None
                if verdict.kind == "new":
                    result = next(results)
                    if isinstance(result, Problem):
                        error = str(result)
                        problem = {"seq": verdict.seq, **problem_row(result)}
                    else:
                        events = result.events
                row = article_row(verdict, events, error, now)
                mentions = [mention_row(verdict, event) for event in events]
                row.update(seq=verdict.seq, events=with_dates(mentions, mention), problem=problem)
                out.append(row)
            yield to_batch(out, schema)

    return settled.mapInArrow(run, spark_type(schema))


def _verdict(row: dict) -> Verdict:
    signature = np.frombuffer(row["minhash"], dtype="<u4") if row["minhash"] is not None else None
    fp = Fingerprint(row["fid"], row["source"], signature, row["bands"] or [])
    if row["original"] is None:
        return Verdict(article(row), fp, "new", row["seq"])
    return Verdict(article(row), fp, "copy", row["seq"], row["original"], row["similarity"])
