"""Storage: outlets, stories, articles (raw bytes kept verbatim) and cached story analyses."""

from django.db import models
from django.urls import reverse

UNKNOWN_OUTLET = "unknown"

CORRECTABLE_FIELDS = (
    "title",
    "outlet",
    "url",
    "dateline",
    "published",
    "authors",
    "credited_sources",
)


class Outlet(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    domain = models.CharField(
        max_length=200, blank=True, help_text="Home domain, e.g. tribunnews.com"
    )
    profile = models.CharField(
        max_length=100, help_text="Cleaning profile (a file in newsreader/outlets/)"
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("outlet", args=[self.slug])


class Story(models.Model):
    title = models.CharField(max_length=500)
    slug = models.SlugField(max_length=120, unique=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated", "-id"]
        verbose_name_plural = "stories"
        permissions = [("edit_corpus", "Can import, edit, merge and delete articles and stories")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("story", args=[self.slug])


class Article(models.Model):
    story = models.ForeignKey(Story, on_delete=models.PROTECT, related_name="articles")
    outlet = models.ForeignKey(Outlet, on_delete=models.PROTECT, related_name="articles")

    # What was imported, byte for byte, and how it was read.
    raw_bytes = models.BinaryField()
    content_hash = models.CharField(max_length=64, unique=True, help_text="SHA-256 of raw_bytes")
    encoding = models.CharField(max_length=40)
    raw_text = models.TextField(help_text="The decoded page text that cleaning starts from")
    source_kind = models.CharField(max_length=20)  # paste | upload | url | command
    file_name = models.CharField(max_length=255, blank=True)
    imported = models.DateTimeField(auto_now_add=True)

    # Effective fields: extraction with the user's corrections applied.
    title = models.CharField(max_length=1000)
    url = models.URLField(max_length=2000, blank=True)
    url_key = models.CharField(max_length=2000, blank=True, db_index=True)
    dateline = models.CharField(max_length=200, blank=True)
    published = models.DateTimeField(null=True, blank=True)
    authors = models.JSONField(default=list, blank=True)
    credited_sources = models.JSONField(default=list, blank=True)
    clean_text = models.TextField()
    extraction = models.JSONField(
        default=dict, help_text="Everything cleaning found, offsets included"
    )
    corrections = models.JSONField(default=dict, blank=True)
    grouping_note = models.TextField(blank=True)
    needs_review = models.BooleanField(default=False)

    class Meta:
        ordering = ["published", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["url_key"], condition=~models.Q(url_key=""), name="unique_article_url"
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("article", args=[self.pk])

    @property
    def word_count(self):
        return len(self.clean_text.split())


class StoryAnalysis(models.Model):
    """A cached analysis of one story, valid while its fingerprint matches the articles."""

    story = models.OneToOneField(Story, on_delete=models.CASCADE, related_name="analysis")
    fingerprint = models.CharField(max_length=64)
    data = models.JSONField()
    computed = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "story analyses"

    def __str__(self):
        return f"analysis of {self.story}"
