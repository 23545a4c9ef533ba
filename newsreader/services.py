"""The bridge between Django and the analysis core: `<entity>_<action>` functions.

Views and management commands call these; they never touch the analysis modules directly.
"""

from __future__ import annotations

import hashlib
import http.client
import ipaddress
import json
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from . import corpus, tasks
from .analysis import cleaning, grouping
from .analysis.decoding import NotText, decode
from .models import CORRECTABLE_FIELDS, UNKNOWN_OUTLET, Article, ImportJob, Outlet, Story


class ImportRefused(ValueError):
    """Input that cannot become an article; the message is shown to the user as is."""


@dataclass(frozen=True)
class ImportResult:
    article: Article
    created: bool
    message: str


# --- outlets -------------------------------------------------------------------------------


def outlet_for_slug(slug: str) -> Outlet:
    """The Outlet row of a cleaning profile, created from the profile file on first use."""
    profiles = cleaning.load_profiles()
    profile = profiles.get(slug)
    if profile is None:
        slug = UNKNOWN_OUTLET
        name, domain = "Unknown outlet", ""
    else:
        name, domain = profile.name, (profile.domains[0] if profile.domains else "")
    outlet, _ = Outlet.objects.get_or_create(
        slug=slug, defaults={"name": name, "domain": domain, "profile": slug}
    )
    return outlet


def outlet_choices() -> list[tuple[str, str]]:
    profiles = cleaning.load_profiles()
    choices = [(slug, p.name) for slug, p in sorted(profiles.items()) if slug != "generic"]
    return [*choices, (UNKNOWN_OUTLET, "Unknown outlet")]


# --- import --------------------------------------------------------------------------------


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
            f"{file_name or 'the text'} is {len(data):,} bytes; the limit is "
            f"{settings.IMPORT_MAX_BYTES:,} bytes"
        )
    if url:
        _check_web_url(url)
    content_hash = hashlib.sha256(data).hexdigest()
    existing = Article.objects.filter(content_hash=content_hash).first()
    if existing:
        return ImportResult(existing, False, f"already stored as article {existing.pk}")
    url_key = cleaning.normalise_url(url) if url else ""
    if url_key and (same := Article.objects.filter(url_key=url_key).first()):
        return ImportResult(same, False, f"this URL is already stored as article {same.pk}")

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
                note = "Placed in this story by the person who imported it."
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
        return ImportResult(winner, False, f"already stored as article {winner.pk}")
    return ImportResult(article, True, f"imported as article {article.pk} into “{story.title}”")


def articles_import_bulk(
    *, records: list[dict], source_kind: str, story: Story | None = None
) -> list[ImportResult | str]:
    """Import many pages in one transaction: the same decoding, cleaning, grouping and indexing
    as `article_import`, with the index lookup, inserts, fingerprints and story updates batched.

    `records` are `article_import` keyword arguments (data, file_name, url, title, outlet,
    published). Idempotent like `article_import`: a page stored already (same bytes or URL)
    is reported, not stored again. Returns one ImportResult, or a refusal message, per record.
    If a concurrent import stores one of the pages first, the batch is imported one by one.
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
            results[i] = ImportResult(same, False, f"already stored as article {same.pk}")
            continue
        if content_hash in first_of or (url_key and url_key in first_of):
            repeats.append((i, first_of.get(content_hash, first_of.get(url_key))))
            continue
        try:
            if len(record["data"]) > settings.IMPORT_MAX_BYTES:
                raise ImportRefused(f"{name or 'the text'} is larger than the import limit")
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
    except IntegrityError:
        return [
            r if r is not None else article_import(source_kind=source_kind, story=story, **rec)
            for r, rec in zip(results, records, strict=True)
        ]
    for i, article in fresh:
        results[i] = ImportResult(
            article, True, f"imported as article {article.pk} into “{article.story.title}”"
        )
    for i, first in repeats:
        if isinstance(results[first], ImportResult):
            article = results[first].article
            results[i] = ImportResult(article, False, f"already stored as article {article.pk}")
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
            story, note = given, "Placed in this story by the person who imported it."
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
        raise ImportRefused(f"{file_name or 'the text'}: {error}") from error
    page_text = _main_text(text, file_name)
    if not page_text.strip():
        raise ImportRefused(f"{file_name or 'the text'}: no article text found")

    extraction = cleaning.extract(page_text, url=url or None, outlet=outlet or None)
    if not extraction.clean_text.strip():
        raise ImportRefused(
            f"{file_name or 'the text'}: nothing is left once page furniture is removed"
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


def _check_web_url(url: str) -> None:
    """Only http(s) addresses are stored: an article URL becomes a link on its page."""
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError as error:
        raise ImportRefused(f"{url[:200]}: not a valid http:// or https:// address") from error


def _main_text(text: str, file_name: str) -> str:
    """HTML pages are reduced to their main text by trafilatura; other text is used as is."""
    head = text.lstrip()[:500].lower()
    if file_name.lower().endswith((".html", ".htm")) or head.startswith(
        ("<!doctype html", "<html")
    ):
        import trafilatura

        return trafilatura.extract(text, include_comments=False, favor_recall=True) or ""
    return text


def _apply_extraction(article: Article, extraction) -> None:
    """Set the effective fields from an extraction, then re-apply the user's corrections."""
    data = _jsonable(asdict(extraction))
    article.extraction = data
    article.clean_text = extraction.clean_text
    article.outlet = outlet_for_slug(extraction.outlet)
    article.title = (extraction.title or _title_from_text(extraction))[:1000]
    article.dateline = extraction.dateline or ""
    article.published = extraction.published
    article.authors = list(extraction.authors)
    article.credited_sources = list(extraction.credited_sources)
    article.needs_review = bool(extraction.flags)
    for field, value in article.corrections.items():
        _set_field(article, field, value)


def _title_from_text(extraction) -> str:
    """A stand-in title for a page without one: its first sentence, cut at a word boundary."""
    first = extraction.sentences[0] if extraction.sentences else None
    text = extraction.clean_text[first.start : first.end] if first else extraction.clean_text
    return text if len(text) <= 100 else text[:100].rsplit(" ", 1)[0] + "…"


def _set_field(article: Article, field: str, value) -> None:
    if field == "outlet":
        article.outlet = outlet_for_slug(value)
    elif field == "published":
        article.published = datetime.fromisoformat(value) if value else None
    elif field == "url":
        article.url = value
        article.url_key = cleaning.normalise_url(value) if value else ""
    else:
        setattr(article, field, value)


def _jsonable(value):
    return json.loads(json.dumps(value, default=lambda v: v.isoformat()))


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
        raise ImportRefused(f"{len(files)} files; at most {settings.IMPORT_MAX_FILES} per upload")
    for upload in files:
        name = upload.name.replace("\\", "/").rsplit("/", 1)[-1]
        if upload.size > settings.IMPORT_MAX_BYTES:
            yield name, f"{upload.size:,} bytes; the limit is {settings.IMPORT_MAX_BYTES:,}"
            continue
        try:
            yield name, import_records(name, upload.read())
        except ImportRefused as error:
            yield name, str(error)


JSON_FIELDS = {"text", "url", "title", "outlet", "published"}
JSON_FIELD_LIMITS = {"url": 2000, "title": 1000, "outlet": 100}


def import_records(name: str, data: bytes) -> list[dict]:
    """One import per text/HTML file; one per object of a .json list or .jsonl line."""
    lower = name.lower()
    if lower.endswith((".zip", ".gz", ".tar", ".tgz", ".7z", ".rar")):
        raise ImportRefused(f"{name}: archives are not accepted; upload the files themselves")
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
        raise ImportRefused(f"{name}: not valid JSON ({error})") from error
    records = []
    for number, obj in enumerate(objects, 1):
        if not isinstance(obj, dict):
            raise ImportRefused(f"{name}, record {number}: expected an object with a 'text' field")
        unknown = set(obj) - JSON_FIELDS
        if unknown:
            raise ImportRefused(
                f"{name}, record {number}: unknown field(s) {', '.join(sorted(unknown))}; "
                f"allowed: {', '.join(sorted(JSON_FIELDS))}"
            )
        if not isinstance(obj.get("text"), str) or not obj["text"].strip():
            raise ImportRefused(f"{name}, record {number}: 'text' must be a non-empty string")
        published = None
        if obj.get("published"):
            try:
                published = datetime.fromisoformat(str(obj["published"]))
            except ValueError as error:
                raise ImportRefused(
                    f"{name}, record {number}: 'published' is not an ISO date"
                ) from error
            if timezone.is_naive(published):
                published = timezone.make_aware(published)
        for field, limit in JSON_FIELD_LIMITS.items():
            if len(str(obj.get(field) or "")) > limit:
                raise ImportRefused(f"{name}, record {number}: '{field}' is longer than {limit}")
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


def article_fetch(*, url: str, story: Story | None = None) -> ImportResult:
    """Fetch a page over HTTP(S) with a timeout and a size limit, then import it."""
    data, name = page_fetch(url=url)
    return article_import(data=data, source_kind="url", file_name=name, url=url, story=story)


def _address_is_public(address: str) -> bool:
    """Whether an IP address (as getaddrinfo gives it) is a public one a fetch may reach."""

    ip = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 scope ("fe80::1%eth0")
    if ip.version == 6 and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not (
        ip.is_loopback
        or ip.is_private
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
    )


def _fetch_opener(*, deadline: float, sockets: list):
    """A urllib opener for `page_fetch`: proxy variables ignored, redirects only to http(s).

    Every connection (the first and each redirect's) resolves the host itself, refuses it if
    any of its addresses is not public (unless FETCH_ALLOW_PRIVATE) and then connects to those
    checked addresses, so a second DNS answer cannot swap in a private one. Connected sockets
    are appended to `sockets`, so the reader can shorten their timeout as the deadline nears.
    """

    def open_socket(address, timeout=None, source_address=None):  # for socket.create_connection
        host, port = address
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        for *_, sockaddr in found:
            if not settings.FETCH_ALLOW_PRIVATE and not _address_is_public(sockaddr[0]):
                raise ImportRefused(
                    f"refused: {host} resolves to a private or loopback address ({sockaddr[0]})"
                )
        error: OSError = OSError(f"{host} has no address")
        for family, kind, protocol, _, sockaddr in found:
            sock = socket.socket(family, kind, protocol)
            try:
                sock.settimeout(max(deadline - time.monotonic(), 0.001))
                sock.connect(sockaddr)
            except OSError as failure:
                sock.close()
                error = failure
                continue
            return sock
        raise error

    class Connection(http.client.HTTPConnection):
        def connect(self):
            self._create_connection = open_socket
            super().connect()
            sockets.append(self.sock)

    class SecureConnection(Connection, http.client.HTTPSConnection):
        pass

    class HTTPHandler(urllib.request.HTTPHandler):
        def http_open(self, req):
            return self.do_open(Connection, req)

    class HTTPSHandler(urllib.request.HTTPSHandler):
        def https_open(self, req):
            return self.do_open(SecureConnection, req, context=self._context)

    class RedirectHandler(urllib.request.HTTPRedirectHandler):
        def http_error_302(self, req, fp, code, msg, headers):
            target = urllib.parse.urljoin(req.full_url, headers.get("location", ""))
            if urllib.parse.urlsplit(target).scheme.lower() not in ("http", "https"):
                fp.close()
                raise ImportRefused(
                    f"refused: {req.full_url} redirects to {target}, which is not an "
                    "http:// or https:// address"
                )
            return super().http_error_302(req, fp, code, msg, headers)

        http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302

    return urllib.request.build_opener(
        urllib.request.ProxyHandler({}), HTTPHandler, HTTPSHandler, RedirectHandler
    )


def page_fetch(*, url: str) -> tuple[bytes, str]:
    """The bytes of a web page and a file name for it.

    Only public http(s) addresses are fetched (see `_fetch_opener`), the whole download must
    finish within FETCH_TIMEOUT_SECONDS and may not exceed IMPORT_MAX_BYTES.
    """

    if not url.lower().startswith(("http://", "https://")):
        raise ImportRefused("only http:// and https:// addresses can be fetched")
    request = urllib.request.Request(url, headers={"User-Agent": "newsreader/0.1"})  # noqa: S310 (scheme checked above)
    limit, seconds = settings.IMPORT_MAX_BYTES, settings.FETCH_TIMEOUT_SECONDS
    deadline = time.monotonic() + seconds
    sockets: list = []
    chunks: list[bytes] = []
    size = 0
    try:
        with _fetch_opener(deadline=deadline, sockets=sockets).open(request) as response:
            while size <= limit:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError
                sockets[-1].settimeout(remaining)
                chunk = response.read1(min(64 * 1024, limit + 1 - size))
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
    except ImportRefused:
        raise
    except (urllib.error.URLError, http.client.HTTPException, ValueError, OSError) as error:
        reason = getattr(error, "reason", error)  # TimeoutError is an OSError
        if isinstance(reason, TimeoutError):
            reason = f"no complete answer within {seconds} seconds"
        raise ImportRefused(f"could not fetch {url}: {reason}") from error
    if size > limit:
        raise ImportRefused(f"{url} is larger than the limit of {limit:,} bytes")
    name = url.rstrip("/").rsplit("/", 1)[-1] or "page"
    if not name.lower().endswith((".html", ".htm", ".txt")):
        name += ".html"
    return b"".join(chunks), name


# --- background imports --------------------------------------------------------------------

# At most this many jobs are queued by one request (an upload of JSON Lines files, say).
IMPORT_MAX_JOBS = 1000


def import_jobs_create(
    *, records: list[dict], source_kind: str, story: Story | None = None, user=None
) -> list[ImportJob]:
    """Queue one ImportJob per record (`article_import` keyword arguments) for the worker.

    The cheap checks run here, so bad input is refused at once and nothing is queued: the size
    and count limits, http(s) addresses. A `url` record without `data` is fetched by the worker.
    Decoding, cleaning, grouping and analysis run in the background (`tasks.import_job_run`).
    """
    if len(records) > IMPORT_MAX_JOBS:
        raise ImportRefused(f"{len(records):,} articles; at most {IMPORT_MAX_JOBS:,} at a time")
    jobs = []
    for record in records:
        name, data, url = (
            record.get("file_name", ""),
            record.get("data", b""),
            record.get("url", ""),
        )
        if len(data) > settings.IMPORT_MAX_BYTES:
            raise ImportRefused(
                f"{name or 'the text'} is {len(data):,} bytes; the limit is "
                f"{settings.IMPORT_MAX_BYTES:,} bytes"
            )
        if url:
            _check_web_url(url)
        if not data and not (source_kind == "url" and url):
            raise ImportRefused(f"{name or 'the text'} is empty")
        jobs.append(
            ImportJob(
                raw_bytes=data,
                file_name=name[:255],
                url=url,
                title=record.get("title", "")[:1000],
                outlet=record.get("outlet", ""),
                published=record.get("published"),
                story=story,
                source_kind=source_kind,
                requested_by=user if user is not None and user.is_authenticated else None,
            )
        )
    with transaction.atomic():
        for job in jobs:
            job.save()
            tasks.import_job_enqueue(job=job)
    return jobs


def import_jobs_upload(*, files, story: Story | None = None, user=None):
    """`articles_import_upload` for the background: (file name, ImportJob or refusal) pairs."""
    results: list[tuple[str, ImportJob | str]] = []
    for name, records in _uploaded_records(files):
        try:
            if isinstance(records, str):
                raise ImportRefused(records)
            jobs = import_jobs_create(records=records, source_kind="upload", story=story, user=user)
        except ImportRefused as error:
            results.append((name, str(error)))
            continue
        results.extend((name, job) for job in jobs)
    return results


def import_job_retry(*, job: ImportJob) -> ImportJob:
    """Queue a failed job again, or one left queued or running by a worker that stopped."""
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().get(pk=job.pk)
        if not (job.status == ImportJob.FAILED or job.stalled):
            raise ImportRefused(
                f"import job {job.pk} is {job.status}; only a failed job, or one stuck for more "
                f"than {settings.IMPORT_JOB_STALE_MINUTES} minutes, can be queued again"
            )
        job.status, job.message = ImportJob.QUEUED, ""
        job.save(update_fields=["status", "message", "updated"])
        tasks.import_job_enqueue(job=job)
    return job


def import_jobs_recent(*, finished: int = 20) -> list[ImportJob]:
    """Every unfinished job (queued, running, failed) and the latest finished ones, newest first."""
    jobs = ImportJob.objects.defer("raw_bytes").select_related("article")
    unfinished = list(jobs.filter(status__in=ImportJob.UNFINISHED)[:IMPORT_MAX_JOBS])
    done = list(jobs.exclude(status__in=ImportJob.UNFINISHED)[:finished])
    return sorted(unfinished + done, key=lambda job: (job.created, job.pk), reverse=True)


# --- stories -------------------------------------------------------------------------------


# Grouping compares a new article with a bounded set of candidate stories, never the whole corpus:
# the stories of the articles sharing the most fingerprints with it (the reuse index), plus the
# most recently updated stories (an article reporting the same event in its own words shares
# vocabulary but hardly any 5-grams, like sample 001). Each story keeps its pooled vocabulary.
GROUPING_INDEX_ARTICLES = 50
GROUPING_RECENT_DAYS = 7
GROUPING_RECENT_STORIES = 30


def _recent_story_ids() -> list[int]:
    """The stories updated most recently within the grouping window, newest first."""
    since = timezone.now() - timedelta(days=GROUPING_RECENT_DAYS)
    recent = Story.objects.filter(updated__gte=since).order_by("-updated", "-id")
    return list(recent.values_list("id", flat=True)[:GROUPING_RECENT_STORIES])


def _story_candidates(article: Article) -> tuple[list[Story], int]:
    """(candidate stories, how many of them share indexed text with the article)."""
    shared = corpus.article_candidates(article=article, limit=GROUPING_INDEX_ARTICLES)
    by_story: Counter = Counter()
    for pk, story_id in Article.objects.filter(pk__in=shared).values_list("id", "story_id"):
        by_story[story_id] += shared[pk]
    ids = set(by_story) | set(_recent_story_ids())
    stories = Story.objects.filter(pk__in=ids).only("id", "title", "slug", "vocabulary")
    return list(stories), len(by_story)


def _story_for(article: Article) -> tuple[Story, str]:
    candidates, sharing = _story_candidates(article)
    chosen, best = grouping.best_story(
        article.clean_text, [(story, grouping.Pool.of(story.vocabulary)) for story in candidates]
    )
    return _grouping_decision(article, chosen, best, len(candidates), sharing)


def _grouping_decision(article, chosen, best, compared: int, sharing: int) -> tuple[Story, str]:
    """The chosen story (a new one when none reaches the threshold) and the note saying why."""
    compared_note = (
        f"{compared} candidate stories compared ({sharing} sharing text with it in the corpus "
        f"index, the others updated in the last {GROUPING_RECENT_DAYS} days)"
    )
    if chosen:
        return chosen.story, (
            f"Grouped automatically: vocabulary similarity {chosen.score:.2f} with this story "
            f"(threshold {grouping.DEFAULT_THRESHOLD}); {compared_note}."
        )
    story = story_create(title=article.title)
    why = (
        f"the closest story, “{best.story.title}”, scored {best.score:.2f}"
        if best
        else "no story shared text with it or was recently updated"
    )
    return story, (
        f"Started a new story: {why}, below the grouping threshold {grouping.DEFAULT_THRESHOLD}; "
        f"{compared_note}."
    )


def _vocabulary_change(story: Story, *, plus: Counter | None = None, minus: Counter | None = None):
    """Add/remove article vocabularies to/from the story's pooled one (row locked meanwhile),
    and mark the story updated."""
    locked = Story.objects.select_for_update().only("vocabulary").get(pk=story.pk)
    pooled = Counter(locked.vocabulary)
    pooled.update(plus or {})
    pooled.subtract(minus or {})
    story.vocabulary = {word: n for word, n in pooled.items() if n > 0}
    story.save(update_fields=["vocabulary", "updated"])


def story_vocabulary(story: Story) -> Counter:
    """The pooled vocabulary of the story's articles, computed from their texts."""
    pooled: Counter = Counter()
    for text in story.articles.values_list("clean_text", flat=True).iterator():
        pooled.update(grouping.vocabulary(text))
    return pooled


def story_create(*, title: str) -> Story:
    """A new story with a unique slug; a slug taken meanwhile by a concurrent import is skipped."""
    base = slugify(title)[:100] or "story"
    slug, n = base, 2
    while True:
        if not Story.objects.filter(slug=slug).exists():
            try:
                with transaction.atomic():
                    return Story.objects.create(title=title[:500], slug=slug)
            except IntegrityError:
                pass
        slug, n = f"{base}-{n}", n + 1


@transaction.atomic
def article_move(*, article: Article, story: Story) -> Story:
    """Move an article to another story; an emptied story is deleted."""
    old = article.story
    article.story = story
    article.grouping_note = f"Moved by a user from “{old.title}”."
    article.save(update_fields=["story", "grouping_note"])
    words = grouping.vocabulary(article.clean_text)
    _vocabulary_change(story, plus=words)
    if not old.articles.exists():
        old.delete()
    else:
        _vocabulary_change(old, minus=words)
    return story


@transaction.atomic
def story_merge(*, target: Story, others: list[Story]) -> Story:
    for other in others:
        if other.pk == target.pk:
            continue
        other.articles.update(grouping_note=f"Merged from story “{other.title}”.", story=target)
        pooled = Story.objects.select_for_update().get(pk=other.pk).vocabulary
        _vocabulary_change(target, plus=Counter(pooled))
        other.delete()
    target.save(update_fields=["updated"])
    return target


@transaction.atomic
def story_split(*, story: Story, articles: list[Article], title: str) -> Story:
    if not articles or len(articles) >= story.articles.count():
        raise ImportRefused("choose some, but not all, of the story's articles to split off")
    new = story_create(title=title or f"{story.title} (split)")
    Article.objects.filter(pk__in=[a.pk for a in articles], story=story).update(
        story=new, grouping_note=f"Split off from “{story.title}” by a user."
    )
    moved = story_vocabulary(new)
    _vocabulary_change(new, plus=moved)
    _vocabulary_change(story, minus=moved)
    return new


# --- corrections and re-analysis -----------------------------------------------------------


@transaction.atomic
def article_correct(*, article: Article, changes: dict) -> Article:
    """Record corrections of extracted fields; they are re-applied after every re-analysis."""
    for field, value in changes.items():
        if field not in CORRECTABLE_FIELDS:
            raise ImportRefused(f"{field} cannot be corrected")
        if isinstance(value, datetime):
            value = value.isoformat()
        if field == "url" and value:
            _check_web_url(value)
            same = Article.objects.filter(url_key=cleaning.normalise_url(value)).exclude(
                pk=article.pk
            )
            if same.exists():
                raise ImportRefused(f"article {same.first().pk} already has this URL")
        article.corrections[field] = value
        _set_field(article, field, value)
    article.save()
    return article


def article_reanalyse(*, article: Article) -> Article:
    """Clean the stored raw text again (e.g. after a profile change), keeping corrections."""
    extraction = cleaning.extract(
        article.raw_text, url=article.url or None, outlet=article.corrections.get("outlet")
    )
    before = grouping.vocabulary(article.clean_text)
    _apply_extraction(article, extraction)
    with transaction.atomic():
        article.save()
        _vocabulary_change(
            article.story, plus=grouping.vocabulary(article.clean_text), minus=before
        )
        corpus.article_index(article=article)
    return article


# --- deletion ------------------------------------------------------------------------------


@transaction.atomic
def article_delete(*, article: Article) -> Story | None:
    """Delete an article with its raw text; return its story, or None when that story emptied."""
    story = article.story
    words = grouping.vocabulary(article.clean_text)
    article.delete()
    if not story.articles.exists():
        story.delete()
        return None
    _vocabulary_change(story, minus=words)
    return story


@transaction.atomic
def story_delete(*, story: Story, with_articles: bool = False) -> int:
    """Delete a story; one with articles only when `with_articles`. Returns articles deleted."""
    count = story.articles.count()
    if count and not with_articles:
        raise ImportRefused(
            f"“{story.title}” still has {count} article{'s' if count != 1 else ''}; "
            "confirm that they go with it"
        )
    story.articles.all().delete()
    story.delete()
    return count
