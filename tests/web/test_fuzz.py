"""Fuzz campaign over the whole pipeline: upload -> decoding -> cleaning -> every analysis
section -> every page and export of the story, on a seeded corpus of hostile files and on
generated ones. Nothing may answer 500, and a stored page keeps its bytes exactly.

A short run is part of the suite; the long run (10,000 generated inputs, counting crashes,
hangs and altered data instead of stopping at the first) is `bench/fuzz_inputs.py` (README,
"Fuzzing").
"""

from __future__ import annotations

import codecs
import json
import os
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsreader.models import Article

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "6"))
_LONE = re.compile("[\ud800-\udfff]")
BODY = (
    "Pemerintah kota mengumumkan bahwa banjir melanda tiga kecamatan pada Senin pagi. "
    '"Kami butuh air bersih," kata Budi, warga setempat. Petugas membuka posko di balai desa.'
)


def _hostile() -> list[tuple[str, bytes]]:
    """Constructed hostile files, one per way an input once broke something or could."""
    quote = '"Kami butuh air bersih," kata Budi. '
    return [
        ("angka.txt", b"2023. 2024. 12.500. 7 8 9."),
        ("ulang.txt", (quote * 2000).encode()),
        ("bom-nul.txt", codecs.BOM_UTF8 + BODY.encode() + b"\x00\x00"),
        ("utf16-nul.txt", codecs.BOM_UTF16_LE + (BODY + "\x00").encode("utf-16-le")),
        ("utf32.txt", codecs.BOM_UTF32_LE + BODY.encode("utf-32-le")),
        ("cp1252.txt", ("Kafé naïve €2 – " + BODY).encode("cp1252")),
        ("stray.txt", BODY.encode() + b"\x96" + "“kutipan”".encode()),
        (
            "surrogate.json",
            json.dumps({"text": BODY, "outlet": "\ud83d", "title": "\udc00"}).encode(),
        ),
        (
            "nul.json",
            json.dumps(
                {"text": BODY + "\x00", "title": "a\x00b", "url": "https://x.example/\x00"}
            ).encode(),
        ),
        ("deep.json", b"[" * 100_000),
        ("digits.json", b'{"text": "x", "title": ' + b"9" * 5001 + b"}"),
        ("date.json", json.dumps({"text": BODY, "published": "0001-01-01 00:00"}).encode()),
        (
            "date2.json",
            json.dumps({"text": BODY, "published": "9999-12-31T23:59:59-12:00"}).encode(),
        ),
        (
            "formula.csv",
            ("text,title\n" + f'"{BODY}"," =1+1"\n' + f'"{BODY} lagi","\uff1dcmd"\n').encode(),
        ),
        (
            "script.html",
            f"<html><body><p>{BODY}</p><script>alert(1)</script><img src=x onerror=alert(2)></body></html>".encode(),
        ),
        ("bidi.txt", ("\u202e" + BODY + "\u202c\u200b\ufeff\x07\x1b[31m").encode()),
        ("crlf.txt", BODY.replace(". ", ".\r\n\r\n").encode()),
        ("satu.txt", b"banjir"),
        ("tanda.txt", b". , ; : ! ? \xe2\x80\x9c \xe2\x80\x9d \xe2\x80\x94"),
        ("panjang.txt", ("kata " * 40_000).encode()),
        ("kosong.json", b"[]"),
        ("bukan.json", b'{"judul": 1, "isi": ["a"]}'),
        ("baris.jsonl", b'{"text": "' + BODY.encode() + b'"}\n{oops\n'),
    ]


def _story_pages(article: Article) -> list[str]:
    slug, outlet = article.story.slug, article.outlet.slug
    return [
        article.get_absolute_url(),
        article.get_absolute_url() + "?view=raw",
        reverse("article-origins", args=[article.pk]),
        article.story.get_absolute_url(),
        reverse("story-compare", args=[slug]),
        reverse("story-compare", args=[slug]) + "?view=aligned&unique=1&edited=inf&words=1e999",
        reverse("story-claims", args=[slug]),
        reverse("story-speakers", args=[slug]),
        reverse("story-framing", args=[slug]),
        reverse("story-export-json", args=[slug]),
        reverse("story-export-csv", args=[slug, "articles"]),
        reverse("story-export-csv", args=[slug, "quotes"]),
        reverse("outlet-framing", args=[outlet]),
        reverse("outlet-reuse", args=[outlet]) + "?since=2023-02-30&until=9999-12-31",
    ]


def upload_problems(client, name: str, data: bytes) -> list[tuple[str, str]]:
    """Upload one file and read every page of each article it made: what went wrong, as
    ("crash", detail) for an answer other than expected, ("altered", detail) for stored data
    that differs from the upload or could not be restored (NUL, lone surrogate)."""
    problems = []
    before = set(Article.objects.values_list("pk", flat=True))
    upload = SimpleUploadedFile(name, data)
    response = client.post(reverse("import"), {"kind": "upload", "files": [upload]})
    if response.status_code not in {200, 400}:
        return [("crash", f"{name}: import answered {response.status_code}")]
    for article in Article.objects.exclude(pk__in=before).select_related("story", "outlet"):
        if not name.endswith((".json", ".jsonl", ".csv")) and bytes(article.raw_bytes) != data:
            problems.append(("altered", f"{name}: raw bytes differ"))  # kept byte for byte
        for value in (article.title, article.url, article.raw_text, article.clean_text):
            if "\x00" in value or _LONE.search(value):
                problems.append(("altered", f"{name}: NUL or lone surrogate stored"))
        status = client.get(reverse("story-analysis-status", args=[article.story.slug]))
        if status.status_code != 200:  # analysed, as polled
            problems.append(("crash", f"{name}: analysis status {status.status_code}"))
        for url in _story_pages(article):
            page = client.get(url)
            if page.status_code != 200:
                problems.append(("crash", f"{name}: {url} answered {page.status_code}"))
    return problems


def check_upload(client, name: str, data: bytes) -> None:
    assert upload_problems(client, name, data) == []


@pytest.mark.parametrize(("name", "data"), _hostile(), ids=[n for n, _ in _hostile()])
def test_hostile_files_break_nothing(editor_client, db, name, data):
    check_upload(editor_client, name, data)


LINES = st.one_of(
    st.sampled_from([BODY, '"Tidak benar," bantah Siti.', "Baca Juga: x", "12.500.", "“", ""]),
    st.text(max_size=120),
)
FILES = st.one_of(
    st.lists(LINES, max_size=12).map(
        lambda ls: ("f.txt", "\n\n".join(ls).encode("utf-8", "replace"))
    ),
    st.binary(max_size=400).map(lambda b: ("b.txt", BODY.encode() + b)),
    st.dictionaries(
        st.sampled_from(["text", "title", "url", "outlet", "published", "author", "isi", "x"]),
        st.one_of(st.text(max_size=80), st.integers(), st.none(), LINES),
        max_size=6,
    ).map(lambda d: ("r.json", json.dumps(d).encode())),
)


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(FILES)
def test_generated_files_break_nothing(editor_client, db, named):
    check_upload(editor_client, *named)
