"""Words a reader understands for the codes and English phrases the analysis core stores.

The core is plain Python and speaks in stable codes (removal reasons from the outlet profiles,
review flags, import kinds); the interface translates them here. An unknown code is shown as
it is, so a new profile reason is never hidden."""

from __future__ import annotations

import re

from django.utils.formats import number_format
from django.utils.translation import gettext, gettext_lazy, ngettext

from newsreader.services.imports import PLACED_BY_IMPORTER

SOURCE_KINDS = {
    "paste": gettext_lazy("pasted text"),
    "upload": gettext_lazy("file upload"),
    "url": gettext_lazy("web page fetch"),
    "command": gettext_lazy("the import command"),
}

REMOVAL_REASONS = {
    "byline": gettext_lazy("byline"),
    "copyright footer": gettext_lazy("copyright footer"),
    "editor initials": gettext_lazy("editor initials"),
    "editor line": gettext_lazy("editor line"),
    "font-size control": gettext_lazy("font-size control"),
    "loading indicator": gettext_lazy("loading indicator"),
    "markup residue": gettext_lazy("markup residue"),
    "photo caption": gettext_lazy("photo caption"),
    "photo credit": gettext_lazy("photo credit"),
    "read-also teaser": gettext_lazy("“read also” teaser"),
    "related-article list": gettext_lazy("list of related articles"),
    "share buttons": gettext_lazy("share buttons"),
    "source line": gettext_lazy("source line"),
    "tag list": gettext_lazy("tag list"),
    "navigation": gettext_lazy("navigation"),
    "title": gettext_lazy("title (shown above)"),
    "repeated title": gettext_lazy("repeated title"),
    "dateline": gettext_lazy("dateline"),
    "end marker": gettext_lazy("end of the article"),
    "duplicate body": gettext_lazy("repeated body text"),
    "control characters": gettext_lazy("invisible control characters"),
    "advertisement": gettext_lazy("advertisement"),
    "scroll prompt": gettext_lazy("scroll prompt"),
    "embed marker": gettext_lazy("embedded media marker"),
    "video teaser": gettext_lazy("video teaser"),
    "syndication note": gettext_lazy("note that the article first appeared elsewhere"),
    "read-more link": gettext_lazy("“read more” link"),
    "link prompt": gettext_lazy("link prompt"),
    "Google News promo": gettext_lazy("Google News promotion"),
    "channel promo": gettext_lazy("channel promotion"),
    "editor credit": gettext_lazy("editor credit"),
    "separator": gettext_lazy("separator line"),
    "date line": gettext_lazy("date line"),
}
_RECURS = re.compile(r"recurs in (\d+) articles of (.+)")
_PATTERN = re.compile(r"furniture pattern of (.+)")

CORRECTED_FIELDS = {
    "title": gettext_lazy("title"),
    "outlet": gettext_lazy("outlet"),
    "url": "URL",
    "dateline": gettext_lazy("dateline"),
    "published": gettext_lazy("publication date"),
    "authors": gettext_lazy("authors"),
    "credited_sources": gettext_lazy("credited sources"),
}

_LATE_PAGE = re.compile(
    r"page date (\S+) is (\d+) days after the newest body date (\S+); the page date is likely"
)
_LATE_BODY = re.compile(r"body mentions (\S+), (\d+) days after the page date (\S+);")
_SHORT = re.compile(r"short_extraction: clean text is (\d+)% of the raw page \((\d+) of (\d+)")
_REPEATED = re.compile(r"self_duplicate: (\d+) repeated")


def removal_reason(reason: str) -> str:
    if match := _RECURS.fullmatch(reason):
        count = int(match.group(1))
        return ngettext(
            "recurs in {count} article of {outlet}",
            "recurs in {count} articles of {outlet}",
            count,
        ).format(count=number_format(count), outlet=match.group(2))
    if match := _PATTERN.fullmatch(reason):
        return gettext("furniture pattern an editor set for {outlet}").format(outlet=match.group(1))
    return str(REMOVAL_REASONS.get(reason, reason))


def source_kind(kind: str) -> str:
    return str(SOURCE_KINDS.get(kind, kind))


def corrected_fields(names) -> str:
    return ", ".join(str(CORRECTED_FIELDS.get(name, name)) for name in names)


def date_warning(warning: str) -> str:
    """The cleaning's date warning (`analysis.dates.choose_published`) as a sentence."""
    if match := _LATE_PAGE.match(warning):
        page, gap, body = match.groups()
        return gettext(
            "The page date {page} is {days} days after the newest date in the text ({body}): "
            "it is likely when the page was scraped or updated, so the date in the text was "
            "taken as the publication date."
        ).format(page=page, days=gap, body=body)
    if match := _LATE_BODY.match(warning):
        body, gap, page = match.groups()
        return gettext(
            "The text mentions {body}, {days} days after the page date {page}; the page date "
            "was kept as the publication date (the text may refer to a later event)."
        ).format(page=page, days=gap, body=body)
    return warning


_OUTLET_EVIDENCE = (
    (
        re.compile(r"URL domain (\S+) \(registered\)$"),
        gettext_lazy("the URL's domain {0} is registered"),
    ),
    (
        re.compile(r"URL domain (\S+) \(named after the domain\)$"),
        gettext_lazy("the URL's domain {0} is in no registry: the outlet is named after it"),
    ),
    (re.compile(r"URL domain (\S+)$"), gettext_lazy("the URL's domain {0} is the profile's")),
    (re.compile(r"dateline (.+) \(registered\)$"), gettext_lazy("the dateline names {0}")),
    (
        re.compile(r"no URL and no page marker of a known outlet$"),
        gettext_lazy("no URL, and no dateline or page marker of a known outlet"),
    ),
    (
        re.compile(r"named at import or by an editor$"),
        gettext_lazy("named at import or by an editor"),
    ),
    (re.compile(r"chosen by user.*$"), gettext_lazy("chosen by the user")),
)


def outlet_evidence(evidence: str) -> str:
    """How the cleaning and the registry recognised a page's outlet, as a phrase; a profile's
    own page-marker description is shown as it is."""
    for pattern, phrase in _OUTLET_EVIDENCE:
        if match := pattern.match(evidence):
            return str(phrase).format(*match.groups())
    return gettext("page marker: {0}").format(evidence)


def review_flag(flag: str) -> str:
    """A cleaning flag (`no_title`, `short_extraction: ...`) as a sentence for the reader."""
    if match := _SHORT.match(flag):
        share, clean, raw = (int(g) for g in match.groups())
        return gettext(
            "Little text was kept: the clean text is {share}% of the page "
            "({clean} of {raw} characters). Check that the article is complete."
        ).format(share=share, clean=clean, raw=raw)
    if match := _REPEATED.match(flag):
        count = int(match.group(1))
        return ngettext(
            "The page repeated its text {count} time; the copy was removed.",
            "The page repeated its text {count} times; the copies were removed.",
            count,
        ).format(count=count)
    if flag == "date_mismatch":
        return gettext("The date in the text and the page's date disagree.")
    if flag == "no_title":
        return gettext("No title was found; the first sentence stands in for it.")
    return flag


JOB_STATUSES = {
    "queued": gettext_lazy("queued"),
    "running": gettext_lazy("running"),
    "done": gettext_lazy("done"),
    "refused": gettext_lazy("refused"),
    "failed": gettext_lazy("failed"),
}


# The grouping note is stored when an article is imported (services/stories.py); it is read
# back here as a plain sentence first and the method on request, in the reader's language.
_GROUPED = re.compile(
    r"Grouped automatically: vocabulary similarity ([\d.]+) with this story \(threshold ([\d.]+)\); (.*)\.$"
)
_STARTED = re.compile(r"Started a new story: (.*), below the grouping threshold ([\d.]+); (.*)\.$")
_CLOSEST = re.compile(r"the closest story, “(.*)”, scored ([\d.]+)$")
_COMPARED = re.compile(
    r"(\d+) candidate stories compared \((\d+) sharing text with it in the corpus index, the others updated in the last (\d+) days\)$"
)


def _compared(text: str) -> str:
    if m := _COMPARED.match(text):
        return gettext(
            "{compared} candidate stories were compared: {sharing} sharing text with it, the "
            "others updated in the last {days} days."
        ).format(compared=m[1], sharing=m[2], days=m[3])
    return text


def grouping_note(note: str) -> tuple[str, str]:
    """(the plain sentence, the method behind it or "") of a stored grouping note."""
    if note == PLACED_BY_IMPORTER:
        return gettext("Placed in this story by the person who imported it."), ""
    if m := _GROUPED.match(note):
        method = gettext(
            "Its vocabulary is compared with each candidate story's pooled vocabulary; the "
            "similarity with this story is {score} (it joins a story from {threshold})."
        ).format(score=number_format(float(m[1]), 2), threshold=number_format(float(m[2]), 2))
        return gettext("Grouped automatically: its words match this story."), (
            method + " " + _compared(m[3])
        )
    if m := _STARTED.match(note):
        closest = _CLOSEST.match(m[1])
        plain = gettext("Started a new story: no stored story was close enough.")
        if closest:
            why = gettext("The closest story, “{title}”, scored {score}.").format(
                title=closest[1], score=number_format(float(closest[2]), 2)
            )
        else:
            why = gettext("No story shared text with it or was recently updated.")
        threshold = gettext("An article joins a story from a similarity of {threshold}.").format(
            threshold=number_format(float(m[2]), 2)
        )
        return plain, f"{why} {threshold} {_compared(m[3])}"
    return note, ""
