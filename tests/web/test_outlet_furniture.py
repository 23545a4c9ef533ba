"""An outlet's furniture stored in the app: lines learned from its stored pages, shown on its
page with counts and examples; editors keep a line as body or add a pattern, and re-cleaning
applies it to the outlet's older articles (raw bytes untouched, analyses made stale)."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from newsreader import services
from newsreader.models import Article, OutletFurniture
from newsreader.services import furniture, story_analysis

HOST = "https://kabarpriangan.example.id"
PROMO = "Kabar Priangan, tepercaya sejak 1998"  # short line, no generic rule knows it
TEASER = "Simak berita Priangan lainnya hanya di kanal kami"
TOWNS = ["Garut", "Tasikmalaya", "Ciamis", "Banjar", "Pangandaran", "Sumedang"]


def page(n: int, town: str, extra: str = "") -> str:
    return (
        f"Jalan Desa {town} Rusak Parah Setelah Hujan {n + 2} Hari\n\n"
        f"Warga Desa Sukamaju di Kabupaten {town} mengeluhkan jalan desa yang rusak sepanjang "
        f"{n + 3} kilometer. Kepala desa menyebut perbaikan baru dijadwalkan bulan depan.\n\n"
        f"{PROMO}\n\n"
        f"Menurut warga, lubang di jalan itu sudah {n + 4} kali memakan korban pengendara motor "
        f"sejak awal tahun, terutama pada malam hari ketika penerangan padam.\n\n"
        f"{extra}"
    )


def import_pages(count=len(TOWNS), extra=""):
    articles = []
    for n, town in enumerate(TOWNS[:count]):
        story = services.story_create(title=f"Jalan rusak di {town}")
        articles.append(
            services.article_import(
                data=page(n, town, extra).encode(),
                source_kind="paste",
                url=f"{HOST}/berita/{n}",
                story=story,
            ).article
        )
    return articles


def reasons(article):
    article.refresh_from_db()
    raw = article.raw_text
    return {raw[r["start"] : r["end"]].strip(): r["reason"] for r in article.extraction["removed"]}


def test_learning_stores_the_outlets_recurring_line_and_recleaning_removes_it(editor_client):
    articles = import_pages()
    outlet = articles[0].outlet
    assert all(PROMO in a.clean_text for a in articles)  # not furniture before learning
    raw_before = [bytes(a.raw_bytes) for a in articles]
    story_analysis.story_analyse(story=articles[0].story)
    assert story_analysis.story_analysis_ready(articles[0].story)

    response = editor_client.post(reverse("outlet-learn", args=[outlet.slug]))

    assert response.status_code == 302
    [line] = OutletFurniture.objects.filter(outlet=outlet, kind=OutletFurniture.LEARNED)
    assert (line.text, line.articles, line.stories) == (PROMO, 6, 6)
    assert line.examples == [a.pk for a in articles[:3]]
    for article, raw in zip(articles, raw_before, strict=True):
        assert reasons(article)[PROMO] == f"recurs in 6 articles of {outlet.name}"
        assert PROMO not in article.clean_text
        assert "sudah" in article.clean_text and "Warga Desa Sukamaju" in article.clean_text
        assert bytes(article.raw_bytes) == raw
    assert story_analysis.story_analysis_ready(articles[0].story) is None  # stale: re-queued
    html = editor_client.get(outlet.get_absolute_url()).content.decode()
    assert PROMO in html and "Keep as body text" in html
    assert f'href="/articles/{articles[0].pk}/"' in html


def test_a_line_in_fewer_stories_than_the_threshold_is_not_learned(editor_client):
    articles = import_pages(count=4)
    assert furniture.outlet_learn(outlet=articles[0].outlet) == 0
    assert not OutletFurniture.objects.exists()
    page = editor_client.get(articles[0].outlet.get_absolute_url()).content.decode()
    assert "No furniture learned yet" in page


def test_an_editor_keeps_a_learned_line_as_body_and_learning_again_respects_it(editor_client):
    articles = import_pages()
    outlet = articles[0].outlet
    furniture.outlets_furniture_learn(outlet_ids=[outlet.pk])
    line = OutletFurniture.objects.get(outlet=outlet)
    url = reverse("outlet-furniture-keep", args=[outlet.slug, line.pk])

    editor_client.post(url, {"keep": "1"})

    line.refresh_from_db()
    assert line.keep_as_body
    assert all(PROMO in Article.objects.get(pk=a.pk).clean_text for a in articles)
    furniture.outlets_furniture_learn(outlet_ids=[outlet.pk])
    line.refresh_from_db()
    assert line.keep_as_body and line.articles == 6
    assert all(PROMO in Article.objects.get(pk=a.pk).clean_text for a in articles)
    html = editor_client.get(outlet.get_absolute_url()).content.decode()
    assert "body text (kept by an editor)" in html and "Remove as furniture again" in html

    editor_client.post(url, {"keep": "0"})
    assert all(PROMO not in Article.objects.get(pk=a.pk).clean_text for a in articles)


def test_a_page_imported_after_learning_is_cleaned_with_the_learned_line(db):
    articles = import_pages()
    furniture.outlets_furniture_learn(outlet_ids=[articles[0].outlet_id])
    story = services.story_create(title="Jalan rusak di Bandung")
    new = services.article_import(
        data=page(9, "Bandung").encode(), source_kind="paste", url=f"{HOST}/berita/9", story=story
    ).article
    assert new.outlet == articles[0].outlet
    assert PROMO not in new.clean_text and "Warga Desa Sukamaju" in new.clean_text


def test_an_editor_adds_and_removes_a_furniture_pattern(editor_client):
    articles = import_pages(count=2, extra=TEASER)
    outlet = articles[0].outlet
    assert all(TEASER in a.clean_text for a in articles)

    response = editor_client.post(
        reverse("outlet-pattern-add", args=[outlet.slug]), {"pattern": "simak  berita * kami"}
    )

    assert response.status_code == 302
    [row] = OutletFurniture.objects.filter(outlet=outlet, kind=OutletFurniture.PATTERN)
    for article in articles:
        assert reasons(article)[TEASER] == f"furniture pattern of {outlet.name}"
        assert TEASER not in article.clean_text and PROMO in article.clean_text
    html = editor_client.get(outlet.get_absolute_url()).content.decode()
    assert "simak berita * kami" in html and "Remove pattern" in html
    edit = editor_client.get(reverse("outlet-edit", args=[outlet.slug])).content.decode()
    assert f'href="{outlet.get_absolute_url()}#furniture-heading"' in edit

    editor_client.post(reverse("outlet-pattern-remove", args=[outlet.slug, row.pk]))
    assert not OutletFurniture.objects.exists()
    assert all(TEASER in Article.objects.get(pk=a.pk).clean_text for a in articles)


def test_a_pattern_of_only_wildcards_is_refused(editor_client):
    [article] = import_pages(count=1)
    response = editor_client.post(
        reverse("outlet-pattern-add", args=[article.outlet.slug]), {"pattern": " * * "}
    )
    assert response.status_code == 200
    assert "The pattern needs some words besides *." in response.content.decode()
    assert not OutletFurniture.objects.exists()


def test_students_cannot_change_furniture(student_client):
    [article] = import_pages(count=1)
    slug = article.outlet.slug
    for url in (reverse("outlet-learn", args=[slug]), reverse("outlet-pattern-add", args=[slug])):
        assert student_client.post(url, {"pattern": "Simak *"}).status_code == 403
    assert not OutletFurniture.objects.exists()
    assert (
        "Learn from the stored pages"
        not in student_client.get(article.outlet.get_absolute_url()).content.decode()
    )


def test_the_learn_command_reports_each_outlet(db, capsys):
    articles = import_pages()
    call_command("learn_furniture", articles[0].outlet.slug)
    out = capsys.readouterr().out
    assert f"{articles[0].outlet.name}: 1 furniture line(s); 6 article(s) cleaned anew" in out


@pytest.mark.indonesian
def test_the_furniture_section_reads_in_indonesian(editor_client):
    articles = import_pages()
    furniture.outlets_furniture_learn(outlet_ids=[articles[0].outlet_id])
    html = editor_client.get(articles[0].outlet.get_absolute_url()).content.decode()
    assert "Elemen halaman media ini" in html and "Pertahankan sebagai isi berita" in html
    article = Article.objects.get(pk=articles[0].pk)
    raw_view = editor_client.get(article.get_absolute_url() + "?view=raw").content.decode()
    assert "muncul di 6 artikel" in raw_view
