import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from newsreader.services import story_analysis
from newsreader.services.story_analysis import story_analyse

from .conftest import screenshot

pytestmark = pytest.mark.browser


@pytest.fixture
def _claims_section_only(monkeypatch):
    """Compute only the claims section: fast, and independent of the other features."""
    monkeypatch.setattr(story_analysis, "SECTIONS", {"claims": story_analysis.SECTIONS["claims"]})


@pytest.mark.usefixtures("_claims_section_only")
def test_filter_claims_by_label(page, transactional_db, sample_articles):
    story = sample_articles[0].story
    claims = story_analyse(story=story)["claims"]["claims"]
    altered = sum(c["relation"] == "altered" for c in claims)
    assert 0 < altered < len(claims)
    page.goto(reverse("story-claims", args=[story.slug]))
    cards = page.locator("#claims-cards .claim-card")
    expect(cards).to_have_count(len(claims))
    label = page.get_by_label("Label", exact=True)

    label.focus()
    label.select_option("altered")  # htmx swaps the cards on change
    expect(cards).to_have_count(altered)
    expect(page.locator(".claim-card:not(.relation-altered)")).to_have_count(0)
    expect(cards.first.get_by_text("Altered wording")).to_be_visible()
    expect(cards.first.locator("del").first).to_be_visible()
    assert "?" not in page.url  # swapped in place, the page did not reload
    expect(label).to_be_focused()  # the form was not replaced
    screenshot(page, "claims")

    label.select_option("")
    expect(cards).to_have_count(len(claims))


def test_clicking_a_card_flashes_its_marked_passages(page, transactional_db, sample_articles):
    """On the comparison page, a claim card of the side panel flashes the quote spans the
    server marked in the columns (the real rendered page: nothing is added by the test)."""
    story = sample_articles[0].story
    page.goto(reverse("story-compare", args=[story.slug]))
    page.get_by_role("tab", name="Quoted claims").click()
    cards = page.locator("#claims-panel .claim-card[data-quotes]")
    cards.first.wait_for()
    card = next(
        c
        for c in cards.all()
        if len(c.get_attribute("data-quotes").split()) >= 2
        and all(
            page.locator(f"#columns #{a}.quote-span").count() == 1
            for a in c.get_attribute("data-quotes").split()
        )
    )  # a claim quoted by two or more of the shown columns
    anchors = card.get_attribute("data-quotes").split()
    flashing = re.compile(r"\bquote-flash\b")
    for anchor in anchors:
        expect(page.locator(f"#{anchor}")).not_to_have_class(flashing)
    card.locator(".claim-speakers").click()
    for anchor in anchors:
        span = page.locator(f"#columns #{anchor}")
        expect(span).to_have_class(flashing)
        expect(span).to_have_text(re.compile(r"\w{3}"))  # the quote's own words, not a stand-in
    expect(page.locator(f"#{anchors[0]}")).not_to_have_class(flashing, timeout=5000)
