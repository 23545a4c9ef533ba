"""An outlet's own furniture, kept in the database: the lines learned from its stored pages
(`cleaning.learn_furniture`: verbatim lines recurring across its stories) and the whole-line
patterns its editors add. Editors can keep a learned line as body text; every change
re-cleans the outlet's articles from their stored raw text (the raw bytes stay as imported),
which updates their clean text and removals and queues their stories' analyses again.

Learning runs when an editor asks for it on the outlet page, after `import_articles`, or with
`manage.py learn_furniture`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.tasks import task

from ..analysis import cleaning
from ..analysis.text import paragraphs
from ..models import Article, Outlet, OutletFurniture
from . import outlets
from .stories import article_reanalyse
from .tasks import in_background

EXAMPLES = 3  # articles shown as examples of a learned line


def outlet_learn(*, outlet: Outlet) -> int:
    """Learn the outlet's recurring lines from its stored pages (those no rule removes anyway)
    and store them with their counts and example articles; a line an editor kept as body
    stays kept. Returns how many lines are furniture now."""
    pages = list(
        Article.objects.filter(outlet=outlet)
        .order_by("pk")
        .values_list("pk", "story_id", "raw_text")
    )
    found = cleaning.learn_furniture(((str(story), raw) for _, story, raw in pages), outlet.name)
    found = cleaning.beyond_rules(found, outlet.profile)
    lines = {f.key: f for f in found}
    examples = _examples(pages, set(lines))
    learned = OutletFurniture.objects.filter(outlet=outlet, kind=OutletFurniture.LEARNED)
    with transaction.atomic():
        learned.filter(keep_as_body=False).exclude(key__in=list(lines)).delete()
        for key, line in lines.items():
            OutletFurniture.objects.update_or_create(
                outlet=outlet,
                kind=OutletFurniture.LEARNED,
                key=key,
                defaults={
                    "text": line.text,
                    "articles": line.articles,
                    "stories": line.stories,
                    "examples": examples.get(key, []),
                },
            )
    return learned.filter(keep_as_body=False).count()


def _examples(pages, keys: set[str]) -> dict[str, list[int]]:
    examples: dict[str, list[int]] = {}
    for pk, _, raw in pages:
        for span in paragraphs(raw):
            key = cleaning.line_key(span.text(raw))
            if key in keys and len(found := examples.setdefault(key, [])) < EXAMPLES:
                if pk not in found:
                    found.append(pk)
    return examples


def outlet_reclean(*, outlet: Outlet) -> int:
    """Clean every article of the outlet again with its stored furniture; returns how many
    changed (only those are saved and their stories analysed again)."""
    furniture = outlets.outlet_cleaning(outlet)
    changed = 0
    for article in Article.objects.filter(outlet=outlet).select_related("outlet", "story"):
        changed += article_reanalyse(article=article, furniture=furniture, if_changed=True)
    return changed


@task()
def outlet_furniture_run(outlet_id: int, learn: bool = True) -> dict:
    """Learn (unless `learn` is false) and re-clean one outlet, as a background task."""
    outlet = Outlet.objects.filter(pk=outlet_id).first()
    if outlet is None:
        return {"outlet": outlet_id, "skipped": True}
    learned = outlet_learn(outlet=outlet) if learn else None
    return {"outlet": outlet_id, "learned": learned, "changed": outlet_reclean(outlet=outlet)}


def outlet_furniture_refresh(*, outlet: Outlet, learn: bool = True) -> None:
    """Learn and re-clean now (immediate backend) or in the worker once this commits."""
    run = outlet_furniture_run.using(backend=settings.TASKS_BACKEND)
    if in_background():
        transaction.on_commit(lambda: run.enqueue(outlet_id=outlet.pk, learn=learn))
    else:
        run.enqueue(outlet_id=outlet.pk, learn=learn)


def furniture_keep(*, line: OutletFurniture, keep: bool) -> None:
    """Mark a learned line as body text (`keep`) or as furniture again, and re-clean."""
    line.keep_as_body = keep
    line.save(update_fields=["keep_as_body", "changed"])
    outlet_furniture_refresh(outlet=line.outlet, learn=False)


def pattern_add(*, outlet: Outlet, pattern: str) -> OutletFurniture:
    """Add an editor's furniture pattern (the form has validated it) and re-clean."""
    pattern = " ".join(pattern.split())
    row, _ = OutletFurniture.objects.get_or_create(
        outlet=outlet,
        kind=OutletFurniture.PATTERN,
        key=pattern.casefold(),
        defaults={"text": pattern},
    )
    outlet_furniture_refresh(outlet=outlet, learn=False)
    return row


def pattern_remove(*, line: OutletFurniture) -> None:
    outlet = line.outlet
    line.delete()
    outlet_furniture_refresh(outlet=outlet, learn=False)


def outlets_furniture_learn(*, outlet_ids=None, article_ids=None) -> list[tuple[Outlet, int, int]]:
    """Learn and re-clean every outlet with articles, or those of `outlet_ids`, or those of
    the articles of `article_ids`: (outlet, furniture lines, articles changed) for each."""
    rows = Outlet.objects.exclude(kind=Outlet.UNKNOWN)
    if outlet_ids is not None:
        rows = rows.filter(pk__in=list(outlet_ids))
    if article_ids is not None:
        ids = Article.objects.filter(pk__in=list(article_ids)).values_list("outlet_id")
        rows = rows.filter(pk__in=ids)
    done = []
    for outlet in rows.filter(articles__isnull=False).distinct().order_by("name"):
        before = outlets.outlet_cleaning(outlet)
        learned = outlet_learn(outlet=outlet)
        same = outlets.outlet_cleaning(outlet) == before  # articles were cleaned with it
        done.append((outlet, learned, 0 if same else outlet_reclean(outlet=outlet)))
    return done
