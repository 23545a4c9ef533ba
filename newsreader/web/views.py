"""Thin function views: parse the request, call one service, render (a fragment for htmx)."""

from __future__ import annotations

from collections import Counter

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_POST

from newsreader import services
from newsreader.access import editor_required
from newsreader.exports import CSV_TABLES, story_document
from newsreader.models import Article, ImportBatch, ImportJob, MergeSuggestion, Story
from newsreader.services import search as text_search

from . import wording
from .forms import CorrectionForm, FetchForm, MergeForm, MoveForm, PasteForm, SplitForm, UploadForm
from .notes import articles_notes_context
from .pending import pending_response
from .rendering import Mark, render_marked, render_paragraphs
from .search import home_context


def home(request):
    return render(request, "newsreader/home.html", home_context(request))


def story_detail(request, slug):
    story = get_object_or_404(Story, slug=slug)
    articles = story.articles.select_related("outlet")
    context = {
        "story": story,
        "articles": articles,
        "merge_form": MergeForm(),
        "split_form": SplitForm(story=story),
        "suggestions": services.merge_suggestions_for(story),
    }
    try:  # the coverage feature's panel, loaded by htmx (a link without JavaScript)
        context["coverage_url"] = reverse("story-coverage", args=[story.slug])
    except NoReverseMatch:
        context["coverage_url"] = None
    others = context["merge_form"].fields["others"]
    others.queryset = others.queryset.exclude(pk=story.pk)
    return render(request, "newsreader/story.html", context)


def story_analysis_status(request, slug):
    """Asked by the "analysing" state: reload the page once the story's analysis is ready.
    Queues the analysis when no task will compute it (with the immediate backend, which has no
    worker, it is computed here, while the page already shows the articles)."""
    story = get_object_or_404(Story, slug=slug)
    if services.story_analysis_ready(story) is None:
        services.story_analysis_queue(story_id=story.pk, unless_started=True)
    articles = story.articles.count()
    if services.story_analysis_ready(story) is None:
        return pending_response(request, story, articles)
    response = HttpResponse(gettext("The analysis is ready."), content_type="text/plain")
    response["HX-Refresh"] = "true"
    return response


def article_detail(request, pk):
    article = get_object_or_404(
        Article.objects.select_related("outlet", "story").defer(
            "story__grouping_profile", "grouping_features"
        ),
        pk=pk,
    )
    view = request.GET.get("view", "clean")
    if view not in {"clean", "raw"}:
        raise Http404("unknown view")
    ex = article.extraction
    replaced = 0
    if view == "raw":
        marks = [
            Mark(
                r["start"],
                r["end"],
                "removed",
                (
                    ("data-reason", r["reason"]),
                    ("title", f"removed: {r['reason']}"),
                    ("tabindex", "0"),
                ),
                tag="del",
            )
            for r in ex.get("removed", [])
        ]
        body = render_marked(article.raw_text, marks)
        replaced = services.article_replaced_bytes(article)
    else:
        words = text_search.search_words(request.GET.get("q", ""))
        spans = text_search.search_snippet(
            article.clean_text, words, width=len(article.clean_text)
        )[2]
        marks = [Mark(a, b, "search-hit", (("id", f"hit-{a}"),)) for a, b in spans]
        note_marks, notes_context = articles_notes_context(request, [article])
        marks += note_marks.get(article.pk, [])
        body = render_paragraphs(
            article.clean_text, [(p["start"], p["end"]) for p in ex.get("paragraphs", [])], marks
        )
    context = {
        "article": article,
        "view": view,
        "body": body,
        "removed": ex.get("removed", []),
        "duplicates": ex.get("self_duplicates", []),
        "flags": ex.get("flags", []),
        "extraction": ex,
        "replaced_bytes": replaced,
        "move_form": MoveForm(initial={"story": article.story}),
        **(notes_context if view == "clean" else {}),
    }
    template = "newsreader/article.html#body" if request.htmx else "newsreader/article.html"
    return render(request, template, context)


@editor_required
def article_edit(request, pk):
    article = get_object_or_404(Article, pk=pk)
    form = CorrectionForm.for_article(article, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        changes = form.changes()
        try:
            if changes:
                services.article_correct(article=article, changes=changes)
                messages.success(
                    request,
                    gettext("Saved corrections: {fields}.").format(
                        fields=wording.corrected_fields(changes)
                    ),
                )
            return redirect(article)
        except services.ImportRefused as error:
            form.add_error(None, str(error))
    return render(request, "newsreader/article_edit.html", {"article": article, "form": form})


@editor_required
@require_POST
def article_reanalyse(request, pk):
    article = get_object_or_404(Article, pk=pk)
    services.article_reanalyse(article=article)
    messages.success(
        request, gettext("Cleaned again from the stored raw text; your corrections were kept.")
    )
    return redirect(article)


@editor_required
@require_POST
def article_move(request, pk):
    article = get_object_or_404(Article, pk=pk)
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.non_field_errors()) or gettext("Choose a story."))
        return redirect(article)
    story = form.cleaned_data["story"] or services.story_create(
        title=form.cleaned_data["new_story_title"]
    )
    services.article_move(article=article, story=story)
    messages.success(request, gettext("Moved to “{title}”.").format(title=story.title))
    return redirect(article)


@editor_required
@require_POST
def story_merge(request, slug):
    story = get_object_or_404(Story, slug=slug)
    form = MergeForm(request.POST)
    if form.is_valid():
        services.story_merge(target=story, others=list(form.cleaned_data["others"]))
        messages.success(request, gettext("Stories merged."))
    else:
        messages.error(request, gettext("Choose at least one story to merge into this one."))
    return redirect(story)


@editor_required
@require_POST
def merge_suggestion_dismiss(request, pk):
    suggestion = get_object_or_404(MergeSuggestion, pk=pk)
    services.merge_suggestion_dismiss(suggestion=suggestion)
    messages.success(request, gettext("Suggestion dismissed: it will not be offered again."))
    story = get_object_or_404(Story, slug=request.POST.get("story", ""))
    return redirect(story)


@editor_required
@require_POST
def story_split(request, slug):
    story = get_object_or_404(Story, slug=slug)
    form = SplitForm(request.POST, story=story)
    if not form.is_valid():
        messages.error(
            request, gettext("Choose articles to split off and give the new story a title.")
        )
        return redirect(story)
    try:
        new = services.story_split(
            story=story,
            articles=list(form.cleaned_data["articles"]),
            title=form.cleaned_data["title"],
        )
    except services.ImportRefused as error:
        messages.error(request, str(error))
        return redirect(story)
    messages.success(request, gettext("Split off into “{title}”.").format(title=new.title))
    return redirect(new)


@editor_required
def import_page(request):
    kind = request.POST.get("kind", "")
    forms = {
        "paste": PasteForm(request.POST if kind == "paste" else None),
        "upload": UploadForm(
            request.POST if kind == "upload" else None, request.FILES if kind == "upload" else None
        ),
        "fetch": FetchForm(request.POST if kind == "fetch" else None),
    }
    background = services.imports_in_background()
    results = []
    if request.method == "POST" and kind in forms and forms[kind].is_valid():
        data = forms[kind].cleaned_data
        try:
            if kind == "upload":
                results = services.articles_import_upload(
                    files=data["files"], user=request.user, background=background
                )
                if isinstance(results, ImportBatch):  # too many for one request
                    return redirect(results)
            elif background:
                results = _import_queue(kind, data, request.user)
            elif kind == "paste":
                results = [
                    (
                        gettext("pasted text"),
                        services.article_import(
                            data=data["text"].encode("utf-8"),
                            source_kind="paste",
                            url=data["url"],
                            title=data["title"],
                            outlet=data["outlet"],
                            published=data["published"],
                        ),
                    )
                ]
            else:
                results = [(data["url"], services.article_fetch(url=data["url"]))]
        except services.ImportRefused as error:
            forms[kind].add_error(None, str(error))
    status = 200
    if request.method == "POST":
        if not results or all(isinstance(r, str) for _, r in results):
            status = 400
        elif background:
            status = 202  # accepted: the worker imports the queued jobs
    context = {"forms": forms, "results": results, "kind": kind, **_jobs_context()}
    return render(request, "newsreader/import.html", context, status=status)


def _jobs_context() -> dict:
    """The import job list: the jobs, how many of each status, whether the page should poll."""
    jobs = services.import_jobs_recent()
    counts = Counter(job.status for job in jobs)
    return {
        "background": services.imports_in_background(),
        "jobs": jobs,
        "job_counts": [
            (wording.JOB_STATUSES[s], counts[s]) for s, _ in ImportJob.STATUSES if counts[s]
        ],
        "jobs_polling": any(job.active and not job.stalled for job in jobs),
        "stale_minutes": settings.IMPORT_JOB_STALE_MINUTES,
        "batches": ImportBatch.objects.all()[:5],
    }


def _import_queue(kind: str, data: dict, user) -> list[tuple[str, ImportJob | str]]:
    """A pasted text or a URL as an ImportJob for the worker (or the refusal, at once)."""
    if kind == "paste":
        record = {
            "data": data["text"].encode("utf-8"),
            "url": data["url"],
            "title": data["title"],
            "outlet": data["outlet"],
            "published": data["published"],
        }
        name, source_kind = gettext("pasted text"), "paste"
    else:
        record, name, source_kind = {"url": data["url"]}, data["url"], "url"
    [job] = services.import_jobs_create(records=[record], source_kind=source_kind, user=user)
    return [(name, job)]


@editor_required
def import_jobs(request):
    """The job list alone, for htmx polling; without htmx, the import page that shows it."""
    if not request.htmx:
        return redirect(reverse("import") + "#import-jobs")
    return render(request, "newsreader/import.html#jobs", _jobs_context())


@editor_required
@require_POST
def import_job_retry(request, pk):
    """Queue a failed job again, or one whose worker stopped; its page bytes are in the job."""
    job = get_object_or_404(ImportJob, pk=pk)
    try:
        services.import_job_retry(job=job)
    except services.ImportRefused as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            gettext("Import job {pk} ({name}) queued again.").format(pk=job.pk, name=job.name),
        )
    return redirect(job.batch or reverse("import") + "#import-jobs")


def story_export_json(request, slug):
    story = get_object_or_404(Story, slug=slug)
    response = JsonResponse(
        story_document(story), json_dumps_params={"ensure_ascii": False, "indent": 2}
    )
    response["Content-Disposition"] = f'attachment; filename="{story.slug}.json"'
    return response


def story_export_csv(request, slug, table):
    story = get_object_or_404(Story, slug=slug)
    if table not in CSV_TABLES:
        raise Http404("unknown table")
    response = HttpResponse(
        CSV_TABLES[table](story_document(story)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{story.slug}-{table}.csv"'
    return response


@editor_required
def article_delete(request, pk):
    """GET asks for confirmation; POST deletes the article and its stored raw text."""
    article = get_object_or_404(Article.objects.select_related("story", "outlet"), pk=pk)
    if request.method != "POST":
        return render(request, "newsreader/article_delete.html", {"article": article})
    title = article.title
    story = services.article_delete(article=article)
    messages.success(request, gettext("Deleted “{title}”.").format(title=title))
    if story is None:
        messages.info(request, gettext("Its story had no other article and was deleted too."))
        return redirect("home")
    return redirect(story)


@editor_required
def story_delete(request, slug):
    """GET asks for confirmation; POST deletes the story (and, if confirmed, its articles)."""
    story = get_object_or_404(Story, slug=slug)
    articles = story.articles.select_related("outlet")
    if request.method == "POST":
        try:
            count = services.story_delete(
                story=story, with_articles=request.POST.get("with_articles") == "yes"
            )
        except services.ImportRefused as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                ngettext(
                    "Deleted “{title}” and {count} article.",
                    "Deleted “{title}” and {count} articles.",
                    count,
                ).format(title=story.title, count=count),
            )
            return redirect("home")
    return render(
        request,
        "newsreader/story_delete.html",
        {"story": story, "articles": articles},
        status=400 if request.method == "POST" else 200,
    )


def favicon(request):
    """/favicon.ico for pages without an icon link (the admin), so browsers do not get a 404."""
    return redirect(static("favicon.svg"), permanent=True)
