"""Word-level diffs: granularity, exact reassembly and the change summary."""

from hypothesis import given, settings
from hypothesis import strategies as st

from newsreader.analysis.diffing import diff_summary, word_diff, word_diff_located

SHORT = "“Mereka juga merupakan dua pemimpin negara-negara paria yang paling terkenal di dunia."
LONG = (
    "“ (Selain rival terbesar AS) Mereka (Putin dan Kim Jong Un) juga merupakan dua pemimpin "
    'putus asa negara-negara paria (hina) yang paling terkenal di dunia," kata Hertling.'
)


def rebuild(ops, side):
    return "".join(text for op, text in ops if op in ("equal", side))


def test_inserted_words_of_edited_quote():
    ops = word_diff(SHORT, LONG)
    assert ("insert", "putus asa ") in ops
    assert ("insert", "(hina) ") in ops
    summary = diff_summary(ops)
    assert {"putus asa", "(hina)", "Putin dan Kim Jong Un"} <= set(summary["inserted"])
    assert summary["deleted"] == []


def test_substitution_at_word_level():
    ops = word_diff("The New York Times", "The New York Instances")
    assert ops == [("equal", "The New York "), ("delete", "Times"), ("insert", "Instances")]
    assert diff_summary(ops)["substituted"] == [("Times", "Instances")]


def test_summary_refines_merged_changes():
    ops = word_diff(
        "laporan The New York Times pada Senin, mengutip",
        "laporan The New York Instances pada hari Senin, mengutip",
    )
    summary = diff_summary(ops)
    assert ("Times", "Instances") in summary["substituted"]
    assert summary["inserted"] == ["hari"]


def test_quote_style_and_spacing_are_not_changes():
    ops = word_diff("kata “Putin” hari ini", 'kata "Putin"  hari ini')
    assert [op for op, _ in ops] == ["equal"]
    summary = diff_summary(word_diff("di dunia.", "di dunia,"))
    assert summary == {"inserted": [], "deleted": [], "substituted": []}


def test_identical_and_empty_texts():
    assert word_diff("", "") == []
    assert word_diff("a b", "a b") == [("equal", "a b")]
    assert word_diff("", "baru saja") == [("insert", "baru saja")]


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(["dan", "yang", "Putin,", "“kata”", "  ", "\n\n", "ini."]), max_size=30
    ),
    st.lists(st.sampled_from(["dan", "yang", "Putin,", "“kata”", " ", "\n", "itu."]), max_size=30),
)
def test_ops_rebuild_both_texts(pa, pb):
    a, b = " ".join(pa), " ".join(pb)
    ops = word_diff(a, b)
    assert rebuild(ops, "delete") == a
    fold = str.maketrans("“”", '""')
    assert rebuild(ops, "insert").translate(fold).split() == b.translate(fold).split()


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(["dan", "yang", "Putin,", "“kata”", "  ", "\n\n", "ini."]), max_size=30
    ),
    st.lists(st.sampled_from(["dan", "yang", "Putin,", "“kata”", " ", "\n", "itu."]), max_size=30),
)
def test_located_ops_point_at_their_text_in_each_article(pa, pb):
    a, b = " ".join(pa), " ".join(pb)
    located = word_diff_located(a, b)
    for op, text, start in located:
        assert (b if op == "insert" else a)[start : start + len(text)] == text
    inserted = [start for op, _, start in located if op == "insert"]
    assert inserted == sorted(inserted)
    assert [op for op, _ in word_diff(a, b)] == [op for op, _, _ in located]


def test_more_distinct_words_than_the_private_use_planes_hold():
    a = " ".join(f"w{i}" for i in range(150_000))
    b = " ".join(f"w{i}" for i in range(1_000, 151_000))
    ops = word_diff(a, b)
    assert [op for op, _ in ops] == ["delete", "equal", "insert"]
    assert "".join(t for op, t in ops if op != "insert") == a
