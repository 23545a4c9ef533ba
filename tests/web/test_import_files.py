"""Importing real scraped files: each test here failed before its fix (issue 12)."""

import csv
import io
import json
from datetime import datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from newsreader import services
from newsreader.management.commands import import_articles
from newsreader.models import Article

from ..grouping_texts import BACKGROUND, GARUT_A, GARUT_B, SUMBA_A


def _record(title, text, published, n=0, **extra):
    return {"url": f"https://news.example.id/{n}", "title": title, "text": text, **extra} | (
        {"published": published.isoformat()} if published else {}
    )


def _jsonl(path, records):
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), "utf-8")
    return path


def _lines(out):
    return [json.loads(line) for line in out.getvalue().splitlines() if line.startswith("{")]


def test_bulk_import_of_records_with_urls(tmp_path, db):
    # was: in_bulk(field_name="url_key") refused, url_key being unique only where not empty
    path = _jsonl(tmp_path / "a.jsonl", [_record(*GARUT_A, 1), _record(*SUMBA_A, 2)])
    out = io.StringIO()
    call_command("import_articles", str(path), "--bulk", "--json", stdout=out)
    assert [line["new"] for line in _lines(out)] == [True, True]
    out = io.StringIO()
    call_command("import_articles", str(path), "--bulk", "--json", stdout=out)
    assert [line["new"] for line in _lines(out)] == [False, False]
    assert Article.objects.count() == 2


def test_jsonl_with_a_line_separator_inside_a_string(tmp_path, db):
    # was: str.splitlines() cut the line at U+2028, so a valid file was "not valid JSON"
    title, text, published = GARUT_A
    path = tmp_path / "sep.jsonl"
    record = _record(title, text.replace("\n\n", "\u2028"), published, 1)
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", "utf-8")
    out = io.StringIO()
    call_command("import_articles", str(path), "--json", stdout=out)
    assert _lines(out)[0]["new"] is True
    assert "\u2028" in bytes(Article.objects.get().raw_bytes).decode()


def test_one_bad_record_does_not_refuse_the_file(tmp_path, db):
    # was: a date in a form the importer did not read refused every record of the file
    records = [
        _record(*GARUT_A, 1),
        _record(*GARUT_B, 2) | {"published": "kapan-kapan"},
        _record(*SUMBA_A, 3),
    ]
    path = _jsonl(tmp_path / "mixed.jsonl", records)
    out = io.StringIO()
    with pytest.raises(CommandError, match=r"1 page\(s\)"):
        call_command("import_articles", str(path), "--json", stdout=out)
    lines = _lines(out)
    assert [("error" in line) for line in lines] == [False, True, False]
    assert "record 2" in lines[1]["error"] and "kapan-kapan" in lines[1]["error"]
    assert Article.objects.count() == 2


def test_scraped_date_forms_are_read(tmp_path, db):
    # was: only ISO 8601 was accepted in 'published'
    forms = {
        "Tayang: Selasa, 10 Juni 2025 08:52 WIB": datetime(2025, 6, 10, 8, 52),
        "Rabu, 18 Jun 2025 14:05 WIB": datetime(2025, 6, 18, 14, 5),
        "18/06/2025, 10:15 WIB": datetime(2025, 6, 18, 10, 15),
    }
    records = [
        {"url": f"https://x.example.id/{i}", "title": t, "text": x, "published": form}
        for i, (form, (t, x, _)) in enumerate(zip(forms, [GARUT_A, GARUT_B, SUMBA_A], strict=True))
    ]
    call_command(
        "import_articles", str(_jsonl(tmp_path / "d.jsonl", records)), stdout=io.StringIO()
    )
    for i, expected in enumerate(forms.values()):
        article = Article.objects.get(url=f"https://x.example.id/{i}")
        local = article.published.astimezone(
            datetime.fromisoformat("2025-01-01T00:00+07:00").tzinfo
        )
        assert local.replace(tzinfo=None) == expected


def test_bulk_commits_every_500_records_within_one_file(tmp_path, db, monkeypatch, capsys):
    # was: every record of a file went through one transaction, without progress
    monkeypatch.setattr(import_articles, "BULK_BATCH", 2)
    sizes = []
    real = services.articles_import_bulk

    def counting(**kwargs):
        sizes.append(len(kwargs["records"]))
        return real(**kwargs)

    monkeypatch.setattr(services, "articles_import_bulk", counting)
    records = [_record(*a, i) for i, a in enumerate([GARUT_A, GARUT_B, SUMBA_A, *BACKGROUND])]
    call_command("import_articles", str(_jsonl(tmp_path / "many.jsonl", records)), "--bulk")
    assert sizes == [2, 2, 2, 1]
    progress = capsys.readouterr().err.splitlines()
    assert progress[-1] == "imported 7/7 records (100%)"  # one line per step: not a terminal
    assert Article.objects.count() == 7


def test_csv_with_scraped_column_names(tmp_path, db):
    path = tmp_path / "scrapping_news.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["sumber", "url", "judul", "author", "tanggal_publikasi", "isi_berita"])
        for i, (title, text, _) in enumerate([GARUT_A, SUMBA_A]):
            writer.writerow(
                [
                    "detik.com",
                    f"https://news.detik.com/{i}",
                    title,
                    "Rina Sari",
                    "Rabu, 18 Jun 2025 14:05 WIB",
                    text,
                ]
            )
    out = io.StringIO()
    call_command("import_articles", str(path), "--json", stdout=out)
    assert [line["new"] for line in _lines(out)] == [True, True]
    article = Article.objects.get(url="https://news.detik.com/0")
    assert article.title == GARUT_A[0]
    assert article.authors == ["Rina Sari"]
    assert article.published == datetime.fromisoformat("2025-06-18T14:05:00+07:00")


def test_xlsx_import(tmp_path, db):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["judul", "isi", "link", "tanggal"])
    sheet.append([GARUT_A[0], GARUT_A[1], "https://a.example.id/1", datetime(2025, 6, 18, 15, 30)])
    sheet.append([SUMBA_A[0], "", "https://a.example.id/2", None])  # no text: reported
    book.save(tmp_path / "berita.xlsx")
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_articles", str(tmp_path / "berita.xlsx"), "--json", stdout=out)
    lines = _lines(out)
    assert lines[0]["new"] is True and "'text' must be" in lines[1]["error"]
    assert Article.objects.get().url == "https://a.example.id/1"


def test_json_aliases(tmp_path, db):
    path = tmp_path / "alias.json"
    title, text, _ = GARUT_A
    path.write_text(json.dumps([{"judul": title, "isi_berita": text, "tanggal": "2025-06-18"}]))
    call_command("import_articles", str(path), stdout=io.StringIO())
    assert Article.objects.get().title == title
