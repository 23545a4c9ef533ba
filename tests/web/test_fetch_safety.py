"""Fetching a URL for import: no private addresses, no odd redirects, one overall deadline."""

import http.server
import time

import pytest
from django.urls import reverse

from newsreader import services
from newsreader.models import Article

from ..conftest import serving


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path.startswith("/to/"):  # /to/<address>: a redirect there
            self.send_response(302)
            self.send_header("Location", self.path.removeprefix("/to/"))
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path == "/slow":  # one byte every half second, for a minute
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            try:
                for _ in range(120):
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(0.5)
            except OSError:  # the client gave up
                pass
        else:
            body = b"<html><body><p>halaman</p></body></html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    with serving(_Handler) as url:
        yield url


def test_loopback_is_refused_by_default(editor_client, server, db):
    with pytest.raises(services.ImportRefused) as refused:
        services.page_fetch(url=f"{server}/page.html")
    assert str(refused.value) == (
        "refused: 127.0.0.1 resolves to a private or loopback address (127.0.0.1)"
    )
    with pytest.raises(services.ImportRefused, match="localhost resolves to a private"):
        services.page_fetch(url="http://localhost/")

    response = editor_client.post(
        reverse("import"), {"kind": "fetch", "url": f"{server}/page.html"}
    )
    assert response.status_code == 400
    assert "resolves to a private or loopback address" in response.content.decode()
    assert not Article.objects.exists()


@pytest.mark.parametrize(
    "address",
    [
        "10.0.0.1",
        "172.16.5.4",
        "192.168.1.1",
        "169.254.169.254",
        "0.0.0.0",
        "224.0.0.1",
        "240.0.0.1",
        "100.64.0.1",
        "::1",
        "fe80::1",
        "fc00::1",
        "::ffff:127.0.0.1",
    ],
)
def test_non_public_addresses_are_not_public(address):
    assert not services.fetch._address_is_public(address)


def test_public_addresses_are_public():
    assert services.fetch._address_is_public("93.184.215.14")
    assert services.fetch._address_is_public("2606:4700::6810:84e5")


def test_every_address_of_a_host_is_checked(monkeypatch, settings):
    """A name with one public and one private address is refused."""
    settings.FETCH_ALLOW_PRIVATE = False
    answers = [
        (2, 1, 6, "", ("93.184.215.14", 80)),
        (2, 1, 6, "", ("10.1.2.3", 80)),
    ]
    monkeypatch.setattr("socket.getaddrinfo", lambda *args, **kwargs: answers)
    with pytest.raises(services.ImportRefused, match=r"news\.example resolves .* \(10\.1\.2\.3\)"):
        services.page_fetch(url="http://news.example/berita")


def test_allowed_when_the_setting_says_so(server, settings):
    settings.FETCH_ALLOW_PRIVATE = True
    data, name = services.page_fetch(url=f"{server}/page.html")
    assert b"halaman" in data and name == "page.html"


@pytest.mark.parametrize("target", ["file:///etc/passwd", "ftp://127.0.0.1/berita.txt"])
def test_redirects_only_to_http(server, settings, target):
    settings.FETCH_ALLOW_PRIVATE = True
    with pytest.raises(services.ImportRefused) as refused:
        services.page_fetch(url=f"{server}/to/{target}")
    assert f"redirects to {target}, which is not an http:// or https:// address" in str(
        refused.value
    )


def test_redirect_targets_are_checked_again(server, settings, monkeypatch):
    """The first host passes the check; the one it redirects to is checked on its own."""
    settings.FETCH_ALLOW_PRIVATE = False
    monkeypatch.setattr(
        services.fetch, "_address_is_public", lambda address: address == "127.0.0.1"
    )
    data, _ = services.page_fetch(url=f"{server}/to/{server}/page.html")
    assert b"halaman" in data  # a redirect to a host that passes is followed
    with pytest.raises(
        services.ImportRefused, match=r"refused: 127\.0\.0\.2 resolves to a private"
    ):
        services.page_fetch(url=f"{server}/to/http://127.0.0.2:1/page.html")


def test_proxy_variables_are_ignored(server, settings, monkeypatch):
    settings.FETCH_ALLOW_PRIVATE = True
    monkeypatch.setenv("http_proxy", "http://127.0.0.1:1")
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:1")
    monkeypatch.delenv("no_proxy", raising=False)
    monkeypatch.delenv("NO_PROXY", raising=False)
    data, _ = services.page_fetch(url=f"{server}/page.html")
    assert b"halaman" in data


def test_a_slow_server_is_stopped_by_the_overall_deadline(server, settings):
    settings.FETCH_ALLOW_PRIVATE = True
    settings.FETCH_TIMEOUT_SECONDS = 2
    started = time.monotonic()
    with pytest.raises(services.ImportRefused, match="no complete answer within 2 seconds"):
        services.page_fetch(url=f"{server}/slow")
    assert 1.5 < time.monotonic() - started < 3.5
