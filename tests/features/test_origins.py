"""Corpus-wide reuse pages: an article's passages traced to earlier articles; outlet reuse."""

import re

import pytest
from django.urls import reverse

from newsreader import services
from newsreader.models import Shingle
from newsreader.services import corpus


def by_name(articles, prefix):
    return next(a for a in articles if a.file_name.startswith(prefix))


def test_import_indexes_every_article(sample_articles):
    for article in sample_articles:
        assert Shingle.objects.filter(article=article).count() == len(
            corpus.article_hashes(article)
        )


def test_tribunnews_article_is_traced_to_the_earlier_article_sharing_hertling_quotes(
    client, sample_articles
):
    tribun, other = by_name(sample_articles, "003"), by_name(sample_articles, "004")
    # 004 carries a 2024 date, 003 a 2025 page date: 004 is the earlier of the two.
    assert other.published < tribun.published
    assert other.pk in corpus.article_candidates(article=tribun)
    response = client.get(reverse("article-origins", args=[tribun.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Putin sedang berusaha keras mencari bantuan" in html
    assert f'href="{other.get_absolute_url()}"' in html
    rows = re.findall(r"<tr>\s*<td><a href=\"#passage-\d+\">.*?</tr>", html, re.S)
    assert rows and all("Copied" in row and other.get_absolute_url() in row for row in rows)
    assert 'class="origin-copied" id="passage-1"' in html


def test_the_earlier_article_has_no_origin_in_the_later_one(client, sample_articles):
    other = by_name(sample_articles, "004")
    assert corpus.article_origins(article=other) == []
    html = client.get(reverse("article-origins", args=[other.pk])).content.decode()
    assert "No earlier stored article shares a passage" in html


def test_article_page_links_to_origins(client, sample_articles):
    article = sample_articles[0]
    html = client.get(article.get_absolute_url()).content.decode()
    assert reverse("article-origins", args=[article.pk]) in html


@pytest.mark.parametrize("query", ["", "?since=2025-01-01&until=2025-12-31"])
def test_outlet_reuse_renders_table_and_svg_chart(client, sample_articles, query):
    tribun, other = by_name(sample_articles, "003"), by_name(sample_articles, "004")
    outlet_html = client.get(tribun.outlet.get_absolute_url()).content.decode()
    url = reverse("outlet-reuse", args=[tribun.outlet.slug])
    assert url in outlet_html
    html = client.get(url + query).content.decode()
    assert "<svg" in html and 'role="img"' in html and "<rect" in html
    assert "style=" not in html and "<script>" not in html
    table = html[html.index('<table class="listing reuse-table"') :]
    assert f">{other.outlet.name}</a></th>" in table


def test_outlet_reuse_period_without_articles_and_bad_dates(client, sample_articles):
    tribun = by_name(sample_articles, "003")
    url = reverse("outlet-reuse", args=[tribun.outlet.slug])
    html = client.get(url + "?since=2030-01-01").content.decode()
    assert "0 articles" in html and "<svg" not in html
    html = client.get(url + "?since=yesterday").content.decode()
    assert "is not a date" in html and "<svg" in html


def test_reimport_keeps_one_set_of_fingerprints(sample_articles):
    article = sample_articles[2]
    before = Shingle.objects.filter(article=article).count()
    services.article_import(data=article.raw_bytes, source_kind="command", file_name="again.txt")
    corpus.article_index(article=article)
    assert Shingle.objects.filter(article=article).count() == before


SHARED = (
    "Kepala Badan Penanggulangan Bencana Daerah Garut menyatakan tiga puluh tujuh rumah warga "
    "di Kecamatan Cikelet rusak ringan hingga berat akibat gempa yang terjadi pada Rabu siang, "
    "sementara petugas gabungan masih terus mendata kerusakan fasilitas umum di desa sekitar "
    "pusat gempa dan menyiapkan tenda darurat bagi warga yang rumahnya tidak bisa ditempati."
)


def _page(lead, url, hour):
    from datetime import datetime, timedelta, timezone

    when = datetime(2025, 6, 18, hour, 0, tzinfo=timezone(timedelta(hours=7)))
    text = f"{lead}\n\n{SHARED}\n\nWarga diminta tetap tenang dan mengikuti arahan petugas."
    return services.article_import(
        data=text.encode(), source_kind="paste", url=url, published=when
    ).article


def test_text_shared_by_sister_outlets_is_syndication_not_copying(client, db):
    _page("Gempa mengguncang Garut pada Rabu siang.", "https://news.okezone.com/read/1", 12)
    sister = _page("Puluhan rumah rusak di Cikelet.", "https://daerah.sindonews.com/read/2", 14)
    other = _page("BPBD mendata kerusakan di Garut.", "https://regional.kompas.com/read/3", 14)
    html = client.get(reverse("article-origins", args=[sister.pk])).content.decode()
    assert "Syndication" in html and "MNC Group" in html and "Copied" not in html
    html = client.get(reverse("article-origins", args=[other.pk])).content.decode()
    assert "Copied" in html and "published 2 hours before this one" in html
    assert "0 hours" not in html
