import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from newsreader import services

from ..page_urls import lexicon_restore
from .conftest import screenshot

pytestmark = pytest.mark.browser


@pytest.fixture
def story(transactional_db, sample_articles):
    """The sample story, analysed with the shipped lexicon (the migration's seed rows are gone
    once an earlier transactional test has flushed the database)."""
    lexicon_restore()
    story = sample_articles[0].story
    services.story_analysis_queue(story_id=story.pk)  # as the worker does after a lexicon edit
    return story


def test_category_toggle_highlights_the_headlines_and_leads(page, story):
    page.goto(reverse("story-framing", args=[story.slug]))
    preview = page.locator("#framing-preview")
    toggle = page.get_by_role("button", name="Desperation / weakness")
    expect(toggle).to_have_attribute("aria-pressed", "false")
    mark = preview.locator(".ev-desperation", has_text="Raungan Minta Tolong")
    expect(mark).to_have_count(1)

    toggle.focus()
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-pressed", "true")
    expect(preview).to_have_class("framing-preview show-ev-desperation")
    marker = mark.evaluate("(el) => getComputedStyle(el, '::before').content")
    assert marker == '"↓"'  # a text marker, not colour alone
    assert mark.evaluate("(el) => getComputedStyle(el).borderBottomStyle") == "solid"
    # Other categories stay plain.
    hedge = preview.locator(".ev-hedging").first
    assert hedge.evaluate("(el) => getComputedStyle(el, '::before').content") == "none"
    screenshot(page, "framing")

    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "false")
    expect(preview).to_have_class("framing-preview")


def test_numbers_open_their_passages(page, story):
    page.goto(reverse("story-framing", args=[story.slug]))
    tribunnews = page.locator("#framing-preview article", has_text="Raungan Minta Tolong")
    tribunnews.get_by_role("link", name="Desperation / weakness").click()
    expect(page.locator("h1")).to_contain_text("evaluative:desperation")
    expect(page.locator("mark.hit", has_text="paria")).to_have_count(1)


def test_panel_in_the_comparison_page_toggles_the_columns(page, story):
    url = reverse("story-compare", args=[story.slug])
    page.goto(url)
    columns = page.locator("#columns")
    page.get_by_role("tab", name="Framing").click()
    toggle = page.locator("#framing-panel").get_by_role("button", name="Threat")
    expect(toggle).to_be_visible()  # loaded by htmx, revealed by framing.js
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "true")
    expect(columns).to_have_class(re.compile(r"\bshow-ev-threat\b"))
    threat = columns.locator(".ev-threat").first
    assert threat.evaluate("(el) => getComputedStyle(el, '::before').content") == '"⚠"'
    screenshot(page, "framing-compare")


def _chart_layout(chart):
    """Rendered size of a chart's SVG and of its texts, and whether any two texts overlap."""
    return chart.evaluate(
        """(figure) => {
          const svg = figure.querySelector("svg").getBoundingClientRect();
          const boxes = [...figure.querySelectorAll("svg text")].map((t) => t.getBoundingClientRect());
          const overlaps = boxes.some((a, i) => boxes.slice(i + 1).some((b) =>
            a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1));
          return {
            width: svg.width, right: svg.right,
            panelRight: figure.closest(".side, .framing-page, main").getBoundingClientRect().right,
            minText: Math.min(...boxes.map((b) => b.height)),
            textRight: Math.max(...boxes.map((b) => b.right)),
            overlaps,
          };
        }"""
    )


def _assert_readable(layout):
    assert layout["minText"] >= 11, layout  # at least an 11 px line box for every label
    assert not layout["overlaps"], layout
    assert layout["textRight"] <= layout["right"] + 1, layout  # values not cut off
    assert layout["right"] <= layout["panelRight"] + 1, layout


def test_outlet_charts_are_readable_in_the_side_panel_and_the_page(page, story):
    url = reverse("story-compare", args=[story.slug])
    page.goto(url)
    page.get_by_role("tab", name="Framing").click()
    panel = page.locator("#framing-panel")
    chart = panel.locator("figure.chart").first
    expect(chart).to_be_visible()
    chart.scroll_into_view_if_needed()
    screenshot(page, "framing-chart")
    for figure in panel.locator("figure.chart").all()[:4]:
        _assert_readable(_chart_layout(figure))

    page.goto(reverse("outlet-framing", args=["sindonews"]))
    screenshot(page, "framing-chart-outlet")
    for figure in page.locator("figure.chart").all():
        _assert_readable(_chart_layout(figure))
