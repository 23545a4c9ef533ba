"""URLs of the review notes feature (included by the root urls.py)."""

from django.urls import path

from . import views

urlpatterns = [
    path("notes/add/", views.note_add, name="note-add"),
    path("notes/<int:pk>/delete/", views.note_delete, name="note-delete"),
    path("notes/groups/", views.groups_page, name="note-groups"),
    path("notes/groups/<int:pk>/members/", views.group_member_add, name="note-group-member"),
    path("notes/groups/<int:pk>/code/", views.group_code, name="note-group-code"),
    path("notes/groups/<int:pk>/leave/", views.group_leave, name="note-group-leave"),
    path("notes/groups/join/", views.group_join, name="note-group-join"),
    path("notes/join/<str:code>/", views.group_join_link, name="note-join-link"),
    path("stories/<slug:slug>/notes/", views.story_notes, name="story-notes"),
]
