"""Encoding detection tuned for Indonesian pages: UTF-8 first (a few invalid bytes replaced and
counted), then Windows-1252 before any other single-byte code page."""

import pytest

from newsreader import services
from newsreader.analysis.decoding import decode, replaced_bytes

NAIVE = (
    "Seorang turis yang naïve memesan café au lait di Jalan Braga, Bandung, "
    "lalu membayar €2 untuk secangkir kopi – “enak sekali,” katanya."
)
QUOTES = (
    "“Kami tidak akan mundur,” kata Budi. “Jalan ini milik warga,” ujarnya. "
    "“Pemerintah harus mendengar,” kata Siti di Café Braga. "
)


@pytest.mark.parametrize("codec", ["cp1252", "latin-1"])
def test_western_single_byte_pages_are_read_as_windows_1252(codec):
    text = NAIVE if codec == "cp1252" else NAIVE.replace("€", "EUR").replace("–", "-")
    if codec == "latin-1":
        text = text.replace("“", '"').replace("”", '"')
    decoded, encoding = decode(text.encode(codec))
    assert decoded == text
    assert encoding == "cp1252"


def test_utf8_with_one_stray_byte_stays_utf8_with_the_byte_replaced():
    data = QUOTES.encode() + b"\xa0" + QUOTES.encode()
    text, encoding = decode(data)
    assert encoding == "utf-8"
    assert text == QUOTES + "\ufffd" + QUOTES
    assert replaced_bytes(data, encoding) == 1
    assert replaced_bytes(QUOTES.encode(), "utf-8") == 0


def test_stray_bytes_do_not_lose_quotes(db):
    data = QUOTES.encode() + b"\x96 " + QUOTES.encode()
    article = services.article_import(data=data, source_kind="upload", file_name="k.txt").article
    assert article.encoding == "utf-8"
    assert article.clean_text.count("“") == 6
    assert "Café" in article.clean_text


def test_a_cp1252_json_file_is_stored_as_written(editor_client, db):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from newsreader.models import Article

    text = NAIVE.replace("“", "'").replace("”", "'")
    data = '{"title": "Kafé naïve", "text": "' + text + '"}'
    upload = SimpleUploadedFile("berita.json", data.encode("cp1252"))
    editor_client.post(reverse("import"), {"kind": "upload", "files": [upload]})
    article = Article.objects.get()
    assert article.title == "Kafé naïve"
    assert "naïve" in article.clean_text and "€2" in article.clean_text


def test_the_raw_view_names_the_encoding_and_the_replaced_bytes(client, db):
    data = QUOTES.encode() + b"\xa0" + QUOTES.encode()
    article = services.article_import(data=data, source_kind="upload", file_name="k.txt").article
    page = client.get(article.get_absolute_url() + "?view=raw").text
    assert "utf-8" in page and "1 invalid byte replaced" in page
    other = services.article_import(
        data=NAIVE.encode("cp1252"), source_kind="upload", file_name="w.txt"
    ).article
    assert "cp1252" in client.get(other.get_absolute_url() + "?view=raw").text
