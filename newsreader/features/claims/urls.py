"""URLs of the claims feature (included by the root urls.py)."""

from django.urls import path

from .views import story_claims, story_speakers

urlpatterns = [
    path("stories/<slug:slug>/claims/", story_claims, name="story-claims"),
    path("stories/<slug:slug>/speakers/", story_speakers, name="story-speakers"),
]
