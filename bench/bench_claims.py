"""Cost of the claims comparison with and without the learned judge, on a heavy story.

Run: nice .venv/bin/python bench/bench_claims.py [--docs 10] [--quotes 30]
The story: DOCS articles of QUOTES quotes each, all by one speaker (the judge only looks at one
speaker's pairs), drawn at random (seed 1) from the premises and hypotheses of the first 400
IndoNLI validation pairs (../shared/data/indonli/val.jsonl, read at run time, never copied).
Prints wall and CPU time of compare_claims with judge=False and judge=True.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsreader.analysis.claims import compare_claims  # noqa: E402
from newsreader.analysis.quotes import Quote, Speaker  # noqa: E402

VAL = ROOT.parent.parent / "shared" / "data" / "indonli" / "val.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=10)
    parser.add_argument("--quotes", type=int, default=30)
    args = parser.parse_args()
    rows = [json.loads(line) for line in VAL.read_text(encoding="utf-8").splitlines()[:400]]
    sentences = [r["premise"] for r in rows] + [r["hypothesis"] for r in rows]
    rng = random.Random(1)

    def quote(text: str) -> Quote:
        return Quote(0, len(text), text, "direct", Speaker("Budi Santoso"), "kata", None, None, "")

    story = {
        d: [quote(rng.choice(sentences)) for _ in range(args.quotes)] for d in range(args.docs)
    }
    for judge in (False, True):
        wall, cpu = time.perf_counter(), time.process_time()
        groups = compare_claims(story, judge=judge)
        print(
            f"judge={judge}: {len(groups)} groups, wall {time.perf_counter() - wall:.1f} s, "
            f"cpu {time.process_time() - cpu:.1f} s"
        )


if __name__ == "__main__":
    main()
