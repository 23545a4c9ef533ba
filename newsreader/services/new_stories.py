"""Stories a bulk import opens, created together at the end of its batch.

Each new story gets at once the id `stories.story_create` would have given it (reserved from the
table's sequence, in order), so grouping, whose ties go by story id, decides exactly as if the
stories had been created one by one; its slug is the one `story_create` would pick, found with
two queries for the whole batch instead of one check per candidate slug.
"""

from __future__ import annotations

from collections import Counter

from django.db import connection
from django.utils.text import slugify

from ..models import Story

NUMBERED = 20  # taken slugs looked up at once per crowded base: base-2 .. base-21


def slug_base(title: str) -> str:
    return slugify(title)[:100] or "story"


def free_slugs(titles: list[str]) -> list[str]:
    """The slugs `story_create` would give stories of these titles created in this order."""
    bases = [slug_base(t) for t in titles]
    taken = _stored(set(bases))
    crowded = {b for b in bases if b in taken} | {b for b, n in Counter(bases).items() if n > 1}
    numbered = {f"{b}-{n}" for b in crowded for n in range(2, NUMBERED + 2)}
    taken |= _stored(numbered)
    looked_up = set(bases) | numbered
    slugs = []
    for base in bases:
        slug, n = base, 2
        while slug in taken or (slug not in looked_up and Story.objects.filter(slug=slug).exists()):
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        slugs.append(slug)
    return slugs


def _stored(slugs: set[str]) -> set[str]:
    ordered, found = sorted(slugs), set()
    for start in range(0, len(ordered), 500):
        chunk = Story.objects.filter(slug__in=ordered[start : start + 500])
        found.update(chunk.values_list("slug", flat=True))
    return found


class NewStories:
    """The stories a batch opens: unsaved, with their ids reserved, saved by `save`."""

    def __init__(self):
        self.stories: list[Story] = []
        self._titles: list[str] = []
        self._last: int | None = None

    def open(self, title: str) -> Story:
        story = Story(pk=self._reserve(), title=title[:500])
        self.stories.append(story)
        self._titles.append(title)
        return story

    def save(self, profiles: dict[int, dict]) -> None:
        """Insert the stories with their slugs and grouping profiles (`profiles` by id)."""
        for story, slug in zip(self.stories, free_slugs(self._titles), strict=True):
            story.slug = slug
            story.grouping_profile = profiles.get(story.pk, {})
        Story.objects.bulk_create(self.stories, batch_size=500)

    def _reserve(self) -> int:
        table = Story._meta.db_table
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id'))", [table])
                return cursor.fetchone()[0]
            if self._last is None:  # SQLite: the batch's transaction holds the write lock
                cursor.execute(
                    f"SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = %s), 0),"  # noqa: S608
                    f" coalesce((SELECT max(id) FROM {table}), 0))",
                    [table],
                )
                self._last = cursor.fetchone()[0]
            self._last += 1
            return self._last
