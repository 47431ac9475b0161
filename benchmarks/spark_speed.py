"""Spark speed: articles/s of `tidings spark code` on local[1] and local[2], and of `tidings ingest
--workers 2`, on the same invented articles (benchmarks/corpus.py; 5,000 by default).

The articles are written as JSON lines in eight files, as a crawl dump comes in many. Each run is
a fresh process: the Spark runs time the whole job (reading, fingerprinting, folding copies, coding,
folding events, writing Parquet, the DuckDB store and the GDELT export) after the session has
started, including the pipeline load in each executor process (once per process); the ingest run
times ``Store.ingest`` after its Coder is loaded (its workers are forked with the pipeline loaded).
The start-up and load times are printed apart.

Run it from the repository root (on 2 cores, about an hour for 5,000 articles):

    .venv/bin/python benchmarks/spark_speed.py [--articles 5000] [--seed 0]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import articles

FILES = 8


def child_spark(corpus: str, out: str, master: str) -> dict:
    from tidings.spark import run, session

    start = time.perf_counter()
    spark = session(master)
    started = time.perf_counter() - start
    start = time.perf_counter()
    tables = run(spark, [corpus], out)
    seconds = time.perf_counter() - start
    stored = spark.read.parquet(os.path.join(out, "articles"))
    copies = stored.where("duplicate_of IS NOT NULL").count()
    result = {
        "start": started,
        "seconds": seconds,
        "articles": stored.count() - copies,
        "duplicates": copies,
        "known": tables.known,
        "events": spark.read.parquet(os.path.join(out, "events")).count(),
    }
    spark.stop()
    return result


def child_ingest(corpus: str, db: str, workers: int) -> dict:
    from tidings import Coder, Store

    start = time.perf_counter()
    coder = Coder()
    load = time.perf_counter() - start
    with Store(db, create=True) as store:
        report = store.ingest([corpus], workers=workers, coder=coder)
        events = int(store.sql("SELECT count(*) AS n FROM events")["n"][0])
    return {
        "start": load,
        "seconds": report.seconds,
        "articles": report.articles,
        "duplicates": report.duplicates,
        "known": report.known,
        "events": events,
    }


def run(*args: str) -> dict:
    command = [sys.executable, str(Path(__file__).resolve()), "--child", *args]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"{' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=5000, help="how many articles (default 5000)")
    parser.add_argument("--seed", type=int, default=0, help="corpus seed (default 0)")
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, corpus, out, setting = args.child
        if kind == "spark":
            result = child_spark(corpus, out, setting)
        else:
            result = child_ingest(corpus, out, int(setting))
        print(json.dumps(result))
        return

    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    with tempfile.TemporaryDirectory(prefix="tidings-spark-") as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        handles = [(corpus / f"part-{n}.jsonl").open("w", encoding="utf-8") for n in range(FILES)]
        words = 0
        for index, record in enumerate(articles(args.articles, seed=args.seed)):
            words += len(record["text"].split())
            handles[index % FILES].write(json.dumps(record, ensure_ascii=False) + "\n")
        for handle in handles:
            handle.close()
        print(
            f"{args.articles:,} articles in {FILES} JSON lines files, {words:,} words "
            f"({words / args.articles:.0f} per article); {cpus} CPUs available\n"
        )
        results = {
            "spark local[1]": run("spark", str(corpus), str(Path(tmp) / "out-1"), "local[1]"),
            "spark local[2]": run("spark", str(corpus), str(Path(tmp) / "out-2"), "local[2]"),
            "ingest --workers 2": run("ingest", str(corpus), str(Path(tmp) / "ingest.duckdb"), "2"),
        }

    header = (
        f"{'run':<20} {'articles/s':>10} {'seconds':>8} {'start':>6} {'coded':>6} {'copies':>6} {'events':>7}"
    )
    print(header)
    print("-" * len(header))
    for name, result in results.items():
        seen = result["articles"] + result["duplicates"] + result["known"]
        print(
            f"{name:<20} {seen / result['seconds']:>10.2f} {result['seconds']:>8.0f} {result['start']:>6.1f} "
            f"{result['articles']:>6,} {result['duplicates']:>6,} {result['events']:>7,}"
        )
    one, two = results["spark local[1]"], results["spark local[2]"]
    print(
        f"\nlocal[2] is {one['seconds'] / two['seconds']:.2f}x local[1] (2 executor cores instead of 1); "
        "start: the Spark session's start-up, or the ingest Coder's load (not in articles/s)"
    )


if __name__ == "__main__":
    main()
