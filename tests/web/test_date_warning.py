"""The cleaning's date warning reads as a sentence in the reader's language on the article page."""

import pytest

from newsreader import services

PAGE = (
    "Sabtu, 4 Oktober 2025\n\n"
    "Banjir Rendam Ratusan Rumah di Bandung Selatan\n\n"
    "Banjir merendam ratusan rumah warga di Kecamatan Baleendah, Kabupaten Bandung, pada Selasa "
    "(12/9/2023) dini hari setelah hujan deras mengguyur sejak sore.\n\n"
    "Petugas BPBD mengevakuasi warga lanjut usia dan anak-anak ke masjid terdekat, kata kepala "
    "pelaksana BPBD kepada wartawan."
)


@pytest.fixture
def article(db):
    article = services.article_import(data=PAGE.encode(), source_kind="paste").article
    assert "2025-10-04" in article.extraction["date_warning"]
    return article


def test_the_date_warning_is_a_sentence_with_both_dates(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    assert "The page date 2025-10-04 is 753 days after the newest date in the text" in html
    assert "(2023-09-12)" in html and "taken as the publication date" in html
    assert "the page date is likely the scrape" not in html  # the core's wording is not shown


@pytest.mark.indonesian
def test_the_date_warning_reads_in_indonesian(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Tanggal halaman 2025-10-04 jatuh 753 hari setelah" in html
    assert "diambil sebagai tanggal terbit" in html
