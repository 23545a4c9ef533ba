"""Per-article features computed once per analysis run: each text's quotes and tokens."""

from newsreader.analysis import limits, reuse, shared_features
from newsreader.analysis.reuse import Thresholds, find_passages_at


def counting(monkeypatch, module, name):
    calls = []
    real = getattr(module, name)

    def counted(text):
        calls.append(text)
        return real(text)

    monkeypatch.setattr(module, name, counted)
    return calls


def test_quotes_are_extracted_once_per_text_within_a_run(monkeypatch, docs):
    calls = counting(monkeypatch, limits, "extract_quotes")
    with shared_features.shared():
        first, _ = limits.quotes_bounded_by_text(docs)
        with shared_features.shared():  # a nested run keeps the outer memo
            second, _ = limits.quotes_bounded_by_text(docs)
    assert len(calls) == len(docs)
    assert first == second and sum(map(len, first.values())) > 20
    first[0].clear()  # each caller gets its own list
    assert second[0]
    limits.quotes_bounded_by_text(docs)  # outside a run nothing is kept
    assert len(calls) == 2 * len(docs)


def test_both_threshold_settings_tokenise_each_article_once(monkeypatch, docs):
    calls = counting(monkeypatch, reuse, "_tokenise")
    exact, loose = find_passages_at(docs, [Thresholds(), Thresholds(min_words=4)])
    assert len(calls) == len(docs)
    assert exact.groups and len(loose.groups) >= len(exact.groups)


def test_each_chain_is_graded_once_for_both_settings(monkeypatch, docs):
    """The permissive setting accepts every chain the default does: with both, each chain's
    spans are widened once, as often as for the permissive setting alone."""
    from newsreader.analysis import reuse_align

    calls = []
    real = reuse_align._widen
    monkeypatch.setattr(reuse_align, "_widen", lambda *a: calls.append(a) or real(*a))
    loose = Thresholds(min_words=4, edited_min=0.0, similar_min=0.4)
    find_passages_at(docs, [loose])
    alone = len(calls)
    find_passages_at(docs, [Thresholds()])
    default = len(calls) - alone
    calls.clear()
    find_passages_at(docs, [Thresholds(), loose])
    assert 0 < default < alone and len(calls) == alone
