"""URLs of the coverage feature (included by the root urls.py)."""

from django.urls import path

from .views import story_coverage

urlpatterns = [path("stories/<slug:slug>/coverage/", story_coverage, name="story-coverage")]
