"""Editors add and change outlets; everyone else may only read them."""

from django.test import Client
from django.urls import reverse

from newsreader import services
from newsreader.models import Outlet

from ..grouping_texts import GARUT_A, SUMBA_A


def test_an_editor_adds_an_outlet_whose_domain_then_resolves_at_import(editor_client):
    response = editor_client.post(
        reverse("outlet-add"),
        {
            "name": "Kabar Garut",
            "domains": "https://www.kabargarut.id/\nberita-garut.id",
            "media_group": "Grup Priangan",
        },
    )
    outlet = Outlet.objects.get(name="Kabar Garut")
    assert response.status_code == 302 and response["Location"] == outlet.get_absolute_url()
    assert outlet.domains == ["kabargarut.id", "berita-garut.id"]
    assert outlet.media_group == "Grup Priangan"
    article = services.article_import(
        data=GARUT_A[1].encode(), source_kind="paste", url="https://daerah.kabargarut.id/1"
    ).article
    assert article.outlet == outlet
    page = editor_client.get(outlet.get_absolute_url()).content.decode()
    assert "Grup Priangan" in page and "kabargarut.id" in page


def test_an_editor_edits_an_outlet_named_after_its_domain(editor_client):
    article = services.article_import(
        data=SUMBA_A[1].encode(), source_kind="paste", url="https://wartasumba.example.id/1"
    ).article
    outlet = article.outlet
    assert outlet.kind == Outlet.DOMAIN
    editor_client.post(
        reverse("outlet-edit", args=[outlet.slug]),
        {"name": "Warta Sumba", "domains": "wartasumba.example.id", "media_group": ""},
    )
    outlet.refresh_from_db()
    assert (outlet.name, outlet.domains) == ("Warta Sumba", ["wartasumba.example.id"])


def test_the_form_refuses_a_bad_domain_a_taken_domain_and_a_taken_name(editor_client):
    services.outlet_for("Kabar Garut")
    bad = editor_client.post(reverse("outlet-add"), {"name": "Baru", "domains": "bukan domain!"})
    assert "bukan" in bad.content.decode() and "bukan domain" in bad.content.decode()
    taken = editor_client.post(reverse("outlet-add"), {"name": "Baru", "domains": "detik.com"})
    assert "detik.com already belongs to detikcom" in taken.content.decode()
    same = editor_client.post(reverse("outlet-add"), {"name": "kabar garut", "domains": ""})
    assert same.status_code == 200
    assert Outlet.objects.filter(name__iexact="kabar garut").count() == 1
    assert not Outlet.objects.filter(name="Baru").exists()


def test_students_and_visitors_cannot_change_outlets(student_client):
    outlet = services.outlet_by_slug("kompas")
    url = reverse("outlet-edit", args=[outlet.slug])
    assert Client().get(url).status_code == 302  # a visitor: to the login page
    assert student_client.post(url, {"name": "X", "domains": ""}).status_code == 403
    assert student_client.get(reverse("outlet-add")).status_code == 403
    outlet.refresh_from_db()
    assert outlet.name == "Kompas.com"


def test_the_outlet_list_shows_groups_and_counts_unknown_articles_apart(client, db):
    services.article_import(data=GARUT_A[1].encode(), source_kind="paste")
    services.article_import(
        data=SUMBA_A[1].encode(), source_kind="paste", url="https://www.liputan6.com/news/1"
    )
    page = client.get(reverse("outlets")).content.decode()
    assert "Liputan6.com" in page and "Emtek (KLY)" in page
    assert "Unknown outlet" not in page  # not listed as an outlet
