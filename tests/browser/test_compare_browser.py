import re

import pytest

from newsreader.models import Story

from .conftest import screenshot

pytestmark = pytest.mark.browser


def test_compare_columns_passages_panel_and_keys(page, sample_articles, transactional_db):
    story = Story.objects.get()
    tribun, unknown = sample_articles[3], sample_articles[4]
    page.goto(f"/stories/{story.slug}/")
    page.get_by_role("link", name="Compare side by side").click()
    page.wait_for_selector("#columns mark.passage")
    assert page.locator("#columns article").count() == 5

    # Pick two columns through the form (htmx swaps the main area and updates the URL).
    page.get_by_text("Columns, thresholds and filters").click()
    for article in sample_articles:
        box = page.locator(f"#col-{article.pk}")
        if article in (tribun, unknown):
            box.check()
        else:
            box.uncheck()
    page.fill(f"input[name=pos-{unknown.pk}]", "1")
    page.fill(f"input[name=pos-{tribun.pk}]", "2")
    page.get_by_role("button", name="Update comparison").click()
    page.wait_for_url(re.compile(rf"a={unknown.pk}&a={tribun.pk}$"))
    assert page.locator("#columns article").count() == 2

    # Hover, then focus: the counterpart in the other column is highlighted.
    first = page.locator(f"#columns article[aria-labelledby=h-{unknown.pk}] mark.edited").first
    group = first.get_attribute("data-group")
    counterpart = page.locator(
        f"#columns article[aria-labelledby=h-{tribun.pk}] mark[data-group='{group}']"
    ).first
    first.hover()
    assert "counterpart" in counterpart.get_attribute("class")
    page.mouse.move(0, 0)
    assert "counterpart" not in counterpart.get_attribute("class")
    first.focus()
    assert "counterpart" in counterpart.get_attribute("class")

    # Click: the detail panel shows the versions with an insertion.
    first.click()
    panel = page.locator("#passage-panel")
    panel.locator("ins").first.wait_for()
    assert "putus asa" in panel.inner_text()
    page.keyboard.press("Escape")
    assert panel.locator("*").count() == 0

    # n moves focus to the next passage in reading order.
    marks = page.locator("#columns mark.passage:not([data-continued])")
    marks.first.focus()
    page.keyboard.press("n")
    focused = page.evaluate("document.activeElement.id")
    assert focused == marks.nth(1).get_attribute("id")
    page.keyboard.press("p")
    assert page.evaluate("document.activeElement.id") == marks.first.get_attribute("id")

    page.get_by_role("link", name="Aligned paragraphs").click()
    page.wait_for_selector("table#columns")
    assert "view=aligned" in page.url
    assert page.locator("table#columns td .gap").count() > 0
    assert page.locator("table#columns mark.passage").count() > 0
    marks.first.focus()
    screenshot(page, "compare")
