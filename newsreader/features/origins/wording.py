"""The origin reasons of the analysis core (English sentences with numbers) in the reader's
language. A reason of another shape is shown as the core wrote it."""

from __future__ import annotations

import re

from django.utils.translation import gettext, ngettext

_COMMON = re.compile(r"(\d+) outlets published it within (\d+) hours")
_RECURS = re.compile(r"it recurs in (\d+) earlier articles from (\d+) outlets")
_EARLIEST = re.compile(r"the earliest of (\d+) earlier article\(s\) sharing it")
_BEFORE = re.compile(r", published (\d+) (days|hours) before this one")


def origin_reason(reason: str) -> str:
    if m := _COMMON.match(reason):
        return gettext(
            "{outlets} outlets published it within {hours} hours: most likely all took it "
            "from one source (wire copy, press release or official statement)"
        ).format(outlets=m[1], hours=m[2])
    if m := _RECURS.match(reason):
        return gettext(
            "it recurs in {articles} earlier articles from {outlets} outlets: a stock phrase "
            "or standard text rather than one article's copy"
        ).format(articles=m[1], outlets=m[2])
    m = _EARLIEST.match(reason)
    if not m:
        return reason
    count = int(m[1])
    parts = [
        ngettext(
            "the only earlier article sharing it",
            "the earliest of {count} earlier articles sharing it",
            count,
        ).format(count=count)
    ]
    if b := _BEFORE.search(reason):
        amount = int(b[1])
        ago = (
            ngettext("{n} day", "{n} days", amount)
            if b[2] == "days"
            else ngettext("{n} hour", "{n} hours", amount)
        ).format(n=amount)
        parts.append(", " + gettext("published {ago} before this one").format(ago=ago))
    if "; its date is unknown" in reason:
        parts.append("; " + gettext("its date is unknown, so which came first is not certain"))
    if "; this article's date is unknown" in reason:
        parts.append(
            "; " + gettext("this article's date is unknown, so which came first is not certain")
        )
    if "; it is a quotation" in reason:
        parts.append(
            "; " + gettext("it is a quotation, so both may quote the same speaker independently")
        )
    return "".join(parts)
