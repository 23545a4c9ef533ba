"""A throw-away test database for the benchmarks that read pages through Django's test client."""

from __future__ import annotations

from contextlib import contextmanager


@contextmanager
def throwaway_database():
    """After `django.setup()`: the test environment on, pages served for the test client with
    plain static files, and a fresh test database, removed on the way out."""
    from django.conf import settings
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        yield
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
