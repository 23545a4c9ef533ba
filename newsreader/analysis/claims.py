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
from functools import lru_cache

import simplemma

from . import claim_pairs
from .claim_facts import actors, places
from .claim_facts.negation import negation_flips
from .claim_reasons import changed_words, fact_differences, spelling_key
from .contradiction import close_enough, judged_reason, linkable
from .diffing import word_diff
from .quotes import Quote
from .reason import Reason
from .stemming import stop_words
from .text import WORD_RE, Span, sentences, word_key

DENIAL_CUES = frozenset({"membantah", "menolak", "menyangkal", "menampik"})
DENIAL_LEMMAS = frozenset({"bantah", "sangkal", "tampik"})  # `menolak` is often `declines to`
DENIAL_LINK = 0.5  # link score of two denials by the same states
# Lemmas of a transfer or a deal: what a denial of `any arms deal` is about.
TRANSFER_LEMMAS = frozenset("pasok kirim jual beli sepakat terima transfer dagang".split())
REVIEW_PREFIXES = ("tempat mungkin", "model: possible")  # evidence too weak for a conflict
RARE_IDF = 1.5  # a word in at most about a fifth of the story's claims
# Words outlets use interchangeably for one thing (lemmas): `negosiasi` = `perundingan`.
SYNONYMS = {"negosiasi": "runding", "kembang": "maju", "tarung": "tempur", "tutur": "kata"}
_CLAUSE_SPLIT = re.compile(r",?\s+(?:namun|tetapi|tapi|sedangkan)\s+|;\s*")


@dataclass(frozen=True)
class ClaimMember:
    doc: int
    quote: Quote


@dataclass(frozen=True)
class ClaimGroup:
    id: int
    relation: str  # "agree" | "altered" | "conflict" | "review" | "different_attribution" |
    # "single_source"
    reasons: tuple[Reason, ...]  # codes with parameters; as strings, the technical wording
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


def compare_claims(
    quotes_by_doc: Mapping[int, list[Quote]], *, judge: bool = True
) -> list[ClaimGroup]:
    """Claim groups of one story (one doc = one outlet's article), in text order. With
    `judge`, the learned contradiction judge (contradiction.py) may link and flag pairs."""
    units = _units(quotes_by_doc)
    idf = _idf(units)
    keysets = [set(u.keys) for u in units]
    weights = [claim_pairs.weight(keys, idf) for keys in keysets]
    docs = [u.doc for u in units]
    index = claim_pairs.postings(keysets)
    deniers = [_identity(u) if _denies_states(u) else None for u in units]
    pairs = claim_pairs.prefix_pairs(keysets, docs, idf, index)
    pairs |= claim_pairs.grouped_pairs(docs, deniers)
    if judge:  # the judge links one speaker's whole claims
        speakers = [_identity(u) if u.whole else None for u in units]
        pairs |= claim_pairs.grouped_pairs(docs, speakers)
    edges = []
    who = [_identity(u) for u in units]
    for i, j in sorted(pairs):
        u, v = units[i], units[j]
        score = claim_pairs.overlap(keysets[i], keysets[j], weights[i], weights[j], idf)
        if _linked(u, v, score, idf):
            edges.append((score + claim_pairs.balance(keysets[i], keysets[j], idf), score, i, j))
        elif who[i] is not None and who[i] == who[j]:  # what both rules below ask first
            if _same_denial(u, v) or (judge and _judged_link(u, v)):
                edges.append((DENIAL_LINK, DENIAL_LINK, i, j))
    parent = list(range(len(units)))
    used: set[int] = set()
    used_kinds: set[tuple[tuple[int, int], bool]] = set()  # (family, whole) of the used units
    link_score: dict[int, float] = {}
    for _, score, i, j in sorted(edges, reverse=True):
        # a whole quote and one of its sentences may not both be matched
        if any((units[k].family, not units[k].whole) in used_kinds for k in (i, j)):
            continue
        used |= {i, j}
        used_kinds |= {(units[k].family, units[k].whole) for k in (i, j)}
        parent[_find(parent, i)] = _find(parent, j)
        link_score[i] = max(link_score.get(i, 0), score)
        link_score[j] = max(link_score.get(j, 0), score)
    families_used = {units[i].family for i in used}
    clusters: dict[int, list[int]] = {}
    for i, u in enumerate(units):
        if i in used or (u.whole and u.family not in families_used):
            clusters.setdefault(_find(parent, i), []).append(i)
        elif not u.whole and u.family in families_used and (u.family, True) not in used_kinds:
            clusters.setdefault(i, []).append(i)  # leftover sentence of a partly matched quote
    _attach_assertions(clusters, units)
    groups = []
    for idx in clusters.values():
        members = sorted((units[i] for i in idx), key=lambda u: (u.doc, u.quote.start))
        best = max((link_score.get(i, 0.0) for i in idx), default=0.0)
        groups.append((members, best))
    groups.sort(key=lambda g: (g[0][0].doc, g[0][0].quote.start))
    position = {id(u): i for i, u in enumerate(units)}
    closest = claim_pairs.Closest(keysets, weights, index, idf, docs)  # of another doc
    return [
        _label(n, m, best, lambda u: closest(position[id(u)]), judge)
        for n, (m, best) in enumerate(groups)
    ]


def _attach_assertions(clusters: dict[int, list[int]], units: list[_Unit]) -> None:
    """Put a claim that asserts what a group of states denies into the denial's group.

    `Moskow dan Pyongyang membantah ...` against another speaker's `Korea Utara telah memasok
    senjata ke Rusia`: the claim names every denying state, shares a plain content word with a
    denial (`senjata`) and tells of a transfer or a deal between them (`memasok`, `dikirim`,
    `disepakati`). Of the claims standing alone (single source), the one with the most such
    words for its length is moved.
    """
    for root, idx in list(clusters.items()):
        deniers = {_identity(units[i]) for i in idx}
        if len(deniers) != 1 or not all(_denies(units[i]) for i in idx):
            continue
        (states,) = deniers
        if not isinstance(states, frozenset):
            continue
        topic = {k for i in idx for k in _plain_words(units[i])}
        candidates = []
        for other, members in clusters.items():
            if other == root or len(members) != 1:
                continue
            v = units[members[0]]
            if _denies(v) or _identity(v) in (None, states) or not v.whole:
                continue
            named = {p.actor or p.name for p in places(v.quote.text)}
            words = _plain_words(v)
            evidence = len(topic & set(words)) + len(TRANSFER_LEMMAS & set(words))
            if states <= named and topic & set(words) and TRANSFER_LEMMAS & set(words):
                candidates.append((evidence / len(words), -v.doc, -v.quote.start, other))
        if candidates:  # the claim most about the deal itself
            other = max(candidates)[-1]
            idx.extend(clusters.pop(other))


def _plain_words(u: _Unit) -> list[str]:
    """Lower-case content words (lemmas) that are not stop words."""
    return [
        k
        for k, lower in zip(u.keys, u.lower, strict=True)
        if lower and len(k) > 3 and k not in stop_words()
    ]


def _units(quotes_by_doc: Mapping[int, list[Quote]]) -> list[_Unit]:
    units = []
    for doc in sorted(quotes_by_doc):
        for q in quotes_by_doc[doc]:
            if q.kind == "partial":
                continue
            family = (doc, q.start)
            units.append(_Unit(doc, q, family, True, *_keys(q.text)))
            parts = sentences(q.text) if q.kind == "direct" else _clauses(q.text)
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


def _clauses(text: str) -> list[Span]:
    """Clauses of a reported claim joined by `namun`/`tetapi`/`;` (each of 3 words or more)."""
    cuts = [0, *(x for m in _CLAUSE_SPLIT.finditer(text) for x in m.span()), len(text)]
    parts = [Span(a, b) for a, b in zip(cuts[::2], cuts[1::2], strict=True)]
    return parts if all(len(p.text(text).split()) >= 3 for p in parts) else []


def _keys(text: str) -> tuple[tuple[str, ...], tuple[bool, ...]]:
    """Lemmas, with one key per known place (`Korut`, `Pyongyang` -> `korea utara`)."""
    known = [p for p in places(text) if p.known]
    keys, lower = [], []
    for m in WORD_RE.finditer(text):
        place = next((p for p in known if p.start <= m.start() < p.end), None)
        if place is None:
            lemma = _lemma(word_key(m.group()))
            keys.append(SYNONYMS.get(lemma, lemma))
            lower.append(m.group().islower())
        elif place.start == m.start():
            keys.append((place.actor or place.name).casefold())
            lower.append(False)
    return tuple(keys), tuple(lower)


def _idf(units: list[_Unit]) -> dict[str, float]:
    df = Counter(k for u in units if u.whole for k in set(u.keys))
    n = sum(1 for u in units if u.whole)
    return {k: math.log((n + 1) / (c + 0.5)) for k, c in df.items()}


def _linked(u: _Unit, v: _Unit, score: float, idf: Mapping[str, float]) -> bool:
    if score < claim_pairs.LINK_MIN_SCORE:  # what every rule below asks at least
        return False
    common = set(u.keys) & set(v.keys)
    shared = len(common)
    plain = {k for k, lower in zip(u.keys, u.lower, strict=True) if lower} & {
        k for k, lower in zip(v.keys, v.lower, strict=True) if lower
    }
    rare = sum(1 for k in plain if k not in stop_words() and idf.get(k, 0.0) >= RARE_IDF)
    same_speaker = _identity(u) is not None and _identity(u) == _identity(v)

    def shared_run() -> bool:  # a shared run of names alone is no evidence
        run, at = claim_pairs.longest_run(u.keys, v.keys)
        return run >= 4 and sum(u.lower[at : at + run]) >= 3

    return (
        (same_speaker and score >= 0.5 and shared >= 3)
        or (score >= 0.7 and shared >= 4)
        or (score >= 0.4 and shared >= 5 and shared_run())
        # One proposition told in other words: the fewer distinctive plain words two claims
        # share (not names: the story's actors are named everywhere), the more overlap needed.
        or (rare >= 3 and score >= max(0.45, 0.9 - 0.1 * rare))
    )


def _same_denial(u: _Unit, v: _Unit) -> bool:
    """Both deny, and both deniers name the same states (`Korut dan Rusia` = `Moskow dan
    Pyongyang`): the story's one denial, even when what is denied is only referred to."""
    return _denies_states(u) and _denies_states(v) and _identity(u) == _identity(v)


def _denies_states(u: _Unit) -> bool:
    """The quote is a denial (by its cue) and its speaker stands for states."""
    denies = u.quote.cue and _lemma(u.quote.cue.casefold()) in DENIAL_LEMMAS
    return bool(denies) and isinstance(_identity(u), frozenset)


def _judged_link(u: _Unit, v: _Unit) -> bool:
    """One speaker's two whole claims that the judge holds contradictory (contradiction.py)."""
    same = _identity(u) is not None and _identity(u) == _identity(v)
    near = same and u.whole and v.whole and close_enough(u.keys, u.lower, v.keys, v.lower)
    return near and linkable(u.quote.text, v.quote.text)


def _identity(u: _Unit) -> str | frozenset[str] | None:
    """Who speaks: the states a place-named speaker stands for, else the name."""
    if u.quote.speaker is None:
        return None
    return _name_identity(u.quote.speaker.name)


@lru_cache(maxsize=8192)
def _name_identity(name: str) -> str | frozenset[str]:
    return actors(name) or name.casefold()


def _find(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


# --- labels --------------------------------------------------------------------------------


def _label(n: int, members: list[_Unit], best: float, nearest_of, judge: bool) -> ClaimGroup:
    out = tuple(ClaimMember(u.doc, u.quote) for u in members)
    docs = sorted({u.doc for u in members})
    if len(docs) == 1:
        nearest = nearest_of(members[0])
        text = f"only in doc {docs[0]} (closest claim elsewhere: similarity {nearest:.2f})"
        reason = Reason("single_source", text, doc=docs[0], similarity=round(nearest, 2))
        return ClaimGroup(n, "single_source", (reason,), round(1 - nearest / 2, 2), None, out)
    negation = _negation_flip(members)
    if any(r.startswith("penyangkalan") for r in negation):
        facts, qualifiers = [], []  # the denial is the point; its members tell different facts
        negation = [r for r in negation if r.startswith("penyangkalan")]
    else:
        facts, qualifiers = fact_differences([(u.doc, u.quote.text) for u in members])
    speakers = sorted({u.quote.speaker.name for u in members if u.quote.speaker})
    identities = {_identity(u) for u in members if u.quote.speaker}
    if judge and not negation and not facts:
        facts = [r for r in [judged_reason([(u.doc, u.quote.text) for u in members])] if r]
    unsure = [r for r in facts if r.startswith(REVIEW_PREFIXES)]
    facts = [r for r in facts if r not in unsure]
    if negation or facts:
        reasons = negation + facts + unsure
        relation = "conflict"
        strong = len(negation) + sum(r.startswith("angka") for r in facts)
        confidence = min(0.85, 0.45 + 0.15 * strong + 0.1 * (len(reasons) - strong))
    elif len(identities) > 1:
        relation = "different_attribution"
        reasons = [
            Reason(
                "speaker_differs", f"speaker differs: {' vs '.join(speakers)}", speakers=speakers
            ),
            Reason("similarity", f"similarity {best:.2f}", similarity=round(best, 2)),
        ]
        confidence = 0.4 + 0.5 * best
    else:
        relation, reasons, confidence = "agree", [], 0.5 + 0.45 * best
    if unsure and relation != "conflict":
        relation, confidence = "review", 0.5
        text = f"perlu ditinjau: aturan tidak dapat memutuskan ({'; '.join(unsure)})"
        reasons = [Reason("review", text, items=[r.document() for r in unsure])]
    if qualifiers:
        reasons += qualifiers
        if relation == "agree":
            relation = "altered"
    diff = None
    direct = [u for u in members if u.quote.kind == "direct"]
    pair = claim_pairs.most_different(direct)
    if pair is not None and spelling_key(pair[0].quote.text) != spelling_key(pair[1].quote.text):
        a, b = pair
        diff = word_diff(a.quote.text.rstrip(".,!?"), b.quote.text.rstrip(".,!?"))
        if relation == "agree":
            relation, confidence = "altered", 0.5 + 0.45 * best
        reasons += changed_words(diff, a.doc, b.doc)
    if relation == "agree":
        who = f" by {' = '.join(speakers)}" if speakers else ""
        kinds = {u.quote.kind for u in members}
        how = "same wording" if kinds == {"direct"} else "same claim"
        if all(u.quote.cue and _lemma(u.quote.cue.casefold()) in DENIAL_LEMMAS for u in members):
            how = "same denial"
        text = f"{how}{who} in docs {', '.join(map(str, docs))} (similarity {best:.2f})"
        code = how.replace(" ", "_")
        reasons.append(Reason(code, text, speakers=speakers, docs=docs, similarity=round(best, 2)))
    return ClaimGroup(n, relation, tuple(reasons), round(confidence, 2), diff, out)


def _negation_flip(members: list[_Unit]) -> list[str]:
    """A predicate negated in one version and stated in another; a denial against a claim."""
    keys_by_doc: dict[int, list[tuple[str, ...]]] = {}
    for u in members:
        keys_by_doc.setdefault(u.doc, []).append(u.keys)
    reasons = negation_flips(keys_by_doc)
    denials = [u for u in members if _denies(u)]
    claims = [u for u in members if not _denies(u)]
    if denials and claims:
        said = lambda us: "; ".join(  # noqa: E731
            dict.fromkeys(f"{_who(u)} (doc {u.doc})" for u in us)
        )
        cue = denials[0].quote.cue.casefold()
        text = f"penyangkalan lawan pernyataan: {said(denials)} {cue}, {said(claims)} menyatakan"
        who = lambda us: [{"name": _who(u), "doc": u.doc} for u in us]  # noqa: E731
        reasons.append(
            Reason("denial_vs_claim", text, deniers=who(denials), claimants=who(claims), cue=cue)
        )
    return reasons


def _who(u: _Unit) -> str:
    return u.quote.speaker.name if u.quote.speaker else "pembicara tak dikenal"


def _denies(u: _Unit) -> bool:
    return bool(u.quote.cue) and u.quote.cue.casefold() in DENIAL_CUES
