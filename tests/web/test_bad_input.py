"""Bad values at every entry path get a message, never a server error, and what is stored
holds no NUL or lone surrogate (so it restores into either database)."""

import codecs
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from newsreader import services
from newsreader.analysis.decoding import NotText, decode
from newsreader.models import Article

TEXT = (
    "Pemerintah kota mengumumkan bahwa banjir melanda tiga kecamatan pada Senin pagi. "
    "Warga diminta mengungsi ke balai desa terdekat sambil menunggu bantuan datang."
)


def _upload(editor_client, *files):
    uploads = [SimpleUploadedFile(name, data) for name, data in files]
    return editor_client.post(reverse("import"), {"kind": "upload", "files": uploads})


def _json(**fields) -> bytes:
    # json.dumps writes a lone surrogate or NUL as a \\u escape, as a hostile file would
    return json.dumps({"text": TEXT, **fields}).encode()


@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF8 + TEXT.encode() + b"\x00\x00binary",
        codecs.BOM_UTF16_LE + (TEXT + "\x00\x00").encode("utf-16-le"),
        codecs.BOM_UTF32_LE + (TEXT + "\x00").encode("utf-32-le"),
    ],
)
def test_nul_behind_a_byte_order_mark_is_refused(data):
    with pytest.raises(NotText, match="NUL"):
        decode(data)


def test_utf32_with_a_byte_order_mark_is_read():
    text, encoding = decode(codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le"))
    assert text == TEXT and encoding == "utf-32"


def test_a_bad_file_among_three_is_reported_and_the_others_imported(editor_client, db):
    response = _upload(
        editor_client,
        ("satu.txt", TEXT.encode()),
        ("dua.txt", codecs.BOM_UTF8 + b"teks\x00\x00biner"),
        ("tiga.txt", TEXT.replace("Senin", "Kamis").encode()),
    )
    assert response.status_code == 200
    assert "dua.txt" in response.text and "NUL" in response.text
    assert sorted(Article.objects.values_list("file_name", flat=True)) == ["satu.txt", "tiga.txt"]


@pytest.mark.parametrize(
    "fields",
    [
        {"title": "Banjir\u0000 kota", "url": "https://news.example.id/a\u0000b"},
        {"outlet": "\ud83d", "title": "Banjir \ud83d kota"},
        {"title": "Banjir\x07\x1b[31m kota"},
    ],
)
def test_nul_controls_and_lone_surrogates_in_json_fields_are_removed(editor_client, db, fields):
    response = _upload(editor_client, ("berita.json", _json(**fields)))
    assert response.status_code == 200
    article = Article.objects.get()
    for value in (article.title, article.url, article.raw_text, article.clean_text):
        assert "\x00" not in value and "\x07" not in value
        value.encode("utf-8")  # no lone surrogate left
    assert article.title.startswith("Banjir")
    editor_client.get(reverse("story-analysis-status", args=[article.story.slug]))  # as polled
    export = editor_client.get(reverse("story-export-json", args=[article.story.slug]))
    assert export.status_code == 200


def test_a_lone_surrogate_in_the_text_is_replaced(editor_client, db):
    response = _upload(
        editor_client, ("berita.json", json.dumps({"text": TEXT + " \udc00"}).encode())
    )
    assert response.status_code == 200
    article = Article.objects.get()
    assert article.clean_text.endswith("\ufffd")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"[" * 100_000, "nested too deeply"),
        (b"[" * 5_000 + b"]" * 5_000, "nested too deeply"),
        (b'{"text": "' + TEXT.encode() + b'", "title": ' + b"7" * 5001 + b"}", "number too long"),
    ],
)
def test_json_a_parser_cannot_take_is_refused_clearly(editor_client, db, data, message):
    response = _upload(editor_client, ("berita.json", data), ("ok.txt", TEXT.encode()))
    assert response.status_code == 200
    assert message in response.text
    assert Article.objects.get().file_name == "ok.txt"


def test_json_a_parser_cannot_take_is_refused_on_the_command_line(tmp_path, db):
    path = tmp_path / "dalam.json"
    path.write_bytes(b"[" * 100_000)
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="could not be imported"):
        call_command("import_articles", str(path), stdout=out, stderr=err)
    assert "nested too deeply" in out.getvalue() + err.getvalue()


@pytest.mark.parametrize("published", ["0001-01-01 00:00", "9999-12-31T23:59:59-12:00"])
def test_dates_out_of_range_in_json_are_reported(editor_client, db, published):
    response = _upload(editor_client, ("berita.json", _json(published=published)))
    assert response.status_code == 400  # nothing imported
    assert "outside the years" in response.text
    assert Article.objects.count() == 0


@pytest.mark.parametrize("published", ["0001-01-01 00:00", "9999-12-31 23:59"])
def test_dates_out_of_range_in_paste_and_correction_are_form_errors(editor_client, db, published):
    response = editor_client.post(
        reverse("import"), {"kind": "paste", "text": TEXT, "published": published}
    )
    assert response.status_code == 400
    assert "outside the years" in response.text
    article = services.article_import(data=TEXT.encode(), source_kind="paste").article
    response = editor_client.post(
        reverse("article-edit", args=[article.pk]),
        {"title": "Banjir", "outlet": article.outlet.slug, "published": published},
    )
    assert response.status_code in {200, 400}
    assert "outside the years" in response.text
    article.refresh_from_db()
    assert article.published is None or article.published.year > 1800


def test_a_file_name_too_long_for_the_form_parser_gets_a_page_saying_why(editor_client):
    """A browser sends the file name in the part's headers, which Django reads only up to
    1,024 bytes: a 1,000-character name made the upload a bare 400 before."""
    name = "berita-" + "x" * 1000 + ".txt"
    body = (
        b"--B\r\n"
        + f'Content-Disposition: form-data; name="files"; filename="{name}"\r\n'.encode()
        + b"Content-Type: text/plain\r\n\r\n"
        + TEXT.encode()
        + b'\r\n--B\r\nContent-Disposition: form-data; name="kind"\r\n\r\nupload\r\n--B--\r\n'
    )
    response = editor_client.post(
        reverse("import"), data=body, content_type="multipart/form-data; boundary=B"
    )
    assert response.status_code == 400
    assert "a file name is too long" in response.text and "Rename the file" in response.text
    assert reverse("import") in response.text
    assert Article.objects.count() == 0
