"""Thin views of the review notes: parse, call the notes service, render or redirect."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from newsreader.access import can_edit
from newsreader.models import Note, NoteGroup, Story
from newsreader.services import notes as review
from newsreader.web.notes import note_link

from .forms import GroupForm, MemberForm, NoteFilterForm, NoteForm


def _next_url(request, fallback: str) -> str:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return fallback


def _at_note(url: str, note: Note) -> str:
    """The page the note was written on, loaded afresh (its `note` parameter) at the note."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k != "note"] + [("note", note.pk)]
    return urlunsplit(parts._replace(query=urlencode(query), fragment=f"note-{note.pk}"))


def _go(request, url: str):
    if request.htmx:
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return redirect(url)


@login_required
@require_POST
def note_add(request):
    form = NoteForm(request.POST, user=request.user)
    if form.is_valid():
        data = form.cleaned_data
        try:
            note = review.note_create(
                request.user,
                article=data["article"],
                start=data["start"],
                end=data["end"],
                text=data["text"],
                tag=data["tag"],
                group=data["group"],
            )
        except (ValidationError, PermissionDenied):
            form.add_error(None, gettext("The selected text is no longer in this article."))
        else:
            return _go(request, _at_note(_next_url(request, note_link(note)), note))
    return render(request, "newsreader/notes/refused.html", {"form": form}, status=400)


@login_required
@require_POST
def note_delete(request, pk):
    note = get_object_or_404(review.visible_notes(request.user), pk=pk)
    fallback = note_link(note).split("#")[0]
    review.note_delete(request.user, note)  # PermissionDenied -> 403
    return _go(request, _next_url(request, fallback))


def _filtered(notes: list[Note], filters: dict) -> list[Note]:
    if filters.get("author"):
        notes = [n for n in notes if n.author.get_username() == filters["author"]]
    if filters.get("tag"):
        notes = [n for n in notes if n.tag_id == filters["tag"].pk]
    if filters.get("outlet"):
        notes = [n for n in notes if n.article.outlet.slug == filters["outlet"]]
    return notes


def story_notes(request, slug):
    story = get_object_or_404(Story, slug=slug)
    notes = review.story_notes(request.user, story)
    form = NoteFilterForm(request.GET)
    shown = _filtered(notes, form.cleaned_data) if form.is_valid() else notes
    context = {
        "story": story,
        "form": form,
        "notes": [
            {"note": n, "link": note_link(n), "can_delete": review.note_can_delete(request.user, n)}
            for n in shown
        ],
        "total": len(notes),
        "authors": sorted({n.author.get_username() for n in notes}),
        "outlets": sorted({(n.article.outlet.slug, n.article.outlet.name) for n in notes}),
    }
    return render(request, "newsreader/notes/story_notes.html", context)


@login_required
def groups_page(request):
    form = GroupForm(request.POST or None)
    if request.method == "POST":
        if not can_edit(request.user):
            raise PermissionDenied(gettext("Only an editor or a teacher makes a class."))
        if form.is_valid():
            review.group_create(request.user, name=form.cleaned_data["name"])
            return redirect("note-groups")
    groups = review.user_groups(request.user).prefetch_related("members")
    return render(
        request,
        "newsreader/notes/groups.html",
        {"groups": groups, "form": form, "member_form": MemberForm()},
    )


@login_required
@require_POST
def group_member_add(request, pk):
    group = get_object_or_404(NoteGroup, pk=pk, owner=request.user)
    form = MemberForm(request.POST)
    if form.is_valid():
        try:
            review.group_member_add(request.user, group, form.cleaned_data["username"])
        except ValidationError as error:
            return render(
                request,
                "newsreader/notes/refused.html",
                {"form": form, "message": " ".join(error.messages)},
                status=400,
            )
    return redirect("note-groups")
