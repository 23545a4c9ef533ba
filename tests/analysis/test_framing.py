"""Outlet framing on the five demo articles (one story: the Putin-Kim meeting, 2023)."""

import json
import math
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from newsreader.analysis.cleaning import extract
from newsreader.analysis.framing import (
    aggregate_by_outlet,
    article_framing,
    distinctive_terms,
    evaluative_hits,
    frame_scores,
    headline_and_lead,
    load_lexicon,
    omissions,
    reporting_verbs,
    sourcing,
    story_facts,
    story_framing,
    term_counts,
    term_occurrences,
)
from newsreader.analysis.framing.sourcing import resolve_speaker
from newsreader.analysis.framing.vocabulary import stem
from newsreader.analysis.quotes import extract_quotes

ROOT = Path(__file__).parents[2]
SAMPLES = sorted((ROOT / "newsreader" / "samples").glob("*.txt"))


@cache
def article(n: int):
    return extract(SAMPLES[n].read_text(encoding="utf-8"))


@cache
def lexicon():
    return load_lexicon()


@dataclass(frozen=True)
class Speaker:
    name: str
    role: str | None = None


@dataclass(frozen=True)
class Quote:
    start: int
    end: int
    text: str
    kind: str
    speaker: Speaker | None
    cue: str | None = None
    cue_start: int | None = None
    addressee: str | None = None
    attribution: str = "test"


def quote(text: str, passage: str, speaker: str | None, kind: str = "direct") -> Quote:
    start = text.find(passage)
    assert start >= 0, passage
    return Quote(start, start + len(passage), passage, kind, Speaker(speaker) if speaker else None)


def found(text, hits, category=None):
    return [text[h.start : h.end].casefold() for h in hits if category in (None, h.category)]


def test_tribunnews_desperation_language_is_flagged():
    text, title = article(3).clean_text, article(3).title
    desperation = found(text, evaluative_hits(text, lexicon()), "desperation")
    for term in ("putus asa", "paria", "hina", "keputusasaan"):
        assert term in desperation
    head = headline_and_lead(title, text, lexicon())
    assert found(title, head["headline_hits"], "desperation") == ["raungan minta tolong"]
    assert found(text, head["lead_hits"], "hedging") == ["dikabarkan"]


def test_hedged_attributions_are_flagged():
    hedges = {
        n: found(
            article(n).clean_text, evaluative_hits(article(n).clean_text, lexicon()), "hedging"
        )
        for n in (0, 3, 4)
    }
    assert {"dikabarkan", "dilaporkan", "kemungkinan besar"} <= set(hedges[3])
    assert "diperkirakan" in hedges[0]
    assert "kemungkinan besar" in hedges[4]
    # "kemungkinan besar" is one hedge, not "kemungkinan" plus a second match inside it
    assert "kemungkinan" not in hedges[4]


def test_negated_doubt_is_not_a_hedge():
    text = "Kami tidak akan ragu untuk menjatuhkan sanksi, tetapi dia ragu."
    hits = evaluative_hits(text, lexicon())
    assert [(text[h.start : h.end], h.category) for h in hits] == [
        ("tidak akan ragu", "certainty"),
        ("ragu", "hedging"),
    ]


@pytest.mark.parametrize(
    ("name", "role", "group"),
    [
        ("Mark Hertling", "Pensiunan Jenderal Angkatan Darat Amerika Serikat", "retired_analysts"),
        ("Herling", None, "retired_analysts"),
        ("Marks", None, "retired_analysts"),
        ("John Kirby", None, "us_government"),
        ("Matthew Miller", "juru bicara Departemen Luar Negeri AS", "us_government"),
        ("Karine Jean-Pierre", "sekretaris pers Gedung Putih", "us_government"),
        ("Adrienne Watson", "Juru bicara Dewan Keamanan Nasional", "us_government"),
        ("Milley", "Jenderal", "us_government"),
        ("Antonio Guterres", "Sekretaris Jenderal PBB", "un"),
        ("Kim", None, "north_korea"),
        ("kantor berita negara Korea Utara", None, "north_korea"),
        ("Kremlin", None, "russia"),
        ("Putin", None, "russia"),
        ("Shoigu", None, "russia"),
        ("Kyrylo Budanov", "kepala intelijen militer Ukraina", "ukraine"),
        ("John Everard", None, "retired_analysts"),
        ("pejabat Korea Selatan", None, "south_korea"),
        ("The New York Instances", None, "media"),
        ("seorang analis", None, "retired_analysts"),
        ("Budi", None, "other"),
    ],
)
def test_speaker_affiliations(name, role, group):
    assert resolve_speaker(name, role)[1] == group


def test_extracted_speakers_of_tribunnews_are_retired_officers():
    text = article(3).clean_text
    named = [
        row for row in sourcing(text, extract_quotes(text))["speakers"] if row["name"] != "unknown"
    ]
    assert {row["name"] for row in named} >= {"Mark Hertling", "James Marks"}
    assert {row["group"] for row in named} == {"retired_analysts"}


def hand_quotes_004():
    text = article(4).clean_text
    return text, [
        quote(text, "Mereka juga merupakan dua pemimpin negara-negara paria", "Hertling"),
        quote(
            text, "Ini menunjukkan bahwa Putin sedang berusaha keras mencari bantuan.", "Hertling"
        ),
        quote(
            text,
            "Tidak ada yang strategis dalam hubungan jangka panjang dengan Korea Utara kecuali"
            " jika Rusia ingin memiliki mitra yang sangat provokatif yang akan melakukan pekerjaan"
            " kotor dan membiarkan Rusia mengambil keuntungan dari hal tersebut,",
            "Marks",
        ),
        quote(
            text,
            "Yang sebenarnya digambarkan adalah bahwa Kim Jong Un sedang mencari mitra",
            "Marks",
        ),
        quote(
            text,
            "untuk menghentikan negosiasi senjatanya dengan Rusia",
            "Adrienne Watson",
            "partial",
        ),
    ]


def hand_quotes_002():
    text = article(2).clean_text
    return text, [
        quote(text, "Tentara dan rakyat Rusia pasti akan meraih kemenangan besar", "Kim"),
        quote(text, "Kami telah mengambil sejumlah tindakan", "Matthew Miller"),
        quote(text, "Segala bentuk kerja sama negara manapun dengan Korea Utara", "Guterres"),
        quote(text, "Sudah satu setengah bulan yang lalu semuanya disepakati", "Kyrylo Budanov"),
    ]


def test_source_shares_of_a_hand_counted_article():
    text, quotes = hand_quotes_004()
    result = sourcing(text, quotes)
    assert result["quotes"] == 5
    assert result["groups"]["retired_analysts"]["quotes"] == 4
    assert result["groups"]["retired_analysts"]["quote_share"] == pytest.approx(4 / 5)
    assert result["groups"]["us_government"]["quote_share"] == pytest.approx(1 / 5)
    assert (
        result["groups"]["us_government"]["words"] == 6
    )  # untuk menghentikan negosiasi senjatanya dengan Rusia
    assert sum(g["word_share"] for g in result["groups"].values()) == pytest.approx(1)
    mentioned = {row["name"] for row in result["mentioned_only"]}
    assert {"Kremlin", "Sergei Shoigu", "John Everard", "Karine Jean-Pierre"} <= mentioned
    assert "Mark Hertling" not in mentioned
    cited = {(m["media"], m["cue"]) for m in result["media"]}
    assert {("BBC", "kepada"), ("CNN", "kepada"), ("The New York Times", "melaporkan")} <= cited


def test_outlet_source_shares_pool_the_outlet_articles():
    text4, quotes4 = hand_quotes_004()
    text2, quotes2 = hand_quotes_002()
    per_article = {
        4: article_framing(text4, "", quotes4, lexicon()),
        2: article_framing(text2, article(2).title, quotes2, lexicon()),
    }
    outlets = aggregate_by_outlet(per_article, {4: "x", 2: "x"})
    shares = outlets["x"]["source_shares"]["quotes"]
    assert shares == pytest.approx(
        {
            "retired_analysts": 4 / 9,
            "us_government": 2 / 9,
            "north_korea": 1 / 9,
            "un": 1 / 9,
            "ukraine": 1 / 9,
        }
    )
    assert outlets["x"]["sum"]["quotes"] == 9
    assert outlets["x"]["mean"]["words"] == (per_article[4]["words"] + per_article[2]["words"]) / 2


def test_media_reliance_names_the_foreign_source_and_cue():
    def cited(n):
        return {(m["media"], m["cue"]) for m in sourcing(article(n).clean_text, [])["media"]}

    assert ("ABC News", "dilansir dari") in cited(0)
    assert ("AP", "seperti dilansir dari") in cited(1)
    assert ("The New York Times", "merujuk laporan") in cited(3)
    text = article(3).clean_text
    first = sourcing(text, [])["media"][0]
    assert text[first["start"] : first["end"]] == "The New York Times"
    assert text[first["cue_start"] :].startswith("merujuk laporan")


def test_reporting_verbs_found_next_to_quotes_and_classified():
    text, quotes = hand_quotes_004()
    rows = reporting_verbs(text, quotes)
    assert [(r["speaker"], r["verb"], r["verb_class"]) for r in rows][2:4] == [
        ("James Marks", "kata", "neutral"),
        ("James Marks", "menjelaskan", "explain"),
    ]
    text2 = article(2).clean_text
    denial = quote(text2, "niat tersebut", "Moskow dan Pyongyang", "reported")
    (row,) = reporting_verbs(text2, [denial])
    assert (row["verb"], row["verb_class"], row["group"]) == ("membantah", "deny", "russia")
    assert text2[row["verb_start"] :].startswith("membantah")
    cued = Quote(0, 5, "abcde", "direct", None, cue="mengeklaim", cue_start=7)
    assert reporting_verbs("x" * 20, [cued])[0]["verb_class"] == "claim"


def test_distinctive_terms_match_hand_computed_log_odds():
    groups = {"a": Counter(perang=3, damai=1), "b": Counter(perang=1, damai=3)}
    # prior = summed counts (perang 4, damai 4), alpha0 = 8 -> a_w = 8 * 4 / 8 = 4 per term
    # n_a = n_b = 4. For "perang" in group a: y_a = 3, y_b = 1.
    delta = math.log((3 + 4) / (4 + 8 - 3 - 4)) - math.log((1 + 4) / (4 + 8 - 1 - 4))
    variance = 1 / (3 + 4) + 1 / (1 + 4)
    z = delta / math.sqrt(variance)
    assert delta == pytest.approx(2 * math.log(7 / 5))
    result = distinctive_terms(groups, alpha0=8)
    top = result["a"][0]
    assert top["term"] == "perang"
    assert (top["delta"], top["variance"], top["z"], top["count"]) == pytest.approx(
        (delta, variance, z, 3)
    )
    assert result["b"][0]["term"] == "damai"
    assert result["b"][0]["z"] == pytest.approx(z)
    assert result["a"][1]["z"] == pytest.approx(-z)


def test_a_lone_term_is_distinctive_of_no_one():
    # One article without words beside one with a single word: the odds of the lone term are
    # undefined (its pseudo-count is the whole prior), so no group has distinctive terms.
    assert distinctive_terms({"a": Counter(), "b": Counter(sum=1)}) == {"a": [], "b": []}


def test_informative_prior_shrinks_rare_terms():
    groups = {"a": Counter(perang=1, damai=5), "b": Counter(damai=5)}
    flat = distinctive_terms(groups, prior=Counter(perang=1, damai=1), alpha0=2)
    skewed = distinctive_terms(groups, prior=Counter(perang=1, damai=99), alpha0=2)
    z_flat = next(r["z"] for r in flat["a"] if r["term"] == "perang")
    z_skewed = next(r["z"] for r in skewed["a"] if r["term"] == "perang")
    assert z_skewed != pytest.approx(z_flat)


def test_lexicon_edits_change_the_scores():
    text = article(4).clean_text
    default = evaluative_hits(text, lexicon())
    rows = json.loads((ROOT / "newsreader/analysis/data/lexicon_id.json").read_text())
    edited = load_lexicon(
        [*rows, {"term": "kereta lapis baja", "category": "threat", "note": "armoured train"}]
    )
    hits = evaluative_hits(text, edited)
    assert "kereta lapis baja" in found(text, hits, "threat")
    assert (
        Counter(h.category for h in hits)["threat"]
        == Counter(h.category for h in default)["threat"] + 1
    )
    without_paria = load_lexicon([r for r in rows if r["term"] != "paria"])
    assert "paria" not in found(text, evaluative_hits(text, without_paria))
    stemmed = load_lexicon([{"term": "serang", "category": "threat", "match": "stem"}])
    assert found(article(3).clean_text, evaluative_hits(article(3).clean_text, stemmed)) == [
        "serangan"
    ]


def test_term_counts_stem_and_drop_stop_words_and_numbers():
    text = article(1).clean_text
    counts = term_counts(text)
    assert stem("membantah") == "bantah" and counts["bantah"] >= 1
    assert stem("mengeklaim") == "klaim" and stem("mengakui") == "aku"
    assert not {"yang", "dan", "tidak", "2023"} & set(counts)
    spans = term_occurrences(text, "bantah")
    assert [text[s.start : s.end] for s in spans] == ["membantah"] * counts["bantah"]


def test_frames_answer_questions_with_triggering_passages():
    text = article(2).clean_text
    frames = frame_scores(text)
    assert set(frames) == {"conflict", "human_interest", "economic", "morality", "responsibility"}
    assert all(0 <= f["score"] <= 1 for f in frames.values())
    religion = next(i for i in frames["morality"]["indicators"] if i["id"] == "morality.religion")
    assert [text[h.start : h.end] for h in religion["hits"]] == ["suci"]
    sides = next(i for i in frames["conflict"]["indicators"] if i["id"] == "conflict.sides")
    assert len({h.term for h in sides["hits"]}) >= 2
    quiet = frame_scores("Cuaca cerah hari ini.")
    assert all(f["score"] == 0 for f in quiet.values())


def test_omissions_flag_facts_most_articles_carry():
    # "a" is in 3 of 4 articles (> half); "b" in exactly half, which is not more than half
    assert omissions({1: {"a", "b"}, 2: {"a", "b"}, 3: {"a"}, 4: {"c"}}) == {
        1: [],
        2: [],
        3: [],
        4: ["a"],
    }
    facts = {
        n: story_facts(article(n).clean_text, extract_quotes(article(n).clean_text))
        for n in range(5)
    }
    assert "date:2023-09-13" in facts[2] and "number:18 bulan" in facts[2]
    assert "entity:sergei shoigu" in facts[1] and "media:the new york times" in facts[4]
    missing = omissions(facts)
    assert "entity:sergei shoigu" in missing[3]  # in 001, 002, 004; Tribunnews leaves it out
    assert "entity:sergei shoigu" not in missing[1]


def test_story_framing_is_json_and_per_outlet():
    articles = {
        n: {
            "text": article(n).clean_text,
            "title": article(n).title,
            "outlet": article(n).outlet,
            "quotes": extract_quotes(article(n).clean_text),
        }
        for n in range(5)
    }
    result = json.loads(json.dumps(story_framing(articles, lexicon())))
    assert set(result["outlets"]) == {"sindonews", "galamedia", "tribunnews", "unknown"}
    assert result["outlets"]["sindonews"]["articles"] == [0, 1]
    for outlet in result["outlets"].values():
        assert sum(outlet["source_shares"]["quotes"].values()) == pytest.approx(1)
    tribun = result["articles"]["3"]
    assert (
        tribun["measures"]["hits.desperation"]
        > result["articles"]["1"]["measures"]["hits.desperation"]
    )
    voices = {h["voice"] for h in tribun["evaluative"]["hits"] if h["term"] == "putus asa"}
    assert voices == {"quoted", "narration"}  # Hertling's words, and the outlet's keputusasaan
    hertling = [
        t for t in result["outlets"]["tribunnews"]["distinctive_terms"] if t["term"] == "hertling"
    ]
    assert hertling and hertling[0]["z"] > 0
    top = tribun["distinctive_terms"][0]
    start, end = top["occurrences"][0]
    assert articles[3]["text"][start:end].casefold() in top["forms"]


def test_framing_does_not_load_django():
    code = "import sys, newsreader.analysis.framing; assert 'django' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
