"""URLs of the web shell: home, stories, articles, outlets, import and exports."""

from django.urls import path

from . import batches, outlets, views

urlpatterns = [
    path("", views.home, name="home"),
    path("import/", views.import_page, name="import"),
    path("import/jobs/", views.import_jobs, name="import-jobs"),
    path("import/batches/<int:pk>/", batches.import_batch, name="import-batch"),
    path("import/jobs/<int:pk>/retry/", views.import_job_retry, name="import-job-retry"),
    path("stories/<slug:slug>/", views.story_detail, name="story"),
    path(
        "stories/<slug:slug>/analysis/",
        views.story_analysis_status,
        name="story-analysis-status",
    ),
    path("stories/<slug:slug>/merge/", views.story_merge, name="story-merge"),
    path("stories/<slug:slug>/split/", views.story_split, name="story-split"),
    path(
        "suggestions/<int:pk>/dismiss/",
        views.merge_suggestion_dismiss,
        name="merge-suggestion-dismiss",
    ),
    path("stories/<slug:slug>/delete/", views.story_delete, name="story-delete"),
    path("articles/<int:pk>/", views.article_detail, name="article"),
    path("articles/<int:pk>/edit/", views.article_edit, name="article-edit"),
    path("articles/<int:pk>/move/", views.article_move, name="article-move"),
    path("articles/<int:pk>/reanalyse/", views.article_reanalyse, name="article-reanalyse"),
    path("articles/<int:pk>/delete/", views.article_delete, name="article-delete"),
    path("outlets/", outlets.outlet_list, name="outlets"),
    path("outlets/new/", outlets.outlet_add, name="outlet-add"),
    path("outlets/<slug:slug>/", outlets.outlet_detail, name="outlet"),
    path("outlets/<slug:slug>/edit/", outlets.outlet_edit, name="outlet-edit"),
    path("outlets/<slug:slug>/learn/", outlets.outlet_learn, name="outlet-learn"),
    path(
        "outlets/<slug:slug>/furniture/<int:pk>/keep/",
        outlets.outlet_furniture_keep,
        name="outlet-furniture-keep",
    ),
    path("outlets/<slug:slug>/patterns/", outlets.outlet_pattern_add, name="outlet-pattern-add"),
    path(
        "outlets/<slug:slug>/patterns/<int:pk>/remove/",
        outlets.outlet_pattern_remove,
        name="outlet-pattern-remove",
    ),
    path("stories/<slug:slug>/export.json", views.story_export_json, name="story-export-json"),
    path(
        "stories/<slug:slug>/export/<slug:table>.csv",
        views.story_export_csv,
        name="story-export-csv",
    ),
    path("favicon.ico", views.favicon),
]
