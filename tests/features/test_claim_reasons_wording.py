"""Claim reasons are codes with parameters, worded at display time: Bahasa Indonesia by
default, English on request, the technical wording behind "how is this computed?"."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from newsreader.analysis.claims import compare_claims
from newsreader.analysis.quotes import Quote, Speaker
from newsreader.analysis.reason import CODES, Reason
from newsreader.services import story_analysis
from newsreader.web.claim_wording import reason_text

ENGLISH_METHOD = ("only in doc", "words added in doc", "speaker differs", "same wording")


@pytest.fixture(autouse=True)
def _claims_section_only(monkeypatch):
    monkeypatch.setattr(story_analysis, "SECTIONS", {"claims": story_analysis.SECTIONS["claims"]})


def _q(text: str, name: str) -> Quote:
    return Quote(0, len(text), text, "direct", Speaker(name), "kata", None, None, "cue-after")


def _reasons(a: str, b: str) -> list[Reason]:
    (group,) = compare_claims({1: [_q(a, "Budi Santoso")], 2: [_q(b, "Budi Santoso")]})
    return list(group.reasons)


def test_every_reason_is_a_code_with_parameters():
    reasons = _reasons(
        "Banjir merendam 120 rumah warga di Garut sejak Senin pagi",
        "Banjir merendam 300 rumah warga di Garut sejak Senin pagi",
    )
    assert reasons[0].code == "numbers_differ"
    assert reasons[0].document() == {
        "code": "numbers_differ", "left": "120 rumah", "right": "300 rumah", "docs": [1, 2],
    }  # fmt: skip
    assert str(reasons[0]) == "angka berbeda: 120 rumah vs 300 rumah (doc 1 vs doc 2)"


@pytest.mark.parametrize(
    ("document", "indonesian"),
    [
        (
            {"code": "numbers_differ", "left": "120 rumah", "right": "300 rumah", "docs": [1, 2]},
            "Angkanya berbeda: 120 rumah di Kompas, 300 rumah di Detik.",
        ),
        (
            {"code": "words_added", "doc": 2, "words": ["dua"]},
            "Kata-kata yang hanya ada di Detik: “dua”.",
        ),
        (
            {"code": "single_source", "doc": 1, "similarity": 0.44},
            "Hanya Kompas memuat klaim ini; klaim paling mirip di artikel lain hanya 44% serupa.",
        ),
        (
            {"code": "same_wording", "speakers": ["Budi Santoso"], "docs": [1, 2], "similarity": 1},
            "Kompas dan Detik mengutip kata-kata yang sama. Narasumber: Budi Santoso.",
        ),
    ],
)
def test_reasons_read_in_indonesian(document, indonesian):
    names = {1: "Kompas", 2: "Detik"}
    with translation.override("id"):
        assert reason_text(document, names.__getitem__) == indonesian
    with translation.override("en"):
        assert reason_text(document, names.__getitem__) != indonesian


def test_every_code_has_its_own_wording():
    params = {
        "doc": 1, "docs": [1, 2], "similarity": 0.5, "speakers": ["A", "B"], "items": [],
        "left": "x", "right": "y", "negated": "tidak naik", "predicate": "naik", "cue": "membantah",
        "deniers": [{"name": "A", "doc": 1}], "claimants": [{"name": "B", "doc": 2}], "words": ["z"],
        "probability": 0.8, "evidence": ["antonyms"], "sure": True,
    }  # fmt: skip
    with translation.override("id"):
        texts = {code: reason_text({"code": code, **params}, str) for code in CODES}
    assert all(text != code for code, text in texts.items())
    assert len(set(texts.values())) == len(CODES)


@pytest.mark.indonesian
def test_claims_page_gives_reasons_in_indonesian_and_the_method_on_request(client, sample_articles):
    story = sample_articles[0].story
    html = client.get(reverse("story-claims", args=[story.slug])).content.decode()
    listed = " ".join(re.findall(r'<ul class="claim-reasons"[^>]*>(.*?)</ul>', html, re.S))
    assert "Kata-kata yang hanya ada di" in listed and "memuat klaim ini" in listed
    assert not any(phrase in listed for phrase in ENGLISH_METHOD)
    method = " ".join(
        re.findall(r'<details class="method claim-method">(.*?)</details>', html, re.S)
    )
    assert "Bagaimana ini dihitung?" in method and "bobot" in method
    assert "only in" not in listed
