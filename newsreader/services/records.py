"""Import records from files: one per text/HTML page, one per object of a .json list or .jsonl
line, one per row of a .csv or .xlsx sheet.

Fields go by the column names scraped corpora use (`FIELD_ALIASES`: `judul`, `isi_berita`,
`tanggal_publikasi`, `sumber`...). A record that cannot be imported (no text, a date in no
readable form, a field too long) becomes `{"error": ..., "file_name": ...}`: it is reported and
the file's other records are still imported.
"""

from __future__ import annotations

import csv
import io

from django.conf import settings
from django.utils.translation import gettext

from ..analysis.dates import parse_date, zone
from ..analysis.decoding import NotText, decode
from .articles import ImportRefused
from .validation import (
    EARLIEST,
    LATEST,
    BadJSON,
    day_in_range,
    json_parse,
    storable_field,
    storable_text,
)

FIELD_ALIASES = {
    "title": ("title", "judul", "headline"),
    "text": ("text", "content", "isi", "isi_berita", "body", "konten", "artikel"),
    "url": ("url", "link", "tautan"),
    "published": (
        "published",
        "date",
        "tanggal",
        "tanggal_publikasi",
        "published_at",
        "publish_date",
        "waktu",
    ),
    "outlet": ("outlet", "source", "sumber", "media", "portal"),
    "author": ("author", "authors", "penulis"),
}
_ALIAS = {alias: field for field, names in FIELD_ALIASES.items() for alias in names}
FIELD_LIMITS = {"url": 2000, "title": 1000, "outlet": 200, "author": 500}
TABLE_SUFFIXES = (".csv", ".xlsx")


def import_records(name: str, data: bytes) -> list[dict]:
    """The import records of one file (see the module docstring)."""
    lower = name.lower()
    if lower.endswith((".zip", ".gz", ".tar", ".tgz", ".7z", ".rar")):
        raise ImportRefused(
            gettext("{name}: archives are not accepted; upload the files themselves").format(
                name=name
            )
        )
    if lower.endswith(".xlsx"):
        rows = _xlsx_rows(name, data)
    elif lower.endswith((".json", ".jsonl", ".csv")):
        try:
            text, _ = decode(data)
        except NotText as error:
            raise ImportRefused(f"{name}: {error}") from error
        rows = _csv_rows(text) if lower.endswith(".csv") else _json_rows(name, text, lower)
    else:
        return [{"data": data, "file_name": name}]
    table = lower.endswith(TABLE_SUFFIXES)
    return [_record(name, number, row, table) for number, row in enumerate(rows, 1)]


def _json_rows(name: str, text: str, lower: str) -> list:
    if lower.endswith(".jsonl"):
        # Records are separated by newlines only: str.splitlines() would also cut at U+2028,
        # U+2029 and other separators that are valid inside a JSON string.
        lines = [line for line in text.split("\n") if line.strip()]
        rows = []
        for number, line in enumerate(lines, 1):
            try:
                rows.append(json_parse(line))
            except BadJSON as error:
                rows.append(ValueError(f"line {number}: {error}"))
        return rows
    try:
        loaded = json_parse(text)
    except BadJSON as error:
        raise ImportRefused(f"{name}: {error}") from error
    return loaded if isinstance(loaded, list) else [loaded]


def _csv_rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline="")))


def _xlsx_rows(name: str, data: bytes) -> list[dict]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds on a broken file
        message = gettext("{name}: not a readable .xlsx workbook ({error})")
        raise ImportRefused(message.format(name=name, error=error)) from error
    values = book.active.iter_rows(values_only=True)
    header = [str(h or "").strip() for h in next(values, ())]
    return [
        {h: v for h, v in zip(header, row, strict=False) if h and v is not None} for row in values
    ]


def _record(name: str, number: int, row, table: bool) -> dict:
    label = f"{name}#{number}"
    try:
        return _fields(row, table) | {"file_name": label}
    except ValueError as error:
        message = gettext("{name}, record {number}: {error}")
        return {"error": message.format(name=name, number=number, error=error), "file_name": label}


def _fields(row, table: bool) -> dict:
    if isinstance(row, Exception):
        raise ValueError(str(row))
    if not isinstance(row, dict):
        raise ValueError(gettext("expected an object with a 'text' field"))
    fields: dict = {}
    for key, value in row.items():
        field = _ALIAS.get(str(key).strip().casefold())
        if field is None:
            if table:
                continue  # other columns of a scraped sheet are ignored
            allowed = ", ".join(sorted(_ALIAS))
            message = gettext("unknown field {key}; allowed: {allowed}")
            raise ValueError(message.format(key=repr(key), allowed=allowed))
        if value not in (None, "") and field not in fields:
            fields[field] = value
    text = fields.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ValueError(gettext("'text' must be a non-empty string"))
    for field, limit in FIELD_LIMITS.items():
        if len(str(fields.get(field) or "")) > limit:
            message = gettext("'{field}' is longer than {limit}")
            raise ValueError(message.format(field=field, limit=limit))
    published = None
    if fields.get("published"):
        published = parse_date(str(fields["published"]), zone(settings.TIME_ZONE))
        if published is None:
            message = gettext("'published' is not a date I can read: {value}")
            raise ValueError(message.format(value=repr(fields["published"])))
        if not day_in_range(published):
            message = gettext("'published' is outside the years {first} to {last}: {year}")
            raise ValueError(
                message.format(first=EARLIEST.year, last=LATEST.year, year=published.year)
            )
    record = {
        "data": storable_text(text).encode("utf-8"),
        "url": storable_field(str(fields.get("url") or "")).strip(),
        "title": storable_field(str(fields.get("title") or "")).strip(),
        "outlet": _outlet(storable_field(str(fields.get("outlet") or ""))),
        "published": published,
    }
    if fields.get("author"):
        authors = storable_field(str(fields["author"])).split(",")
        record["authors"] = [a.strip() for a in authors if a.strip()]
    return record


def _outlet(value: str) -> str:
    """The outlet a record names (a name, slug or domain), whitespace tidied: resolved, or
    created when new, at import (see `services.outlets`)."""
    return " ".join(value.split())
