"""The story report as a page, a PDF, JSON and CSV tables; `?note=<id>` chooses the notes."""

from __future__ import annotations

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from newsreader.models import Story
from newsreader.services import notes as review

from .document import report_document
from .pdf import report_pdf
from .present import report_view
from .tables import REPORT_TABLES


def _report(request, slug) -> tuple[Story, list, dict]:
    story = get_object_or_404(Story, slug=slug)
    notes = review.story_notes(request.user, story)
    wanted = {v for v in request.GET.getlist("note") if v.isdigit()}
    chosen = [n for n in notes if str(n.pk) in wanted]
    report = report_document(story, chosen)
    query = _query(request)  # the address that makes this report again, to cite it by
    page = reverse("story-report", args=[story.slug]) + (f"?{query}" if query else "")
    report["method"]["url"] = request.build_absolute_uri(page)
    return story, notes, report


def _query(request) -> str:
    return "&".join(f"note={v}" for v in request.GET.getlist("note") if v.isdigit())


def story_report(request, slug):
    story, notes, report = _report(request, slug)
    context = {
        "story": story,
        "report": report_view(report),
        "available_notes": notes,
        "chosen": {n["id"] for n in report["notes"]},
        "query": _query(request),
        "tables": list(REPORT_TABLES),
    }
    return render(request, "newsreader/report/page.html", context)


def story_report_pdf(request, slug):
    story, _notes, report = _report(request, slug)
    response = HttpResponse(
        report_pdf(request, story, report_view(report)), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="{story.slug}-report.pdf"'
    return response


def story_report_json(request, slug):
    _story, _notes, report = _report(request, slug)
    return JsonResponse(report, json_dumps_params={"ensure_ascii": False, "indent": 1})


def story_report_csv(request, slug, table):
    if table not in REPORT_TABLES:
        raise Http404("no such table")
    story, _notes, report = _report(request, slug)
    response = HttpResponse(REPORT_TABLES[table](report), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{story.slug}-report-{table}.csv"'
    return response
