"""The story export document (JSON) and its CSV tables; documented in the README."""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Callable

from .models import Story
from .services.story_analysis import FAILED, story_analyse, story_analysis_current

# table name -> function(export document) -> CSV text; feature modules add their tables.
CSV_TABLES: dict[str, Callable[[dict], str]] = {}


# key -> function(story's articles) -> JSON value: parts of the document a feature derives at
# export time from the stored articles and outlets (not from the story analysis).
DOCUMENT_PARTS: dict[str, Callable[[list], object]] = {}


def csv_export(name: str):
    def register(function):
        CSV_TABLES[name] = function
        return function

    return register


def document_part(name: str):
    def register(function):
        DOCUMENT_PARTS[name] = function
        return function

    return register


def article_document(article) -> dict:
    ex = article.extraction
    return {
        "id": article.pk,
        "outlet": article.outlet.slug,
        "outlet_name": article.outlet.name,
        "media_group": article.outlet.media_group or None,
        "title": article.title,
        "url": article.url or None,
        "published": article.published.isoformat() if article.published else None,
        "dateline": article.dateline or None,
        "authors": article.authors,
        "credited_sources": article.credited_sources,
        "content_hash": article.content_hash,
        "clean_text": article.clean_text,
        "paragraphs": ex.get("paragraphs", []),
        "sentences": ex.get("sentences", []),
        "removed": ex.get("removed", []),
        "self_duplicates": ex.get("self_duplicates", []),
        "flags": ex.get("flags", []),
        "corrections": article.corrections,
    }


def story_document(story: Story, *, compute: bool = False) -> dict:
    """The whole story: articles, then each analysis section's public keys ("_" keys are internal).

    The stored analysis (AnalysisPending while it is computed), or with `compute` (a command,
    not a request) computed here when it is not stored."""
    articles = list(story.articles.select_related("outlet").defer("raw_bytes", "raw_text"))
    document = {
        "story": {
            "id": story.pk,
            "slug": story.slug,
            "title": story.title,
            "articles": len(articles),
            "outlets": sorted({a.outlet.slug for a in articles}),
        },
        "articles": [article_document(a) for a in articles],
    }
    document.update({name: part(articles) for name, part in DOCUMENT_PARTS.items()})
    analysis = story_analyse(story=story) if compute else story_analysis_current(story)
    for name, part in analysis.items():
        if FAILED in part:
            document.setdefault("failed_sections", {})[name] = part[FAILED]
            continue
        document.update({k: v for k, v in part.items() if not k.startswith("_")})
    return document


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def _visible_start(text: str) -> str:
    """The text from its first character a spreadsheet would not skip (spaces, NBSP,
    zero-width and other format characters, line breaks)."""
    for i, char in enumerate(text):
        if not (char.isspace() or unicodedata.category(char) in {"Cf", "Zs"}):
            return text[i:]
    return ""


def csv_safe(value) -> str:
    """Neutralise spreadsheet formulas: a cell that starts with = + - @ (ASCII or fullwidth),
    also behind blanks or invisible characters, gets a leading quote."""
    text = "" if value is None else str(value)
    risky = text.startswith(_FORMULA_START) or _visible_start(text).startswith(_FORMULA_START)
    return "'" + text if risky else text


def csv_table(header: list[str], rows) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow([csv_safe(v) for v in row])
    return out.getvalue()


@csv_export("articles")
def story_articles_csv(document: dict) -> str:
    return csv_table(
        [
            "story",
            "article",
            "outlet",
            "title",
            "published",
            "url",
            "words",
            "authors",
            "credited_sources",
        ],
        (
            [
                document["story"]["slug"],
                a["id"],
                a["outlet"],
                a["title"],
                a["published"],
                a["url"],
                len(a["clean_text"].split()),
                "; ".join(a["authors"]),
                "; ".join(a["credited_sources"]),
            ]
            for a in document["articles"]
        ),
    )
