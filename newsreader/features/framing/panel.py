"""Display data of the framing panel and the outlet framing page, built from the cached
framing analysis of each story. Every number carries the link to its passages (see
framing_passages.py); article text reaches markup only through `render_marked`."""

from __future__ import annotations

from collections import Counter
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import get_language, gettext

from newsreader.analysis.framing.sourcing import group_label
from newsreader.models import Outlet, Story
from newsreader.services.story_analysis import (
    FAILED,
    columns_load,
    derived,
    story_analysis_current,
    story_analysis_ready,
    story_articles,
    story_section,
)
from newsreader.web.limits import limit_notes
from newsreader.web.rendering import Mark, render_marked

from . import wording
from .table import framing_table


def _group_label(group: str) -> str:
    return wording.group(group, group_label(group))


# Text markers of the categories: colour is never the only signal.
SYMBOLS = {
    "desperation": "↓",
    "threat": "⚠",
    "condemnation": "✗",
    "praise": "★",
    "certainty": "!",
    "hedging": "?",
}
LOADED_VERBS = {"claim", "admit", "deny", "warn", "assert", "hint", "describe"}
CHART_WIDTH = 300  # SVG units; a row is its label (left) and value (right) above its bar
ROW_HEIGHT = 30


def story_framing_data(story: Story, *, light: bool = False) -> tuple[dict, list]:
    """The story's framing section (from the analysis cache) and its articles (with `light`,
    their titles and outlets only: the text stays in the database)."""
    framing = story_section(story=story, name="framing")["framing"]
    return framing, story_articles(story, light=light)


def _passages_url(story: Story, measure: str, **where) -> str:
    query = urlencode({"measure": measure, **{k: v for k, v in where.items() if v}})
    return f"{reverse('story-framing-passages', args=[story.slug])}?{query}"


def _outlet_passages_url(outlet: Outlet, measure: str) -> str:
    query = urlencode({"measure": measure})
    return f"{reverse('outlet-framing-passages', args=[outlet.slug])}?{query}"


def _ev_marks(hits: list[dict], labels: dict[str, str]) -> list[Mark]:
    return [
        Mark(
            h["start"],
            h["end"],
            f"ev ev-{h['category']}",
            (
                ("data-category", h["category"]),
                ("title", f"{labels.get(h['category'], h['category'])}: {h['term']}"),
            ),
            tag="span",
        )
        for h in hits
    ]


def _frame_labels(framing: dict) -> dict[str, str]:
    labels = {}
    for article in framing["articles"].values():
        labels |= {
            fid: wording.frame(fid, frame["label"]) for fid, frame in article["frames"].items()
        }
    return labels


# Charts: horizontal SVG bars laid out here, drawn by the template. Label and value share the
# line above the bar, so neither collides with a short bar or the row below in a narrow panel.
def _bar_chart(rows: list[dict], scale: float) -> dict:
    for i, row in enumerate(rows):
        top = i * ROW_HEIGHT
        row |= {"label_y": top + 12, "y": top + 16, "value_x": CHART_WIDTH}
        row["width"] = round(CHART_WIDTH * row["value"] / scale, 1) if scale else 0
    return {"rows": rows, "width": CHART_WIDTH, "height": len(rows) * ROW_HEIGHT}


def _rate(sums: dict, category: str) -> float:
    """Evaluative terms of one category per 1,000 words."""
    words = sums.get("words", 0)
    return 1000 * sums.get(f"hits.{category}", 0) / words if words else 0.0


def _max_rate(sums_list: list[dict], labels: dict) -> float:
    return max((_rate(sums, c) for sums in sums_list for c in labels), default=0.0)


def _evaluative_bars(sums: dict, labels: dict, scale: float, link=None) -> dict:
    rows = []
    for category, label in labels.items():
        count, rate = sums.get(f"hits.{category}", 0), _rate(sums, category)
        rows.append(
            {
                "label": label,
                "value": rate,
                "count": count,
                "text": f"{count} ({number_format(rate, 1)}‰)",
                "url": link(f"evaluative:{category}") if link else None,
                "title": gettext("{label}: {count} terms, {rate} per 1,000 words").format(
                    label=label, count=count, rate=number_format(rate, 1)
                ),
            }
        )
    return _bar_chart(rows, scale)


def _frame_bars(means: dict, frame_labels: dict, link=None) -> dict:
    rows = []
    for fid, label in frame_labels.items():
        score = means.get(f"frame.{fid}", 0)
        rows.append(
            {
                "label": label,
                "value": score,
                "text": number_format(score, 2),
                "url": link(f"frame:{fid}") if link else None,
                "title": gettext(
                    "{label} frame: {score}, mean share of its questions answered yes"
                ).format(label=label, score=number_format(score, 2)),
            }
        )
    return _bar_chart(rows, 1.0)


def _source_groups(sums: dict) -> Counter:
    return Counter(
        {
            key.split(".")[1]: value
            for key, value in sums.items()
            if key.startswith("sources.") and key.endswith(".quotes")
        }
    )


def _outlet_view(story, slug, name, row, framing, labels, frame_labels, max_rate) -> dict:
    """One outlet's measures in one story, every number with the link to its passages."""
    sums, shares = row["sum"], row["source_shares"]

    def link(measure):
        return _passages_url(story, measure, outlet=slug)

    speakers, mentioned, media, groups = Counter(), Counter(), Counter(), {}
    for article_id in row["articles"]:
        sourcing = framing["articles"][str(article_id)]["sourcing"]
        for s in sourcing["speakers"]:
            speakers[s["name"]] += s["quotes"]
            groups[s["name"]] = s["group"]
        for m in sourcing["mentioned_only"]:
            mentioned[m["name"]] += m["mentions"]
            groups.setdefault(m["name"], m["group"])
        media.update(sourcing["media_counts"])

    def people(counts, kind):
        return [
            {"name": n, "group": _group_label(groups[n]), "count": c, "url": link(f"{kind}:{n}")}
            for n, c in counts.most_common()
        ]

    return {
        "slug": slug,
        "name": name,
        "articles": len(row["articles"]),
        "words": sums.get("words", 0),
        "evaluative": _evaluative_bars(sums, labels, max_rate, link),
        "frames": _frame_bars(row["mean"], frame_labels, link),
        "sources": [
            {
                "label": _group_label(group),
                "quotes": sums.get(f"sources.{group}.quotes", 0),
                "quote_share": share,
                "word_share": shares["words"].get(group, 0),
                "url": link(f"source:{group}"),
            }
            for group, share in sorted(shares["quotes"].items(), key=lambda kv: -kv[1])
        ],
        "quotes": sums.get("quotes", 0),
        "quoted_words": sums.get("quoted_words", 0),
        "quotes_url": link("quotes"),
        "speakers": people(speakers, "speaker"),
        "mentioned": people(mentioned, "mention"),
        "media": [{"name": n, "count": c} for n, c in media.most_common()],
        "media_citations": sums.get("media_citations", 0),
        "foreign_citations": sums.get("foreign_media_citations", 0),
        "media_url": link("media"),
        "foreign_url": link("media:foreign"),
        "terms": [
            t | {"url": reverse("story-framing-term", args=[story.slug, t["term"]])}
            for t in row["distinctive_terms"]
        ],
    }


def _verb_comparison(story, framing, outlet_of, names) -> list[dict]:
    """Speakers quoted by several outlets with each outlet's reporting verbs, flagged when
    one outlet uses a neutral verb ("kata") where another writes "warned", "denied"..."""
    by_speaker: dict[str, dict[str, Counter]] = {}
    for article_id, f in framing["articles"].items():
        for r in f["reporting_verbs"]:
            if r["speaker"] and r["verb"]:
                verbs = by_speaker.setdefault(r["speaker"], {})
                verbs.setdefault(outlet_of[article_id], Counter())[
                    (r["verb"].lower(), r["verb_class"])
                ] += 1
    rows = []
    for speaker, outlets in by_speaker.items():
        if len(outlets) < 2:
            continue
        classes = {o: {cls for _, cls in verbs} for o, verbs in outlets.items()}
        contrast = [
            (a, b)
            for a in outlets
            for b in outlets
            if a != b and "neutral" in classes[a] and classes[b] & LOADED_VERBS
        ]
        note = ""
        if contrast:
            a, b = contrast[0]
            verb = next(v for v, cls in outlets[b] if cls in LOADED_VERBS)
            note = gettext("a neutral verb in {first}, “{verb}” in {second}").format(
                first=names[a], verb=verb, second=names[b]
            )
        cells = [
            {
                "outlet": names[o],
                "slug": o,
                "url": _passages_url(story, f"speaker:{speaker}", outlet=o),
                "verbs": [
                    {"verb": v, "class": cls, "count": n, "loaded": cls in LOADED_VERBS}
                    for (v, cls), n in verbs.most_common()
                ],
            }
            for o, verbs in sorted(outlets.items(), key=lambda kv: names[kv[0]])
        ]
        rows.append({"speaker": speaker, "cells": cells, "flagged": bool(contrast), "note": note})
    return sorted(rows, key=lambda r: (not r["flagged"], -len(r["cells"]), r["speaker"]))


def _preview(story, article, f, labels) -> dict:
    head = f["headline"]
    return {
        "article": article,
        "headline": render_marked(article.title, _ev_marks(head["headline_hits"], labels)),
        "lead": render_marked(
            article.clean_text,
            _ev_marks(head["lead_hits"], labels),
            start=head["lead_start"],
            end=head["lead_end"],
        ),
        "counts": [
            {
                "label": labels[c],
                "symbol": SYMBOLS.get(c, "•"),
                "count": f["evaluative"]["counts"][c],
                "url": _passages_url(story, f"evaluative:{c}", article=article.pk),
            }
            for c in labels
            if f["evaluative"]["counts"].get(c)
        ],
        "omissions": [
            {
                "kind": wording.fact_kind(fact.split(":", 1)[0]),
                "value": fact.split(":", 1)[1],
                "url": _passages_url(story, f"fact:{fact}"),
            }
            for fact in f["omissions"]
        ],
    }


def panel_context(story: Story, columns: list[str] = ()) -> dict:
    """The panel; with two or more of the story's articles as `columns` (ids, the columns of
    the comparison page), headlines and leads are those of the columns only."""
    framing, articles = story_framing_data(story, light=True)
    chosen = [a for a in articles if str(a.pk) in columns]
    shown = columns_load(chosen if len(chosen) >= 2 else articles)
    labels = wording.categories(framing["lexicon"]["categories"])
    names = {a.outlet.slug: a.outlet.display_name for a in articles}

    def story_wide():  # the same for every request of this analysis, language and outlet names
        frame_labels = _frame_labels(framing)
        max_rate = _max_rate([row["sum"] for row in framing["outlets"].values()], labels)
        outlets = sorted(framing["outlets"].items(), key=lambda kv: names.get(kv[0], kv[0]))
        views = [
            _outlet_view(
                story, slug, names.get(slug, slug), row, framing, labels, frame_labels, max_rate
            )
            for slug, row in outlets
        ]
        verbs = _verb_comparison(
            story, framing, {str(a.pk): a.outlet.slug for a in articles}, names
        )
        return views, framing_table(views), verbs

    key = f"framing.panel.{get_language()}.{sorted(names.items())}"
    outlet_views, table, verbs = derived(story_analysis_current(story), key, story_wide)
    return {
        "story": story,
        "table": table,
        "categories": [
            {"id": c, "label": label, "symbol": SYMBOLS.get(c, "•")} for c, label in labels.items()
        ],
        "previews": [_preview(story, a, framing["articles"][str(a.pk)], labels) for a in shown],
        "outlets": outlet_views,
        "verbs": verbs,
        "lexicon": framing["lexicon"],
        "limits": limit_notes(
            framing.get("limits", []), {a.pk: a.outlet.display_name for a in articles}
        ),
    }


def outlet_context(outlet: Outlet) -> dict:
    """One outlet's framing measures in every story it covers, and summed over them."""
    per_story, labels, frame_labels = [], {}, {}
    for story in Story.objects.filter(articles__outlet=outlet).distinct().order_by("title"):
        analysis = story_analysis_ready(story)
        if analysis is None:  # still being analysed: counted once it is ready
            continue
        part = analysis["framing"]
        if FAILED in part:
            continue  # shown as failed on the story's own page
        framing = part["framing"]
        if outlet.slug in framing["outlets"]:
            labels |= wording.categories(framing["lexicon"]["categories"])
            frame_labels |= _frame_labels(framing)
            per_story.append((story, framing["outlets"][outlet.slug], framing))
    totals = Counter()
    for _, row, _ in per_story:
        totals.update(row["sum"])
    n_articles = sum(len(row["articles"]) for _, row, _ in per_story)
    max_rate = _max_rate([row["sum"] for _, row, _ in per_story], labels)
    group_quotes = _source_groups(totals)

    def link(measure):
        return _outlet_passages_url(outlet, measure)

    return {
        "outlet": outlet,
        "categories": labels,
        "frame_labels": frame_labels,
        "articles": n_articles,
        "totals": totals,
        "evaluative": _evaluative_bars(totals, labels, _max_rate([totals], labels), link),
        "frames": _frame_bars(
            {k: v / n_articles for k, v in totals.items() if k.startswith("frame.")},
            frame_labels,
            link,
        ),
        "sources": [
            {
                "label": _group_label(g),
                "quotes": q,
                "share": q / group_quotes.total(),
                "url": link(f"source:{g}"),
            }
            for g, q in group_quotes.most_common()
        ],
        "quotes_url": link("quotes"),
        "media_url": link("media"),
        "foreign_url": link("media:foreign"),
        "stories": [
            _outlet_view(
                story,
                outlet.slug,
                outlet.display_name,
                row,
                framing,
                labels,
                frame_labels,
                max_rate,
            )
            | {"story": story}
            for story, row, framing in per_story
        ],
    }
