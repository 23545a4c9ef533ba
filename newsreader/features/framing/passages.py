"""The passages behind each framing number, and the occurrences of a distinctive term.

A measure is named as in the CSV table: `evaluative:desperation`, `hedges`, `frame:conflict`,
`quotes`, `source:us_government`, `speaker:Mark Hertling`, `verb:warn`, `media`,
`media:foreign`, `mention:Kremlin`, or `fact:<omission fact>` (the articles that carry a fact
another article leaves out); an outlet (slug) or article (id) narrows it. Each counted item is
shown in its sentences, escaped, with the counted span marked. An outlet's measure can also be
gathered across all its stories.
"""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext, gettext_lazy

from newsreader.analysis.framing import term_occurrences
from newsreader.analysis.framing.omissions import fact_mentions
from newsreader.analysis.framing.sourcing import OTHER, entity_mentions, group_label
from newsreader.analysis.text import sentences
from newsreader.features.framing.panel import story_framing_data
from newsreader.models import Outlet, Story
from newsreader.web.rendering import Mark, render_marked

VOICES = {"quoted": gettext_lazy("quoted"), "narration": gettext_lazy("narration")}


# Passage finders: (article framing, text, key) -> [(spans to mark as (start, end, css), note)].
def _evaluative(f, text, key):
    return [
        ([(h["start"], h["end"], "hit")], f"“{h['term']}” ({VOICES.get(h['voice'], h['voice'])})")
        for h in f["evaluative"]["hits"]
        if h["category"] == key
    ]


def _frame(f, text, key):
    return [
        ([(h["start"], h["end"], "hit")], f"{ind['question']} “{h['term']}”")
        for ind in f["frames"].get(key, {}).get("indicators", [])
        for h in ind["hits"]
    ]


def _quotes_where(keep):
    def find(f, text, key):
        items = []
        for r in f["reporting_verbs"]:
            if keep(r, key):
                spans = [(r["quote_start"], r["quote_end"], "hit")]
                if r["verb"] and r["verb_start"] is not None:
                    spans.append((r["verb_start"], r["verb_start"] + len(r["verb"]), "verb"))
                verb = (
                    f"“{r['verb']}” ({r['verb_class']})"
                    if r["verb"]
                    else gettext("no reporting verb")
                )
                items.append((spans, f"{r['speaker'] or gettext('unknown speaker')}: {verb}"))
        return items

    return find


def _media(f, text, key):
    return [
        (
            [
                (m["start"], m["end"], "hit"),
                (m["cue_start"], m["cue_start"] + len(m["cue"]), "verb"),
            ],
            (
                gettext("{media} (foreign), cited with “{cue}”")
                if m["foreign"]
                else gettext("{media}, cited with “{cue}”")
            ).format(media=m["media"], cue=m["cue"]),
        )
        for m in f["sourcing"]["media"]
        if key != "foreign" or m["foreign"]
    ]


def _mention(f, text, key):
    return [
        ([(span.start, span.end, "hit")], f"{entity['name']} ({group_label(entity['group'])})")
        for span, entity in entity_mentions(text)
        if entity["name"] == key
    ]


def _fact(f, text, key):
    kind, _, value = key.partition(":")
    if kind == "speaker":
        return _quotes_where(lambda r, k: (r["speaker"] or "").casefold() == value)(f, text, key)
    return [([(s, e, "hit")], text[s:e]) for fact, s, e in fact_mentions(text) if fact == key]


FINDERS = {
    "evaluative": _evaluative,
    "hedges": lambda f, text, key: _evaluative(f, text, "hedging"),
    "frame": _frame,
    "quotes": _quotes_where(lambda r, key: True),
    "source": _quotes_where(lambda r, key: (r["group"] or OTHER) == key),
    "speaker": _quotes_where(lambda r, key: (r["speaker"] or "unknown") == key),
    "verb": _quotes_where(lambda r, key: r["verb_class"] == key),
    "media": _media,
    "mention": _mention,
    "fact": _fact,
}


def render_passages(text: str, items: list[tuple[list, str]]) -> list[dict]:
    """Each item's sentences with its spans marked; items in the same sentences merge."""
    spans = sentences(text)
    merged: dict[tuple[int, int], dict] = {}
    for marks, note in items:
        lo, hi = min(s for s, _, _ in marks), max(e for _, e, _ in marks)
        around = [s for s in spans if s.end > lo and s.start < hi]
        key = (around[0].start, around[-1].end) if around else (lo, hi)
        entry = merged.setdefault(key, {"marks": [], "notes": []})
        entry["marks"] += [Mark(s, e, css) for s, e, css in marks]
        entry["notes"].append(note)
    return [
        {
            "start": start,
            "end": end,
            "html": render_marked(text, entry["marks"], start=start, end=end),
            "notes": entry["notes"],
        }
        for (start, end), entry in sorted(merged.items())
    ]


def _finder(measure: str):
    kind, _, key = measure.partition(":")
    if kind not in FINDERS:
        raise Http404("unknown measure")
    return lambda framing, article: render_passages(
        article.clean_text,
        FINDERS[kind](framing["articles"][str(article.pk)], article.clean_text, key),
    )


def passages_context(
    story: Story, measure: str, *, outlet: str | None = None, article: str | None = None
) -> dict:
    find = _finder(measure)
    framing, articles = story_framing_data(story)
    chosen = [
        a
        for a in articles
        if (not outlet or a.outlet.slug == outlet) and (not article or str(a.pk) == article)
    ]
    if not chosen:
        raise Http404("no such article or outlet in this story")
    groups = [{"article": a, "passages": find(framing, a)} for a in chosen]
    if measure.startswith("fact:"):
        groups = [g for g in groups if g["passages"]]  # only the articles carrying the fact
        if not groups:
            raise Http404("no article of this story carries the fact")
    return {
        "story": story,
        "heading": gettext("Passages behind “{measure}”").format(measure=measure),
        "groups": groups,
        "total": sum(len(g["passages"]) for g in groups),
    }


def outlet_passages_context(outlet: Outlet, measure: str) -> dict:
    """The passages behind one of the outlet page's totals, per story and article."""
    find = _finder(measure)
    stories = []
    for story in Story.objects.filter(articles__outlet=outlet).distinct().order_by("title"):
        framing, articles = story_framing_data(story)
        groups = [
            {"article": a, "passages": find(framing, a)}
            for a in articles
            if a.outlet_id == outlet.pk
        ]
        stories.append({"story": story, "groups": groups})
    return {
        "outlet": outlet,
        "heading": gettext("Passages behind “{measure}” in {outlet}").format(
            measure=measure, outlet=outlet.display_name
        ),
        "stories": stories,
        "total": sum(len(g["passages"]) for s in stories for g in s["groups"]),
    }


def term_context(story: Story, stem: str) -> dict:
    framing, articles = story_framing_data(story)
    z_by_outlet = {
        outlet: next((t["z"] for t in row["distinctive_terms"] if t["term"] == stem), None)
        for outlet, row in framing["outlets"].items()
    }
    groups = []
    for a in articles:
        found = term_occurrences(a.clean_text, stem)
        if found:
            items = [([(s.start, s.end, "hit")], a.clean_text[s.start : s.end]) for s in found]
            groups.append(
                {
                    "article": a,
                    "passages": render_passages(a.clean_text, items),
                    "count": len(found),
                    "z": z_by_outlet.get(a.outlet.slug),
                }
            )
    if not groups:
        raise Http404("no article of this story uses the term")
    return {
        "story": story,
        "heading": gettext("Occurrences of the term “{stem}”").format(stem=stem),
        "term": stem,
        "groups": groups,
        "total": sum(g["count"] for g in groups),
    }
