"""URLs of the story report (included by the root urls.py)."""

from django.urls import path

from . import views

urlpatterns = [
    path("stories/<slug:slug>/report/", views.story_report, name="story-report"),
    path("stories/<slug:slug>/report.pdf", views.story_report_pdf, name="story-report-pdf"),
    path("stories/<slug:slug>/report.json", views.story_report_json, name="story-report-json"),
    path(
        "stories/<slug:slug>/report/<slug:table>.csv",
        views.story_report_csv,
        name="story-report-csv",
    ),
]
