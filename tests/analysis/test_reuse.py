"""Shared passages on the demo articles: offsets, grades, grouping, shares and filters."""

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from newsreader.analysis.diffing import diff_summary, word_diff
from newsreader.analysis.reuse import Thresholds, find_passages
from newsreader.analysis.reuse_filters import filter_groups, phrase_hashes, unique_spans
from newsreader.analysis.text import words


def member_text(docs, m):
    return docs[m.doc][m.start : m.end]


def group_with(docs, result, needle):
    found = [g for g in result.groups if any(needle in member_text(docs, m) for m in g.members)]
    assert len(found) == 1, needle
    return found[0]


def test_verbatim_quote_shared_by_tribunnews_and_unattributed(docs, result):
    group = group_with(docs, result, "Ini menunjukkan bahwa Putin sedang berusaha keras")
    assert {m.doc for m in group.members} == {3, 4}
    assert group.kind == "verbatim" and group.similarity == 1.0
    for m in group.members:
        text = member_text(docs, m)
        assert text == docs[m.doc][m.start : m.end]
        assert text.startswith("“Ini menunjukkan") and text.rstrip("”.,").endswith("bantuan")


def test_edited_quote_diff_shows_inserted_words(docs, result):
    group = group_with(docs, result, "negara-negara paria (hina)")
    assert group.kind == "edited"
    assert 0.8 <= group.similarity < 1.0
    by_doc = {m.doc: member_text(docs, m) for m in group.members}
    assert set(by_doc) == {3, 4}
    assert "dua pemimpin negara-negara paria yang paling terkenal di dunia" in by_doc[4]
    summary = diff_summary(word_diff(by_doc[4], by_doc[3]))
    assert "putus asa" in summary["inserted"]
    assert "(hina)" in summary["inserted"]


def test_member_offsets_are_word_boundaries(docs, result):
    for g in result.groups:
        for m in g.members:
            text = docs[m.doc]
            assert 0 <= m.start < m.end <= len(text)
            assert not text[m.start].isspace() and not text[m.end - 1].isspace()
            assert m.start == 0 or not text[m.start - 1].isalnum()
            assert m.end == len(text) or not text[m.end].isalnum()


def test_nothing_unshared_is_highlighted(docs, result):
    guterres = docs[2].index("Segala bentuk kerja sama negara manapun")
    for g in result.groups:
        docs_in = {m.doc for m in g.members}
        assert len(docs_in) >= 2
        for m in g.members:
            assert len(words(member_text(docs, m))) >= Thresholds().min_words
            if m.doc == 2 and docs_in & {3, 4}:
                assert not m.start <= guterres < m.end
        if g.kind != "similar":
            # aligned members really share most of their words
            keys = [{w.casefold() for w in member_text(docs, m).split()} for m in g.members]
            assert len(set.intersection(*keys)) >= 0.5 * min(len(k) for k in keys)
    assert not [g for g in result.groups if {m.doc for m in g.members} == {0, 3}]


def test_grouping_does_not_depend_on_doc_order(docs, result):
    ids = list(docs)
    random.Random(7).shuffle(ids)
    shuffled = find_passages({d: docs[d] for d in ids})
    assert shuffled.groups == result.groups
    relabel = {d: 10 + ids.index(d) for d in ids}
    relabelled = find_passages({relabel[d]: docs[d] for d in ids})

    def texts(r, texts_by_doc, back):
        return sorted(
            tuple(sorted((back[m.doc], texts_by_doc[m.doc][m.start : m.end]) for m in g.members))
            for g in r.groups
        )

    inverse = {v: k for k, v in relabel.items()}
    new_docs = {relabel[d]: docs[d] for d in ids}
    assert texts(relabelled, new_docs, inverse) == texts(result, docs, {d: d for d in docs})


def test_pairwise_share_is_asymmetric(result):
    assert result.pairwise[3, 4] > 0 and result.pairwise[4, 3] > 0
    assert result.pairwise[3, 4] != result.pairwise[4, 3]
    # the shorter article (004) has the larger share of its words in common with 003
    assert result.pairwise[4, 3] > result.pairwise[3, 4]
    assert result.pairwise[0, 3] == 0.0
    assert result.shared_share[4] >= max(result.pairwise[4, d] for d in (0, 1, 2, 3))


def test_unique_spans_complement_groups(docs, result):
    for d, text in docs.items():
        unique = unique_spans(d, text, result)
        members = [m for g in result.groups for m in g.members if m.doc == d]
        for span in unique:
            assert words(text[span.start : span.end])
            assert all(span.end <= m.start or span.start >= m.end for m in members)
            assert "\n" not in text[span.start : span.end]
        for w in words(text):
            in_member = any(m.start <= w.start and w.end <= m.end for m in members)
            in_unique = any(s.start <= w.start and w.end <= s.end for s in unique)
            assert in_member != in_unique
    assert "Guterres" in " ".join(
        docs[2][s.start : s.end] for s in unique_spans(2, docs[2], result)
    )


def test_filters(docs, result):
    hertling = {
        group_with(docs, result, "Ini menunjukkan bahwa Putin").id,
        group_with(docs, result, "negara-negara paria").id,
    }
    assert all(result.groups[i].is_quote for i in hertling)
    kept = filter_groups(result, hide_quotes=True)
    assert not hertling & {g.id for g in kept}
    assert kept and all(not g.is_quote for g in kept)
    long_enough = filter_groups(result, min_words=10)
    assert long_enough and all(g.words >= 10 for g in long_enough)
    assert {g.id for g in result.groups if g.words < 10}  # the filter had something to remove
    assert not {g.id for g in long_enough} & {g.id for g in result.groups if g.words < 10}
    satellite = group_with(docs, result, "satelit dan kapal selam bertenaga nuklir")
    stock = frozenset(phrase_hashes("sistem satelit dan kapal selam bertenaga nuklir"))
    remaining = filter_groups(result, stock=stock)
    assert satellite not in remaining and len(remaining) == len(result.groups) - 1


def test_phrase_hashes_fold_case_and_punctuation():
    hashes = phrase_hashes("Kim Jong-un, kata “Putin” hari ini.")
    assert hashes == phrase_hashes("kim jong-un kata putin hari ini")
    assert len(hashes) == 2 and hashes != phrase_hashes("kim jong-un kata putin hari itu")
    assert phrase_hashes("empat kata saja cukup") == []


def test_thresholds_are_honoured(docs):
    strict = find_passages({3: docs[3], 4: docs[4]}, Thresholds(min_words=10, similar_min=0.9))
    assert strict.groups
    for g in strict.groups:
        assert g.words >= 10 and g.similarity >= 0.9 or g.kind == "verbatim"


WORDS = st.sampled_from("dan yang Putin Kim kata “ini” bantuan, perang. di".split())
TEXTS = st.lists(st.lists(WORDS, max_size=40).map(" ".join), max_size=4).map("\n\n".join)


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(st.integers(0, 5), TEXTS, max_size=4), st.integers(2, 8))
def test_random_texts_give_valid_offsets(texts, min_words):
    result = find_passages(texts, Thresholds(min_words=min_words))
    for g in result.groups:
        assert g.kind in {"verbatim", "edited", "similar"} and 0 <= g.similarity <= 1
        for m in g.members:
            assert 0 <= m.start < m.end <= len(texts[m.doc])
    for d, text in texts.items():
        for s in unique_spans(d, text, result):
            assert 0 <= s.start < s.end <= len(text)
        assert 0.0 <= result.shared_share[d] <= 1.0


def test_shares_count_the_words_lying_wholly_inside_a_member(docs, result):
    """The shares equal counting, word by word, those inside some (shared) member span."""

    def share(doc, members):
        tokens = words(docs[doc])
        inside = [t for t in tokens if any(m.start <= t.start and t.end <= m.end for m in members)]
        return len(inside) / len(tokens)

    for d in docs:
        members = [m for g in result.groups for m in g.members if m.doc == d]
        assert result.shared_share[d] == share(d, members)
        for other in docs.keys() - {d}:
            with_other = [
                m
                for g in result.groups
                if any(x.doc == other for x in g.members)
                for m in g.members
                if m.doc == d
            ]
            assert result.pairwise[d, other] == share(d, with_other)
    assert sum(v > 0 for v in result.pairwise.values()) >= 4
