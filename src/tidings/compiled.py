"""Knowledge compiled once: what is slow to build from the data files, kept in the user's cache.

Building the actor knowledge base, the token sequences of its names and the gazetteer from their
files takes seconds; reading a compiled copy back takes milliseconds. What is read whole is kept
with marshal (``compiled``); a large index of which a text asks for a few names (GeoNames' places)
is an SQLite table read one name at a time (``compiled_lookup``). A copy is named by a hash of
everything it is built from (the data files, the user's dictionaries, the modules that build it, the
versions of the packages it reads), so changing any of them builds a new copy and a stale one is
never read. The cache is ``$TIDINGS_CACHE_DIR``, else ``$XDG_CACHE_HOME/tidings``, else
``~/.cache/tidings``; nothing in the installed package is ever written.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sqlite3
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

# Copies kept per kind of knowledge: a few sets of user dictionaries each keep their own.
KEEP = 8


def cache_dir() -> Path:
    """Where compiled knowledge is kept."""
    explicit = os.environ.get("TIDINGS_CACHE_DIR")
    if explicit:
        return Path(explicit)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "tidings"


def fingerprint(*parts: str | Path) -> str:
    """A hash of strings and of files' names and contents (a missing file hashes as missing)."""
    digest = hashlib.blake2b(digest_size=16)
    # marshal's format follows the interpreter's: a copy made by another Python is not read.
    digest.update(f"{sys.version_info[:2]} {marshal.version}".encode())
    for part in parts:
        digest.update(b"\0")
        if isinstance(part, Path):
            digest.update(str(part).encode() + b"\0")
            try:
                digest.update(part.read_bytes())
            except OSError:
                digest.update(b"\1missing")
        else:
            digest.update(part.encode())
    return digest.hexdigest()


def cache_path(name: str, key: str, suffix: str = ".marshal") -> Path:
    """The file holding the copy of ``name`` compiled from what ``key`` fingerprints."""
    return cache_dir() / f"{name}-{key}{suffix}"


def compiled(name: str, key: str, build: Callable[[], Any]) -> Any:
    """``build()``'s value, read from the cache when a copy for ``key`` is there, else built and kept.

    The value must be plain data that marshal can write: dicts, lists, tuples, strings and numbers.
    """
    path = cache_path(name, key)
    try:
        # loads() of the whole file: load() reads a file object in small pieces, several times slower.
        return marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        pass  # missing or damaged: built again below
    value = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        with partial.open("wb") as handle:
            marshal.dump(value, handle)
        partial.replace(path)  # whole or not at all: another process may be reading it
        _prune(name, ".marshal")
    except OSError:
        pass  # a read-only cache only costs the next run the build again
    return value


class Lookup:
    """A compiled table of names to values, read one name at a time (see ``compiled_lookup``)."""

    def __init__(self, path: Path | None, values: dict[str, bytes] | None = None) -> None:
        self.path = path
        self.values = values  # in memory, when the cache could not be written
        self._connection: sqlite3.Connection | None = None
        self._pid = 0

    def get(self, name: str) -> bytes | None:
        if self.values is not None:
            return self.values.get(name)
        # A connection must not cross a fork: a forked worker opens its own.
        if self._connection is None or self._pid != os.getpid():
            self._connection = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            self._pid = os.getpid()
        row = self._connection.execute("SELECT value FROM entries WHERE name = ?", (name,)).fetchone()
        return row[0] if row else None


def compiled_lookup(name: str, key: str, build: Callable[[], Iterable[tuple[str, bytes]]]) -> Lookup:
    """The (name, value) pairs ``build()`` gives, as a table in the cache, built when missing."""
    path = cache_path(name, key, ".sqlite")
    if path.is_file():
        return Lookup(path)
    pairs = list(build())
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.unlink(missing_ok=True)
        with sqlite3.connect(partial) as connection:
            connection.execute("CREATE TABLE entries (name TEXT PRIMARY KEY, value BLOB) WITHOUT ROWID")
            connection.executemany("INSERT INTO entries VALUES (?, ?)", pairs)
        connection.close()
        partial.replace(path)
        _prune(name, ".sqlite")
    except (OSError, sqlite3.Error):
        return Lookup(None, dict(pairs))
    return Lookup(path)


def _prune(name: str, suffix: str) -> None:
    """Remove all but the newest copies of ``name``."""
    copies = sorted(cache_dir().glob(f"{name}-*{suffix}"), key=_mtime, reverse=True)
    for old in copies[KEEP:]:
        old.unlink(missing_ok=True)


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
