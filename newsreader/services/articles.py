"""Article fields: extraction plus the user's corrections, outlets, and the import error type."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.formats import number_format
from django.utils.translation import gettext

from ..analysis import cleaning, decoding
from ..analysis import outlet_registry as registry
from ..models import CORRECTABLE_FIELDS, UNKNOWN_OUTLET, Article, Outlet
from . import outlets
from .tasks import stories_changed


class ImportRefused(ValueError):
    """Input that cannot become an article; the message is shown to the user as is."""


def grouped(number: int) -> str:
    """A count with the thousands separator of the active language (1.234 or 1,234)."""
    return number_format(number, force_grouping=True)


def the_text(file_name: str) -> str:
    """How a refusal names its input: the file name, or "the text" for pasted text."""
    return file_name or gettext("the text")


@dataclass(frozen=True)
class ImportResult:
    article: Article
    created: bool
    message: str


NAMED_EVIDENCE = "named at import or by an editor"


def outlet_choices() -> list[tuple[str, str]]:
    """The outlets an editor can pick: the registered ones and every stored named one."""
    choices = {o.slug: o.name for o in registry.registry().values()}
    stored = Outlet.objects.exclude(kind=Outlet.UNKNOWN).values_list("slug", "name")
    choices.update(dict(stored))
    ordered = sorted(choices.items(), key=lambda item: item[1].casefold())
    return [*ordered, (UNKNOWN_OUTLET, gettext("Unknown outlet"))]


def page_extract(
    raw_text: str, *, url: str, corrections: dict, furniture: outlets.OutletCleaning | None = None
):
    """Clean a page with the cleaning profile of the outlet named at import, if any, and the
    furniture stored for its outlet (`outlets.outlet_cleaning`)."""
    return cleaning.extract(
        raw_text,
        url=url or None,
        outlet=outlets.profile_for(corrections.get("outlet", "")),
        title=corrections.get("title") or None,
        learned=furniture.learned if furniture else (),
        patterns=furniture.patterns if furniture else (),
    )


def _check_web_url(url: str) -> None:
    """Only http(s) addresses are stored: an article URL becomes a link on its page."""
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError as error:
        raise ImportRefused(
            gettext("{url}: not a valid http:// or https:// address").format(url=url[:200])
        ) from error


def _main_text(text: str, file_name: str) -> str:
    """HTML pages are reduced to their main text by trafilatura; other text is used as is."""
    head = text.lstrip()[:500].lower()
    if file_name.lower().endswith((".html", ".htm")) or head.startswith(
        ("<!doctype html", "<html")
    ):
        import trafilatura

        return trafilatura.extract(text, include_comments=False, favor_recall=True) or ""
    return text


def _apply_extraction(article: Article, extraction, furniture=None) -> None:
    """Set the effective fields from an extraction, then re-apply the user's corrections.
    A page cleaned without its outlet's stored furniture (`furniture` is what was used) is
    cleaned again with it once the outlet is known."""
    named = article.corrections.get("outlet")
    if named:  # (no look-up of the page's own outlet, which the correction replaces)
        resolved = outlets.Resolved(outlets.outlet_for(named), NAMED_EVIDENCE)
    else:
        resolved = outlets.outlet_of_page(
            detected=extraction.outlet,
            evidence=extraction.outlet_evidence,
            url=article.url,
            lead=extraction.clean_text,
            key=article.content_hash,
            label=article.file_name or article.content_hash[:8],
        )
    outlet = resolved.outlet
    used = furniture or outlets.OutletCleaning(None)
    if used.outlet_id != outlet.pk:
        wanted = outlets.outlet_cleaning(outlet)
        if wanted.learned or wanted.patterns or used.learned or used.patterns:
            extraction = page_extract(
                article.raw_text, url=article.url, corrections=article.corrections, furniture=wanted
            )
    data = _jsonable(asdict(extraction))
    article.extraction = data
    article.clean_text = extraction.clean_text
    article.outlet = resolved.outlet
    article.extraction["outlet_evidence"] = resolved.evidence
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
        article.outlet = outlets.outlet_for(value)
        article.extraction["outlet_evidence"] = NAMED_EVIDENCE
    elif field == "published":
        article.published = datetime.fromisoformat(value) if value else None
    elif field == "url":
        article.url = value
        article.url_key = cleaning.normalise_url(value) if value else ""
    else:
        setattr(article, field, value)
    if field == "title" and value:  # a title given or corrected answers the no_title flag
        flags = article.extraction.get("flags", [])
        article.extraction["flags"] = [f for f in flags if f != "no_title"]


def _jsonable(value):
    return json.loads(json.dumps(value, default=lambda v: v.isoformat()))


@transaction.atomic
def article_correct(*, article: Article, changes: dict) -> Article:
    """Record corrections of extracted fields; they are re-applied after every re-analysis."""
    for field, value in changes.items():
        if field not in CORRECTABLE_FIELDS:
            raise ImportRefused(gettext("{field} cannot be corrected").format(field=field))
        if isinstance(value, datetime):
            value = value.isoformat()
        if field == "url" and value:
            _check_web_url(value)
            same = Article.objects.filter(url_key=cleaning.normalise_url(value)).exclude(
                pk=article.pk
            )
            if same.exists():
                raise ImportRefused(
                    gettext("article {id} already has this URL").format(id=same.first().pk)
                )
        article.corrections[field] = value
        _set_field(article, field, value)
    article.save()
    stories_changed([article.story_id])
    return article


def article_replaced_bytes(article: Article) -> int:
    """Bytes of the stored page that reading it in its encoding replaced by U+FFFD."""
    return decoding.replaced_bytes(bytes(article.raw_bytes), article.encoding)
