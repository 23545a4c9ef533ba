"""The story report: its sections from the sample story, the chosen notes only, PDF/JSON/CSV."""

import csv
import io
import json
import re
from datetime import datetime

import lxml.html
import pytest
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from pypdf import PdfReader

from newsreader.models import NoteTag
from newsreader.services import notes as review

QUOTE = "Ini menunjukkan bahwa Putin sedang berusaha keras mencari bantuan"


@pytest.fixture
def story(sample_articles):
    return sample_articles[0].story


@pytest.fixture
def notes(sample_articles, editor, django_user_model):
    review.note_tags_restore()  # an earlier transactional test may have emptied the table
    tribun = sample_articles[3]
    start = tribun.clean_text.index(QUOTE)
    tag = NoteTag.objects.get(slug="press-release")
    chosen = review.note_create(
        editor, article=tribun, start=start, end=start + 30, text="Mirip rilis resmi", tag=tag
    )
    left_out = review.note_create(
        editor, article=tribun, start=start + 31, end=start + 50, text="Tidak dipilih"
    )
    other = django_user_model.objects.create_user("lain", password="x" * 12)
    private = review.note_create(other, article=tribun, start=start, end=start + 10, text="Rahasia")
    return {"chosen": chosen, "left_out": left_out, "private": private}


def report_url(story, name, *notes, **kwargs):
    return (
        reverse(name, args=[story.slug], **kwargs) + "?" + "&".join(f"note={n.pk}" for n in notes)
    )


def test_the_pdf_holds_coverage_sources_diff_claims_and_the_chosen_notes(
    story, notes, client, editor
):
    client.force_login(editor)
    chosen = (notes["chosen"], notes["private"])
    report = json.loads(client.get(report_url(story, "story-report-json", *chosen)).content)
    response = client.get(report_url(story, "story-report-pdf", *chosen))
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    flat = " ".join(text.split())
    assert "Coverage" in flat and "Tribunnews" in flat and "Timeline" in flat
    assert "Where each article's text comes from" in flat
    sources = [s for row in report["sources"] for s in row["sources"]]
    assert sources  # the sample story's later articles take text from earlier ones
    for s in sources:  # each source with its letter and its share of the article
        assert f"[{s['letter']}] {s['share']:.0%}" in flat
    diffed = next(p for p in report["passages"] if p["diff"])
    inserted = next(t for op, t in diffed["diff"] if op == "insert")
    assert "Shared passages" in flat and " ".join(inserted.split()) in flat
    assert "Claims" in flat
    # The sample conflict: Ukraine's military intelligence chief says North Korea has been
    # supplying weapons; Moscow and Pyongyang deny it. Both quotes and the reason are shown.
    conflict = next(
        c
        for c in report["claims"]["groups"]
        if c["relation"] == "conflict"
        and "Kyrylo Budanov" in {(m["speaker"] or {}).get("name") for m in c["members"]}
    )
    assert "In conflict" in flat and "Kyrylo Budanov" in flat
    by_speaker = {(m["speaker"] or {}).get("name"): m for m in conflict["members"]}
    budanov = " ".join(by_speaker["Kyrylo Budanov"]["text"].split())
    assert budanov.startswith("Korea Utara telah memasok senjata ke Rusia") and budanov in flat
    denial = " ".join(by_speaker["Moskow dan Pyongyang"]["text"].split())
    assert "Moskow dan Pyongyang" in flat and denial in flat
    [denial_reason] = [r for r in conflict["reason_codes"] if r["code"] == "denial_vs_claim"]
    assert {"Moskow dan Pyongyang"} <= {d["name"] for d in denial_reason["deniers"]}
    assert "Kyrylo Budanov" in {c["name"] for c in denial_reason["claimants"]}
    assert f"deny (“{denial_reason['cue']}”) what Kyrylo Budanov" in flat  # the reason, worded
    assert "Mirip rilis resmi" in flat and "press release" in flat
    assert "Tidak dipilih" not in flat and "Rahasia" not in flat  # not chosen; not visible
    assert "Report version 1" in flat and "at least 6 words" in flat
    assert "Filters: none" in flat and f"Cite as: “Coverage report: {story.title}”" in flat
    assert report["method"]["url"] in "".join(flat.split())  # the PDF may break the line in it


def test_the_json_report_states_its_method_and_links_each_figure(story, notes, client, editor):
    client.force_login(editor)
    report = json.loads(client.get(report_url(story, "story-report-json", notes["chosen"])).content)
    assert report["method"]["thresholds"] == {"min_words": 6, "edited_min": 0.8, "similar_min": 0.5}
    assert report["method"]["filters"] == {
        "hide_shared_quotes": False,
        "hide_common_phrases": False,
    }
    cited = reverse("story-report", args=[story.slug]) + f"?note={notes['chosen'].pk}"
    assert report["method"]["url"] == "http://testserver" + cited
    [note] = report["notes"]
    assert (note["text"], note["tag"], note["author"]) == (
        "Mirip rilis resmi",
        "press-release",
        "editor",
    )
    assert note["evidence"].endswith(f"#note-{notes['chosen'].pk}")
    for row in report["sources"]:
        shares = sum(s["share"] for s in row["sources"])
        assert shares + row["own_share"] >= 1 - 1e-3
        for source in row["sources"]:
            assert source["evidence"].startswith(reverse("story-compare", args=[story.slug]))
            assert source["words"] / row["words"] == pytest.approx(source["share"], abs=1e-4)
    assert all(p["evidence"] for p in report["passages"])
    assert any(p["diff"] for p in report["passages"])
    assert {c["relation"] for c in report["claims"]["groups"]} >= {"altered", "agree"}


def test_the_page_gives_times_as_readers_read_them_and_the_json_as_iso(story, client):
    report = json.loads(client.get(reverse("story-report-json", args=[story.slug])).content)
    html = client.get(reverse("story-report", args=[story.slug])).content.decode()
    tree = lxml.html.fromstring(html)
    timeline = [li.text_content() for li in tree.xpath("//ul[@class='report-timeline']/li")]
    first = report["coverage"]["timeline"][0]
    shown = date_format(localtime(datetime.fromisoformat(first["published"])), "j M Y, H:i T")
    name = next(a["outlet_name"] for a in report["articles"] if a["id"] == first["article"])
    assert timeline[0].startswith(f"{shown} · {name}: ")
    assert not re.search(r"\d{4}-\d\d-\d\dT", tree.xpath("string(//article)"))


def test_anonymous_readers_get_a_report_without_notes(story, notes, client):
    report = json.loads(client.get(report_url(story, "story-report-json", notes["chosen"])).content)
    assert report["notes"] == []
    assert "Mirip rilis resmi" not in client.get(report_url(story, "story-report")).content.decode()


def test_the_csv_tables_include_the_notes(story, notes, client, editor):
    client.force_login(editor)
    url = reverse("story-report-csv", args=[story.slug, "notes"]) + f"?note={notes['chosen'].pk}"
    rows = list(csv.DictReader(io.StringIO(client.get(url).content.decode())))
    assert [(r["text"], r["tag"], r["author"]) for r in rows] == [
        ("Mirip rilis resmi", "press-release", "editor")
    ]
    sources = reverse("story-report-csv", args=[story.slug, "sources"])
    rows = list(csv.DictReader(io.StringIO(client.get(sources).content.decode())))
    report = json.loads(client.get(reverse("story-report-json", args=[story.slug])).content)
    expected = {
        (str(row["article"]), str(s["article"] or ""), str(s["share"]))
        for row in report["sources"]
        for s in row["sources"]
    }
    assert expected and expected == {
        (r["article"], r["source_article"], r["share"]) for r in rows if r["source"]
    }
    assert client.get(reverse("story-report-csv", args=[story.slug, "nope"])).status_code == 404
