"""Claim grouping and relation labels, on the demo story and on synthetic pairs."""

import pytest

from newsreader.analysis.claims import compare_claims, numbers
from newsreader.analysis.quotes import Quote, Speaker, extract_quotes, normalise_speakers
from tests.analysis.test_quotes import story  # noqa: F401  (shared fixture)


def story_groups(story):  # noqa: F811
    texts, quotes = story
    ids = sorted(quotes)
    return ids, compare_claims(normalise_speakers({i: quotes[s] for i, s in enumerate(ids)}))


def group_with(groups, doc, start_words):
    return next(
        g
        for g in groups
        if any(m.doc == doc and m.quote.text.startswith(start_words) for m in g.members)
    )


def test_altered_hertling_quote_shows_the_added_words(story):  # noqa: F811
    ids, groups = story_groups(story)
    g = group_with(groups, ids.index("004"), "Mereka juga merupakan dua pemimpin")
    assert g.relation == "altered"
    assert {m.doc for m in g.members} == {ids.index("003"), ids.index("004")}
    added = {text.strip() for op, text in g.diff if op != "equal"}
    assert {"putus asa", "(hina)"} <= added
    assert any("putus asa" in r and "(hina)" in r and "doc 3" in r for r in g.reasons)


def test_same_words_agree_and_paraphrase_by_same_speaker_agrees(story):  # noqa: F811
    ids, groups = story_groups(story)
    g = group_with(groups, ids.index("003"), "Ini akan menarik banyak perhatian")
    assert g.relation == "agree" and len(g.members) == 2
    g = group_with(groups, ids.index("003"), "Rusia berada dalam situasi putus asa")
    assert g.relation == "agree"
    assert {m.quote.kind for m in g.members} == {"direct", "reported"}


def test_same_statement_credited_to_two_people(story):  # noqa: F811
    ids, groups = story_groups(story)
    g = group_with(groups, ids.index("004"), "sekelompok pejabat Rusia lainnya")
    assert g.relation == "different_attribution"
    assert any(r.startswith("speaker differs:") and "Kirby" in r for r in g.reasons)


def test_every_claim_is_in_one_group_and_unmatched_ones_are_single_source(story):  # noqa: F811
    ids, groups = story_groups(story)
    singles = [g for g in groups if g.relation == "single_source"]
    assert singles and all(len({m.doc for m in g.members}) == 1 for g in singles)
    assert all(g.reasons and 0 <= g.confidence <= 1 for g in groups)
    assert [g.id for g in groups] == list(range(len(groups)))


def _q(text, name, kind="direct", cue="kata"):
    return Quote(
        0, len(text), text, kind, Speaker(name) if name else None, cue, None, None, "cue-after"
    )


@pytest.mark.parametrize(
    ("a", "b", "reason"),
    [
        (
            "Pemerintah akan menaikkan harga bahan bakar minyak pekan depan",
            "Pemerintah tidak akan menaikkan harga bahan bakar minyak pekan depan",
            "negation flip: 'tidak' only in doc 2",
        ),
        (
            "Sebanyak 10 orang tewas dalam banjir bandang di desa itu",
            "Sebanyak 12 orang tewas dalam banjir bandang di desa itu",
            "numbers differ: 10 vs 12",
        ),
        (
            "Kerugian akibat kebakaran pasar mencapai Rp 1,5 miliar menurut polisi",
            "Kerugian akibat kebakaran pasar mencapai Rp 2.000 juta menurut polisi",
            "numbers differ: 1500000000 vs 2000000000",
        ),
    ],
)
def test_conflicts_name_their_evidence(a, b, reason):
    groups = compare_claims({1: [_q(a, "Budi Santoso")], 2: [_q(b, "Budi Santoso")]})
    assert len(groups) == 1
    assert groups[0].relation == "conflict" and reason in groups[0].reasons
    assert groups[0].confidence < 0.9


def test_denial_against_assertion_is_a_conflict():
    text = "Rusia telah menerima kiriman senjata dari Korea Utara bulan lalu"
    assertion = extract_quotes(f"Gedung Putih mengatakan {text}.")
    denial = extract_quotes(f"Kremlin membantah {text}.")
    g = compare_claims({1: assertion, 2: denial})
    assert [x.relation for x in g] == ["conflict"]
    assert any("membantah" in r for r in g[0].reasons)


def test_unrelated_claims_stay_apart():
    groups = compare_claims(
        {
            1: [_q("Harga beras naik karena panen gagal di banyak daerah", "Andi")],
            2: [_q("Tim nasional menang dua gol tanpa balas tadi malam", "Budi")],
        }
    )
    assert [g.relation for g in groups] == ["single_source", "single_source"]


def test_indonesian_numbers():
    assert numbers("1.000 orang dan 1,5 miliar rupiah") == {1000.0, 1.5e9}
    assert numbers("sepuluh ribu tentara, seratus tank dan 18 bulan") == {10000.0, 100.0, 18.0}
