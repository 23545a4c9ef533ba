"""Reporting verbs: how an article introduces each quote (neutral `kata` vs `mengklaim`...).

Verb forms are listed whole rather than stemmed, because stemmers disagree on exactly these
verbs (`membantah`, `mengakui`, `mengeklaim`). A quote's verb is its cue when the quote
extractor found one, else the first listed form after the quote in the same sentence (up to
120 characters), else the nearest one in the 80 characters before it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from newsreader.analysis.framing.sourcing import resolve_speaker
from newsreader.analysis.text import word_key

VERB_CLASSES = {
    "neutral": "kata katanya berkata mengatakan dikatakan ujar ujarnya berujar ucap ucapnya tutur "
    "tuturnya menuturkan bertutur menyatakan menyampaikan disampaikan mengungkapkan diungkapkan "
    "berbicara bilang menyebut menyebutnya menyebutkan lanjut lanjutnya melanjutkan mencatat "
    "menurut pungkas pungkasnya",
    "claim": "klaim mengklaim mengeklaim diklaim",
    "admit": "mengakui diakui akui",
    "deny": "membantah bantah dibantah bantahnya menolak menyangkal menepis menampik",
    "warn": "memperingatkan mengingatkan mewanti-wanti",
    "assert": "menegaskan tegas tegasnya menandaskan bersikeras menekankan",
    "add": "menambahkan tambah tambahnya ditambahkan imbuh imbuhnya",
    "explain": "menjelaskan jelas jelasnya menerangkan terangnya memaparkan papar paparnya",
    "describe": "menggambarkan digambarkan",
    "confirm": "mengonfirmasi mengkonfirmasi memastikan",
    "urge": "meminta mendesak menyerukan mengimbau",
    "hint": "mengisyaratkan menyiratkan",
    "analyse": "menganalisis menilai",
    "report": "melaporkan dilaporkan memberitakan",
    "believe": "yakin percaya meyakini menganggap",
}
_CLASS_OF = {form: cls for cls, forms in VERB_CLASSES.items() for form in forms.split()}
_TOKEN = re.compile(r"[\w-]+")


def verb_class(verb: str | None) -> str | None:
    """Class of a reporting verb as written (`Katanya` -> neutral), None if unknown."""
    if not verb:
        return None
    key = word_key(verb.strip())
    return _CLASS_OF.get(key) or _CLASS_OF.get(re.sub(r"nya$", "", key))


def _nearby_verb(text: str, quote) -> tuple[str, int] | tuple[None, None]:
    after = re.split(r"[.!?]\s|\n", text[quote.end : quote.end + 120], maxsplit=1)[0]
    for m in _TOKEN.finditer(after):
        if verb_class(m.group()):
            return m.group(), quote.end + m.start()
    window_start = max(0, quote.start - 80)
    before = list(_TOKEN.finditer(text[window_start : quote.start]))
    for m in reversed(before):
        if verb_class(m.group()):
            return m.group(), window_start + m.start()
    return None, None


def reporting_verbs(text: str, quotes: Sequence) -> list[dict]:
    """Per quote: speaker, verb as written, its offset and its class.

    The class is "other" for a cue outside `VERB_CLASSES` and "none" when no verb was found.
    """
    rows = []
    for quote in quotes:
        verb, verb_start = getattr(quote, "cue", None), getattr(quote, "cue_start", None)
        if not verb:
            verb, verb_start = _nearby_verb(text, quote)
        speaker = getattr(quote, "speaker", None)
        name, group = (
            resolve_speaker(speaker.name, getattr(speaker, "role", None))
            if speaker
            else (None, None)
        )
        rows.append(
            {
                "quote_start": quote.start,
                "quote_end": quote.end,
                "kind": getattr(quote, "kind", None),
                "speaker": name,
                "group": group,
                "verb": verb,
                "verb_start": verb_start,
                "verb_class": verb_class(verb) or ("other" if verb else "none"),
            }
        )
    return rows


def verb_class_counts(rows: Sequence[dict]) -> Counter:
    return Counter(row["verb_class"] for row in rows)
