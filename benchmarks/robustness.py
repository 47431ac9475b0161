"""Hostile input, kill -9 and huge texts against the installed ``tidings``: what crashed, hung or was lost.

1. Hostile records: the hostile files of tests/robustness/hostile.py (every reader: JSON lines, JSON, CSV,
   HTML, feeds, WARC, gzip with a decompression bomb, folders with link loops, FIFOs and devices), written
   again in as many folders as it takes to reach ``--records`` records, then read with ``tidings code``
   in batches of ``--batch`` folders. A run crashed when its stderr holds a traceback or its exit status is
   neither 0 nor 1; it hung when it outlived ``--timeout``. Good records lost are the good records with an
   id whose events are missing from the output, plus the good records ``read_articles`` did not give back.
2. kill -9: ``tidings ingest`` of a generated wire file, killed with SIGKILL after a random delay
   ``--kills`` times, each followed by the same command again to the end; the store must equal that of an
   uninterrupted run table by table (articles, copies, events, mentions, event_sources, actors).
3. Huge texts: one JSON record with a news-like text of each of ``--sizes`` MB through ``tidings code
   --max-chars`` (``--max-chars``: a text over it is reported, TID104, and not coded); then a folder of
   stories with two pathological plain-text files of ``--pathological`` MB (a word without a space,
   tiny sentences). Seconds, seconds per MB and peak memory (the max RSS of the process, from os.wait4);
   the records of ``--ingest-sizes`` MB go through ``tidings ingest`` too.

    .venv/bin/python benchmarks/robustness.py [--records 10000] [--kills 20] [--sizes 1,10,50]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests" / "robustness"), str(ROOT / "tests" / "store")]
from hostile import STORIES, write_cases  # noqa: E402
from test_interrupt import contents, wire  # noqa: E402

from tidings.model import Article, content_id  # noqa: E402
from tidings.read import read_articles  # noqa: E402

TIDINGS = str(Path(sys.executable).with_name("tidings"))


def run(command: list[str], *, timeout: float) -> tuple[int | None, str, str, int]:
    """Exit status (None when it hung and was killed), stdout, stderr and the process's max RSS in MB."""
    with tempfile.TemporaryFile("w+") as stdout, tempfile.TemporaryFile("w+") as stderr:
        process = subprocess.Popen(command, stdout=stdout, stderr=stderr, text=True, start_new_session=True)
        deadline = time.monotonic() + timeout
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                os.killpg(process.pid, signal.SIGKILL)
                os.wait4(process.pid, 0)
                return None, "", "", 0
            time.sleep(0.05)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)  # workers left behind, if any
        process.returncode = os.waitstatus_to_exitcode(status)
        stdout.seek(0)
        stderr.seek(0)
        return process.returncode, stdout.read(), stderr.read(), usage.ru_maxrss // 1024


def hostile(records: int, batch: int, timeout: float, folder: Path) -> dict:
    tried = crashed = hung = lost = peak = 0
    sets = []
    while tried < records:
        cases = write_cases(Path(tempfile.mkdtemp(dir=folder)))
        sets.append(cases)
        tried += sum(len(case.good) + len(case.bad) for case in cases)
    for start in range(0, len(sets), batch):
        cases = [case for group in sets[start : start + batch] for case in group]
        for case in cases:
            found = {item.origin for item in read_articles([case.path]) if isinstance(item, Article)}
            lost += len(set(case.good) - found)
        status, stdout, stderr, rss = run(
            [TIDINGS, "code", *(str(case.path) for case in cases), "--format", "jsonl"], timeout=timeout
        )
        peak = max(peak, rss)
        if status is None:
            hung += 1
            continue
        if "Traceback" in stderr or status not in (0, 1):
            crashed += 1
        coded = {json.loads(line)["article_id"] for line in stdout.splitlines()}
        lost += len({id for case in cases for id in case.good.values() if id} - coded)
    return {"tried": tried, "crashed": crashed, "hung": hung, "good records lost": lost, "peak MB": peak}


def kills(count: int, timeout: float, folder: Path) -> dict:
    source = wire(folder / "wire.jsonl")
    command = [TIDINGS, "ingest", str(source), "--workers", "1", "--db"]
    started = time.perf_counter()
    status, _, stderr, peak = run([*command, str(folder / "whole.duckdb")], timeout=timeout)
    assert status == 0, stderr
    whole_seconds = time.perf_counter() - started
    whole = contents(folder / "whole.duckdb")
    differ = crashed = hung = killed = 0
    rng = random.Random(0)
    for number in range(count):
        db = folder / f"killed-{number}.duckdb"
        process = subprocess.Popen([*command, str(db)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        # Before the uninterrupted run's end, so that the kill lands unless this run is much faster.
        time.sleep(rng.uniform(0.5, 0.9 * whole_seconds))
        if process.poll() is None:
            process.kill()
            killed += 1
        process.wait()
        status, _, stderr, rss = run([*command, str(db)], timeout=timeout)
        peak = max(peak, rss)
        hung += status is None
        crashed += status not in (0, None) or "Traceback" in stderr
        resumed = contents(db) if status is not None else {}
        differ += any(
            table not in resumed or not resumed[table].equals(frame) for table, frame in whole.items()
        )
        db.unlink(missing_ok=True)
    return {
        "kill -9": killed,
        "reruns crashed": crashed,
        "reruns hung": hung,
        "stores that differ": differ,
        "peak MB": peak,
    }


def news(size: int) -> str:
    """About ``size`` MB of news-like text: the hostile tests' stories, five to a paragraph."""
    paragraph = " ".join(STORIES) + "\n\n"
    return paragraph * (size * 1_000_000 // len(paragraph))


def huge(sizes: list[int], ingested: list[int], max_chars: int, timeout: float, folder: Path) -> list[dict]:
    """``tidings code`` of one record of news of each size, and ``tidings ingest`` of those ``ingested``."""
    rows = []
    for size in sizes:
        path = folder / f"huge-{size}.jsonl"
        path.write_text(json.dumps({"id": f"huge-{size}", "text": news(size)}) + "\n", encoding="utf-8")
        limit = ["--max-chars", str(max_chars)]
        command = [TIDINGS, "code", str(path), "--format", "jsonl", *limit]
        rows.append(timed(f"tidings code, {size} MB of news in one JSON record", size, command, timeout))
        if size in ingested:
            db = folder / f"huge-{size}.duckdb"
            command = [TIDINGS, "ingest", str(path), "--workers", "1", "--db", str(db), *limit]
            rows.append(
                timed(f"tidings ingest, {size} MB of news in one JSON record", size, command, timeout)
            )
            db.unlink(missing_ok=True)
        path.unlink()
    return rows


def pathological(size: int, timeout: float, folder: Path) -> dict:
    """A folder of stories with a word of ``size`` MB without a space and ``size`` MB of tiny sentences."""
    texts = folder / "pathological"
    texts.mkdir()
    ids = set()
    for number, story in enumerate(STORIES):
        (texts / f"story-{number}.txt").write_text(story + "\n", encoding="utf-8")
        ids.add(content_id(story + "\n"))
    (texts / "word.txt").write_text("(" * (size * 1_000_000), encoding="utf-8")
    (texts / "tiny.txt").write_text("Go. " * (size * 250_000), encoding="utf-8")
    command = [TIDINGS, "code", str(texts), "--format", "jsonl"]
    case = f"a folder of stories, a {size} MB word and {size * 250_000:,} tiny sentences"
    row = timed(case, 2 * size, command, timeout)
    coded = {json.loads(line)["article_id"] for line in row.pop("stdout").splitlines()}
    row["good records lost"] = len(ids - coded)
    return row


def timed(case: str, size: int, command: list[str], timeout: float) -> dict:
    started = time.perf_counter()
    status, stdout, stderr, rss = run(command, timeout=timeout)
    seconds = time.perf_counter() - started
    return {
        "case": case,
        "status": "hung" if status is None else status,
        "crashed": status not in (0, 1, None) or "Traceback" in stderr,
        "events": len(stdout.splitlines()),
        "seconds": round(seconds, 1),
        "seconds per MB": round(seconds / size, 1),
        "peak MB": rss,
        "messages": sorted({line.split(" (")[0] for line in stderr.splitlines()}),
        "stdout": stdout,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=20, help="hostile folders per tidings code run")
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--sizes", default="1,10,50", help="huge text sizes in MB")
    parser.add_argument("--ingest-sizes", default="1", help="huge text sizes also ingested")
    parser.add_argument("--max-chars", type=int, default=1_000_000, help="--max-chars for the huge texts")
    parser.add_argument("--pathological", type=int, default=1, help="MB of each pathological file")
    parser.add_argument("--timeout", type=float, default=1800)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        print("hostile records:", hostile(args.records, args.batch, args.timeout, Path(folder)), flush=True)
        print("kill -9 during ingest:", kills(args.kills, args.timeout, Path(folder)), flush=True)
        sizes, ingested = (
            [int(size) for size in option.split(",") if size] for option in (args.sizes, args.ingest_sizes)
        )
        for row in huge(sizes, ingested, args.max_chars, args.timeout, Path(folder)):
            row.pop("stdout")
            print("huge text:", row, flush=True)
        if args.pathological:
            found = pathological(args.pathological, args.timeout, Path(folder))
            print("pathological files:", found, flush=True)


if __name__ == "__main__":
    main()
