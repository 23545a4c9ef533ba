"""Furniture removed and body kept on the real dev corpus, per outlet, scored by its gold scorer.

Run: .venv/bin/python bench/eval_cleaning.py [--corpus ../shared/dev-corpus] [--examples N]

Each gold page is cleaned straight from its CSV row (`extract`, no database) and scored by the
corpus' own `gold/score.py` (furniture span removed when >= 80% of it lies in removals; body
sentence and lead kept when <= 10% does). Three runs are printed:
- "as shipped": every rule, plus furniture learned from the outlet's own unannotated pages;
- "rules only": nothing learned;
- "leave one outlet out": for each outlet, the generic rules that fire on no other outlet of the
  corpus are switched off, so that outlet is cleaned only by rules that also serve other outlets
  (an estimate for outlets never seen).
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import importlib.util
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsreader.analysis.cleaning import extract, lines, pipeline  # noqa: E402
from newsreader.analysis.cleaning.learned import learn_furniture  # noqa: E402
from newsreader.analysis.profiles import GENERIC, load_profiles  # noqa: E402

DEFAULT_CORPUS = ROOT.parent.parent / "shared" / "dev-corpus"
csv.field_size_limit(sys.maxsize)


def _scorer(corpus: Path):
    spec = importlib.util.spec_from_file_location("gold_score", corpus / "gold" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_rows(corpus: Path) -> dict[str, dict]:
    """Every CSV row keyed `FILE_STEM:ROW`, in key order."""
    rows = {}
    for path in sorted(corpus.glob("scrapping_news_*.csv")):
        with path.open(encoding="utf-8-sig", newline="") as fh:
            for n, row in enumerate(csv.DictReader(fh)):
                rows[f"{path.stem}:{n}"] = row
    return rows


def outlet_of(row: dict) -> str:
    return (row.get("sumber") or "").removesuffix(".com").removesuffix(".co.id").split(".")[0]


def first_pages(rows: dict[str, dict]) -> dict[str, list[str]]:
    """(url, raw text) of each outlet, one per distinct url (the first copy), for learning.

    Each url counts as its own story here (the corpus has no story grouping without the app)."""
    seen, pages = set(), defaultdict(list)
    for row in rows.values():
        if row["url"] not in seen:
            seen.add(row["url"])
            pages[outlet_of(row)].append((row["url"], row["isi_berita"]))
    return pages


def article_doc(key: str, row: dict, learned: tuple = ()) -> dict:
    result = extract(row["isi_berita"], url=row["url"], title=row.get("judul"), learned=learned)
    return {
        "id": key,
        "url": row["url"],
        "clean_text": result.clean_text,
        "removed": [dataclasses.asdict(r) for r in result.removed],
        "self_duplicates": [dataclasses.asdict(d) for d in result.self_duplicates],
    }


def score(scorer, gold: dict, docs: list[dict], examples: int):
    export = scorer.Export([])
    for doc in docs:
        export._add(doc, None)
    return scorer.score_furniture(gold, export, examples)


def rule_outlets(rows: dict[str, dict]) -> dict[str, set[str]]:
    """For each generic rule reason, the outlets on whose pages it removes something."""
    reasons = {f.reason for f in load_profiles()[GENERIC].furniture}
    fired = defaultdict(set)
    seen = set()
    for row in rows.values():
        if row["url"] in seen:
            continue
        seen.add(row["url"])
        for r in extract(row["isi_berita"], url=row["url"]).removed:
            if r.reason in reasons:
                fired[r.reason].add(outlet_of(row))
    return fired


# Generic rules written in code rather than in generic.toml, switched off with the rules of
# the same reason: the credit glued to a caption, the team byline on the last line.
CODE_RULES = {
    "photo credit": (lines, "GLUED_CREDIT_RE", re.compile(r"(?!)")),
    "byline": (pipeline, "trailing_team", lambda page, kept: kept),
}


def without_rules(reasons: set[str]):
    """Switch off generic rules by reason (in the cached profiles); returns the restore."""
    profiles = load_profiles()
    generic = profiles[GENERIC]
    kept = tuple(f for f in generic.furniture if f.reason not in reasons)
    profiles[GENERIC] = dataclasses.replace(generic, furniture=kept)
    code = [CODE_RULES[r] for r in sorted(reasons) if r in CODE_RULES]
    saved = [(module, name, getattr(module, name)) for module, name, _ in code]
    for module, name, off in code:
        setattr(module, name, off)

    def restore():
        profiles[GENERIC] = generic
        for module, name, value in saved:
            setattr(module, name, value)

    return restore


def table(rows: list[tuple[str, dict]]) -> str:
    lines = [
        "| outlet | furniture | removed | body sentences | kept | leads kept |",
        "|---|---|---|---|---|---|",
    ]
    for name, s in rows:
        lines.append(
            f"| {name} | {s.get('furniture', 0)} | {s.get('removed', '-')} | {s.get('body', 0)} "
            f"| {s.get('body_kept', '-')} | {s.get('lead_kept', '-')} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--examples", type=int, default=5)
    parser.add_argument("--json", type=Path, help="write every figure to this file")
    args = parser.parse_args()
    if not (args.corpus / "gold" / "furniture.json").exists():
        sys.exit(f"no dev corpus at {args.corpus}")
    scorer = _scorer(args.corpus)
    gold = json.loads((args.corpus / "gold" / "furniture.json").read_text(encoding="utf-8"))
    rows = load_rows(args.corpus)
    outlets = sorted({g["outlet"] for g in gold.values()})
    learned = {o: learn_furniture(texts, o) for o, texts in first_pages(rows).items()}
    figures = {}

    shipped = [article_doc(k, rows[k], learned.get(g["outlet"], ())) for k, g in gold.items()]
    out, misses, summary = score(scorer, gold, shipped, args.examples)
    figures["as shipped"] = out
    print("== as shipped (rules + learned furniture)\n" + summary)
    print(table([(o, out.get(o, {})) for o in [*outlets, "all"]]))
    print("\n".join(misses))

    plain = [article_doc(k, rows[k]) for k in gold]
    out, _, summary = score(scorer, gold, plain, 0)
    figures["rules only"] = out
    print("\n== rules only (nothing learned)\n" + summary)

    fired = rule_outlets(rows)
    loo_docs, switched_off = [], {}
    for outlet in outlets:
        own = {reason for reason, where in fired.items() if where == {outlet}}
        switched_off[outlet] = sorted(own)
        restore = without_rules(own)
        try:
            loo_docs += [
                article_doc(k, rows[k], learned.get(outlet, ()))
                for k, g in gold.items()
                if g["outlet"] == outlet
            ]
        finally:
            restore()
    out, _, summary = score(scorer, gold, loo_docs, 0)
    figures["leave one outlet out"] = out
    print(
        "\n== leave one outlet out (rules that fire only on that outlet switched off)\n" + summary
    )
    names = {o: f"{o} (off: {', '.join(switched_off[o]) or 'none'})" for o in outlets}
    print(table([(names.get(o, o), out.get(o, {})) for o in [*outlets, "all"]]))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
