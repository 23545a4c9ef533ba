"""The framing table: one column per outlet, one row per measure, each number linking to the
passages behind it and drawn beside it as a bar scaled to the row's highest value; that value is
marked (a symbol and bold, not colour)."""

from __future__ import annotations

from django.utils.formats import number_format
from django.utils.translation import gettext


def _row(label: str, cells: list[dict]) -> dict:
    values = [c["value"] for c in cells]
    top = max(values, default=0)
    if top <= 0 or len(cells) < 2:  # nothing to compare against
        return {"label": label, "cells": cells}
    for c in cells:
        c["bar"] = round(100 * c["value"] / top)
    if values.count(top) == 1:
        for c in cells:
            c["top"] = c["value"] == top
    return {"label": label, "cells": cells}


def framing_table(outlets: list[dict]) -> list[dict]:
    """Sections of rows built from the outlet views of `panel_context` (same order)."""
    if not outlets:
        return []
    evaluative = [
        _row(
            row["label"],
            [
                {
                    "value": o["evaluative"]["rows"][i]["value"],
                    "text": o["evaluative"]["rows"][i]["text"],
                    "url": o["evaluative"]["rows"][i]["url"],
                }
                for o in outlets
            ],
        )
        for i, row in enumerate(outlets[0]["evaluative"]["rows"])
    ]
    frames = [
        _row(
            row["label"],
            [
                {
                    "value": o["frames"]["rows"][i]["value"],
                    "text": o["frames"]["rows"][i]["text"],
                    "url": o["frames"]["rows"][i]["url"],
                }
                for o in outlets
            ],
        )
        for i, row in enumerate(outlets[0]["frames"]["rows"])
    ]

    def count(key, url_key, label):
        return _row(
            label,
            [
                {
                    "value": o[key],
                    "text": number_format(o[key], force_grouping=True),
                    "url": o[url_key],
                }
                for o in outlets
            ],
        )

    groups = {}
    for o in outlets:
        for s in o["sources"]:
            groups.setdefault(s["label"], {})[o["slug"]] = s
    sourcing = [
        count("quotes", "quotes_url", gettext("Quotes")),
        count("media_citations", "media_url", gettext("Media citations")),
        count("foreign_citations", "foreign_url", gettext("Foreign media citations")),
    ] + [
        _row(
            gettext("Quotes from: {group}").format(group=label),
            [
                {
                    "value": by.get(o["slug"], {}).get("quote_share", 0),
                    "text": f"{round(100 * by[o['slug']]['quote_share'])}%"
                    if o["slug"] in by
                    else "–",
                    "url": by[o["slug"]]["url"] if o["slug"] in by else None,
                }
                for o in outlets
            ],
        )
        for label, by in sorted(groups.items())
    ]
    terms = {
        "label": gettext("Distinctive words"),
        "cells": [{"terms": o["terms"][:4], "value": 0} for o in outlets],
    }
    return [
        {
            "id": "evaluative",
            "label": gettext("Evaluative words (count, per 1,000 words)"),
            "rows": evaluative,
        },
        {
            "id": "frames",
            "label": gettext("Frames (0 to 1: share of the frame's questions answered yes)"),
            "rows": frames,
        },
        {"id": "sourcing", "label": gettext("Sources"), "rows": sourcing},
        {"id": "terms", "label": gettext("Words"), "rows": [terms]},
    ]
