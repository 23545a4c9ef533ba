"""The home page: the stories, newest first, or the stories a search finds, page by page."""

from __future__ import annotations

from datetime import datetime, time

from django import forms
from django.core.paginator import Paginator
from django.db.models import Count, Max, Min, Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsreader.models import Article, Outlet, Story
from newsreader.services import search

from .rendering import Mark, render_marked

PER_PAGE = 20
MAX_HITS = 3  # matching articles shown per story
SIZES = {
    "": (None, None),
    "1": (1, 1),
    "2-5": (2, 5),
    "6-": (6, None),
}


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search the text"), required=False, max_length=200)
    outlet = forms.ChoiceField(label=_("Outlet"), required=False)
    group = forms.ChoiceField(label=_("Media group"), required=False)
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    size = forms.ChoiceField(
        label=_("Story size"),
        required=False,
        choices=[
            ("", _("any number of articles")),
            ("1", _("one article")),
            ("2-5", _("2 to 5 articles")),
            ("6-", _("6 articles or more")),
        ],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        outlets = Outlet.objects.order_by("name").values_list("slug", "name")
        self.fields["outlet"].choices = [("", _("all outlets")), *outlets]
        group_field = search.outlet_group_field()
        if group_field is None:
            del self.fields["group"]  # the outlet registry has no media groups yet
        else:
            field = Outlet._meta.get_field(group_field)
            if field.is_relation:
                groups = field.related_model.objects.order_by("name").values_list("slug", "name")
            else:
                values = Outlet.objects.exclude(**{group_field: ""}).values_list(
                    group_field, flat=True
                )
                groups = [(g, g) for g in sorted(set(values))]
            self.fields["group"].choices = [("", _("all media groups")), *groups]

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            raise forms.ValidationError(_("The start date is after the end date."))
        return data

    def filters(self) -> search.SearchFilters:
        data = self.cleaned_data
        low, high = SIZES[data.get("size") or ""]
        zone = timezone.get_current_timezone()
        return search.SearchFilters(
            query=data.get("q", "").strip(),
            outlet=data.get("outlet") or "",
            group=data.get("group") or "",
            since=datetime.combine(data["since"], time.min, zone) if data.get("since") else None,
            until=datetime.combine(data["until"], time.max, zone) if data.get("until") else None,
            min_articles=low,
            max_articles=high,
        )


def _hits(story: Story, matching: dict[int, Article], words: list[str]) -> list[dict]:
    """The story's matching articles with a snippet, each linking to the first match."""
    hits = []
    for article in matching.values():
        if article.story_id != story.pk:
            continue
        start, end, spans = search.search_snippet(article.clean_text, words)
        marks = [Mark(a, b, "search-hit") for a, b in spans]
        anchor = f"#hit-{spans[0][0]}" if spans else ""
        hits.append(
            {
                "article": article,
                "snippet": render_marked(article.clean_text, marks, start=start, end=end),
                "url": article.get_absolute_url()
                + (f"?q={'+'.join(words)}{anchor}" if words else ""),
                "cut_before": start > 0,
                "cut_after": end < len(article.clean_text),
            }
        )
    return hits


def coverage_bar(articles: list[Article]) -> list[dict]:
    """One segment per outlet, as wide as its share of the story's articles (SVG units out of
    100, written here so no decimal comma reaches the SVG), in order of first publication; the
    outlet that published first is marked."""
    by_outlet: dict[int, list[Article]] = {}
    for a in sorted(articles, key=lambda a: (a.published is None, a.published or 0, a.pk)):
        by_outlet.setdefault(a.outlet_id, []).append(a)
    total, x, segments = max(1, len(articles)), 0.0, []
    for i, same in enumerate(by_outlet.values()):
        width = 100 * len(same) / total
        segments.append(
            {
                "outlet": same[0].outlet,
                "count": len(same),
                "first": i == 0 and same[0].published is not None,
                "x": f"{x:.2f}",
                "width": f"{width:.2f}",
            }
        )
        x += width
    return segments


def home_context(request) -> dict:
    form = SearchForm(request.GET or None)
    searching = form.is_bound and form.is_valid() and form.filters().active
    outlets_only = Article.objects.select_related("outlet").only("story", "outlet", "published")
    if searching:
        filters = form.filters()
        stories = search.stories_search(filters=filters)
    else:
        filters = None
        stories = (
            Story.objects.defer("grouping_profile")
            .annotate(
                n_articles=Count("articles"),
                first=Min("articles__published"),
                last=Max("articles__published"),
            )
            .order_by("-last", "-updated")
        )
    page = Paginator(
        stories.prefetch_related(Prefetch("articles", queryset=outlets_only)), PER_PAGE
    ).get_page(request.GET.get("page"))
    if searching:
        words = search.search_words(filters.query)
        ids = [s.pk for s in page.object_list]
        matching = search.articles_search(filters=filters).filter(story_id__in=ids)
        matching = {
            a.pk: a
            for a in matching.select_related("outlet").only(
                "story", "outlet", "title", "clean_text", "published"
            )
        }
        for story in page.object_list:
            hits = _hits(story, matching, words)
            story.hits, story.more_hits = hits[:MAX_HITS], max(0, len(hits) - MAX_HITS)
    for story in page.object_list:
        story.coverage = coverage_bar(list(story.articles.all()))
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "form": form,
        "searching": searching,
        "page": page,
        "stories": page.object_list,
        "query": query.urlencode(),
    }
