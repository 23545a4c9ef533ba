"""Story-analysis section and export tables of the framing feature.

The evaluative lexicon is read from the database (`LexiconEntry`, edited in the admin); its
version is part of every story's analysis fingerprint, so an edit re-scores the stories (queued
for the worker as soon as the entry is saved or deleted).
"""

from __future__ import annotations

import hashlib
import json

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from newsreader.analysis.coreference import normalise_speakers
from newsreader.analysis.framing import load_lexicon, story_framing
from newsreader.analysis.framing.sourcing import group_label
from newsreader.analysis.limits import framing_texts, quotes_bounded_by_text
from newsreader.exports import csv_export, csv_table
from newsreader.models import Article, LexiconEntry, Story
from newsreader.services.story_analysis import data_version, section
from newsreader.services.tasks import stories_changed

_ENTRY_FIELDS = ("term", "category", "note", "variants", "match")
# Version of the section's layout: a change re-computes every cached story analysis.
SECTION_FORMAT = "4"


def lexicon_rows() -> list[dict]:
    """The lexicon as edited in the admin, in a stable order."""
    return list(LexiconEntry.objects.order_by("category", "term", "pk").values(*_ENTRY_FIELDS))


@data_version("lexicon")
def lexicon_version(rows: list[dict] | None = None) -> str:
    rows = lexicon_rows() if rows is None else rows
    return hashlib.sha256(json.dumps(rows, sort_keys=True).encode()).hexdigest()[:16]


@receiver([post_save, post_delete], sender=LexiconEntry, dispatch_uid="lexicon-reanalyse")
def _lexicon_edited(**kwargs) -> None:
    stories_changed(
        Story.objects.filter(articles__isnull=False).distinct().values_list("pk", flat=True)
    )


@data_version("framing_format")
def section_format() -> str:
    return SECTION_FORMAT


@section("framing")
def framing_section(articles: list[Article]) -> dict:
    """Framing per article and per outlet; `_hits` are the evaluative marks for the columns,
    `_term_counts` each article's stem counts (summed by the corpus-wide vocabulary view)."""
    rows = lexicon_rows()
    found, limits = quotes_bounded_by_text({a.pk: a.clean_text for a in articles})
    texts, cuts = framing_texts({a.pk: a.clean_text for a in articles})
    quotes = normalise_speakers(found)
    framing = story_framing(
        {
            a.pk: {
                "text": texts[a.pk],
                "title": a.title,
                "outlet": a.outlet.slug,
                "quotes": quotes[a.pk],
            }
            for a in articles
        },
        load_lexicon(rows),
    )
    term_counts = framing.pop("term_counts")
    used = {r["category"] for r in rows}
    framing["lexicon"] = {
        "version": lexicon_version(rows),
        "entries": len(rows),
        "categories": {c: label for c, label in LexiconEntry.CATEGORIES if c in used}
        | {c: c for c in sorted(used - dict(LexiconEntry.CATEGORIES).keys())},
    }
    hits = [
        {
            "article": pk,
            "start": h["start"],
            "end": h["end"],
            "category": h["category"],
            "term": h["term"],
        }
        for pk, article in framing["articles"].items()
        for h in article["evaluative"]["hits"]
    ]
    framing["limits"] = limits + cuts  # articles whose quotes or measures were read in part
    return {"framing": framing, "_hits": hits, "_term_counts": term_counts}


def _number(value):
    return round(value, 4) if isinstance(value, float) else value


def article_measures(framing: dict) -> list[tuple[str, float]]:
    """(measure, value) rows of one article's framing, in the order of the CSV table."""
    m = framing["measures"]
    categories = sorted(k.split(".", 1)[1] for k in m if k.startswith("hits."))
    rows = [("words", framing["words"])]
    rows += [(f"evaluative:{c}", m[f"hits.{c}"]) for c in categories]
    rows += [(f"evaluative_narration:{c}", m[f"narration_hits.{c}"]) for c in categories]
    rows += [(f"per_1000_words:{c}", m[f"per_1000_words.{c}"]) for c in categories]
    rows.append(("hedges", len(framing["hedges"])))
    rows += [("headline_hits", m["headline_hits"]), ("lead_hits", m["lead_hits"])]
    rows += [(f"frame:{fid}", frame["score"]) for fid, frame in framing["frames"].items()]
    rows += [("quotes", m["quotes"]), ("quoted_words", m["quoted_words"])]
    for group, totals in sorted(framing["sourcing"]["groups"].items()):
        label = group_label(group).lower()
        rows.append((f"source_share:{label}", totals["quote_share"]))
        rows.append((f"source_word_share:{label}", totals["word_share"]))
    rows.append(("media_citations", m["media_citations"]))
    rows.append(("foreign_media_citations", m["foreign_media_citations"]))
    rows += sorted(("verb:" + k[6:], v) for k, v in m.items() if k.startswith("verbs."))
    rows += [(f"distinctive:{t['term']}", t["z"]) for t in framing["distinctive_terms"]]
    rows.append(("omissions", len(framing["omissions"])))
    return [(name, _number(value)) for name, value in rows]


def outlet_measures(row: dict) -> list[tuple[str, float]]:
    """(measure, value) rows of one outlet in one story: sums over its articles, frame scores
    averaged, source shares of all its quotes, its distinctive terms against the other outlets."""
    sums, mean = row["sum"], row["mean"]
    categories = sorted(k.split(".", 1)[1] for k in sums if k.startswith("hits."))
    words = sums.get("words", 0)
    rows = [("articles", len(row["articles"])), ("words", words)]
    rows += [(f"evaluative:{c}", sums[f"hits.{c}"]) for c in categories]
    rows += [(f"evaluative_narration:{c}", sums[f"narration_hits.{c}"]) for c in categories]
    rows += [
        (f"per_1000_words:{c}", 1000 * sums[f"hits.{c}"] / words if words else 0)
        for c in categories
    ]
    rows.append(("hedges", sums.get("hits.hedging", 0)))
    rows += [("headline_hits", sums["headline_hits"]), ("lead_hits", sums["lead_hits"])]
    rows += sorted((f"frame:{k[6:]}", v) for k, v in mean.items() if k.startswith("frame."))
    rows += [("quotes", sums["quotes"]), ("quoted_words", sums["quoted_words"])]
    shares = row["source_shares"]
    for group in sorted(shares["quotes"]):
        label = group_label(group).lower()
        rows.append((f"source_share:{label}", shares["quotes"][group]))
        rows.append((f"source_word_share:{label}", shares["words"].get(group, 0)))
    rows.append(("media_citations", sums["media_citations"]))
    rows.append(("foreign_media_citations", sums["foreign_media_citations"]))
    rows += sorted(("verb:" + k[6:], v) for k, v in sums.items() if k.startswith("verbs."))
    rows += [(f"distinctive:{t['term']}", t["z"]) for t in row["distinctive_terms"]]
    rows.append(("omissions", len(row.get("omissions", ()))))
    return [(name, _number(value)) for name, value in rows]


@csv_export("framing")
def framing_csv(document: dict) -> str:
    """One row per article and measure, then one per outlet and measure (empty `article`):
    story, article, outlet, measure, value."""
    outlet_of = {str(a["id"]): a["outlet"] for a in document["articles"]}
    slug = document["story"]["slug"]
    framing = document.get("framing", {})
    per_article = (
        [slug, article_id, outlet_of.get(article_id, ""), measure, value]
        for article_id, article in framing.get("articles", {}).items()
        for measure, value in article_measures(article)
    )
    per_outlet = (
        [slug, "", outlet, measure, value]
        for outlet, row in sorted(framing.get("outlets", {}).items())
        for measure, value in outlet_measures(row)
    )
    return csv_table(
        ["story", "article", "outlet", "measure", "value"], [*per_article, *per_outlet]
    )
