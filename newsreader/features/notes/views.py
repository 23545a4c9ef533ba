"""Thin views of the review notes: parse, call the notes service, render or redirect."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from newsreader.access import can_edit
from newsreader.models import Note, NoteGroup, Story
from newsreader.services import notes as review
from newsreader.web.notes import note_link

from .forms import GroupForm, JoinForm, MemberForm, NoteFilterForm, NoteForm


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
        "outlets": sorted({(n.article.outlet.slug, n.article.outlet.display_name) for n in notes}),
    }
    return render(request, "newsreader/notes/story_notes.html", context)


def _groups(request, *, form=None, join_form=None, status=200, refusal=""):
    groups = list(review.user_groups(request.user).prefetch_related("members"))
    for group in groups:
        if group.owner_id == request.user.pk and group.join_code:
            group.join_link = request.build_absolute_uri(
                reverse("note-join-link", args=[group.join_code])
            )
    context = {
        "groups": groups,
        "form": form or GroupForm(),
        "join_form": join_form or JoinForm(),
        "member_form": MemberForm(),
        "refusal": refusal,
    }
    return render(request, "newsreader/notes/groups.html", context, status=status)


@login_required
def groups_page(request):
    if request.method != "POST":
        return _groups(request)
    if not can_edit(request.user):
        raise PermissionDenied(gettext("Only an editor or a teacher makes a class."))
    form = GroupForm(request.POST)
    if not form.is_valid():
        return _groups(request, form=form, status=400)
    review.group_create(request.user, name=form.cleaned_data["name"])
    return redirect("note-groups")


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


@login_required
@require_POST
def group_join(request):
    """Join a class by the code its teacher gave (typed, or from the invitation link)."""
    form = JoinForm(request.POST)
    if form.is_valid():
        try:
            group = review.group_join(request.user, form.cleaned_data["code"])
        except ValidationError:
            form.add_error("code", gettext("No class has this code. Check it with your teacher."))
        else:
            messages.success(request, gettext("You joined %(name)s.") % {"name": group.name})
            return redirect("note-groups")
    return _groups(request, join_form=form, status=400)


@login_required
def group_join_link(request, code):
    """The invitation link: shows the class and asks to confirm (joining is a POST)."""
    group = review.group_by_code(code)
    if group is None:
        raise Http404(
            gettext("This invitation is not valid any more. Ask your teacher for a new one.")
        )
    member = group.members.filter(pk=request.user.pk).exists()
    return render(
        request,
        "newsreader/notes/join.html",
        {"group": group, "code": group.join_code, "member": member},
    )


@login_required
@require_POST
def group_code(request, pk):
    """The owner gives the class a new join code (the old one stops working) or stops codes."""
    group = get_object_or_404(NoteGroup, pk=pk, owner=request.user, kind=NoteGroup.CLASS)
    if request.POST.get("stop"):
        review.join_code_stop(request.user, group)
    else:
        review.join_code_renew(request.user, group)
    return redirect("note-groups")


@login_required
@require_POST
def group_leave(request, pk):
    group = get_object_or_404(review.user_groups(request.user), pk=pk)
    try:
        review.group_leave(request.user, group)
    except ValidationError:
        return _groups(
            request, status=400, refusal=gettext("The owner of a group cannot leave it.")
        )
    messages.success(request, gettext("You left %(name)s.") % {"name": group.name})
    return redirect("note-groups")
