"""First analysis of a small and a large story, per section, CPU time beside wall time; the same
stories analysed by an older checkout of the code in the same run, and the results compared.

DJANGO_SETTINGS_MODULE=newsreader.settings .venv/bin/python bench/bench_analysis.py \
    [--baseline /path/to/older/checkout] [--articles 120] [--corpus ../shared/dev-corpus] \
    [--mixed 500] [--profile /tmp/analysis.prof]

Each code (this checkout, and `--baseline`: a tree holding an older `newsreader` package, e.g.
`git archive <commit> | tar -x -C DIR`) runs in its own process with its own throw-away test
database holding the stories of `bench_pages.py` (the 6-article sample story and the first
`--articles` Iran/Israel articles of the dev corpus; with `--mixed N`, a third story of N other
dev-corpus articles, to see how the costs grow). Each process times the first analysis of each
story (`story_analyse`, sections wrapped to time each one; "other" is loading, fingerprint and
storing), the small story's twice ("again, warm": what the first run paid for loading
dictionaries and compiling patterns is not paid again). The parent prints both codes side by
side and says, per story and section, whether the two analyses are identical. `--profile`
writes the cProfile stats of this checkout's analysis of the last story.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def mixed_story(corpus: Path, articles: int):
    """A story of the first `articles` dev-corpus rows whose title names neither Iran nor
    Israel (unrelated articles: little reuse, many speakers), to see how costs grow."""
    import csv

    from newsreader import services
    from newsreader.services.imports import articles_import_bulk

    csv.field_size_limit(1 << 30)
    records = []
    for path in sorted(corpus.glob("*.csv")):
        with path.open(encoding="utf-8") as f:
            for row in csv.DictReader(f):
                title = row["judul"].lower()
                if "iran" not in title and "israel" not in title:
                    records.append(
                        {
                            "data": row["isi_berita"].encode(),
                            "url": row["url"],
                            "title": row["judul"],
                        }
                    )
    story = services.story_create(title="Campuran")
    for start in range(0, min(articles, len(records)), 50):
        batch = records[start : min(start + 50, articles)]
        articles_import_bulk(records=batch, source_kind="command", story=story)
    return story


def worker(out: Path, articles: int, corpus: Path, profile: Path | None, mixed: int) -> None:
    import django

    django.setup()
    from bench_pages import build
    from throwaway_database import throwaway_database

    from newsreader.services import story_analysis

    def timed_section(name, compute, clock):
        def run(arts):
            cpu, wall = time.process_time(), time.perf_counter()
            try:
                return compute(arts)
            finally:
                clock[name] = (time.process_time() - cpu, time.perf_counter() - wall)

        return run

    report = []
    with throwaway_database():
        stories = build(articles, corpus)
        if mixed:
            stories.append(mixed_story(corpus, mixed))
        from newsreader.models import StoryAnalysis

        # the small story twice (its stored analysis removed): the second run in a warm process
        runs = [(story, story.title) for story in stories]
        runs.insert(1, (stories[0], "again, warm"))
        for n, (story, title) in enumerate(runs):
            if title == "again, warm":
                StoryAnalysis.objects.filter(story=story).delete()
            clock: dict[str, tuple[float, float]] = {}
            real = dict(story_analysis.SECTIONS)
            for name, compute in real.items():
                story_analysis.SECTIONS[name] = timed_section(name, compute, clock)
            profiler = None
            if profile and n == len(runs) - 1:  # the last story read
                import cProfile

                profiler = cProfile.Profile()
                profiler.enable()
            cpu, wall = time.process_time(), time.perf_counter()
            data = story_analysis.story_analyse(story=story)
            cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
            if profiler is not None:
                profiler.disable()
                profiler.dump_stats(profile)
            story_analysis.SECTIONS.update(real)
            report.append(
                {
                    "story": title,
                    "articles": story.articles.count(),
                    "total": [cpu, wall],
                    "sections": clock,
                    "data": data,
                }
            )
    out.write_text(json.dumps(report, default=str))


def run_code(tree: Path, args) -> list[dict]:
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as f:
        out = Path(f.name)
    command = [sys.executable, __file__, "--worker", str(out), "--articles", str(args.articles)]
    command += ["--corpus", str(args.corpus), "--mixed", str(args.mixed)]
    if args.profile and tree == ROOT:
        command += ["--profile", str(args.profile)]
    env = {**os.environ, "PYTHONPATH": str(tree)}
    env.setdefault("DJANGO_SETTINGS_MODULE", "newsreader.settings")
    subprocess.run(command, env=env, check=True)
    try:
        return json.loads(out.read_text())
    finally:
        out.unlink()


def differences(old, new, path="") -> list[str]:
    """Where two JSON values differ (the first few paths)."""
    if type(old) is not type(new):
        return [path or "/"]
    if isinstance(old, dict):
        found = [f"{path}/{k}" for k in old.keys() ^ new.keys()]
        for k in old.keys() & new.keys():
            found += differences(old[k], new[k], f"{path}/{k}")
        return found
    if isinstance(old, list):
        if len(old) != len(new):
            return [f"{path} (length {len(old)} vs {len(new)})"]
        return [d for a, b in zip(old, new, strict=True) for d in differences(a, b, path + "[]")]
    return [] if old == new else [path]


def show(codes: dict[str, list[dict]]) -> None:
    names = list(codes)
    for k, story in enumerate(codes[names[-1]]):
        print(f"\n{story['story']} ({story['articles']} articles): CPU s / wall s")
        sections = list(story["sections"]) + ["other", "total"]
        print(f"  {'section':10}" + "".join(f"{n:>22}" for n in names))
        for section in sections:
            cells = []
            for name in names:
                run = codes[name][k]
                if section == "total":
                    cpu, wall = run["total"]
                elif section == "other":
                    cpu = run["total"][0] - sum(c for c, _ in run["sections"].values())
                    wall = run["total"][1] - sum(w for _, w in run["sections"].values())
                else:
                    cpu, wall = run["sections"].get(section, (float("nan"),) * 2)
                cells.append(f"{cpu:9.2f} / {wall:7.2f}")
            print(f"  {section:10}" + "".join(f"{c:>22}" for c in cells))
        if len(names) == 2:
            old, new = (codes[n][k]["data"] for n in names)
            for section in sorted(old.keys() | new.keys()):
                found = differences(old.get(section), new.get(section), section)
                verdict = "identical" if not found else f"DIFFERS at {sorted(set(found))[:5]}"
                print(f"  {section}: {verdict}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--worker", type=Path)
    parser.add_argument("--baseline", type=Path)
    parser.add_argument("--articles", type=int, default=120)
    parser.add_argument("--profile", type=Path)
    parser.add_argument("--mixed", type=int, default=0, help="a third story of N other articles")
    found = [p for p in (ROOT.parent, ROOT.parent.parent) if (p / "shared" / "dev-corpus").is_dir()]
    default = (found or [ROOT.parent])[0] / "shared" / "dev-corpus"
    parser.add_argument("--corpus", type=Path, default=default)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.articles, args.corpus, args.profile, args.mixed)
        return
    codes = {}
    if args.baseline:
        codes[f"baseline ({args.baseline.name})"] = run_code(args.baseline.resolve(), args)
    codes["this checkout"] = run_code(ROOT, args)
    show(codes)


if __name__ == "__main__":
    main()
