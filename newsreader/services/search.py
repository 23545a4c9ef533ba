"""Full-text search over article titles and clean text: SQLite FTS5 locally, PostgreSQL
full-text search in production (migration 0010), the same whole-word matches on both.

A query is cut into words (letters and digits, lower-cased) and every word must occur in the
article's title or text; no stemming on either side, so `bantah` does not find `membantah`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from django.db import connection
from django.db.models import Count, Max, Min, Q, QuerySet

from ..models import Article, Outlet, Story

_WORD = re.compile(r"[^\W_]+")  # letters and digits, as FTS5's unicode61 tokenizer reads them
MAX_WORDS = 12


def search_words(query: str) -> list[str]:
    """The words of a query as both engines match them: lower-case runs of letters and digits."""
    return list(dict.fromkeys(w.lower() for w in _WORD.findall(query)))[:MAX_WORDS]


def _matching_ids(words: list[str]) -> list[int]:
    if connection.vendor == "sqlite":
        match = " AND ".join('"' + w.replace('"', '""') + '"' for w in words)
        sql = "SELECT rowid FROM newsreader_article_fts WHERE newsreader_article_fts MATCH %s"
        params = [match]
    elif connection.vendor == "postgresql":
        sql = (
            "SELECT id FROM newsreader_article WHERE to_tsvector('simple'::regconfig, "
            "coalesce(title, '') || ' ' || coalesce(clean_text, '')) @@ "
            "to_tsquery('simple'::regconfig, %s)"
        )
        params = [" & ".join("'" + w.replace("'", "''") + "'" for w in words)]
    else:  # another database: a plain containment test, slower but the same intent
        condition = Q()
        for w in words:
            condition &= Q(title__icontains=w) | Q(clean_text__icontains=w)
        return list(Article.objects.filter(condition).values_list("id", flat=True))
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


@dataclass(frozen=True)
class SearchFilters:
    query: str = ""
    outlet: str = ""  # outlet slug
    group: str = ""  # media group (Outlet.media_group, when the registry has it)
    since: datetime | None = None
    until: datetime | None = None
    min_articles: int | None = None
    max_articles: int | None = None

    @property
    def active(self) -> bool:
        return (
            any((self.query, self.outlet, self.group, self.since, self.until))
            or self.min_articles is not None
            or self.max_articles is not None
        )


def outlet_group_field() -> str | None:
    """The Outlet field naming its media group, if the outlet registry defines one."""
    names = {f.name for f in Outlet._meta.get_fields()}
    return next((n for n in ("media_group", "group") if n in names), None)


def articles_search(*, filters: SearchFilters) -> QuerySet[Article]:
    """The articles that match every word of the query and every filter."""
    articles = Article.objects.all()
    words = search_words(filters.query)
    if words:
        articles = articles.filter(pk__in=_matching_ids(words))
    if filters.outlet:
        articles = articles.filter(outlet__slug=filters.outlet)
    group_field = outlet_group_field()
    if filters.group and group_field:
        lookup = f"outlet__{group_field}"
        if Outlet._meta.get_field(group_field).is_relation:
            lookup += "__slug"
        articles = articles.filter(**{lookup: filters.group})
    if filters.since:
        articles = articles.filter(published__gte=filters.since)
    if filters.until:
        articles = articles.filter(published__lte=filters.until)
    return articles


def stories_search(*, filters: SearchFilters) -> QuerySet[Story]:
    """Stories with at least one matching article, newest first, each annotated with its size
    (all its articles), its date range and `hits` (the ids of its matching articles)."""
    matching = articles_search(filters=filters)
    stories = (
        Story.objects.defer("grouping_profile")
        .filter(pk__in=matching.values("story_id"))  # not through the join: counts stay whole
        .annotate(
            n_articles=Count("articles", distinct=True),
            first=Min("articles__published"),
            last=Max("articles__published"),
        )
    )
    if filters.min_articles is not None:
        stories = stories.filter(n_articles__gte=filters.min_articles)
    if filters.max_articles is not None:
        stories = stories.filter(n_articles__lte=filters.max_articles)
    return stories.order_by("-last", "-id")


def search_snippet(text: str, words: list[str], width: int = 90) -> tuple[int, int, list]:
    """(start, end, [(start, end) of each query word]) of the text around the first match."""
    spans = [(m.start(), m.end()) for m in _WORD.finditer(text) if m.group().lower() in set(words)]
    if not spans:
        return 0, min(len(text), 2 * width), []
    first = spans[0][0]
    start = max(0, text.rfind(" ", 0, max(0, first - width)) + 1)
    end = text.find(" ", min(len(text), first + 2 * width))
    end = len(text) if end == -1 else end
    return start, end, [s for s in spans if start <= s[0] and s[1] <= end]
