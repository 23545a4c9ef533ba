"""Bad input that once broke more than itself: pages, exports and checks that must hold."""

import csv
import io

import pytest
from django.urls import reverse

from newsreader import exports, services
from newsreader.analysis.framing.lexicon import load_lexicon
from newsreader.analysis.framing.report import story_framing

NO_WORDS = "2023. 2024. 12.500. 7 8 9."
FULL = (
    "Pemerintah kota mengumumkan bahwa banjir melanda tiga kecamatan pada Senin pagi. "
    "Warga diminta mengungsi ke balai desa terdekat sambil menunggu bantuan."
)


def test_an_outlet_whose_only_article_has_no_words_gets_a_framing_report():
    report = story_framing(
        {
            1: {"text": FULL, "title": "Banjir", "outlet": "kompas", "quotes": []},
            2: {"text": NO_WORDS, "title": "", "outlet": "detik", "quotes": []},
        },
        load_lexicon(),
    )
    assert report["outlets"]["detik"]["distinctive_terms"] == []
    assert report["outlets"]["detik"]["articles"] == [2]
    assert report["outlets"]["kompas"]["articles"] == [1]


@pytest.fixture
def numbers_only(db):
    """A story of two pasted articles, one of them numbers only, each from its own outlet."""
    story = services.story_create(title="Banjir di tiga kecamatan")
    for text, outlet in ((FULL, "tribunnews"), (FULL.replace("Senin", "Selasa"), "sindonews")):
        services.article_import(data=text.encode(), source_kind="paste", outlet=outlet, story=story)
    pasted = services.article_import(
        data=NO_WORDS.encode(), source_kind="paste", outlet="galamedia", story=story
    ).article
    return story, pasted


@pytest.mark.parametrize(
    "page", ["story-compare", "story-claims", "story-framing", "story-export-json"]
)
def test_a_story_with_a_numbers_only_article_still_renders(client, numbers_only, page):
    story, pasted = numbers_only
    services.story_analysis_queue(story_id=story.pk)  # as the worker does after the imports
    response = client.get(reverse(page, args=[story.slug]))
    assert response.status_code == 200
    if page in {"story-compare", "story-export-json"}:
        assert b"12.500" in response.content


def test_every_outlet_framing_page_survives_a_numbers_only_article(client, numbers_only):
    story, pasted = numbers_only
    for outlet in {a.outlet for a in story.articles.all()}:
        response = client.get(reverse("outlet-framing", args=[outlet.slug]))
        assert response.status_code == 200, outlet.slug


@pytest.mark.parametrize(
    "query", ["edited=inf", "words=1e999", "similar=-inf", "edited=nan", "words=-1e400"]
)
def test_compare_settings_that_are_not_finite_numbers_get_a_note(client, sample_articles, query):
    story = sample_articles[0].story
    response = client.get(reverse("story-compare", args=[story.slug]) + "?" + query)
    assert response.status_code == 200
    assert b"uses its default" in response.content or b"must lie between" in response.content


@pytest.mark.parametrize("since", ["2023-02-30", "2023-13-01", "0001-01-01", "9999-12-31"])
def test_reuse_dates_out_of_range_get_a_note(client, sample_articles, since):
    outlet = sample_articles[0].outlet
    response = client.get(reverse("outlet-reuse", args=[outlet.slug]) + "?since=" + since)
    assert response.status_code == 200
    if since != "9999-12-31":
        assert b"it was ignored" in response.content


@pytest.mark.parametrize(
    "address", ["2002:7f00:1::", "2002:a00:1::", "2001:0:4136:e378:8000:63bf:80ff:fffe"]
)
def test_tunnelled_private_addresses_are_not_public(address):
    assert not services.fetch._address_is_public(address)


def test_a_6to4_address_of_a_public_host_stays_public():
    assert services.fetch._address_is_public("2002:5db8:d70e::")


@pytest.mark.parametrize(
    "value",
    [" =1+1", "\u00a0=1+1", "\u200b=1+1", "\n=1+1", "\uff1d1+1", " \t+cmd", "\ufeff@SUM(A1)"],
)
def test_csv_formulas_behind_invisible_characters_are_neutralised(value):
    assert exports.csv_safe(value) == "'" + value
    out = exports.csv_table(["x"], [[value]])
    (_, (cell,)) = list(csv.reader(io.StringIO(out)))
    assert cell.startswith("'")


def test_plain_cells_are_left_alone():
    assert exports.csv_safe("Banjir di Jakarta") == "Banjir di Jakarta"
    assert exports.csv_safe(" Banjir") == " Banjir"


def test_logged_in_pages_are_private_and_every_page_sets_a_permissions_policy(
    client, editor_client, sample_articles
):
    story = sample_articles[0].story
    url = reverse("story-compare", args=[story.slug])
    response = editor_client.get(url)
    assert "private" in response["Cache-Control"]
    assert "camera=()" in response["Permissions-Policy"]
    editor_client.logout()
    response = client.get(url)
    assert "private" not in response.get("Cache-Control", "")
    assert "camera=()" in response["Permissions-Policy"]


@pytest.fixture
def failing_claims(monkeypatch, numbers_only):
    """The claims section raising for any story that holds the numbers-only article."""
    from newsreader.services import story_analysis

    calls = []
    real = story_analysis.SECTIONS["claims"]

    def claims(articles):
        calls.append(len(articles))
        if any(a.clean_text == NO_WORDS for a in articles):
            raise IndexError("no sentence in article")
        return real(articles)

    monkeypatch.setitem(story_analysis.SECTIONS, "claims", claims)
    services.story_analysis_queue(story_id=numbers_only[0].pk)  # as the worker does
    return numbers_only[0], calls


def test_a_failed_section_is_shown_as_failed_and_the_rest_still_renders(
    client, editor_client, failing_claims
):
    story, calls = failing_claims
    response = editor_client.get(reverse("story-claims", args=[story.slug]))
    assert response.status_code == 200
    assert b"analysis failed for this story" in response.content
    assert b"IndexError: no sentence in article" in response.content  # the reason, for editors
    compare = editor_client.get(reverse("story-compare", args=[story.slug]))
    assert compare.status_code == 200 and b"analysis failed (claims)" in compare.content
    assert editor_client.get(reverse("story-framing", args=[story.slug])).status_code == 200
    export = editor_client.get(reverse("story-export-json", args=[story.slug])).json()
    assert export["failed_sections"] == {"claims": "IndexError: no sentence in article"}
    assert "framing" in export
    assert calls == [3]  # computed once, the failure stored, not recomputed per request
    editor_client.logout()
    response = client.get(reverse("story-claims", args=[story.slug]))
    assert b"analysis failed" in response.content and b"IndexError" not in response.content


def test_a_failed_section_of_one_story_leaves_other_stories_alone(
    client, failing_claims, sample_articles
):
    other = sample_articles[0].story
    response = client.get(reverse("story-claims", args=[other.slug]))
    assert response.status_code == 200 and b"analysis failed" not in response.content
