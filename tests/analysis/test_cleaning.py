"""Cleaning of the five real sample pages: outlet, furniture, body, dates, credits."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from newsreader.analysis.cleaning import extract
from newsreader.analysis.text import normalise, paragraphs

SAMPLES = Path(__file__).resolve().parents[2] / "newsreader" / "samples"
WIB = timezone(timedelta(hours=7))


def raw(number: str) -> str:
    return next(SAMPLES.glob(f"{number}_*.txt")).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def pages():
    return {n: (raw(n), extract(raw(n))) for n in ["000", "001", "002", "003", "004"]}


def removed_text(page, reason: str) -> list[str]:
    text, result = page
    return [text[r.start : r.end] for r in result.removed if r.reason == reason]


def covered(text: str, result, start: int, end: int) -> bool:
    """Whether every non-space character of text[start:end] lies in some removal."""
    spans = [(r.start, r.end) for r in result.removed]
    return all(
        text[pos].isspace() or any(s <= pos < e for s, e in spans) for pos in range(start, end)
    )


@pytest.mark.parametrize(
    ("number", "outlet", "evidence"),
    [
        ("000", "sindonews", "loading..."),
        ("001", "sindonews", "editor initials"),
        ("002", "galamedia", "GALAMEDIANEWS -"),
        ("003", "tribunnews", "TRIBUNNEWS.COM -"),
        ("004", "unknown", "no profile matched"),
    ],
)
def test_outlet_detected_from_page_markers(pages, number, outlet, evidence):
    result = pages[number][1]
    assert (result.outlet, evidence in result.outlet_evidence) == (outlet, True)


@pytest.mark.parametrize("number", ["000", "001", "002", "003", "004"])
def test_segments_map_clean_text_back_to_raw(pages, number):
    text, result = pages[number]
    rebuilt = []
    for clean_start, raw_start, length in result.segments:
        piece = result.clean_text[clean_start : clean_start + length]
        assert piece == text[raw_start : raw_start + length]
        rebuilt.append((clean_start, clean_start + length))
    gaps = [result.clean_text[a[1] : b[0]] for a, b in zip(rebuilt, rebuilt[1:], strict=False)]
    assert set(gaps) <= {"", "\n\n"}
    assert sum(length for *_, length in result.segments) + 2 * gaps.count("\n\n") == len(
        result.clean_text
    )


@pytest.mark.parametrize("number", ["000", "001", "002", "003", "004"])
def test_no_raw_line_lost(pages, number):
    """Every raw line not entirely removed (with a reason) is in the clean text."""
    text, result = pages[number]
    clean_lines = {normalise(p.text(result.clean_text)) for p in result.paragraphs}
    for line in paragraphs(text):
        if covered(text, result, line.start, line.end):
            continue
        removed_parts = [r for r in result.removed if r.start < line.end and r.end > line.start]
        kept = line.text(text)
        for r in sorted(removed_parts, key=lambda r: -r.start):
            kept = kept[: r.start - line.start] + kept[r.end - line.start :]
        assert normalise(kept) in clean_lines, kept


def test_sindonews_furniture_and_repeated_body(pages):
    text, result = pages["000"]
    assert removed_text(pages["000"], "loading indicator") == ["loading..."]
    assert removed_text(pages["000"], "font-size control") == ["A", "A", "A"]
    assert removed_text(pages["000"], "editor initials") == ["(mas)"]
    assert result.dateline == "WASHINGTON"
    assert not result.clean_text.startswith("WASHINGTON")
    # every distinct body paragraph once, the repeated half reported
    body = [p.text(text) for p in paragraphs(text)][5:-1]
    for paragraph in set(body) - {body[0]}:
        assert result.clean_text.count(paragraph) == 1, paragraph
    assert result.clean_text.startswith(body[0].removeprefix("WASHINGTON - "))
    (dup,) = result.self_duplicates
    copy, original = text[dup.start : dup.end], text[dup.original_start : dup.original_end]
    assert copy == original and copy.startswith("Panglima Militer Amerika itu")
    assert dup.original_end <= dup.start
    assert removed_text(pages["000"], "duplicate body") == [copy]
    assert any(f.startswith("self_duplicate") for f in result.flags)


def test_sindonews_second_sample_repeated_body(pages):
    text, result = pages["001"]
    (dup,) = result.self_duplicates
    assert text[dup.start : dup.end].startswith("Juru bicara Dewan Keamanan Nasional")
    assert text[dup.start : dup.end] == text[dup.original_start : dup.original_end]
    assert result.clean_text.count("Kirby menolak merinci") == 1
    assert result.authors == ("ian",) and result.credited_sources == ("AP",)
    assert result.dateline == "WASHINGTON"


def test_galamedia_furniture_and_credits(pages):
    text, result = pages["002"]
    teasers = removed_text(pages["002"], "read-also teaser")
    assert len(teasers) == 3 and all(t.startswith("Baca Juga:") for t in teasers)
    assert "Baca Juga" not in result.clean_text
    assert removed_text(pages["002"], "tag list") == ["Tags"]
    assert "Kabar Daerah" in removed_text(pages["002"], "related-article list")
    assert removed_text(pages["002"], "photo caption") == ["Pemimpin Korea Utara Kim Jong Un."] * 2
    assert "Kim Jong Un./PMJ" not in result.clean_text
    assert result.authors == ("Dicky Aditya",)
    assert result.credited_sources == ("PMJ News",)
    assert result.title == "Kim Jong Un Dukung Putin Dalam Perang Yakin Rusia Akan Menang"
    assert result.dateline is None and not result.clean_text.startswith("GALAMEDIANEWS")
    assert "Langkah Hati-hati" in result.clean_text  # a sub-heading is article text
    last_quote = "Sudah satu setengah bulan yang lalu semuanya disepakati"
    assert last_quote in result.clean_text and not result.clean_text.endswith("***")


def test_galamedia_dates(pages):
    result = pages["002"][1]
    assert result.published == datetime(2023, 9, 14, 16, 22, tzinfo=WIB)
    assert result.published.utcoffset() == timedelta(hours=7)
    assert [d.date().isoformat() for d in result.body_dates] == ["2023-09-13", "2023-09-14"]
    assert result.date_warning is None and "date_mismatch" not in result.flags


def test_tribunnews_furniture_titles_and_captions(pages):
    text, result = pages["003"]
    assert result.title.startswith("Pertemuan Rusia-Korea Utara di Mata Jenderal AS")
    assert removed_text(pages["003"], "navigation") == ["Konflik Rusia Vs Ukraina"]
    repeated = removed_text(pages["003"], "repeated title")
    assert len(repeated) == 2 and repeated[0].startswith("Vladimir Putin yang Putus Asa")
    credits = removed_text(pages["003"], "photo credit")
    assert credits.count("KCNA VIA KNS/AFP") == 2
    assert "Alexey NIKOLSKY / SPUTNIK / AFP" in credits
    captions = removed_text(pages["003"], "photo caption")
    assert len(captions) == 3 and captions[0].startswith("Gambar yang diambil pada 25 April 2019")
    assert "NIKOLSKY" not in result.clean_text and "Gambar yang diambil" not in result.clean_text
    assert removed_text(pages["003"], "copyright footer")[0].startswith("© 2025 TribunNews.com")
    assert removed_text(pages["003"], "read-also teaser")[0].startswith("Baca juga: VIDEO")
    assert removed_text(pages["003"], "editor initials") == ["(oln/*/NW)"]
    assert result.clean_text.startswith("Pemimpin Korea Utara, Kim Jong Un dikabarkan")
    assert result.clean_text.endswith('dalam pertempuran di Ukraina," katanya.')


def test_tribunnews_credits_and_dates(pages):
    result = pages["003"][1]
    assert result.credited_sources == ("The New York Times",)  # `kepada CNN` is not a credit
    assert result.authors == ("oln", "NW")
    # the only body date is in a removed photo caption: the page date stays, no warning
    assert result.body_dates == ()
    assert result.published == result.page_date == datetime(2025, 10, 4, tzinfo=WIB)
    assert result.date_warning is None


def test_sindonews_dates_and_credits(pages):
    result = pages["000"][1]
    assert result.page_date is None
    assert [d.date().isoformat() for d in result.body_dates] == ["2023-09-12"]
    assert result.published == datetime(2023, 9, 12, tzinfo=WIB)
    assert result.authors == ("mas",)
    assert result.credited_sources == ("ABC News",)


def test_unknown_outlet_page(pages):
    text, result = pages["004"]
    assert result.published == datetime(2024, 4, 25, tzinfo=UTC)
    assert removed_text(pages["004"], "date line") == ["April 25, 2024"]
    assert result.credited_sources == ()  # `kepada CNN`, `kepada BBC` are not credits
    assert result.title == "" and "no_title" in result.flags
    assert (
        extract(text, title="Hertling: Putin cari bantuan").title == "Hertling: Putin cari bantuan"
    )
    assert len(result.paragraphs) == len(paragraphs(text)) - 1


def test_page_date_far_after_body_dates_is_flagged(pages):
    text = "Sabtu, 4 Oktober 2025\n\n" + raw("000")
    result = extract(text)
    assert result.page_date == datetime(2025, 10, 4, tzinfo=WIB)
    assert result.published == datetime(2023, 9, 12, tzinfo=WIB)
    assert "date_mismatch" in result.flags
    assert "2025-10-04" in result.date_warning and "2023-09-12" in result.date_warning


def test_short_extraction_flagged():
    text = "Judul Berita Singkat Sekali\nloading...\nA\nA\nA\nJAKARTA - Satu kalimat saja.\n" + (
        "Baca juga: Judul lain yang panjang sekali untuk dibaca\n" * 20
    )
    result = extract(text)
    assert result.clean_text == "Satu kalimat saja."
    assert result.dateline == "JAKARTA"
    (flag,) = [f for f in result.flags if f.startswith("short_extraction")]
    assert re.search(r"clean text is \d+% of the raw page", flag)


def test_user_choices_override_detection(pages):
    text = raw("004")
    assert extract(text, outlet="galamedia").outlet_evidence == "chosen by user"
    assert extract(text, outlet="galamedia").published.utcoffset() == timedelta(hours=7)
    result = extract(raw("003"), url="https://www.galamedianews.com/internasional/123/x")
    assert (result.outlet, result.outlet_evidence) == ("galamedia", "URL domain galamedianews.com")


def test_short_repeated_lines_are_not_collapsed():
    text = "Judul\n\nDia berkata panjang tentang banyak hal.\n\nTidak.\n\nLalu.\n\nTidak.\n"
    result = extract(text)
    assert result.clean_text.count("Tidak.") == 2 and result.self_duplicates == ()


def test_single_repeated_paragraph_is_recorded():
    para = "Presiden mengatakan bahwa kerja sama kedua negara akan terus berlanjut tahun depan."
    text = f"Judul berita hari ini\n\n{para}\n\nKalimat lain di tengah.\n\n{para}\n"
    result = extract(text)
    assert result.clean_text.count(para) == 1
    (dup,) = result.self_duplicates
    assert text[dup.start : dup.end] == para and dup.original_start < dup.start


def test_crlf_tabs_and_markup_residue():
    text = raw("002").replace("\n", "\r\n")
    assert extract(text).clean_text == extract(raw("002")).clean_text
    messy = "Judul Berita\tLengkap Hari Ini\r\n<div class='x'>\r\nJAKARTA - Isi <b>berita</b>\x00 ini.\n"
    result = extract(messy)
    assert result.clean_text == "Isi berita ini."
    assert {r.reason for r in result.removed} >= {
        "markup residue",
        "control characters",
        "dateline",
    }


def test_related_list_items_go_but_following_prose_stays():
    text = (
        "Judul berita yang cukup panjang sekali\n\nIsi berita pertama yang lengkap.\n\n"
        "Berita Terkait\n\nJudul lain tentang hal lain\n\nJudul ketiga yang juga lain\n\n"
        "Paragraf penutup ini tetap bagian dari artikel.\n"
    )
    result = extract(text)
    assert "Judul lain" not in result.clean_text and "Judul ketiga" not in result.clean_text
    assert result.clean_text.endswith("Paragraf penutup ini tetap bagian dari artikel.")
    listed = [text[r.start : r.end] for r in result.removed if r.reason == "related-article list"]
    assert listed == [
        "Berita Terkait",
        "Judul lain tentang hal lain",
        "Judul ketiga yang juga lain",
    ]
