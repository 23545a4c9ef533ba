"""The side-by-side comparison page, its passage panel, the two-article diff and the exports."""

import csv
import io
import json
import re

import lxml.html
import pytest
from django.urls import reverse

from newsreader import services
from newsreader.analysis.reuse_filters import phrase_hashes
from newsreader.exports import story_document
from newsreader.models import Story
from newsreader.services import corpus

QUOTE = "Ini menunjukkan bahwa Putin sedang berusaha keras mencari bantuan"


@pytest.fixture
def story(sample_articles):
    return Story.objects.get()


@pytest.fixture
def tribun(sample_articles):
    return sample_articles[3]


@pytest.fixture
def unknown(sample_articles):
    return sample_articles[4]


def compare_url(story, *ids, **params):
    query = "&".join([f"a={i}" for i in ids] + [f"{k}={v}" for k, v in params.items()])
    return reverse("story-compare", args=[story.slug]) + "?" + query


def squash(text):
    return re.sub(r"\s+", "", text)


def marked_texts(html):
    """{article id: {group: text of all its mark pieces}} of the rendered columns."""
    tree = lxml.html.fromstring(html)
    found = {}
    for column in tree.xpath("//*[@id='columns']/article"):
        article = int(column.get("aria-labelledby").removeprefix("h-"))
        groups = found.setdefault(article, {})
        for mark in column.xpath(".//mark[@data-group]"):
            group = int(mark.get("data-group"))
            groups[group] = groups.get(group, "") + mark.text_content()
    return found


def test_verbatim_quotes_of_tribunnews_and_unknown_have_exact_offsets(story, tribun, unknown):
    passages = story_document(story)["shared_passages"]
    texts = {tribun.pk: tribun.clean_text, unknown.pk: unknown.clean_text}
    shared = [
        g
        for g in passages
        if g["kind"] == "verbatim" and {m["article"] for m in g["members"]} == set(texts)
    ]
    assert any(QUOTE in m["text"] and g["is_quote"] for g in shared for m in g["members"])
    for g in passages:
        assert g["kind"] in {"verbatim", "edited", "similar"}
        for m in g["members"]:
            assert (
                m["text"] == story.articles.get(pk=m["article"]).clean_text[m["start"] : m["end"]]
            )
    pairwise = story_document(story)["pairwise"]
    assert pairwise[str(unknown.pk)][str(tribun.pk)] > 0.1
    assert pairwise[str(unknown.pk)][str(tribun.pk)] != pairwise[str(tribun.pk)][str(unknown.pk)]


def test_only_shared_text_is_marked(client, story, sample_articles):
    html = client.get(reverse("story-compare", args=[story.slug])).content.decode()
    members = {
        (m["article"], g["id"]): m["text"]
        for g in story_document(story)["shared_passages"]
        for m in g["members"]
    }
    found = marked_texts(html)
    assert set(found) == {a.pk for a in sample_articles}  # five columns by default
    assert sum(len(groups) for groups in found.values()) >= 6
    for article, groups in found.items():
        for group, text in groups.items():
            assert squash(text) == squash(members[article, group])
    galamedia = sample_articles[2]
    tree = lxml.html.fromstring(html)
    column = tree.xpath(f"//article[@aria-labelledby='h-{galamedia.pk}']")[0]
    guterres = [
        p for p in column.xpath(".//p[@data-start]") if "Guterres kepada" in p.text_content()
    ]
    assert guterres and not guterres[0].xpath(".//mark")


def test_marks_are_labelled_and_reachable(client, story, tribun, unknown):
    html = client.get(compare_url(story, unknown.pk, tribun.pk)).content.decode()
    tree = lxml.html.fromstring(html)
    firsts = tree.xpath("//*[@id='columns']//mark[@data-group and not(@data-continued)]")
    assert firsts and all(m.get("tabindex") == "0" for m in firsts)
    descriptions = {li.get("id"): li.text_content() for li in tree.xpath("//ul[@hidden]/li")}
    edited = [m for m in firsts if "edited" in m.get("class")]
    text = descriptions[edited[0].get("aria-describedby")]
    assert re.match(r"Shared passage \d+ of \d+, edited, \d+% similar", text)
    assert "also in" in text
    strip_links = tree.xpath("//svg//a")
    assert {a.get("href")[1:] for a in strip_links} == {m.get("id") for m in firsts}


def test_every_id_on_the_page_is_unique(client, story, sample_articles):
    # a passage that runs over two paragraphs keeps its id (and tab stop) in the first only
    html = client.get(compare_url(story, *(a.pk for a in sample_articles))).content.decode()
    ids = lxml.html.fromstring(html).xpath("//@id")
    repeated = {i for i in ids if ids.count(i) > 1}
    assert ids and not repeated


def test_edited_passage_panel_shows_the_word_diff(client, story, tribun, unknown):
    passages = story_document(story)["shared_passages"]
    edited = next(g for g in passages if any("putus asa" in m["text"] for m in g["members"]))
    assert edited["kind"] == "edited"
    url = reverse("story-compare-passage", args=[story.slug, edited["id"]])
    query = f"?a={unknown.pk}&a={tribun.pk}"
    response = client.get(url + query, headers={"HX-Request": "true", "HX-Target": "passage-panel"})
    fragment = response.content.decode()
    assert "<html" not in fragment and 'id="columns"' not in fragment
    inserted = [
        ins.text_content() for ins in lxml.html.fragment_fromstring(fragment, True).xpath(".//ins")
    ]
    assert any("putus asa" in t for t in inserted) and any("(hina)" in t for t in inserted)
    assert all(t.startswith("inserted: +") for t in inserted)
    assert "added “putus asa”" in fragment
    # Without JavaScript the same URL is a whole page with the panel open.
    page = client.get(url + query).content.decode()
    assert "<html" in page and 'id="columns"' in page and "putus asa" in page


def test_selection_order_and_htmx_fragment(client, story, sample_articles, tribun, unknown):
    html = client.get(compare_url(story, tribun.pk, unknown.pk)).content.decode()
    tree = lxml.html.fromstring(html)
    columns = [c.get("aria-labelledby") for c in tree.xpath("//*[@id='columns']/article")]
    assert columns == [f"h-{tribun.pk}", f"h-{unknown.pk}"]
    diff_link = tree.xpath(f"//a[@href='/stories/{story.slug}/diff/{tribun.pk}/{unknown.pk}/']")
    assert diff_link

    response = client.get(compare_url(story, unknown.pk, tribun.pk), headers={"HX-Request": "true"})
    fragment = response.content.decode()
    assert "<html" not in fragment and 'id="columns"' in fragment
    assert response["HX-Push-Url"].endswith(f"?a={unknown.pk}&a={tribun.pk}")

    # The column picker's position fields reorder; without htmx they redirect to the short URL.
    picked = client.get(
        reverse("story-compare", args=[story.slug]),
        {"a": [unknown.pk, tribun.pk], f"pos-{unknown.pk}": "2", f"pos-{tribun.pk}": "1"},
    )
    assert picked.status_code == 302
    assert picked["Location"].endswith(f"?a={tribun.pk}&a={unknown.pk}")

    one = client.get(compare_url(story, tribun.pk)).content.decode()
    assert "at least two articles" in one
    assert len(lxml.html.fromstring(one).xpath("//*[@id='columns']/article")) == len(
        sample_articles
    )


def test_thresholds_and_filters_change_what_is_shown(client, story, tribun, unknown):
    def groups(**params):
        html = client.get(compare_url(story, unknown.pk, tribun.pk, **params)).content.decode()
        return html, {squash(t) for gs in marked_texts(html).values() for t in gs.values()}

    _, default = groups()
    html, no_quotes = groups(quotes="hide")
    assert no_quotes < default
    assert QUOTE not in "".join(
        m.text_content() for m in lxml.html.fromstring(html).xpath("//*[@id='columns']//mark")
    )
    _, long_only = groups(words=10)
    assert long_only < default
    html, strict = groups(similar=95, edited=95)
    kinds = {m.get("class") for m in lxml.html.fromstring(html).xpath("//*[@id='columns']//mark")}
    assert kinds == {"passage verbatim"} and strict < default
    html, loose = groups(similar=40)
    assert len(loose) >= len(default)

    html, _ = groups(edited="abc", similar=10)
    assert "is not a number" in html and "must lie between 40 and 95" in html

    page = client.get(compare_url(story, *[a.pk for a in story.articles.all()[:2]]))
    html = page.content.decode()
    assert "No shared passages among these columns" in html and "at least 6 words" in html


def test_common_phrases_counted_across_other_stories(client, story, tribun, unknown):
    quote = phrase_hashes(QUOTE)
    assert not corpus.stock_phrases(quote)
    for n in range(3):
        other = services.story_create(title=f"Other story {n}")
        result = services.article_import(
            data=f"Berita lain nomor {n}. “{QUOTE}.” Selesai.\n".encode(),
            source_kind="paste",
            title=f"Other {n}",
        )
        if n < 2:
            assert not corpus.stock_phrases(quote)  # in 1 + n + 1 stories at most
        services.article_move(article=result.article, story=other)
    stock = corpus.stock_phrases(quote)
    assert stock and stock <= set(quote)
    html = client.get(compare_url(story, unknown.pk, tribun.pk, common="hide")).content.decode()
    marked = "".join(
        m.text_content() for m in lxml.html.fromstring(html).xpath("//*[@id='columns']//mark")
    )
    assert QUOTE not in marked and "peluru artileri" in marked
    assert "at least 3 other stories" in html


def test_unique_spans_and_aligned_view(client, story, tribun, unknown):
    html = client.get(compare_url(story, unknown.pk, tribun.pk, unique=1)).content.decode()
    tree = lxml.html.fromstring(html)
    unique = tree.xpath("//*[@id='columns']//*[@class='unique']")
    assert unique
    assert not any(u.xpath(".//mark") or u.xpath("ancestor::mark") for u in unique)

    html = client.get(compare_url(story, unknown.pk, tribun.pk, view="aligned")).content.decode()
    tree = lxml.html.fromstring(html)
    table = tree.xpath("//table[@id='columns']")[0]
    assert len(table.xpath(".//thead//th")) == 2
    assert "— no matching passage —" in html
    rows = table.xpath(".//tbody/tr")
    shared_rows = [
        r for r in rows if len(r.xpath(".//td//mark")) and "no matching" not in r.text_content()
    ]
    assert shared_rows  # aligned rows hold both versions of a shared passage side by side


def test_side_panels_only_when_their_views_exist(client, story):
    html = client.get(reverse("story-compare", args=[story.slug])).content.decode()
    for element_id, name in [("claims-panel", "story-claims"), ("framing-panel", "story-framing")]:
        url = reverse(name, args=[story.slug])
        assert f'id="{element_id}"' in html and f'hx-get="{url}?' in html


def test_two_article_diff_page(client, story, tribun, unknown, sample_articles):
    url = reverse("story-diff", args=[story.slug, unknown.pk, tribun.pk])
    html = client.get(url).content.decode()
    tree = lxml.html.fromstring(html)
    assert any(
        "putus asa" in ins.text_content()
        for ins in tree.xpath("//div[@class='full-diff diff']//ins")
    )
    assert tree.xpath("//div[@class='full-diff diff']//del")
    other = services.story_create(title="Elsewhere")
    services.article_move(article=sample_articles[0], story=other)
    missing = reverse("story-diff", args=[story.slug, sample_articles[0].pk, tribun.pk])
    assert client.get(missing).status_code == 404


def test_exports_and_story_page_links(client, story, sample_articles):
    document = json.loads(client.get(reverse("story-export-json", args=[story.slug])).content)
    assert {"shared_passages", "pairwise"} <= set(document)
    assert not any(k.startswith("_") for k in document)
    group = document["shared_passages"][0]
    assert set(group) == {"id", "kind", "similarity", "is_quote", "words", "members"}
    assert set(group["members"][0]) == {"article", "start", "end", "text"}

    rows = list(
        csv.DictReader(
            io.StringIO(
                client.get(
                    reverse("story-export-csv", args=[story.slug, "passages"])
                ).content.decode()
            )
        )
    )
    assert len(rows) == sum(len(g["members"]) for g in document["shared_passages"])
    assert {r["kind"] for r in rows} <= {"verbatim", "edited", "similar"}
    pairwise = list(
        csv.reader(
            io.StringIO(
                client.get(
                    reverse("story-export-csv", args=[story.slug, "pairwise"])
                ).content.decode()
            )
        )
    )
    n = len(sample_articles)
    assert pairwise[0] == ["article", "other", "share_of_article_in_other", "syndication"]
    assert len(pairwise) == 1 + n * (n - 1)

    html = client.get(story.get_absolute_url()).content.decode()
    assert "Compare side by side" in html
    assert reverse("story-export-csv", args=[story.slug, "passages"]) in html
