"""URLs of the compare feature (included by the root urls.py)."""

from django.urls import path

from .views import story_compare, story_compare_passage, story_diff

urlpatterns = [
    path("stories/<slug:slug>/compare/", story_compare, name="story-compare"),
    path(
        "stories/<slug:slug>/compare/passage/<int:group>/",
        story_compare_passage,
        name="story-compare-passage",
    ),
    path("stories/<slug:slug>/diff/<int:a>/<int:b>/", story_diff, name="story-diff"),
]
