"""The Content-Security-Policy forbids inline scripts and styles: no rendered page or htmx
fragment may carry a style attribute, an inline <script>, an on*= handler or hx-on."""

import re

import lxml.html
import pytest
from django.test import Client
from django.urls import reverse

from newsreader.models import LexiconEntry
from tests.page_urls import reading_urls

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\ssrc=)[^>]*>", re.IGNORECASE)
HANDLER = re.compile(r"<[a-z][^>]*\s(on[a-z]+|hx-on[:\w-]*)\s*=", re.IGNORECASE)
STYLE = re.compile(r"<[a-z][^>]*\sstyle\s*=", re.IGNORECASE)


def inline_code(html: str) -> list[str]:
    """Every inline style, script or event handler in a page (markup only, not its text)."""
    found = [m.group(0)[:80] for rx in (INLINE_SCRIPT, HANDLER, STYLE) for m in rx.finditer(html)]
    root = lxml.html.fromstring(html) if html.strip() else None
    for el in root.iter() if root is not None else ():
        if not isinstance(el.tag, str):
            continue
        names = [n for n in el.attrib if n == "style" or n.startswith(("on", "hx-on"))]
        found += [f"<{el.tag} {n}=…>" for n in names]
        if el.tag == "script" and not el.get("src"):
            found.append("<script> without src")
        elif el.tag == "style":
            found.append("<style> element")
    return found


def test_inline_code_is_found():
    assert inline_code('<p style="color:red">x</p>')
    assert inline_code("<div><script>alert(1)</script></div>")
    assert inline_code('<img src="a.png" onerror="x()">')
    assert inline_code('<button hx-on:click="x()">b</button>')
    assert not inline_code('<p>style="a" onclick=b</p><script src="/s.js"></script>')


@pytest.fixture
def pages(editor, editor_client, sample_articles):
    from django.contrib.auth.models import Group

    editor.is_staff = True
    editor.save()
    editor.groups.add(Group.objects.get(name="Editors"))
    urls = reading_urls(sample_articles)
    article, story = sample_articles[3], sample_articles[0].story
    entry = LexiconEntry.objects.first()
    urls |= {
        "import": reverse("import"),
        "article-edit": reverse("article-edit", args=[article.pk]),
        "article-delete": reverse("article-delete", args=[article.pk]),
        "story-delete": reverse("story-delete", args=[story.slug]),
        "admin-lexicon": reverse("admin:newsreader_lexiconentry_change", args=[entry.pk]),
    }
    return {k: v for k, v in urls.items() if not k.startswith("export")}


def test_no_page_carries_inline_code(editor_client, pages):
    for name, url in pages.items():
        response = editor_client.get(url)
        assert response.status_code == 200, name
        assert inline_code(response.content.decode()) == [], name
    anonymous = Client()
    for url in (reverse("login"), reverse("admin:login")):
        assert inline_code(anonymous.get(url).content.decode()) == [], url


def test_no_htmx_fragment_carries_inline_code(editor_client, pages):
    htmx = {"HX-Request": "true"}
    for name in ("compare", "compare-aligned", "compare-passage", "claims", "framing", "article"):
        response = editor_client.get(pages[name], headers=htmx)
        assert response.status_code == 200, name
        assert inline_code(response.content.decode()) == [], name
    raw = editor_client.get(pages["article-raw"], headers=htmx)
    assert inline_code(raw.content.decode()) == []
