"""Story-analysis section and export tables of the claims feature.

The section exports every quote of the story, the cross-outlet claim groups and the speakers;
`_quotes` (internal) lists the spans the comparison page marks, each with its claim group.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from newsreader.analysis.claims import ClaimGroup, compare_claims
from newsreader.analysis.coreference import normalise_speakers
from newsreader.analysis.limits import quotes_bounded_by_text
from newsreader.analysis.quotes import Quote
from newsreader.analysis.reason import reason_document
from newsreader.exports import csv_export, csv_table
from newsreader.services.story_analysis import section

RELATIONS = ("agree", "altered", "conflict", "review", "different_attribution", "single_source")

# Claims compare every pair of quotes: these bound the work one article or story can cause
# (a page of one quote repeated 40,000 times). Real articles carry a few dozen quotes.
MAX_QUOTES_PER_ARTICLE = 300
MAX_QUOTES_PER_STORY = 1500


def quotes_bounded(
    quotes_by_doc: dict[int, list[Quote]],
) -> tuple[dict[int, list[Quote]], list[dict]]:
    """The quotes the claims analysis compares: the first MAX_QUOTES_PER_ARTICLE of each
    article, then articles in id order until MAX_QUOTES_PER_STORY; and a note of each cut."""
    kept, limits, budget = {}, [], MAX_QUOTES_PER_STORY
    for doc in sorted(quotes_by_doc):
        quotes = quotes_by_doc[doc]
        kept[doc] = quotes[: max(0, min(MAX_QUOTES_PER_ARTICLE, budget))]
        budget -= len(kept[doc])
        if len(kept[doc]) < len(quotes):
            cut = {"article": doc, "what": "quotes", "found": len(quotes), "kept": len(kept[doc])}
            limits.append(cut)
    return kept, limits


def speaker_document(quote: Quote) -> dict | None:
    if quote.speaker is None:
        return None
    return {"name": quote.speaker.name, "role": quote.speaker.role}


def quote_document(article_id: int, quote: Quote) -> dict:
    return {
        "article": article_id,
        "speaker": speaker_document(quote),
        "text": quote.text,
        "start": quote.start,
        "end": quote.end,
        "kind": quote.kind,
        "cue": quote.cue,
        "addressee": quote.addressee,
    }


def _diff_articles(group: ClaimGroup) -> list[int] | None:
    """The two articles the word diff compares: equal+delete text is the first, equal+insert
    the second (each without its final punctuation)."""
    if group.diff is None:
        return None
    old = "".join(t for op, t in group.diff if op != "insert")
    new = "".join(t for op, t in group.diff if op != "delete")

    def find(text: str, exclude: int | None = None) -> int | None:
        return next(
            (
                m.doc
                for m in group.members
                if m.doc != exclude and m.quote.text.rstrip(".,!?") == text
            ),
            None,
        )

    first = find(old)
    second = find(new, exclude=first)
    return [first, second] if first is not None and second is not None else None


def claim_document(group: ClaimGroup) -> dict:
    return {
        "id": group.id,
        "relation": group.relation,
        "reasons": list(group.reasons),
        "reason_codes": [reason_document(r) for r in group.reasons],
        "confidence": group.confidence,
        "diff": [[op, text] for op, text in group.diff] if group.diff is not None else None,
        "diff_articles": _diff_articles(group),
        "members": [
            {
                "article": m.doc,
                "speaker": speaker_document(m.quote),
                "text": m.quote.text,
                "start": m.quote.start,
                "end": m.quote.end,
                "kind": m.quote.kind,
            }
            for m in group.members
        ],
    }


def speakers_document(quotes_by_doc: dict[int, list[Quote]]) -> list[dict]:
    """Who is quoted, under which roles, and how many quotes each article gives them."""
    counts: dict[str, Counter] = defaultdict(Counter)
    roles: dict[str, set[str]] = defaultdict(set)
    for doc, quotes in quotes_by_doc.items():
        for q in quotes:
            if q.speaker is None:
                continue
            counts[q.speaker.name][str(doc)] += 1
            if q.speaker.role:
                roles[q.speaker.name].add(q.speaker.role)
    return [
        {
            "name": name,
            "roles": sorted(roles[name]),
            "quotes_by_article": dict(sorted(counts[name].items(), key=lambda kv: int(kv[0]))),
        }
        for name in sorted(counts, key=lambda n: (-counts[n].total(), n.casefold()))
    ]


def marked_spans(quotes_by_doc: dict[int, list[Quote]], groups: list[ClaimGroup]) -> list[dict]:
    """Spans to mark in the article texts, one per (article, start): claim members first, then
    the remaining quotes (a partial quote joins the group of the claim that holds it)."""
    spans: dict[tuple[int, int], dict] = {}
    for g in groups:
        for m in g.members:
            key = (m.doc, m.quote.start)
            spans.setdefault(
                key,
                {"article": m.doc, "start": m.quote.start, "end": m.quote.end, "claim_group": g.id},
            )
    members = defaultdict(list)  # doc -> (start, end, group) of its claim members, in order
    for g in groups:
        for m in g.members:
            members[m.doc].append((m.quote.start, m.quote.end, g.id))
    for doc, quotes in quotes_by_doc.items():
        for q in quotes:
            if (doc, q.start) in spans:
                continue
            holder = next(
                (gid for s, e, gid in members[doc] if s <= q.start and q.end <= e),
                None,
            )
            spans[(doc, q.start)] = {
                "article": doc,
                "start": q.start,
                "end": q.end,
                "claim_group": holder,
            }
    return sorted(spans.values(), key=lambda s: (s["article"], s["start"]))


@section("claims")
def claims_section(articles) -> dict:
    found, read_in_part = quotes_bounded_by_text({a.pk: a.clean_text for a in articles})
    bounded, limits = quotes_bounded(found)
    limits = read_in_part + limits
    quotes_by_doc = normalise_speakers(bounded)
    groups = compare_claims(quotes_by_doc)
    return {
        "quotes": [
            quote_document(doc, q) for doc in sorted(quotes_by_doc) for q in quotes_by_doc[doc]
        ],
        "claims": [claim_document(g) for g in groups],
        "speakers": speakers_document(quotes_by_doc),
        "_quotes": marked_spans(quotes_by_doc, groups),
        "limits": limits,
    }


def _outlets(document: dict) -> dict[int, str]:
    return {a["id"]: a["outlet"] for a in document["articles"]}


@csv_export("quotes")
def quotes_csv(document: dict) -> str:
    outlets = _outlets(document)
    slug = document["story"]["slug"]
    return csv_table(
        [
            "story",
            "article",
            "outlet",
            "speaker",
            "role",
            "kind",
            "start",
            "end",
            "cue",
            "addressee",
            "text",
        ],  # fmt: skip
        (
            [
                slug,
                q["article"],
                outlets.get(q["article"]),
                (q["speaker"] or {}).get("name"),
                (q["speaker"] or {}).get("role"),
                q["kind"],
                q["start"],
                q["end"],
                q["cue"],
                q["addressee"],
                q["text"],
            ]
            for q in document.get("quotes", [])
        ),
    )


@csv_export("claims")
def claims_csv(document: dict) -> str:
    outlets = _outlets(document)
    slug = document["story"]["slug"]
    return csv_table(
        [
            "story",
            "claim",
            "relation",
            "confidence",
            "article",
            "outlet",
            "speaker",
            "role",
            "start",
            "end",
            "text",
            "reasons",
        ],  # fmt: skip
        (
            [
                slug,
                c["id"],
                c["relation"],
                c["confidence"],
                m["article"],
                outlets.get(m["article"]),
                (m["speaker"] or {}).get("name"),
                (m["speaker"] or {}).get("role"),
                m["start"],
                m["end"],
                m["text"],
                "; ".join(c["reasons"]),
            ]
            for c in document.get("claims", [])
            for m in c["members"]
        ),
    )
