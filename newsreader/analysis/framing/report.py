"""All framing measures of one article and of a whole story, as JSON-serialisable dicts."""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import asdict

from newsreader.analysis.framing.frames import frame_scores
from newsreader.analysis.framing.headline import headline_and_lead
from newsreader.analysis.framing.lexicon import HEDGING, Hit, Lexicon, evaluative_hits
from newsreader.analysis.framing.omissions import omissions, story_facts
from newsreader.analysis.framing.sourcing import sourcing
from newsreader.analysis.framing.verbs import reporting_verbs, verb_class_counts
from newsreader.analysis.framing.vocabulary import distinctive_terms, top_distinctive, vocabulary
from newsreader.analysis.shared_features import per_text
from newsreader.analysis.text import keyed_words, sentences

UNKNOWN_OUTLET = "unknown"


def _voice(hit: Hit, quotes: Sequence) -> str:
    inside = any(q.start <= hit.start and hit.end <= q.end for q in quotes)
    return "quoted" if inside else "narration"


def _passages(text: str):
    spans = sentences(text)
    starts = [s.start for s in spans]

    def passage(hit: Hit) -> list[int]:
        i = bisect.bisect_right(starts, hit.start) - 1
        span = spans[i] if i >= 0 and hit.start < spans[i].end else None
        return [span.start, span.end] if span else [hit.start, hit.end]

    return passage


def article_framing(text: str, title: str, quotes: Sequence, lexicon: Lexicon) -> dict:
    """Evaluative hits (with voice), hedges, headline/lead, frames, sources, reporting verbs."""
    quotes = list(quotes or ())
    n_words = len(per_text(keyed_words, text)[0])
    found = evaluative_hits(text, lexicon)
    hits = [asdict(h) | {"voice": _voice(h, quotes)} for h in found]
    counts = Counter(h["category"] for h in hits)
    narration = Counter(h["category"] for h in hits if h["voice"] == "narration")
    head = headline_and_lead(title, text, lexicon, found)
    passage = _passages(text)
    frames = {
        frame_id: {
            "label": frame["label"],
            "score": frame["score"],
            "indicators": [
                {
                    "id": ind["id"],
                    "question": ind["question"],
                    "answer": bool(ind["hits"]),
                    "hits": [asdict(h) | {"passage": passage(h)} for h in ind["hits"]],
                }
                for ind in frame["indicators"]
            ],
        }
        for frame_id, frame in frame_scores(text).items()
    }
    sources = sourcing(text, quotes)
    verbs = reporting_verbs(text, quotes)
    measures = {
        "words": n_words,
        "quotes": sources["quotes"],
        "quoted_words": sources["quoted_words"],
        "media_citations": len(sources["media"]),
        "foreign_media_citations": sum(1 for m in sources["media"] if m["foreign"]),
        "headline_hits": len(head["headline_hits"]),
        "lead_hits": len(head["lead_hits"]),
    }
    for category in lexicon.categories:
        measures[f"hits.{category}"] = counts[category]
        measures[f"narration_hits.{category}"] = narration[category]
        measures[f"per_1000_words.{category}"] = 1000 * counts[category] / n_words if n_words else 0
    measures |= {f"frame.{fid}": frame["score"] for fid, frame in frames.items()}
    measures |= {f"verbs.{cls}": n for cls, n in verb_class_counts(verbs).items()}
    for group, totals in sources["groups"].items():
        measures[f"sources.{group}.quotes"] = totals["quotes"]
        measures[f"sources.{group}.words"] = totals["words"]
    return {
        "words": n_words,
        "evaluative": {
            "hits": hits,
            "counts": dict(counts),
            "narration_counts": dict(narration),
        },
        "hedges": [h for h in hits if h["category"] == HEDGING],
        "headline": head
        | {
            "headline_hits": [asdict(h) for h in head["headline_hits"]],
            "lead_hits": [asdict(h) for h in head["lead_hits"]],
        },
        "frames": frames,
        "sourcing": sources,
        "reporting_verbs": verbs,
        "measures": measures,
    }


def _share(totals: Mapping[str, float]) -> dict[str, float]:
    total = sum(totals.values())
    return {key: value / total for key, value in totals.items()} if total else {}


def aggregate_by_outlet(
    per_article: Mapping[int, dict], outlet_of: Mapping[int, str]
) -> dict[str, dict]:
    """Per outlet: summed and mean `measures`, and source shares (quotes and words per group)."""
    result: dict[str, dict] = {}
    for doc_id, framing in per_article.items():
        outlet = outlet_of.get(doc_id) or UNKNOWN_OUTLET
        row = result.setdefault(outlet, {"articles": [], "sum": Counter()})
        row["articles"].append(doc_id)
        row["sum"].update(framing["measures"])
    for row in result.values():
        n = len(row["articles"])
        sums = dict(row["sum"])
        row["sum"] = sums
        row["mean"] = {key: value / n for key, value in sums.items()}
        by_group = {
            key.split(".")[1]: value
            for key, value in sums.items()
            if key.startswith("sources.") and key.endswith(".quotes")
        }
        words_by_group = {
            key.split(".")[1]: value
            for key, value in sums.items()
            if key.startswith("sources.") and key.endswith(".words")
        }
        row["source_shares"] = {"quotes": _share(by_group), "words": _share(words_by_group)}
    return result


def _terms_with_occurrences(
    rows: list[dict], occurrences: Mapping | None, forms: Mapping
) -> list[dict]:
    return [
        {
            "term": row["term"],
            "z": row["z"],
            "delta": row["delta"],
            "count": row["count"],
            "forms": sorted(forms.get(row["term"], ())),
        }
        | (
            {"occurrences": [[s.start, s.end] for s in occurrences.get(row["term"], ())]}
            if occurrences is not None
            else {}
        )
        for row in rows
    ]


def story_framing(articles: Mapping[int, dict], lexicon: Lexicon) -> dict:
    """The "framing" section of a story export.

    `articles` maps id -> {"text", "title", "outlet", "quotes"}. Each article gets its framing,
    its omissions (facts most other articles carry) and its distinctive terms against the rest
    of the story; each outlet gets aggregated measures, its distinctive terms and the omissions
    all its articles share. `term_counts` (id -> stem -> count) lets a caller add the story to
    corpus-wide vocabulary counts without stemming the texts again.
    """
    per_article, facts, counts, forms, occurrences, outlet_of = {}, {}, {}, {}, {}, {}
    for doc_id, article in articles.items():
        text, quotes = article["text"], list(article.get("quotes") or ())
        per_article[doc_id] = article_framing(text, article.get("title") or "", quotes, lexicon)
        facts[doc_id] = story_facts(text, quotes)
        counts[doc_id], forms[doc_id], occurrences[doc_id] = vocabulary(text)
        outlet_of[doc_id] = article.get("outlet") or UNKNOWN_OUTLET
    missing = omissions(facts)
    by_article = distinctive_terms(counts, used_only=True) if len(counts) > 1 else {}
    for doc_id, framing in per_article.items():
        framing["omissions"] = missing.get(doc_id, [])
        framing["distinctive_terms"] = _terms_with_occurrences(
            top_distinctive(by_article.get(doc_id, [])),
            occurrences[doc_id] if articles[doc_id]["text"] else None,
            forms[doc_id],
        )
    outlets = aggregate_by_outlet(per_article, outlet_of)
    outlet_counts: dict[str, Counter] = {}
    outlet_forms: dict[str, dict] = {}
    for doc_id, outlet in outlet_of.items():
        outlet_counts.setdefault(outlet, Counter()).update(counts[doc_id])
        for term, seen in forms[doc_id].items():
            outlet_forms.setdefault(outlet, {}).setdefault(term, Counter()).update(seen)
    by_outlet = distinctive_terms(outlet_counts, used_only=True) if len(outlet_counts) > 1 else {}
    for outlet, row in outlets.items():
        row["distinctive_terms"] = _terms_with_occurrences(
            top_distinctive(by_outlet.get(outlet, [])), None, outlet_forms.get(outlet, {})
        )
        row["omissions"] = sorted(
            set.intersection(*(set(missing.get(doc_id, ())) for doc_id in row["articles"]))
        )
    return {
        "articles": per_article,
        "outlets": outlets,
        "term_counts": {doc_id: dict(c) for doc_id, c in counts.items()},
    }
