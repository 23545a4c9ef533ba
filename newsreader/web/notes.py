"""Review notes on a page: marks in the text and the context of the notes panel and form."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import ngettext

from newsreader.models import Article, NoteTag
from newsreader.services import notes as review

from .rendering import Mark


def note_marks(spans: list[review.NoteSpan], article_id: int) -> list[Mark]:
    """One keyboard-reachable mark per noted span; its count is drawn by the stylesheet."""
    marks = []
    for span in spans:
        count = len(span.notes)
        label = ngettext("%(n)d note", "%(n)d notes", count) % {"n": count}
        attrs = [
            ("tabindex", "0"),
            ("data-count", str(count)),
            ("data-notes", " ".join(str(n.pk) for n in span.notes)),
            ("aria-label", label),
            ("title", " · ".join(n.text[:80] or n.quote[:80] for n in span.notes)),
        ]
        if span.notes[0].article_id == article_id:
            attrs.append(("id", f"note-{span.notes[0].pk}"))
        marks.append(Mark(span.start, span.end, "note-mark", tuple(attrs), tag="mark"))
    return marks


def note_link(note) -> str:
    """The article page at the note's span."""
    return reverse("article", args=[note.article_id]) + f"#note-{note.pk}"


def notes_form_context(request) -> dict:
    """What the add-a-note form offers this user: the tags and the groups to share with."""
    user = request.user
    if not user.is_authenticated:
        return {"note_form": None}
    return {
        "note_form": {
            "tags": list(NoteTag.objects.all()),
            "groups": list(review.user_groups(user)),
            "next": request.get_full_path(),
        }
    }


def _listed(request, notes) -> list[dict]:
    return [
        {"note": n, "can_delete": review.note_can_delete(request.user, n), "link": note_link(n)}
        for n in notes
    ]


def articles_notes_context(request, articles: list[Article]) -> tuple[dict[int, list[Mark]], dict]:
    """The note marks of each shown article ({id: marks}) and the notes panel beside them:
    the notes on these articles, also those from other articles on a passage they share."""
    if not request.user.is_authenticated or not articles:
        return {}, {"review_notes": [], "note_form": None}
    notes = review.story_notes(request.user, articles[0].story)
    marks, shown = {}, set()
    for article in articles:
        spans = review.article_note_spans(request.user, article, notes)
        marks[article.pk] = note_marks(spans, article.pk)
        shown |= {n.pk for span in spans for n in span.notes}
        shown |= {n.pk for n in notes if n.article_id == article.pk}  # lost ones are listed too
    listed = _listed(request, [n for n in notes if n.pk in shown])
    return marks, {"review_notes": listed, **notes_form_context(request)}
