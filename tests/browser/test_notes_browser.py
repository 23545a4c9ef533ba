"""Review notes in a real browser: select text in a column, write a note, find it again."""

import pytest

from newsreader.models import Note

from .conftest import screenshot

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _tags(transactional_db):
    from newsreader.services.notes import note_tags_restore

    note_tags_restore()  # a transactional test before this one empties the tables


QUOTE = "Ini menunjukkan bahwa Putin sedang berusaha keras mencari bantuan"

SELECT = """([scope, quote]) => {
  const root = document.querySelector(scope);
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes = [];
  let text = "";
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    nodes.push([node, text.length]);
    text += node.data;
  }
  const at = text.indexOf(quote);
  if (at < 0) return false;
  const place = (offset) => {
    const [node, base] = nodes.filter(([, base]) => base <= offset).pop();
    return [node, offset - base];
  };
  const range = document.createRange();
  range.setStart(...place(at));
  range.setEnd(...place(at + quote.length));
  const selection = getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
  return true;
}"""


def select_text(page, scope: str, quote: str) -> None:
    """Select `quote` as a reader would, finishing with the keyboard (Shift+arrows)."""
    assert page.evaluate(SELECT, [scope, quote])
    page.keyboard.press("Shift+ArrowRight")
    page.keyboard.press("Shift+ArrowLeft")


def marked(page, article) -> str:
    """The text under the note marks of one article's column (a mark cut by others in pieces);
    the comparison's side panel, which may load its claim cards meanwhile, is left out."""
    marks = page.locator(f"[data-note-article='{article.pk}'] mark.note-mark")
    return marks.evaluate_all(
        "ms => ms.filter(m => !m.closest('aside.side')).map(m => m.textContent).join('')"
    )


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


def test_a_note_written_in_a_comparison_column_shows_in_every_view(logged_in_page, sample_articles):
    page = logged_in_page
    story, tribun, unknown = sample_articles[0].story, sample_articles[3], sample_articles[4]
    compare = f"/stories/{story.slug}/compare/?a={tribun.pk}&a={unknown.pk}"
    page.goto(compare)
    select_text(page, f"[data-note-article='{tribun.pk}']", QUOTE)
    page.get_by_role("button", name="Add a note").click()
    page.get_by_label("Note", exact=True).fill("Dikutip sama oleh dua media")
    page.get_by_role("button", name="Save note").click()
    page.wait_for_url("**note=*")
    note = Note.objects.get()
    assert note.article_id == tribun.pk and note.passage
    for article in (tribun, unknown):  # the shared passage: both columns carry the mark
        assert marked(page, article) == QUOTE
    assert "Dikutip sama oleh dua media" in page.locator(".notes-panel").inner_text()
    page.goto(compare + "&view=aligned")
    for article in (tribun, unknown):
        assert marked(page, article) == QUOTE
    page.goto(f"/articles/{unknown.pk}/")
    assert marked(page, unknown) == QUOTE
    screenshot(page, "notes-compare")


def test_the_note_is_chosen_for_the_story_report(logged_in_page, sample_articles):
    page = logged_in_page
    tribun = sample_articles[3]
    page.goto(f"/articles/{tribun.pk}/")
    select_text(page, "[data-note-article]", QUOTE)
    page.get_by_role("button", name="Add a note").click()
    page.get_by_label("Note", exact=True).fill("Layak dikutip di laporan kelas")
    page.get_by_role("button", name="Save note").click()
    page.wait_for_url("**note=*")
    page.goto(f"/stories/{tribun.story.slug}/")
    page.get_by_role("link", name="Report", exact=True).click()
    report = page.locator("article.report")
    assert "Layak dikutip di laporan kelas" not in report.inner_text()  # not chosen yet
    page.get_by_label("budi", exact=False).check()
    page.get_by_role("button", name="Show the report with these notes").click()
    assert "Layak dikutip di laporan kelas" in report.inner_text()
    assert "%" in page.locator(".report-sources").first.inner_text()
    screenshot(page, "report")


def test_a_note_written_on_a_claim_card_shows_on_the_article_page(logged_in_page, sample_articles):
    page = logged_in_page
    tribun = sample_articles[3]
    words = "dua pemimpin putus asa"
    page.goto(f"/stories/{tribun.story.slug}/claims/")
    select_text(page, f".relation-altered [data-note-article='{tribun.pk}']", words)
    page.get_by_role("button", name="Add a note").click()
    page.get_by_label("Note", exact=True).fill("Kata sifat ini tidak ada di media lain")
    page.get_by_role("button", name="Save note").click()
    page.wait_for_url("**note=*")
    note = Note.objects.get()
    assert (note.article_id, note.quote) == (tribun.pk, words)
    assert words in marked(page, tribun)  # the card marks it too
    page.goto(f"/articles/{tribun.pk}/")
    assert marked(page, tribun) == words


def test_notes_from_the_diff_page_go_to_the_article_whose_text_was_selected(
    logged_in_page, sample_articles
):
    page = logged_in_page
    tribun, unknown = sample_articles[3], sample_articles[4]
    page.goto(f"/stories/{tribun.story.slug}/diff/{unknown.pk}/{tribun.pk}/")
    page.evaluate(  # the insertion holding the words, as the reader sees it
        """() => [...document.querySelectorAll('.full-diff ins')]
          .find((ins) => ins.textContent.includes('putus asa')).id = 'the-insertion'"""
    )
    for scope, words, text in [
        ("#the-insertion", "putus asa", "Tambahan Tribunnews"),  # inserted: the second's words
        (".full-diff", "Kim Jong Un", "Teks bersama"),  # kept or deleted: the first article's
    ]:
        select_text(page, scope, words)
        page.get_by_role("button", name="Add a note").click()
        assert page.locator("[data-note-preview]").inner_text() == words  # no "+", no label
        page.get_by_label("Note", exact=True).fill(text)
        with page.expect_navigation():
            page.get_by_role("button", name="Save note").click()
    inserted, shared = (
        Note.objects.get(text="Tambahan Tribunnews"),
        Note.objects.get(text="Teks bersama"),
    )
    assert (inserted.article_id, inserted.quote) == (tribun.pk, "putus asa")
    assert (shared.article_id, shared.quote) == (unknown.pk, "Kim Jong Un")
    marks = page.locator(".full-diff mark.note-mark:not([data-continued])")
    assert marks.count() >= 2
    marks.first.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id").startswith("note-item-")
    marks.first.scroll_into_view_if_needed()
    screenshot(page, "notes-diff")
    page.goto(f"/articles/{tribun.pk}/")
    assert "putus asa" in marked(page, tribun)
