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
3. Huge texts: one JSON record with a text of each of ``--sizes`` MB through ``tidings code``; seconds
   per MB and peak memory (max RSS of the process, from os.wait4).

    .venv/bin/python benchmarks/robustness.py [--records 10000] [--kills 20] [--sizes 1,10,50]
"""

from __future__ import annotations

import argparse
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
from hostile import write_cases  # noqa: E402
from test_interrupt import contents, wire  # noqa: E402

from tidings.model import Article  # noqa: E402
from tidings.read import read_articles  # noqa: E402

TIDINGS = str(Path(sys.executable).with_name("tidings"))


def run(command: list[str], *, timeout: float, env: dict | None = None) -> tuple[int | None, str, str, int]:
    """Exit status (None when it hung and was killed), stdout, stderr and max RSS in MB."""
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, start_new_session=True
    )
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        stdout, stderr = process.communicate()
        return None, stdout, stderr, 0
    return process.returncode, stdout, stderr, _max_rss_mb()


def _max_rss_mb() -> int:
    import resource

    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024


def hostile(records: int, batch: int, timeout: float, folder: Path) -> dict:
    tried = crashed = hung = lost = 0
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
        status, stdout, stderr, _ = run(
            [TIDINGS, "code", *(str(case.path) for case in cases), "--format", "jsonl"], timeout=timeout
        )
        if status is None:
            hung += 1
            continue
        if "Traceback" in stderr or status not in (0, 1):
            crashed += 1
        coded = {json.loads(line)["article_id"] for line in stdout.splitlines()}
        lost += len({id for case in cases for id in case.good.values() if id} - coded)
    return {"tried": tried, "crashed": crashed, "hung": hung, "good records lost": lost}


def kills(count: int, timeout: float, folder: Path) -> dict:
    source = wire(folder / "wire.jsonl")
    command = [TIDINGS, "ingest", str(source), "--workers", "1", "--db"]
    started = time.perf_counter()
    status, _, stderr, _ = run([*command, str(folder / "whole.duckdb")], timeout=timeout)
    assert status == 0, stderr
    whole_seconds = time.perf_counter() - started
    whole = contents(folder / "whole.duckdb")
    differ = crashed = killed = 0
    rng = random.Random(0)
    for number in range(count):
        db = folder / f"killed-{number}.duckdb"
        process = subprocess.Popen([*command, str(db)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.5, whole_seconds))
        if process.poll() is None:
            process.kill()
            killed += 1
        process.wait()
        status, _, stderr, _ = run([*command, str(db)], timeout=timeout)
        crashed += status != 0
        resumed = contents(db)
        differ += any(not resumed[table].equals(frame) for table, frame in whole.items())
        db.unlink(missing_ok=True)
    return {"kill -9": killed, "reruns failed": crashed, "stores that differ": differ}


def huge(sizes: list[int], timeout: float, folder: Path) -> list[dict]:
    rows = []
    sentence = "Kenyan police arrested dozens of protesters in Nairobi on Tuesday. "
    for size in sizes:
        path = folder / f"huge-{size}.jsonl"
        text = sentence * (size * 1_000_000 // len(sentence))
        path.write_text(json.dumps({"id": f"huge-{size}", "text": text}) + "\n", encoding="utf-8")
        started = time.perf_counter()
        status, _, stderr, rss = run([TIDINGS, "code", str(path), "--format", "jsonl"], timeout=timeout)
        seconds = time.perf_counter() - started
        rows.append(
            {
                "MB": size,
                "status": "hung" if status is None else status,
                "seconds": round(seconds, 1),
                "seconds per MB": round(seconds / size, 2),
                "peak MB (largest process so far)": rss,
                "message": stderr.strip().splitlines()[0] if stderr.strip() else "",
            }
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=20, help="hostile folders per tidings code run")
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--sizes", default="1,10,50", help="huge text sizes in MB")
    parser.add_argument("--timeout", type=float, default=600)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        print("hostile records:", hostile(args.records, args.batch, args.timeout, Path(folder)), flush=True)
        print("kill -9 during ingest:", kills(args.kills, args.timeout, Path(folder)), flush=True)
        for row in huge([int(size) for size in args.sizes.split(",")], args.timeout, Path(folder)):
            print("huge text:", row, flush=True)


if __name__ == "__main__":
    main()
