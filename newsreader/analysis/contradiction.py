"""A small learned judge of contradiction between two versions of a claim.

A logistic regression over hand-made features of the pair (negation on one side only,
antonyms, numbers, names and content words one version adds, overlap, the rules' own
evidence), fitted offline on the IndoNLI training split by `bench/train_contradiction.py` and
shipped as `data/contradiction_lr.json` (weights, threshold; CC BY-SA 4.0 like its training
data). It loads no model from anywhere and needs only the standard library at run time.
"""

from __future__ import annotations

import json
import math
from functools import cache, lru_cache
from itertools import combinations

import simplemma

from .claim_facts import date_differences, date_mentions, place_differences, places
from .claim_facts.negation import NEGATORS, negation_flips
from .claim_reasons import _quantity_differences
from .reason import Reason
from .stemming import DATA_DIR, stop_words
from .text import WORD_RE, word_key

MODEL_FILE = DATA_DIR / "contradiction_lr.json"
# Pairs of opposite lemmas (either order): one version has one, the other the other.
_ANTONYMS = [
    tuple(p.split("/"))
    for p in """naik/turun besar/kecil lebih/kurang sebelum/sesudah sebelum/setelah awal/akhir
    pertama/terakhir menang/kalah hidup/mati buka/tutup tinggi/rendah banyak/sedikit baru/lama
    masuk/keluar utara/selatan timur/barat pria/wanita laki-laki/perempuan setuju/tolak
    tambah/kurang panjang/pendek cepat/lambat mudah/sulit murah/mahal kaya/miskin dalam/luar
    atas/bawah depan/belakang siang/malam pagi/malam terima/tolak dukung/tolak untung/rugi
    datang/pergi lahir/mati muda/tua benar/salah boleh/larang aman/bahaya naik/jatuh
    tua/baru positif/negatif ada/hilang selalu/jarang semua/sebagian nyata/fiktif
    asli/palsu resmi/ilegal legal/ilegal berhasil/gagal mulai/selesai tetap/ubah""".split()
]
_QUANTIFIERS = frozenset(
    "semua seluruh hanya satu-satunya selalu pernah pertama terakhir paling satu setiap "
    "tidak-pernah seluruhnya".split()
)
FEATURES = (
    "overlap_short",  # share of the shorter version's content lemmas in the longer one
    "overlap_long",
    "log_length_ratio",
    "negation_one_side",  # a negator in one version only
    "negation_short_only",
    "negation_flip",  # the rules' scoped flip: a predicate negated in one version only
    "antonyms",
    "novel_words",  # content lemmas of the shorter version missing from the longer
    "novel_names",
    "novel_numbers",
    "quantifiers_added",
    "numbers_differ",
    "dates_differ",
    "places_differ",
    "bukan",  # `bukan` (not a ...) in the shorter version only: a typical contradiction
    "tidak_ada",
)


def _tokens(text: str) -> list[tuple[str, bool, str]]:
    """(lemma, written in lower case, surface key) for each word."""
    out = []
    for m in WORD_RE.finditer(text):
        key = word_key(m.group())
        out.append((simplemma.lemmatize(key, lang="id"), m.group().islower(), key))
    return out


def pair_features(a: str, b: str) -> list[float]:
    """The FEATURES of two versions of one claim, the shorter taken as the one that adds."""
    return list(_pair_features(a, b))


@lru_cache(maxsize=8192)
def _pair_features(a: str, b: str) -> tuple[float, ...]:
    if len(a) < len(b):
        a, b = b, a
    ta, tb = _tokens(a), _tokens(b)
    stop = stop_words()
    la, lb = {t[0] for t in ta}, {t[0] for t in tb}
    ca = {t[0] for t in ta if t[1] and t[0] not in stop and t[0] not in NEGATORS}
    cb = {t[0] for t in tb if t[1] and t[0] not in stop and t[0] not in NEGATORS}
    keys_a, keys_b = {t[2] for t in ta}, {t[2] for t in tb}
    neg_a, neg_b = bool(keys_a & NEGATORS), bool(keys_b & NEGATORS)
    names_b = {t[2] for t in tb if not t[1] and not t[2].isdigit()} - keys_a
    numbers_b = {t[2] for t in tb if any(c.isdigit() for c in t[2])} - keys_a
    antonyms = sum(
        1 for x, y in _ANTONYMS if (x in la and y in lb - la) or (y in la and x in lb - la)
    )
    flips = negation_flips({0: [tuple(t[0] for t in ta)], 1: [tuple(t[0] for t in tb)]})
    numbers = _quantity_differences(a, b)[0]
    dates = date_differences(date_mentions(a), date_mentions(b))[0]
    text_b = " ".join(t[2] for t in tb)
    return (
        len(cb & ca) / max(1, len(cb)),
        len(cb & ca) / max(1, len(ca)),
        math.log((1 + len(ta)) / (1 + len(tb))),
        float(neg_a != neg_b),
        float(neg_b and not neg_a),
        float(bool(flips)),
        float(antonyms),
        float(len(cb - ca)) / max(1, len(cb)),
        float(len(names_b)),
        float(len(numbers_b)),
        float(len((lb & _QUANTIFIERS) - la)),
        float(bool(numbers)),
        float(bool(dates)),
        float(bool(place_differences(places(a), places(b)))),
        float("bukan" in keys_b and "bukan" not in keys_a),
        float("tidak ada" in text_b and "tidak ada" not in " ".join(t[2] for t in ta)),
    )


@cache
def model() -> dict:
    """{"features": [...], "weights": [...], "bias": b, "threshold": t, ...} as trained."""
    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    if data["features"] != list(FEATURES):
        raise ValueError(f"{MODEL_FILE.name} was trained on other features; retrain it")
    return data


def contradiction_probability(a: str, b: str, fitted: dict | None = None) -> float:
    fitted = fitted or model()
    z = fitted["bias"] + sum(
        w * x for w, x in zip(fitted["weights"], pair_features(a, b), strict=True)
    )
    return 1 / (1 + math.exp(-z))


# --- use in the claims panel ---------------------------------------------------------------

LINK_OVERLAP = 0.5  # a pair the rules did not group: half the shorter version's words shared


def judged(a: str, b: str) -> tuple[float, list[str]]:
    """The probability that two versions contradict, and the features that pushed it up most."""
    fitted = model()
    x = pair_features(a, b)
    p = contradiction_probability(a, b, fitted)
    pushes = sorted(
        ((w * v, name) for w, v, name in zip(fitted["weights"], x, FEATURES, strict=True)),
        reverse=True,
    )
    return p, [name for push, name in pushes[:3] if push > 0.5]


def close_enough(keys_a, lower_a, keys_b, lower_b) -> bool:
    """A cheap first test on the lemmas the claims panel already has: could the two versions
    share LINK_OVERLAP of the shorter one's content words? (A story's one speaker may be quoted
    a hundred times; the judge's features cost more.)"""
    skip = stop_words() | NEGATORS
    content = lambda keys, lower: {k for k, low in zip(keys, lower, strict=True) if low} - skip  # noqa: E731
    short, other = sorted((content(keys_a, lower_a), content(keys_b, lower_b)), key=len)
    return len(short & other) >= (LINK_OVERLAP - 0.2) * len(short)


def linkable(a: str, b: str) -> bool:
    """Two versions by one speaker the rules left apart that the judge holds contradictory."""
    return pair_features(a, b)[0] >= LINK_OVERLAP and judged(a, b)[0] >= model()["threshold"]


def judged_reason(members: list[tuple[int, str]]) -> Reason | None:
    """The judge's reason for a group the rules found no conflict in, at or above the model's
    threshold: a conflict, or a review (`model: possible ...`) on a negator alone."""
    best = None
    for (doc_a, a), (doc_b, b) in combinations(members, 2):
        if doc_a != doc_b:
            p, evidence = judged(a, b)
            if best is None or p > best[0]:
                best = (p, evidence, [doc_a, doc_b])
    if best is None or best[0] < model()["threshold"]:
        return None
    p, evidence, docs = best
    # A negator on one side as the only evidence (`listrik tidak menyala` against `listrik
    # padam`: the rules found no shared predicate) is for review.
    alone = set(evidence) <= {"negation_short_only", "negation_one_side"}
    sure = "possible " if alone else ""
    text = f"model: {sure}contradiction probability {p:.2f} ({', '.join(evidence) or 'overall'})"
    return Reason(
        "judged_contradiction",
        text,
        probability=round(p, 2),
        evidence=evidence,
        docs=docs,
        sure=not alone,
    )
