"""Coding and folding a corpus on Apache Spark, with the same results as ``tidings ingest``.

    from tidings.spark import session, read, fold, code
    spark = session("local[2]")
    articles, problems = read(spark, ["crawl/*.warc.gz", "news/*.jsonl"])
    corpus = fold(articles, problems=problems)       # the store's tables as DataFrames
    events = code(spark.read.parquet("articles/"))  # or: coded events in the flat layout

``tidings spark code`` runs the whole job and writes Parquet, a DuckDB store and the GDELT export;
docs/spark.md says how to run it on a cluster. PySpark itself is imported when a job starts.
"""

# Imported here, each function is bound after its module loads: ``tidings.spark.read`` is the function.
from .code import code
from .job import Corpus, fold, run
from .read import read
from .session import session

__all__ = ["Corpus", "code", "fold", "read", "run", "session"]
