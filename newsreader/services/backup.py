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
import re
from contextlib import contextmanager
from datetime import UTC, datetime
from itertools import batched
from pathlib import Path

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, models, transaction

from . import corpus
from .batches import batch_enqueue, import_batches_unfinished
from .grouping import grouping_rebuild
from .jobs import import_job_enqueue

FORMAT = "newsreader-backup"
VERSION = 2  # JSON Lines, written and read row by row; version 1 (one document) is still read
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")

# Models in dependency order (a row's foreign keys point at rows of earlier models).
_MODEL_NAMES = (
    "Outlet",
    "Story",
    "Article",
    "MergeSuggestion",
    "LexiconEntry",
    "ImportBatch",
    "ImportJob",
)
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
    if _key(model) == "importbatch":  # the batches of those jobs, and those still working
        rows = rows.filter(import_batches_unfinished()).distinct()
    return rows


def database_rows():
    """Every row that matters, as (table, row) pairs in dependency order, read from the
    database a chunk at a time: a backup never holds the corpus in memory."""
    for model in backup_models():
        fields = _stored_fields(model)
        for obj in _rows(model).iterator(chunk_size=200):
            yield _key(model), {f.attname: _encode(f, f.value_from_object(obj)) for f in fields}


def _header() -> dict:
    return {
        "format": FORMAT,
        "version": VERSION,
        "created": datetime.now(UTC).isoformat(),
        "models": [_key(m) for m in backup_models()],
    }


def database_dump() -> dict:
    """The whole backup as one document in memory (version 1's layout: a list of rows per
    table); for small corpora and tests, `backup_write` streams instead."""
    document = {**_header(), "version": 1}
    for key in document["models"]:
        document[key] = []
    for key, row in database_rows():
        document[key].append(row)
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


def _check_header(header) -> None:
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise BackupError("this is not a newsreader backup")
    if header.get("version") not in (1, VERSION):
        raise BackupError(
            f"backup format version {header.get('version')!r}; this newsreader reads versions "
            f"1 and {VERSION}"
        )
    known = {_key(m) for m in backup_models()}
    unknown = set(header.get("models", [])) - known
    if unknown:
        raise BackupError(
            f"the backup holds tables this schema lacks: {', '.join(sorted(unknown))}"
        )


def _document_rows(document: dict):
    """The (table, row) pairs of a version 1 document (one JSON object, all rows in memory)."""
    _check_header(document)
    for key in document.get("models", []):
        for row in document.get(key, []):
            yield key, row


def _storable(value):
    """A text value a database may refuse (NUL, a lone surrogate: PostgreSQL refuses both, and
    older SQLite corpora can hold them) with those characters replaced by U+FFFD, one for one,
    so offsets into the text stay valid; JSON values are cleaned throughout."""
    if isinstance(value, str):
        return _UNSTORABLE.sub("\ufffd", value)
    if isinstance(value, list):
        return [_storable(v) for v in value]
    if isinstance(value, dict):
        return {_storable(k): _storable(v) for k, v in value.items()}
    return value


def _checked(key: str, row: dict) -> dict:
    if key == "article":
        raw = base64.b64decode(row["raw_bytes"], validate=True)
        if hashlib.sha256(raw).hexdigest() != row["content_hash"]:
            raise BackupError(f"article {row['id']}: raw bytes do not match their SHA-256")
    return row


def database_restore(source) -> dict[str, int]:
    """Load a backup (`backup_read`'s rows, or a version 1 document) into a database without
    stories or articles; returns rows per table.

    All or nothing: one transaction (any bad row, or a backup cut short, undoes it all), every
    article hash checked before its row is written, sequences reset after. Rows are written
    200 at a time as they are read.
    """
    rows = _document_rows(source) if isinstance(source, dict) else source
    story, article = apps.get_model("newsreader", "Story"), apps.get_model("newsreader", "Article")
    jobs = apps.get_model("newsreader", "ImportJob").objects
    waiting = jobs.filter(status__in=jobs.model.UNFINISHED).count()
    if article.objects.exists() or story.objects.exists() or waiting:
        raise BackupError(
            f"the database already holds {article.objects.count()} article(s), "
            f"{story.objects.count()} story(ies) and {waiting} unfinished import job(s); "
            "restore only into an empty database"
        )
    models_by_key = {_key(m): m for m in backup_models()}
    order = list(models_by_key)
    counts = dict.fromkeys(order, 0)
    with transaction.atomic():
        for model in reversed(backup_models()):
            model.objects.all().delete()  # reference rows (outlets, lexicon) made on first use
        pending: list = []
        current = None
        for key, row in rows:
            if key not in models_by_key:
                raise BackupError(f"the backup holds rows of an unknown table {key!r}")
            if current is not None and order.index(key) < order.index(current):
                raise BackupError(f"{key}: rows out of order (after {current})")
            if key != current or len(pending) >= 200:
                _insert(current, pending, models_by_key)
                pending, current = [], key
            pending.append(_object(models_by_key[key], _checked(key, row)))
            counts[key] += 1
        _insert(current, pending, models_by_key)
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), backup_models()):
                cursor.execute(sql)
        _reuse_index_rebuild(article)  # derived data: rebuilt, not stored
        grouping_rebuild()
        jobs.filter(status="running").update(status="queued")  # its worker went with the old DB
        for job in jobs.filter(status="queued", batch=None):
            import_job_enqueue(job=job)
        for batch in apps.get_model("newsreader", "ImportBatch").objects.filter(finished=None):
            batch_enqueue(batch=batch)
    return counts


def _reuse_index_rebuild(article) -> None:
    """The corpus reuse index of the restored articles, 200 at a time: their fingerprints in
    one bulk insert a batch, and the stock phrases among them (the same rows and stock phrases
    as indexing one article after another). On PostgreSQL the tables' statistics are refreshed
    as the index grows (after batches 1, 2, 4, 8...): with none, the planner takes the freshly
    loaded tables for what they were before and the stock-phrase probes crawl (4.7 s a batch
    at 2,000 articles instead of 0.3 s, growing with the corpus)."""
    shingle = apps.get_model("newsreader", "Shingle")
    _statistics_refresh(article)
    stored = article.objects.order_by("pk").only("id", "clean_text")
    for number, chunk in enumerate(batched(stored.iterator(chunk_size=200), 200), start=1):
        corpus.fingerprints_insert([(h, a.pk) for a in chunk for h in corpus.article_hashes(a)])
        if number & (number - 1) == 0:  # a power of two: the index doubled since last time
            _statistics_refresh(shingle)


def _statistics_refresh(*tables) -> None:
    """ANALYZE these tables on PostgreSQL (inside the restore's transaction, which sees its own
    rows); SQLite's planner needs no statistics to use its indexes."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for model in tables:
                cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def _object(model, row: dict):
    fields = {f.attname: f for f in _stored_fields(model)}
    unknown = set(row) - set(fields)
    if unknown:
        raise BackupError(f"{_key(model)}: unknown field(s) {', '.join(sorted(unknown))}")
    return model(**{k: _storable(_decode(fields[k], v)) for k, v in row.items()})


def _insert(key, objects: list, models_by_key) -> None:
    if key is None or not objects:
        return
    model = models_by_key[key]
    with _stored_timestamps(model):
        model.objects.bulk_create(objects, batch_size=200)


def backup_write(path: str | Path, rows=None) -> dict[str, int]:
    """Write a backup as JSON Lines, row by row (gzip-compressed when the name ends in .gz),
    atomically: a header line, one `{"table": ..., "row": ...}` line per row, and an end line
    with the row counts, without which a restore refuses the file (cut short). Lines are ASCII
    (`\\u` escapes), so any text the database holds survives. Returns rows per table."""
    path = Path(path)
    temporary = path.with_name(path.name + ".partial")
    opener = gzip.open if path.suffix == ".gz" else open
    header = _header()
    counts = dict.fromkeys(header["models"], 0)
    with opener(temporary, "wt", encoding="ascii") as out:
        out.write(json.dumps(header) + "\n")
        for key, row in database_rows() if rows is None else rows:
            out.write(json.dumps({"table": key, "row": row}) + "\n")
            counts[key] += 1
        out.write(json.dumps({"end": True, "rows": counts}) + "\n")
    temporary.replace(path)
    return counts


def backup_read(path: str | Path):
    """The (table, row) pairs of a backup file, read as they are needed; a version 1 file (one
    JSON document) is read whole. The header is checked before the first row is returned."""
    path = Path(path)
    opener = gzip.open if path.suffix == ".gz" else open
    try:
        source = opener(path, "rt", encoding="utf-8")
        first = source.readline()
        header = json.loads(first) if first.strip() else None
        if isinstance(header, dict) and header.get("version") == 1:
            source.close()
            with opener(path, "rt", encoding="utf-8") as whole:
                return _document_rows(json.load(whole))
    except (OSError, EOFError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BackupError(f"{path}: cannot be read as a backup ({error})") from error
    _check_header(header)
    return _lines(path, source)


def _lines(path: Path, source):
    ended = False
    try:
        with source:
            for number, line in enumerate(source, start=2):
                item = json.loads(line)
                if ended or not isinstance(item, dict):
                    raise BackupError(f"{path}, line {number}: not a backup row")
                if item.get("end"):
                    ended = True
                    continue
                if not isinstance(item.get("row"), dict):
                    raise BackupError(f"{path}, line {number}: not a backup row")
                yield item.get("table"), item["row"]
    except (OSError, EOFError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BackupError(f"{path}: cannot be read as a backup ({error})") from error
    if not ended:
        raise BackupError(f"{path}: the backup is cut short (no end line); nothing was restored")
