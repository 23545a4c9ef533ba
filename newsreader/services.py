"""The bridge between Django and the analysis core: `<entity>_<action>` functions.

Views and management commands call these; they never touch the analysis modules directly.
"""

from __future__ import annotations

import hashlib
import json
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils.text import slugify

from . import corpus, tasks
from .analysis import cleaning, grouping
from .analysis.decoding import NotText, decode
from .models import CORRECTABLE_FIELDS, UNKNOWN_OUTLET, Article, Outlet, Story


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
    try:
        with transaction.atomic():
            if story is None:
                story, note = _story_for(article)
            else:
                note = "Placed in this story by the person who imported it."
            article.story, article.grouping_note = story, note
            article.save()
            story.save(update_fields=["updated"])
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
    if len(files) > settings.IMPORT_MAX_FILES:
        raise ImportRefused(f"{len(files)} files; at most {settings.IMPORT_MAX_FILES} per upload")
    results = []
    for upload in files:
        name = upload.name.replace("\\", "/").rsplit("/", 1)[-1]
        if upload.size > settings.IMPORT_MAX_BYTES:
            results.append(
                (name, f"{upload.size:,} bytes; the limit is {settings.IMPORT_MAX_BYTES:,}")
            )
            continue
        data = upload.read()
        try:
            for item in import_records(name, data):
                results.append((name, article_import(source_kind="upload", story=story, **item)))
        except ImportRefused as error:
            results.append((name, str(error)))
    return results


JSON_FIELDS = {"text", "url", "title", "outlet", "published"}


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
    if not url.lower().startswith(("http://", "https://")):
        raise ImportRefused("only http:// and https:// addresses can be fetched")
    request = urllib.request.Request(url, headers={"User-Agent": "newsreader/0.1"})  # noqa: S310 (scheme checked above)
    limit = settings.IMPORT_MAX_BYTES
    try:
        with urllib.request.urlopen(request, timeout=settings.FETCH_TIMEOUT_SECONDS) as response:  # noqa: S310 (scheme checked above)
            data = response.read(limit + 1)
    except (urllib.error.URLError, TimeoutError, ValueError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise ImportRefused(f"could not fetch {url}: {reason}") from error
    if len(data) > limit:
        raise ImportRefused(f"{url} is larger than the limit of {limit:,} bytes")
    name = url.rstrip("/").rsplit("/", 1)[-1] or "page"
    if not name.lower().endswith((".html", ".htm", ".txt")):
        name += ".html"
    return article_import(data=data, source_kind="url", file_name=name, url=url, story=story)


# --- stories -------------------------------------------------------------------------------


def _story_for(article: Article) -> tuple[Story, str]:
    candidates = [
        (story, grouping.vocabulary(" ".join(a.clean_text for a in story.articles.all())))
        for story in Story.objects.prefetch_related("articles")
    ]
    chosen, best = grouping.best_story(article.clean_text, candidates)
    if chosen:
        return chosen.story, (
            f"Grouped automatically: vocabulary similarity {chosen.score:.2f} with this story "
            f"(threshold {grouping.DEFAULT_THRESHOLD})."
        )
    story = story_create(title=article.title)
    why = (
        f"the closest story, “{best.story.title}”, scored {best.score:.2f}"
        if best
        else "there were no stories yet"
    )
    return story, (
        f"Started a new story: {why}, below the grouping threshold {grouping.DEFAULT_THRESHOLD}."
    )


def story_create(*, title: str) -> Story:
    base = slugify(title)[:100] or "story"
    slug, n = base, 2
    while Story.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return Story.objects.create(title=title[:500], slug=slug)


@transaction.atomic
def article_move(*, article: Article, story: Story) -> Story:
    """Move an article to another story; an emptied story is deleted."""
    old = article.story
    article.story = story
    article.grouping_note = f"Moved by a user from “{old.title}”."
    article.save(update_fields=["story", "grouping_note"])
    story.save(update_fields=["updated"])
    if not old.articles.exists():
        old.delete()
    return story


@transaction.atomic
def story_merge(*, target: Story, others: list[Story]) -> Story:
    for other in others:
        if other.pk == target.pk:
            continue
        other.articles.update(grouping_note=f"Merged from story “{other.title}”.", story=target)
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
        article.corrections[field] = value
        _set_field(article, field, value)
    article.save()
    return article


def article_reanalyse(*, article: Article) -> Article:
    """Clean the stored raw text again (e.g. after a profile change), keeping corrections."""
    extraction = cleaning.extract(
        article.raw_text, url=article.url or None, outlet=article.corrections.get("outlet")
    )
    _apply_extraction(article, extraction)
    article.save()
    return article
