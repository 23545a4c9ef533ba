"""extract() never raises and its offsets stay valid on arbitrary input."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsreader.analysis.cleaning import extract

LINES = st.sampled_from(
    [
        "loading...",
        "A",
        "Baca Juga: Sesuatu",
        "WASHINGTON - Kalimat pertama di sini.",
        "Tags",
        "Terkait",
        "(mas)",
        "Editor: Dicky",
        "Sumber: PMJ News",
        "© 2025 X.com",
        "Kamis, 14 September 2023, 16:22 WIB",
        "Foto x y z w. KCNA VIA KNS/AFP",
        "Kalimat biasa yang cukup panjang untuk menjadi paragraf isi berita ini.",
        "<p>",
        "",
        "\t",
        "\r",
        "***",
        "Selasa (12/9/2023)",
        "31/2/2023",
    ]
)
TEXT = st.lists(st.one_of(LINES, st.text(max_size=80)), max_size=30).map("\n".join)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_extract_never_raises_and_segments_are_valid(text):
    result = extract(text)
    clean = result.clean_text
    pieces = []
    for clean_start, raw_start, length in result.segments:
        assert length > 0
        assert clean[clean_start : clean_start + length] == text[raw_start : raw_start + length]
        pieces.append((clean_start, clean_start + length))
    # the clean text is exactly the segments plus "\n\n" paragraph separators and one space
    # where a line broken at a link was rejoined (the raw text between has a line break)
    pos, raw_pos = 0, 0
    for (start, end), (_, raw_start, length) in zip(pieces, result.segments, strict=True):
        gap = clean[pos:start]
        assert gap in ("", "\n\n") or (gap == " " and "\n" in text[raw_pos:raw_start])
        assert pos == 0 or start >= pos
        pos, raw_pos = end, raw_start + length
    assert pos == len(clean)
    for span in (*result.paragraphs, *result.sentences):
        assert 0 <= span.start < span.end <= len(clean)
    for removal in result.removed:
        assert 0 <= removal.start < removal.end <= len(text)
    # kept raw pieces and removals never overlap one another
    raw_used = sorted(
        [(r, r + n) for _, r, n in result.segments]
        + [(removal.start, removal.end) for removal in result.removed]
    )
    assert all(a[1] <= b[0] for a, b in zip(raw_used, raw_used[1:], strict=False))
