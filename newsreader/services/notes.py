"""Review notes: who sees and shares them, creating, deleting and keeping them anchored.

Visibility: a note is its author's alone unless shared with a group the author belongs to
(a newsroom of editors, or a class made by a teacher, who is an editor). A group's members and
owner see its notes; nobody else does, and anonymous readers see none. The author deletes a
note; an editor of the group may delete a note shared with it.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet

from ..access import can_edit
from ..analysis.anchoring import anchor_find, context_around, span_within
from ..models import Article, Note, NoteGroup, NoteTag, Story
from .story_analysis import story_analyse

MAX_QUOTE = 5000
MAX_TEXT = 5000
# The starting set of tags (slug, English, Indonesian); editors edit it in the admin.
DEFAULT_TAGS = (
    ("press-release", "press release", "siaran pers"),
    ("altered-quote", "altered quote", "kutipan diubah"),
    ("missing-context", "missing context", "konteks hilang"),
    ("error", "error", "kesalahan"),
    ("good-example", "good example", "contoh baik"),
)


def note_tags_restore() -> None:
    """Create whichever default tag is missing (an edited tag keeps its labels)."""
    for slug, name, name_id in DEFAULT_TAGS:
        NoteTag.objects.get_or_create(slug=slug, defaults={"name": name, "name_id": name_id})


def user_groups(user) -> QuerySet[NoteGroup]:
    """The groups a user may read and share with: those they belong to or own."""
    if not user.is_authenticated:
        return NoteGroup.objects.none()
    return NoteGroup.objects.filter(Q(members=user) | Q(owner=user)).distinct()


def visible_notes(user) -> QuerySet[Note]:
    if not user.is_authenticated:
        return Note.objects.none()
    return Note.objects.filter(
        Q(author=user) | Q(group__in=user_groups(user).values("pk"))
    ).select_related("author", "tag", "group", "article__outlet")


def note_can_delete(user, note: Note) -> bool:
    if not user.is_authenticated:
        return False
    if note.author_id == user.pk:
        return True
    return (
        note.group_id is not None
        and can_edit(user)
        and user_groups(user).filter(pk=note.group_id).exists()
    )


def note_delete(user, note: Note) -> None:
    if not note_can_delete(user, note):
        raise PermissionDenied("only the author, or an editor of the group, deletes a note")
    note.delete()


def _passage_at(article: Article, start: int, end: int) -> str:
    """The id of the shared passage that holds the span, if the story analysis has one."""
    for group in story_analyse(story=article.story).get("reuse", {}).get("shared_passages", []):
        for m in group["members"]:
            if m["article"] == article.pk and m["start"] <= start and end <= m["end"]:
                return str(group["id"])
    return ""


def note_create(
    user,
    *,
    article: Article,
    start: int,
    end: int,
    text: str,
    tag: NoteTag | None = None,
    group: NoteGroup | None = None,
) -> Note:
    """A note on article.clean_text[start:end]; refused unless the span and group are valid."""
    if not user.is_authenticated:
        raise PermissionDenied("sign in to write notes")
    clean = article.clean_text
    if not (0 <= start < end <= len(clean)) or not clean[start:end].strip():
        raise ValidationError("the selected text is not in this article's clean text")
    if end - start > MAX_QUOTE or len(text) > MAX_TEXT:
        raise ValidationError("the selection or the note is too long")
    if group is not None and not user_groups(user).filter(pk=group.pk).exists():
        raise PermissionDenied("you can only share with a group you belong to")
    prefix, suffix = context_around(clean, start, end)
    return Note.objects.create(
        article=article,
        start=start,
        end=end,
        quote=clean[start:end],
        prefix=prefix,
        suffix=suffix,
        passage=_passage_at(article, start, end),
        text=text.strip(),
        tag=tag,
        author=user,
        group=group,
    )


def note_reanchor(note: Note, clean_text: str) -> Note:
    """Keep the note on its text: unchanged, moved to where the quote now is, or flagged lost."""
    if clean_text[note.start : note.end] == note.quote:
        return note
    found = anchor_find(clean_text, note.quote, note.prefix, note.suffix, near=note.start)
    if found is None:
        note.anchor = Note.LOST
    else:
        note.start, note.end = found
        note.anchor = Note.MOVED
        note.prefix, note.suffix = context_around(clean_text, *found)
    note.save(update_fields=["start", "end", "anchor", "prefix", "suffix", "updated"])
    return note


def story_notes(user, story: Story) -> list[Note]:
    """The notes the user may see on the story's articles, re-anchored to their current text."""
    notes = list(visible_notes(user).filter(article__story=story).order_by("created", "id"))
    if not notes:
        return []
    texts = dict(story.articles.values_list("pk", "clean_text"))
    return [note_reanchor(n, texts[n.article_id]) for n in notes]


@dataclass
class NoteSpan:
    """Where notes show in one article: their own span, or the same passage in another column."""

    start: int
    end: int
    notes: list[Note]


def _projected(story: Story, notes: list[Note], article_id: int) -> list[tuple[int, int, Note]]:
    """Notes written on other articles inside a shared passage, placed in this article's copy."""
    others = [n for n in notes if n.article_id != article_id and n.anchor != Note.LOST]
    if not others:
        return []
    texts = dict(story.articles.values_list("pk", "clean_text"))
    passages = story_analyse(story=story).get("reuse", {}).get("shared_passages", [])
    placed = []
    for note in others:
        for group in passages:
            spans = {m["article"]: (m["start"], m["end"]) for m in group["members"]}
            home = spans.get(note.article_id)
            if home is None or article_id not in spans:
                continue
            if home[0] <= note.start and note.end <= home[1]:
                start, end = span_within(texts[article_id], note.quote, *spans[article_id])
                placed.append((start, end, note))
                break
    return placed


def article_note_spans(user, article: Article, notes: list[Note] | None = None) -> list[NoteSpan]:
    """The note marks of one article: notes on it and notes on its shared passages elsewhere."""
    if notes is None:
        notes = story_notes(user, article.story)
    spans: dict[tuple[int, int], list[Note]] = {}
    own = [
        (n.start, n.end, n) for n in notes if n.article_id == article.pk and n.anchor != Note.LOST
    ]
    for start, end, note in own + _projected(article.story, notes, article.pk):
        spans.setdefault((start, end), []).append(note)
    return [NoteSpan(s, e, ns) for (s, e), ns in sorted(spans.items())]


def group_create(user, *, name: str, kind: str = NoteGroup.CLASS) -> NoteGroup:
    """An editor makes a newsroom, or (as a teacher) a class; the maker is its owner."""
    if not can_edit(user):
        raise PermissionDenied("only an editor or a teacher makes a group")
    if not name.strip():
        raise ValidationError("a group needs a name")
    with transaction.atomic():
        group = NoteGroup.objects.create(name=name.strip(), kind=kind, owner=user)
        group.members.add(user)
        if kind == NoteGroup.CLASS:
            join_code_renew(user, group)
    return group


# Join codes: 8 characters without look-alikes (no 0/O, 1/I/L): 31**8, about 8.5e11 codes.
JOIN_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 8


def join_code_normalise(code: str) -> str:
    """What a student types or a link carries: any case, spaces and hyphens ignored."""
    return "".join(c for c in code.upper() if c not in " -\t")


def join_code_renew(user, group: NoteGroup) -> str:
    """A new code for a class (the old one stops working); its owner's decision."""
    if group.owner_id != user.pk:
        raise PermissionDenied("only the class's owner changes its join code")
    if group.kind != NoteGroup.CLASS:
        raise ValidationError("a newsroom is joined by its owner's invitation only")
    while True:
        code = "".join(secrets.choice(JOIN_ALPHABET) for _ in range(JOIN_CODE_LENGTH))
        if not NoteGroup.objects.filter(join_code=code).exists():
            break
    group.join_code = code
    group.save(update_fields=["join_code"])
    return code


def join_code_stop(user, group: NoteGroup) -> None:
    """No more joining by code; members stay."""
    if group.owner_id != user.pk:
        raise PermissionDenied("only the class's owner changes its join code")
    group.join_code = None
    group.save(update_fields=["join_code"])


def group_by_code(code: str) -> NoteGroup | None:
    code = join_code_normalise(code)
    if len(code) != JOIN_CODE_LENGTH:
        return None
    return NoteGroup.objects.filter(join_code=code, kind=NoteGroup.CLASS).first()


def group_join(user, code: str) -> NoteGroup:
    """A signed-in reader joins the class whose code they were given (again: no change)."""
    if not user.is_authenticated:
        raise PermissionDenied("sign in to join a class")
    group = group_by_code(code)
    if group is None:
        raise ValidationError("no class has this code")
    group.members.add(user)
    return group


def group_leave(user, group: NoteGroup) -> None:
    """A member leaves; the notes they shared stay with the class. The owner cannot leave."""
    if not group.members.filter(pk=user.pk).exists():
        raise PermissionDenied("you are not a member of this group")
    if group.owner_id == user.pk:
        raise ValidationError("the owner of a group cannot leave it")
    group.members.remove(user)


def group_member_add(user, group: NoteGroup, username: str):
    """The owner adds an account: a newsroom takes editors only, a class anyone."""
    if group.owner_id != user.pk:
        raise PermissionDenied("only the group's owner adds members")
    member = get_user_model().objects.filter(username=username).first()
    if member is None:
        raise ValidationError(f"no account named {username!r}")
    if group.kind == NoteGroup.NEWSROOM and not can_edit(member):
        raise ValidationError("a newsroom is for editors")
    group.members.add(member)
    return member
