from django.contrib import admin

from .models import (
    Article,
    ImportJob,
    LexiconEntry,
    NoteGroup,
    NoteTag,
    Outlet,
    Story,
    StoryAnalysis,
)


@admin.register(Outlet)
class OutletAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "domain", "profile"]
    prepopulated_fields = {"slug": ["name"]}


class ArticleInline(admin.TabularInline):
    model = Article
    fields = ["title", "outlet", "published"]
    readonly_fields = fields
    extra = 0
    show_change_link = True
    can_delete = False


@admin.register(Story)
class StoryAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "updated"]
    search_fields = ["title"]
    inlines = [ArticleInline]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "outlet", "story", "published", "needs_review"]
    list_filter = ["outlet", "needs_review", "source_kind"]
    search_fields = ["title", "clean_text"]
    exclude = ["raw_bytes"]
    readonly_fields = ["content_hash", "encoding", "raw_text", "extraction", "imported"]


@admin.register(StoryAnalysis)
class StoryAnalysisAdmin(admin.ModelAdmin):
    list_display = ["story", "computed", "fingerprint"]
    readonly_fields = ["story", "fingerprint", "data", "computed"]


@admin.register(LexiconEntry)
class LexiconEntryAdmin(admin.ModelAdmin):
    """Editing the lexicon re-scores every story's framing on its next view."""

    list_display = ["term", "category", "match", "variants", "note", "updated"]
    list_filter = ["category", "match"]
    search_fields = ["term", "variants", "note"]


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    """Import jobs are written by the import page and the worker; the page bytes stay out of
    the form."""

    list_display = ["id", "file_name", "url", "source_kind", "status", "attempts", "updated"]
    list_filter = ["status", "source_kind"]
    search_fields = ["file_name", "url", "message"]
    exclude = ["raw_bytes"]
    readonly_fields = [
        "source_kind",
        "status",
        "message",
        "article",
        "attempts",
        "created",
        "updated",
        "requested_by",
    ]
    raw_id_fields = ["story"]


@admin.register(NoteTag)
class NoteTagAdmin(admin.ModelAdmin):
    """The small, editable set of tags a note may carry."""

    list_display = ["slug", "name", "name_id"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(NoteGroup)
class NoteGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "owner"]
    filter_horizontal = ["members"]
