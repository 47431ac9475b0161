"""Ingest speed and memory: articles/s on 1 and 2 workers, peak memory as the store grows, store size.

For each worker count it ingests the same invented articles (benchmarks/corpus.py; 5,000 by default,
300-1,000 words) from a JSON lines file into a new store with ``Store.ingest``, in a fresh process, and:

- times the whole ingest (reading, fingerprinting, coding, writing; the model load is timed apart);
- samples the memory of the process tree (the ingest and its coding workers) every second, and prints the
  peak up to the moments 1,000 and 5,000 articles were stored (``--checkpoints``) and over the whole run:
  memory that stays flat as the store grows shows that nothing grows with it;
- measures the store file per 1,000 articles once it is closed;
- ingests the same file again, to time skipping articles the store already has.

Run it from the repository root (about 25 minutes for 5,000 articles on 2 cores; the issue's memory check,
20,000 articles on one worker, about an hour on a shared machine):

    .venv/bin/python benchmarks/ingest_speed.py [--articles 5000] [--seed 0] [--workers 1 2]
    .venv/bin/python benchmarks/ingest_speed.py --articles 20000 --workers 1   # memory at 1k, 5k and 20k
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
from coder_speed import TreeSampler, _mb
from corpus import articles

CHECKPOINTS = (1_000, 5_000)  # articles stored when memory is read, besides the end


def child(corpus: str, db: str, workers: int, checkpoints: list[int]) -> None:
    """Child process: ingest ``corpus`` into a new store at ``db``; print the measurements as JSON."""
    from tidings import Coder, Store

    sampler = TreeSampler(os.getpid())
    sampler.start()
    start = time.perf_counter()
    coder = Coder()
    load = time.perf_counter() - start
    at_checkpoint: dict[int, dict[str, int]] = {}
    with Store(db, create=True) as store:

        def progress(report) -> None:
            for point in checkpoints:
                if report.seen >= point and point not in at_checkpoint:
                    at_checkpoint[point] = {
                        "rss": sampler.peak_rss,
                        "pss": sampler.peak_pss,
                        "duckdb": cached(store),
                    }

        first = store.ingest([corpus], workers=workers, coder=coder, progress=progress)
        at_end = {"rss": sampler.peak_rss, "pss": sampler.peak_pss, "duckdb": cached(store)}
        again = store.ingest([corpus], workers=workers, coder=coder)
    sampler.done.set()
    sampler.join()
    result = {
        "load": load,
        "seconds": first.seconds,
        "articles": first.articles,
        "duplicates": first.duplicates,
        "mentions": first.mentions,
        "problems": len(first.problems),
        "skip_seconds": again.seconds,
        "skipped": again.known,
        "checkpoint": at_checkpoint,
        "end": at_end,
        "size": os.path.getsize(db),
    }
    print(json.dumps(result))


def cached(store) -> int:
    """Bytes held by DuckDB's buffer manager: mostly blocks of the store file that it keeps cached."""
    return int(store.sql("SELECT sum(memory_usage_bytes) AS used FROM duckdb_memory()")["used"][0])


def run(corpus: Path, db: Path, workers: int, checkpoints: list[int]) -> dict:
    command = [sys.executable, str(Path(__file__).resolve()), "--child", str(corpus), str(db), str(workers)]
    command += ["--checkpoints", *map(str, checkpoints)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"ingest on {workers} worker(s) failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def print_table(results: dict[int, dict], total: int) -> None:
    header = f"{'workers':>7} {'articles/s':>10} {'seconds':>8} {'skip/s':>7} {'MB/1k art.':>10}"
    print(header)
    print("-" * len(header))
    for workers, result in results.items():
        seen = result["articles"] + result["duplicates"]
        per_thousand = result["size"] / 2**20 / (total / 1000)
        print(
            f"{workers:>7} {seen / result['seconds']:>10.1f} {result['seconds']:>8.0f} "
            f"{result['skipped'] / result['skip_seconds']:>7.0f} {per_thousand:>10.2f}"
        )
    print("(skip/s: articles/s when ingesting the same file again; MB/1k art.: the store file's size)\n")


def print_memory(results: dict[int, dict], total: int) -> None:
    header = f"{'workers':>7} {'stored':>8} {'PSS MB':>7} {'RSS MB':>7} {'DuckDB MB':>9}"
    print(header)
    print("-" * len(header))
    for workers, result in results.items():
        points = {int(point): reading for point, reading in result["checkpoint"].items()}
        points[total] = result["end"]
        for point, reading in sorted(points.items()):
            print(
                f"{workers:>7} {point:>8,} {_mb(reading['pss']):>7} {_mb(reading['rss']):>7} "
                f"{_mb(reading['duckdb']):>9}"
            )
        first, last = min(points), max(points)
        if points[first]["pss"]:
            growth = points[last]["pss"] / points[first]["pss"]
            print(f"{'':>7} PSS from {first:,} to {last:,} articles stored: x {growth:.2f}")
    print(
        "(peaks of the process tree up to that many articles stored; PSS shares the pages that forked "
        "workers share with their parent, RSS counts them once per process; DuckDB: memory its buffer "
        "manager holds then)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=5000, help="how many articles (default 5000)")
    parser.add_argument("--seed", type=int, default=0, help="corpus seed (default 0)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="worker counts (default 1 2)")
    parser.add_argument(
        "--checkpoints",
        type=int,
        nargs="*",
        default=list(CHECKPOINTS),
        help="articles stored at which memory is read, besides the end (default 1000 5000)",
    )
    parser.add_argument("--child", nargs=3, metavar=("CORPUS", "DB", "WORKERS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], args.child[1], int(args.child[2]), args.checkpoints)
        return
    checkpoints = [point for point in args.checkpoints if point < args.articles]

    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    with tempfile.TemporaryDirectory(prefix="tidings-ingest-") as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        words = 0
        with corpus.open("w", encoding="utf-8") as handle:
            for record in articles(args.articles, seed=args.seed):
                words += len(record["text"].split())
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        print(
            f"{args.articles:,} articles, {words:,} words ({words / args.articles:.0f} per article); "
            f"{cpus} CPUs available\n"
        )
        results = {
            workers: run(corpus, Path(tmp) / f"store-{workers}.duckdb", workers, checkpoints)
            for workers in args.workers
        }

    print_table(results, args.articles)
    print_memory(results, args.articles)
    for workers, result in results.items():
        print(
            f"{workers} worker(s): {result['articles']:,} articles coded, {result['duplicates']:,} copies "
            f"folded, {result['mentions']:,} event mentions, {result['problems']} skipped; model load "
            f"{result['load']:.1f} s (not in articles/s)"
        )


if __name__ == "__main__":
    main()
