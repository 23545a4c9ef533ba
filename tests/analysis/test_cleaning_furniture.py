"""Furniture families of Indonesian portals: each removed (whole line and inline) with its
reason, while a body sentence that resembles it is kept. Pages are constructed text."""

from __future__ import annotations

import pytest

from newsreader.analysis.cleaning import (
    beyond_rules,
    extract,
    learn_furniture,
    pattern_rule,
    valid_pattern,
)

LEAD = "Pemerintah kota menambah jumlah bus sekolah mulai pekan depan, kata wali kota pada Senin."
CLOSE = "Wali kota berharap bus baru itu mengurangi kemacetan di depan sekolah setiap pagi."
TITLE = "Bus Sekolah Ditambah Mulai Pekan Depan"


def page(*middle: str) -> str:
    return "\n".join([LEAD, *middle, CLOSE])


def reasons(raw: str, result) -> dict[str, str]:
    return {raw[r.start : r.end]: r.reason for r in result.removed}


FAMILIES = [
    # (furniture line, its reason, a body sentence that resembles it)
    (
        "Baca juga: Harga Cabai Naik Jelang Lebaran",
        "read-also teaser",
        "Warga diminta membaca juga aturan baru sebelum mendaftar.",
    ),
    ("ADVERTISEMENT", "advertisement", "Dinas memasang iklan layanan masyarakat di halte."),
    (
        "SCROLL TO CONTINUE WITH CONTENT",
        "advertisement",
        "Penumpang diminta terus menggulir aplikasi untuk melihat jadwal.",
    ),
    ("[Gambas:Video 20detik]", "embed marker", "Rekaman video kejadian itu beredar luas."),
    (
        "Simak Video 'Antrean Panjang di Terminal Bus':",
        "video teaser",
        "Petugas menyimak video rekaman kamera pengawas di terminal.",
    ),
    (
        "Artikel ini telah tayang di Kabarkota.com dengan judul Bus Baru Tiba",
        "syndication note",
        "Artikel dalam peraturan itu telah diubah dua kali oleh dewan.",
    ),
    (
        "Baca berita menarik lainnya di Google News",
        "Google News promo",
        "Warga membaca berita itu di berbagai media pada pagi hari.",
    ),
    (
        "Ikuti WhatsApp Channel Kabarkota untuk berita terkini",
        "channel promo",
        "Sekolah membagikan jadwal lewat grup WhatsApp orang tua murid.",
    ),
    (
        "Laporan Wartawan Kabarkota, Sinta Dewi",
        "byline",
        "Laporan keuangan dinas perhubungan akan diperiksa tahun ini.",
    ),
    ("Sumber: Dinas Perhubungan", "source line", "Sumber dana pembelian bus berasal dari APBD."),
    ("(Rina Wulandari)", "editor credit", "Kepala dinas (Rina Wulandari) hadir dalam acara itu."),
    ("-------", "separator", "Jarak antarhalte kini sekitar 500 meter - lebih dekat dari dulu."),
    (
        "Baca berita selengkapnya di sini.",
        "read-more link",
        "Dinas meminta warga membaca aturan selengkapnya di kantor kelurahan.",
    ),
]


@pytest.mark.parametrize(("line", "reason", "body"), FAMILIES, ids=[f[1] for f in FAMILIES])
def test_furniture_line_removed_and_lookalike_body_kept(line, reason, body):
    raw = page(line, body)
    result = extract(raw, title=TITLE)
    assert reasons(raw, result).get(line) == reason
    assert line not in result.clean_text.split("\n\n")
    assert body in result.clean_text
    assert result.clean_text.startswith(LEAD)


INLINE = [
    ("ADVERTISEMENT", "advertisement"),
    ("SCROLL TO CONTINUE WITH CONTENT", "scroll prompt"),
    ("[Gambas:Video 20detik]", "embed marker"),
    ("Baca juga: Harga Cabai Naik di Pasar Induk", "read-also teaser"),
]


@pytest.mark.parametrize(("furniture", "reason"), INLINE, ids=[i[1] for i in INLINE])
def test_inline_furniture_cut_out_of_the_paragraph(furniture, reason):
    first = "Bus pertama tiba di terminal pada pukul enam pagi."
    second = "Budi mengatakan penumpang sudah menunggu sejak subuh."
    raw = page(f"{first} {furniture} {second}")
    result = extract(raw, title=TITLE)
    assert reasons(raw, result).get(furniture) == reason
    assert first in result.clean_text and second in result.clean_text
    assert furniture not in result.clean_text


def test_inline_teasers_at_the_end_of_a_paragraph_go_to_the_end():
    sentence = "Bus baru itu berwarna kuning dan berkapasitas 40 penumpang."
    teaser = "Simak juga Video: Bus Kuning Mulai Beroperasi"
    raw = page(f"{sentence} {teaser}")
    result = extract(raw, title=TITLE)
    assert reasons(raw, result).get(teaser) == "video teaser"
    assert sentence in result.clean_text


def test_trailing_tag_list_and_initials_removed():
    raw = page() + " (wsw/wsw)\nTags:\nbus sekolah\nwali kota"
    result = extract(raw, title=TITLE)
    found = reasons(raw, result)
    assert found["(wsw/wsw)"] == "editor initials"
    assert {found["Tags:"], *(v for k, v in found.items() if "wali kota" in k)} == {"tag list"}
    assert result.clean_text.endswith("setiap pagi.")
    assert "wsw" in result.authors


def test_line_broken_at_a_link_is_rejoined_not_dropped():
    raw = "\n".join(
        [
            "Menteri Dalam Negeri (Mendagri)",
            "Tito Karnavian",
            "menjelaskan bahwa pemerintah daerah wajib menyiapkan anggaran bus sekolah.",
            CLOSE,
        ]
    )
    result = extract(raw, title="Mendagri Minta Daerah Siapkan Bus Sekolah")
    assert result.clean_text.startswith(
        "Menteri Dalam Negeri (Mendagri) Tito Karnavian menjelaskan bahwa pemerintah"
    )
    assert not result.removed
    for clean_start, raw_start, length in result.segments:
        piece = result.clean_text[clean_start : clean_start + length]
        assert piece == raw[raw_start : raw_start + length]


def test_separate_sentences_on_separate_lines_are_not_joined():
    raw = "\n".join([LEAD, "Jadwal Bus Baru", CLOSE])
    result = extract(raw, title=TITLE)
    assert "Jadwal Bus Baru\n\n" in result.clean_text or "Jadwal Bus Baru" not in result.clean_text
    assert LEAD + " Jadwal" not in result.clean_text


def test_lead_without_full_stop_is_kept_when_the_title_is_given():
    lead = "Ratusan siswa menyambut kedatangan bus sekolah baru di halaman balai kota"
    raw = "\n".join([lead, CLOSE])
    result = extract(raw, title=TITLE)
    assert result.clean_text.startswith(lead)


def _articles(n: int, furniture: str) -> list[tuple[str, str]]:
    topics = ["banjir", "pasar", "sekolah", "jalan", "pajak", "kesehatan", "pemilu", "pangan"]
    return [
        (
            f"story-{i}",
            f"Berita tentang {topics[i % len(topics)]} nomor {i} diterbitkan pada pagi hari.\n"
            f"{furniture}\nIsi berita {i} menjelaskan keadaan {topics[i % len(topics)]}.",
        )
        for i in range(n)
    ]


def test_learned_furniture_recurring_line_removed_with_its_count():
    promo = "Dukung jurnalisme warga bersama Kabarkota"
    learned = learn_furniture(_articles(6, promo), "Kabarkota")
    assert [(f.text, f.articles) for f in learned] == [(promo, 6)]
    raw = page(promo)
    result = extract(raw, title=TITLE, learned=learned)
    assert reasons(raw, result)[promo] == "recurs in 6 articles of Kabarkota"
    assert LEAD in result.clean_text and CLOSE in result.clean_text


def test_learned_furniture_needs_different_stories_and_respects_editors():
    promo = "Dukung jurnalisme warga bersama Kabarkota"
    same_story = [("one-story", text) for _, text in _articles(6, promo)]
    assert learn_furniture(same_story, "Kabarkota") == ()
    assert learn_furniture(_articles(4, promo), "Kabarkota") == ()
    marked = learn_furniture(_articles(6, promo), "Kabarkota", kept_as_body={promo.lower()})
    assert marked == ()


def test_recurring_prose_paragraph_needs_many_more_stories():
    background = "Kebijakan itu berlaku sejak awal tahun dan diawasi oleh dinas perhubungan kota."
    assert learn_furniture(_articles(8, background), "Kabarkota") == ()


def test_editor_pattern_removes_whole_lines_only_and_star_is_any_text():
    rule = pattern_rule("baca   berita * di kanal kami", "Kabarkota")
    teaser = "Baca Berita Kabarkota lainnya di kanal kami"
    inside = "Warga diminta baca berita resmi di kanal kami, kata camat, agar tidak termakan hoaks."
    raw = page(teaser + "\n" + inside)
    result = extract(raw, title=TITLE, patterns=(rule,))
    assert reasons(raw, result)[teaser] == "furniture pattern of Kabarkota"
    assert inside in result.clean_text and LEAD in result.clean_text
    assert valid_pattern("Simak * di sini") and not valid_pattern(" * * ")
    assert not valid_pattern("x " * 200)


@pytest.mark.parametrize(
    "credit, caption",
    [
        ("Rina Sari/Money.kabarkota.com", "Ilustrasi antrean bus sekolah di terminal."),
        ("Dok. Freepik/Freepik", "Bus sekolah baru diparkir di halaman balai kota."),
    ],
)
def test_photo_credit_glued_to_its_caption_is_removed_and_a_slash_in_prose_kept(credit, caption):
    line = credit + caption
    prose = "Kepala Dinas Perhubungan/Kadishub Kota Bandung memeriksa bus baru itu pada Selasa."
    route = "Bandung/TransMetro"
    raw = page(line, prose, route)
    result = extract(raw, title=TITLE)
    assert reasons(raw, result)[credit] == "photo credit"
    assert reasons(raw, result)[caption] == "photo caption"
    assert prose in result.clean_text and route in result.clean_text
    assert LEAD in result.clean_text and CLOSE in result.clean_text


def test_team_byline_on_the_last_line_is_removed_and_a_team_in_the_body_kept():
    team = "Tim SAR Gabungan"
    raw = "\n".join([LEAD, team, "Tim SAR gabungan menyisir sungai sejak Senin pagi.", CLOSE])
    byline = raw + "\nTim Kabarkota"
    result = extract(byline, title=TITLE)
    assert reasons(byline, result)["Tim Kabarkota"] == "byline"
    assert "Tim Kabarkota" in result.authors and "Tim Kabarkota" not in result.clean_text
    assert team in result.clean_text and "menyisir sungai" in result.clean_text
    assert CLOSE in result.clean_text


def test_learned_lines_that_a_rule_removes_anyway_are_not_kept_as_learned():
    promo = "Dukung jurnalisme warga bersama Kabarkota"
    pages = [
        (s, f"{t}\nADVERTISEMENT\nBaca Juga\n[Gambas:Video 20detik]")
        for s, t in _articles(6, promo)
    ]
    learned = learn_furniture(pages, "Kabarkota")
    assert {f.text for f in learned} >= {promo, "ADVERTISEMENT", "Baca Juga"}
    assert [f.text for f in beyond_rules(learned)] == [promo]
