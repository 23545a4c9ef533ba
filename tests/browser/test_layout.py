"""The comparison with all five columns fits a laptop screen: no sideways page scroll, and every
column keeps a readable width."""

import pytest

from .conftest import screenshot

pytestmark = pytest.mark.browser

MIN_COLUMN = 160


@pytest.mark.parametrize("width,height", [(1366, 768), (1280, 720)])
def test_five_columns_fit_the_screen(page, sample_articles, transactional_db, width, height):
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"/stories/{sample_articles[0].story.slug}/compare/")
    page.wait_for_selector("#columns mark.passage")
    page.wait_for_load_state("networkidle")  # the side panels are in
    assert page.locator("#columns article.column").count() == 5
    overflow = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert overflow[0] <= overflow[1], f"page scrolls sideways: {overflow}"
    widths = page.locator("#columns article.column").evaluate_all(
        "cols => cols.map(c => c.getBoundingClientRect().width)"
    )
    assert min(widths) >= MIN_COLUMN, widths
    screenshot(page, f"compare-{width}")
