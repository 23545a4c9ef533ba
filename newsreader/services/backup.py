"""Whole-corpus backups: one JSON document with every outlet, story, article, merge suggestion
(an editor's dismissal included) and lexicon entry.

Raw page bytes travel as base64 next to their SHA-256, ids are kept (so URLs stay valid), and a
restore checks every hash before anything is written. Story analyses are a cache and are left
out, and the corpus reuse index and the stories' grouping vocabularies are rebuilt from the
restored texts; user accounts (and their
passwords) are left out too. Import jobs not finished yet (queued, running, failed) are kept with
their page bytes, so nothing waiting for the worker is lost; a restore queues them again.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, models, transaction

from . import corpus
from .grouping import grouping_rebuild
from .jobs import import_job_enqueue

FORMAT = "newsreader-backup"
VERSION = 1

# Models in dependency order (a row's foreign keys point at rows of earlier models).
_MODEL_NAMES = ("Outlet", "Story", "Article", "MergeSuggestion", "LexiconEntry", "ImportJob")
# Derived from other rows: not written, rebuilt at restore. Accounts are not backed up either.
_DERIVED_FIELDS = {"grouping_profile", "grouping_features", "requested_by_id"}


class BackupError(ValueError):
    """A backup that cannot be restored here; nothing was written."""


def backup_models() -> list[type[models.Model]]:
    found = []
    for name in _MODEL_NAMES:
        try:
            found.append(apps.get_model("newsreader", name))
        except LookupError:
            continue  # an optional model this version of the schema does not have
    return found


def _key(model) -> str:
    return model._meta.model_name


def _encode(field, value):
    if value is None:
        return None
    if isinstance(field, models.BinaryField):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(field, models.DateField | models.TimeField):
        return value.isoformat()
    if isinstance(field, models.DecimalField):
        return str(value)
    return value


def _decode(field, value):
    if value is None:
        return None
    if isinstance(field, models.BinaryField):
        return base64.b64decode(value, validate=True)
    if isinstance(field, models.JSONField):
        return value
    return field.to_python(value)


def _stored_fields(model) -> list:
    return [f for f in model._meta.concrete_fields if f.attname not in _DERIVED_FIELDS]


def _rows(model):
    rows = model.objects.order_by("pk")
    if _key(model) == "importjob":  # finished jobs are a log; their articles are stored
        rows = rows.filter(status__in=model.UNFINISHED)
    return rows


def database_dump() -> dict:
    """Everything that matters, as one JSON-serialisable document."""
    document = {
        "format": FORMAT,
        "version": VERSION,
        "created": datetime.now(UTC).isoformat(),
        "models": [_key(m) for m in backup_models()],
    }
    for model in backup_models():
        fields = _stored_fields(model)
        document[_key(model)] = [
            {f.attname: _encode(f, f.value_from_object(obj)) for f in fields}
            for obj in _rows(model).iterator(chunk_size=200)
        ]
    return document


@contextmanager
def _stored_timestamps(model):
    """Let saved creation/update times through instead of stamping "now" on them."""
    changed = [
        (f, f.auto_now, f.auto_now_add)
        for f in model._meta.concrete_fields
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    for f, _, _ in changed:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, now, now_add in changed:
            f.auto_now, f.auto_now_add = now, now_add


def _check(data: dict) -> None:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BackupError("this is not a newsreader backup")
    if data.get("version") != VERSION:
        raise BackupError(
            f"backup format version {data.get('version')!r}; this newsreader reads version {VERSION}"
        )
    known = {_key(m) for m in backup_models()}
    unknown = set(data.get("models", [])) - known
    if unknown:
        raise BackupError(
            f"the backup holds tables this schema lacks: {', '.join(sorted(unknown))}"
        )
    for row in data.get("article", []):
        raw = base64.b64decode(row["raw_bytes"], validate=True)
        if hashlib.sha256(raw).hexdigest() != row["content_hash"]:
            raise BackupError(f"article {row['id']}: raw bytes do not match their SHA-256")


def database_restore(data: dict) -> dict[str, int]:
    """Load a backup into a database without stories or articles; returns rows per table.

    All or nothing: one transaction, every article hash checked first, sequences reset after.
    """
    _check(data)
    story, article = apps.get_model("newsreader", "Story"), apps.get_model("newsreader", "Article")
    jobs = apps.get_model("newsreader", "ImportJob").objects
    waiting = jobs.filter(status__in=jobs.model.UNFINISHED).count()
    if article.objects.exists() or story.objects.exists() or waiting:
        raise BackupError(
            f"the database already holds {article.objects.count()} article(s), "
            f"{story.objects.count()} story(ies) and {waiting} unfinished import job(s); "
            "restore only into an empty database"
        )
    counts = {}
    with transaction.atomic():
        for model in reversed(backup_models()):
            model.objects.all().delete()  # reference rows (outlets, lexicon) made on first use
        for model in backup_models():
            fields = {f.attname: f for f in _stored_fields(model)}
            rows = data.get(_key(model), [])
            objects = []
            for row in rows:
                unknown = set(row) - set(fields)
                if unknown:
                    raise BackupError(
                        f"{_key(model)}: unknown field(s) {', '.join(sorted(unknown))}"
                    )
                objects.append(model(**{k: _decode(fields[k], v) for k, v in row.items()}))
            with _stored_timestamps(model):
                model.objects.bulk_create(objects, batch_size=200)
            counts[_key(model)] = len(objects)
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), backup_models()):
                cursor.execute(sql)
        # derived data: rebuilt, not stored
        for stored in article.objects.only("id", "clean_text").iterator(chunk_size=200):
            corpus.article_index(article=stored)
        grouping_rebuild()
        jobs.filter(status="running").update(status="queued")  # its worker went with the old DB
        for job in jobs.filter(status="queued"):
            import_job_enqueue(job=job)
    return counts


def backup_write(path: str | Path, data: dict) -> None:
    """Write the document as JSON (gzip-compressed when the name ends in .gz), atomically."""
    path = Path(path)
    temporary = path.with_name(path.name + ".partial")
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(temporary, "wt", encoding="utf-8") as out:
        json.dump(data, out, ensure_ascii=False)
    temporary.replace(path)


def backup_read(path: str | Path) -> dict:
    path = Path(path)
    opener = gzip.open if path.suffix == ".gz" else open
    try:
        with opener(path, "rt", encoding="utf-8") as source:
            return json.load(source)
    except (OSError, EOFError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BackupError(f"{path}: cannot be read as a backup ({error})") from error
