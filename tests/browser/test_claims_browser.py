import pytest
from django.urls import reverse
from playwright.sync_api import expect

from newsreader.services import story_analysis
from newsreader.services.story_analysis import story_analyse

from .conftest import screenshot

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _claims_section_only(monkeypatch):
    """Compute only the claims section: fast, and independent of the other features."""
    monkeypatch.setattr(story_analysis, "SECTIONS", {"claims": story_analysis.SECTIONS["claims"]})


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
    story = sample_articles[0].story
    page.goto(reverse("story-claims", args=[story.slug]) + "?label=altered")
    card = page.locator(".claim-card").first
    anchors = card.get_attribute("data-quotes").split()
    # The comparison columns mark each passage as <span class="quote-span" id="quote-...">.
    page.evaluate(
        """(ids) => ids.forEach((id) => {
            const span = document.createElement("span");
            span.className = "quote-span";
            span.id = id;
            span.textContent = id;
            document.querySelector("main").append(span);
        })""",
        anchors,
    )
    card.locator(".claim-speakers").click()
    for anchor in anchors:
        expect(page.locator(f"#{anchor}")).to_have_class("quote-span quote-flash")
    expect(page.locator(f"#{anchors[0]}")).to_have_class("quote-span", timeout=5000)
