from datetime import datetime

from django import template
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext

from newsreader.web import wording

register = template.Library()


@register.filter
def published(article) -> str:
    """The publication date as the page gave it: a date alone when the page gave no time."""
    if article.published is None:
        return gettext("unknown")
    given = article.corrections.get("published") or article.extraction.get("published")
    if given:
        value = datetime.fromisoformat(given)
        if (value.hour, value.minute, value.second) == (0, 0, 0):
            return date_format(value, "j M Y")
    return date_format(timezone.localtime(article.published), "j M Y, H:i T")


@register.filter
def number(value) -> str:
    """A count with the reader's thousands separator (1.234 in Indonesian, 1,234 in English)."""
    return number_format(value, force_grouping=True)


register.filter("removal_reason", wording.removal_reason)
register.filter("source_kind", wording.source_kind)
register.filter("review_flag", wording.review_flag)
register.filter("date_warning", wording.date_warning)
register.filter("outlet_evidence", wording.outlet_evidence)


@register.filter
def corrected_fields(article) -> str:
    return wording.corrected_fields(article.corrections)


@register.inclusion_tag("newsreader/grouping_note.html")
def grouping_note(article):
    """Why the article is in its story: a plain sentence, the method behind a disclosure."""
    plain, method = wording.grouping_note(article.grouping_note)
    return {"article": article, "plain": plain, "method": method}
