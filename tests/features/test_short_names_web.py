"""One person under a full name in one outlet and a first name in another is one speaker in
the claims panel, its speaker filter and the speakers table."""

import re

import pytest
from django.urls import reverse

from newsreader import services
from newsreader.services.story_analysis import story_section

FULL = (
    "Pemerintah menyiapkan pasokan elpiji menjelang libur panjang. "
    "“Stok elpiji aman sampai akhir bulan,” kata Menteri Bahlil Lahadalia di Jakarta."
)
SHORT = (
    "Pasokan elpiji disebut cukup untuk libur panjang. "
    "“Kami tidak akan impor elpiji tambahan bulan ini,” ujar Bahlil kepada wartawan."
)


@pytest.fixture
def story(db):
    story = services.story_create(title="Pasokan elpiji libur panjang")
    for text, outlet in ((FULL, "tribunnews"), (SHORT, "sindonews")):
        services.article_import(data=text.encode(), source_kind="paste", outlet=outlet, story=story)
    services.story_analysis_queue(story_id=story.pk)
    return story


def test_first_name_and_full_name_are_one_speaker(client, story):
    data = story_section(story=story, name="claims")
    assert [s["name"] for s in data["speakers"]] == ["Bahlil Lahadalia"]
    html = client.get(reverse("story-claims", args=[story.slug])).content.decode()
    options = re.findall(
        r'<option value="([^"]*)"', html.split('name="speaker"', 1)[1].split("</select>")[0]
    )
    assert [o for o in options if o] == ["Bahlil Lahadalia"]
    table = client.get(reverse("story-speakers", args=[story.slug])).content.decode()
    assert "Bahlil Lahadalia" in table and ">Bahlil<" not in table
