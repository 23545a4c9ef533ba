"""Production settings pass Django's deployment checks; CSRF and cookie protections are on."""

import json
import os
import secrets
import string
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]


def _run(code_or_args, **env):
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    environment |= {"DJANGO_SETTINGS_MODULE": "newsreader.settings", **env}
    return subprocess.run(
        [sys.executable, *code_or_args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _secret_key():
    alphabet = string.ascii_letters + string.digits + "!@#%^&*(-_=+)"
    return "".join(secrets.choice(alphabet) for _ in range(50))


def test_deploy_check_passes_with_production_settings():
    production = {"SECRET_KEY": _secret_key(), "SECURE_SSL": "true", "REQUIRE_SECRET_KEY": "true"}
    result = _run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **production)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout

    # Without HTTPS settings the same check fails: it is not passing by accident.
    result = _run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        **production | {"SECURE_SSL": "false"},
    )
    assert result.returncode != 0
    assert "security.W008" in result.stderr + result.stdout  # SECURE_SSL_REDIRECT

    result = _run(["manage.py", "check"], REQUIRE_SECRET_KEY="true", SECRET_KEY="")
    assert result.returncode != 0 and "SECRET_KEY must be set" in result.stderr


def test_secure_ssl_makes_cookies_secure_httponly_and_same_site():
    code = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({n: getattr(s, n) for n in ("
        "'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'SESSION_COOKIE_HTTPONLY', "
        "'CSRF_COOKIE_HTTPONLY', 'SESSION_COOKIE_SAMESITE', 'CSRF_COOKIE_SAMESITE', "
        "'SECURE_SSL_REDIRECT', 'SECURE_HSTS_SECONDS')}))"
    )
    on = json.loads(_run(["-c", code], SECRET_KEY=_secret_key(), SECURE_SSL="true").stdout)
    assert on["SESSION_COOKIE_SECURE"] and on["CSRF_COOKIE_SECURE"] and on["SECURE_SSL_REDIRECT"]
    assert on["SESSION_COOKIE_HTTPONLY"] and on["CSRF_COOKIE_HTTPONLY"]
    assert on["SESSION_COOKIE_SAMESITE"] == on["CSRF_COOKIE_SAMESITE"] == "Lax"
    assert on["SECURE_HSTS_SECONDS"] >= 31536000
    off = json.loads(_run(["-c", code], SECURE_SSL="false").stdout)
    assert not off["SESSION_COOKIE_SECURE"] and not off["SECURE_SSL_REDIRECT"]


def test_set_cookie_headers_carry_the_flags(editor, settings):
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True  # as with SECURE_SSL
    client = Client(enforce_csrf_checks=True)
    page = client.get(reverse("login"), secure=True)
    csrf = page.cookies["csrftoken"]
    assert csrf["httponly"] and csrf["secure"] and csrf["samesite"] == "Lax"
    response = client.post(
        reverse("login"),
        {
            "username": "editor",
            "password": "correct horse battery",
            "csrfmiddlewaretoken": str(page.context["csrf_token"]),
        },
        secure=True,
        headers={"Referer": "https://testserver/accounts/login/"},
    )
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["httponly"] and session["secure"] and session["samesite"] == "Lax"


@pytest.fixture
def strict_editor(editor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    return client


def test_import_form_needs_the_csrf_token(strict_editor):
    paste = {"kind": "paste", "text": "Polisi menyatakan banjir melanda kota pada Selasa pagi."}
    assert strict_editor.post(reverse("import"), paste).status_code == 403
    token = str(strict_editor.get(reverse("import")).context["csrf_token"])
    response = strict_editor.post(reverse("import"), paste | {"csrfmiddlewaretoken": token})
    assert response.status_code == 200


def test_htmx_posts_need_the_csrf_header(strict_editor, sample_articles):
    article = sample_articles[0]
    url = reverse("article-reanalyse", args=[article.pk])
    assert strict_editor.post(url, headers={"HX-Request": "true"}).status_code == 403
    page = strict_editor.get(article.get_absolute_url())
    token = str(page.context["csrf_token"])
    assert f'hx-headers=\'{{"X-CSRFToken": "{token}"}}\'' in page.text
    response = strict_editor.post(url, headers={"HX-Request": "true", "X-CSRFToken": token})
    assert response.status_code == 302
