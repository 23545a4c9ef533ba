"""Quality of claims on data the project did not write: speakers on real pages, conflicts on NLI.

Run: .venv/bin/python bench/eval_claims.py [--quotes] [--nli FILE] [--examples N] [--no-judge]
- quotes: the annotated real pages of ../shared/dev-corpus/gold/quotes.json, cleaned and
  analysed as the app does on import (cleaning.extract, extract_quotes, normalise_speakers),
  scored by the corpus's own scorer (gold/score.py).
- nli: ../shared/data/indonli/val.jsonl (or --nli FILE); each premise and hypothesis are fed as
  two claims of one point the way the claims panel compares them (compare_claims), and a pair
  counts as flagged when they land in one "conflict" group. Contradiction vs the rest.
  `--no-judge` measures the rules alone, without the learned judge (analysis/contradiction.py).
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsreader.analysis.claims import compare_claims  # noqa: E402
from newsreader.analysis.cleaning import extract  # noqa: E402
from newsreader.analysis.coreference import normalise_speakers  # noqa: E402
from newsreader.analysis.quotes import Quote, Speaker, extract_quotes  # noqa: E402

SHARED = ROOT.parent.parent / "shared"
CORPUS = SHARED / "dev-corpus"
INDONLI = SHARED / "data" / "indonli"
csv.field_size_limit(1 << 30)


def _scorer():
    spec = importlib.util.spec_from_file_location("gold_score", CORPUS / "gold" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class _Export:
    """The part of the scorer's export reader that score_quotes uses, filled in memory."""

    has_quotes = True

    def __init__(self, score, articles: dict[str, dict]):
        self.by_url = {score.norm_url(url): a for url, a in articles.items()}
        self.quotes_of = {a["id"]: a.pop("quotes") for a in articles.values()}
        self._norm = score.norm_url

    def article(self, url: str):
        return self.by_url.get(self._norm(url))


def _rows_by_url(urls: set[str]) -> dict[str, dict]:
    rows: dict[str, dict] = {}
    for path in sorted(CORPUS.glob("scrapping_news_*.csv")):
        with path.open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                if row["url"] in urls and row["url"] not in rows:
                    rows[row["url"]] = row
    return rows


def _quote_json(q: Quote) -> dict:
    speaker = {"name": q.speaker.name, "role": q.speaker.role} if q.speaker else None
    return {"start": q.start, "end": q.end, "kind": q.kind, "text": q.text, "speaker": speaker}


def eval_quotes(examples: int) -> dict:
    score = _scorer()
    gold = json.loads((CORPUS / "gold" / "quotes.json").read_text(encoding="utf-8"))
    rows = _rows_by_url({g["url"] for g in gold.values()})
    texts = {
        url: extract(row["isi_berita"], url=url).clean_text for url, row in sorted(rows.items())
    }
    quotes = normalise_speakers({i: extract_quotes(t) for i, t in enumerate(texts.values())})
    articles = {
        url: {"id": i, "clean_text": text, "quotes": [_quote_json(q) for q in quotes[i]]}
        for i, (url, text) in enumerate(texts.items())
    }
    out, lines, summary = score.score_quotes(gold, _Export(score, articles), examples)
    print("\n".join(lines))
    print(summary)
    return out


def _claim(text: str, speaker: str) -> Quote:
    return Quote(0, len(text), text, "reported", Speaker(speaker), None, None, None, "cue-before")


def nli_flags(
    premise: str, hypothesis: str, *, same_speaker: bool = True, judge: bool = True
) -> bool:
    """Whether the claims panel shows the pair as a conflict."""
    second = "Rina Wati" if same_speaker else "Agus Salim"
    claims = {0: [_claim(premise, "Rina Wati")], 1: [_claim(hypothesis, second)]}
    groups = compare_claims(claims, judge=judge)
    return any(g.relation == "conflict" and len(g.members) == 2 for g in groups)


def eval_nli(path: Path, examples: int, judge: bool = True) -> dict:
    tp = fp = fn = 0
    alarms = []
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        flagged = nli_flags(row["premise"], row["hypothesis"], judge=judge)
        gold = row["label"] in ("c", "contradiction")
        tp += flagged and gold
        fp += flagged and not gold
        fn += gold and not flagged
        if flagged and not gold:
            alarms.append(row["hypothesis"][:90])
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    for a in alarms[:examples]:
        print("false alarm:", a)
    result = {"file": path.name, "judge": judge, "flagged": tp + fp, "tp": tp}
    result["precision"] = round(precision, 3)
    result["recall"] = round(recall, 3)
    print(json.dumps(result))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quotes", action="store_true", help="only the real-page quotes")
    parser.add_argument("--nli", type=Path, help="NLI file (default indonli val.jsonl)")
    parser.add_argument("--examples", type=int, default=8)
    parser.add_argument("--no-judge", action="store_true", help="rules only (no learned judge)")
    args = parser.parse_args()
    eval_quotes(args.examples)
    if not args.quotes:
        eval_nli(args.nli or INDONLI / "val.jsonl", args.examples, judge=not args.no_judge)


if __name__ == "__main__":
    main()
