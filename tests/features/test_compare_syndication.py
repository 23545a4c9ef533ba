"""Syndication in the comparison: sister outlets of one media group, and a page that says it
first appeared on another outlet, are labelled in the matrix and the passage list, with the
reason in plain words; an independent outlet sharing the same text is not."""

from datetime import datetime, timedelta, timezone

import pytest
from django.urls import reverse

from newsreader import services
from newsreader.analysis.syndication import (
    SAME_GROUP,
    SYNDICATED_COPY,
    Column,
    note_site,
    pair_labels,
    syndicated_passage,
)

SHARED = (
    "Kepala Badan Penanggulangan Bencana Daerah Garut menyatakan tiga puluh tujuh rumah warga "
    "di Kecamatan Cikelet rusak ringan hingga berat akibat gempa yang terjadi pada Rabu siang, "
    "sementara petugas gabungan masih terus mendata kerusakan fasilitas umum di desa sekitar "
    "pusat gempa dan menyiapkan tenda darurat bagi warga yang rumahnya tidak bisa ditempati."
)
NOTE = 'Artikel ini telah tayang di Antaranews.com dengan judul "Gempa Garut rusak 37 rumah".'


def test_note_site_reads_the_site_a_syndication_note_names():
    assert note_site(NOTE) == "Antaranews.com"
    assert note_site("Artikel ini telah tayang di TribunJabar.id, klik untuk baca") == (
        "TribunJabar.id"
    )
    assert note_site("Artikel ini sudah dimuat di Kompas.com.") == "Kompas.com"
    assert note_site("Artikel ini telah naik didetikSumut.") == "detikSumut"  # glued, as scraped
    assert note_site("Artikel ini telah tayang sebelumnya.") is None


def test_pair_labels_group_and_copy_and_independent():
    okezone = Column(1, "okezone", "MNC Group")
    sindo = Column(2, "sindonews", "mnc group")
    suara = Column(3, "suara", "Arkadia", ("antaranews",), NOTE)
    antara = Column(4, "antaranews", "LKBN Antara")
    kompas = Column(5, "kompas", "Kompas Gramedia")
    labels = pair_labels([okezone, sindo, suara, antara, kompas])
    assert labels[frozenset((1, 2))].kind == SAME_GROUP
    copy = labels[frozenset((3, 4))]
    assert (copy.kind, copy.copy, copy.origin, copy.note) == (SYNDICATED_COPY, 3, 4, NOTE)
    assert frozenset((1, 5)) not in labels and frozenset((4, 5)) not in labels
    assert syndicated_passage({1, 2}, labels).kind == SAME_GROUP
    assert syndicated_passage({1, 2, 5}, labels) is None  # an independent outlet carries it too
    same_outlet = pair_labels([Column(6, "okezone", "MNC Group"), okezone])
    assert same_outlet == {}


def _page(story, lead, url, hour, extra=""):
    when = datetime(2025, 6, 18, hour, 0, tzinfo=timezone(timedelta(hours=7)))
    text = f"{lead}\n\n{SHARED}\n\nWarga diminta tetap tenang dan mengikuti arahan petugas.{extra}"
    return services.article_import(
        data=text.encode(), source_kind="paste", url=url, published=when, story=story
    ).article


@pytest.fixture
def articles(db):
    story = services.story_create(title="Gempa Garut")
    articles = [
        _page(story, "Gempa mengguncang Garut pada Rabu siang.", "https://news.okezone.com/1", 12),
        _page(story, "Puluhan rumah rusak di Cikelet.", "https://daerah.sindonews.com/2", 13),
        _page(story, "BPBD Garut mendata kerusakan.", "https://www.antaranews.com/berita/3", 11),
        _page(
            story, "Gempa Garut merusak rumah.", "https://www.suara.com/news/4", 14, "\n\n" + NOTE
        ),
    ]
    services.story_analysis_queue(story_id=story.pk)
    return articles


def test_the_comparison_labels_syndication_with_its_reason(client, articles):
    okezone, sindo, antara, suara = articles
    assert "tayang" not in suara.clean_text  # the note is furniture, its site is remembered
    url = reverse("story-compare", args=[okezone.story.slug])
    html = client.get(url + "?" + "&".join(f"a={a.pk}" for a in articles) + "&overview=1")
    html = html.content.decode()
    assert (
        "Okezone and SINDOnews belong to the same media group, MNC Group: the text they share "
        "is syndication within the group, not copying."
    ) in html
    assert (
        "Suara.com says it first appeared on ANTARA (“Artikel ini telah tayang di Antaranews.com "
        "dengan judul &quot;Gempa Garut rusak 37 rumah&quot;.”): the text they share is a "
        "syndicated copy, not copying."
    ) in html
    assert html.count('<span class="relation">same media group</span>') == 2  # both cells
    assert html.count('<span class="relation">syndicated copy</span>') == 2
    assert "Syndication, not copying: 2 notes" in html


def test_a_passage_only_sister_outlets_share_is_labelled_in_the_list(client, articles):
    okezone, sindo = articles[:2]
    url = reverse("story-compare", args=[okezone.story.slug]) + f"?a={okezone.pk}&a={sindo.pk}"
    html = client.get(url).content.decode()
    assert ", same media group</a>" in html
    assert "Shared passage 1 of" in html and "verbatim, same media group, also in" in html


@pytest.mark.indonesian
def test_the_labels_read_in_indonesian(client, articles):
    okezone, sindo = articles[:2]
    url = reverse("story-compare", args=[okezone.story.slug])
    html = client.get(url + f"?a={okezone.pk}&a={sindo.pk}&overview=1").content.decode()
    assert "grup media sama" in html and "bukan penyalinan" in html


def test_the_export_carries_each_labelled_pair(client, articles):
    okezone, sindo, antara, suara = articles
    slug = okezone.story.slug
    document = client.get(reverse("story-export-json", args=[slug])).json()
    pairs = {frozenset(s["articles"]): s for s in document["syndication"]}
    assert set(pairs) == {frozenset((okezone.pk, sindo.pk)), frozenset((suara.pk, antara.pk))}
    group = pairs[frozenset((okezone.pk, sindo.pk))]
    assert (group["kind"], group["media_group"]) == ("same_group", "MNC Group")
    copy = pairs[frozenset((suara.pk, antara.pk))]
    assert (copy["kind"], copy["copy"], copy["origin"]) == ("syndicated_copy", suara.pk, antara.pk)
    assert copy["note"].startswith("Artikel ini telah tayang di Antaranews.com")
    assert {a["id"]: a["media_group"] for a in document["articles"]}[okezone.pk] == "MNC Group"

    table = client.get(reverse("story-export-csv", args=[slug, "pairwise"])).content.decode()
    rows = [line.split(",") for line in table.splitlines()]
    assert rows[0] == ["article", "other", "share_of_article_in_other", "syndication"]
    kinds = {(int(r[0]), int(r[1])): r[3] for r in rows[1:]}
    assert kinds[okezone.pk, sindo.pk] == kinds[sindo.pk, okezone.pk] == "same_group"
    assert kinds[suara.pk, antara.pk] == "syndicated_copy"
    assert kinds[okezone.pk, antara.pk] == ""  # independent outlets
