"""Knowing an article again: its identity, and near-duplicate copies found with MinHash LSH.

An article's identity is a hash of its normalised text and its source, so the
same story read twice is recognised, while the same story from another outlet
is a copy. Copies (syndicated, republished, lightly reworded) are found by
comparing MinHash signatures of word 2-shingles: each original's LSH band
hashes sit in the store's ``article_bands`` table, and only articles still in
flight are held in memory, so memory stays flat however large the store grows.
The parameters were chosen on samples/news (docs/store.md, "Duplicates").
"""

from __future__ import annotations

import hashlib
import re
import threading
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from urllib.parse import urlsplit

import duckdb
import numpy as np
from datasketch import MinHash

from ..model import Article, content_id

SHINGLE_WORDS = 2
BANDS, ROWS = 40, 3
NUM_PERM = BANDS * ROWS
# Copies on samples/news have a Jaccard similarity of 0.49 (reworded) to 1.0; different stories, even
# about the same event or from the same boilerplate-heavy site, at most 0.15.
THRESHOLD = 0.3
# Below this many shingles two unrelated short texts can look alike; they are only recognised when identical.
MIN_SHINGLES = 10
# The permutation scheme is fixed so that signatures stored by one datasketch release still compare
# with those of the next.
_TEMPLATE = MinHash(num_perm=NUM_PERM, seed=1, scheme="affine32")
_WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    """The words of a text, compatibility-normalised and case-folded, without punctuation."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def article_source(article: Article) -> str | None:
    """Who published an article: its outlet, else its URL's host (without ``www.``), else None."""
    if article.outlet:
        return article.outlet
    if article.url:
        host = urlsplit(article.url).hostname
        if host:
            return host.removeprefix("www.")
    return None


@dataclass(slots=True)
class Fingerprint:
    """What the store needs to know an article again."""

    id: str
    source: str | None
    signature: np.ndarray | None
    bands: list[int]

    def source_key(self) -> str:
        """The source as counted in NumSources: an article of unknown source is a source of its own."""
        return self.source or f"article:{self.id}"


def fingerprint(article: Article) -> Fingerprint:
    """The identity, MinHash signature and LSH band keys of an article."""
    tokens = words(article.text)
    source = article_source(article)
    identity = content_id(" ".join(tokens) + "\x1f" + (source or ""))
    shingles = {" ".join(tokens[i:i + SHINGLE_WORDS]).encode("utf-8")
                for i in range(max(1, len(tokens) - SHINGLE_WORDS + 1))}
    if len(shingles) < MIN_SHINGLES:
        return Fingerprint(identity, source, None, [])
    minhash = MinHash(num_perm=NUM_PERM, permutations=_TEMPLATE.permutations, scheme="affine32")
    minhash.update_batch(list(shingles))
    signature = minhash.hashvalues.astype("<u4")
    return Fingerprint(identity, source, signature, band_keys(signature))


def band_keys(signature: np.ndarray) -> list[int]:
    """One signed 64-bit key per LSH band: a hash of the band's number and its MinHash values."""
    keys = []
    for band in range(BANDS):
        values = signature[band * ROWS:(band + 1) * ROWS].tobytes()
        digest = hashlib.blake2b(bytes([band]) + values, digest_size=8).digest()
        keys.append(int.from_bytes(digest, "little", signed=True))
    return keys


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """The Jaccard similarity of two articles' shingles, as their signatures estimate it."""
    return float(np.count_nonzero(a == b)) / NUM_PERM


def signature_bytes(signature: np.ndarray | None) -> bytes | None:
    return None if signature is None else signature.tobytes()


@dataclass(slots=True)
class Match:
    """The original an article copies."""

    original: str
    similarity: float


class Finder:
    """Tells, for each article in input order, whether the store has it, and what it is a copy of.

    Articles classified as originals but not yet stored are "in flight": they are
    matched from memory until ``settled`` says they are in the store, where the
    lookups find them instead. ``known`` and ``match`` may run in another thread than
    ``settled`` (the coder's process pool pulls articles from its own thread).
    """

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con.cursor()
        self.seq = self.con.execute("SELECT coalesce(max(seq), 0) FROM articles").fetchone()[0]
        self._lock = threading.Lock()
        self._flight: dict[str, tuple[int, np.ndarray | None]] = {}
        self._flight_bands: dict[int, list[str]] = defaultdict(list)

    def next_seq(self) -> int:
        self.seq += 1
        return self.seq

    def stored_ids(self, ids: list[str]) -> set[str]:
        """Which of these article ids are in the store or in flight."""
        with self._lock:
            found = {id for id in ids if id in self._flight}
        rows = self.con.execute("SELECT id FROM articles WHERE id IN (SELECT unnest($1::VARCHAR[]))", [ids])
        return found | {row[0] for row in rows.fetchall()}

    def candidates(self, fingerprints: list[Fingerprint]) -> dict[str, tuple[int, np.ndarray]]:
        """The stored originals that share a band with any of these articles: id -> (seq, signature)."""
        keys = sorted({key for fingerprint in fingerprints for key in fingerprint.bands})
        if not keys:
            return {}
        rows = self.con.execute(
            """SELECT a.id, a.seq, a.minhash FROM articles a
               WHERE a.id IN (SELECT article_id FROM article_bands WHERE key IN (SELECT unnest($1::BIGINT[])))""",
            [keys]).fetchall()
        return {id: (seq, np.frombuffer(minhash, dtype="<u4")) for id, seq, minhash in rows}

    def match(self, fingerprint: Fingerprint, stored: dict[str, tuple[int, np.ndarray]]) -> Match | None:
        """The earliest original (stored or in flight) this article is a copy of, if any.

        stored: the ``candidates`` of the article's batch.
        """
        if fingerprint.signature is None:
            return None
        with self._lock:
            flight = {id for key in fingerprint.bands for id in self._flight_bands.get(key, ())}
            options = {id: self._flight[id] for id in flight if id in self._flight}
        options.update(stored)
        best: tuple[int, str, float] | None = None
        for id, (seq, signature) in options.items():
            if signature is None:
                continue
            score = similarity(fingerprint.signature, signature)
            if score >= THRESHOLD and (best is None or seq < best[0]):
                best = (seq, id, score)
        return Match(best[1], round(best[2], 3)) if best else None

    def add(self, fingerprint: Fingerprint, seq: int) -> None:
        """An article is in flight: it counts as stored, and originals are matched from memory."""
        with self._lock:
            self._flight[fingerprint.id] = (seq, fingerprint.signature)
            for key in fingerprint.bands:
                self._flight_bands[key].append(fingerprint.id)

    def settled(self, fingerprints: list[Fingerprint]) -> None:
        """These articles are committed to the store: look them up there from now on."""
        with self._lock:
            for fingerprint in fingerprints:
                self._flight.pop(fingerprint.id, None)
                for key in fingerprint.bands:
                    ids = self._flight_bands.get(key)
                    if ids is not None:
                        ids.remove(fingerprint.id)
                        if not ids:
                            del self._flight_bands[key]
