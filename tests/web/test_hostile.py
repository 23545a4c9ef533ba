"""Hostile input: markup, script URLs, control and bidi characters, huge lines, odd uploads.

Every core page must show such text as text (escaped), exports must carry it as data, and
uploads must be limited, sniffed and never written to disk under the name they came with.
"""

import csv
import io
import json
from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from newsreader import services
from newsreader.models import Article

from ..conftest import SAMPLE_FILES

SCRIPT = '<script>alert("xss")</script>'
IMG = "<img src=x onerror=alert(1)>"
LINK = '<a href="javascript:alert(2)" onclick="steal()">klik</a>'
LONG_LINE = "panjang " * 25_000  # a 200,000-character line
HOSTILE_TEXT = (
    f"TRIBUNNEWS.COM - Polisi {SCRIPT} menyatakan {LINK} bahwa banjir melanda {IMG} kota.\n\n"
    "Bel\x07 berbunyi dan \x1b[31m warna merah \u202eterbalik\u202c di tengah kalimat.\n\n"
    "<div <b>tidak ditutup <!-- komentar tanpa akhir <p onmouseover='x()'\n\n"
    f"{LONG_LINE}\n\n"
    "Paragraf terakhir yang cukup panjang untuk tetap menjadi isi artikel yang sebenarnya."
)
HOSTILE_TITLE = f'=HYPERLINK("http://evil.example","klik") {SCRIPT}"><b>x</b>\x07\u202e'


class _Markup(HTMLParser):
    """Every element and attribute a browser would see."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


def assert_inert(html: str) -> None:
    """No script but our own files, no event handlers, no script URLs, no injected elements."""
    parser = _Markup()
    parser.feed(html)
    for tag, attrs in parser.elements:
        assert tag not in {"img", "iframe", "object", "embed", "b"}, (tag, attrs)
        if tag == "script":
            assert attrs.get("src", "").startswith("/static/"), attrs
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            assert not (value or "").strip().lower().startswith("javascript:"), (tag, name)
    for raw in (SCRIPT, IMG, LINK, "<b>x</b>", "<div <b>"):
        assert raw not in html


@pytest.fixture
def hostile(db):
    article = services.article_import(
        data=HOSTILE_TEXT.encode("utf-8"),
        source_kind="paste",
        title=HOSTILE_TITLE,
        url="https://example.com/berita?q=<script>&x=\"'",
        file_name=f"{IMG}.txt",
    ).article
    services.story_analysis_queue(story_id=article.story_id)  # as the worker does
    return article


def test_every_core_page_shows_hostile_text_as_text(editor_client, hostile):
    hostile.refresh_from_db()
    assert SCRIPT in hostile.raw_text and LONG_LINE.strip() in hostile.clean_text
    assert hostile.title == HOSTILE_TITLE
    pages = [
        reverse("home"),
        hostile.story.get_absolute_url(),
        hostile.get_absolute_url(),
        hostile.get_absolute_url() + "?view=raw",
        hostile.outlet.get_absolute_url(),
        reverse("article-edit", args=[hostile.pk]),
    ]
    for url in pages:
        response = editor_client.get(url)
        assert response.status_code == 200, url
        assert_inert(response.text)
    raw_view = editor_client.get(hostile.get_absolute_url() + "?view=raw").text
    assert "&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;" in raw_view
    # Control characters are kept in the stored text and shown as visible symbols.
    body = raw_view.split('<pre class="raw-text">', 1)[1].split("</pre>", 1)[0]
    assert "\u2407" in body and "\u241b" in body
    assert "\x07" not in body and "\x1b" not in body
    assert "\x07" in hostile.raw_text and "\x1b" in hostile.raw_text
    assert "\u202eterbalik" in raw_view  # bidi override kept as text, inside its own paragraph


def test_import_results_escape_file_names_and_titles(editor_client, db):
    upload = SimpleUploadedFile(f'{IMG}"&.txt', HOSTILE_TEXT.encode("utf-8"))
    response = editor_client.post(reverse("import"), {"kind": "upload", "files": [upload]})
    assert response.status_code == 200
    assert_inert(response.text)
    assert "&lt;img src=x onerror=alert(1)&gt;&quot;&amp;.txt" in response.text
    assert Article.objects.count() == 1


def test_exports_carry_hostile_text_as_data(client, hostile):
    story = hostile.story
    response = client.get(reverse("story-export-json", args=[story.slug]))
    assert response["Content-Type"] == "application/json"
    assert response["X-Content-Type-Options"] == "nosniff"
    document = json.loads(response.content)
    (article,) = document["articles"]
    assert article["title"] == HOSTILE_TITLE
    assert article["clean_text"] == hostile.clean_text
    assert article["url"] == hostile.url

    response = client.get(reverse("story-export-csv", args=[story.slug, "articles"]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8"))))
    title = rows[1][rows[0].index("title")]
    assert title == "'" + HOSTILE_TITLE  # the formula is neutralised, the text kept
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@")), cell


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_cells_starting_a_formula_are_neutralised(client, db, start):
    article = services.article_import(
        data=SAMPLE_FILES[3].read_bytes(), source_kind="paste"
    ).article
    services.article_correct(
        article=article, changes={"title": f"{start}1+1", "authors": [f"{start}cmd|' /C calc'!A0"]}
    )
    services.story_analysis_queue(story_id=article.story_id)  # as the worker does
    response = client.get(reverse("story-export-csv", args=[article.story.slug, "articles"]))
    header, row = list(csv.reader(io.StringIO(response.content.decode("utf-8"))))
    assert row[header.index("title")] == f"'{start}1+1"
    assert row[header.index("authors")].startswith("'")


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "//evil.example/x"]
)
def test_script_and_data_urls_are_refused(editor_client, db, url):
    record = json.dumps({"text": HOSTILE_TEXT, "url": url}).encode()
    upload = SimpleUploadedFile("records.json", record)
    response = editor_client.post(reverse("import"), {"kind": "upload", "files": [upload]})
    assert response.status_code == 400
    assert "not a valid http:// or https:// address" in response.text
    assert Article.objects.count() == 0
    with pytest.raises(services.ImportRefused):
        services.article_import(data=b"teks berita", source_kind="paste", url=url)


def test_nul_bytes_are_refused_clearly(editor_client, db):
    upload = SimpleUploadedFile("binary.txt", b"teks\x00biner " * 20)
    response = editor_client.post(reverse("import"), {"kind": "upload", "files": [upload]})
    assert "NUL bytes" in response.text and Article.objects.count() == 0
    response = editor_client.post(reverse("import"), {"kind": "paste", "text": "teks\x00biner"})
    assert response.status_code == 400 and Article.objects.count() == 0


def test_mixed_encodings_are_read_not_crashed(client, db):
    utf8 = SAMPLE_FILES[2].read_bytes()
    data = utf8 + "\n\nKafé di Jalan Braga menjual kopi seharga €2.".encode("cp1252")
    article = services.article_import(data=data, source_kind="upload", file_name="mix.txt").article
    article.refresh_from_db()
    assert bytes(article.raw_bytes) == data
    assert "GALAMEDIANEWS" in article.raw_text and "Jalan Braga" in article.raw_text
    for view in ("clean", "raw"):
        assert client.get(article.get_absolute_url() + f"?view={view}").status_code == 200


def test_upload_size_limit(editor_client, settings, db):
    settings.IMPORT_MAX_BYTES = 1000
    upload = SimpleUploadedFile("big.txt", b"kata " * 400)
    response = editor_client.post(reverse("import"), {"kind": "upload", "files": [upload]})
    assert response.status_code == 400
    assert "the limit is 1,000" in response.text and Article.objects.count() == 0


def test_upload_count_limit(editor_client, settings, db):
    settings.IMPORT_MAX_FILES = 2
    files = [SimpleUploadedFile(p.name, p.read_bytes()) for p in SAMPLE_FILES[:3]]
    response = editor_client.post(reverse("import"), {"kind": "upload", "files": files})
    assert response.status_code == 400
    assert "At most 2 files per upload" in response.text and Article.objects.count() == 0
    # Beyond Django's own request limit the request is rejected before any parsing.
    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 2
    files = [SimpleUploadedFile(p.name, p.read_bytes()) for p in SAMPLE_FILES[:3]]
    response = editor_client.post(reverse("import"), {"kind": "upload", "files": files})
    assert response.status_code == 400 and Article.objects.count() == 0


def test_path_traversal_names_are_reduced_to_base_names(editor_client, tmp_path, monkeypatch, db):
    working = tmp_path / "a" / "b"
    working.mkdir(parents=True)
    monkeypatch.chdir(working)
    names = ["../../escape.txt", "..\\..\\windows.txt", "/etc/passwd.txt"]
    files = [
        SimpleUploadedFile(name, path.read_bytes())
        for name, path in zip(names, SAMPLE_FILES, strict=False)
    ]
    response = editor_client.post(reverse("import"), {"kind": "upload", "files": files})
    assert response.status_code == 200
    stored = sorted(Article.objects.values_list("file_name", flat=True))
    assert stored == ["escape.txt", "passwd.txt", "windows.txt"]
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []  # nothing written anywhere


def test_content_is_sniffed_not_trusted_by_name(editor_client, db):
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
    html = (
        "<!doctype html><html><head><title>t</title></head><body><nav>Beranda | Berita</nav>"
        "<article>"
        + "".join(f"<p>{p}</p>" for p in SAMPLE_FILES[2].read_text("utf-8").split("\n\n"))
        + "</article><footer>kaki halaman</footer></body></html>"
    ).encode()
    files = [
        SimpleUploadedFile("picture.txt", png),
        SimpleUploadedFile("page.txt", html),
        SimpleUploadedFile("bundle.txt", b"PK\x03\x04" + b"\x00" * 100),
        SimpleUploadedFile("bundle.zip", b"PK\x03\x04" + b"\x00" * 100),
        SimpleUploadedFile("bundle.tar.gz", b"\x1f\x8b\x08" + b"\x00" * 100),
    ]
    response = editor_client.post(reverse("import"), {"kind": "upload", "files": files})
    text = response.text
    assert "picture.txt: this is a binary file" in text
    assert "bundle.txt: this is a binary file" in text
    assert text.count("archives are not accepted") == 2
    (article,) = Article.objects.all()
    assert article.file_name == "page.txt"
    assert "<p>" not in article.raw_text and "Beranda | Berita" not in article.clean_text
