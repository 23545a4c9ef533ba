"""The comparison opens on the text: at 1366x768, 1280x720 and 800x900 the first screen shows
article text in every column, no column is clipped, the passage panel never covers the passage
it explains, and the page reads in Bahasa Indonesia until the reader switches to English."""

import pytest

from .conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.indonesian]

SIZES = [(1366, 768), (1280, 720), (800, 900)]
BOX = "el => { const b = el.getBoundingClientRect(); return {left: b.left, top: b.top, right: b.right, bottom: b.bottom, width: b.width}; }"


def _open(page, story, width, height):
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"/stories/{story.slug}/compare/")
    page.wait_for_selector("#columns mark.passage")
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("width,height", SIZES)
def test_first_screen_shows_text_in_every_column(
    page, sample_articles, transactional_db, width, height
):
    _open(page, sample_articles[0].story, width, height)
    columns = page.locator("#columns article.column")
    assert columns.count() == 5
    page_width = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
    assert page_width[0] <= page_width[1], f"the page scrolls sideways: {page_width}"
    for i in range(5):
        column = columns.nth(i)
        # a column out of view sideways is brought in by scrolling the column set, not the page
        column.evaluate(
            "c => document.getElementById('columns').scrollLeft = c.offsetLeft - c.parentElement.offsetLeft"
        )
        box = column.evaluate(BOX)
        assert box["left"] >= 0 and box["right"] <= width, (i, box)  # not clipped
        assert box["width"] >= 195, (i, box)  # readable: about 30 characters a line
        text = column.locator(".column-body p").first
        first = text.evaluate(BOX)
        assert 0 <= first["top"] < height - 60, (i, first)  # text starts on the first screen
        body = column.locator(".column-body")
        assert body.evaluate("b => b.scrollWidth <= b.clientWidth + 1"), i  # no text cut sideways
        assert page.evaluate("scrollY") == 0
    page.evaluate("document.getElementById('columns').scrollLeft = 0")
    screenshot(page, f"reading-first-screen-{width}x{height}")


@pytest.mark.parametrize("width,height", SIZES)
def test_the_passage_panel_never_covers_the_passage(
    page, sample_articles, transactional_db, width, height
):
    _open(page, sample_articles[0].story, width, height)
    marks = page.locator("#columns mark.passage:not([data-continued])")
    for index in (0, marks.count() - 1):
        mark = marks.nth(index)
        mark.scroll_into_view_if_needed()
        mark.click()
        panel = page.locator("#passage-panel .passage-detail")
        panel.wait_for()
        page.wait_for_timeout(200)  # the panel settles, the mark is revealed in its column
        outer = page.locator("#passage-panel").evaluate(BOX)
        seen = mark.evaluate(BOX)
        assert seen["bottom"] > 0 and seen["top"] < height and seen["left"] < width, seen
        overlap = not (
            seen["right"] <= outer["left"]
            or seen["left"] >= outer["right"]
            or seen["bottom"] <= outer["top"]
            or seen["top"] >= outer["bottom"]
        )
        assert not overlap, (seen, outer)
        # the passage is visible inside its column, not hidden by the column's own scrolling
        body = mark.evaluate(
            "m => { const b = m.closest('.column-body').getBoundingClientRect(); const r = m.getBoundingClientRect(); return r.bottom > b.top && r.top < b.bottom ? true : [b.top, b.bottom, r.top, r.bottom, m.offsetTop, m.closest('.column-body').scrollTop]; }"
        )
        assert body is True, body
        page.keyboard.press("Escape")
    screenshot(page, f"reading-panel-{width}x{height}")


def test_the_page_reads_in_indonesian_and_switches_to_english(
    page, sample_articles, transactional_db
):
    story = sample_articles[0].story
    _open(page, story, 1366, 768)
    assert page.locator("html").get_attribute("lang") == "id"
    assert "Bandingkan berdampingan" in page.locator("h1").inner_text()
    assert page.get_by_role("button", name="Berikutnya", exact=True).is_visible()
    url = page.url
    english = page.get_by_role("button", name="English")
    english.focus()
    page.keyboard.press("Enter")  # the switch works from the keyboard
    page.wait_for_selector("html[lang=en]")
    assert page.url == url  # the same page
    assert "Compare side by side" in page.locator("h1").inner_text()
    assert (
        page.get_by_role("button", name="Bahasa Indonesia").get_attribute("aria-pressed") == "false"
    )
    page.wait_for_selector("#columns mark.passage")
    page.get_by_role("button", name="Bahasa Indonesia").click()
    page.wait_for_selector("html[lang=id]")
    assert "Bandingkan berdampingan" in page.locator("h1").inner_text()


def test_next_conflict_and_scrolling_together(page, sample_articles, transactional_db):
    _open(page, sample_articles[0].story, 1366, 768)
    bodies = page.locator("#columns .column-body")
    assert page.locator("[data-sync]").is_checked()
    bodies.nth(4).evaluate("b => b.scrollTop = b.scrollHeight")
    page.wait_for_timeout(200)
    followed = bodies.evaluate_all("bs => bs.map(b => b.scrollTop)")
    assert sum(1 for top in followed[:4] if top > 0) >= 3, followed
    page.locator("[data-sync]").uncheck()
    bodies.nth(4).evaluate("b => b.scrollTop = 0")
    page.wait_for_timeout(200)
    assert bodies.evaluate_all("bs => bs.map(b => b.scrollTop)")[:4] == followed[:4]
    conflicts = page.locator("#columns .quote-span.conflict")
    if conflicts.count():
        page.locator(".passage-nav [data-conflict]").click()
        assert page.evaluate("document.activeElement.classList.contains('conflict')")


def test_search_from_the_home_page_finds_a_story_by_a_word_of_its_text(
    page, sample_articles, transactional_db
):
    page.goto("/")
    box = page.get_by_label("Cari di teks")
    box.fill("amunisi")
    box.press("Enter")
    page.wait_for_selector(".search-count")
    assert "1 berita ditemukan" in page.locator(".search-count").inner_text()
    hit = page.locator(".search-hits a").first
    hit.click()
    page.wait_for_selector("mark.search-hit")
    assert "hit-" in page.url
    assert page.locator("mark.search-hit").first.inner_text().lower() == "amunisi"
