"""Importing pages: one at a time, in bulk, from uploads and from JSON records."""

from __future__ import annotations

import hashlib
from datetime import datetime

from django.conf import settings
from django.db import IntegrityError, OperationalError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext

from ..analysis import cleaning, grouping
from ..analysis.decoding import NotText, decode
from ..models import Article, GroupingKey, GroupingTerm, Shingle, StockPhrase, Story
from . import corpus, outlets, tasks
from . import grouping as grouping_store
from .articles import (
    ImportRefused,
    ImportResult,
    _apply_extraction,
    _check_web_url,
    _main_text,
    grouped,
    page_extract,
    the_text,
)
from .new_stories import NewStories
from .records import import_records
from .stories import article_vector, profile_add, story_for

PLACED_BY_IMPORTER = "Placed in this story by the person who imported it."
PLACED = {"kind": "placed", "text": PLACED_BY_IMPORTER}


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
    authors: list[str] | None = None,
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
        authors=authors,
    )
    features = grouping_store.article_features(article)
    try:
        with transaction.atomic():
            vec, df = article_vector(features)
            if story is None:
                story = story_for(article, features, vec, df)
            else:
                article.grouping, article.grouping_note = dict(PLACED), PLACED_BY_IMPORTER
                article.story_pinned = True
            article.story = story
            profile_add(story, vec, features.event_day)
            article.save()
            grouping_store.terms_count([features])
            grouping_store.keys_store([(article, grouping.keys(vec))])
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
    """Import many pages in one transaction (see `_import_bulk`), each outlet and its stored
    furniture read once for the batch."""
    with outlets.batch_lookups():
        results = _import_bulk(records=records, source_kind=source_kind, story=story)
    _statistics_keep_up()
    return results


# Stored articles when this process last refreshed PostgreSQL's table statistics.
_analysed = {"articles": 0}
FILLED = (Article, Story, Shingle, GroupingKey, GroupingTerm, StockPhrase)


def _statistics_keep_up() -> None:
    """On PostgreSQL, ANALYZE the tables a bulk import fills whenever the articles stored have
    doubled since this process last did (batches 1, 2, 4, 8... of an import into an empty
    database): the planner cannot take the fast index probes of grouping, stock phrases and
    reuse for tables it still believes empty, and autovacuum may be off or behind. SQLite's
    planner needs no statistics to use its indexes."""
    if connection.vendor != "postgresql":
        return
    stored = Article.objects.count()
    if stored < 2 * _analysed["articles"]:
        return
    with connection.cursor() as cursor:
        for model in FILLED:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
    _analysed["articles"] = max(stored, 1)


def _import_bulk(
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
    hashes = [hashlib.sha256(r.get("data", b"")).hexdigest() for r in records]
    url_keys = [cleaning.normalise_url(r["url"]) if r.get("url") else "" for r in records]
    stored = Article.objects.in_bulk(hashes, field_name="content_hash")
    # url_key is unique only where it is not empty, so in_bulk() refuses it: map it by hand
    keys = [k for k in url_keys if k]
    stored_urls = {a.url_key: a for a in Article.objects.filter(url_key__in=keys)}
    results: list[ImportResult | str | None] = [None] * len(records)
    fresh: list[tuple[int, Article]] = []
    first_of: dict[str, int] = {}  # content hash or URL key -> position of its first record
    repeats: list[tuple[int, int]] = []  # (position, position of the same page earlier)
    for i, (record, content_hash, url_key) in enumerate(
        zip(records, hashes, url_keys, strict=True)
    ):
        name = record.get("file_name", "")
        if "error" in record:
            results[i] = record["error"]
            continue
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
                authors=record.get("authors"),
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
        outlets.batch_forget()
        return [
            r
            if r is not None or "error" in rec
            else article_import(source_kind=source_kind, story=story, **rec)
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
    """Group, save and index a batch of unsaved articles (inside a transaction): one look-up of
    document frequencies and of the candidate index for the whole batch, in-batch articles
    indexed in memory, candidate stories read in one query per article, new stories and merge
    suggestions inserted together, the profile of each story the batch joined written once."""
    feats = [grouping_store.article_features(a) for a in articles]
    df, docs = grouping_store.document_frequencies(k for f in feats for k in f.weights)
    vectors = [grouping.vector(f, df, docs) for f in feats]
    keys = [grouping.keys(v) for v in vectors]
    index = grouping_store.indexed_stories((k for v in vectors for k in v), df)
    stories: dict[int, Story] = {}
    profiles: dict[int, grouping.Profile] = {}
    opened = NewStories()
    suggestions, touched = [], set()  # touched: the stories articles of the batch joined

    def read(story_ids):
        missing = sorted(i for i in story_ids if i not in profiles)
        if missing:
            locked = Story.objects.select_for_update().only(
                "id", "title", "slug", "grouping_profile"
            )
            for row in locked.filter(pk__in=missing).order_by("pk"):
                stories[row.pk], profiles[row.pk] = row, grouping_store.profile_of(row)

    for article, f, vec, article_keys in zip(articles, feats, vectors, keys, strict=True):
        if given is not None:
            story = given
            article.grouping, article.grouping_note = dict(PLACED), PLACED_BY_IMPORTER
            article.story_pinned = True
            read([story.pk])
        else:
            ids = grouping.candidates(vec, index)
            read(ids)
            scored = [(i, profiles[i]) for i in ids if i in profiles]
            chosen, best = grouping.best_story(vec, f.event_day, scored)
            if chosen:
                story = stories[chosen.story]
            else:
                story = opened.open(article.title)
                stories[story.pk], profiles[story.pk] = story, grouping.Profile()
            best_title = stories[best.story].title if best else ""
            kind = "joined" if chosen else "new"
            article.grouping = grouping_store.evidence(
                kind, chosen or best, len(scored), best_title
            )
            article.grouping_note = grouping_store.note(article.grouping)
            if grouping.is_borderline(best):
                days = grouping_store.days_apart(f, dict(scored)[best.story])
                suggestions.append((story.pk, best.story, best, days))
        profiles[story.pk].add(vec, f.event_day)
        touched.add(story.pk)
        for k in article_keys:
            index.setdefault(k, set()).add(story.pk)
        article.story = story
    opened.save({s.pk: profiles[s.pk].as_json() for s in opened.stories})
    grouping_store.suggestions_record(suggestions)
    Article.objects.bulk_create(articles, batch_size=200)
    grouping_store.terms_count(feats)
    grouping_store.keys_store(zip(articles, keys, strict=True))
    rows = [(h, a.pk) for a in articles for h in corpus.article_hashes(a)]
    corpus.fingerprints_insert(rows)  # plain rows: the ORM would build 50 objects an article
    now = timezone.now()
    for story_id in sorted(touched - {s.pk for s in opened.stories}):
        profile = profiles[story_id].as_json()
        Story.objects.filter(pk=story_id).update(grouping_profile=profile, updated=now)
    for article in articles:
        tasks.article_after_import(article=article)


def _article_from(
    *, data, content_hash, source_kind, file_name, url, url_key, title, outlet, published, authors
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

    corrections = {"outlet": outlet} if outlet else {}
    if title:
        corrections["title"] = title
    if published:
        corrections["published"] = published.isoformat()
    if authors:
        corrections["authors"] = list(authors)
    extraction = page_extract(page_text, url=url, corrections=corrections)
    if not extraction.clean_text.strip():
        raise ImportRefused(
            gettext("{name}: nothing is left once page furniture is removed").format(
                name=the_text(file_name)
            )
        )
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


def uploaded_import(
    uploaded: list[tuple[str, list[dict] | str]], story: Story | None = None
) -> list[tuple[str, ImportResult | str]]:
    """Import the records of uploaded files (`_uploaded_records`) one by one, inside the
    request; one bad file or record does not stop the others."""
    results = []
    for name, records in uploaded:
        if isinstance(records, str):
            results.append((name, records))
            continue
        for item in records:
            label = item["file_name"] if len(records) > 1 else name
            if "error" in item:
                results.append((label, item["error"]))
                continue
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
