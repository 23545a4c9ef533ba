"""Review notes: who sees, shares and deletes them, their anchoring, and the article page."""

import lxml.html
import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from newsreader.models import Article, Note, NoteGroup, NoteTag
from newsreader.services import notes as review

QUOTE = "Ini menunjukkan bahwa Putin sedang berusaha keras mencari bantuan"


def account(django_user_model, name, editor=False):
    user = django_user_model.objects.create_user(name, password="x" * 12)
    if editor:
        user.user_permissions.add(Permission.objects.get(codename="edit_corpus"))
        user = django_user_model.objects.get(pk=user.pk)  # fresh permission cache
    return user


@pytest.fixture(autouse=True)
def _tags(db):
    review.note_tags_restore()  # an earlier transactional test may have emptied the table


@pytest.fixture
def people(db, django_user_model):
    names = {"guru_a": True, "guru_b": True, "siswa_a": False, "siswa_a2": False, "siswa_b": False}
    users = {n: account(django_user_model, n, editor) for n, editor in names.items()}
    class_a = review.group_create(users["guru_a"], name="Kelas Jurnalistik A")
    class_b = review.group_create(users["guru_b"], name="Kelas Jurnalistik B")
    review.group_member_add(users["guru_a"], class_a, "siswa_a")
    review.group_member_add(users["guru_a"], class_a, "siswa_a2")
    review.group_member_add(users["guru_b"], class_b, "siswa_b")
    return users | {"class_a": class_a, "class_b": class_b}


@pytest.fixture
def tribun(sample_articles):
    return sample_articles[3]


@pytest.fixture
def unknown(sample_articles):
    return sample_articles[4]


def note_on(user, article, quote=QUOTE, **kwargs):
    start = article.clean_text.index(quote)
    return review.note_create(
        user, article=article, start=start, end=start + len(quote), text="Catatan", **kwargs
    )


def seen_by(user, note) -> bool:
    return review.visible_notes(user).filter(pk=note.pk).exists()


def test_a_private_note_is_seen_by_its_author_alone(people, tribun):
    note = note_on(people["siswa_a"], tribun)
    assert seen_by(people["siswa_a"], note)
    assert not seen_by(people["siswa_a2"], note)
    assert not seen_by(people["guru_a"], note)


def test_a_note_shared_with_a_class_is_seen_by_that_class_only(people, tribun):
    note = note_on(people["siswa_a"], tribun, group=people["class_a"])
    assert seen_by(people["siswa_a2"], note) and seen_by(people["guru_a"], note)
    assert not seen_by(people["siswa_b"], note)
    assert not seen_by(people["guru_b"], note)


def test_anonymous_readers_see_no_note(people, tribun, client):
    note_on(people["siswa_a"], tribun, group=people["class_a"])
    from django.contrib.auth.models import AnonymousUser

    assert not review.visible_notes(AnonymousUser()).exists()
    page = client.get(reverse("article", args=[tribun.pk]))
    assert "Catatan" not in page.content.decode() and "note-mark" not in page.content.decode()


def test_sharing_needs_membership_of_the_group(people, tribun):
    with pytest.raises(PermissionDenied):
        note_on(people["siswa_b"], tribun, group=people["class_a"])


def test_only_an_editor_makes_a_class_and_only_its_owner_adds_members(people):
    with pytest.raises(PermissionDenied):
        review.group_create(people["siswa_a"], name="Kelas liar")
    with pytest.raises(PermissionDenied):
        review.group_member_add(people["guru_b"], people["class_a"], "siswa_b")
    with pytest.raises(ValidationError):
        review.group_member_add(people["guru_a"], people["class_a"], "tidak_ada")


def test_a_newsroom_takes_editors_only(people):
    newsroom = review.group_create(people["guru_a"], name="Redaksi", kind=NoteGroup.NEWSROOM)
    review.group_member_add(people["guru_a"], newsroom, "guru_b")
    with pytest.raises(ValidationError):
        review.group_member_add(people["guru_a"], newsroom, "siswa_a")


def test_deleting_is_the_authors_and_a_group_editors_for_shared_notes(people, tribun):
    shared = note_on(people["siswa_a"], tribun, group=people["class_a"])
    private = note_on(people["siswa_a"], tribun)
    assert not review.note_can_delete(people["siswa_a2"], shared)
    assert not review.note_can_delete(people["guru_b"], shared)
    assert not review.note_can_delete(people["guru_a"], private)
    assert review.note_can_delete(people["guru_a"], shared)
    with pytest.raises(PermissionDenied):
        review.note_delete(people["siswa_a2"], shared)
    review.note_delete(people["guru_a"], shared)
    review.note_delete(people["siswa_a"], private)
    assert not Note.objects.exists()


def test_delete_view_refuses_a_classmate_and_hides_other_classes(people, tribun, client):
    shared = note_on(people["siswa_a"], tribun, group=people["class_a"])
    url = reverse("note-delete", args=[shared.pk])
    client.force_login(people["siswa_a2"])
    assert client.post(url).status_code == 403
    client.force_login(people["siswa_b"])
    assert client.post(url).status_code == 404
    client.force_login(people["siswa_a"])
    assert client.post(url).status_code == 302
    assert not Note.objects.filter(pk=shared.pk).exists()


def test_a_span_outside_the_clean_text_is_refused(people, tribun):
    with pytest.raises(ValidationError):
        review.note_create(people["siswa_a"], article=tribun, start=5, end=5, text="x")
    with pytest.raises(ValidationError):
        review.note_create(
            people["siswa_a"], article=tribun, start=0, end=len(tribun.clean_text) + 1, text="x"
        )


def test_a_note_follows_its_text_after_re_cleaning_and_is_flagged_when_it_is_gone(people, tribun):
    note = note_on(people["siswa_a"], tribun)
    old = note.start
    Article.objects.filter(pk=tribun.pk).update(clean_text="Paragraf baru.\n\n" + tribun.clean_text)
    [moved] = review.story_notes(people["siswa_a"], tribun.story)
    assert (moved.anchor, moved.start) == (Note.MOVED, old + len("Paragraf baru.\n\n"))
    gone = tribun.clean_text.replace(QUOTE, "Kalimat ini diganti seluruhnya oleh redaksi")
    Article.objects.filter(pk=tribun.pk).update(clean_text=gone)
    [lost] = review.story_notes(people["siswa_a"], tribun.story)
    assert lost.anchor == Note.LOST


def test_a_note_on_a_shared_passage_shows_in_the_other_articles_copy(people, tribun, unknown):
    note = note_on(people["siswa_a"], tribun, group=people["class_a"])
    assert note.passage
    [span] = review.article_note_spans(people["siswa_a2"], unknown)
    assert unknown.clean_text[span.start : span.end] == QUOTE
    assert span.notes == [note]


def test_the_article_page_marks_the_note_with_its_count_and_escapes_it(people, tribun, client):
    tag = NoteTag.objects.get(slug="press-release")
    start = tribun.clean_text.index(QUOTE)
    review.note_create(
        people["siswa_a"],
        article=tribun,
        start=start,
        end=start + len(QUOTE),
        text="<script>alert(1)</script> mirip rilis",
        tag=tag,
        group=people["class_a"],
    )
    client.force_login(people["siswa_a2"])
    html = client.get(reverse("article", args=[tribun.pk])).content.decode()
    tree = lxml.html.fromstring(html)
    [mark] = tree.xpath("//div[@data-note-article]//mark[contains(@class, 'note-mark')]")
    assert mark.get("data-count") == "1" and mark.get("tabindex") == "0"
    assert mark.text_content() == QUOTE
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; mirip rilis" in html
    assert "siaran pers" in html or "press release" in html


def test_adding_a_note_through_the_form(people, tribun, client):
    client.force_login(people["siswa_a"])
    start = tribun.clean_text.index(QUOTE)
    back = reverse("article", args=[tribun.pk])
    response = client.post(
        reverse("note-add"),
        {
            "article": tribun.pk,
            "start": start,
            "end": start + len(QUOTE),
            "text": "Kutipan ini sama persis",
            "tag": NoteTag.objects.get(slug="altered-quote").pk,
            "group": people["class_a"].pk,
            "next": back,
        },
    )
    note = Note.objects.get()
    assert (
        response.status_code == 302
        and response["Location"] == f"{back}?note={note.pk}#note-{note.pk}"
    )
    assert (note.quote, note.group, note.author) == (QUOTE, people["class_a"], people["siswa_a"])


def test_the_form_refuses_another_classes_group_and_bad_offsets(people, tribun, client):
    client.force_login(people["siswa_b"])
    data = {"article": tribun.pk, "start": 0, "end": 10, "group": people["class_a"].pk}
    assert client.post(reverse("note-add"), data).status_code == 400
    data = {"article": tribun.pk, "start": 10, "end": 10**7}
    assert client.post(reverse("note-add"), data).status_code == 400
    assert not Note.objects.exists()
    client.logout()
    assert client.post(reverse("note-add"), data).status_code == 302  # to the login page


def test_a_student_cannot_make_a_class_through_the_page(people, client):
    client.force_login(people["siswa_a"])
    assert client.post(reverse("note-groups"), {"name": "Kelas liar"}).status_code == 403
    client.force_login(people["guru_a"])
    client.post(reverse("note-groups"), {"name": "Kelas C"})
    assert NoteGroup.objects.filter(name="Kelas C", owner=people["guru_a"]).exists()


def test_the_story_notes_list_filters_by_author_tag_and_outlet(people, tribun, unknown, client):
    tag = NoteTag.objects.get(slug="error")
    note_on(people["siswa_a"], tribun, group=people["class_a"], tag=tag)
    note_on(people["siswa_a2"], unknown, group=people["class_a"])
    client.force_login(people["guru_a"])
    url = reverse("story-notes", args=[tribun.story.slug])

    def shown(**params):
        tree = lxml.html.fromstring(client.get(url, params).content)
        return [li.get("id") for li in tree.xpath("//li[contains(@class, 'note-item')]")]

    assert len(shown()) == 2
    assert len(shown(author="siswa_a2")) == 1
    assert len(shown(tag="error")) == 1
    assert len(shown(outlet=unknown.outlet.slug)) == 1
    client.force_login(people["siswa_b"])
    assert shown() == []


def test_the_diff_page_carries_each_articles_offsets_and_marks_notes_on_both(
    people, tribun, unknown, client
):
    inserted = "putus asa"  # words the Tribunnews quote adds to the other outlet's
    on_first = note_on(people["siswa_a"], unknown, quote="dua pemimpin", group=people["class_a"])
    on_second = note_on(people["siswa_a"], tribun, quote=inserted, group=people["class_a"])
    client.force_login(people["siswa_a2"])
    html = client.get(reverse("story-diff", args=[tribun.story.slug, unknown.pk, tribun.pk]))
    tree = lxml.html.fromstring(html.content.decode())
    segments = tree.xpath("//div[contains(@class, 'full-diff')]//span[@data-note-article]")
    texts = {tribun.pk: tribun.clean_text, unknown.pk: unknown.clean_text}
    for segment in segments:  # every segment is its article's clean text at its offset
        start, text = int(segment.get("data-start")), segment.text_content()
        assert texts[int(segment.get("data-note-article"))][start : start + len(text)] == text
    in_insertions = {
        int(s.get("data-note-article")) for s in tree.xpath("//ins//span[@data-start]")
    }
    assert in_insertions == {tribun.pk}
    marks = tree.xpath("//div[contains(@class, 'full-diff')]//mark[contains(@class, 'note-mark')]")
    by_note = {}
    for mark in marks:
        for pk in mark.get("data-notes").split():
            by_note.setdefault(int(pk), []).append(mark)
    assert inserted in "".join(m.text_content() for m in by_note[on_second.pk])
    assert "dua pemimpin" in "".join(m.text_content() for m in by_note[on_first.pk])
    assert all(m.get("tabindex") == "0" for m in marks if not m.get("data-continued"))
    assert len(tree.xpath("//li[starts-with(@id, 'note-item-')]")) == 2


def test_the_passage_panel_marks_the_note_in_every_version(people, tribun, unknown, client):
    note = note_on(people["siswa_a"], tribun, group=people["class_a"])
    client.force_login(people["siswa_a2"])
    url = reverse("story-compare-passage", args=[tribun.story.slug, int(note.passage)])
    html = client.get(url, {"a": [unknown.pk, tribun.pk]}).content.decode()
    tree = lxml.html.fromstring(html)
    [panel] = tree.xpath("//section[@class='passage-detail']")
    versions = panel.xpath(".//ol[@class='versions']/li")
    assert len(versions) == 2
    for version in versions:
        marks = version.xpath(".//mark[contains(@class, 'note-mark')]")
        assert QUOTE in "".join(m.text_content() for m in marks)
        assert marks[0].get("tabindex") == "0" and not version.xpath(".//*[@id]")
    ids = [i for i in tree.xpath("//mark/@id") if i.startswith("note-")]
    assert ids == [f"note-{note.pk}"]  # the column keeps the mark's id, the panel has none
