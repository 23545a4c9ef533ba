"""Students join a class themselves (its code, or the teacher's invitation link) and leave it;
every permission around codes, joining and leaving."""

import lxml.html
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from newsreader.models import NoteGroup
from newsreader.services import notes as review

# Fixtures shared with the notes tests.
from tests.features.test_notes import account, note_on, people, seen_by, tribun  # noqa: F401


@pytest.fixture
def newcomer(db, django_user_model):
    return account(django_user_model, "siswa_baru")


def members(group):
    return set(group.members.values_list("username", flat=True))


def test_a_class_gets_a_readable_code_and_a_newsroom_none(people):  # noqa: F811
    code = people["class_a"].join_code
    assert len(code) == review.JOIN_CODE_LENGTH and set(code) <= set(review.JOIN_ALPHABET)
    assert people["class_a"].join_code != people["class_b"].join_code
    newsroom = review.group_create(people["guru_a"], name="Redaksi", kind=NoteGroup.NEWSROOM)
    assert newsroom.join_code is None
    with pytest.raises(ValidationError):
        review.join_code_renew(people["guru_a"], newsroom)


def test_joining_by_code_any_case_and_spacing_sees_the_class_notes(people, tribun, newcomer):  # noqa: F811
    shared = note_on(people["siswa_a"], tribun, group=people["class_a"])
    assert not seen_by(newcomer, shared)
    code = people["class_a"].join_code
    typed = f" {code[:4].lower()}-{code[4:]} "
    assert review.group_join(newcomer, typed) == people["class_a"]
    assert seen_by(newcomer, shared) and "siswa_baru" not in members(people["class_b"])
    review.group_join(newcomer, code)  # again: still one membership
    assert people["class_a"].members.filter(username="siswa_baru").count() == 1


def test_a_wrong_or_renewed_or_stopped_code_lets_nobody_in(people, newcomer):  # noqa: F811
    class_a = people["class_a"]
    old = class_a.join_code
    for code in ["", "ABCDEFGH", old[:-1], old + "X"]:
        if code != old:
            with pytest.raises(ValidationError):
                review.group_join(newcomer, code)
    new = review.join_code_renew(people["guru_a"], class_a)
    assert new != old
    with pytest.raises(ValidationError):
        review.group_join(newcomer, old)
    review.join_code_stop(people["guru_a"], class_a)
    with pytest.raises(ValidationError):
        review.group_join(newcomer, new)
    assert "siswa_baru" not in members(class_a)


def test_only_the_owner_changes_the_code(people):  # noqa: F811
    for other in ("guru_b", "siswa_a"):
        with pytest.raises(PermissionDenied):
            review.join_code_renew(people[other], people["class_a"])
        with pytest.raises(PermissionDenied):
            review.join_code_stop(people[other], people["class_a"])


def test_leaving_ends_seeing_the_class_notes_and_keeps_those_shared(people, tribun):  # noqa: F811
    theirs = note_on(people["siswa_a2"], tribun, quote="Kim Jong Un", group=people["class_a"])
    shared = note_on(people["siswa_a"], tribun, group=people["class_a"])
    review.group_leave(people["siswa_a2"], people["class_a"])
    assert not seen_by(people["siswa_a2"], shared)
    assert seen_by(people["siswa_a2"], theirs) and seen_by(people["siswa_a"], theirs)
    with pytest.raises(PermissionDenied):  # not a member any more
        review.group_leave(people["siswa_a2"], people["class_a"])
    with pytest.raises(PermissionDenied):
        review.group_leave(people["siswa_b"], people["class_a"])
    with pytest.raises(ValidationError):
        review.group_leave(people["guru_a"], people["class_a"])
    with pytest.raises(PermissionDenied):  # left: cannot share with the class any more
        note_on(people["siswa_a2"], tribun, group=people["class_a"])


def test_the_invitation_link_asks_to_sign_in_then_to_confirm(people, newcomer, client):  # noqa: F811
    link = reverse("note-join-link", args=[people["class_a"].join_code])
    response = client.get(link)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    client.force_login(newcomer)
    page = client.get(link)
    assert page.status_code == 200 and "Kelas Jurnalistik A" in page.content.decode()
    assert "siswa_baru" not in members(people["class_a"])  # a GET joins nobody
    [form] = lxml.html.fromstring(page.content).xpath("//form[.//input[@name='code']]")
    code = form.xpath(".//input[@name='code']/@value")[0]
    response = client.post(form.get("action"), {"code": code})
    assert response.status_code == 302 and "siswa_baru" in members(people["class_a"])
    assert "already a member" in client.get(link).content.decode()
    assert client.get(reverse("note-join-link", args=["ZZZZZZZZ"])).status_code == 404


def test_the_groups_page_shows_the_code_to_its_owner_only(people, client):  # noqa: F811
    code = people["class_a"].join_code
    client.force_login(people["guru_a"])
    html = client.get(reverse("note-groups")).content.decode()
    assert code in html and reverse("note-join-link", args=[code]) in html
    for other in ("siswa_a", "guru_b"):
        client.force_login(people[other])
        assert code not in client.get(reverse("note-groups")).content.decode()


def test_join_and_leave_through_the_pages(people, newcomer, client):  # noqa: F811
    client.force_login(newcomer)
    wrong = client.post(reverse("note-group-join"), {"code": "ABCDEFGH"})
    assert wrong.status_code == 400 and "No class has this code" in wrong.content.decode()
    code = people["class_b"].join_code
    assert client.post(reverse("note-group-join"), {"code": code}).status_code == 302
    assert "siswa_baru" in members(people["class_b"])
    leave = reverse("note-group-leave", args=[people["class_b"].pk])
    assert client.post(leave).status_code == 302
    assert "siswa_baru" not in members(people["class_b"])
    assert client.post(leave).status_code == 404  # not a member: the group is not theirs
    client.force_login(people["guru_b"])
    refused = client.post(leave)
    assert refused.status_code == 400 and "cannot leave" in refused.content.decode()


def test_code_changes_are_the_owners_through_the_pages(people, client):  # noqa: F811
    class_a = people["class_a"]
    old = class_a.join_code
    url = reverse("note-group-code", args=[class_a.pk])
    for other in ("guru_b", "siswa_a"):
        client.force_login(people[other])
        assert client.post(url).status_code == 404
    client.force_login(people["guru_a"])
    assert client.post(url).status_code == 302
    class_a.refresh_from_db()
    assert class_a.join_code not in (None, old)
    client.post(url, {"stop": "1"})
    class_a.refresh_from_db()
    assert class_a.join_code is None
    assert "Joining by code is off" in client.get(reverse("note-groups")).content.decode()
    client.logout()
    assert client.post(reverse("note-group-join"), {"code": old}).status_code == 302  # to login
