"""Every user-facing string has its Bahasa Indonesia translation, and templates show no English
outside translation tags. Run `python manage.py makemessages -l id --no-location --no-obsolete` and fill the
new entries of locale/id/LC_MESSAGES/django.po when these fail."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

from django.template.base import Lexer, TokenType

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = sorted((ROOT / "templates").rglob("*.html"))


def _entries(po_text: str) -> list[dict]:
    """The catalog's entries (not the header, not obsolete ones) with their msgid and msgstrs."""
    entries = []
    for block in po_text.split("\n\n"):
        lines = [line for line in block.splitlines() if not line.startswith("#~")]
        fields: dict[str, str] = {}
        key = None
        for line in lines:
            if line.startswith("#,"):
                fields["flags"] = line
            elif match := re.match(r'^(msgid|msgid_plural|msgstr(?:\[\d\])?) (".*")$', line):
                key = match[1]
                fields[key] = match[2][1:-1]
            elif line.startswith('"') and key:
                fields[key] += line[1:-1]
        if fields.get("msgid"):
            entries.append(fields)
    return entries


def _regenerated_catalog(tmp_path: Path) -> str:
    """makemessages run over a copy of the source: the catalog as the code needs it now."""
    for name in ("newsreader", "templates", "locale"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("*.mo"))
    shutil.copy(ROOT / "manage.py", tmp_path / "manage.py")
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "id", "--no-location"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
    )
    return (tmp_path / "locale" / "id" / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")


def test_every_string_of_the_code_has_an_indonesian_translation(tmp_path):
    entries = _entries(_regenerated_catalog(tmp_path))
    assert len(entries) > 400  # the extraction really read the templates and the code
    untranslated = [
        e["msgid"]
        for e in entries
        if not any(v for k, v in e.items() if k.startswith("msgstr"))
        or "fuzzy" in e.get("flags", "")
    ]
    assert untranslated == [], "strings without an Indonesian translation (or fuzzy ones)"


def test_the_catalog_parser_sees_a_missing_translation():
    po = 'msgid "Stories"\nmsgstr "Berita"\n\n#, fuzzy\nmsgid "Log in"\nmsgstr "Masuk"\n\nmsgid "New"\nmsgstr ""\n'
    entries = _entries(po)
    assert [e["msgid"] for e in entries] == ["Stories", "Log in", "New"]
    assert entries[2]["msgstr"] == "" and "fuzzy" in entries[1]["flags"]


# Visible English outside translation tags: the template's text with every tag and variable
# replaced by a placeholder and every translated block removed, read as HTML: its text nodes and
# the attributes a reader sees or hears. Product names, formats and keys are allowed.
ALLOWED = {
    "newsreader", "JSON", "CSV", "URL", "Esc", "Enter", "Bahasa", "Indonesia", "English",
    "YYYY", "MM", "DD", "python", "manage", "py", "backup", "gz", "make", "run", "kbd", "n", "p",
}  # fmt: skip
SEEN_ATTRIBUTES = {"title", "aria-label", "placeholder", "alt", "value", "summary"}
WORD = re.compile(r"[A-Za-z]{2,}")


class _Visible(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "style", "code", "kbd", "svg"} and tag != "svg":
            self.skip += 1
        for name, value in attrs:
            if name in SEEN_ATTRIBUTES and value and tag != "input":
                self.found.append(value)

    def handle_endtag(self, tag):
        if tag in {"script", "style", "code", "kbd"}:
            self.skip = max(0, self.skip - 1)

    def handle_data(self, data):
        if not self.skip:
            self.found.append(data)


def _untranslated_text(source: str) -> list[str]:
    parts, inside = [], 0
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.BLOCK:
            name = token.contents.split()[0] if token.contents else ""
            if name in {"blocktranslate", "blocktrans"}:
                inside += 1
            elif name in {"endblocktranslate", "endblocktrans"}:
                inside -= 1
            parts.append(" \x00 ")
        elif token.token_type == TokenType.TEXT and not inside:
            parts.append(token.contents)
        elif token.token_type != TokenType.COMMENT:
            parts.append(" \x00 ")
    parser = _Visible()
    parser.feed("".join(parts))
    return [
        text.strip()
        for text in parser.found
        if any(w not in ALLOWED for w in WORD.findall(text.replace("\x00", " ")))
    ]


def test_templates_show_no_english_outside_translation_tags():
    found = {
        str(path.relative_to(ROOT)): leftovers
        for path in TEMPLATES
        if (leftovers := _untranslated_text(path.read_text(encoding="utf-8")))
    }
    assert found == {}


def test_the_template_check_finds_english_text_and_attributes():
    source = (
        '<p>{% translate "Stories" %} <a title="Open it" href="{{ x }}">{{ y }}</a></p>'
        "{% blocktranslate %}Hello {{ name }}{% endblocktranslate %}<button>Save</button>"
    )
    assert _untranslated_text(source) == ["Open it", "Save"]
