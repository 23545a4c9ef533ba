"""No page computes a story analysis: a story not analysed yet shows its articles with an
"analysing N articles" state that asks whether the analysis is ready and reloads when it is.

With the immediate backend (no worker) the status request computes the analysis; with the
database backend the worker does, and the status request only queues it when nothing will."""

import io
from collections import Counter

import lxml.html
import pytest
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from newsreader import services
from newsreader.models import Article, Shingle, Story, StoryAnalysis
from newsreader.services import story_analysis
from tests.conftest import SAMPLE_FILES, SAMPLES


def import_samples(story=None):
    return [
        services.article_import(
            data=path.read_bytes(), source_kind="command", file_name=path.name, story=story
        ).article
        for path in SAMPLE_FILES
    ]


@pytest.fixture
def unanalysed(db):
    """The samples in one story, imported one by one (as from the web) and not analysed."""
    story = services.story_create(title="Putin dan Kim Jong Un bertemu")
    return story, import_samples(story)


def is_current(story) -> bool:
    articles = story_analysis.story_articles(story)
    fingerprint = story_analysis.story_fingerprint(articles)
    return StoryAnalysis.objects.filter(story=story, fingerprint=fingerprint).exists()


def test_compare_page_shows_the_articles_at_once_and_analyses_nothing(client, unanalysed):
    story, articles = unanalysed
    response = client.get(reverse("story-compare", args=[story.slug]))
    assert response.status_code == 200
    tree = lxml.html.fromstring(response.content.decode())
    [pending] = tree.xpath("//*[contains(@class, 'analysis-pending')]")
    assert "Analysing 5 articles" in pending.text_content()
    assert pending.get("hx-get") == reverse("story-analysis-status", args=[story.slug])
    assert "every 2s" in pending.get("hx-trigger")
    columns = tree.xpath("//*[@id='columns']")[0].text_content()
    shown = [a for a in articles if a.clean_text.split(".")[0][:60] in columns]
    assert len(shown) >= 2  # the first columns' text is there to read
    assert not tree.xpath("//*[@id='columns']//mark[@data-group]")
    assert "No shared passages" not in response.content.decode()  # not known yet
    assert not StoryAnalysis.objects.exists()


def test_status_request_computes_with_the_immediate_backend_and_reloads(client, unanalysed):
    story, _ = unanalysed
    status = reverse("story-analysis-status", args=[story.slug])
    response = client.get(status, headers={"HX-Request": "true"})
    assert response.status_code == 200 and response["HX-Refresh"] == "true"
    assert is_current(story)
    html = client.get(reverse("story-compare", args=[story.slug])).content.decode()
    tree = lxml.html.fromstring(html)
    assert tree.xpath("//*[@id='columns']//mark[@data-group]")
    assert "analysis-pending" not in html


@pytest.mark.parametrize("name", ["story-claims", "story-framing", "story-coverage"])
def test_panels_show_the_pending_state_as_a_fragment_and_as_a_page(client, unanalysed, name):
    story, articles = unanalysed
    url = reverse(name, args=[story.slug])
    fragment = client.get(url, headers={"HX-Request": "true"})
    assert fragment.status_code == 202
    html = fragment.content.decode()
    assert html.lstrip().startswith('<div class="analysis-pending"') and "<html" not in html
    page = client.get(url)
    assert page.status_code == 202
    titles = lxml.html.fromstring(page.content.decode()).xpath("//ul[@class='pending-articles']//a")
    assert sorted(t.text_content() for t in titles) == sorted(a.title for a in articles)
    assert not StoryAnalysis.objects.exists()


def test_export_of_an_unanalysed_story_waits_too(client, unanalysed):
    story, _ = unanalysed
    response = client.get(reverse("story-export-json", args=[story.slug]))
    assert response.status_code == 202 and b"Analysing 5 articles" in response.content
    assert not StoryAnalysis.objects.exists()


@pytest.mark.indonesian
def test_pending_state_speaks_indonesian(client, unanalysed):
    story, _ = unanalysed
    html = client.get(reverse("story-compare", args=[story.slug])).content.decode()
    assert "Menganalisis 5 artikel" in html


def test_a_change_leaves_the_old_analysis_unserved(client, unanalysed):
    story, articles = unanalysed
    services.story_analysis_queue(story_id=story.pk)
    assert is_current(story)
    services.article_correct(article=articles[0], changes={"title": "Judul yang dikoreksi"})
    response = client.get(reverse("story-claims", args=[story.slug]), headers={"HX-Request": "1"})
    assert response.status_code == 202 and not is_current(story)


def test_import_command_analyses_every_story_it_filled(db, capsys):
    """`make run` imports the samples with this command: their pages open analysed."""
    call_command("import_articles", str(SAMPLES))
    stories = list(Story.objects.all())
    assert stories and all(is_current(story) for story in stories)
    assert f"analysed {len(stories)} story(ies)" in capsys.readouterr().out
    StoryAnalysis.objects.all().delete()  # e.g. a database analysed by an older version
    call_command("import_articles", str(SAMPLES))  # every page already stored
    assert all(is_current(story) for story in stories)


def run_worker():
    call_command(
        "db_worker", "--batch", "--backend", "database", "--no-startup-delay", "--no-reload",
        verbosity=0,
    )  # fmt: skip


def analysis_tasks(story):
    return DBTaskResult.objects.filter(
        task_path="newsreader.services.tasks.story_analysis_run",
        args_kwargs__kwargs__story_id=story.pk,
    )


@pytest.fixture
def worker_backend(settings, transactional_db, django_capture_on_commit_callbacks):
    settings.TASKS_BACKEND = "database"
    with django_capture_on_commit_callbacks(execute=True):
        story = services.story_create(title="Putin dan Kim Jong Un bertemu")
        articles = import_samples(story)
    run_worker()
    return story, articles


def test_worker_analyses_the_story_after_its_imports(client, worker_backend):
    story, _ = worker_backend
    assert is_current(story)
    assert analysis_tasks(story).filter(status="SUCCESSFUL").exists()
    html = client.get(reverse("story-compare", args=[story.slug])).content.decode()
    assert "analysis-pending" not in html


def test_a_move_queues_both_stories_once_and_polling_adds_no_task(
    client, worker_backend, django_capture_on_commit_callbacks
):
    story, articles = worker_backend
    other = services.story_create(title="Pertemuan lain")
    with django_capture_on_commit_callbacks(execute=True):
        services.article_move(article=articles[0], story=other)
    for changed in (story, other):
        assert analysis_tasks(changed).filter(status="READY").count() == 1
        status = reverse("story-analysis-status", args=[changed.slug])
        with django_capture_on_commit_callbacks(execute=True):
            response = client.get(status, headers={"HX-Request": "true"})
        assert response.status_code == 202 and "HX-Refresh" not in response
        assert analysis_tasks(changed).filter(status="READY").count() == 1
    run_worker()
    assert is_current(story) and is_current(other)
    response = client.get(reverse("story-analysis-status", args=[other.slug]))
    assert response["HX-Refresh"] == "true"
    assert Article.objects.get(pk=articles[0].pk).story == other


def test_import_command_queues_each_story_once_and_indexes_itself(settings, transactional_db):
    """A run of imports queues one analysis per story it changed, when it ends: not one per
    imported page, and no per-page indexing task (the import indexed the page already)."""
    settings.TASKS_BACKEND = "database"
    call_command("import_articles", str(SAMPLES), stdout=io.StringIO())
    stories = list(Story.objects.all())
    tasks = DBTaskResult.objects.all()
    assert not tasks.filter(task_path__endswith=".article_process").exists()
    assert sorted(tasks.values_list("args_kwargs__kwargs__story_id", flat=True)) == sorted(
        s.pk for s in stories
    )
    assert all(Shingle.objects.filter(article=a).exists() for a in Article.objects.all())
    run_worker()
    assert all(is_current(story) for story in stories)


def test_import_command_analyses_each_story_once(db, monkeypatch):
    analysed = Counter()
    analyse = story_analysis.story_analyse

    def counting(*, story):
        analysed[story.pk] += 1
        return analyse(story=story)

    monkeypatch.setattr(story_analysis, "story_analyse", counting)
    call_command("import_articles", str(SAMPLES), stdout=io.StringIO())
    assert analysed and analysed == Counter({s.pk: 1 for s in Story.objects.all()})
