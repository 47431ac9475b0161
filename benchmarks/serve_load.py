"""Load on `tidings serve`: a generated store of N events, C concurrent clients for S seconds on loopback.

    .venv/bin/python benchmarks/serve_load.py                       # 1,000,000 events, 100 clients, 30 s
    .venv/bin/python benchmarks/serve_load.py --events 100000 --clients 20 --seconds 10
    .venv/bin/python benchmarks/serve_load.py --store /tmp/load.duckdb --warm-up   # keep the store, warm up

The store is written straight into DuckDB (no text is coded): dyads drawn from a skewed list of country pairs,
CAMEO codes by how often news reports them, dates over five years with more events in recent ones. Prints
requests/s, p50 and p99 latency in ms and the errors, per path and overall.

The clients are coroutines of one process, each with one keep-alive connection over which it sends a GET
as soon as the answer to the last one is read; they read and write HTTP/1.1 by hand, since they share the
machine with the server and an HTTP client library would cost more CPU than the server's cached answers.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from tidings.store.schema import connect

COUNTRIES = [
    "USA",
    "CHN",
    "RUS",
    "UKR",
    "ISR",
    "PSE",
    "IRN",
    "IND",
    "PAK",
    "GBR",
    "FRA",
    "DEU",
    "TUR",
    "SYR",
    "KEN",
    "ETH",
    "NGA",
    "BRA",
    "JPN",
    "KOR",
    "PRK",
    "SAU",
    "EGY",
    "SRB",
    "AFG",
]
# (CAMEO code, PLOVER type, QuadClass, Goldstein, weight)
CODES = [
    ("040", "CONSULT", 1, 1.0, 30),
    ("010", "CONSULT", 1, 0.0, 15),
    ("030", "AGREE", 1, 4.0, 8),
    ("057", "AGREE", 2, 8.0, 3),
    ("070", "AID", 2, 7.0, 4),
    ("112", "ACCUSE", 3, -2.0, 10),
    ("130", "THREATEN", 3, -4.4, 5),
    ("160", "REJECT", 3, -4.0, 4),
    ("190", "ASSAULT", 4, -10.0, 8),
    ("173", "COERCE", 4, -5.0, 5),
]


def build(path: Path, events: int) -> None:
    con = connect(path)
    con.execute(
        "CREATE TEMP TABLE countries AS SELECT * FROM (SELECT unnest(?) AS code, "
        "generate_subscripts(?, 1) AS rank)",
        [COUNTRIES, COUNTRIES],
    )
    con.execute(
        "CREATE TEMP TABLE codes (cameo VARCHAR, plover VARCHAR, quad TINYINT, goldstein DOUBLE, "
        "weight INTEGER)"
    )
    con.executemany("INSERT INTO codes VALUES (?, ?, ?, ?, ?)", CODES)
    total = sum(code[-1] for code in CODES)
    con.execute("SELECT setseed(0.42)")
    # Actors ranked by a Zipf-like power: the first countries are in most dyads, as in real news.
    con.execute(f"""
        CREATE TEMP TABLE drawn AS
        SELECT i AS id,
               1 + floor(pow(random(), 2.2) * {len(COUNTRIES)})::INT AS s,
               1 + floor(pow(random(), 2.2) * {len(COUNTRIES)})::INT AS t,
               floor(random() * {total})::INT AS pick,
               (DATE '2021-01-01' + INTERVAL (floor(sqrt(random()) * 1825)) DAY)::DATE AS date
        FROM range(1, {events} + 1) r(i)""")
    con.execute("""
        CREATE TEMP TABLE picks AS SELECT cameo, plover, quad, goldstein,
            sum(weight) OVER (ORDER BY cameo) - weight AS low, sum(weight) OVER (ORDER BY cameo) AS high
        FROM codes""")
    con.execute("""
        INSERT INTO articles (id, seq, title, url, outlet, source, published, mentions, text, ingested_at)
        SELECT 'a' || id, id, 'Story ' || id, 'https://news.example/' || id, 'Outlet ' || (id % 40),
               'Outlet ' || (id % 40), date, 1, 'Officials met on the day. The talks went on.', now()
        FROM drawn""")
    con.execute(
        """
        INSERT INTO events (id, date, date_precision, source_code, source_country, target_code,
            target_country, cameo, cameo_root, quad_class, goldstein, plover_type, modality, location,
            location_country, num_mentions, num_articles, num_sources, first_seen, last_seen, is_root,
            confidence, first_article, added_at)
        SELECT d.id, d.date, 'day', a.code, a.code, b.code, b.code, p.cameo, left(p.cameo, 2), p.quad,
               p.goldstein, p.plover, 'asserted', 'Capital of ' || b.code, b.code, 1 + (d.id % 3), 1, 1,
               d.date, d.date, true, 0.9, 'a' || d.id, now()
        FROM drawn d JOIN countries a ON a.rank = d.s JOIN countries b ON b.rank = (CASE WHEN d.t = d.s
             THEN d.t % %d + 1 ELSE d.t END) JOIN picks p ON d.pick >= p.low AND d.pick < p.high""".replace(
            "%d", str(len(COUNTRIES))
        )
    )
    con.execute("""
        INSERT INTO mentions (mention_id, event_id, article_id, sentence_index, sentence, date,
            date_precision, source_code, source_text, source_start, source_end, target_code, target_text,
            target_start, target_end, cameo, cameo_root, quad_class, goldstein, plover_type, trigger,
            trigger_start, trigger_end, modality, confidence)
        SELECT 'm' || id, id, first_article, 0, 'Officials met on the day.', date, 'day', source_code,
               'Officials', 0, 9, target_code, 'day', 21, 24, cameo, cameo_root, quad_class, goldstein,
               plover_type, 'met', 10, 13, 'asserted', 0.9 FROM events""")
    con.execute("INSERT INTO event_sources SELECT id, 'Outlet ' || (id % 40) FROM events")
    con.execute("""
        INSERT INTO actors SELECT code, code, code, NULL, count(*)::INT, count(*)::INT, 0 FROM
        (SELECT source_code AS code FROM events) GROUP BY code""")
    con.execute("CHECKPOINT")
    con.close()


# The pages and endpoints asked for: {a} and {b} are two of the eight busiest countries, {id} a random event.
SHAPES = [
    "/",
    "/relations/{a}/{b}",
    "/relations/{a}/{b}?freq=month&type=CONSULT",
    "/network",
    "/network?type=ASSAULT",
    "/map?actor={a}",
    "/events/{id}",
    "/articles/a{id}",
    "/api/v1/events?limit=50",
    "/api/v1/events?source={a}&target={b}&since=2024-01-01",
    "/api/v1/events?actor={a}&quad_class=4",
    "/api/v1/events/{id}",
    "/api/v1/timeline?actor={a}&other={b}&freq=month",
    "/api/v1/dyads",
    "/api/v1/places?type=ASSAULT",
    "/api/v1/actors?prefix={a1}",
    "/api/v1/stats",
]


def paths(rng: random.Random, events: int) -> str:
    a, b = rng.sample(COUNTRIES[:8], 2)
    return rng.choice(SHAPES).format(a=a, b=b, a1=a[:1], id=rng.randint(1, events))


def every_page() -> list[str]:
    """Each path the clients can ask for, but those of single events and articles."""
    found = {
        shape.format(a=a, b=b, a1=a[:1])
        for shape in SHAPES
        if "{id}" not in shape
        for a in COUNTRIES[:8]
        for b in COUNTRIES[:8]
        if a != b
    }
    return sorted(found)


class Connection:
    """One keep-alive HTTP/1.1 connection, read and written by hand: the clients share the server's two
    cores, and a full HTTP client costs several times what it measures."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str) -> int:
        """The status of ``GET path``, its body read to the end."""
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        try:
            self.writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}\r\n\r\n".encode())
            head = await self.reader.readuntil(b"\r\n\r\n")
            status = int(head[9:12])
            headers = head.lower()
            if b"transfer-encoding: chunked" in headers:
                while size := int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16):
                    await self.reader.readexactly(size + 2)
                await self.reader.readuntil(b"\r\n")
            else:
                length = re.search(rb"content-length: *(\d+)", headers)
                await self.reader.readexactly(int(length[1]) if length else 0)
            if b"connection: close" in headers:
                self.close()
            return status
        except (OSError, asyncio.IncompleteReadError, ValueError):
            self.close()
            raise

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


async def warm_up(host: str, port: int, clients: int) -> int:
    """Ask for every page once, ``clients`` at a time, as earlier users would have: return how many."""
    pending = every_page()

    async def client() -> None:
        connection = Connection(host, port)
        while pending:
            await connection.get(pending.pop())
        connection.close()

    count = len(pending)
    await asyncio.gather(*(client() for _ in range(clients)))
    return count


async def load(host: str, port: int, clients: int, seconds: float, events: int) -> dict[str, list]:
    results: dict[str, list] = {}
    deadline = time.perf_counter() + seconds

    async def client(number: int) -> None:
        rng = random.Random(number)
        connection = Connection(host, port)
        while time.perf_counter() < deadline:
            path = paths(rng, events)
            start = time.perf_counter()
            try:
                ok = await asyncio.wait_for(connection.get(path), 30) == 200
            except (OSError, asyncio.IncompleteReadError, ValueError, TimeoutError):
                connection.close()
                ok = False
            # Paths are grouped by their shape: /relations/USA/CHN and /relations/RUS/UKR together.
            name = "/".join(
                "*" if part.isupper() or any(c.isdigit() for c in part) else part
                for part in path.split("?")[0].split("/")
            ) + ("?..." if "?" in path else "")
            results.setdefault(name, []).append((time.perf_counter() - start, ok))
        connection.close()

    await asyncio.gather(*(client(number) for number in range(clients)))
    return results


def report(results: dict[str, list], seconds: float) -> None:
    def line(name: str, rows: list) -> str:
        times = sorted(t * 1000 for t, _ in rows)
        p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
        errors = sum(not ok for _, ok in rows)
        return (
            f"{name:32} {len(rows) / seconds:8.1f} req/s  p50 {statistics.median(times):7.1f} ms  "
            f"p99 {p99:7.1f} ms  errors {errors}"
        )

    for name, rows in sorted(results.items()):
        print(line(name, rows))
    print(line("all", [row for rows in results.values() for row in rows]))


def peak_memory_mb(pid: int) -> float:
    """The peak resident memory of process ``pid`` (Linux), 0 where it cannot be read."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    found = re.search(r"VmHWM:\s+(\d+) kB", status)
    return int(found[1]) / 1000 if found else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--clients", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--store", type=Path, help="the generated store: kept, and built only if missing")
    parser.add_argument(
        "--warm-up",
        action="store_true",
        help="ask for every page once before the clients start (answers are then kept by the server)",
    )
    args = parser.parse_args()
    store = args.store or Path(tempfile.mkdtemp(prefix="tidings-serve-load-")) / "load.duckdb"
    if not store.exists():
        start = time.perf_counter()
        build(store, args.events)
        print(f"built a store of {args.events:,} events in {time.perf_counter() - start:.1f} s")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [str(Path(sys.executable).with_name("tidings")), "serve", "--db", str(store), "--port", str(port)]
    )
    host = "127.0.0.1"
    try:
        start = time.perf_counter()
        while time.perf_counter() - start < 300:
            try:
                urllib.request.urlopen(f"http://{host}:{port}/api/v1/stats", timeout=5).close()
                break
            except (urllib.error.URLError, OSError):
                if server.poll() is not None:  # it said why (an old store, a port taken) and stopped
                    raise SystemExit(f"the server stopped with status {server.returncode}") from None
                time.sleep(0.1)
        print(
            f"server up in {time.perf_counter() - start:.1f} s (the store opened, its rows read into memory)"
        )
        if args.warm_up:
            start = time.perf_counter()
            count = asyncio.run(warm_up(host, port, 4))
            print(f"warmed up: {count} pages in {time.perf_counter() - start:.1f} s")
        results = asyncio.run(load(host, port, args.clients, args.seconds, args.events))
        print(f"server: peak memory {peak_memory_mb(server.pid):,.0f} MB")
    finally:
        server.terminate()
        server.wait(timeout=10)
    load_average = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    parser_name = "httptools" if importlib.util.find_spec("httptools") else "h11"
    print(
        f"{args.clients} clients, {args.seconds:g} s, {args.events:,} events, "
        f"{'warm' if args.warm_up else 'cold'} start; uvicorn with {parser_name}; "
        f"{os.cpu_count()} cores, load average {load_average}"
    )
    report(results, args.seconds)


if __name__ == "__main__":
    main()
