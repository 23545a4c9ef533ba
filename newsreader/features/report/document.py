"""The report document: the story export (newsreader.exports.story_document) cut into the
sections a report shows, each figure with the link to its evidence, plus the chosen notes and
the method's version and settings, so that another reader can cite and reproduce it."""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, datetime
from urllib.parse import urlencode

from django.urls import reverse

from newsreader.analysis.diffing import word_diff
from newsreader.analysis.reuse import Thresholds
from newsreader.exports import story_document
from newsreader.models import Note, Outlet, Story
from newsreader.services.search import outlet_group_field
from newsreader.services.story_analysis import ENGINE_VERSION

from .sources import COMMON_MIN, article_sources

REPORT_VERSION = "1"
SHOWN_RELATIONS = ("conflict", "altered", "different_attribution", "agree")
FRAMING_KEYS = ("hedging", "certainty", "desperation", "condemnation", "praise", "threat")


def _compare_url(story: Story, *ids: int) -> str:
    return reverse("story-compare", args=[story.slug]) + "?" + urlencode([("a", i) for i in ids])


def _coverage(story: Story, document: dict) -> dict:
    field = outlet_group_field()
    outlets = {o.slug: o for o in Outlet.objects.filter(slug__in=document["story"]["outlets"])}

    def group(slug: str) -> str:
        value = getattr(outlets[slug], field, "") if field and slug in outlets else ""
        return str(getattr(value, "name", value) or "")

    articles = sorted(document["articles"], key=lambda a: (a["published"] or "9999", a["id"]))
    by_outlet: dict[str, list[int]] = {}
    for a in articles:
        by_outlet.setdefault(a["outlet"], []).append(a["id"])
    return {
        "outlets": [
            {
                "outlet": slug,
                "name": outlets[slug].name if slug in outlets else slug,
                "group": group(slug),
                "articles": ids,
            }
            for slug, ids in by_outlet.items()
        ],
        "timeline": [
            {
                "article": a["id"],
                "outlet": a["outlet"],
                "title": a["title"],
                "published": a["published"],
                "evidence": reverse("article", args=[a["id"]]),
            }
            for a in articles
        ],
    }


def _passages(story: Story, document: dict) -> list[dict]:
    rows = []
    for g in document.get("shared_passages", []):
        first, second = g["members"][0], g["members"][1]
        ids = list(dict.fromkeys(m["article"] for m in g["members"]))
        rows.append(
            {
                **{k: g[k] for k in ("id", "kind", "similarity", "is_quote", "words")},
                "members": g["members"],
                "diff": []
                if g["kind"] == "verbatim"
                else [list(op) for op in word_diff(first["text"], second["text"])],
                "diff_articles": [first["article"], second["article"]],
                "evidence": reverse("story-compare-passage", args=[story.slug, g["id"]])
                + "?"
                + urlencode([("a", i) for i in ids]),
            }
        )
    return rows


def _claims(story: Story, document: dict) -> dict:
    shown = [c for c in document.get("claims", []) if c["relation"] in SHOWN_RELATIONS]
    shown.sort(key=lambda c: (SHOWN_RELATIONS.index(c["relation"]), c["id"]))
    counts = dict.fromkeys((*SHOWN_RELATIONS, "single_source"), 0)
    for c in document.get("claims", []):
        counts[c["relation"]] = counts.get(c["relation"], 0) + 1
    ids = list(dict.fromkeys(m["article"] for c in shown for m in c["members"]))
    return {
        "counts": counts,
        "groups": [
            {**c, "evidence": reverse("story-claims", args=[story.slug]) + f"#claim-{c['id']}"}
            for c in shown
        ],
        "evidence": _compare_url(story, *ids) if ids else None,
    }


def _framing(document: dict) -> list[dict]:
    rows = []
    for slug, data in sorted(document.get("framing", {}).get("outlets", {}).items()):
        total = data.get("sum", {})
        words = max(1, total.get("words", 0))
        rows.append(
            {
                "outlet": slug,
                "articles": data.get("articles", []),
                "words": total.get("words", 0),
                "quotes": total.get("quotes", 0),
                "quoted_share": round(total.get("quoted_words", 0) / words, 4),
                **{
                    f"per_1000.{k}": round(total.get(f"per_1000_words.{k}", 0.0), 2)
                    for k in FRAMING_KEYS
                },
            }
        )
    return rows


def note_document(note: Note) -> dict:
    return {
        "id": note.pk,
        "article": note.article_id,
        "outlet": note.article.outlet.slug,
        "start": note.start,
        "end": note.end,
        "quote": note.quote,
        "passage": note.passage or None,
        "text": note.text,
        "tag": note.tag.slug if note.tag else None,
        "tag_label": note.tag.label if note.tag else None,
        "author": note.author.get_username(),
        "shared_with": note.group.name if note.group else None,
        "anchor": note.anchor,
        "created": note.created.isoformat(),
        "evidence": reverse("article", args=[note.article_id]) + f"#note-{note.pk}",
    }


def report_document(story: Story, notes: list[Note]) -> dict:
    """The whole report as one JSON-ready dict (the page, the PDF and the CSV read it)."""
    document = story_document(story)
    sources = article_sources(document)
    for row in sources:
        for s in row["sources"]:
            s["evidence"] = _compare_url(
                story, row["article"], *([s["article"]] if s["article"] else [])
            )
    return {
        "method": {
            "report_version": REPORT_VERSION,
            "engine_version": ENGINE_VERSION,
            "thresholds": asdict(Thresholds()),
            "common_source_min_articles": COMMON_MIN,
            # The comparison's filters, all off in the report: every passage counts.
            "filters": {"hide_shared_quotes": False, "hide_common_phrases": False},
            "claims_shown": list(SHOWN_RELATIONS),
            "generated": datetime.now(UTC).isoformat(timespec="seconds"),
        },
        "story": document["story"],
        "articles": [
            {k: a[k] for k in ("id", "outlet", "outlet_name", "title", "url", "published")}
            for a in document["articles"]
        ],
        "coverage": _coverage(story, document),
        "sources": sources,
        "passages": _passages(story, document),
        "claims": _claims(story, document),
        "framing": _framing(document),
        "notes": [note_document(n) for n in notes],
    }
