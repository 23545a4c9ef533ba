"""Properties on arbitrary text: cleaning, paragraphs/sentences and reuse never crash, their
offsets are always valid, and cleaning loses no raw character without saying why."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsreader.analysis import cleaning, reuse, text

FAST = settings(max_examples=60, deadline=None)

NEWS_LINES = st.sampled_from(
    [
        "TRIBUNNEWS.COM - Presiden Rusia Vladimir Putin bertemu Kim Jong-un di Vostochny.",
        "GALAMEDIANEWS - Kim Jong-un tiba dengan kereta lapis baja, Selasa (12/9/2023).",
        "JAKARTA, iNews.id - Pertemuan itu membahas kerja sama militer kedua negara.",
        '"Kami akan membantu," kata Putin kepada wartawan. Dr. Ivanov mengonfirmasi.',
        "Baca Juga: Putin Sambut Kim",
        "Editor: Dicky (mas)",
        "Kamis, 14 September 2023 16:22 WIB",
        "<script>alert(1)</script> <p onclick='x()'>",
        "Foto: Reuters/AFP",
        "=SUM(A1) \x07\x1b[31m \u202e \u200b \ufeff",
        "",
        "   ",
    ]
)
ANY_TEXT = st.text(max_size=200)
PAGES = st.lists(st.one_of(NEWS_LINES, ANY_TEXT), max_size=25).flatmap(
    lambda lines: st.sampled_from(["\n", "\n\n", "\r\n", " "]).map(lambda sep: sep.join(lines))
)


def assert_spans_valid(spans, source: str) -> None:
    previous_end = 0
    for span in spans:
        assert previous_end <= span.start < span.end <= len(source)
        assert not source[span.start].isspace() and not source[span.end - 1].isspace()
        previous_end = span.end


@FAST
@given(PAGES)
def test_paragraphs_and_sentences_have_valid_offsets(page):
    paras = text.paragraphs(page)
    assert_spans_valid(paras, page)
    assert all("\n" not in p.text(page) for p in paras)
    sents = text.sentences(page)
    assert_spans_valid(sents, page)
    for sentence in sents:
        assert any(p.start <= sentence.start and sentence.end <= p.end for p in paras)
    # Every non-space character belongs to some paragraph and to some sentence.
    for spans in (paras, sents):
        covered = set()
        for span in spans:
            covered.update(range(span.start, span.end))
        assert all(page[i].isspace() or i in covered for i in range(len(page)))


@FAST
@given(PAGES, st.sampled_from([None, "tribunnews", "sindonews", "galamedia", "nonexistent"]))
def test_cleaning_maps_back_to_raw_and_loses_nothing_unrecorded(page, outlet):
    result = cleaning.extract(page, outlet=outlet)
    clean = result.clean_text
    kept = set()
    for clean_start, raw_start, length in result.segments:
        assert length > 0 and 0 <= raw_start and raw_start + length <= len(page)
        assert clean[clean_start : clean_start + length] == page[raw_start : raw_start + length]
        kept.update(range(raw_start, raw_start + length))
    removed = set()
    for removal in result.removed:
        assert 0 <= removal.start < removal.end <= len(page) and removal.reason
        removed.update(range(removal.start, removal.end))
    lost = [i for i in range(len(page)) if i not in kept and i not in removed]
    assert all(page[i].isspace() for i in lost), [page[i] for i in lost]
    assert_spans_valid(result.paragraphs, clean)
    assert_spans_valid(result.sentences, clean)
    for duplicate in result.self_duplicates:
        assert 0 <= duplicate.original_start < duplicate.original_end <= duplicate.start
        assert duplicate.start < duplicate.end <= len(page)


SENTENCE_POOL = st.sampled_from(
    [
        "Presiden Rusia Vladimir Putin bertemu pemimpin Korea Utara Kim Jong-un di kosmodrom.",
        "Kedua pemimpin membahas kerja sama militer dan teknologi satelit selama empat jam.",
        "Amerika Serikat memperingatkan Pyongyang agar tidak menjual senjata kepada Moskwa.",
        '"Kami akan membantu mereka membangun satelit," kata Putin kepada wartawan.',
    ]
)
DOCUMENTS = st.lists(
    st.lists(st.one_of(SENTENCE_POOL, ANY_TEXT), max_size=6).map(" ".join), min_size=1, max_size=4
)


@FAST
@given(DOCUMENTS)
def test_reuse_never_crashes_and_members_point_into_their_texts(texts):
    docs = dict(enumerate(texts))
    result = reuse.find_passages(docs)
    for group in result.groups:
        assert len({m.doc for m in group.members}) >= 2 and group.words > 0
        assert 0.0 <= group.similarity <= 1.0
        for member in group.members:
            assert 0 <= member.start < member.end <= len(docs[member.doc])
    assert set(result.shared_share) == set(docs)
    assert all(0.0 <= share <= 1.0 for share in result.shared_share.values())
    for (a, b), score in result.pairwise.items():
        assert a in docs and b in docs and 0.0 <= score <= 1.0
