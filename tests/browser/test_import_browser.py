import pytest

from ..conftest import SAMPLE_FILES

pytestmark = pytest.mark.browser


def test_import_by_upload_then_read_the_article(logged_in_page):
    page = logged_in_page
    page.get_by_role("link", name="Import", exact=True).click()
    page.set_input_files("input[type=file]", [str(p) for p in SAMPLE_FILES])
    page.get_by_role("button", name="Upload").click()
    results = page.locator(".results li")
    assert results.count() == 5
    assert "Tribunnews" in results.nth(3).inner_text()

    page.get_by_role("link", name="Stories").click()
    page.locator("table.listing a").first.click()
    page.get_by_role("link", name="Raungan Minta Tolong", exact=False).first.click()
    body = page.locator("#article-body")
    assert "Baca juga" not in body.inner_text()

    page.get_by_role("link", name="Raw page with removals marked").click()
    page.wait_for_selector("del.removed")
    assert "?view=raw" in page.url
    assert page.locator("del.removed[data-reason]").count() > 5
