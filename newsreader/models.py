"""Storage: outlets, stories, articles (raw bytes kept verbatim) and cached story analyses."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

UNKNOWN_OUTLET = "unknown"
UNKNOWN_NAME = "Unknown outlet"  # stored as "Unknown outlet (<label>)", shown translated

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
    REGISTRY, DOMAIN, NAMED, UNKNOWN = "registry", "domain", "named", "unknown"
    KINDS = [
        (REGISTRY, "from the outlet registry or a cleaning profile"),
        (DOMAIN, "named after a URL domain no registered outlet has"),
        (NAMED, "named at import or by an editor"),
        (UNKNOWN, "unknown: the page had no URL and no outlet marker"),
    ]

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    domain = models.CharField(
        max_length=200, blank=True, help_text="Home domain, e.g. tribunnews.com"
    )
    domains = models.JSONField(
        default=list, blank=True, help_text="Every domain of the outlet; subdomains match"
    )
    media_group = models.CharField(
        max_length=200, blank=True, help_text="The media group that owns the outlet"
    )
    kind = models.CharField(max_length=10, choices=KINDS, default=NAMED)
    profile = models.CharField(
        max_length=100, help_text="Cleaning profile (a file in newsreader/outlets/)"
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.display_name

    def get_absolute_url(self):
        return reverse("outlet", args=[self.slug])

    @property
    def display_name(self) -> str:
        """The name shown: an unknown outlet's stored English name in the reader's language."""
        if self.kind != self.UNKNOWN:
            return self.name
        label = self.name.removeprefix(UNKNOWN_NAME).strip()
        if label.startswith("("):  # names stored cut at 200 characters may lack the ")"
            return gettext("Unknown outlet (%(label)s)") % {"label": label[1:].removesuffix(")")}
        return gettext("Unknown outlet")

    @property
    def unknown(self) -> bool:
        return self.kind == self.UNKNOWN


class OutletFurniture(models.Model):
    """Furniture of one outlet beyond its cleaning profile: a line learned from its stored
    pages (with how often it recurs; an editor may keep it as body text), or a whole-line
    pattern an editor added."""

    LEARNED, PATTERN = "learned", "pattern"
    outlet = models.ForeignKey(Outlet, on_delete=models.CASCADE, related_name="furniture")
    kind = models.CharField(
        max_length=10, choices=[(LEARNED, "learned from its pages"), (PATTERN, "editor pattern")]
    )
    key = models.CharField(max_length=500, help_text="The line's key, or the pattern")
    text = models.TextField(help_text="The line as first seen, or the pattern as typed")
    articles = models.PositiveIntegerField(default=0)
    stories = models.PositiveIntegerField(default=0)
    examples = models.JSONField(default=list, blank=True, help_text="Ids of articles printing it")
    keep_as_body = models.BooleanField(default=False)
    changed = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind", "-articles", "key"]
        constraints = [
            models.UniqueConstraint(
                fields=["outlet", "kind", "key"], name="unique_outlet_furniture"
            )
        ]

    def __str__(self):
        return f"{self.outlet}: {self.text[:60]}"


class Story(models.Model):
    title = models.CharField(max_length=500)
    slug = models.SlugField(max_length=120, unique=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    grouping_profile = models.JSONField(
        default=dict,
        blank=True,
        help_text="Sum of the members' grouping vectors and the days they span, kept by services",
    )

    class Meta:
        ordering = ["-updated", "-id"]
        verbose_name_plural = "stories"
        indexes = [models.Index(fields=["updated"], name="story_updated")]
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
    grouping = models.JSONField(
        default=dict, blank=True, help_text="Why the article is in its story (shared features)"
    )
    grouping_features = models.JSONField(
        default=dict, blank=True, help_text="Event features, computed once per import"
    )
    story_pinned = models.BooleanField(
        default=False, help_text="An editor chose the story: regrouping keeps it there"
    )
    needs_review = models.BooleanField(default=False)
    changed = models.DateTimeField(
        auto_now=True, help_text="Last save: part of its story's version (see story_analysis)"
    )

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


class GroupingTerm(models.Model):
    """How many stored articles carry a grouping feature (the IDF of grouping)."""

    key = models.CharField(max_length=200, unique=True)
    df = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.key}: {self.df}"


class GroupingKey(models.Model):
    """One of an article's strongest grouping features: the index that finds candidate stories."""

    key = models.CharField(max_length=200)
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="grouping_keys")

    class Meta:
        indexes = [models.Index(fields=["key", "article"], name="groupingkey_key_article")]

    def __str__(self):
        return f"{self.key} in article {self.article_id}"


class MergeSuggestion(models.Model):
    """Two stories that may be one event, offered to editors; a dismissal is remembered."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="+")
    other = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField()
    evidence = models.JSONField(default=dict)
    dismissed = models.BooleanField(default=False)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["story", "other"], name="unique_merge_suggestion")
        ]

    def __str__(self):
        return f"{self.story_id} ~ {self.other_id}"


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


class LexiconEntry(models.Model):
    """One evaluative term of the framing lexicon (seeded from analysis/data/lexicon_id.json)."""

    CATEGORIES = [
        ("desperation", "Desperation / weakness"),
        ("threat", "Threat"),
        ("condemnation", "Condemnation"),
        ("praise", "Praise / legitimacy"),
        ("certainty", "Certainty"),
        ("hedging", "Hedging"),
    ]

    term = models.CharField(max_length=200, help_text="A word or phrase, matched whole-word")
    category = models.CharField(max_length=40, choices=CATEGORIES)
    note = models.CharField(max_length=300, blank=True, help_text="English gloss")
    variants = models.CharField(
        max_length=500, blank=True, help_text="Extra surface forms, comma-separated"
    )
    match = models.CharField(
        max_length=10,
        choices=[("word", "the term and its variants"), ("stem", "every word with its stem")],
        default="word",
    )
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["category", "term"]
        verbose_name_plural = "lexicon entries"
        constraints = [
            models.UniqueConstraint(fields=["term", "category"], name="unique_lexicon_term")
        ]

    def __str__(self):
        return f"{self.term} ({self.category})"


class Shingle(models.Model):
    """One winnowed word 5-gram hash of an article's clean text (see newsreader/corpus.py)."""

    hash = models.BigIntegerField(help_text="64-bit shingle hash, stored signed")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="shingles")

    class Meta:
        indexes = [models.Index(fields=["hash", "article"], name="shingle_hash_article")]

    def __str__(self):
        return f"{self.hash} in article {self.article_id}"


class ImportBatch(models.Model):
    """One upload too big to import inside the request: its records are ImportJobs worked through
    in the background (by the worker, or by the requests of its progress page), in chunks.
    `updated` is the batch's heartbeat: a batch with waiting jobs and no heartbeat for
    IMPORT_JOB_STALE_MINUTES lost its worker and is resumed (`services.batches`)."""

    story = models.ForeignKey(
        Story, null=True, blank=True, on_delete=models.SET_NULL, related_name="import_batches"
    )
    files = models.PositiveIntegerField(default=0)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    finished = models.DateTimeField(null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created", "-id"]

    def __str__(self):
        return f"import batch {self.pk}"

    def get_absolute_url(self):
        return reverse("import-batch", args=[self.pk])


class StockPhrase(models.Model):
    """A stored fingerprint whose holders lie in more than COMMON_IN_STORIES stories: a stock
    phrase, hidden by the comparison's `common=hide` (kept up to date at import and moves)."""

    hash = models.BigIntegerField(unique=True, help_text="64-bit shingle hash, stored signed")

    def __str__(self):
        return str(self.hash)


class ImportJob(models.Model):
    """One import waiting for (or done by) the background worker. The page bytes are kept here
    byte for byte, so a worker that stops mid-way loses nothing: the job is simply run again."""

    QUEUED, RUNNING, DONE, REFUSED, FAILED = "queued", "running", "done", "refused", "failed"
    STATUSES = [
        (QUEUED, "queued"),
        (RUNNING, "running"),
        (DONE, "done"),
        (REFUSED, "refused"),
        (FAILED, "failed"),
    ]
    UNFINISHED = (QUEUED, RUNNING, FAILED)
    ACTIVE = (QUEUED, RUNNING)

    raw_bytes = models.BinaryField(blank=True, help_text="Empty for a web page not fetched yet")
    file_name = models.CharField(max_length=255, blank=True)
    url = models.URLField(max_length=2000, blank=True)
    title = models.CharField(max_length=1000, blank=True)
    outlet = models.CharField(max_length=100, blank=True, help_text="Cleaning profile slug")
    published = models.DateTimeField(null=True, blank=True)
    authors = models.JSONField(default=list, blank=True)
    story = models.ForeignKey(
        Story, null=True, blank=True, on_delete=models.SET_NULL, related_name="import_jobs"
    )
    batch = models.ForeignKey(
        ImportBatch, null=True, blank=True, on_delete=models.CASCADE, related_name="jobs"
    )
    source_kind = models.CharField(max_length=20)  # paste | upload | url | command
    status = models.CharField(max_length=10, choices=STATUSES, default=QUEUED)
    message = models.TextField(blank=True, help_text="The result or the error, shown as is")
    article = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.SET_NULL, related_name="import_jobs"
    )
    attempts = models.PositiveIntegerField(default=0)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created", "-id"]
        indexes = [models.Index(fields=["status", "updated"], name="importjob_status_updated")]

    def __str__(self):
        return f"import job {self.pk} ({self.status}): {self.name}"

    @property
    def name(self) -> str:
        return self.file_name or self.url or "pasted text"

    @property
    def active(self) -> bool:
        return self.status in (self.QUEUED, self.RUNNING)

    @property
    def stalled(self) -> bool:
        """Queued or running for longer than IMPORT_JOB_STALE_MINUTES: its worker stopped."""
        limit = timedelta(minutes=settings.IMPORT_JOB_STALE_MINUTES)
        return self.active and self.updated < timezone.now() - limit


from .notes_models import Note, NoteGroup, NoteTag  # noqa: E402, F401 (review notes)
