"""The origin reasons of the analysis core (English sentences with numbers) in the reader's
language. A reason of another shape is shown as the core wrote it."""

from __future__ import annotations

import re

from django.utils.translation import gettext, ngettext

_COMMON = re.compile(
    r"(\d+) outlets of (\d+) media groups published it within (?:(\d+) hours|(the hour))"
)
_SYNDICATED = re.compile(r"syndication within the media group (.+): a sister outlet")
_RECURS = re.compile(r"it recurs in (\d+) earlier articles from (\d+) outlets")
_EARLIEST = re.compile(r"the earliest of (\d+) earlier article\(s\) sharing it")
_BEFORE = re.compile(r", published (?:(\d+) (days|hours|minutes) before|at the same time as) this")


def origin_reason(reason: str) -> str:
    if m := _COMMON.match(reason):
        return common_reason(int(m[1]), int(m[2]), int(m[3]) if m[3] else 0)
    if m := _SYNDICATED.match(reason):
        return gettext(
            "syndication: a sister outlet of the same media group ({group}) published it "
            "first; sharing text inside a group is not copying"
        ).format(group=m[1])
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
        parts.append(", " + _before(int(b[1]) if b[1] else 0, b[2] or ""))
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


def common_reason(outlets: int, groups: int, hours: int) -> str:
    within = (
        ngettext("within {n} hour", "within {n} hours", hours).format(n=hours)
        if hours
        else gettext("within the hour")
    )
    return gettext(
        "{outlets} outlets of {groups} independent media groups published it {within}: most "
        "likely all took it from one source (wire copy, press release or official statement)"
    ).format(outlets=outlets, groups=groups, within=within)


def _before(amount: int, unit: str) -> str:
    if not unit:
        return gettext("published at the same time as this one")
    forms = {
        "days": ngettext("{n} day", "{n} days", amount),
        "hours": ngettext("{n} hour", "{n} hours", amount),
        "minutes": ngettext("{n} minute", "{n} minutes", amount),
    }
    return gettext("published {ago} before this one").format(ago=forms[unit].format(n=amount))
