"""Every page type, and the htmx navigations of the comparison page, load without a console
error or a Content-Security-Policy violation (Chromium reports those as console errors)."""

import re

import pytest

from tests.page_urls import reading_urls

pytestmark = pytest.mark.browser


def watch(page) -> list[str]:
    """Console errors, uncaught exceptions and CSP violations seen from now on."""
    problems = []
    page.on("pageerror", lambda error: problems.append(f"pageerror: {error}"))
    page.on(
        "console",
        lambda m: (
            problems.append(f"{m.type}: {m.text}")
            if m.type == "error" or "Content Security Policy" in m.text
            else None
        ),
    )
    return problems


def settle(page):
    page.wait_for_load_state("networkidle")


def test_every_page_type_loads_without_console_errors(logged_in_page, sample_articles, browser):
    page = logged_in_page
    problems = watch(page)
    urls = {k: v for k, v in reading_urls(sample_articles).items() if not k.startswith("export")}
    urls |= {
        "import": "/import/",
        "article-edit": f"/articles/{sample_articles[3].pk}/edit/",
        "admin-lexicon": "/admin/newsreader/lexiconentry/",
        "admin-lexicon-add": "/admin/newsreader/lexiconentry/add/",
    }
    for name, url in urls.items():
        page.goto(url)
        settle(page)
        assert not problems, f"{name}: {problems}"

    # The login pages, seen by a visitor who is not logged in.
    context = browser.new_context(base_url=page.url.split("/admin")[0])
    anonymous = context.new_page()
    seen = watch(anonymous)
    for url in ("/accounts/login/", "/admin/login/"):
        anonymous.goto(url)
        settle(anonymous)
    context.close()
    assert not seen, seen


def test_compare_htmx_navigation_keeps_to_the_policy(logged_in_page, sample_articles):
    page = logged_in_page
    problems = watch(page)
    story = sample_articles[0].story
    page.goto(f"/stories/{story.slug}/compare/")
    settle(page)
    page.get_by_role("link", name="Aligned paragraphs").click()
    page.wait_for_selector("table#columns")
    settle(page)
    page.get_by_role("link", name="Continuous columns").click()
    page.wait_for_selector("div#columns")
    settle(page)
    page.get_by_role("link", name="Only in this article").click()
    page.wait_for_url(re.compile(r"unique=1"))
    page.wait_for_selector(".unique-toggle[aria-current]")
    settle(page)
    page.get_by_text("Columns, thresholds and filters").click()
    page.locator(f"#col-{sample_articles[0].pk}").wait_for(state="visible")
    page.locator(f"#col-{sample_articles[0].pk}").uncheck()
    page.get_by_role("button", name="Update comparison").click()
    dropped = re.compile(rf"[?&]a={sample_articles[0].pk}(&|$)")
    page.wait_for_url(lambda url: not dropped.search(url))
    page.wait_for_selector(f"#columns article:not([aria-labelledby=h-{sample_articles[0].pk}])")
    settle(page)
    page.locator("#columns mark.passage").first.click()
    page.locator("#passage-panel .passage-detail").wait_for()
    page.keyboard.press("Escape")
    page.get_by_role("tab", name="Framing").click()
    page.locator("#framing-panel .framing-panel").wait_for()
    page.locator("#framing-panel button.ev-toggle").first.click()
    page.get_by_role("tab", name="Quoted claims").click()
    page.locator("#claims-label").select_option(index=1)
    settle(page)
    page.go_back()
    settle(page)
    page.go_back()
    settle(page)
    page.go_forward()
    settle(page)
    assert not problems, problems
