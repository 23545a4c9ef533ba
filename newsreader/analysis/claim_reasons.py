"""The evidence a claim's label gives: facts (numbers, dates, places) that differ between its
versions, and the words one version adds to another."""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from itertools import combinations

from .claim_facts import date_differences, date_mentions, place_differences, places, quantities
from .claim_facts.quantities import comparable
from .reason import Reason


def fact_differences(members: list[tuple[int, str]]) -> tuple[list[Reason], list[Reason]]:
    """(conflicting numbers, dates and places; qualifier-only differences) between the
    (document, quote text) members of one claim."""
    conflicts: list[Reason] = []
    qualifiers: list[Reason] = []
    for (doc_u, u), (doc_v, v) in combinations(members, 2):
        if doc_u == doc_v:
            continue
        found, loose = _quantity_differences(u, v)
        dates, date_loose = date_differences(date_mentions(u), date_mentions(v))
        found += dates + place_differences(places(u), places(v))
        conflicts += [r for r in (x.between(doc_u, doc_v) for x in found) if r not in conflicts]
        loose = [x.between(doc_u, doc_v) for x in loose + date_loose]
        qualifiers += [r for r in loose if r not in qualifiers]
    return conflicts, qualifiers


def _quantity_differences(a: str, b: str) -> tuple[list[Reason], list[Reason]]:
    """Numbers of one unit that no number of that unit on the other side allows."""
    qa, qb = quantities(a), quantities(b)
    overlap = lambda q, r: q.low <= r.high and r.low <= q.high  # noqa: E731
    units = {q.unit for q in qa} & {r.unit for r in qb}
    qa = [q for q in qa if q.unit in units]
    qb = [r for r in qb if r.unit in units]
    only_a = [q for q in qa if not any(comparable(q, r) and overlap(q, r) for r in qb)]
    only_b = [r for r in qb if not any(comparable(q, r) and overlap(q, r) for q in qa)]
    clash = [(q, r) for q in only_a for r in only_b if comparable(q, r)]
    if clash:
        show = lambda qs: ", ".join(dict.fromkeys(q.text for q in qs))  # noqa: E731
        left = [q for q, _ in clash]
        right = [r for _, r in clash]
        text = f"angka berbeda: {show(left)} vs {show(right)}"
        return [Reason("numbers_differ", text, left=show(left), right=show(right))], []
    loose = [
        Reason(
            "quantity_qualifier",
            f"quantity qualifier differs: '{q.text}' vs '{r.text}'",
            left=q.text,
            right=r.text,
        )
        for q in qa
        for r in qb
        if overlap(q, r) and (q.qualifier != r.qualifier or (q.low == q.high) != (r.low == r.high))
    ]
    return [], loose


# Spellings of one word (old and standard, KBBI): not a change of wording.
_VARIANTS = {
    "praktek": "praktik", "apotik": "apotek", "nasehat": "nasihat", "sholat": "salat",
    "shalat": "salat", "ijin": "izin", "resiko": "risiko", "jaman": "zaman",
    "kwalitas": "kualitas", "hutang": "utang", "trilyun": "triliun", "milyar": "miliar",
    "propinsi": "provinsi", "sekedar": "sekadar", "obyek": "objek", "subyek": "subjek",
    "analisa": "analisis", "aktifitas": "aktivitas", "efektifitas": "efektivitas",
    "silahkan": "silakan", "merubah": "mengubah", "antri": "antre", "sistim": "sistem",
    "tehnik": "teknik", "tehnologi": "teknologi", "hakekat": "hakikat", "nafas": "napas",
    "nomer": "nomor", "kwitansi": "kuitansi", "karir": "karier", "standarisasi": "standardisasi",
}  # fmt: skip


def spelling_key(text: str) -> str:
    """The words with spacing, hyphens, case and spelling variants folded: `Idul Adha`,
    `Idul-Adha` and `Iduladha` (and `Ramadhan`/`Ramadan`) give one key."""
    words = re.findall(r"\w+", text.casefold().replace("'", "").replace("’", ""))
    return "".join(_VARIANTS.get(w, w) for w in words).replace("dh", "d")


def changed_words(diff: list[tuple[str, str]], doc_a: int, doc_b: int) -> list[Reason]:
    """Phrases only in a and only in b; a replaced chunk is refined word by word."""
    deleted, inserted = [], []
    ops = [(op, t.split()) for op, t in diff]
    for k, (op, toks) in enumerate(ops):
        nxt = ops[k + 1] if k + 1 < len(ops) else ("equal", [])
        prev = ops[k - 1] if k else ("equal", [])
        if op == "delete" and nxt[0] == "insert":
            matcher = SequenceMatcher(None, toks, nxt[1], autojunk=False)
            for tag, i1, i2, j1, j2 in matcher.get_opcodes():
                if spelling_key(" ".join(toks[i1:i2])) == spelling_key(" ".join(nxt[1][j1:j2])):
                    continue  # `Idul Adha` / `Iduladha`: one word spelt two ways
                if tag in ("delete", "replace"):
                    deleted.append(" ".join(toks[i1:i2]))
                if tag in ("insert", "replace"):
                    inserted.append(" ".join(nxt[1][j1:j2]))
        elif op == "delete":
            deleted.append(" ".join(toks))
        elif op == "insert" and prev[0] != "delete":
            inserted.append(" ".join(toks))
    reasons = []
    for doc, words in ((doc_a, deleted), (doc_b, inserted)):
        if words:
            text = f"words added in doc {doc}: " + ", ".join(f"'{t}'" for t in words)
            reasons.append(Reason("words_added", text, doc=doc, words=words))
    return reasons
