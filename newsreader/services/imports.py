"""Importing pages: one at a time, in bulk, from uploads and from JSON records."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from datetime import datetime

from django.conf import settings
from django.db import IntegrityError, OperationalError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from ..analysis import cleaning, grouping
from ..analysis.decoding import NotText, decode
from ..models import Article, Story
from . import corpus, tasks
from .articles import (
    ImportRefused,
    ImportResult,
    _apply_extraction,
    _check_web_url,
    _main_text,
    grouped,
    the_text,
)
from .stories import (
    GROUPING_INDEX_ARTICLES,
    GROUPING_RECENT_STORIES,
    _grouping_decision,
    _recent_story_ids,
    _story_for,
    _vocabulary_change,
)

PLACED_BY_IMPORTER = "Placed in this story by the person who imported it."


def _already_stored(article: Article) -> str:
    return gettext("already stored as article {id}").format(id=article.pk)


def _imported(article: Article, story: Story) -> str:
    return gettext("imported as article {id} into “{story}”").format(
        id=article.pk, story=story.title
    )


def article_import(
    *,
    data: bytes,
    source_kind: str,
    file_name: str = "",
    url: str = "",
    title: str = "",
    outlet: str = "",
    published: datetime | None = None,
    story: Story | None = None,
) -> ImportResult:
    """Store one page. Idempotent: the same bytes (or the same article URL) return the stored one."""
    if len(data) > settings.IMPORT_MAX_BYTES:
        raise ImportRefused(
            gettext("{name} is {size} bytes; the limit is {limit} bytes").format(
                name=the_text(file_name),
                size=grouped(len(data)),
                limit=grouped(settings.IMPORT_MAX_BYTES),
            )
        )
    if url:
        _check_web_url(url)
    content_hash = hashlib.sha256(data).hexdigest()
    existing = Article.objects.filter(content_hash=content_hash).first()
    if existing:
        return ImportResult(existing, False, _already_stored(existing))
    url_key = cleaning.normalise_url(url) if url else ""
    if url_key and (same := Article.objects.filter(url_key=url_key).first()):
        return ImportResult(
            same, False, gettext("this URL is already stored as article {id}").format(id=same.pk)
        )

    article = _article_from(
        data=data,
        content_hash=content_hash,
        source_kind=source_kind,
        file_name=file_name,
        url=url,
        url_key=url_key,
        title=title,
        outlet=outlet,
        published=published,
    )
    try:
        with transaction.atomic():
            if story is None:
                story, note = _story_for(article)
            else:
                note = PLACED_BY_IMPORTER
            article.story, article.grouping_note = story, note
            _vocabulary_change(story, plus=grouping.vocabulary(article.clean_text))
            article.save()
            corpus.article_index(article=article)
            tasks.article_after_import(article=article)
    except IntegrityError:
        # A concurrent import of the same page won the race: report the stored article.
        winner = Article.objects.filter(content_hash=content_hash).first() or (
            Article.objects.filter(url_key=url_key).first() if url_key else None
        )
        if winner is None:
            raise
        return ImportResult(winner, False, _already_stored(winner))
    return ImportResult(article, True, _imported(article, story))


def articles_import_bulk(
    *, records: list[dict], source_kind: str, story: Story | None = None
) -> list[ImportResult | str]:
    """Import many pages in one transaction: the same decoding, cleaning, grouping and indexing
    as `article_import`, with the index lookup, inserts, fingerprints and story updates batched.

    `records` are `article_import` keyword arguments (data, file_name, url, title, outlet,
    published). Idempotent like `article_import`: a page stored already (same bytes or URL)
    is reported, not stored again. Returns one ImportResult, or a refusal message, per record.
    If a concurrent import stores one of the pages first, or the database breaks a deadlock
    between two batches, the batch is imported one by one.
    """
    hashes = [hashlib.sha256(r["data"]).hexdigest() for r in records]
    url_keys = [cleaning.normalise_url(r["url"]) if r.get("url") else "" for r in records]
    stored = Article.objects.in_bulk(hashes, field_name="content_hash")
    stored_urls = Article.objects.in_bulk([k for k in url_keys if k], field_name="url_key")
    results: list[ImportResult | str | None] = [None] * len(records)
    fresh: list[tuple[int, Article]] = []
    first_of: dict[str, int] = {}  # content hash or URL key -> position of its first record
    repeats: list[tuple[int, int]] = []  # (position, position of the same page earlier)
    for i, (record, content_hash, url_key) in enumerate(
        zip(records, hashes, url_keys, strict=True)
    ):
        name = record.get("file_name", "")
        same = stored.get(content_hash) or stored_urls.get(url_key)
        if same:
            results[i] = ImportResult(same, False, _already_stored(same))
            continue
        if content_hash in first_of or (url_key and url_key in first_of):
            repeats.append((i, first_of.get(content_hash, first_of.get(url_key))))
            continue
        try:
            if len(record["data"]) > settings.IMPORT_MAX_BYTES:
                raise ImportRefused(
                    gettext("{name} is larger than the import limit").format(name=the_text(name))
                )
            if record.get("url"):
                _check_web_url(record["url"])
            article = _article_from(
                data=record["data"],
                content_hash=content_hash,
                source_kind=source_kind,
                file_name=name,
                url=record.get("url", ""),
                url_key=url_key,
                title=record.get("title", ""),
                outlet=record.get("outlet", ""),
                published=record.get("published"),
            )
        except ImportRefused as error:
            results[i] = str(error)
            continue
        first_of[content_hash] = i
        if url_key:
            first_of[url_key] = i
        fresh.append((i, article))
    try:
        with transaction.atomic():
            _store_batch([a for _, a in fresh], story)
    except (IntegrityError, OperationalError):
        # A concurrent import stored one of these pages first, or two batches locked the same
        # stories in opposite order and the database broke the deadlock: go one by one.
        return [
            r if r is not None else article_import(source_kind=source_kind, story=story, **rec)
            for r, rec in zip(results, records, strict=True)
        ]
    for i, article in fresh:
        results[i] = ImportResult(article, True, _imported(article, article.story))
    for i, first in repeats:
        if isinstance(results[first], ImportResult):
            article = results[first].article
            results[i] = ImportResult(article, False, _already_stored(article))
        else:
            results[i] = results[first]
    return results


def _store_batch(articles: list[Article], given: Story | None) -> None:
    """Group, save and index a batch of unsaved articles (inside a transaction)."""
    prints = [corpus.article_hashes(a) for a in articles]
    holders = corpus.hash_holders({h for hashes in prints for h in hashes})
    recent = _recent_story_ids()
    stories: dict[int, Story] = {}
    pools: dict[int, grouping.Pool] = {}
    updated: set[int] = set()  # stories locked and given new articles in this batch
    in_batch: dict[int, list[int]] = {}  # hash -> positions in this batch

    def load(ids):
        missing = set(ids) - set(stories)
        stories.update(Story.objects.only("id", "title", "slug", "vocabulary").in_bulk(missing))

    def pool(story_id):
        if story_id not in pools:
            pools[story_id] = grouping.Pool.of(stories[story_id].vocabulary)
        return pools[story_id]

    for position, (article, hashes) in enumerate(zip(articles, prints, strict=True)):
        words = grouping.vocabulary(article.clean_text)
        if given is not None:
            story, note = given, PLACED_BY_IMPORTER
        else:
            shared: Counter = Counter()
            for h in hashes:
                shared.update(("db", a, s) for a, s in holders.get(h, ()))
                shared.update(("batch", p, articles[p].story_id) for p in in_batch.get(h, ()))
            by_story: Counter = Counter()
            for (_, _, story_id), n in shared.most_common(GROUPING_INDEX_ARTICLES):
                if n >= corpus.MIN_SHARED:
                    by_story[story_id] += n
            ids = set(by_story) | set(recent)
            load(ids)
            candidates = [(stories[i], pool(i)) for i in ids if i in stories]
            chosen, best = grouping.best_story(article.clean_text, candidates, words=words)
            story, note = _grouping_decision(article, chosen, best, len(ids), len(by_story))
            stories[story.pk] = story
        if story.pk not in updated:
            locked = Story.objects.select_for_update().only("vocabulary").get(pk=story.pk)
            pools[story.pk] = grouping.Pool.of(locked.vocabulary)
            updated.add(story.pk)
        pools[story.pk].add(words)
        if story.pk in recent:
            recent.remove(story.pk)
        recent.insert(0, story.pk)
        del recent[GROUPING_RECENT_STORIES:]
        article.story, article.grouping_note = story, note
        for h in hashes:
            in_batch.setdefault(h, []).append(position)
    Article.objects.bulk_create(articles, batch_size=200)
    rows = [(h, a.pk) for a, hashes in zip(articles, prints, strict=True) for h in hashes]
    corpus.fingerprints_insert(rows)  # plain rows: the ORM would build 50 objects an article
    now = timezone.now()
    for story_id in updated:
        Story.objects.filter(pk=story_id).update(
            vocabulary=dict(pools[story_id].counts), updated=now
        )
    for article in articles:
        tasks.article_after_import(article=article)


def _article_from(
    *, data, content_hash, source_kind, file_name, url, url_key, title, outlet, published
) -> Article:
    """An unsaved Article of a page: decoded, reduced to its main text, cleaned."""
    try:
        text, encoding = decode(data)
    except NotText as error:
        raise ImportRefused(f"{the_text(file_name)}: {error}") from error
    page_text = _main_text(text, file_name)
    if not page_text.strip():
        raise ImportRefused(
            gettext("{name}: no article text found").format(name=the_text(file_name))
        )

    extraction = cleaning.extract(page_text, url=url or None, outlet=outlet or None)
    if not extraction.clean_text.strip():
        raise ImportRefused(
            gettext("{name}: nothing is left once page furniture is removed").format(
                name=the_text(file_name)
            )
        )
    corrections = {"outlet": outlet} if outlet else {}
    if title:
        corrections["title"] = title
    if published:
        corrections["published"] = published.isoformat()
    article = Article(
        raw_bytes=data,
        content_hash=content_hash,
        encoding=encoding,
        raw_text=page_text,
        source_kind=source_kind,
        file_name=file_name[:255],
        url=url,
        url_key=url_key,
        corrections=corrections,
    )
    _apply_extraction(article, extraction)
    return article


def articles_import_upload(
    *, files, story: Story | None = None
) -> list[tuple[str, ImportResult | str]]:
    """Import several uploaded files; one bad file does not stop the others."""
    results = []
    for name, records in _uploaded_records(files):
        if isinstance(records, str):
            results.append((name, records))
            continue
        for item in records:
            label = item["file_name"] if len(records) > 1 else name
            try:
                results.append((label, article_import(source_kind="upload", story=story, **item)))
            except ImportRefused as error:
                results.append((label, str(error)))
    return results


def _uploaded_records(files):
    """(file name, its import records or the reason it is refused) for each uploaded file."""
    if len(files) > settings.IMPORT_MAX_FILES:
        raise ImportRefused(
            gettext("{count} files; at most {limit} per upload").format(
                count=len(files), limit=settings.IMPORT_MAX_FILES
            )
        )
    for upload in files:
        name = upload.name.replace("\\", "/").rsplit("/", 1)[-1]
        if upload.size > settings.IMPORT_MAX_BYTES:
            yield (
                name,
                gettext("{size} bytes; the limit is {limit}").format(
                    size=grouped(upload.size), limit=grouped(settings.IMPORT_MAX_BYTES)
                ),
            )
            continue
        try:
            yield name, import_records(name, upload.read())
        except ImportRefused as error:
            yield name, str(error)


JSON_FIELDS = {"text", "url", "title", "outlet", "published"}


JSON_FIELDS = {"text", "url", "title", "outlet", "published"}
JSON_FIELD_LIMITS = {"url": 2000, "title": 1000, "outlet": 100}


def import_records(name: str, data: bytes) -> list[dict]:
    """One import per text/HTML file; one per object of a .json list or .jsonl line."""
    lower = name.lower()
    if lower.endswith((".zip", ".gz", ".tar", ".tgz", ".7z", ".rar")):
        raise ImportRefused(
            gettext("{name}: archives are not accepted; upload the files themselves").format(
                name=name
            )
        )
    if not lower.endswith((".json", ".jsonl")):
        return [{"data": data, "file_name": name}]
    try:
        text, _ = decode(data)
        if lower.endswith(".jsonl"):
            objects = [json.loads(line) for line in text.splitlines() if line.strip()]
        else:
            loaded = json.loads(text)
            objects = loaded if isinstance(loaded, list) else [loaded]
    except (NotText, json.JSONDecodeError) as error:
        raise ImportRefused(
            gettext("{name}: not valid JSON ({error})").format(name=name, error=error)
        ) from error
    records = []
    for number, obj in enumerate(objects, 1):
        if not isinstance(obj, dict):
            raise ImportRefused(
                gettext("{name}, record {number}: expected an object with a 'text' field").format(
                    name=name, number=number
                )
            )
        unknown = set(obj) - JSON_FIELDS
        if unknown:
            raise ImportRefused(
                gettext(
                    "{name}, record {number}: unknown field(s) {fields}; allowed: {allowed}"
                ).format(
                    name=name,
                    number=number,
                    fields=", ".join(sorted(unknown)),
                    allowed=", ".join(sorted(JSON_FIELDS)),
                )
            )
        if not isinstance(obj.get("text"), str) or not obj["text"].strip():
            raise ImportRefused(
                gettext("{name}, record {number}: 'text' must be a non-empty string").format(
                    name=name, number=number
                )
            )
        published = None
        if obj.get("published"):
            try:
                published = datetime.fromisoformat(str(obj["published"]))
            except ValueError as error:
                raise ImportRefused(
                    gettext("{name}, record {number}: 'published' is not an ISO date").format(
                        name=name, number=number
                    )
                ) from error
            if timezone.is_naive(published):
                published = timezone.make_aware(published)
        for field, limit in JSON_FIELD_LIMITS.items():
            if len(str(obj.get(field) or "")) > limit:
                raise ImportRefused(
                    gettext("{name}, record {number}: '{field}' is longer than {limit}").format(
                        name=name, number=number, field=field, limit=limit
                    )
                )
        records.append(
            {
                "data": obj["text"].encode("utf-8"),
                "file_name": f"{name}#{number}",
                "url": str(obj.get("url") or ""),
                "title": str(obj.get("title") or ""),
                "outlet": str(obj.get("outlet") or ""),
                "published": published,
            }
        )
    return records
