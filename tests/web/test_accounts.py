"""Roles and permissions: anonymous, student and editor on every mutating URL; login-only
reading; the create_account command; deleting articles and stories."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from newsreader import services
from newsreader.models import Article, LexiconEntry, Shingle, Story
from tests.page_urls import reading_urls

PASSWORD = "lantern mosaic harbour 42"


def make_account(monkeypatch, username, role):
    monkeypatch.setenv("NEWSREADER_PASSWORD", PASSWORD)
    call_command("create_account", username, "--role", role, "--email", f"{username}@example.org")
    return get_user_model().objects.get(username=username)


@pytest.fixture
def accounts(db, monkeypatch):
    return {
        "anonymous": None,
        "student": make_account(monkeypatch, "siti", "student"),
        "editor": make_account(monkeypatch, "budi", "editor"),
    }


def client_for(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def mutations(articles):
    """(name, method, url, data, the editor's status) for every URL that changes something."""
    article, story = articles[4], articles[0].story
    other = services.story_create(title="Another story")
    entry = LexiconEntry.objects.first()
    return [
        ("import", "get", reverse("import"), None, 200),
        ("import-post", "post", reverse("import"), {"kind": "paste", "text": "x"}, 400),
        ("article-edit", "get", reverse("article-edit", args=[article.pk]), None, 200),
        (
            "article-move",
            "post",
            reverse("article-move", args=[article.pk]),
            {"story": other.pk},
            302,
        ),
        ("article-reanalyse", "post", reverse("article-reanalyse", args=[article.pk]), {}, 302),
        ("article-process", "post", reverse("article-process", args=[article.pk]), {}, 302),
        ("article-delete-confirm", "get", reverse("article-delete", args=[article.pk]), None, 200),
        ("article-delete", "post", reverse("article-delete", args=[article.pk]), {}, 302),
        (
            "story-merge",
            "post",
            reverse("story-merge", args=[story.slug]),
            {"others": [other.pk]},
            302,
        ),
        (
            "story-split",
            "post",
            reverse("story-split", args=[story.slug]),
            {"articles": [article.pk], "title": "Split"},
            302,
        ),
        ("story-delete-confirm", "get", reverse("story-delete", args=[story.slug]), None, 200),
        (
            "story-delete",
            "post",
            reverse("story-delete", args=[story.slug]),
            {"with_articles": "yes"},
            302,
        ),
        ("lexicon-add", "get", reverse("admin:newsreader_lexiconentry_add"), None, 200),
        (
            "lexicon-change",
            "get",
            reverse("admin:newsreader_lexiconentry_change", args=[entry.pk]),
            None,
            200,
        ),
    ]


MUTATIONS = [
    "import", "import-post", "article-edit", "article-move", "article-reanalyse",
    "article-process", "article-delete-confirm", "article-delete", "story-merge", "story-split",
    "story-delete-confirm", "story-delete", "lexicon-add", "lexicon-change",
]  # fmt: skip


def corpus_state():
    return (
        sorted(Article.objects.values_list("pk", "story_id", "title", "clean_text")),
        sorted(Story.objects.values_list("pk", "title")),
        Shingle.objects.count(),
    )


@pytest.mark.parametrize("role", ["anonymous", "student", "editor"])
@pytest.mark.parametrize("name", MUTATIONS)
def test_every_mutating_url_by_role(accounts, sample_articles, role, name):
    table = {row[0]: row[1:] for row in mutations(sample_articles)}
    method, url, data, editor_status = table[name]
    before = corpus_state()
    response = getattr(client_for(accounts[role]), method)(url, data)
    if role == "editor":
        assert response.status_code == editor_status, response.content[:300]
        return
    if url.startswith("/admin/"):
        assert response.status_code == 302  # the admin sends non-staff to its own login
        assert response["Location"].startswith(reverse("admin:login"))
    elif role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login") + "?next=")
    else:
        assert response.status_code == 403
    assert corpus_state() == before


def test_editor_changes_the_lexicon_in_the_admin_but_nothing_else(accounts, sample_articles):
    editor = client_for(accounts["editor"])
    response = editor.post(
        reverse("admin:newsreader_lexiconentry_add"),
        {"term": "menggertak", "category": "threat", "note": "to bluff", "match": "word"},
    )
    assert response.status_code == 302
    assert LexiconEntry.objects.filter(term="menggertak", category="threat").exists()
    index = editor.get(reverse("admin:index")).content.decode()
    assert "Lexicon entries" in index
    # View-only elsewhere: no adding, changing or deleting articles, stories or outlets.
    article = sample_articles[0]
    assert editor.get(reverse("admin:newsreader_article_add")).status_code == 403
    assert (
        editor.get(reverse("admin:newsreader_story_delete", args=[article.story_id])).status_code
        == 403
    )
    change = editor.post(
        reverse("admin:newsreader_article_change", args=[article.pk]), {"title": "changed"}
    )
    assert change.status_code == 403
    assert Article.objects.get(pk=article.pk).title == article.title
    assert editor.get(reverse("admin:auth_user_changelist")).status_code == 403


def test_student_cannot_reach_the_admin_change_pages(accounts, sample_articles):
    student = client_for(accounts["student"])
    entry = LexiconEntry.objects.first()
    for url in [
        reverse("admin:index"),
        reverse("admin:newsreader_lexiconentry_change", args=[entry.pk]),
        reverse("admin:newsreader_article_change", args=[sample_articles[0].pk]),
    ]:
        response = student.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"], url
    html = student.get(sample_articles[0].get_absolute_url()).content.decode()
    assert "Correct extracted fields" not in html and "Delete this article" not in html


def test_create_account_roles_and_password_rules(accounts, monkeypatch):
    editor, student = accounts["editor"], accounts["student"]
    assert editor.is_staff and not editor.is_superuser
    assert editor.has_perm("newsreader.edit_corpus")
    assert editor.has_perm("newsreader.change_lexiconentry")
    assert not editor.has_perm("newsreader.change_article")
    assert [g.name for g in editor.groups.all()] == ["Editors"]
    assert not student.is_staff and not student.get_all_permissions()
    assert [g.name for g in student.groups.all()] == ["Students"]
    assert student.email == "siti@example.org" and student.check_password(PASSWORD)

    monkeypatch.setenv("NEWSREADER_PASSWORD", "12345678")
    with pytest.raises(CommandError, match="password refused"):
        call_command("create_account", "weak", "--role", "student")
    assert not get_user_model().objects.filter(username="weak").exists()
    monkeypatch.setenv("NEWSREADER_PASSWORD", PASSWORD)
    with pytest.raises(CommandError, match="already exists"):
        call_command("create_account", "budi", "--role", "student")


def test_create_account_prompts_for_the_password_twice(db, monkeypatch):
    monkeypatch.delenv("NEWSREADER_PASSWORD", raising=False)
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    answers = iter([PASSWORD, "something else"])
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(answers))
    with pytest.raises(CommandError, match="differ"):
        call_command("create_account", "rina", "--role", "editor")
    answers = iter([PASSWORD, PASSWORD])
    call_command("create_account", "rina", "--role", "editor")
    assert get_user_model().objects.get(username="rina").check_password(PASSWORD)


def test_create_account_without_a_terminal_or_the_variable_says_what_to_do(db, monkeypatch):
    monkeypatch.delenv("NEWSREADER_PASSWORD", raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # a script or CI: no terminal
    with pytest.raises(
        CommandError, match="no terminal to ask for the password: set NEWSREADER_PASSWORD"
    ):
        call_command("create_account", "rina", "--role", "editor")

    def closed(prompt):
        raise EOFError

    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("getpass.getpass", closed)  # a terminal closed mid-prompt (Ctrl-D)
    with pytest.raises(CommandError, match="no password given"):
        call_command("create_account", "rina", "--role", "editor")
    assert not get_user_model().objects.filter(username="rina").exists()


def test_article_delete_takes_its_raw_text_and_an_emptied_story(accounts, sample_articles):
    editor = client_for(accounts["editor"])
    article = sample_articles[4]
    confirm = editor.get(reverse("article-delete", args=[article.pk])).content.decode()
    assert "manage.py backup" in confirm and "raw page" in confirm
    assert editor.get(article.get_absolute_url()).content.decode().count("Delete this article") == 1
    response = editor.post(reverse("article-delete", args=[article.pk]))
    assert response.status_code == 302 and response["Location"] == article.story.get_absolute_url()
    assert not Article.objects.filter(pk=article.pk).exists()
    assert not Shingle.objects.filter(article_id=article.pk).exists()
    assert article.story.articles.count() == 4

    alone = services.story_create(title="Alone")
    services.article_move(article=sample_articles[0], story=alone)
    assert services.article_delete(article=sample_articles[0]) is None
    assert not Story.objects.filter(pk=alone.pk).exists()


def test_story_delete_needs_confirmation_for_its_articles(accounts, sample_articles):
    editor = client_for(accounts["editor"])
    story = sample_articles[0].story
    url = reverse("story-delete", args=[story.slug])
    confirm = editor.get(url).content.decode()
    assert "manage.py backup" in confirm and 'name="with_articles"' in confirm
    refused = editor.post(url)
    assert refused.status_code == 400 and "still has 5 articles" in refused.content.decode()
    assert Article.objects.count() == 5
    assert editor.get(url.replace("/delete/", "/")).status_code == 200
    done = editor.post(url, {"with_articles": "yes"})
    assert done.status_code == 302 and done["Location"] == reverse("home")
    assert not Story.objects.exists() and not Article.objects.exists()

    empty = services.story_create(title="Empty")
    assert services.story_delete(story=empty) == 0
    assert not Story.objects.filter(pk=empty.pk).exists()


def test_delete_needs_post_and_the_csrf_token(accounts, sample_articles):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(accounts["editor"])
    article = sample_articles[4]
    assert strict.post(reverse("article-delete", args=[article.pk])).status_code == 403
    story = article.story
    assert (
        strict.post(
            reverse("story-delete", args=[story.slug]), {"with_articles": "yes"}
        ).status_code
        == 403
    )
    assert Article.objects.filter(pk=article.pk).exists()
    # A GET only shows the confirmation.
    assert strict.get(reverse("article-delete", args=[article.pk])).status_code == 200
    assert Article.objects.filter(pk=article.pk).exists()


def test_reading_requires_login_when_configured(settings, accounts, sample_articles):
    settings.READ_REQUIRES_LOGIN = True
    urls = reading_urls(sample_articles)
    anonymous, student = Client(), client_for(accounts["student"])
    for name, url in urls.items():
        response = anonymous.get(url)
        assert response.status_code == 302, name
        assert response["Location"].startswith(reverse("login") + "?next="), name
        assert student.get(url).status_code == 200, name
    assert anonymous.get(reverse("login")).status_code == 200
    static = anonymous.get("/static/css/newsreader.css")
    assert not (static.status_code == 302 and "/accounts/login/" in static.get("Location", ""))
    assert anonymous.get(reverse("admin:login")).status_code == 200


def test_reading_is_public_by_default(accounts, sample_articles):
    anonymous = Client()
    for name, url in reading_urls(sample_articles).items():
        assert anonymous.get(url).status_code == 200, name
