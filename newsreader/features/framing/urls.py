"""URLs of the framing feature (included by the root urls.py)."""

from django.urls import path

from .views import (
    outlet_framing,
    outlet_framing_passages,
    outlet_framing_term,
    story_framing,
    story_framing_passages,
    story_framing_term,
)

urlpatterns = [
    path("stories/<slug:slug>/framing/", story_framing, name="story-framing"),
    path(
        "stories/<slug:slug>/framing/passages/",
        story_framing_passages,
        name="story-framing-passages",
    ),
    path(
        "stories/<slug:slug>/framing/term/<str:stem>/",
        story_framing_term,
        name="story-framing-term",
    ),
    path("outlets/<slug:slug>/framing/", outlet_framing, name="outlet-framing"),
    path(
        "outlets/<slug:slug>/framing/passages/",
        outlet_framing_passages,
        name="outlet-framing-passages",
    ),
    path(
        "outlets/<slug:slug>/framing/term/<str:stem>/",
        outlet_framing_term,
        name="outlet-framing-term",
    ),
]
