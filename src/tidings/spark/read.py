"""Reading what ``tidings ingest`` reads, one file per task, on the executors.

The driver only lists the files (``read.source_files``, in ingest's order); each executor reads its
files with tidings' own readers, so every format, and every problem they report, is the same as on
one machine. Each record gets ``seq``, its place in that order, which decides which of two copies is
the original, as the order of input does for ingest. Parquet files of articles (the record fields
as columns) are read here too, a row group at a time.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterator, Sequence

import pyarrow as pa

from ..errors import TidingsError
from ..model import Article, Problem
from ..read.records import DEFAULT_FIELDS, Fields, record_articles
from ..read.sources import read_articles, read_file, source_files
from .schema import PROBLEMS

# A record's seq is its file's place in the input order, shifted past the records of one file.
FILE_SHIFT = 32
ARTICLES = pa.schema(
    [("seq", pa.int64())]
    + [(name, pa.string()) for name in ("id", "text", "date", "title", "url", "outlet", "origin")]
)
RECORDS = pa.schema(list(ARTICLES) + [field for field in PROBLEMS if field.name not in ARTICLES.names])
# An origin is the file, or the file and a record in it: ``path:12`` (line 12) or ``path#3`` (item 3).
_ORIGIN = re.compile(r"(.+?)(?::\d+|#\d+)?")


def read(
    spark,
    sources: Sequence[str],
    *,
    fields: Fields = DEFAULT_FIELDS,
    date: str | None = None,
    max_chars: int = 1_000_000,
):
    """The records of ``sources``: a DataFrame of articles and one of problems (file, record, code...).

    The files must be where every executor can open them (a local run, or a shared file system).
    """
    if "-" in sources:
        raise TidingsError("a Spark job cannot read standard input; name files, folders or patterns")
    read_articles([], fields=fields, date=date, max_chars=max_chars)  # checks the options before a job runs
    files, missing = [], []
    for index, found in enumerate(source_files(sources)):
        if isinstance(found, Problem):  # a source that names no file, in its place in the order
            missing.append({"seq": (index << FILE_SHIFT) + 1, **problem_row(found, found.origin)})
        else:
            files.append((index, found[0], found[1]))
    from .schema import spark_type

    groups = _balanced(files, 2 * spark.sparkContext.defaultParallelism)
    listing = (
        spark.sparkContext.parallelize(range(len(groups)), max(1, len(groups)))
        .flatMap(lambda group: groups[group])
        .toDF("file_index long, path string, named boolean")
    )

    def read_partition(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for batch in batches:
            for index, path, named in zip(*(batch.column(i).to_pylist() for i in range(3)), strict=True):
                rows = _records(index, path, named, fields=fields, date=date, max_chars=max_chars)
                yield from _batches(rows, RECORDS)

    records = listing.mapInArrow(read_partition, spark_type(RECORDS)).persist()
    problems = records.where("code IS NOT NULL").select(*PROBLEMS.names)
    if missing:
        problems = problems.unionByName(spark.createDataFrame(missing, spark_type(PROBLEMS)))
    articles = records.where("code IS NULL").select(*ARTICLES.names)
    return articles, problems


def _balanced(files: list[tuple[int, str, bool]], tasks: int) -> list[list[tuple[int, str, bool]]]:
    """The files in at most ``tasks`` groups of about the same size, a group per task: the largest
    files first, each to the group with the fewest bytes so far."""
    groups: list[list[tuple[int, str, bool]]] = [[] for _ in range(min(tasks, len(files)))]
    loads = [0] * len(groups)
    for entry in sorted(files, key=lambda entry: -_size(entry[1])):
        lightest = loads.index(min(loads))
        groups[lightest].append(entry)
        loads[lightest] += _size(entry[1])
    return groups


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def _records(
    index: int, path: str, named: bool, *, fields: Fields, date: str | None, max_chars: int
) -> Iterator[dict]:
    """The rows of one file: an article or a problem each, numbered in reading order."""
    if path.lower().endswith(".parquet"):
        items = _read_parquet(path, fields=fields, date=date, max_chars=max_chars)
    else:
        items = read_file(path, named=named, fields=fields, date=date, max_chars=max_chars)
    base = index << FILE_SHIFT
    for number, item in enumerate(items, start=1):
        if isinstance(item, Problem):
            yield {"seq": base + number, **problem_row(item, path)}
        else:
            yield {
                "seq": base + number,
                "id": item.id,
                "text": item.text,
                "date": item.date,
                "title": item.title,
                "url": item.url,
                "outlet": item.outlet,
                "origin": item.origin,
            }


def problem_row(item: Problem, path: str | None = None) -> dict:
    """A problem's row: its file, the record in it (``12`` for line 12, ``#3``), its code and message.

    path: the file it was read from; without it, the file and record are told from its origin.
    """
    if path is None:
        match = _ORIGIN.fullmatch(item.origin)
        path = match[1] if match else item.origin
    record = item.origin[len(path) :].lstrip(":") if item.origin.startswith(path) else None
    return {
        "file": path,
        "record": record or None,
        "origin": item.origin,
        "code": item.code,
        "message": item.message,
    }


def _read_parquet(
    path: str, *, fields: Fields, date: str | None, max_chars: int
) -> Iterator[Article | Problem]:
    """Rows of a Parquet file of articles, checked like JSON records; a row's origin is ``file#n``."""
    import pyarrow.parquet as pq

    try:
        reader = pq.ParquetFile(path)
    except (OSError, pa.ArrowException) as error:
        from ..errors import problem

        yield problem(path, "TID107", str(error).splitlines()[0])
        return
    number = 0
    for batch in reader.iter_batches():
        for record in batch.to_pylist():
            number += 1
            if isinstance(record.get(fields.date), dt.date):
                record[fields.date] = record[fields.date].isoformat()
            yield from record_articles(
                record, origin=f"{path}#{number}", fields=fields, date=date, max_chars=max_chars
            )


def _batches(rows: Iterator[dict], schema: pa.Schema, size: int = 256) -> Iterator[pa.RecordBatch]:
    chunk = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= size:
            yield pa.RecordBatch.from_pylist(chunk, schema=schema)
            chunk = []
    if chunk:
        yield pa.RecordBatch.from_pylist(chunk, schema=schema)
