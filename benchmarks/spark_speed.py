"""Spark speed: articles/s of `tidings spark code` on local[1] and local[2], and of `tidings ingest
--workers 2`, on the same invented articles (benchmarks/corpus.py; 5,000 by default).

The articles are written as JSON lines in eight files, as a crawl dump comes in many. Each run is
a fresh process: the Spark runs time the whole job (reading, fingerprinting, folding copies, coding,
folding events, writing Parquet, the DuckDB store and the GDELT export) after the session has
started, including the pipeline load in each executor process (once per process); the ingest run
times ``Store.ingest`` after its Coder is loaded (its workers are forked with the pipeline loaded).
The start-up and load times are printed apart, and so is the coding step of each Spark job (its
Spark jobs named ``tidings: coding``, read from the event log): the step that grows with the
articles and divides by the executor cores, beside the rest, which does not. The load average
before and after each run says how much of the machine the run had.

Run it from the repository root (on 2 quiet cores, about half an hour for 5,000 articles):

    .venv/bin/python benchmarks/spark_speed.py [--articles 5000] [--seed 0]
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import articles

FILES = 8


def child_spark(corpus: str, out: str, master: str) -> dict:
    from tidings.spark import run, session

    log = out + "-events"
    os.makedirs(log)
    logging = {
        "spark.eventLog.enabled": "true",
        "spark.eventLog.dir": log,
        "spark.eventLog.compress": "false",
    }
    start = time.perf_counter()
    spark = session(master, config=logging)
    started = time.perf_counter() - start
    cores = spark.sparkContext.defaultParallelism
    start = time.perf_counter()
    tables = run(spark, [corpus], out)
    seconds = time.perf_counter() - start
    stored = spark.read.parquet(os.path.join(out, "articles"))
    copies = stored.where("duplicate_of IS NOT NULL").count()
    result = {
        "start": started,
        "seconds": seconds,
        "cores": cores,
        "articles": stored.count() - copies,
        "duplicates": copies,
        "known": tables.known,
        "events": spark.read.parquet(os.path.join(out, "events")).count(),
    }
    spark.stop()
    return {**result, **coding_step(log)}


def coding_step(log: str) -> dict:
    """The coding step's seconds, and the seconds of each task of its heaviest stage, the one that codes
    (the first task on each core loads the pipeline, the later ones find it loaded)."""
    (path,) = glob.glob(os.path.join(log, "**", "events_*"), recursive=True)
    times, stages, tasks = {}, set(), defaultdict(list)
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            event = json.loads(line)
            kind = event["Event"]
            described = (event.get("Properties") or {}).get("spark.job.description")
            if kind == "SparkListenerJobStart" and described == "tidings: coding":
                times[event["Job ID"]] = -event["Submission Time"]
                stages.update(event["Stage IDs"])
            elif kind == "SparkListenerJobEnd" and event["Job ID"] in times:
                times[event["Job ID"]] += event["Completion Time"]
            elif kind == "SparkListenerTaskEnd" and event["Stage ID"] in stages:
                info = event["Task Info"]
                seconds = (info["Finish Time"] - info["Launch Time"]) / 1000
                tasks[event["Stage ID"]].append((info["Launch Time"], seconds))
    coding = max(tasks.values(), key=lambda stage: sum(seconds for _, seconds in stage))
    return {"coding": sum(times.values()) / 1000, "tasks": [seconds for _, seconds in sorted(coding)]}


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
    before = os.getloadavg()[0]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"{' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return {**json.loads(done.stdout.strip().splitlines()[-1]), "load": (before, os.getloadavg()[0])}


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
        header = (
            f"{'run':<20} {'articles/s':>10} {'seconds':>8} {'coding':>7} {'rest':>5} {'start':>6} "
            f"{'coded':>6} {'copies':>6} {'events':>7} {'load before/after':>18}"
        )
        print(header)
        print("-" * len(header))
        runs = {
            "spark local[1]": ("spark", "out-1", "local[1]"),
            "spark local[2]": ("spark", "out-2", "local[2]"),
            "ingest --workers 2": ("ingest", "ingest.duckdb", "2"),
        }
        results = {}
        for name, (kind, out, setting) in runs.items():  # each line as its run ends: an hour is long
            result = results[name] = run(kind, str(corpus), str(Path(tmp) / out), setting)
            seen = result["articles"] + result["duplicates"] + result["known"]
            coding = result.get("coding")
            split = f"{coding:>7.0f} {result['seconds'] - coding:>5.0f}" if coding is not None else " " * 13
            print(
                f"{name:<20} {seen / result['seconds']:>10.2f} {result['seconds']:>8.0f} {split} "
                f"{result['start']:>6.1f} "
                f"{result['articles']:>6,} {result['duplicates']:>6,} {result['events']:>7,} "
                f"{result['load'][0]:>9.2f} / {result['load'][1]:<5.2f}",
                flush=True,
            )
    print(
        "\ncoding: the Spark jobs that code the originals (tidings: coding); rest: reading, folding copies "
        "and events, writing;\nstart: the Spark session's start-up, or the ingest Coder's load (not in "
        "articles/s); load: the 1-minute load average"
    )
    one, two = results["spark local[1]"], results["spark local[2]"]
    print(
        f"\nlocal[2] is {one['seconds'] / two['seconds']:.2f}x local[1] over the whole job, "
        f"{one['coding'] / two['coding']:.2f}x on the coding step\n"
    )
    print("How the cost grows with executor cores k: seconds = rest + coded articles x core-seconds each / k")
    for name in ("spark local[1]", "spark local[2]"):
        result = results[name]
        per_core = result["coding"] * result["cores"] / result["articles"]
        tasks = ", ".join(f"{seconds:.0f}" for seconds in result["tasks"])
        print(
            f"  {name}: {per_core:.3f} core-seconds an article ({1 / per_core:.1f} articles/s a core), "
            f"rest {result['seconds'] - result['coding']:.0f} s; coding tasks in start order, s: {tasks} "
            f"(the first on each of the {result['cores']} cores loads the pipeline)"
        )


if __name__ == "__main__":
    main()
