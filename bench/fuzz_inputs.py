"""The long fuzz run: the suite's hostile files and N hypothesis-generated uploads (text lines,
binary tails, JSON records; `tests/web/test_fuzz.py`) through the whole pipeline, counting
instead of stopping at the first failure.

    nice .venv/bin/python bench/fuzz_inputs.py [--inputs 10000] [--seed 1] [--hang 20] [--reset 20]

Each input is uploaded through the import page of a throw-away test database, and for every
article it made, its story is analysed (as the page polls) and its 14 pages and exports are
read (article clean and raw, origins, story, compare with hostile thresholds, claims,
speakers, framing, JSON and CSV exports, outlet framing and reuse with impossible dates).
Counted: crashes (any answer but 200/400 to the upload, or not 200 to a page), hangs (an input
taking more than --hang seconds), data altered (stored bytes differing from the upload, or NUL
or a lone surrogate stored). Every --reset inputs (20) the stored articles are deleted: most
generated inputs carry the same body text and join one story, which every new input re-analyses,
so stories stay at most that size (with 100, the long run spent most of its time re-analysing a
story of dozens of near-identical articles). Prints the figures as JSON, with wall
and CPU time and peak memory, and exits non-zero if anything was found.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import sys
import time
import traceback
from collections import Counter
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsreader.settings")


class Hang(Exception):
    pass


def _alarm(signum, frame):
    raise Hang


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--inputs", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--hang", type=int, default=20, help="seconds an input may take")
    parser.add_argument("--progress", help="file rewritten with the figures every 100 inputs")
    parser.add_argument("--reset", type=int, default=20, help="inputs between emptyings")
    args = parser.parse_args()
    django.setup()
    from django.conf import settings
    from django.contrib.auth.models import Permission, User
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment
    from hypothesis import HealthCheck, given, seed
    from hypothesis import settings as fuzz_settings

    from newsreader.models import Article, Story
    from tests.web.test_fuzz import FILES, _hostile, upload_problems

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.LANGUAGE_CODE = "en"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    old_name = connection.creation.create_test_db(verbosity=0)
    signal.signal(signal.SIGALRM, _alarm)
    found: Counter = Counter()
    examples: dict[str, list[str]] = {}
    seconds: list[float] = []
    started, cpu = time.perf_counter(), time.process_time()
    try:
        editor = User.objects.create_user("fuzz-editor", password="x" * 16)
        editor.user_permissions.add(Permission.objects.get(codename="edit_corpus"))
        client = Client()
        client.force_login(editor)

        def figures() -> dict:
            hostile = len(_hostile())
            return {
                "inputs": {"hostile": hostile, "generated": max(0, len(seconds) - hostile)},
                "crashes": found["crash"],
                "hangs": found["hang"],
                "data_altered": found["altered"],
                "examples": examples,
                "wall_s": round(time.perf_counter() - started),
                "cpu_s": round(time.process_time() - cpu),
                "slowest_input_s": round(max(seconds, default=0), 1),
                "median_input_s": round(sorted(seconds)[len(seconds) // 2], 3) if seconds else 0,
                "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            }

        def one(name: str, data: bytes) -> None:
            if len(seconds) % args.reset == 0:
                Article.objects.all().delete()
                Story.objects.all().delete()
            begun = time.perf_counter()
            signal.alarm(args.hang)
            try:
                problems = upload_problems(client, name, data)
            except Hang:
                problems = [("hang", f"{name}: over {args.hang} s")]
            except Exception as error:  # an exception the test client re-raised: a 500
                where = traceback.extract_tb(error.__traceback__)[-1]
                problems = [
                    (
                        "crash",
                        f"{name}: {type(error).__name__}: {error}"[:300]
                        + f" at {Path(where.filename).name}:{where.lineno}; input {data[:300]!r}",
                    )
                ]
            finally:
                signal.alarm(0)
            seconds.append(time.perf_counter() - begun)
            for kind, detail in problems:
                found[kind] += 1
                listed = examples.setdefault(kind, [])
                if len(listed) < 5:
                    listed.append(detail)
            if len(seconds) % 100 == 0 and args.progress:
                Path(args.progress).write_text(json.dumps(figures(), indent=2))

        for name, data in _hostile():
            one(name, data)

        @seed(args.seed)
        @fuzz_settings(
            max_examples=args.inputs,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(FILES)
        def generated(named):
            one(*named)

        generated()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    report = figures()
    print(json.dumps(report, indent=2))
    if found:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
