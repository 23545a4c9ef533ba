"""Coverage at a glance: which outlets covered the story and which did not, who published
first, and how much each article shares with an earlier one of another outlet."""

from django.urls import reverse

from newsreader import services
from newsreader.models import Article, Outlet, Story


def test_coverage_of_the_sample_story(client, sample_articles):
    story = Story.objects.get()
    other = services.article_import(
        data=b"Harga cabai rawit di Pasar Caringin naik dua kali lipat pekan ini.",
        source_kind="paste",
        title="Harga Cabai Naik",
        story=services.story_create(title="Harga cabai"),
    ).article
    kompas = Outlet.objects.create(slug="kompas", name="Kompas", profile="generic")
    Article.objects.filter(pk=other.pk).update(outlet=kompas)
    other.refresh_from_db()
    response = client.get(reverse("story-coverage", args=[story.slug]))
    assert response.status_code == 200
    context = response.context
    covering = {c["outlet"].slug for c in context["covering"]}
    assert covering == {a.outlet.slug for a in sample_articles}
    assert [c["outlet"].slug for c in context["missing"]] == [other.outlet.slug]
    first = min((a for a in sample_articles if a.published), key=lambda a: a.published)
    timeline = context["timeline"]
    assert timeline[0]["first"] and timeline[0]["article"].pk == first.pk
    assert all(not row["first"] for row in timeline[1:])
    assert all(row["delay"] for row in timeline[1:] if row["x"] is not None)
    took = [r for r in context["took"] if r["source"]]
    assert took, "the samples copy from each other"
    for r in took:
        assert r["source"].outlet_id != r["article"].outlet_id
        assert r["source"].published < r["article"].published and r["share"] >= 0.05
    html = response.content.decode()
    assert "published first" in html and "How is this computed?" in html


def test_the_story_page_loads_the_coverage_panel(client, sample_articles):
    story = Story.objects.get()
    html = client.get(story.get_absolute_url()).content.decode()
    url = reverse("story-coverage", args=[story.slug])
    assert f'hx-get="{url}"' in html and f'href="{url}"' in html
    fragment = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in fragment and "Who covered this story" in fragment
