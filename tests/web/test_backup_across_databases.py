"""A corpus holding hostile text, backed up on one database and restored into the other: SQLite
to a real PostgreSQL database (or, when the suite runs on PostgreSQL, PostgreSQL to SQLite), by
the real `migrate`, `restore` and `backup` commands in their own processes.

The hostile text comes in through the import boundary (NUL removed, lone surrogates replaced,
emoji, right-to-left script and bidi controls kept as they are) and, as an older corpus could
hold it, straight in a JSON field (SQLite stores a lone surrogate or NUL there as an escape,
which PostgreSQL refuses): the restore writes those as U+FFFD and keeps everything else exact.
"""

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
from django.db import connection

from newsreader import services
from newsreader.models import Article
from newsreader.services.backup import backup_write

ROOT = Path(__file__).resolve().parents[2]
# Where to create the throw-away PostgreSQL database when the suite itself runs on SQLite.
POSTGRES = os.environ.get("TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")

HOSTILE = [
    {
        "text": "Banjir\x00 melanda Bandung 🌧️🇮🇩 pada Senin, kata warga \ud83d setempat.\n\n"
        "Warga mengungsi ke balai desa; bantuan datang sore harinya dari dinas sosial.",
        "title": "Banjir\x00 \ud83d Bandung 😀",
        "outlet": "\ud83d",
        "author": "Redaksi\x00 👩🏽‍💻",
    },
    {
        "text": "قال المسؤول إن الفيضانات غمرت ثلاث مقاطعات صباح الاثنين في المدينة.\n\n"
        "Pejabat \u202ekota\u202c menyebut banjir merendam tiga kecamatan\u200b pada Senin pagi.",
        "title": "\u202eبانجير\u202c — Banjir di Garut",
        "url": "https://berita.example/\u05e9\u05dc\u05d5\u05dd",
    },
    {
        "text": "Ce\u0301sar dan Zoe\u0308 melaporkan banjir di Cimahi pada Senin pagi.\n\n"
        "Sebanyak 1.500 warga mengungsi; kerugian ditaksir Rp 3,5 miliar, kata petugas.",
        "title": "Tanda gabung: Ce\u0301sar \ufeff di Cimahi",
    },
]


def _manage(*args, url: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "newsreader.settings"}
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done


def _rows(path: Path) -> dict:
    lines = [json.loads(line) for line in path.read_text(encoding="ascii").splitlines()]
    assert lines[-1]["end"] is True
    return {(line["table"], line["row"]["id"]): line["row"] for line in lines[1:-1]}


def _other_database(tmp_path):
    """(URL of an empty database of the other vendor, function that removes it)."""
    if connection.vendor == "postgresql":
        return f"sqlite:///{tmp_path / 'restored.sqlite3'}", lambda: None
    name = f"nr_restore_{uuid.uuid4().hex[:12]}"
    admin = psycopg.connect(POSTGRES, autocommit=True)
    admin.execute(f'CREATE DATABASE "{name}"')
    target = urlsplit(POSTGRES)._replace(path=f"/{name}").geturl()

    def drop():
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()

    return target, drop


def test_a_corpus_of_hostile_text_restores_into_the_other_database(db, tmp_path):
    upload = "\n".join(json.dumps(record) for record in HOSTILE).encode()
    results = services.import_records("hostile.jsonl", upload)
    for record in results:
        assert "error" not in record, record
        services.article_import(source_kind="upload", **record)
    assert Article.objects.count() == 3
    first = Article.objects.get(title__startswith="Banjir")
    assert "\x00" not in first.clean_text and "🌧️🇮🇩" in first.clean_text
    assert "\ufffd" in first.title and "😀" in first.title
    arabic = Article.objects.get(url__startswith="https://berita.example/")
    assert "قال المسؤول" in arabic.clean_text and "\u202ekota\u202c" in arabic.clean_text
    # what an older SQLite corpus could hold in a JSON field (stored there as an escape;
    # PostgreSQL refuses to store it at all, so on PostgreSQL every row must come back exact)
    unstorable = connection.vendor == "sqlite"
    if unstorable:
        Article.objects.filter(pk=arabic.pk).update(
            corrections={**arabic.corrections, "authors": ["Nama\ud83d", "NUL\x00di tengah"]}
        )

    source = tmp_path / "source.jsonl"
    backup_write(source)
    target, drop = _other_database(tmp_path)
    try:
        _manage("migrate", "--noinput", url=target)
        restored = _manage("restore", str(source), url=target)
        assert "3 article" in restored.stdout
        again = tmp_path / "again.jsonl"
        _manage("backup", str(again), url=target)
    finally:
        drop()

    before, after = _rows(source), _rows(again)
    assert before.keys() == after.keys()
    changed = {key for key in before if before[key] != after[key]}
    assert changed == ({("article", arabic.pk)} if unstorable else set())
    if not unstorable:
        return
    row, back = before[("article", arabic.pk)], after[("article", arabic.pk)]
    assert back["corrections"]["authors"] == ["Nama\ufffd", "NUL\ufffddi tengah"]
    assert {k: v for k, v in back.items() if k != "corrections"} == {
        k: v for k, v in row.items() if k != "corrections"
    }  # raw bytes, hash, clean text (emoji, RTL, bidi controls, combining marks) exact
