"""What DuckDB keeps for every UPDATE, and what gives it back: the reason ingest renews its connection.

Ingest updates the events' counts twice a batch (``store.fold``). This loop does what a long ingest
does to one table, without the model: transactions that each insert 300 rows and update 100 of the
rows stored before, on a file store with ingest's memory limit. It prints glibc's heap in use (after
``malloc_trim``) every 500 transactions, in four ways: inserts alone; with the updates; with the
updates and a ``CHECKPOINT`` every 100 transactions; with the updates and the connection closed and
opened again every 250 (``store.ingest.RENEW_WRITES`` is 64 batches). With DuckDB 2.0.1 the heap
grows by about 4 kB an update until the connection is closed; run it again after upgrading DuckDB
to see whether ``RENEW_WRITES`` is still needed.

    .venv/bin/python benchmarks/duckdb_updates.py [--transactions 3000]   # about a minute, Linux only
"""

from __future__ import annotations

import argparse
import ctypes
import random
import string
import sys
import tempfile
from pathlib import Path

import duckdb
import pyarrow as pa

from tidings.store.ingest import DUCKDB_MEMORY

WAYS = ("inserts only", "updates", "updates, CHECKPOINT every 100", "updates, reopened every 250")


class _Mallinfo2(ctypes.Structure):
    _fields_ = [
        (name, ctypes.c_size_t)
        for name in ("arena ordblks smblks hblks hblkhd usmblks fsmblks uordblks fordblks keepcost".split())
    ]


def heap_in_use(libc: ctypes.CDLL) -> int:
    """Bytes glibc has handed out and not had back, once its free pages are returned."""
    libc.malloc_trim(0)
    info = libc.mallinfo2()
    return info.uordblks + info.hblkhd


def connect(path: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(str(path))
    con.execute(f"SET memory_limit = '{DUCKDB_MEMORY}'")
    return con


def run(way: str, path: Path, transactions: int, libc: ctypes.CDLL) -> list[int]:
    rng = random.Random(0)
    con = connect(path)
    con.execute("CREATE TABLE events (id BIGINT, name VARCHAR, mentions INTEGER, sentence VARCHAR)")
    readings, stored = [], 0
    for number in range(1, transactions + 1):
        rows = [
            {
                "id": stored + i,
                "name": "".join(rng.choices(string.ascii_letters, k=40)),
                "mentions": 1,
                "sentence": "x" * 200,
            }
            for i in range(1, 301)
        ]
        stored += len(rows)
        con.execute("BEGIN TRANSACTION")
        con.register("batch", pa.Table.from_pylist(rows))
        con.execute("INSERT INTO events BY NAME SELECT * FROM batch")
        con.unregister("batch")
        if way != "inserts only":
            ids = [rng.randrange(1, stored) for _ in range(100)]
            con.execute(
                "UPDATE events SET mentions = mentions + 1 WHERE id IN (SELECT unnest($1::BIGINT[]))", [ids]
            )
        con.execute("COMMIT")
        if way.startswith("updates, CHECKPOINT") and number % 100 == 0:
            con.execute("CHECKPOINT")
        if way.startswith("updates, reopened") and number % 250 == 0:
            con.close()
            con = connect(path)
        if number % 500 == 0:
            readings.append(heap_in_use(libc))
    con.close()
    return readings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--transactions", type=int, default=3000, help="transactions per way (default 3000)")
    args = parser.parse_args()
    if not sys.platform.startswith("linux"):
        sys.exit("this reads glibc's heap: Linux only")
    libc = ctypes.CDLL(None)
    libc.mallinfo2.restype = _Mallinfo2
    print(
        f"DuckDB {duckdb.__version__}, memory limit {DUCKDB_MEMORY}; glibc's heap in use, MB, every 500 "
        "transactions of 300 inserts (and 100 updates)"
    )
    for way in WAYS:
        with tempfile.TemporaryDirectory(prefix="tidings-updates-") as tmp:
            readings = run(way, Path(tmp) / "store.duckdb", args.transactions, libc)
        print(f"{way:<32} " + " ".join(f"{reading / 2**20:5.0f}" for reading in readings))


if __name__ == "__main__":
    main()
