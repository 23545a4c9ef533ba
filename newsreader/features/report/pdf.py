"""The report as PDF, laid out by WeasyPrint from the same HTML and a print stylesheet."""

from __future__ import annotations

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

STYLESHEET = "css/report.css"


def report_pdf(request, story, report: dict) -> bytes:
    from weasyprint import CSS, HTML  # loads pango; only the PDF needs it

    html = render_to_string(
        "newsreader/report/print.html", {"story": story, "report": report, "pdf": True}, request
    )
    base = request.build_absolute_uri("/")
    stylesheet = CSS(filename=finders.find(STYLESHEET))
    # url_fetcher refuses everything: the report embeds no outside resource
    return HTML(string=html, base_url=base, url_fetcher=_refuse).write_pdf(stylesheets=[stylesheet])


def _refuse(url: str, *args, **kwargs):
    raise ValueError(f"the report loads no resource ({url})")
