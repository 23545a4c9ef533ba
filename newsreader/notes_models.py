"""Review notes: a reader's note on a span of an article's clean text, private to its author
unless shared with a group (an editors' newsroom or a teacher's class)."""

from django.conf import settings
from django.db import models
from django.utils.translation import get_language


class NoteGroup(models.Model):
    NEWSROOM, CLASS = "newsroom", "class"
    KINDS = [(NEWSROOM, "Newsroom"), (CLASS, "Class")]

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=10, choices=KINDS)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="owned_note_groups",
        help_text="The editor or teacher who made the group",
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="note_groups", blank=True
    )
    join_code = models.CharField(
        max_length=12,
        unique=True,
        null=True,
        blank=True,
        help_text="Students join the class with this code (or its link); empty: by the owner only",
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self):
        return self.name


class NoteTag(models.Model):
    """The small editable set of tags (admin): press release, altered quote, ..."""

    slug = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=80, help_text="English label")
    name_id = models.CharField(max_length=80, help_text="Indonesian label")

    class Meta:
        ordering = ["slug"]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        return self.name_id if (get_language() or "id").startswith("id") else self.name


class Note(models.Model):
    ANCHORED, MOVED, LOST = "anchored", "moved", "lost"
    ANCHORS = [(ANCHORED, "At its place"), (MOVED, "Found again by its text"), (LOST, "Text gone")]

    article = models.ForeignKey(
        "newsreader.Article", on_delete=models.CASCADE, related_name="notes"
    )
    start = models.PositiveIntegerField(help_text="Offset in the clean text")
    end = models.PositiveIntegerField()
    quote = models.TextField(help_text="The noted text, to find it again after re-cleaning")
    prefix = models.CharField(max_length=40, blank=True, help_text="Text just before the quote")
    suffix = models.CharField(max_length=40, blank=True, help_text="Text just after the quote")
    passage = models.CharField(
        max_length=40, blank=True, help_text="Shared-passage group id when the span is one"
    )
    text = models.TextField(blank=True)
    tag = models.ForeignKey(NoteTag, null=True, blank=True, on_delete=models.SET_NULL)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notes"
    )
    group = models.ForeignKey(
        NoteGroup,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="notes",
        help_text="Shared with this group; empty means private to the author",
    )
    anchor = models.CharField(max_length=10, choices=ANCHORS, default=ANCHORED)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["article", "start", "id"]

    def __str__(self):
        return f"{self.quote[:40]}: {self.text[:40]}"
