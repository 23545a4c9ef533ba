"""The interface speaks Bahasa Indonesia by default and English on the switch; dates and
numbers follow the language; export keys and column headers do not."""

import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from newsreader import services
from newsreader.models import Article, Story

pytestmark = pytest.mark.indonesian


def _english(client):
    return client.post(reverse("set_language"), {"language": "en", "next": "/"})


def test_pages_read_in_indonesian_by_default_whatever_the_browser_asks(client, sample_articles):
    story = Story.objects.get()
    html = client.get(story.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content
    html = html.decode()
    assert '<html lang="id">' in html
    assert "Bandingkan berdampingan" in html and "5 artikel di berita ini" in html
    assert "Compare side by side" not in html
    assert 'aria-pressed="true">Bahasa Indonesia</button>' in html


def test_the_switch_keeps_the_page_and_the_choice(client, sample_articles):
    article = sample_articles[2]
    page = article.get_absolute_url() + "?view=raw"
    response = client.post(reverse("set_language"), {"language": "en", "next": page})
    assert response.status_code == 302 and response["Location"] == page
    html = client.get(page).content.decode()
    assert '<html lang="en">' in html and "Raw page with removals marked" in html
    assert 'aria-pressed="true">English</button>' in html
    client.post(reverse("set_language"), {"language": "id", "next": page})
    assert "Halaman mentah dengan bagian yang dibuang ditandai" in client.get(page).content.decode()


def test_the_switch_refuses_to_leave_the_site(client, db):
    response = client.post(
        reverse("set_language"), {"language": "en", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_dates_and_numbers_in_indonesian_format(client, sample_articles):
    article = sample_articles[0]
    services.article_correct(
        article=article,
        changes={"published": datetime(2023, 12, 14, 16, 22, tzinfo=ZoneInfo("Asia/Jakarta"))},
    )
    html = client.get(reverse("outlet", args=[article.outlet.slug])).content.decode()
    assert "14 Des 2023" in html
    size = len(Article.objects.get(pk=article.pk).raw_bytes)
    assert size >= 1000
    page = client.get(article.get_absolute_url()).content.decode()
    assert f"{size:,} bita".replace(",", ".") in page
    _english(client)
    html = client.get(reverse("outlet", args=[article.outlet.slug])).content.decode()
    assert "14 Dec 2023" in html
    assert f"{size:,} bytes" in client.get(article.get_absolute_url()).content.decode()


def test_messages_and_form_errors_are_translated(editor_client, sample_articles):
    response = editor_client.post(reverse("import"), {"kind": "paste", "text": "   "})
    assert "Teksnya kosong." in response.content.decode()
    article = sample_articles[0]
    html = editor_client.post(reverse("article-reanalyse", args=[article.pk]), follow=True)
    html = html.content.decode()
    assert "Dibersihkan ulang dari teks mentah yang tersimpan" in html


def test_service_refusals_speak_the_readers_language(db):
    with pytest.raises(services.ImportRefused, match="bukan alamat http"):
        services.article_import(data=b"Teks.", source_kind="paste", url="ftp://x.example/a")


def test_export_keys_and_column_headers_do_not_depend_on_the_language(client, sample_articles):
    story = Story.objects.get()
    url = reverse("story-export-csv", args=[story.slug, "articles"])
    indonesian_header = client.get(url).content.decode().splitlines()[0]
    indonesian_keys = sorted(
        json.loads(client.get(reverse("story-export-json", args=[story.slug])).content)
    )
    _english(client)
    assert client.get(url).content.decode().splitlines()[0] == indonesian_header
    english = json.loads(client.get(reverse("story-export-json", args=[story.slug])).content)
    assert sorted(english) == indonesian_keys
    assert indonesian_header.startswith("story,") or "outlet" in indonesian_header


def test_error_pages_are_translated(client, db, settings):
    settings.DEBUG = False
    response = client.get("/stories/no-such-story/")
    assert response.status_code == 404 and "Halaman tidak ditemukan" in response.content.decode()
