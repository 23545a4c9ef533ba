"""Keyboard only, from the home page: log in, open the story and its comparison, read a shared
passage's detail, toggle a framing category and filter the claims, with visible focus."""

import re

import pytest

from tests.page_urls import lexicon_restore

from .conftest import screenshot

pytestmark = pytest.mark.browser

PASSWORD = "lantern mosaic harbour 42"

FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  return {
    tag: el.tagName.toLowerCase(),
    id: el.id,
    text: (el.getAttribute("aria-label") || el.textContent || "").trim().slice(0, 300),
    name: el.getAttribute("name") || "",
    role: el.getAttribute("role") || "",
    visible: el.matches(":focus-visible") && style.outlineStyle !== "none"
      && parseFloat(style.outlineWidth) >= 2,
  };
}"""


def focused(page) -> dict:
    return page.evaluate(FOCUSED) or {}


def tab_to(page, match, *, backwards=False, limit=400) -> dict:
    """Press Tab (or Shift+Tab) until the focused element satisfies `match`; its focus must show."""
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        now = focused(page)
        if now and match(now):
            assert now["visible"], f"no visible focus on {now}"
            return now
    raise AssertionError(f"never reached the element; focus ended on {focused(page)}")


def test_keyboard_only_journey(page, live_server, transactional_db, sample_articles, monkeypatch):
    from django.core.management import call_command

    monkeypatch.setenv("NEWSREADER_PASSWORD", PASSWORD)
    call_command("create_account", "ayu", "--role", "student")
    lexicon_restore()
    story = sample_articles[0].story
    page.goto("/")

    # Log in through the form.
    tab_to(page, lambda f: f["tag"] == "a" and f["text"] == "Log in")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/accounts/login/"))
    tab_to(page, lambda f: f["name"] == "username")
    page.keyboard.type("ayu")
    tab_to(page, lambda f: f["name"] == "password")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(live_server.url + "/")
    assert "Log out ayu" in page.inner_text("header")

    # Open the story, then its comparison.
    tab_to(page, lambda f: f["tag"] == "a" and f["text"] == story.title)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/stories/{story.slug}/$"))
    tab_to(page, lambda f: f["tag"] == "a" and f["text"] == "Compare side by side")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/compare/"))
    page.wait_for_selector("#columns mark.passage")

    # n moves to the first shared passage, n again to the next, p back.
    page.keyboard.press("n")
    first = focused(page)
    assert first["tag"] == "mark" and first["visible"], first
    page.keyboard.press("n")
    second = focused(page)
    assert second["tag"] == "mark" and second["id"] != first["id"] and second["visible"]
    page.keyboard.press("p")
    assert focused(page)["id"] == first["id"]
    passage = first["id"]

    # Enter opens the passage detail with its word diff; Escape closes it and focus returns.
    page.keyboard.press("Enter")
    panel = page.locator("#passage-panel .passage-detail")
    panel.wait_for()
    assert page.locator("#passage-panel").evaluate("el => el === document.activeElement")
    assert panel.locator("blockquote").count() >= 2
    versions = panel.locator("ol.versions > li:has(blockquote.diff)")
    assert versions.count() >= 1
    for i in range(versions.count()):  # each diff marks its changes, or says there are none
        version = versions.nth(i)
        marked = version.locator("blockquote.diff ins, blockquote.diff del").count()
        same = version.get_by_text("Same words; only punctuation").count()
        assert (marked > 0) != (same > 0), version.inner_text()
    screenshot(page, "keyboard-passage-panel")
    page.keyboard.press("Escape")
    assert page.locator("#passage-panel > *").count() == 0
    back = focused(page)
    assert back["id"] == passage and back["visible"], back

    # The Framing tab of the side panel, then a category toggle pressed with Space.
    tab_to(page, lambda f: f["role"] == "tab" and f["text"] == "Framing")
    page.keyboard.press("Enter")
    assert page.get_by_role("tab", name="Framing").get_attribute("aria-selected") == "true"
    page.wait_for_selector("#side-framing button.ev-toggle:visible, .side button.ev-toggle:visible")
    toggle = tab_to(
        page,
        lambda f: (
            f["tag"] == "button"
            and "ev-toggle" in page.evaluate("document.activeElement.className")
        ),
    )
    page.keyboard.press("Space")
    pressed = page.evaluate("document.activeElement.getAttribute('aria-pressed')")
    assert pressed == "true", toggle
    category = page.evaluate("document.activeElement.dataset.category")
    assert page.locator(f"#columns.show-ev-{category}").count() == 1

    # The Quoted claims tab, back before Framing; filter its cards by label with the keyboard.
    tab_to(page, lambda f: f["role"] == "tab" and f["text"] == "Quoted claims", backwards=True)
    page.keyboard.press("Space")
    assert page.get_by_role("tab", name="Quoted claims").get_attribute("aria-selected") == "true"
    page.wait_for_selector("#claims-label:visible")
    total = page.locator(".side .claim-card").count()
    assert total > 1
    tab_to(page, lambda f: f["id"] == "claims-label")
    labels = page.locator("#claims-label option").all_inner_texts()
    chosen = None
    for _ in range(len(labels) - 1):
        page.keyboard.press("ArrowDown")  # a closed <select> steps through its options
        chosen = page.evaluate("document.getElementById('claims-label').value")
        page.wait_for_function(
            "v => document.querySelector('#claims-cards .claims-count') && "
            "[...document.querySelectorAll('#claims-cards .claim-card')].every("
            "c => c.classList.contains('relation-' + v))",
            arg=chosen,
        )
        if page.locator(".side .claim-card").count():
            break
    shown = page.locator(".side .claim-card")
    assert 0 < shown.count() < total, chosen
    assert all(f"relation-{chosen}" in c.get_attribute("class") for c in shown.all())
    screenshot(page, "keyboard-claims-filtered")
