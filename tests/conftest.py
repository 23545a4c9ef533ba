import http.server
import subprocess
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "newsreader" / "samples"
SAMPLE_FILES = sorted(SAMPLES.glob("*.txt"))
CATALOG = ROOT / "locale" / "id" / "LC_MESSAGES" / "django.po"


def pytest_configure(config):
    """Compile the Indonesian catalog, so the suite always reads the .po as it is now (the .mo
    is built, not committed: `make install` compiles it too)."""
    subprocess.run(
        ["msgfmt", "--check", "-o", str(CATALOG.with_suffix(".mo")), str(CATALOG)], check=True
    )
    config.addinivalue_line(
        "markers", "indonesian: runs in the interface's default language (Bahasa Indonesia)"
    )


@pytest.fixture(autouse=True)
def _interface_language(request, settings):
    """Tests read the English interface (their assertions quote English text), except those
    marked `indonesian`, which run with the project's real default, Bahasa Indonesia."""
    if request.node.get_closest_marker("indonesian") is None:
        settings.LANGUAGE_CODE = "en"


@pytest.fixture
def editor(db, django_user_model):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("editor", password="correct horse battery")
    user.user_permissions.add(Permission.objects.get(codename="edit_corpus"))
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def student_client(client, db, django_user_model):
    client.force_login(django_user_model.objects.create_user("student", password="x" * 12))
    return client


@pytest.fixture
def sample_articles(db):
    """The five sample pages, imported into one story and analysed as an editor would with
    `import_articles --story`: they report one event (September 2023), but two pages carry
    their 2024 and 2025 page dates, too far apart for automatic grouping to join them."""
    from newsreader import services

    story = services.story_create(title="Putin dan Kim Jong Un bertemu")
    articles = [
        services.article_import(
            data=path.read_bytes(), source_kind="command", file_name=path.name, story=story
        ).article
        for path in SAMPLE_FILES
    ]
    services.story_analysis_queue(story_id=story.pk)  # as the command does before it ends
    return articles


@pytest.fixture(autouse=True)
def _static_without_manifest(settings):
    """Tests render pages without running collectstatic first."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@contextmanager
def serving(handler):
    """A real HTTP server on 127.0.0.1 answering with `handler`; yields its base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
