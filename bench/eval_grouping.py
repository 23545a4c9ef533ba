"""Story grouping on the dev corpus, offline: pairwise P/R/F1 against the gold events, the same
stories whatever the import order, and the cost per article.

Run: .venv/bin/python bench/eval_grouping.py [--dev-corpus DIR] [--json OUT]
Reads the three CSV files of the dev corpus (`../shared/dev-corpus`, or $DEV_CORPUS) and
`gold/events.json`, keeps the first row of each URL and of each text (as the import does),
cleans every page with `cleaning.extract`, computes the event features, and groups:

- "regroup": `grouping.cluster` over every article (publication order, ties by key), the
  result of an import followed by `regroup_stories`, and of `import_articles` (which regroups
  the period it imported when it ends);
- "import order X": the online decision taken article by article in the order X (by key = the
  CSV order, reverse publication order, by outlet, shuffled), i.e. what the web import path
  gives before any regroup.

Scores use `gold/score.py` itself (strict and lenient pairwise, B-cubed, events kept whole, hard
negatives merged), on all events, and by the day of an event (the daily file holding most of
its members, the earlier on a tie): the events of 18 June were used to tune the weights and
thresholds, those of 19 and 20 June only check them.
Skips (exit 0) when the dev corpus is absent.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import importlib.util
import json
import os
import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsreader.analysis import grouping  # noqa: E402
from newsreader.analysis.cleaning import extract  # noqa: E402
from newsreader.analysis.dates import parse_date, zone  # noqa: E402
from newsreader.analysis.grouping_features import event_features  # noqa: E402

# ../shared/dev-corpus beside the checkout (or beside the folder of worktrees)
DEFAULT_CORPUS = next(
    (p / "shared" / "dev-corpus" for p in ROOT.parents if (p / "shared" / "dev-corpus").exists()),
    ROOT.parent / "shared" / "dev-corpus",
)


def load(corpus: Path) -> list[dict]:
    """First row of each URL and of each text, in key order, cleaned, with features."""
    csv.field_size_limit(10**9)
    tz = zone("Asia/Jakarta")
    seen_urls, seen_texts, docs = set(), set(), []
    for path in sorted(corpus.glob("*.csv")):
        with path.open(encoding="utf-8-sig", newline="") as f:
            for row_number, row in enumerate(csv.DictReader(f)):
                url, text = row["url"].strip(), row["isi_berita"]
                digest = hashlib.sha256(text.encode()).hexdigest()
                if url in seen_urls or digest in seen_texts:
                    continue
                seen_urls.add(url)
                seen_texts.add(digest)
                docs.append(
                    {
                        "key": f"{path.stem}:{row_number}",
                        "url": url,
                        "outlet": row["sumber"],
                        "title": row["judul"].strip(),
                        "text": text,
                        "date": row["tanggal_publikasi"],
                    }
                )
    t = time.process_time()
    for d in docs:
        e = extract(d["text"], url=d["url"])
        d["clean"], d["published"] = e.clean_text, parse_date(d["date"], tz) or e.published
        d["title"] = d["title"] or e.title
    clean_cpu = time.process_time() - t
    t = time.process_time()
    for d in docs:
        d["features"] = event_features(d["title"], d["clean"], d["published"])
    feature_cpu = time.process_time() - t
    return docs, clean_cpu, feature_cpu


def scorer(corpus: Path):
    spec = importlib.util.spec_from_file_location("gold_score", corpus / "gold" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SPLITS = {"tune: 18 June": ("2025-06-18",), "check: 19 June": ("2025-06-19",)}
SPLITS["check: 20 June"] = ("2025-06-20",)


def day(keys: list[str]) -> str:
    """The day of an event: the daily file (`scrapping_news_DAY:row`) of most of its members."""
    days = Counter(k.split(":")[0][-10:] for k in keys)
    return min(days, key=lambda d: (-days[d], d))


def score(score_mod, gold: dict, docs: list[dict], assignment: dict, days=None) -> dict:
    g = dict(gold)
    g["events"] = {e: ks for e, ks in gold["events"].items() if days is None or day(ks) in days}
    members = {k for ks in g["events"].values() for k in ks}
    g["hard_negatives"] = [h for h in gold["hard_negatives"] if h[0] in members and h[1] in members]
    export = score_mod.Export([])
    for d in docs:
        export._add({"id": d["key"], "url": d["url"]}, repr(assignment[d["key"]]))
    out, _, _ = score_mod.score_groups(g, export, 0)
    return {
        "strict": out["pairwise_strict"],
        "lenient": out["pairwise_lenient"],
        "bcubed_f1": out["bcubed"]["f1"],
        "events_kept_whole": f"{out['events_kept_whole']}/{out['events_with_2plus']}",
        "hard_negatives_merged": f"{out['hard_negatives']['wrongly_merged']}/{out['hard_negatives']['pairs']}",
    }


def run(docs: list[dict], df: Counter, order_of) -> tuple[dict, float]:
    items = [
        grouping.Item(i, order_of(d), d["features"]) for i, d in enumerate(docs)
    ]  # ids are positions; the order decides
    t = time.process_time()
    result = grouping.cluster(items, df, len(docs))
    cpu = time.process_time() - t
    return {docs[i]["key"]: story for i, story in result.assignment.items()}, cpu


def partition(assignment: dict) -> frozenset:
    groups: dict = {}
    for key, story in assignment.items():
        groups.setdefault(story, set()).add(key)
    return frozenset(frozenset(g) for g in groups.values())


def line(name: str, s: dict) -> str:
    st, le = s["strict"], s["lenient"]
    return (
        f"{name:34} strict P {st['precision']:.3f} R {st['recall']:.3f} F1 {st['f1']:.3f} | "
        f"lenient F1 {le['f1']:.3f} | B3 F1 {s['bcubed_f1']:.3f} | whole {s['events_kept_whole']}"
        f" | hard neg merged {s['hard_negatives_merged']}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dev-corpus", default=os.environ.get("DEV_CORPUS", DEFAULT_CORPUS))
    parser.add_argument("--json", help="write the figures to this file")
    args = parser.parse_args()
    corpus = Path(args.dev_corpus)
    if not (corpus / "gold" / "events.json").exists():
        print(f"skipped: no dev corpus at {corpus}")
        return 0
    score_mod = scorer(corpus)
    gold = json.loads((corpus / "gold" / "events.json").read_text(encoding="utf-8"))
    docs, clean_cpu, feature_cpu = load(corpus)
    df: Counter = Counter()
    for d in docs:
        df.update(d["features"].weights.keys())
    n = len(docs)

    def by_time(d):
        return (d["published"].isoformat() if d["published"] else "9999", d["key"])

    rng = random.Random(7)
    shuffled = {d["key"]: rng.random() for d in docs}
    time_rank = {d["key"]: i for i, d in enumerate(sorted(docs, key=by_time))}
    position = {d["key"]: i for i, d in enumerate(docs)}
    outlets = {d["key"]: (d["outlet"], position[d["key"]]) for d in docs}
    # regroup sorts by publication; the online runs decide in the import order given
    runs = {
        "regroup (publication order)": lambda d: by_time(d),
        "import order: CSV rows": lambda d: (position[d["key"]],),
        "import order: newest first": lambda d: (-time_rank[d["key"]],),
        "import order: by outlet": lambda d: outlets[d["key"]],
        "import order: shuffled (seed 7)": lambda d: (shuffled[d["key"]],),
    }
    figures = {
        "articles": n,
        "cpu_ms_per_article": {
            "cleaning": round(1000 * clean_cpu / n, 3),
            "features": round(1000 * feature_cpu / n, 3),
        },
        "runs": {},
    }
    print(
        f"{n} articles; CPU per article: cleaning {1000 * clean_cpu / n:.2f} ms, grouping "
        f"features {1000 * feature_cpu / n:.2f} ms"
    )
    reference = None
    for name, order in runs.items():
        assignment, cpu = run(docs, df, order)
        parts = partition(assignment)
        reference = reference or parts
        result = {
            "all": score(score_mod, gold, docs, assignment),
            **{name: score(score_mod, gold, docs, assignment, d) for name, d in SPLITS.items()},
            "stories": len(parts),
            "largest_story": max(len(p) for p in parts),
            "same_stories_as_regroup": parts == reference,
            "cluster_cpu_ms_per_article": round(1000 * cpu / n, 3),
        }
        figures["runs"][name] = result
        print(line(name, result["all"]))
        for name in SPLITS:
            print(line(f"  {name}", result[name]))
        print(
            f"  {result['stories']} stories, largest {result['largest_story']}; same stories as "
            f"regroup: {result['same_stories_as_regroup']}; clustering "
            f"{result['cluster_cpu_ms_per_article']} ms CPU per article"
        )
    rng = random.Random(11)
    shuffled_again = {d["key"]: rng.random() for d in docs}
    docs_shuffled = sorted(docs, key=lambda d: shuffled_again[d["key"]])
    again, _ = run(docs_shuffled, df, by_time)
    figures["regroup_same_for_shuffled_input"] = partition(again) == reference
    print(
        f"regroup of the articles given in another order: same stories: "
        f"{figures['regroup_same_for_shuffled_input']}"
    )
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=1, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
