"""Cross-outlet claim comparison: group quotes and reported claims about the same thing.

Claims are direct and reported quotes (partial quotes are fragments and stay with the claim
that holds them); a direct quote of several sentences may also match sentence by sentence.
Similarity is an IDF-weighted overlap of lemmatised words of the whole text (no stop-word
removal: negators and quantifiers matter). Each group gets a relation label with the evidence
behind it and a confidence: a flag to review, not a verdict.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import combinations

import simplemma

from .diffing import word_diff
from .quotes import Quote
from .text import WORD_RE, sentences, word_key

NEGATORS = ("tidak", "bukan", "belum", "tak", "tanpa", "jangan")
DENIAL_CUES = frozenset({"membantah", "menolak", "menyangkal", "menampik"})
_NUMBER_WORDS = {
    "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7,
    "delapan": 8, "sembilan": 9, "sepuluh": 10, "sebelas": 11, "seratus": 100, "seribu": 1000,
}  # fmt: skip
_SCALES = {
    "puluh": 10,
    "ratus": 100,
    "ribu": 1000,
    "juta": 10**6,
    "miliar": 10**9,
    "triliun": 10**12,
}
_NUMBER_RE = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?")


@dataclass(frozen=True)
class ClaimMember:
    doc: int
    quote: Quote


@dataclass(frozen=True)
class ClaimGroup:
    id: int
    relation: str  # "agree" | "altered" | "conflict" | "different_attribution" | "single_source"
    reasons: tuple[str, ...]
    confidence: float
    diff: list[tuple[str, str]] | None
    members: tuple[ClaimMember, ...]


@dataclass(frozen=True)
class _Unit:
    doc: int
    quote: Quote
    family: tuple[int, int]  # (doc, start of the whole quote)
    whole: bool
    keys: tuple[str, ...]
    lower: tuple[bool, ...]  # word written in lower case (not a name)


def compare_claims(quotes_by_doc: Mapping[int, list[Quote]]) -> list[ClaimGroup]:
    """Claim groups of one story (one doc = one outlet's article), in text order."""
    units = _units(quotes_by_doc)
    idf = _idf(units)
    edges = []
    for i, j in combinations(range(len(units)), 2):
        u, v = units[i], units[j]
        if u.doc == v.doc:
            continue
        score, balance = _similarity(u, v, idf)
        if _linked(u, v, score):
            edges.append((score + balance, score, i, j))
    parent = list(range(len(units)))
    used: set[int] = set()
    link_score: dict[int, float] = {}
    for _, score, i, j in sorted(edges, reverse=True):
        if _clashes(units, i, used) or _clashes(units, j, used):
            continue
        used |= {i, j}
        parent[_find(parent, i)] = _find(parent, j)
        link_score[i] = max(link_score.get(i, 0), score)
        link_score[j] = max(link_score.get(j, 0), score)
    families_used = {units[i].family for i in used}
    clusters: dict[int, list[int]] = {}
    for i, u in enumerate(units):
        if i in used or (u.whole and u.family not in families_used):
            clusters.setdefault(_find(parent, i), []).append(i)
        elif not u.whole and u.family in families_used and not _whole_used(units, u, used):
            clusters.setdefault(i, []).append(i)  # leftover sentence of a partly matched quote
    groups = []
    for idx in clusters.values():
        members = sorted((units[i] for i in idx), key=lambda u: (u.doc, u.quote.start))
        best = max((link_score.get(i, 0.0) for i in idx), default=0.0)
        groups.append((members, best))
    groups.sort(key=lambda g: (g[0][0].doc, g[0][0].quote.start))
    return [_label(n, members, best, units, idf) for n, (members, best) in enumerate(groups)]


def _units(quotes_by_doc: Mapping[int, list[Quote]]) -> list[_Unit]:
    units = []
    for doc in sorted(quotes_by_doc):
        for q in quotes_by_doc[doc]:
            if q.kind == "partial":
                continue
            family = (doc, q.start)
            units.append(_Unit(doc, q, family, True, *_keys(q.text)))
            parts = sentences(q.text) if q.kind == "direct" else []
            if len(parts) > 1:
                for s in parts:
                    sub = replace(
                        q, start=q.start + s.start, end=q.start + s.end, text=s.text(q.text)
                    )
                    units.append(_Unit(doc, sub, family, False, *_keys(sub.text)))
    return units


@lru_cache(maxsize=8192)
def _lemma(key: str) -> str:
    return simplemma.lemmatize(key, lang="id")


def _keys(text: str) -> tuple[tuple[str, ...], tuple[bool, ...]]:
    tokens = [m.group() for m in WORD_RE.finditer(text)]
    return tuple(_lemma(word_key(t)) for t in tokens), tuple(t.islower() for t in tokens)


def _idf(units: list[_Unit]) -> dict[str, float]:
    df = Counter(k for u in units if u.whole for k in set(u.keys))
    n = sum(1 for u in units if u.whole)
    return {k: math.log((n + 1) / (c + 0.5)) for k, c in df.items()}


def _similarity(u: _Unit, v: _Unit, idf: Mapping[str, float]) -> tuple[float, float]:
    """IDF-weighted overlap coefficient, and how balanced the two lengths are (tie-break)."""
    a, b = set(u.keys), set(v.keys)
    if not a or not b:
        return 0.0, 0.0
    weight = lambda s: sum(idf.get(k, 1.0) for k in s)  # noqa: E731
    shared = weight(a & b)
    return shared / min(weight(a), weight(b)), shared / weight(a | b)


def _linked(u: _Unit, v: _Unit, score: float) -> bool:
    shared = len(set(u.keys) & set(v.keys))
    same_speaker = _speaker(u) is not None and _speaker(u) == _speaker(v)
    run, at = _longest_run(u.keys, v.keys)
    plain_words = sum(u.lower[at : at + run])  # a shared run of names alone is no evidence
    return (
        (same_speaker and score >= 0.5 and shared >= 3)
        or (score >= 0.7 and shared >= 4)
        or (run >= 4 and plain_words >= 3 and score >= 0.4 and shared >= 5)
    )


def _longest_run(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[int, int]:
    """Length of the longest common run of words, and where it starts in a."""
    best, at, prev = 0, 0, [0] * (len(b) + 1)
    for i, x in enumerate(a):
        cur = [0] * (len(b) + 1)
        for j, y in enumerate(b, 1):
            if x == y:
                cur[j] = prev[j - 1] + 1
                if cur[j] > best:
                    best, at = cur[j], i - cur[j] + 1
        prev = cur
    return best, at


def _speaker(u: _Unit) -> str | None:
    return u.quote.speaker.name.casefold() if u.quote.speaker else None


def _clashes(units: list[_Unit], i: int, used: set[int]) -> bool:
    """A whole quote and one of its sentences may not both be matched."""
    u = units[i]
    return any(units[k].family == u.family and units[k].whole != u.whole for k in used)


def _whole_used(units: list[_Unit], u: _Unit, used: set[int]) -> bool:
    return any(units[k].family == u.family and units[k].whole for k in used)


def _find(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


# --- labels --------------------------------------------------------------------------------


def _label(n: int, members: list[_Unit], best: float, units, idf) -> ClaimGroup:
    out = tuple(ClaimMember(u.doc, u.quote) for u in members)
    docs = sorted({u.doc for u in members})
    if len(docs) == 1:
        nearest = max(
            (_similarity(members[0], v, idf)[0] for v in units if v.doc != docs[0]), default=0.0
        )
        reason = f"only in doc {docs[0]} (closest claim elsewhere: similarity {nearest:.2f})"
        return ClaimGroup(n, "single_source", (reason,), round(1 - nearest / 2, 2), None, out)
    reasons = []
    negation = _negation_flip(members)
    numbers = _number_mismatch(members)
    speakers = sorted({u.quote.speaker.name for u in members if u.quote.speaker})
    if negation or numbers:
        reasons = negation + numbers
        relation = "conflict"
        confidence = min(0.85, 0.45 + 0.15 * len(reasons))
    elif len({s.casefold() for s in speakers}) > 1:
        relation = "different_attribution"
        reasons = [f"speaker differs: {' vs '.join(speakers)}", f"similarity {best:.2f}"]
        confidence = 0.4 + 0.5 * best
    else:
        relation, reasons, confidence = "agree", [], 0.5 + 0.45 * best
    diff = None
    direct = [u for u in members if u.quote.kind == "direct"]
    pair = _most_different(direct)
    if pair is not None and pair[0].keys != pair[1].keys:
        a, b = pair
        diff = word_diff(a.quote.text.rstrip(".,!?"), b.quote.text.rstrip(".,!?"))
        if relation == "agree":
            relation, confidence = "altered", 0.5 + 0.45 * best
        reasons += _changed_words(diff, a.doc, b.doc)
    if relation == "agree":
        who = f" by {speakers[0]}" if speakers else ""
        kinds = {u.quote.kind for u in members}
        how = "same wording" if kinds == {"direct"} else "same claim"
        reasons.append(f"{how}{who} in docs {', '.join(map(str, docs))} (similarity {best:.2f})")
    return ClaimGroup(n, relation, tuple(reasons), round(confidence, 2), diff, out)


def _most_different(direct: list[_Unit]) -> tuple[_Unit, _Unit] | None:
    pairs = [(a, b) for a, b in combinations(direct, 2) if a.doc != b.doc]
    if not pairs:
        return None
    return min(pairs, key=lambda p: (_keys_ratio(p[0].keys, p[1].keys), p[0].doc, p[1].doc))


def _keys_ratio(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    return 2 * _longest_run(a, b)[0] / (len(a) + len(b)) if a or b else 1.0


def _negation_flip(members: list[_Unit]) -> list[str]:
    marks = {}
    for u in members:
        found = {w for w in NEGATORS if w in u.keys}
        if u.quote.cue and u.quote.cue.casefold() in DENIAL_CUES:
            found.add(u.quote.cue.casefold())
        marks[u.doc] = marks.get(u.doc, set()) | found
    reasons = []
    for word in sorted(set().union(*marks.values())):
        having = sorted(d for d, m in marks.items() if word in m)
        if len(having) < len(marks) and not _all_negated(marks):
            reasons.append(f"negation flip: '{word}' only in doc {', '.join(map(str, having))}")
    return reasons


def _all_negated(marks: dict[int, set[str]]) -> bool:
    """Different negators on every side (`tidak` vs `bukan`) are not a flip."""
    return all(marks.values())


def _number_mismatch(members: list[_Unit]) -> list[str]:
    found = {u.doc: numbers(u.quote.text) for u in members}
    with_numbers = {d: n for d, n in found.items() if n}
    values = {tuple(sorted(n)) for n in with_numbers.values()}
    if len(values) < 2:
        return []
    shown = " vs ".join(", ".join(_fmt(x) for x in v) for v in sorted(values))
    return [f"numbers differ: {shown}"]


def _fmt(x: float) -> str:
    return str(int(x)) if x == int(x) else str(x).replace(".", ",")


def numbers(text: str) -> set[float]:
    """Quantities in Indonesian text: `1.000`, `1,5 miliar`, `sepuluh ribu`, `18`."""
    out = set()
    tokens = [word_key(m.group()) for m in re.finditer(r"\d[\d.,]*\d|\d|\w+", text)]
    i = 0
    while i < len(tokens):
        tok, value = tokens[i], None
        if _NUMBER_RE.fullmatch(tok):
            value = float(tok.replace(".", "").replace(",", "."))
        elif tok in _NUMBER_WORDS:
            value = float(_NUMBER_WORDS[tok])
        elif tok.startswith("se") and tok[2:] in _SCALES:
            value = float(_SCALES[tok[2:]])
        if value is None:
            i += 1
            continue
        while i + 1 < len(tokens) and tokens[i + 1] in _SCALES:
            value *= _SCALES[tokens[i + 1]]
            i += 1
        out.add(value)
        i += 1
    return out


def _changed_words(diff: list[tuple[str, str]], doc_a: int, doc_b: int) -> list[str]:
    """Phrases only in a and only in b; a replaced chunk is refined word by word."""
    deleted, inserted = [], []
    ops = [(op, t.split()) for op, t in diff]
    for k, (op, toks) in enumerate(ops):
        nxt = ops[k + 1] if k + 1 < len(ops) else ("equal", [])
        prev = ops[k - 1] if k else ("equal", [])
        if op == "delete" and nxt[0] == "insert":
            matcher = SequenceMatcher(None, toks, nxt[1], autojunk=False)
            for tag, i1, i2, j1, j2 in matcher.get_opcodes():
                if tag in ("delete", "replace"):
                    deleted.append(" ".join(toks[i1:i2]))
                if tag in ("insert", "replace"):
                    inserted.append(" ".join(nxt[1][j1:j2]))
        elif op == "delete":
            deleted.append(" ".join(toks))
        elif op == "insert" and prev[0] != "delete":
            inserted.append(" ".join(toks))
    reasons = []
    if deleted:
        reasons.append(f"words added in doc {doc_a}: " + ", ".join(f"'{t}'" for t in deleted))
    if inserted:
        reasons.append(f"words added in doc {doc_b}: " + ", ".join(f"'{t}'" for t in inserted))
    return reasons
