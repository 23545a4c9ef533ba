from datetime import datetime

from django import template
from django.utils import timezone
from django.utils.formats import date_format

register = template.Library()


@register.filter
def published(article) -> str:
    """The publication date as the page gave it: a date alone when the page gave no time."""
    if article.published is None:
        return "unknown"
    given = article.corrections.get("published") or article.extraction.get("published")
    if given:
        value = datetime.fromisoformat(given)
        if (value.hour, value.minute, value.second) == (0, 0, 0):
            return date_format(value, "j M Y")
    return date_format(timezone.localtime(article.published), "j M Y, H:i T")
