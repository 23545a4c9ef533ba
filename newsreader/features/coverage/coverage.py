"""The coverage of one story, from its articles and the cached comparison of their texts."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import Count
from django.utils.translation import gettext, ngettext

from newsreader.models import Article, Outlet, Story
from newsreader.services.search import outlet_group_field
from newsreader.services.story_analysis import story_analysis_current, story_articles

TOOK_MIN = 0.05  # below this share of its words, an article is not said to take from another


def _delay(delta: timedelta) -> str:
    minutes = round(delta.total_seconds() / 60)
    if minutes < 60:
        return ngettext("{n} minute later", "{n} minutes later", minutes).format(n=minutes)
    hours = round(minutes / 60)
    if hours < 48:
        return ngettext("{n} hour later", "{n} hours later", hours).format(n=hours)
    days = round(hours / 24)
    return ngettext("{n} day later", "{n} days later", days).format(n=days)


def _group_of(outlet: Outlet, field: str | None) -> str:
    if field is None:
        return ""
    value = getattr(outlet, field, "")
    return str(getattr(value, "name", value) or "")


def _timeline(articles: list[Article]) -> list[dict]:
    dated = sorted((a for a in articles if a.published), key=lambda a: (a.published, a.pk))
    undated = [a for a in articles if not a.published]
    first: datetime | None = dated[0].published if dated else None
    span = (dated[-1].published - first).total_seconds() if len(dated) > 1 else 0
    rows = []
    for i, a in enumerate(dated):
        offset = (a.published - first).total_seconds()
        rows.append(
            {
                "article": a,
                "first": i == 0,
                "delay": "" if i == 0 else _delay(a.published - first),
                "x": f"{100 * offset / span:.2f}" if span else "0",
            }
        )
    return rows + [{"article": a, "first": False, "delay": "", "x": None} for a in undated]


def _took(articles: list[Article], pairwise: dict) -> list[dict]:
    """Per article: the earlier article of another outlet whose text it shares most, and how
    much of its own words that is (the comparison's pairwise share)."""
    rows = []
    for a in articles:
        earlier = [
            b
            for b in articles
            if b.outlet_id != a.outlet_id
            and b.published
            and a.published
            and b.published < a.published
        ]
        shares = pairwise.get(str(a.pk), {})
        best = max(earlier, key=lambda b: shares.get(str(b.pk), 0), default=None)
        share = shares.get(str(best.pk), 0) if best else 0
        rows.append({"article": a, "source": best if share >= TOOK_MIN else None, "share": share})
    return sorted(rows, key=lambda r: -r["share"])


def coverage_context(story: Story) -> dict:
    articles = story_articles(story)
    pairwise = story_analysis_current(story).get("reuse", {}).get("pairwise", {})
    field = outlet_group_field()
    counts: dict[int, int] = {}
    for a in articles:
        counts[a.outlet_id] = counts.get(a.outlet_id, 0) + 1
    covering = sorted({a.outlet for a in articles}, key=lambda o: o.name)
    missing = (
        Outlet.objects.annotate(n=Count("articles"))
        .filter(n__gt=0)
        .exclude(pk__in=[o.pk for o in covering])
        .exclude(kind=Outlet.UNKNOWN)
        .order_by("name")
    )
    groups = sorted({_group_of(o, field) for o in covering} - {""})
    missing_groups = sorted({_group_of(o, field) for o in missing} - {""} - set(groups))
    took = _took(articles, pairwise)
    return {
        "story": story,
        "covering": [
            {"outlet": o, "articles": counts[o.pk], "group": _group_of(o, field)} for o in covering
        ],
        "missing": [{"outlet": o, "group": _group_of(o, field)} for o in missing],
        "groups": groups,
        "missing_groups": missing_groups,
        "has_groups": field is not None,
        "timeline": _timeline(articles),
        "took": took,
        "took_any": any(r["source"] for r in took),
        "summary": gettext(
            "{covered} of {total} outlets in the collection covered this story."
        ).format(covered=len(covering), total=len(covering) + len(missing)),
    }
