"""The comparison's story-analysis section and its export tables.

The section stores two runs of the reuse engine: one with the default thresholds (exported as
"shared_passages") and one with permissive thresholds (internal), which the page re-grades and
filters when a reader changes the thresholds, so nothing is recomputed per request.
"""

from __future__ import annotations

from newsreader.analysis.reuse import Thresholds, find_passages_at
from newsreader.exports import csv_export, csv_table, document_part
from newsreader.models import Article
from newsreader.services.story_analysis import section

from .syndication import pair_labels

DEFAULT = Thresholds()
# edited_min 0 keeps "edited" meaning "aligned, not verbatim", so any edited_min re-grades exactly.
PERMISSIVE = Thresholds(min_words=4, edited_min=0.0, similar_min=0.4)


def _compact(groups) -> list[list]:
    return [
        [g.id, g.kind, round(g.similarity, 4), g.is_quote, g.words]
        + [[m.doc, m.start, m.end] for m in g.members]
        for g in groups
    ]


@section("reuse")
def reuse_section(articles: list[Article]) -> dict:
    docs = {a.pk: a.clean_text for a in articles}
    exact, loose = find_passages_at(docs, [DEFAULT, PERMISSIVE])
    return {
        "shared_passages": [
            {
                "id": g.id,
                "kind": g.kind,
                "similarity": round(g.similarity, 4),
                "is_quote": g.is_quote,
                "words": g.words,
                "members": [
                    {
                        "article": m.doc,
                        "start": m.start,
                        "end": m.end,
                        "text": docs[m.doc][m.start : m.end],
                    }
                    for m in g.members
                ],
            }
            for g in exact.groups
        ],
        "pairwise": {
            str(a): {str(b): round(exact.pairwise[a, b], 4) for b in docs if b != a} for a in docs
        },
        # a bound cut the paraphrase scoring: kept per article, from the wider of the two runs
        "limits": list({c["article"]: c for c in exact.limits + loose.limits}.values()),
        "_default": _compact(exact.groups),
        "_permissive": _compact(loose.groups),
    }


@document_part("syndication")
def syndication_export(articles: list[Article]) -> list[dict]:
    """Every labelled pair of the story's articles (sister outlets, syndicated copies)."""
    order = [a.pk for a in articles]
    return [
        {
            "articles": sorted(pair, key=order.index),
            "kind": label.kind.replace(" ", "_"),
            "media_group": label.group or None,
            "copy": label.copy,
            "origin": label.origin,
            "note": label.note or None,
        }
        for pair, label in pair_labels(articles).items()
    ]


@csv_export("passages")
def passages_csv(document: dict) -> str:
    outlets = {a["id"]: a["outlet"] for a in document["articles"]}
    return csv_table(
        [
            "group",
            "kind",
            "similarity",
            "is_quote",
            "words",
            "article",
            "outlet",
            "start",
            "end",
            "text",
        ],
        (
            [g["id"], g["kind"], g["similarity"], g["is_quote"], g["words"], m["article"]]
            + [outlets.get(m["article"], ""), m["start"], m["end"], m["text"]]
            for g in document.get("shared_passages", [])
            for m in g["members"]
        ),
    )


@csv_export("pairwise")
def pairwise_csv(document: dict) -> str:
    labels = {
        frozenset(map(str, s["articles"])): s["kind"] for s in document.get("syndication", [])
    }
    return csv_table(
        ["article", "other", "share_of_article_in_other", "syndication"],
        (
            [a, b, share, labels.get(frozenset((a, b)), "")]
            for a, row in document.get("pairwise", {}).items()
            for b, share in row.items()
        ),
    )
