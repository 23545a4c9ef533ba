"""Turnitin-style sources of each article: which share of its words it has in common with
which earlier article, or with a common source (a passage found in three or more articles:
a press release, a wire story, an official statement)."""

from __future__ import annotations

import re

COMMON_MIN = 3  # articles that carry one passage for it to count as a common source
# Colour-blind-safe palette (Okabe-Ito); every source has a letter too, colour is never alone.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000")
_WORD = re.compile(r"\w+")


def _covered(text: str, spans: list[tuple[int, int]]) -> int:
    """Words of `text` that start inside any of the spans."""
    starts = [m.start() for m in _WORD.finditer(text)]
    return sum(1 for s in starts if any(a <= s < b for a, b in spans))


def _source_of(members: list[dict], article: int, order: dict[int, tuple]) -> str | None:
    """The key of the source of `article`'s copy of one passage, None when it is the first."""
    ids = list(dict.fromkeys(m["article"] for m in members))
    if len(ids) >= COMMON_MIN:
        return "common"
    earlier = [i for i in ids if i != article and order[i] < order[article]]
    return f"article:{min(earlier, key=order.__getitem__)}" if earlier else None


def article_sources(document: dict) -> list[dict]:
    """Per article: its words and its sources, largest share first, each with colour and label."""
    articles = document["articles"]
    order = {a["id"]: (a["published"] or "9999", a["id"]) for a in articles}
    names = {a["id"]: f"{a['outlet_name']}: {a['title']}" for a in articles}
    result = []
    for a in articles:
        spans: dict[str, list[tuple[int, int]]] = {}
        passages: dict[str, list[int]] = {}
        for group in document.get("shared_passages", []):
            source = _source_of(group["members"], a["id"], order)
            if source is None:
                continue
            for m in group["members"]:
                if m["article"] == a["id"]:
                    spans.setdefault(source, []).append((m["start"], m["end"]))
                    passages.setdefault(source, []).append(group["id"])
        words = max(1, len(_WORD.findall(a["clean_text"])))
        sources = sorted(
            (
                {
                    "source": key,
                    "article": int(key.split(":")[1]) if key.startswith("article:") else None,
                    "words": _covered(a["clean_text"], covered),
                    "share": round(_covered(a["clean_text"], covered) / words, 4),
                    "passages": sorted(set(passages[key])),
                }
                for key, covered in spans.items()
            ),
            key=lambda s: (-s["share"], s["source"]),
        )
        all_spans = [span for covered in spans.values() for span in covered]
        original = 1 - _covered(a["clean_text"], all_spans) / words
        result.append(
            {
                "article": a["id"],
                "words": words,
                "own_share": round(original, 4),
                "sources": sources,
            }
        )
    _label(result, names)
    return result


def _label(result: list[dict], names: dict[int, str]) -> None:
    """One colour and one letter per source, the same in every article of the report."""
    keys = list(dict.fromkeys(s["source"] for row in result for s in row["sources"]))
    for row in result:
        for s in row["sources"]:
            index = keys.index(s["source"])
            s["colour"] = PALETTE[index % len(PALETTE)]
            s["css"] = f"src-{index % len(PALETTE)}"
            s["letter"] = chr(ord("A") + index % 26)
            s["name"] = names[s["article"]] if s["article"] is not None else ""
