"""Review notes in a real browser: select text in a column, write a note, find it again."""

import pytest

from newsreader.models import Note

from .conftest import screenshot

pytestmark = pytest.mark.browser

QUOTE = "Ini menunjukkan bahwa Putin sedang berusaha keras mencari bantuan"

SELECT = """([scope, quote]) => {
  const root = document.querySelector(scope);
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.data.indexOf(quote);
    if (at >= 0) {
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + quote.length);
      const selection = getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      return true;
    }
  }
  return false;
}"""


def select_text(page, scope: str, quote: str) -> None:
    """Select `quote` as a reader would, finishing with the keyboard (Shift+arrows)."""
    assert page.evaluate(SELECT, [scope, quote])
    page.keyboard.press("Shift+ArrowRight")
    page.keyboard.press("Shift+ArrowLeft")


def test_select_text_on_the_article_page_and_add_a_note(logged_in_page, sample_articles):
    page = logged_in_page
    tribun = sample_articles[3]
    page.goto(f"/articles/{tribun.pk}/")
    select_text(page, "[data-note-article]", QUOTE)
    page.get_by_role("button", name="Add a note").click()
    page.get_by_label("Note", exact=True).fill("Kutipan yang sama ada di media lain")
    page.get_by_label("Tag").select_option(label="altered quote")
    page.get_by_role("button", name="Save note").click()
    mark = page.locator("[data-note-article] mark.note-mark")
    mark.wait_for()
    note = Note.objects.get()
    assert (note.quote, note.tag.slug, note.author.username) == (QUOTE, "altered-quote", "budi")
    assert mark.inner_text() == QUOTE and mark.get_attribute("data-count") == "1"
    mark.focus()
    page.keyboard.press("Enter")
    item = page.locator(f"#note-item-{note.pk}")
    assert item.evaluate("el => el === document.activeElement")
    assert "Kutipan yang sama ada di media lain" in item.inner_text()
    screenshot(page, "notes-article")
