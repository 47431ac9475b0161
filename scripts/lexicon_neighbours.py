"""Words the lexicon lacks that the md model's word vectors place near a CAMEO root's verbs.

A tool for growing data/lexicon/verbs.tsv by families rather than sentence by sentence: for
each CAMEO root it reads the nearest lower-case words of each verb the lexicon codes with it and
prints those that neither verbs.tsv nor nouns.tsv knows, the ones near most of the root's verbs
first. Nothing here is used when coding: a person reads the candidates, keeps the ones that name
the event in news, writes their rows (with the constructions they need) and measures them with
`tidings evaluate`. The md model's 20,000 vectors are coarse: most candidates are noise, and
the families added from them are marked so in verbs.tsv.

    ./scripts/bootstrap --with-md
    .venv/bin/python scripts/lexicon_neighbours.py --per-root 30 > /tmp/candidates.tsv
"""

from __future__ import annotations

import argparse
import re
from collections import defaultdict

import numpy as np
import spacy

from tidings.data_files import bundled_table
from tidings.parse.pipeline import model_location

WORD = re.compile(r"[a-z]{3,}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-root", type=int, default=25, help="candidates printed per CAMEO root")
    parser.add_argument("--neighbours", type=int, default=12, help="neighbours read for each known verb")
    parser.add_argument("--threshold", type=float, default=0.55, help="least cosine similarity kept")
    args = parser.parse_args()

    nlp = spacy.load(model_location("md"), exclude=["parser", "ner", "senter"])
    vectors, strings = nlp.vocab.vectors, nlp.vocab.strings
    known = {row["verb"] for row in bundled_table("lexicon", "verbs.tsv")}
    known |= {row["noun"] for row in bundled_table("lexicon", "nouns.tsv")}

    by_root: dict[str, list[str]] = defaultdict(list)
    for row in bundled_table("lexicon", "verbs.tsv"):
        if row["cameo"] not in ("", "-") and " " not in row["verb"]:
            by_root[row["cameo"][:2]].append(row["verb"])

    # One candidate per vector row: the md table maps many spellings ("Attack", "ATTACK") to one row.
    words, rows = [], []
    seen_rows: set[int] = set()
    for key, row in vectors.key2row.items():
        word = strings[key]
        if row in seen_rows or not WORD.fullmatch(word):
            continue
        seen_rows.add(row)
        words.append(word)
        rows.append(row)
    table = vectors.data[rows]
    table = table / np.maximum(np.linalg.norm(table, axis=1, keepdims=True), 1e-9)

    print("root\tcandidate\tnear to\tsimilarity")
    for root, verbs in sorted(by_root.items()):
        # A candidate is near several of the root's verbs, not just the average of them all.
        near: dict[str, list[tuple[str, float]]] = defaultdict(list)
        for verb in verbs:
            if not nlp.vocab.has_vector(verb):
                continue
            query = nlp.vocab[verb].vector
            scores = table @ (query / np.linalg.norm(query))
            for index in np.argsort(-scores)[: args.neighbours]:
                word = words[index]
                lemma = nlp(word)[0].lemma_.lower()
                if word not in known and lemma not in known and scores[index] >= args.threshold:
                    near[lemma].append((verb, float(scores[index])))
        ranked = sorted(near.items(), key=lambda item: (-len(item[1]), -max(s for _, s in item[1])))
        for lemma, hits in ranked[: args.per_root]:
            best = max(s for _, s in hits)
            print(f"{root}\t{lemma}\t{', '.join(sorted({v for v, _ in hits}))}\t{best:.2f}")


if __name__ == "__main__":
    main()
