"""Properties on arbitrary text for the story analyses: quotes, claims and framing never crash,
every span they report lies inside its article, and every article and outlet gets a result
(an article with no usable words once broke the framing report of its whole story)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsreader.analysis.claims import compare_claims
from newsreader.analysis.coreference import normalise_speakers
from newsreader.analysis.framing.lexicon import load_lexicon
from newsreader.analysis.framing.report import story_framing
from newsreader.analysis.quotes import extract_quotes

from .test_properties import NEWS_LINES, PAGES

RELATIONS = {"agree", "altered", "conflict", "different_attribution", "single_source"}
FAST = settings(max_examples=40, deadline=None)
LEXICON = load_lexicon()
QUOTED = st.sampled_from(
    [
        '"Kami tidak akan mundur," kata Budi Santoso, warga Kampung Melayu.',
        "“Air naik sampai dada,” ujar Siti kepada wartawan.",
        "Menurut Kapolres, pelaku sudah ditangkap pada Senin malam.",
        '"Tidak benar," bantah juru bicara kementerian.',
        "2023. 2024. 12.500. 7 8 9.",
        '""""""',
        "“",
    ]
)
ARTICLE = st.lists(st.one_of(QUOTED, NEWS_LINES, PAGES), max_size=8).map("\n\n".join)
STORY = st.lists(
    st.tuples(ARTICLE, st.sampled_from(["tribunnews", "sindonews", "galamedia", ""])),
    min_size=1,
    max_size=4,
)


@FAST
@given(STORY)
def test_quotes_and_claims_point_into_their_articles(story):
    texts = {doc: text for doc, (text, _) in enumerate(story, 1)}
    quotes = normalise_speakers({doc: extract_quotes(text) for doc, text in texts.items()})
    for doc, found in quotes.items():
        for q in found:
            assert 0 <= q.start < q.end <= len(texts[doc])
    groups = compare_claims(quotes)
    assert len({g.id for g in groups}) == len(groups)
    for group in groups:
        assert group.relation in RELATIONS and 0 <= group.confidence <= 1
        assert group.members
        for m in group.members:
            assert m.doc in texts and 0 <= m.quote.start < m.quote.end <= len(texts[m.doc])


@FAST
@given(STORY)
def test_framing_reports_every_article_and_outlet(story):
    articles = {
        doc: {"text": text, "title": text[:60], "outlet": outlet, "quotes": extract_quotes(text)}
        for doc, (text, outlet) in enumerate(story, 1)
    }
    report = story_framing(articles, LEXICON)
    assert set(report["articles"]) == set(articles)
    outlets = {a["outlet"] or "unknown" for a in articles.values()}
    assert set(report["outlets"]) == outlets
    for doc, framing in report["articles"].items():
        text = articles[doc]["text"]
        for hit in framing["evaluative"]["hits"]:
            assert 0 <= hit["start"] < hit["end"] <= len(text)
        for term in framing["distinctive_terms"]:
            for start, end in term["occurrences"]:
                assert 0 <= start < end <= len(text)
    assert sorted(a for row in report["outlets"].values() for a in row["articles"]) == sorted(
        articles
    )
