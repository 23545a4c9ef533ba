"""The project's reuse index beside a plain numpy shingle join and datasketch MinHash-LSH, on one
synthetic corpus in one run, with the ratios printed (run on demand).

.venv/bin/python bench/bench_index_methods.py [--docs 10000] [--queries 100] [--seed 1]

The corpus is bench/synthetic_corpus.py's (seeded). Queries are made from stored articles in
three kinds, `--queries` of each: an exact copy, a light edit (every 12th word replaced by a
word of another article) and a 30% partial copy (a run of 30% of the article's words inside
the shuffled words of an unrelated article). A query is found when its source article is the best
candidate (most shared hashes, or for LSH any candidate of the highest estimated Jaccard).

- project: `corpus_index.fingerprint` (word 5-gram hashes, winnowed) in a `ShingleIndex`, the
  in-memory form of what import stores in the Shingle table;
- numpy join: every word 5-gram hash of every article (`corpus_index.shingles`) in one sorted
  array of (hash, doc); a query counts its hits per doc with searchsorted and bincount;
- datasketch: MinHash (128 permutations) of the same 5-gram hashes in a MinHashLSH at Jaccard
  0.2 (a 30% partial copy has a Jaccard near 0.15-0.3 with its source).

Index time is CPU time (time.process_time) of building from the texts, query time the CPU
median per query; wall time is printed beside both.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic_corpus import synthetic_corpus  # noqa: E402

from newsreader.analysis.corpus_index import ShingleIndex, fingerprint, shingles  # noqa: E402


def queries_of(corpus, n: int, rng: random.Random) -> list[tuple[str, int, str]]:
    """(kind, source doc, text) for n sources of each kind."""
    sources = rng.sample(range(len(corpus)), n)
    out = []
    for doc in sources:
        words = corpus[doc].text.split()
        other = corpus[rng.randrange(len(corpus))].text.split()
        edited = [other[i % len(other)] if i % 12 == 5 else w for i, w in enumerate(words)]
        part = max(8, int(0.3 * len(words)))
        at = rng.randrange(max(1, len(words) - part))
        filler = rng.sample(other, len(other))  # shuffled: shares words, not phrases
        cut = (len(words) - part) // 2
        partial = filler[:cut] + words[at : at + part] + filler[cut : len(words) - part]
        out += [
            ("exact copy", doc, corpus[doc].text),
            ("light edit", doc, " ".join(edited)),
            ("30% partial copy", doc, " ".join(partial)),
        ]
    return out


def timed(fn):
    cpu, wall = time.process_time(), time.perf_counter()
    value = fn()
    return value, time.process_time() - cpu, time.perf_counter() - wall


class Project:
    name = "project index (winnowed, ShingleIndex)"

    def build(self, corpus):
        self.index = ShingleIndex()
        for i in range(0, len(corpus), 1000):
            self.index.add((a.doc, fingerprint(a.text)) for a in corpus[i : i + 1000])
        len(self.index)  # merge

    def best(self, text: str):
        found = self.index.candidates(fingerprint(text), min_shared=1)
        return max(found, key=lambda d: (found[d], -d)) if found else None


class NumpyJoin:
    name = "numpy shingle join (every 5-gram)"

    def build(self, corpus):
        arrays = [shingles(a.text) for a in corpus]
        docs = np.repeat(np.arange(len(corpus)), [len(x) for x in arrays])
        hashes = np.concatenate(arrays)
        order = np.argsort(hashes, kind="stable")
        self.hashes, self.docs, self.n = hashes[order], docs[order], len(corpus)

    def best(self, text: str):
        q = shingles(text)
        lo = np.searchsorted(self.hashes, q, "left")
        hi = np.searchsorted(self.hashes, q, "right")
        hit = np.concatenate([self.docs[a:b] for a, b in zip(lo, hi, strict=True) if b > a] or [[]])
        if not len(hit):
            return None
        return int(np.bincount(hit.astype(np.int64), minlength=self.n).argmax())


class MinHashLSH:
    name = "datasketch MinHash-LSH (128 perm, J>=0.2)"

    def __init__(self):
        from datasketch import MinHash
        from datasketch import MinHashLSH as LSH

        self.minhash, self.lsh_class = MinHash, LSH

    def sketch(self, text: str):
        m = self.minhash(num_perm=128)
        m.update_batch([h.tobytes() for h in shingles(text)])
        return m

    def build(self, corpus):
        self.lsh = self.lsh_class(threshold=0.2, num_perm=128)
        self.sketches = {}
        with self.lsh.insertion_session() as session:
            for a in corpus:
                m = self.sketch(a.text)
                self.sketches[a.doc] = m
                session.insert(a.doc, m)

    def best(self, text: str):
        m = self.sketch(text)
        found = self.lsh.query(m)
        return max(found, key=lambda d: (self.sketches[d].jaccard(m), -d)) if found else None


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=10000)
    parser.add_argument("--queries", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    corpus = synthetic_corpus(args.docs, seed=args.seed)
    queries = queries_of(corpus, args.queries, random.Random(args.seed))
    words = statistics.mean(len(a.text.split()) for a in corpus)
    print(
        f"{len(corpus):,} synthetic articles ({words:.0f} words on average), "
        f"{args.queries} queries of each kind"
    )
    results = {}
    for method in (Project(), NumpyJoin(), MinHashLSH()):
        _, cpu, wall = timed(lambda method=method: method.build(corpus))
        cpus, found = [], {}
        for kind, source, text in queries:
            best, c, _ = timed(lambda text=text, method=method: method.best(text))
            cpus.append(c * 1000)
            found[kind] = found.get(kind, 0) + (best == source)
        results[method.name] = (len(corpus) / cpu, statistics.median(cpus))
        print(
            f"{method.name:42} index {len(corpus) / cpu:7,.0f} docs/CPU-s "
            f"({cpu:5.1f} s CPU, {wall:5.1f} s wall), query median {statistics.median(cpus):6.2f} "
            f"ms CPU; found: " + ", ".join(f"{k} {v}/{args.queries}" for k, v in found.items())
        )
    (base_rate, base_query) = results[Project.name]
    for name, (rate, query) in results.items():
        if name != Project.name:
            print(
                f"ratio project / {name}: index speed {base_rate / rate:.2f}x, "
                f"query time {base_query / query:.2f}x"
            )


if __name__ == "__main__":
    main()
