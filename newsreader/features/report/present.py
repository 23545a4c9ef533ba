"""What the report templates show beside the document: names, labels and percentages."""

from __future__ import annotations

import copy
from datetime import datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from newsreader.web.claim_wording import reason_text

from .document import FRAMING_KEYS


def _percent(value: float) -> str:
    return f"{value:.0%}"


def _when(iso: str | None) -> str:
    """An ISO time of the document in the reader's time zone and language (14 Des 2023, 10.00)."""
    if not iso:
        return _("no date")
    return date_format(timezone.localtime(datetime.fromisoformat(iso)), "j M Y, H:i T")


def relation_labels() -> dict[str, str]:
    return {
        "conflict": _("In conflict"),
        "altered": _("Quote altered"),
        "different_attribution": _("Attributed differently"),
        "agree": _("In agreement"),
    }


def framing_labels() -> dict[str, str]:
    return {
        "hedging": _("hedging"),
        "certainty": _("certainty"),
        "desperation": _("desperation"),
        "condemnation": _("condemnation"),
        "praise": _("praise"),
        "threat": _("threat"),
    }


def report_view(report: dict) -> dict:
    """A copy of the report with the display fields the templates read."""
    view = copy.deepcopy(report)
    articles = {a["id"]: a for a in view["articles"]}

    def name(article_id: int) -> str:
        return articles[article_id]["outlet_name"] if article_id in articles else str(article_id)

    view["method"]["generated_text"] = _when(view["method"]["generated"])
    for t in view["coverage"]["timeline"]:
        t["outlet_name"], t["published_text"] = name(t["article"]), _when(t["published"])
    for row in view["sources"]:
        row["outlet_name"], row["title"] = name(row["article"]), articles[row["article"]]["title"]
        row["own_text"] = _percent(row["own_share"])
        for s in row["sources"]:
            s["share_text"], s["bar"] = _percent(s["share"]), f"{100 * s['share']:.1f}"
    for p in view["passages"]:
        p["similarity_text"] = _percent(p["similarity"])
        for m in p["members"]:
            m["outlet_name"] = name(m["article"])
    labels = relation_labels()
    for c in view["claims"]["groups"]:
        c["relation_label"] = labels[c["relation"]]
        codes = c.get("reason_codes") or [{"code": "text", "text": r} for r in c["reasons"]]
        c["reasons_text"] = [reason_text(doc, name) for doc in codes]
        for m in c["members"]:
            m["outlet_name"] = name(m["article"])
    for row in view["framing"]:
        row["quoted_text"] = _percent(row["quoted_share"])
        row["values"] = [row[f"per_1000.{k}"] for k in FRAMING_KEYS]
    view["framing_keys"] = [framing_labels()[k] for k in FRAMING_KEYS]
    return view
