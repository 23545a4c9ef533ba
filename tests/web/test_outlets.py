"""Outlet resolution at import: the registry, a URL's own domain, a name given at import,
and an unknown outlet per article when nothing names one."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from newsreader import services
from newsreader.models import Outlet
from newsreader.services.search import SearchFilters, articles_search

from ..grouping_texts import GARUT_A, GARUT_B, SUMBA_A, SUMBA_B


def _import(text, **fields):
    return services.article_import(data=text.encode(), source_kind="paste", **fields).article


def test_a_registered_domain_and_its_subdomains_are_one_outlet_with_its_group(db):
    a = _import(GARUT_A[1], url="https://news.detik.com/berita/d-1/gempa-garut")
    b = _import(GARUT_B[1], url="https://finance.detik.com/d-2/rumah-rusak")
    assert a.outlet == b.outlet
    assert (a.outlet.slug, a.outlet.name, a.outlet.media_group) == (
        "detik",
        "detikcom",
        "CT Corp (Trans Media)",
    )
    assert a.outlet.kind == Outlet.REGISTRY
    assert "news.detik.com" in a.extraction["outlet_evidence"]


def test_an_unregistered_domain_becomes_its_own_outlet_not_a_shared_bucket(db):
    a = _import(GARUT_A[1], url="https://www.kabargarut.example.id/gempa")
    b = _import(SUMBA_A[1], url="https://warta-sumba.example.id/gempa")
    c = _import(GARUT_B[1], url="https://daerah.kabargarut.example.id/rumah")
    assert a.outlet.name == "kabargarut.example.id"
    assert a.outlet.kind == Outlet.DOMAIN and a.outlet.domains == ["kabargarut.example.id"]
    assert b.outlet.name == "warta-sumba.example.id" and b.outlet != a.outlet
    assert c.outlet == a.outlet  # a subdomain of a stored outlet's domain


def test_pages_with_no_url_and_no_marker_each_get_their_own_unknown_outlet(db):
    a = _import(GARUT_A[1])
    b = _import(SUMBA_A[1])
    assert a.outlet.unknown and b.outlet.unknown
    assert a.outlet != b.outlet
    assert a.outlet.name.startswith("Unknown outlet")
    assert a.extraction["outlet_evidence"] == "no URL and no page marker of a known outlet"


@pytest.mark.indonesian
def test_an_unknown_outlet_is_named_in_the_readers_language(db, client):
    """Stored once in English with the page's label, shown in Bahasa Indonesia on its pages."""
    a = services.article_import(
        data=GARUT_A[1].encode(), source_kind="upload", file_name="gempa-garut.txt"
    ).article
    assert a.outlet.name == "Unknown outlet (gempa-garut.txt)"
    for url in (a.get_absolute_url(), a.story.get_absolute_url(), a.outlet.get_absolute_url()):
        page = client.get(url).content.decode()
        assert "Media tidak dikenal (gempa-garut.txt)" in page, url
        assert "Unknown outlet" not in page, url


@pytest.mark.indonesian
def test_a_page_with_no_url_is_recognised_by_its_dateline(db, client):
    a = _import("TEMPO.CO, Jakarta - " + GARUT_A[1])
    assert (a.outlet.slug, a.outlet.media_group) == ("tempo", "Tempo Media Group")
    assert a.extraction["outlet_evidence"] == "dateline TEMPO.CO (registered)"
    page = client.get(a.get_absolute_url()).content.decode()
    assert "baris tempat dan tanggal (dateline) menyebut TEMPO.CO" in page


def test_an_outlet_named_in_a_json_record_is_honoured_and_created_when_new(db):
    records = [
        {"judul": GARUT_A[0], "isi": GARUT_A[1], "sumber": "Harian Garut Raya"},
        {"title": SUMBA_A[0], "content": SUMBA_A[1], "source": "kompas.com"},
        {"title": SUMBA_B[0], "text": SUMBA_B[1], "outlet": "Harian Garut Raya"},
        {"judul": GARUT_B[0], "isi": GARUT_B[1], "link": "https://kabar.example.id/x"},
    ]
    upload = SimpleUploadedFile("berita.json", json.dumps(records).encode())
    results = services.articles_import_upload(files=[upload])
    garut, sumba, sumba_b, linked = (r.article for _, r in results)
    assert garut.outlet.name == "Harian Garut Raya" and garut.outlet.kind == Outlet.NAMED
    assert sumba_b.outlet == garut.outlet  # the same name is the same outlet
    assert sumba.outlet.slug == "kompas" and sumba.outlet.media_group == "Kompas Gramedia"
    assert linked.outlet.name == "kabar.example.id"
    # the record's title is used, so no article is flagged as having none
    assert garut.title == GARUT_A[0]
    assert all("no_title" not in a.extraction["flags"] for a in (garut, sumba, sumba_b, linked))


def test_a_page_without_a_title_is_still_flagged_no_title(db):
    article = _import(GARUT_A[1])
    assert "no_title" in article.extraction["flags"]


def test_the_media_group_filter_of_search_finds_the_group_of_the_outlet(db):
    _import(GARUT_A[1], url="https://news.okezone.com/read/1")
    _import(SUMBA_A[1], url="https://nasional.sindonews.com/read/2")
    _import(GARUT_B[1], url="https://regional.kompas.com/read/3")
    found = articles_search(filters=SearchFilters(group="MNC Group"))
    assert sorted(a.outlet.slug for a in found) == ["okezone", "sindonews"]


def test_the_search_form_offers_the_media_groups(client, db):
    _import(GARUT_A[1], url="https://news.okezone.com/read/1")
    _import(GARUT_B[1], url="https://regional.kompas.com/read/3")
    page = client.get(reverse("home"), {"group": "MNC Group"}).content.decode()
    assert '<option value="MNC Group" selected>MNC Group</option>' in page
    assert '<option value="Kompas Gramedia">' in page


def test_correcting_the_title_answers_the_no_title_flag(db):
    article = _import(GARUT_A[1])
    services.article_correct(article=article, changes={"title": GARUT_A[0]})
    article.refresh_from_db()
    assert "no_title" not in article.extraction["flags"]


def test_csv_columns_by_their_usual_names(db):
    rows = (
        "headline,body,tautan,published_at,media\n"
        f'"{GARUT_A[0]}","{GARUT_A[1]}",https://regional.kompas.com/read/9,2025-06-18 15:30,\n'
        f'"{SUMBA_A[0]}","{SUMBA_A[1]}",,18/06/2025 10:15,Warta Sumba\n'
    )
    upload = SimpleUploadedFile("berita.csv", rows.encode())
    kompas, sumba = (r.article for _, r in services.articles_import_upload(files=[upload]))
    assert kompas.title == GARUT_A[0] and kompas.outlet.slug == "kompas"
    assert kompas.published.day == 18
    assert sumba.outlet.name == "Warta Sumba" and sumba.published.hour == 10
