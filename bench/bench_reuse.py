"""Benchmark of the text-reuse engine on the demo story (run on demand, prints figures).

.venv/bin/python bench/bench_reuse.py
"""

import statistics
import time
from pathlib import Path

from newsreader.analysis.cleaning import extract
from newsreader.analysis.collation import collate
from newsreader.analysis.diffing import word_diff
from newsreader.analysis.reuse import find_passages

SAMPLES = Path(__file__).resolve().parents[1] / "newsreader" / "samples"


def timed(fn, repeat=7):
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        value = fn()
        runs.append(time.perf_counter() - start)
    return value, statistics.median(runs) * 1000, max(runs) * 1000


def main():
    clean = [
        extract(p.read_text(encoding="utf-8")).clean_text for p in sorted(SAMPLES.glob("*.txt"))
    ]
    raw = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    stories = {
        "5 clean articles": dict(enumerate(clean)),
        "6 clean articles (003 twice)": dict(enumerate(clean + [clean[3]])),
        "6 raw articles (repeated bodies)": dict(enumerate(raw + [raw[0]])),
        "10 clean articles (all twice)": dict(enumerate(clean + clean)),
    }
    for name, docs in stories.items():
        size = sum(len(t) for t in docs.values()) / 1000
        result, median, worst = timed(lambda docs=docs: find_passages(docs))
        _, cmedian, _ = timed(lambda docs=docs, result=result: collate(docs, result, list(docs)))
        print(
            f"{name:34} {size:5.1f} KB  find_passages {median:6.1f} ms (max {worst:6.1f})"
            f"  collate {cmedian:6.1f} ms  groups {len(result.groups)}"
        )
    docs = stories["5 clean articles"]
    pairs = [[docs[m.doc][m.start : m.end] for m in g.members] for g in find_passages(docs).groups]
    _, median, _ = timed(lambda: [word_diff(a, b) for a, b, *_ in pairs], repeat=20)
    print(f"word_diff of every group's first two members ({len(pairs)} pairs): {median:.2f} ms")
    _, median, _ = timed(lambda: word_diff(clean[0], clean[1]), repeat=5)
    print(
        f"word_diff of two whole articles ({len(clean[0])}/{len(clean[1])} chars): {median:.1f} ms"
    )


if __name__ == "__main__":
    main()
