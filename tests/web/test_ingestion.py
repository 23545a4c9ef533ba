"""Importing pages through every door: services, the command, the web forms, a real HTTP fetch."""

import hashlib
import http.server
import io
import json
import socket

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from newsreader import services
from newsreader.models import Article, Story

from ..conftest import SAMPLE_FILES, SAMPLES, serving


def test_samples_land_in_one_story_with_the_right_outlets(sample_articles):
    assert [a.outlet.slug for a in sample_articles[:4]] == [
        "sindonews",
        "sindonews",
        "galamedia",
        "tribunnews",
    ]
    # the fifth sample has no URL and no outlet marker: an unknown outlet of its own
    last = sample_articles[4].outlet
    assert last.unknown and last.articles.count() == 1 and last.name.startswith("Unknown outlet")
    assert Story.objects.count() == 1
    assert all(a.grouping_note.startswith("Placed in this story") for a in sample_articles)
    assert all(a.story_pinned for a in sample_articles)


def test_raw_bytes_are_kept_byte_for_byte(sample_articles):
    for path, article in zip(SAMPLE_FILES, sample_articles, strict=True):
        article.refresh_from_db()
        assert bytes(article.raw_bytes) == path.read_bytes()
        assert article.content_hash == hashlib.sha256(path.read_bytes()).hexdigest()


def test_reimport_is_idempotent(sample_articles):
    again = services.article_import(data=SAMPLE_FILES[2].read_bytes(), source_kind="paste")
    assert not again.created
    assert again.article.pk == sample_articles[2].pk
    assert Article.objects.count() == 5


def test_import_command_json_lines_in_path_order(db):
    out = io.StringIO()
    paths = [str(SAMPLE_FILES[3]), str(SAMPLE_FILES[0])]
    call_command("import_articles", *paths, "--json", stdout=out)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [line["outlet"] for line in lines] == ["tribunnews", "sindonews"]
    assert all(line["new"] for line in lines)
    assert set(lines[0]) == {"id", "outlet", "title", "story", "story_id", "new"}
    # page dates two years apart (2025 and 2023): not grouped automatically
    assert lines[0]["story"] != lines[1]["story"]

    out = io.StringIO()
    call_command("import_articles", str(SAMPLES), "--json", stdout=out)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [line["new"] for line in lines] == [False, True, True, False, True]
    assert lines[4]["outlet"].startswith("unknown--")  # no URL, no marker: its own outlet


def test_import_command_story_title_gathers_the_samples_once(db):
    """`make run` runs this on every start: the second run finds the story, creates none."""
    title = "Putin dan Kim Jong Un bertemu"
    for _ in range(2):
        call_command("import_articles", str(SAMPLES), "--story-title", title, stdout=io.StringIO())
    story = Story.objects.get()
    assert story.title == title
    assert story.articles.count() == len(SAMPLE_FILES)
    assert all(a.story_pinned for a in story.articles.all())
    with pytest.raises(CommandError, match="needs a title"):
        call_command("import_articles", str(SAMPLES), "--story-title", "  ")


def test_import_command_human_output(db):
    out = io.StringIO()
    call_command("import_articles", str(SAMPLE_FILES[2]), stdout=out)
    line = out.getvalue().strip()
    assert line.startswith("✔ 002_") and "[galamedia]" in line and "imported as article" in line


def test_import_command_reports_bad_files_and_keeps_going(tmp_path, db):
    (tmp_path / "a.txt").write_bytes(b"")
    (tmp_path / "b.txt").write_bytes(SAMPLE_FILES[2].read_bytes())
    out = io.StringIO()
    with pytest.raises(CommandError, match=r"1 page\(s\) of 2 file"):
        call_command("import_articles", str(tmp_path), "--json", stdout=out)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert "empty" in lines[0]["error"]
    assert lines[1]["outlet"] == "galamedia"


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "empty.txt", "empty"),
        (b"   \n\n  ", "blank.txt", "empty"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "photo.txt", "binary"),
        (bytes(range(256)) * 8, "blob.txt", "binary"),
        (b'{"text": "Isi berita", "kategori": "x"}', "bad.json", "unknown field"),
        (b'{"text": ', "broken.json", "not valid JSON"),
        (b"[1, 2]", "list.json", "expected an object"),
        (b"PK\x03\x04rest", "pages.zip", "archives are not accepted"),
    ],
)
def test_bad_uploads_are_refused_clearly(editor_client, sample_articles, data, name, message):
    before = list(Article.objects.values_list("pk", "content_hash"))
    upload = io.BytesIO(data)
    upload.name = name
    response = editor_client.post(reverse("import"), {"kind": "upload", "files": [upload]})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert list(Article.objects.values_list("pk", "content_hash")) == before


def test_oversized_text_is_refused(editor_client, settings, db):
    settings.IMPORT_MAX_BYTES = 1000
    response = editor_client.post(reverse("import"), {"kind": "paste", "text": "kata " * 400})
    assert response.status_code == 400
    assert "limit of 1,000 bytes" in response.content.decode()
    assert not Article.objects.exists()


def test_empty_paste_is_refused(editor_client, db):
    response = editor_client.post(reverse("import"), {"kind": "paste", "text": "   "})
    assert response.status_code == 400
    assert (
        "This field is required" in response.content.decode()
        or "empty" in response.content.decode()
    )
    assert not Article.objects.exists()


def test_legacy_encoding_is_detected_not_crashed(db):
    text = SAMPLE_FILES[4].read_text("utf-8").replace("“", '"').replace("”", '"') + "\nKafé Müller"
    result = services.article_import(data=text.encode("cp1252"), source_kind="paste")
    assert result.created
    assert "Kafé Müller" in result.article.raw_text
    assert result.article.encoding != "utf-8"


def test_upload_several_files_and_jsonl(editor_client, db):
    files = []
    for path in SAMPLE_FILES[:2]:
        f = io.BytesIO(path.read_bytes())
        f.name = path.name
        files.append(f)
    jsonl = io.BytesIO(
        json.dumps(
            {"text": SAMPLE_FILES[3].read_text("utf-8"), "url": "https://www.tribunnews.com/x/1"}
        ).encode()
    )
    jsonl.name = "more.jsonl"
    files.append(jsonl)
    response = editor_client.post(reverse("import"), {"kind": "upload", "files": files})
    assert response.status_code == 200
    assert Article.objects.count() == 3
    tribun = Article.objects.get(url="https://www.tribunnews.com/x/1")
    assert tribun.outlet.slug == "tribunnews"


def test_paste_with_user_fields(editor_client, db):
    response = editor_client.post(
        reverse("import"),
        {
            "kind": "paste",
            "text": SAMPLE_FILES[4].read_text("utf-8"),
            "title": "Hertling: Putin mencari bantuan",
            "outlet": "galamedia",
            "published": "2023-09-12 10:00",
        },
    )
    assert response.status_code == 200
    article = Article.objects.get()
    assert article.title == "Hertling: Putin mencari bantuan"
    assert article.outlet.slug == "galamedia"
    assert article.published.year == 2023


def test_same_url_variants_are_one_article(db):
    text = SAMPLE_FILES[3].read_bytes()
    first = services.article_import(
        data=text,
        source_kind="paste",
        url="https://www.tribunnews.com/internasional/2023/09/05/putin",
    )
    second = services.article_import(
        data=text + b"\n",
        source_kind="paste",
        url="https://m.tribunnews.com/amp/internasional/2023/09/05/putin/?utm_source=fb#top",
    )
    assert first.created and not second.created
    assert second.article.pk == first.article.pk


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/big":
            body = b"<html><body>" + b"<p>kata kata</p>" * 100_000 + b"</body></html>"
        else:
            paragraphs = SAMPLE_FILES[2].read_text("utf-8").split("\n\n")
            body = (
                "<!doctype html><html><head><title>t</title></head><body><nav>Home | News</nav><article>"
                + "".join(f"<p>{p}</p>" for p in paragraphs)
                + "</article><footer>footer</footer></body></html>"
            ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def local_server(settings):
    settings.FETCH_ALLOW_PRIVATE = True  # the server listens on 127.0.0.1
    with serving(_Handler) as url:
        yield url


def test_fetch_by_url_from_a_real_server(editor_client, local_server, db):
    response = editor_client.post(
        reverse("import"), {"kind": "fetch", "url": f"{local_server}/kim-putin"}
    )
    assert response.status_code == 200, response.content.decode()
    article = Article.objects.get()
    assert article.source_kind == "url"
    assert "Kim Jong Un dan Presiden Rusia Vladimir Putin bertemu" in article.clean_text
    assert "footer" not in article.clean_text
    assert bytes(article.raw_bytes).startswith(b"<!doctype html>")


def test_fetch_size_limit_and_unreachable(editor_client, local_server, settings, db):
    settings.IMPORT_MAX_BYTES = 100_000
    response = editor_client.post(
        reverse("import"), {"kind": "fetch", "url": f"{local_server}/big"}
    )
    assert response.status_code == 400
    assert "larger than the limit" in response.content.decode()

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed_port = s.getsockname()[1]
    response = editor_client.post(
        reverse("import"), {"kind": "fetch", "url": f"http://127.0.0.1:{closed_port}/x"}
    )
    assert response.status_code == 400
    assert "could not fetch" in response.content.decode()
    assert not Article.objects.exists()


def test_broken_utf8_after_a_bom_is_refused_not_a_crash(editor_client, db):
    upload = io.BytesIO(b"\xef\xbb\xbfBerita \xff\xfe rusak")
    upload.name = "bom.txt"
    response = editor_client.post(reverse("import"), {"kind": "upload", "files": [upload]})
    assert response.status_code == 400
    assert "not valid utf-8-sig" in response.content.decode()
    assert not Article.objects.exists()


def test_one_refused_json_record_does_not_stop_the_others(tmp_path, db):
    records = [
        {"text": SAMPLE_FILES[2].read_text("utf-8"), "published": "2023-09-14T16:22:00"},
        {"text": "<p></p>"},
        {"text": SAMPLE_FILES[3].read_text("utf-8")},
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    out = io.StringIO()
    with pytest.raises(CommandError, match=r"1 page\(s\) of 1 file"):
        call_command("import_articles", str(path), "--json", stdout=out)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [line.get("outlet", "error") for line in lines] == ["galamedia", "error", "tribunnews"]
    galamedia = Article.objects.get(pk=lines[0]["id"])
    assert galamedia.published.utcoffset() is not None  # a naive ISO date is made aware


def test_overlong_json_fields_are_refused(editor_client, db):
    upload = io.BytesIO(json.dumps({"text": "Isi berita", "outlet": "x" * 201}).encode())
    upload.name = "long.json"
    response = editor_client.post(reverse("import"), {"kind": "upload", "files": [upload]})
    assert response.status_code == 400
    assert "&#x27;outlet&#x27; is longer than 200" in response.content.decode()


def test_import_command_bulk_reports_like_one_at_a_time(tmp_path, db):
    (tmp_path / "b.txt").write_bytes(b"")  # refused, reported between the others
    for path in SAMPLE_FILES[:2]:
        (tmp_path / ("a" + path.name)).write_bytes(path.read_bytes())
    for path in SAMPLE_FILES[2:]:
        (tmp_path / ("c" + path.name)).write_bytes(path.read_bytes())
    out = io.StringIO()
    with pytest.raises(CommandError, match=r"1 page\(s\) of 6 file"):
        call_command("import_articles", str(tmp_path), "--bulk", "--json", stdout=out)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [line.get("outlet", "error").split("--")[0] for line in lines] == [
        "sindonews",
        "sindonews",
        "error",
        "galamedia",
        "tribunnews",
        "unknown",
    ]
    assert all(line["story"] for line in lines if "error" not in line)

    out = io.StringIO()
    call_command("import_articles", *map(str, SAMPLE_FILES), "--bulk", "--json", stdout=out)
    assert [json.loads(line)["new"] for line in out.getvalue().splitlines()] == [False] * 5
