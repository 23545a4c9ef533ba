"""Score quote extraction, speaker attribution and claim relations against the labelled set.

Run: .venv/bin/python bench/eval_quotes.py (scores, per-relation precision and recall of
claim pairs, and a gold x predicted confusion table of relation labels)
Gold: tests/analysis/data/quotes_gold.json (quotes by sample and opening words, not offsets).
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsreader.analysis.claims import compare_claims  # noqa: E402
from newsreader.analysis.cleaning import extract  # noqa: E402
from newsreader.analysis.coreference import normalise_speakers  # noqa: E402
from newsreader.analysis.quotes import extract_quotes  # noqa: E402
from newsreader.analysis.text import normalise  # noqa: E402

SAMPLES = ROOT / "newsreader" / "samples"
GOLD = ROOT / "tests" / "analysis" / "data" / "quotes_gold.json"


def load_story() -> tuple[dict[str, str], dict[int, list]]:
    """Clean texts by sample id ("000"...) and story-normalised quotes by doc index."""
    texts = {
        p.name[:3]: extract(p.read_text(encoding="utf-8")).clean_text
        for p in sorted(SAMPLES.glob("*.txt"))
    }
    ids = sorted(texts)
    quotes = normalise_speakers({i: extract_quotes(texts[s]) for i, s in enumerate(ids)})
    return texts, quotes


def _key(text: str) -> str:
    return normalise(text).strip(" .,!?\"'()")


def _matches(snippet: str, text: str) -> bool:
    a, b = _key(snippet), _key(text)
    return bool(a and b) and (a in b or (b in a and len(b.split()) >= 3))


def score() -> dict[str, float]:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    texts, quotes = load_story()
    ids = sorted(texts)
    tp = fp = fn = 0
    speaker_ok = speaker_n = kind_ok = 0
    for i, sid in enumerate(ids):
        predicted = [q for q in quotes[i] if q.kind in ("direct", "partial")]
        free = list(predicted)
        for g in gold["quotes"].get(sid, []):
            hit = next((q for q in free if _key(q.text).startswith(_key(g["text"]))), None)
            hit = hit or next((q for q in free if _matches(g["text"], q.text)), None)
            if hit is None:
                fn += 1
                continue
            free.remove(hit)
            tp += 1
            kind_ok += hit.kind == g["kind"]
            speaker_n += 1
            name = hit.speaker.name if hit.speaker else None
            speaker_ok += (name or "").casefold() == (g["speaker"] or "").casefold()
        fp += len(free)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    groups = compare_claims(quotes)
    predicted_pairs = []
    for g in groups:
        if g.relation == "single_source":
            continue
        for a, b in combinations(g.members, 2):
            if a.doc != b.doc:
                predicted_pairs.append(
                    (ids[a.doc], a.quote.text, ids[b.doc], b.quote.text, g.relation)
                )
    confusion = relation_confusion(gold["claim_pairs"], predicted_pairs)
    right_predictions = sum(
        any(_pair_matches(p, *pp[:4]) and pp[4] == p["relation"] for p in gold["claim_pairs"])
        for pp in predicted_pairs
    )
    return {
        "quote_precision": precision,
        "quote_recall": recall,
        "quote_f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        "kind_accuracy": kind_ok / tp if tp else 0.0,
        "speaker_accuracy": speaker_ok / speaker_n if speaker_n else 0.0,
        "relation_precision": right_predictions / len(predicted_pairs) if predicted_pairs else 0.0,
        "relation_recall": sum(confusion[r, r] for r in RELATIONS) / len(gold["claim_pairs"]),
        "relation_pairs_predicted": len(predicted_pairs),
        "relation_pairs_gold": len(gold["claim_pairs"]),
        **{
            f"{relation}_{measure}": value
            for relation, scores in per_relation(confusion).items()
            for measure, value in scores.items()
        },
        "_confusion": confusion,
    }


NONE = "-"  # no pair: missed by the engine (predicted) or not in the gold set (gold)
RELATIONS = ("agree", "altered", "conflict", "different_attribution")


def relation_confusion(gold_pairs: list[dict], predicted_pairs: list[tuple]) -> Counter:
    """(gold relation, predicted relation) -> count over gold and predicted claim pairs."""
    confusion: Counter = Counter()
    for pair in gold_pairs:
        hit = next((pp for pp in predicted_pairs if _pair_matches(pair, *pp[:4])), None)
        confusion[pair["relation"], hit[4] if hit else NONE] += 1
    for pp in predicted_pairs:
        if not any(_pair_matches(pair, *pp[:4]) for pair in gold_pairs):
            confusion[NONE, pp[4]] += 1
    return confusion


def per_relation(confusion: Counter) -> dict[str, dict[str, float]]:
    out = {}
    for r in RELATIONS:
        right = confusion[r, r]
        predicted = sum(n for (_, p), n in confusion.items() if p == r)
        gold = sum(n for (g, _), n in confusion.items() if g == r)
        if predicted or gold:
            out[r] = {
                "precision": right / predicted if predicted else 0.0,
                "recall": right / gold if gold else 0.0,
            }
    return out


def confusion_table(confusion: Counter) -> str:
    """Gold relations in rows, predicted in columns; `-` is a pair missed or not in gold."""
    labels = [*RELATIONS, NONE]
    first = max(map(len, labels)) + 2
    rows = ["gold \\ predicted".ljust(first) + "  ".join(labels)]
    for g in labels:
        cells = "  ".join(str(confusion[g, p]).rjust(len(p)) for p in labels)
        rows.append(g.ljust(first) + cells)
    return "\n".join(rows)


def _pair_matches(pair: dict, da: str, ta: str, db: str, tb: str) -> bool:
    (ga, sa), (gb, sb) = pair["a"], pair["b"]
    return (ga == da and gb == db and _matches(sa, ta) and _matches(sb, tb)) or (
        ga == db and gb == da and _matches(sa, tb) and _matches(sb, ta)
    )


def main() -> None:
    scores = score()
    confusion = scores.pop("_confusion")
    for name, value in scores.items():
        print(f"{name:34} {value:.3f}" if isinstance(value, float) else f"{name:34} {value}")
    print()
    print(confusion_table(confusion))


if __name__ == "__main__":
    main()
