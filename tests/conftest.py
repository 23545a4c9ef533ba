import http.server
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parent.parent / "newsreader" / "samples"
SAMPLE_FILES = sorted(SAMPLES.glob("*.txt"))


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
    """The five sample pages, imported as a user would with `import_articles`."""
    from newsreader import services

    return [
        services.article_import(
            data=path.read_bytes(), source_kind="command", file_name=path.name
        ).article
        for path in SAMPLE_FILES
    ]


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
