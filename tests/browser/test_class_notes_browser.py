"""A student's note shared with their class, in a real browser: their classmates and teacher
see it in every view; another class and anonymous readers never do."""

import pytest
from django.core.management import call_command

from newsreader.models import Note
from newsreader.services import notes as review

from .test_notes_browser import QUOTE, marked, select_text

pytestmark = pytest.mark.browser

PASSWORD = "lantern mosaic harbour 42"
NOTE = "Kutipan ini juga ada di media lain"


@pytest.fixture
def classes(transactional_db, monkeypatch):
    """Two teachers' classes: siswa_a and siswa_a2 in class A, siswa_b in class B."""
    from django.contrib.auth import get_user_model

    review.note_tags_restore()  # a transactional test before this one empties the tables
    monkeypatch.setenv("NEWSREADER_PASSWORD", PASSWORD)
    for name, role in [
        ("guru_a", "editor"),
        ("guru_b", "editor"),
        ("siswa_a", "student"),
        ("siswa_a2", "student"),
        ("siswa_b", "student"),
    ]:
        call_command("create_account", name, "--role", role)
    users = {u.username: u for u in get_user_model().objects.all()}
    class_a = review.group_create(users["guru_a"], name="Kelas Jurnalistik A")
    class_b = review.group_create(users["guru_b"], name="Kelas Jurnalistik B")
    for group, teacher, students in [
        (class_a, "guru_a", ["siswa_a", "siswa_a2"]),
        (class_b, "guru_b", ["siswa_b"]),
    ]:
        for student in students:
            review.group_member_add(users[teacher], group, student)
    return {"a": class_a, "b": class_b}


def log_in(page, name):
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(name)
    page.get_by_label("Password").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Log in").click()


def log_out(page):
    with page.expect_navigation():
        page.get_by_role("button", name="Log out").click()


def sees_the_note(page, story, tribun, unknown) -> dict[str, bool]:
    """Whether the note shows in each view a reader opens: article, comparison, notes list."""
    seen = {}
    page.goto(f"/articles/{tribun.pk}/")
    seen["article"] = marked(page, tribun) == QUOTE and NOTE in page.content()
    page.goto(f"/stories/{story.slug}/compare/?a={tribun.pk}&a={unknown.pk}")
    seen["compare"] = all(marked(page, a) == QUOTE for a in (tribun, unknown))
    page.goto(f"/stories/{story.slug}/notes/")
    seen["list"] = NOTE in page.content()
    return seen


def test_a_students_shared_note_is_seen_by_their_class_only(page, classes, sample_articles):
    story, tribun, unknown = sample_articles[0].story, sample_articles[3], sample_articles[4]
    log_in(page, "siswa_a")
    page.goto(f"/articles/{tribun.pk}/")
    select_text(page, "[data-note-article]", QUOTE)
    page.get_by_role("button", name="Add a note").click()
    page.get_by_label("Note", exact=True).fill(NOTE)
    page.get_by_label("Share with").select_option(label="Kelas Jurnalistik A")
    with page.expect_navigation():
        page.get_by_role("button", name="Save note").click()
    note = Note.objects.get()
    assert (note.author.username, note.group, note.quote) == ("siswa_a", classes["a"], QUOTE)
    log_out(page)

    everywhere = {"article": True, "compare": True, "list": True}
    nowhere = {"article": False, "compare": False, "list": False}
    for reader, expected in [
        ("siswa_a2", everywhere),
        ("guru_a", everywhere),
        ("siswa_b", nowhere),
        ("guru_b", nowhere),
    ]:
        log_in(page, reader)
        assert sees_the_note(page, story, tribun, unknown) == expected, reader
        log_out(page)
    assert sees_the_note(page, story, tribun, unknown) == nowhere  # anonymous
    csv = page.request.get(f"/stories/{story.slug}/report/notes.csv?note={note.pk}")
    assert csv.ok and NOTE not in csv.text()
