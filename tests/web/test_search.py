"""Full-text search from the home page: the same whole-word matches on SQLite (FTS5) and on
PostgreSQL (the suite runs on both), filters, pages, and results that open the passage."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.urls import reverse

from newsreader import services
from newsreader.models import Article
from newsreader.services.search import SearchFilters, articles_search, search_words

JAKARTA = ZoneInfo("Asia/Jakarta")
BANJIR = (
    "Banjir merendam ratusan rumah warga di Kecamatan Cibeunying setelah hujan deras "
    "mengguyur Kota Bandung sejak sore. Petugas BPBD mengevakuasi warga lansia ke masjid "
    "terdekat. Kepala BPBD mengatakan air mulai surut pada Selasa pagi."
)
PANEN = (
    "Petani di Kabupaten Indramayu memulai panen raya padi pekan ini. Harga gabah kering "
    "panen turun menjadi Rp 5.200 per kilogram, kata ketua kelompok tani setempat. "
    "Pemerintah daerah berjanji membeli gabah petani melalui Bulog."
)


def _article(text, title, outlet, day, story=None):
    return services.article_import(
        data=text.encode(),
        source_kind="paste",
        title=title,
        outlet=outlet,
        published=datetime(2025, 6, day, 9, 0, tzinfo=JAKARTA),
        story=story,
    ).article


@pytest.fixture
def corpus(db):
    banjir = _article(BANJIR, "Banjir Rendam Ratusan Rumah di Bandung", "tribunnews", 18)
    banjir_2 = _article(
        BANJIR.replace("ratusan", "puluhan") + " Warga diminta waspada.",
        "Ratusan Warga Bandung Mengungsi",
        "galamedia",
        19,
        story=banjir.story,
    )
    panen = _article(PANEN, "Panen Raya di Indramayu", "sindonews", 20)
    return {"banjir": banjir, "banjir_2": banjir_2, "panen": panen}


def _found(client, **params):
    response = client.get(reverse("home"), params)
    assert response.status_code == 200
    return [s.pk for s in response.context["stories"]], response.content.decode()


def test_a_word_of_the_text_finds_its_story(client, corpus):
    assert connection.vendor in {"sqlite", "postgresql"}
    # "mengevakuasi" is only in the body, never in a title
    stories, html = _found(client, q="mengevakuasi")
    assert stories == [corpus["banjir"].story_id]
    assert '<mark class="search-hit">mengevakuasi</mark>' in html
    assert _found(client, q="GABAH")[0] == [corpus["panen"].story_id]  # case does not matter
    assert _found(client, q="indramayu")[0] == [corpus["panen"].story_id]  # titles too


def test_every_word_must_match_whole_words_only(client, corpus):
    assert _found(client, q="banjir gabah")[0] == []
    assert _found(client, q="evakuasi")[0] == []  # a part of "mengevakuasi" is not a word of it
    stories, html = _found(client, q="tidakadakatainisamasekali")
    assert stories == [] and "No story matches" in html


def test_hostile_queries_are_words_not_syntax(client, corpus):
    for query in ['"', "banjir OR panen", "NEAR(a b)", "' OR 1=1 --", "*", "a:b", "🙂"]:
        response = client.get(reverse("home"), {"q": query})
        assert response.status_code == 200, query
    assert search_words("banjir OR panen") == ["banjir", "or", "panen"]
    assert _found(client, q="banjir OR panen")[0] == []  # OR is a word to find, not an operator


def test_a_found_story_counts_all_its_articles(client, corpus):
    response = client.get(reverse("home"), {"q": "mengevakuasi", "outlet": "galamedia"})
    [story] = response.context["stories"]
    assert story.n_articles == 2  # both articles, not only the matching one
    assert [h["article"].pk for h in story.hits] == [corpus["banjir_2"].pk]


def test_filters_outlet_dates_and_story_size(client, corpus):
    banjir, panen = corpus["banjir"].story_id, corpus["panen"].story_id
    assert _found(client, outlet="galamedia")[0] == [banjir]
    assert _found(client, q="warga", outlet="sindonews")[0] == []
    assert _found(client, since="2025-06-20")[0] == [panen]
    assert _found(client, until="2025-06-18")[0] == [banjir]
    assert _found(client, size="2-5")[0] == [banjir]
    assert _found(client, size="1")[0] == [panen]
    _, html = _found(client, since="2025-06-21", until="2025-06-01")
    assert "The start date is after the end date." in html


def test_results_link_to_the_passage(client, corpus):
    _, html = _found(client, q="surut")
    article = corpus["banjir"]
    start = article.clean_text.index("surut")
    link = f"/articles/{article.pk}/?q=surut#hit-{start}"
    assert link in html
    page = client.get(link.split("#")[0]).content.decode()
    assert f'<mark class="search-hit" id="hit-{start}">surut</mark>' in page


def test_the_index_follows_imports_corrections_and_deletions(client, corpus):
    panen = corpus["panen"]
    services.article_correct(article=panen, changes={"title": "Harga Gabah Anjlok di Pantura"})
    assert _found(client, q="anjlok")[0] == [panen.story_id]
    story = panen.story_id
    services.article_delete(article=Article.objects.get(pk=panen.pk))
    assert _found(client, q="gabah")[0] == []
    assert story not in _found(client)[0]


def test_pages_of_twenty(client, db):
    for day in range(1, 26):
        _article(
            f"Rapat koordinasi nomor {day} membahas anggaran sekolah.",
            f"Rapat {day}",
            "tribunnews",
            day % 28 + 1,
            story=services.story_create(title=f"Rapat {day}"),
        )
    first, html = _found(client, q="anggaran")
    assert len(first) == 20 and "Page 1 of 2" in html
    second, _ = _found(client, q="anggaran", page=2)
    assert len(second) == 5 and not set(first) & set(second)


def test_search_service_filters_on_media_group_when_the_registry_has_one(corpus):
    # without media groups in the outlet registry the filter is ignored, never an error
    found = articles_search(filters=SearchFilters(query="warga", group="mnc"))
    assert found.count() in {0, 2}
