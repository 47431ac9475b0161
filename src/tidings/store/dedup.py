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
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from typing import Literal
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
# Shingles hashed per call: datasketch permutes a whole call's hashes in one array of 4 bytes per
# shingle and permutation, 80 MB and as much again in temporaries for an article of 990,000 characters.
SHINGLES_AT_ONCE = 4096
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


def fingerprint(article: Article, *, signed: bool = True) -> Fingerprint:
    """The identity and, when ``signed``, the MinHash signature and LSH band keys of an article."""
    tokens = words(article.text)
    source = article_source(article)
    identity = content_id(" ".join(tokens) + "\x1f" + (source or ""))
    if not signed:
        return Fingerprint(identity, source, None, [])
    shingles = list(
        {
            " ".join(tokens[i : i + SHINGLE_WORDS]).encode("utf-8")
            for i in range(max(1, len(tokens) - SHINGLE_WORDS + 1))
        }
    )
    if len(shingles) < MIN_SHINGLES:
        return Fingerprint(identity, source, None, [])
    minhash = MinHash(num_perm=NUM_PERM, permutations=_TEMPLATE.permutations, scheme="affine32")
    for start in range(0, len(shingles), SHINGLES_AT_ONCE):
        minhash.update_batch(shingles[start : start + SHINGLES_AT_ONCE])
    signature = minhash.hashvalues.astype("<u4")
    return Fingerprint(identity, source, signature, band_keys(signature))


def band_keys(signature: np.ndarray) -> list[int]:
    """One signed 64-bit key per LSH band: a hash of the band's number and its MinHash values."""
    keys = []
    for band in range(BANDS):
        values = signature[band * ROWS : (band + 1) * ROWS].tobytes()
        digest = hashlib.blake2b(bytes([band]) + values, digest_size=8).digest()
        keys.append(int.from_bytes(digest, "little", signed=True))
    return keys


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """The Jaccard similarity of two articles' shingles, as their signatures estimate it."""
    return float(np.count_nonzero(a == b)) / NUM_PERM


@dataclass(slots=True)
class Verdict:
    """What an article is to the store: ``known`` (stored before), a ``copy`` of an original, or ``new``."""

    article: Article
    fingerprint: Fingerprint
    kind: Literal["known", "copy", "new"]
    seq: int = 0
    original: str | None = None
    similarity: float | None = None


class Finder:
    """Tells, for each article in input order, whether the store has it and what it is a copy of.

    Originals that are classified but not yet stored are "in flight": they are
    matched from memory until ``settled`` says they are committed, after which the
    store's tables find them. Ingest calls both from one thread: the coder pulls the
    articles it codes in the thread that writes its results.
    """

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.reconnect(con)
        self.seq = self.con.execute("SELECT coalesce(max(seq), 0) FROM articles").fetchone()[0]
        self._flight: dict[str, tuple[int, np.ndarray | None]] = {}
        self._flight_bands: dict[int, list[str]] = defaultdict(list)

    def reconnect(self, con: duckdb.DuckDBPyConnection) -> None:
        """Look the store up through ``con`` from now on (the one before was closed)."""
        self.con = con.cursor()

    def classify(self, articles: list[Article]) -> list[Verdict]:
        """The verdicts on a batch of articles, in order; later ones are compared with earlier ones too."""
        fingerprints = [fingerprint(article, signed=False) for article in articles]
        # Articles leave the flight only once committed, so each is found in the flight or in the store.
        known = {fp.id for fp in fingerprints if fp.id in self._flight}
        known |= self._stored_ids([fp.id for fp in fingerprints])
        # Only articles the store does not have are worth a signature: a resumed run skips the rest fast.
        fingerprints = [
            fp if fp.id in known else fingerprint(article)
            for article, fp in zip(articles, fingerprints, strict=True)
        ]
        candidates = {
            id: self._flight[id]
            for fp in fingerprints
            for key in fp.bands
            for id in self._flight_bands.get(key, ())
        }
        candidates.update(self._stored_candidates(fingerprints))
        verdicts = []
        for article, fp in zip(articles, fingerprints, strict=True):
            if fp.id in known or fp.id in self._flight:
                verdicts.append(Verdict(article, fp, "known"))
                continue
            options = dict(candidates)
            options.update(
                (id, self._flight[id]) for key in fp.bands for id in self._flight_bands.get(key, ())
            )
            self.seq += 1
            match = earliest_match(fp, options)
            if match is None:
                verdicts.append(Verdict(article, fp, "new", self.seq))
            else:
                verdicts.append(Verdict(article, fp, "copy", self.seq, *match))
            self._add(fp, self.seq, original=match is None)
        return verdicts

    def settled(self, fingerprints: list[Fingerprint]) -> None:
        """These articles are committed to the store: look them up there from now on."""
        for fp in fingerprints:
            self._flight.pop(fp.id, None)
            for key in fp.bands:
                ids = self._flight_bands.get(key)
                if ids is not None and fp.id in ids:
                    ids.remove(fp.id)
                    if not ids:
                        del self._flight_bands[key]

    def _add(self, fp: Fingerprint, seq: int, *, original: bool) -> None:
        self._flight[fp.id] = (seq, fp.signature)
        if original:  # copies link to originals only, so their bands are not indexed
            for key in fp.bands:
                self._flight_bands[key].append(fp.id)

    def _stored_ids(self, ids: list[str]) -> set[str]:
        rows = self.con.execute("SELECT id FROM articles WHERE id IN (SELECT unnest($1::VARCHAR[]))", [ids])
        return {row[0] for row in rows.fetchall()}

    def _stored_candidates(self, fingerprints: list[Fingerprint]) -> dict[str, tuple[int, np.ndarray | None]]:
        """The stored originals that share an LSH band with any of these articles: id -> (seq, signature)."""
        keys = sorted({key for fp in fingerprints for key in fp.bands})
        if not keys:
            return {}
        rows = self.con.execute(
            """SELECT id, seq, minhash FROM articles
               WHERE id IN (SELECT article_id FROM article_bands
                            WHERE key IN (SELECT unnest($1::BIGINT[])))""",
            [keys],
        ).fetchall()
        return {id: (seq, np.frombuffer(minhash, dtype="<u4")) for id, seq, minhash in rows}


def earliest_match(
    fp: Fingerprint, options: dict[str, tuple[int, np.ndarray | None]]
) -> tuple[str, float] | None:
    """The earliest original at least THRESHOLD similar to the article, and the similarity.

    options: the originals that share an LSH band with it, id -> (seq, signature).
    """
    if fp.signature is None:
        return None
    best: tuple[int, str, float] | None = None
    for id, (seq, signature) in options.items():
        if signature is None:
            continue
        score = similarity(fp.signature, signature)
        if score >= THRESHOLD and (best is None or seq < best[0]):
            best = (seq, id, score)
    return (best[1], round(best[2], 3)) if best else None
