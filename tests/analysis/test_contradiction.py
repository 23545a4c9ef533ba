"""The learned contradiction judge: a shipped logistic regression over hand-made features."""

import json

from newsreader.analysis.claims import compare_claims
from newsreader.analysis.contradiction import FEATURES, MODEL_FILE, judged, model, pair_features
from newsreader.analysis.quotes import Quote, Speaker


def _q(text: str) -> Quote:
    return Quote(0, len(text), text, "direct", Speaker("Budi Santoso"), "kata", None, None, "cue")


def _groups(a: str, b: str, **kw):
    return compare_claims({1: [_q(a)], 2: [_q(b)]}, **kw)


def test_the_model_ships_with_the_package_and_matches_its_features():
    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    assert data["features"] == list(FEATURES) and len(data["weights"]) == len(FEATURES)
    assert 0.5 < model()["threshold"] < 1
    assert len(pair_features("Harga naik", "Harga turun")) == len(FEATURES)


def test_a_quantifier_turned_around_is_a_judged_conflict():
    a = "Semua korban sudah dievakuasi dari lokasi longsor"
    b = "Sebagian korban sudah dievakuasi dari lokasi longsor"
    (group,) = _groups(a, b)
    assert group.relation == "conflict"
    (reason,) = [r for r in group.reasons if r.code == "judged_contradiction"]
    assert reason.params["docs"] == [1, 2] and "antonyms" in reason.params["evidence"]
    assert reason.params["probability"] >= model()["threshold"]
    assert _groups(a, b, judge=False)[0].relation == "altered"  # the rules alone see no conflict


def test_a_negation_alone_is_for_review():
    a = "Warga mengungsi ke balai desa karena banjir dan listrik tidak menyala"
    b = "Warga mengungsi ke balai desa karena banjir dan listrik padam sejak pagi"
    assert judged(a, b)[0] >= model()["threshold"]
    (group,) = _groups(a, b)
    assert group.relation == "review"
    assert group.reasons[0].params["items"][0]["sure"] is False


def test_the_same_claim_is_no_contradiction():
    a = "Kami akan membangun jembatan baru tahun depan"
    assert judged(a, a + " di desa")[0] < model()["threshold"]
