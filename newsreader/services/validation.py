"""Values from outside, checked once where they come in: text, dates and JSON.

Every entry path (paste, upload, URL fetch, JSON and CSV records, the command line, corrections
and query strings) passes its text and values through here, so what is stored holds no NUL, no
lone surrogate and no date a database or a timezone conversion cannot hold, and a bad value
gets a message instead of a server error.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime

from django.utils.translation import gettext

# Dates an article can carry: far enough back for archives, far enough ahead for typos, and
# clear of the ends of Python's and PostgreSQL's ranges (year 1 or 9999 overflow in UTC).
EARLIEST = date(1800, 1, 1)
LATEST = date(2200, 12, 31)

_NUL = "\x00"
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
# C0 and C1 controls a field (title, URL, outlet, author) never needs; tab and newlines stay
# in article text, where they separate paragraphs.
_FIELD_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f]")
_TEXT_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def storable_text(text: str) -> str:
    """Article text as it may be stored: NUL and other controls but tab and newlines removed,
    lone surrogates (undecodable halves of an emoji) replaced by U+FFFD."""
    return _TEXT_CONTROLS.sub("", _LONE_SURROGATE.sub("\ufffd", text))


def storable_field(value: str) -> str:
    """A one-line field (title, URL, outlet, author): controls removed, surrogates replaced."""
    return _FIELD_CONTROLS.sub("", _LONE_SURROGATE.sub("\ufffd", value))


def day_in_range(day: date | datetime) -> bool:
    day = day.date() if isinstance(day, datetime) else day
    return EARLIEST <= day <= LATEST


def range_error(value: str) -> str:
    return gettext("“{value}” lies outside the years {first} to {last}; it was ignored.").format(
        value=value[:40], first=EARLIEST.year, last=LATEST.year
    )


def query_day(value: str) -> tuple[date | None, str]:
    """A YYYY-MM-DD day from a query string, or None and the reason it was ignored."""
    if not value:
        return None, ""
    try:
        day = date.fromisoformat(value) if len(value) == 10 else None
    except ValueError:
        day = None
    if day is None:
        return None, gettext("“{value}” is not a date (use YYYY-MM-DD); it was ignored.").format(
            value=value[:40]
        )
    if not day_in_range(day):
        return None, range_error(value)
    return day, ""


class BadJSON(ValueError):
    """JSON a reader cannot take: malformed, too deep, or holding an absurd number."""


def json_parse(text: str):
    """`json.loads` whose every failure is a BadJSON with a plain message (never a
    RecursionError from deep nesting or a ValueError from a 5,000-digit number)."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise BadJSON(
            gettext("not valid JSON (line {line}, column {column}: {reason})").format(
                line=error.lineno, column=error.colno, reason=error.msg
            )
        ) from error
    except RecursionError as error:
        raise BadJSON(gettext("JSON nested too deeply to read")) from error
    except ValueError as error:  # int() digit limit
        raise BadJSON(gettext("JSON holds a number too long to read")) from error
