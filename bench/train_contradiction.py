"""Fit the contradiction judge (newsreader/analysis/contradiction.py) on IndoNLI train.

Run: .venv/bin/python bench/train_contradiction.py [--train FILE] [--out FILE]
Reads ../shared/data/indonli/train.jsonl (contradiction vs entailment and neutral), computes
the hand-made pair features, fits an L2-regularised logistic regression (numpy, batch gradient
descent on standardised features, the scaling folded back into the weights) and picks the
probability threshold: the lowest (of 0.51-0.99) at which the flags it adds to the rules' own (on the pairs the
rules group, and on one speaker's pairs sharing half the shorter claim's words) are at least
TARGET_PRECISION right on the training pairs. Writes
newsreader/analysis/data/contradiction_lr.json. The validation split is never read here.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsreader.analysis.claims import compare_claims  # noqa: E402
from newsreader.analysis.contradiction import (  # noqa: E402
    FEATURES,
    LINK_OVERLAP,
    MODEL_FILE,
    pair_features,
)
from newsreader.analysis.quotes import Quote, Speaker  # noqa: E402

TRAIN = ROOT.parent.parent / "shared" / "data" / "indonli" / "train.jsonl"
TARGET_PRECISION = 0.85
L2 = 1.0


def _claim(text: str) -> Quote:
    return Quote(0, len(text), text, "reported", Speaker("Rina Wati"), None, None, None, "cue")


def grouped_relation(premise: str, hypothesis: str) -> str | None:
    """The relation of the two-member group the claims panel makes, None when not grouped."""
    groups = compare_claims({0: [_claim(premise)], 1: [_claim(hypothesis)]}, judge=False)
    return next((g.relation for g in groups if len(g.members) == 2), None)


def fit(x: np.ndarray, y: np.ndarray, steps: int = 3000, rate: float = 0.5):
    mean, std = x.mean(axis=0), x.std(axis=0) + 1e-9
    z = (x - mean) / std
    w, b = np.zeros(z.shape[1]), 0.0
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(z @ w + b)))
        w -= rate * (z.T @ (p - y) / len(y) + L2 * w / len(y))
        b -= rate * float(np.mean(p - y))
    return w / std, b - float(np.sum(w * mean / std))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--train", type=Path, default=TRAIN)
    parser.add_argument("--out", type=Path, default=MODEL_FILE)
    args = parser.parse_args()
    wall, cpu = time.perf_counter(), time.process_time()
    rows = [json.loads(line) for line in args.train.read_text(encoding="utf-8").splitlines()]
    x = np.array([pair_features(r["premise"], r["hypothesis"]) for r in rows])
    y = np.array([r["label"] in ("c", "contradiction") for r in rows], dtype=float)
    relation = [grouped_relation(r["premise"], r["hypothesis"]) for r in rows]
    weights, bias = fit(x, y)
    p = 1 / (1 + np.exp(-(x @ weights + bias)))
    ruled = np.array([r == "conflict" for r in relation])
    # Pairs the judge may flag: grouped by the rules without a conflict, or one speaker's
    # two claims sharing half the shorter one's words (contradiction.linkable).
    linkable = x[:, FEATURES.index("overlap_short")] >= LINK_OVERLAP
    open_pairs = np.array([r != "conflict" for r in relation]) & (
        np.array([r is not None for r in relation]) | linkable
    )

    def lowest(target: float) -> float:
        found = 1.0
        for t in np.arange(0.99, 0.5, -0.01):
            added = open_pairs & (p >= t)
            if added.sum() >= 20 and y[added].mean() >= target:
                found = round(float(t), 2)
        return found

    threshold = lowest(TARGET_PRECISION)
    added = open_pairs & (p >= threshold)
    flags = ruled | added
    result = {
        "about": "Contradiction judge for claim pairs (newsreader/analysis/contradiction.py), "
        "fitted by bench/train_contradiction.py on IndoNLI train (Mahendra et al., EMNLP 2021; "
        "CC BY-SA 4.0, so this file is too).",
        "features": list(FEATURES),
        "weights": [round(float(v), 5) for v in weights],
        "bias": round(float(bias), 5),
        "threshold": threshold,
        "train": {
            "pairs": len(rows),
            "rules_flags": int(ruled.sum()),
            "rules_precision": round(float(y[ruled].mean()), 3),
            "added_flags": int(added.sum()),
            "added_precision": round(float(y[added].mean()), 3) if added.any() else None,
            "precision": round(float(y[flags].mean()), 3),
            "recall": round(float(flags[y == 1].mean()), 3),
        },
    }
    args.out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(result["train"]))
    print(f"wall {time.perf_counter() - wall:.1f}s, cpu {time.process_time() - cpu:.1f}s")


if __name__ == "__main__":
    main()
