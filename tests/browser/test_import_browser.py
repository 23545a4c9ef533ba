import pytest
from playwright.sync_api import expect

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


def test_a_file_with_a_1000_character_name_gets_a_page_saying_why(logged_in_page):
    """A real browser's upload of a file named with 1,000 characters (the issue's case): Django
    cannot read the form, and the editor is told which limit and what to do."""
    page = logged_in_page
    page.get_by_role("link", name="Import", exact=True).click()
    name = "berita-banjir-" + "sangat-panjang-" * 66 + ".txt"
    assert len(name) >= 1000
    page.set_input_files(
        "input[type=file]",
        [{"name": name, "mimeType": "text/plain", "buffer": SAMPLE_FILES[0].read_bytes()}],
    )
    # Chromium logs the answer's status as a console error, sometimes after the response event:
    # wait for that message too before taking it out of the page's errors.
    with page.expect_console_message(lambda m: m.type == "error" and "400" in m.text) as logged:
        with page.expect_response(lambda r: r.request.method == "POST") as answer:
            page.get_by_role("button", name="Upload").click()
    assert answer.value.status == 400
    page.console_errors.remove(logged.value.text)
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("a file name is too long")
    expect(alert).to_contain_text("Rename the file and upload it again. Nothing was stored.")
    page.get_by_role("link", name="Back to the import page").click()
    expect(page.get_by_role("heading", name="Import articles")).to_be_visible()
