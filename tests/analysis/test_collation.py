"""Aligned paragraph rows: every paragraph once, in order, shared paragraphs side by side."""

from newsreader.analysis.collation import collate
from newsreader.analysis.reuse import find_passages
from newsreader.analysis.text import paragraphs


def test_every_paragraph_once_in_reading_order(docs, result):
    rows = collate(docs, result, [3, 4, 0, 1, 2])
    for d, text in docs.items():
        seen = [span for row in rows if row[d] for span in row[d]]
        assert seen == paragraphs(text)
    assert all(list(row) == [3, 4, 0, 1, 2] for row in rows)
    assert all(any(cell for cell in row.values()) for row in rows)


def test_shared_hertling_paragraphs_in_one_row(docs, result):
    rows = collate(docs, result, [3, 4, 0, 1, 2])

    def row_of(doc, needle):
        return next(
            k
            for k, row in enumerate(rows)
            if row[doc] and any(needle in docs[doc][s.start : s.end] for s in row[doc])
        )

    assert row_of(3, "negara-negara paria (hina)") == row_of(4, "negara-negara paria yang")
    assert row_of(3, "Ini menunjukkan bahwa Putin") == row_of(4, "Ini menunjukkan bahwa Putin")
    guterres = row_of(2, "Segala bentuk kerja sama")
    assert rows[guterres][3] is None and rows[guterres][4] is None


def test_grouping_of_paragraphs_does_not_depend_on_column_order(docs, result):
    def grouped(order):
        return sorted(
            tuple(sorted((d, s.start) for d, cell in row.items() if cell for s in cell))
            for row in collate(docs, result, order)
        )

    assert grouped([0, 1, 2, 3, 4]) == grouped([4, 2, 3, 1, 0])


def test_moved_paragraph_keeps_each_reading_order():
    first = "Satu dua tiga empat lima enam tujuh."
    second = "Delapan sembilan sepuluh sebelas dua belas tiga belas."
    a, b = f"{first}\n\n{second}", f"{second}\n\n{first}"
    docs = {1: a, 2: b}
    rows = collate(docs, find_passages(docs), [1, 2])
    for d in docs:
        assert [s for row in rows if row[d] for s in row[d]] == paragraphs(docs[d])
    matched = [row for row in rows if row[1] and row[2]]
    assert len(matched) == 1 and len(rows) == 3
