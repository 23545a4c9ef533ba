"""Outlet resolution on the dev corpus: how many distinct outlets and media groups the pages
resolve to, and how many stay "unknown", with the URL, with only the `sumber` column, and with
neither (page markers and the body's dateline alone, checked against the `sumber` column).

Run: .venv/bin/python bench/eval_outlets.py [--dev-corpus DIR]
Reads the three CSV files of the dev corpus (`../shared/dev-corpus`, or $DEV_CORPUS). Uses the
same look-ups as the import (`analysis.outlet_registry` for hosts and names, the cleaning
profiles' page markers, the dateline of the cleaned body), without a database: the editors' stored outlets add nothing here.
Skips (exit 0) when the dev corpus is absent.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsreader.analysis import outlet_registry as registry  # noqa: E402
from newsreader.analysis.cleaning import detect_outlet, extract  # noqa: E402

UNKNOWN = "(unknown)"


def rows(corpus: Path) -> list[dict]:
    csv.field_size_limit(sys.maxsize)
    found = []
    for path in sorted(corpus.glob("scrapping_news_*.csv")):
        with path.open(encoding="utf-8-sig", newline="") as fh:
            found.extend(csv.DictReader(fh))
    return found


def by_url(row: dict) -> tuple[str, str]:
    host = registry.url_host(row["url"]) if row.get("url") else ""
    if not host:
        return by_markers(row)
    slug = registry.by_host(host)
    return (slug, registry.registry()[slug].group) if slug else (host, "")


def by_source(row: dict) -> tuple[str, str]:
    slug = registry.by_name(row.get("sumber", ""))
    if slug:
        return slug, registry.registry()[slug].group
    return (row["sumber"].strip(), "") if row.get("sumber", "").strip() else by_markers(row)


def by_markers(row: dict) -> tuple[str, str]:
    slug, _ = detect_outlet(row["isi_berita"])
    if slug == "unknown":
        dateline = registry.by_dateline(extract(row["isi_berita"]).clean_text)
        if not dateline:
            return UNKNOWN, ""
        slug = dateline[0]
    entry = registry.registry().get(slug)
    return slug, entry.group if entry else ""


def report(name: str, results: list[tuple[str, str]]) -> None:
    outlets = Counter(o for o, _ in results)
    unknown = outlets.pop(UNKNOWN, 0)
    groups = {g for o, g in results if o != UNKNOWN and g}
    print(
        f"\n{name}: {len(outlets)} outlets, {len(groups)} media groups, "
        f"{unknown} of {len(results)} articles unknown ({100 * unknown / len(results):.1f}%)"
    )
    for outlet, n in outlets.most_common():
        group = next(g for o, g in results if o == outlet) or "no group"
        print(f"  {outlet:<22} {group:<28} {n:>5}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    beside = (p / "shared" / "dev-corpus" for p in ROOT.parents)  # beside the checkout(s)
    found = next((p for p in beside if p.exists()), ROOT.parent / "shared" / "dev-corpus")
    default = os.environ.get("DEV_CORPUS", str(found))
    parser.add_argument("--dev-corpus", default=default)
    corpus = Path(parser.parse_args().dev_corpus)
    if not corpus.is_dir():
        print(f"no dev corpus at {corpus}: skipped")
        return 0
    pages = rows(corpus)
    print(f"{len(pages)} pages")
    for name, resolve in (
        ("with the URL", by_url),
        ("with only the sumber column", by_source),
        ("with neither (page markers and datelines only)", by_markers),
    ):
        wall, cpu = time.perf_counter(), time.process_time()
        results = [resolve(r) for r in pages]
        report(name, results)
        wrong = sum(
            1
            for row, (slug, _) in zip(pages, results, strict=True)
            if slug != UNKNOWN and slug != registry.by_name(row.get("sumber", ""))
        )
        print(f"  {wrong} resolved to another outlet than their sumber column names")
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        print(
            f"  time: {1000 * wall / len(pages):.3f} ms wall, "
            f"{1000 * cpu / len(pages):.3f} ms CPU per page"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
