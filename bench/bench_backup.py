"""Time and peak memory of `backup` and `restore` on a large synthetic corpus.

    nice .venv/bin/python bench/bench_backup.py [--articles 100000] [--database-url URL]

Builds a throw-away database (SQLite in a temporary folder, or the empty PostgreSQL database
given, which is cleared at the end) of N synthetic articles (`synthetic_corpus.py`: sample
paragraphs recombined, 10 articles a story, raw bytes = the UTF-8 text), stored directly with
bulk inserts. Then, each in its own process so each peak is its own, runs the real commands:
`backup FILE.jsonl.gz`, `migrate` + `restore FILE.jsonl.gz` into a second empty database, and
`backup` of the restored database, and checks that both backups hold the same rows (timestamps
and ids included, raw bytes byte for byte). Prints wall time, CPU time (user + system) and peak
resident memory (ru_maxrss) per step, as JSON.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _populate(count: int) -> None:
    import django

    django.setup()
    from bench.synthetic_corpus import synthetic_corpus
    from newsreader.models import Article, Outlet, Story

    outlets = {}
    stories = []
    batch = []
    for article in synthetic_corpus(count, seed=7):
        if article.outlet not in outlets:
            outlets[article.outlet] = Outlet.objects.create(
                slug=article.outlet, name=article.outlet
            )
        if article.doc % 10 == 0:
            stories.append(Story(title=f"Cerita {article.doc}", slug=f"cerita-{article.doc}"))
            Story.objects.bulk_create(stories[-1:])
        data = article.text.encode("utf-8")
        batch.append(
            Article(
                story=stories[-1],
                outlet=outlets[article.outlet],
                raw_bytes=data,
                content_hash=hashlib.sha256(data).hexdigest(),
                encoding="utf-8",
                raw_text=article.text,
                source_kind="command",
                file_name=f"artikel-{article.doc}.txt",
                title=article.text[:80],
                published=article.published.astimezone(),
                clean_text=article.text,
                extraction={"paragraphs": [[0, len(article.text)]]},
            )
        )
        if len(batch) == 1000:
            Article.objects.bulk_create(batch)
            batch = []
    Article.objects.bulk_create(batch)


def _measured(command: list[str], env: dict) -> dict:
    """Run a child process; its wall time, CPU time and peak memory."""
    started = time.perf_counter()
    child = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(child.pid, 0)
    out = child.stdout.read()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{command} failed")
    return {
        "wall_s": round(time.perf_counter() - started, 1),
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 1),
        "peak_mb": round(usage.ru_maxrss / 1024),
        "output": out.strip()[-200:],
    }


def _rows(path: Path):
    with gzip.open(path, "rt", encoding="ascii") as source:
        next(source)
        for line in source:
            item = json.loads(line)
            if "end" in item:
                yield "end", item["rows"]
            else:
                yield item["table"], hashlib.sha256(line.encode()).hexdigest()


def _clear_postgres(url: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as db:
        db.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--database-url", help="an empty PostgreSQL database (else SQLite)")
    parser.add_argument("--restore-url", help="a second empty PostgreSQL database")
    parser.add_argument("--populate", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.populate:
        _populate(args.populate)
        return
    folder = Path(tempfile.mkdtemp(prefix="nr-bench-backup-"))
    source = args.database_url or f"sqlite:///{folder / 'source.sqlite3'}"
    target = args.restore_url or f"sqlite:///{folder / 'restored.sqlite3'}"
    for url in (source, target):
        if urlsplit(url).scheme.startswith("postgres"):
            _clear_postgres(url)
    base = {**os.environ, "DJANGO_SETTINGS_MODULE": "newsreader.settings"}
    manage = [sys.executable, "manage.py"]
    env = {**base, "DATABASE_URL": source}
    figures: dict = {"articles": args.articles, "database": urlsplit(source).scheme}
    subprocess.run(manage + ["migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    figures["populate"] = _measured(
        [sys.executable, __file__, "--populate", str(args.articles)], env
    )
    backup = folder / "corpus.jsonl.gz"
    figures["backup"] = _measured(manage + ["backup", str(backup)], env)
    figures["backup_mb"] = round(backup.stat().st_size / 2**20, 1)
    env = {**base, "DATABASE_URL": target}
    subprocess.run(manage + ["migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    figures["restore"] = _measured(manage + ["restore", str(backup)], env)
    again = folder / "again.jsonl.gz"
    _measured(manage + ["backup", str(again)], env)
    same = sorted(_rows(backup), key=str) == sorted(_rows(again), key=str)
    figures["restored_rows_identical"] = same
    print(json.dumps(figures, indent=2))
    for path in folder.iterdir():
        path.unlink()
    folder.rmdir()
    if not same:
        raise SystemExit("the restored database's backup differs")


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    main()
