"""The report's CSV tables, one per section; read from the report document."""

from __future__ import annotations

from collections.abc import Callable

from newsreader.exports import csv_table


def _coverage(r: dict) -> str:
    return csv_table(
        ["article", "outlet", "title", "published"],
        (
            [t["article"], t["outlet"], t["title"], t["published"]]
            for t in r["coverage"]["timeline"]
        ),
    )


def _sources(r: dict) -> str:
    return csv_table(
        [
            "article",
            "words",
            "own_share",
            "source",
            "source_article",
            "share",
            "words_from_source",
            "passages",
        ],
        (
            [
                row["article"],
                row["words"],
                row["own_share"],
                s["source"],
                s["article"],
                s["share"],
                s["words"],
            ]
            + [" ".join(str(p) for p in s["passages"])]
            for row in r["sources"]
            for s in row["sources"]
            or [{"source": "", "article": "", "share": "", "words": "", "passages": []}]
        ),
    )


def _passages(r: dict) -> str:
    return csv_table(
        ["passage", "kind", "similarity", "is_quote", "words", "article", "start", "end", "text"],
        (
            [p["id"], p["kind"], p["similarity"], p["is_quote"], p["words"]]
            + [m["article"], m["start"], m["end"], m["text"]]
            for p in r["passages"]
            for m in p["members"]
        ),
    )


def _claims(r: dict) -> str:
    return csv_table(
        ["claim", "relation", "confidence", "article", "speaker", "start", "end", "text"],
        (
            [c["id"], c["relation"], c.get("confidence"), m["article"]]
            + [(m.get("speaker") or {}).get("name", ""), m["start"], m["end"], m["text"]]
            for c in r["claims"]["groups"]
            for m in c["members"]
        ),
    )


def _framing(r: dict) -> str:
    keys = [k for k in (r["framing"][0] if r["framing"] else {}) if k != "articles"]
    return csv_table(keys, ([row[k] for k in keys] for row in r["framing"]))


def _notes(r: dict) -> str:
    keys = [
        "id",
        "article",
        "outlet",
        "start",
        "end",
        "quote",
        "text",
        "tag",
        "author",
        "shared_with",
        "anchor",
        "created",
    ]
    return csv_table(keys, ([n[k] for k in keys] for n in r["notes"]))


REPORT_TABLES: dict[str, Callable[[dict], str]] = {
    "coverage": _coverage,
    "sources": _sources,
    "passages": _passages,
    "claims": _claims,
    "framing": _framing,
    "notes": _notes,
}
