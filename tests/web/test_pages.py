"""Pages, corrections, story editing, permissions and the export document."""

import io
import json

from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from newsreader import services
from newsreader.models import Article, Story


def test_home_lists_the_story_with_outlets(client, sample_articles):
    html = client.get(reverse("home")).content.decode()
    story = Story.objects.get()
    assert story.title in html
    for name in ["Tribunnews", "Galamedia", "SINDOnews", "Unknown outlet"]:
        assert name in html


def test_story_page_lists_articles_and_grouping_reasons(client, sample_articles):
    story = Story.objects.get()
    html = client.get(story.get_absolute_url()).content.decode()
    assert "5 articles in this story" in html
    assert "Placed in this story by the person who imported it." in html


def test_article_page_clean_and_raw_views(client, sample_articles):
    article = sample_articles[2]  # Galamedia
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Dicky Aditya" in html and "PMJ News" in html
    assert "Baca Juga" not in html.split('id="article-body"')[1]

    raw = client.get(article.get_absolute_url(), {"view": "raw"}, headers={"HX-Request": "true"})
    fragment = raw.content.decode()
    assert "<html" not in fragment  # only the partial
    assert 'data-reason="read-also teaser"' in fragment
    assert "Baca Juga" in fragment


def test_self_duplicate_is_shown(client, sample_articles):
    html = client.get(sample_articles[0].get_absolute_url()).content.decode()
    assert "Text repeated inside this page" in html


def test_correction_survives_reanalysis(editor_client, sample_articles):
    article = sample_articles[4]
    url = reverse("article-edit", args=[article.pk])
    form = editor_client.get(url).context["form"]
    data = {k: v if v is not None else "" for k, v in form.initial.items()}
    data.update(title="Hertling: Putin minta bantuan", outlet="tribunnews", dateline="WASHINGTON")
    if data["published"]:
        data["published"] = timezone.localtime(data["published"]).strftime("%Y-%m-%d %H:%M:%S")
    response = editor_client.post(url, data)
    assert response.status_code == 302
    editor_client.post(reverse("article-reanalyse", args=[article.pk]))
    article.refresh_from_db()
    assert article.title == "Hertling: Putin minta bantuan"
    assert article.outlet.slug == "tribunnews"
    assert article.dateline == "WASHINGTON"
    assert set(article.corrections) == {"title", "outlet", "dateline"}


def test_move_merge_split(editor_client, sample_articles):
    story = Story.objects.get()
    article = sample_articles[1]
    editor_client.post(
        reverse("article-move", args=[article.pk]), {"new_story_title": "Surat Putin dan Kim"}
    )
    article.refresh_from_db()
    assert article.story.title == "Surat Putin dan Kim"
    assert story.articles.count() == 4

    editor_client.post(reverse("story-merge", args=[story.slug]), {"others": [article.story.pk]})
    assert Story.objects.count() == 1
    assert story.articles.count() == 5

    response = editor_client.post(
        reverse("story-split", args=[story.slug]),
        {"articles": [sample_articles[0].pk, sample_articles[1].pk], "title": "Sindonews pair"},
    )
    assert response.status_code == 302
    assert Story.objects.get(title="Sindonews pair").articles.count() == 2
    assert story.articles.count() == 3


def test_editing_needs_the_editor_permission(student_client, sample_articles):
    article = sample_articles[0]
    response = Client().get(reverse("import"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert student_client.get(reverse("import")).status_code == 403
    assert student_client.post(reverse("article-reanalyse", args=[article.pk])).status_code == 403
    assert student_client.get(article.get_absolute_url()).status_code == 200


def test_reading_can_require_login(client, settings, sample_articles):
    settings.READ_REQUIRES_LOGIN = True
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert client.get(reverse("login")).status_code == 200


def test_untrusted_text_is_escaped_everywhere(editor_client, db):
    hostile = (
        '<script>alert("x")</script> Judul <img src=x onerror=alert(1)>\n\n'
        'TRIBUNNEWS.COM - Isi berita <a href="javascript:alert(1)">klik</a> tentang Putin dan Kim.\n\n'
        "Paragraf kedua yang cukup panjang untuk menjadi isi artikel yang sebenarnya."
    )
    result = services.article_import(data=hostile.encode(), source_kind="paste", title='"><b>x</b>')
    for url in [
        reverse("home"),
        result.article.story.get_absolute_url(),
        result.article.get_absolute_url(),
        result.article.get_absolute_url() + "?view=raw",
    ]:
        html = editor_client.get(url).content.decode()
        assert "<script>alert" not in html
        assert "<img src=x" not in html
        assert 'href="javascript:' not in html
        assert "<b>x</b>" not in html


def test_csp_header_forbids_inline_code(client, db):
    csp = client.get(reverse("home"))["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp


def test_export_story_json_document(sample_articles):
    story = Story.objects.get()
    out = io.StringIO()
    call_command("export_story", story.slug, "--format", "json", stdout=out)
    document = json.loads(out.getvalue())
    assert document["story"]["slug"] == story.slug
    assert len(document["articles"]) == 5
    for article in document["articles"]:
        text = article["clean_text"]
        assert article["paragraphs"]
        for p in article["paragraphs"]:
            assert 0 <= p["start"] < p["end"] <= len(text)
            assert text[p["start"] : p["end"]].strip() == text[p["start"] : p["end"]]
        raw = Article.objects.get(pk=article["id"]).raw_text
        for r in article["removed"]:
            assert 0 <= r["start"] < r["end"] <= len(raw) and r["reason"]
    sindo = next(a for a in document["articles"] if a["outlet"] == "sindonews")
    assert sindo["self_duplicates"]


def test_export_story_csv(sample_articles):
    story = Story.objects.get()
    out = io.StringIO()
    call_command("export_story", story.slug, "--format", "csv", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("story,article,outlet")
    assert len(lines) == 6


def test_correcting_a_url_to_another_articles_url_is_refused(editor_client, sample_articles):
    services.article_correct(
        article=sample_articles[0], changes={"url": "https://international.sindonews.com/read/1"}
    )
    other = sample_articles[1]
    url = reverse("article-edit", args=[other.pk])
    data = {
        k: v if v is not None else ""
        for k, v in editor_client.get(url).context["form"].initial.items()
    }
    if data["published"]:
        data["published"] = timezone.localtime(data["published"]).strftime("%Y-%m-%d %H:%M:%S")
    data["url"] = "https://international.sindonews.com/read/1/?utm_source=x"
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert f"article {sample_articles[0].pk} already has this URL" in response.content.decode()
    other.refresh_from_db()
    assert other.url == "" and "url" not in other.corrections


def test_reanalysis_reindexes_the_article(sample_articles):
    from newsreader.models import Shingle

    article = sample_articles[4]
    indexed = sorted(Shingle.objects.filter(article=article).values_list("hash", flat=True))
    assert indexed
    Shingle.objects.filter(article=article).delete()
    services.article_reanalyse(article=article)
    assert sorted(Shingle.objects.filter(article=article).values_list("hash", flat=True)) == indexed


def test_the_text_version_tabs_follow_the_swap(client, sample_articles):
    """After "Raw page" the indicator moves with it: the tabs are part of the swapped fragment."""
    article = sample_articles[2]
    fragment = client.get(article.get_absolute_url() + "?view=raw", HTTP_HX_REQUEST="true")
    html = fragment.content.decode()
    assert "<html" not in html
    raw_tab = html.split('href="?view=raw"')[1].split(">")[0]
    clean_tab = html.split('href="?view=clean"')[1].split(">")[0]
    assert 'aria-current="page"' in raw_tab and "aria-current" not in clean_tab


def test_the_outlet_page_links_to_its_framing_page(client, sample_articles):
    outlet = sample_articles[2].outlet
    html = client.get(outlet.get_absolute_url()).content.decode()
    assert f'href="/outlets/{outlet.slug}/framing/"' in html
