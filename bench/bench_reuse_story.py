"""First analysis of a story's shared passages (the comparison section: default and permissive
thresholds), CPU and wall time, on the samples and on a large story built from the dev corpus.

.venv/bin/python bench/bench_reuse_story.py [--articles 120] [--corpus ../shared/dev-corpus]

The large story is every corpus article whose title names Iran or Israel (June 2025 coverage
of one conflict), cleaned as import does; nothing of it is written anywhere. Prints the time of
`find_passages_at` (one pass for both settings) beside two `find_passages` runs, the way the
section ran before, and checks that both give the same groups and shares.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from corpus_story import iran_israel_rows

from newsreader.analysis.cleaning import extract
from newsreader.analysis.reuse import Thresholds, find_passages, find_passages_at

ROOT = Path(__file__).resolve().parents[1]
SETTINGS = [Thresholds(), Thresholds(min_words=4, edited_min=0.0, similar_min=0.4)]


def corpus_story(folder: Path, limit: int) -> dict[int, str]:
    texts = [extract(r["isi_berita"], url=r["url"]).clean_text for r in iran_israel_rows(folder)]
    return dict(enumerate(texts[:limit]))


def timed(fn):
    cpu, wall = time.process_time(), time.perf_counter()
    value = fn()
    return value, time.process_time() - cpu, time.perf_counter() - wall


def signature(result):
    groups = [(g.kind, g.similarity, g.is_quote, g.words, g.members) for g in result.groups]
    return groups, result.pairwise, result.shared_share


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=120)
    found = [p for p in (ROOT.parent, ROOT.parent.parent) if (p / "shared" / "dev-corpus").is_dir()]
    default = (found or [ROOT.parent])[0] / "shared" / "dev-corpus"
    parser.add_argument("--corpus", type=Path, default=default)
    args = parser.parse_args()
    samples = [
        extract(p.read_text(encoding="utf-8")).clean_text
        for p in sorted((ROOT / "newsreader" / "samples").glob("*.txt"))
    ]
    stories = {"samples + 003 again (6)": dict(enumerate(samples + [samples[3]]))}
    if args.corpus.is_dir():
        big = corpus_story(args.corpus, args.articles)
        stories[f"dev corpus, Iran/Israel ({len(big)})"] = big
    else:
        print(f"{args.corpus} not found: the large story is skipped")
    for name, docs in stories.items():
        one, cpu, wall = timed(lambda docs=docs: find_passages_at(docs, SETTINGS))
        two, cpu2, wall2 = timed(lambda docs=docs: [find_passages(docs, th) for th in SETTINGS])
        same = [signature(r) for r in one] == [signature(r) for r in two]
        kb = sum(len(t) for t in docs.values()) / 1000
        print(
            f"{name:32} {kb:7.1f} KB  one pass {cpu:6.2f} s CPU {wall:6.2f} s wall  "
            f"two runs {cpu2:6.2f} s CPU {wall2:6.2f} s wall  groups {len(one[0].groups)}/"
            f"{len(one[1].groups)}  same={same}"
        )


if __name__ == "__main__":
    main()
