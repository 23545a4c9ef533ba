"""Dates printed on Indonesian and English news pages.

Regular expressions with Indonesian and English month and weekday tables find and parse the
forms outlets print (`14 September 2023, 16:22 WIB`, `Sabtu, 4 Oktober 2025`,
`April 25, 2024`, `Selasa (12/9/2023)`, `Rabu 13 September 2023`, `2023-09-14T16:22`).
They are exact, offline and about a hundred times faster than a general date parser; relative
words (`kemarin`) are not resolved because a page carries no reliable base time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

MONTHS = {
    **dict.fromkeys(["januari", "january", "jan"], 1),
    **dict.fromkeys(["februari", "pebruari", "february", "feb", "peb"], 2),
    **dict.fromkeys(["maret", "march", "mar"], 3),
    **dict.fromkeys(["april", "apr"], 4),
    **dict.fromkeys(["mei", "may"], 5),
    **dict.fromkeys(["juni", "june", "jun"], 6),
    **dict.fromkeys(["juli", "july", "jul"], 7),
    **dict.fromkeys(["agustus", "august", "agu", "agt", "aug", "ags"], 8),
    **dict.fromkeys(["september", "sept", "sep"], 9),
    **dict.fromkeys(["oktober", "october", "okt", "oct"], 10),
    **dict.fromkeys(["november", "nopember", "nov", "nop"], 11),
    **dict.fromkeys(["desember", "december", "des", "dec"], 12),
}
WEEKDAYS = (
    "senin selasa rabu kamis jumat jum'at sabtu minggu ahad "
    "monday tuesday wednesday thursday friday saturday sunday"
).split()
ZONES = {"WIB": 7, "WITA": 8, "WIT": 9, "UTC": 0, "GMT": 0}

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?P<weekday>" + "|".join(WEEKDAYS) + r")"
_TIME = (
    r"(?:\s*[,|-]?\s*(?:pukul\s+|jam\s+|at\s+)?(?P<hour>[01]?\d|2[0-3])[:.](?P<minute>[0-5]\d)"
    r"(?::[0-5]\d)?(?:\s*(?P<zone>WIB|WITA|WIT|UTC|GMT)\b)?)?"
)
_DAY = r"(?P<day>[0-3]?\d)"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WEEKDAY_PREFIX = rf"(?:{_WEEKDAY}\s*,?\s*)?"
_FORMS = [
    rf"{_WEEKDAY_PREFIX}{_DAY}\s+{_MONTH}\s+{_YEAR}{_TIME}",  # (Kamis) 14 September 2023
    rf"{_WEEKDAY_PREFIX}{_MONTH}\s+{_DAY},?\s+{_YEAR}{_TIME}",  # April 25, 2024
    rf"{_WEEKDAY_PREFIX}\(?{_DAY}/(?P<nmonth>[01]?\d)/{_YEAR}\)?{_TIME}",  # Selasa (12/9/2023)
    rf"{_YEAR}-(?P<nmonth>[01]\d)-{_DAY}(?:[T ](?P<hour>[01]\d|2[0-3]):(?P<minute>[0-5]\d)"
    r"(?::[0-5]\d(?:\.\d+)?)?(?P<offset>Z|[+-]\d\d:?\d\d)?)?",  # 2023-09-14T16:22+07:00
]
DATE_RES = tuple(re.compile(rf"(?<![\w/]){f}(?![\w/])", re.IGNORECASE) for f in _FORMS)
_DATE_LINE_PREFIX = re.compile(
    r"^[\s\-–—|•·:]*(?:(?:diperbarui|dipublikasikan|diterbitkan|terbit|published|updated|posted|"
    r"tanggal|date)\s*(?:pada|on)?\s*:?\s*)?",
    re.IGNORECASE,
)
_DATE_LINE_SUFFIX = re.compile(r"^[\s\-–—|•·/]*$")
MISMATCH_DAYS = 30


@dataclass(frozen=True)
class FoundDate:
    start: int
    end: int
    value: datetime
    has_weekday: bool


def zone(name: str) -> tzinfo:
    """A tzinfo for an IANA name, with fixed-offset fallbacks when tzdata is missing."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return timezone(timedelta(hours=7)) if name == "Asia/Jakarta" else UTC


def find_dates(text: str, default_zone: tzinfo) -> list[FoundDate]:
    """Every full date (day, month and year) in `text`, left to right, without overlaps."""
    found = []
    for pattern in DATE_RES:
        for m in pattern.finditer(text):
            value = _to_datetime(m, default_zone)
            if value is not None:
                found.append(
                    FoundDate(m.start(), m.end(), value, bool(m.groupdict().get("weekday")))
                )
    found.sort(key=lambda d: (d.start, -(d.end - d.start)))
    kept: list[FoundDate] = []
    for date in found:
        if not kept or date.start >= kept[-1].end:
            kept.append(date)
    return kept


def parse_date(text: str, default_zone: tzinfo) -> datetime | None:
    """A date given as a field value: ISO 8601, or the first date printed in it as scraped
    (`Tayang: Selasa, 10 Juni 2025 08:52 WIB`, `Rabu, 18 Jun 2025 14:05 WIB`,
    `18/06/2025, 10:15 WIB`, `Kompas.com- 18/06/2025, 21:35 WIB`). A date without a zone is read
    in `default_zone`; None when the text holds no full date."""
    text = " ".join(str(text or "").split())
    if not text:
        return None
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        found = find_dates(text, default_zone)
        return found[0].value if found else None
    return value if value.tzinfo else value.replace(tzinfo=default_zone)


def date_line(line: str, default_zone: tzinfo) -> FoundDate | None:
    """The date when `line` is only a (prefixed) date: `- 14 September 2023, 16:22 WIB`."""
    if len(line) > 80:
        return None
    prefix = _DATE_LINE_PREFIX.match(line)
    rest_start = prefix.end() if prefix else 0
    dates = find_dates(line[rest_start:], default_zone)
    if (
        len(dates) == 1
        and dates[0].start == 0
        and _DATE_LINE_SUFFIX.match(line[rest_start + dates[0].end :])
    ):
        return dates[0]
    return None


def _to_datetime(m: re.Match[str], default_zone: tzinfo) -> datetime | None:
    groups = m.groupdict()
    month = MONTHS[groups["month"].lower()] if groups.get("month") else int(groups["nmonth"])
    tz = default_zone
    if groups.get("zone"):
        tz = timezone(timedelta(hours=ZONES[groups["zone"].upper()]), groups["zone"].upper())
    elif groups.get("offset"):
        offset = groups["offset"].replace(":", "")
        minutes = 0 if offset == "Z" else int(offset[1:3]) * 60 + int(offset[3:5])
        tz = timezone(timedelta(minutes=-minutes if offset.startswith("-") else minutes))
    try:
        return datetime(
            int(groups["year"]),
            month,
            int(groups["day"]),
            int(groups.get("hour") or 0),
            int(groups.get("minute") or 0),
            tzinfo=tz,
        )
    except ValueError:
        return None


def choose_published(
    page_date: datetime | None, body_dates: list[FoundDate]
) -> tuple[datetime | None, str | None]:
    """(published, warning). Reporting-day references (`Selasa (12/9/2023)`) are preferred
    over other body dates; the page date wins unless it is far after all of them."""
    anchored = [d.value for d in body_dates if d.has_weekday] or [d.value for d in body_dates]
    if not anchored:
        return page_date, None
    newest = max(anchored)
    if page_date is None:
        return newest, None
    gap = (page_date - newest).days
    if gap > MISMATCH_DAYS:
        return newest, (
            f"page date {page_date:%Y-%m-%d} is {gap} days after the newest body date "
            f"{newest:%Y-%m-%d}; the page date is likely the scrape or update date, so the body "
            "date was chosen as published"
        )
    if gap < -MISMATCH_DAYS:
        return page_date, (
            f"body mentions {newest:%Y-%m-%d}, {-gap} days after the page date "
            f"{page_date:%Y-%m-%d}; the page date was kept as published (the body may refer "
            "to a later event)"
        )
    return page_date, None
