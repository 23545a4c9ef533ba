"""Corpus-wide reuse index: shingles, candidate lookup, and tracing passages to their origin."""

from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
import pytest

from newsreader.analysis.cleaning import extract
from newsreader.analysis.corpus_index import (
    ShingleIndex,
    fingerprint,
    passage_origins,
    shingles,
    tokens,
)
from newsreader.analysis.text import word_key, words

SAMPLES = Path(__file__).resolve().parents[2] / "newsreader" / "samples"
T0 = datetime(2024, 3, 1, 8, 0)


@pytest.fixture(scope="module")
def paras():
    """Paragraphs of the five cleaned samples, each with at least 12 words, no duplicates."""
    seen, out = set(), []
    for path in sorted(SAMPLES.glob("*.txt")):
        for p in extract(path.read_text(encoding="utf-8")).clean_text.split("\n\n"):
            if len(p.split()) >= 12 and p not in seen:
                seen.add(p)
                out.append(p)
    return out


def test_tokens_match_word_key_on_samples(paras):
    for p in paras:
        assert tokens(p) == [word_key(p[w.start : w.end]) for w in words(p)]


def test_shingles_are_sorted_unique_uint64_and_winnowing_keeps_a_subset(paras):
    text = "\n\n".join(paras[:5])
    hashes = shingles(text)
    assert hashes.dtype == np.uint64 and np.all(np.diff(hashes) > 0)
    kept = fingerprint(text)
    assert 0 < len(kept) < len(hashes) and np.isin(kept, hashes).all()
    assert len(shingles("too few words here")) == 0


def test_copied_passage_is_traced_to_the_earlier_article(paras):
    passage = paras[3]
    source = "\n\n".join([paras[0], passage, paras[1]])
    unrelated = "\n\n".join([paras[5], paras[6]])
    copy = "\n\n".join([paras[8], passage, paras[9]])
    index = ShingleIndex()
    index.add([(1, shingles(source)), (2, shingles(unrelated))])
    found = index.candidates(shingles(copy))
    assert set(found) == {1}
    origins = passage_origins(copy, {1: (source, T0, "alpha")}, published=T0 + timedelta(days=2))
    assert len(origins) == 1
    o = origins[0]
    assert o.kind == "copied" and o.source == 1
    assert copy[o.start : o.end].strip(' ."”') in passage
    assert o.end - o.start >= 0.9 * len(passage)
    s = o.sharers[0]
    assert source[s.start : s.end] == copy[o.start : o.end]
    assert "2 days" in o.reason


def test_passage_in_many_outlets_at_once_is_a_common_source(paras):
    passage = paras[4]
    earlier = {
        doc: ("\n\n".join([paras[10 + doc], passage]), T0 + timedelta(hours=doc), f"outlet{doc}")
        for doc in range(1, 4)
    }
    copy = "\n\n".join([passage, paras[20]])
    origins = passage_origins(copy, earlier, published=T0 + timedelta(hours=5))
    assert [o.kind for o in origins] == ["common source"]
    assert origins[0].source is None and len(origins[0].sharers) == 3
    # The same passage spread over weeks by one outlet each is copying, from the earliest.
    spread = {d: (t, T0 + timedelta(days=10 * d), f"outlet{d}") for d, (t, _, _) in earlier.items()}
    origins = passage_origins(copy, spread, published=T0 + timedelta(days=40))
    assert [(o.kind, o.source) for o in origins] == [("copied", 1)]


def test_a_copy_is_never_older_than_its_source(paras):
    passage = paras[6]
    older = "\n\n".join([paras[0], passage])
    newer = "\n\n".join([paras[1], passage])
    copy = "\n\n".join([paras[2], passage])
    when = T0 + timedelta(days=1)
    both = {1: (newer, when + timedelta(hours=3), "later"), 2: (older, T0, "first")}
    [origin] = passage_origins(copy, both, published=when)
    assert origin.source == 2 and [s.doc for s in origin.sharers] == [2]
    assert all(s.published <= when for s in origin.sharers)
    assert passage_origins(copy, {1: both[1]}, published=when) == []


def test_very_common_shingles_are_capped(paras):
    boilerplate = paras[7]
    index = ShingleIndex(max_docs=20)
    index.add((doc, shingles(f"{paras[doc % 40]}\n\n{boilerplate}")) for doc in range(30))
    query = shingles(f"{paras[45]}\n\n{boilerplate}")
    assert index.candidates(query) == {}
    assert index.common(query) >= len(shingles(boilerplate)) - 1
    uncapped = ShingleIndex(max_docs=50)
    uncapped.add((doc, shingles(f"{paras[doc % 40]}\n\n{boilerplate}")) for doc in range(30))
    assert set(uncapped.candidates(query)) == set(range(30))


MNC = {"sindonews": "MNC Group", "okezone": "MNC Group", "inews": "MNC Group"}


def test_text_from_a_sister_outlet_of_the_same_group_is_syndication(paras):
    passage = paras[3]
    source = "\n\n".join([paras[0], passage])
    copy = "\n\n".join([paras[8], passage])
    earlier = {1: (source, T0, "sindonews")}
    [o] = passage_origins(
        copy, earlier, published=T0 + timedelta(hours=2), outlet="okezone", groups=MNC
    )
    assert (o.kind, o.source) == ("syndicated", 1)
    assert "MNC Group" in o.reason
    # the same text in an outlet of another group is a copy
    [o] = passage_origins(copy, earlier, published=T0 + timedelta(hours=2), outlet="kompas")
    assert o.kind == "copied"


def test_a_common_source_takes_two_independent_groups(paras):
    passage = paras[4]
    sisters = {
        doc: ("\n\n".join([paras[10 + doc], passage]), T0 + timedelta(minutes=doc), outlet)
        for doc, outlet in enumerate(["sindonews", "inews", "sindonews"], 1)
    }
    copy = "\n\n".join([passage, paras[20]])
    when = T0 + timedelta(minutes=30)
    [o] = passage_origins(copy, sisters, published=when, outlet="okezone", groups=MNC)
    assert o.kind == "syndicated"  # three outlets, but one group: not a common source
    sisters[4] = ("\n\n".join([paras[15], passage]), T0, "detik")
    [o] = passage_origins(copy, sisters, published=when, outlet="okezone", groups=MNC)
    assert o.kind == "common source"
    assert "2 media groups published it within the hour" in o.reason


def test_a_source_published_at_the_same_time_never_reads_zero_hours(paras):
    passage = paras[3]
    source = "\n\n".join([paras[0], passage])
    copy = "\n\n".join([paras[8], passage])
    [o] = passage_origins(copy, {1: (source, T0, "alpha")}, published=T0)
    assert "at the same time as this one" in o.reason and "0 hours" not in o.reason
    [o] = passage_origins(copy, {1: (source, T0, "alpha")}, published=T0 + timedelta(minutes=20))
    assert "20 minutes before this one" in o.reason
