"""Fetching a page over HTTP(S) safely: public addresses only, http(s) redirects only, one
overall deadline, no proxies from the environment."""

from __future__ import annotations

import http.client
import ipaddress
import socket
import time
import urllib.error
import urllib.parse
import urllib.request

from django.conf import settings
from django.utils.translation import gettext

from ..models import Story
from .articles import ImportRefused, ImportResult, grouped
from .imports import article_import


def article_fetch(*, url: str, story: Story | None = None) -> ImportResult:
    """Fetch a page over HTTP(S) with a timeout and a size limit, then import it."""
    data, name = page_fetch(url=url)
    return article_import(data=data, source_kind="url", file_name=name, url=url, story=story)


def _address_is_public(address: str) -> bool:
    """Whether an IP address (as getaddrinfo gives it) is a public one a fetch may reach."""

    ip = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 scope ("fe80::1%eth0")
    if ip.version == 6:  # an IPv4 address inside: mapped, 6to4 (2002::/16) or Teredo
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo and ip.teredo[1])
        if embedded:
            return _address_is_public(str(embedded))
    return ip.is_global and not (
        ip.is_loopback
        or ip.is_private
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
    )


def _fetch_opener(*, deadline: float, sockets: list):
    """A urllib opener for `page_fetch`: proxy variables ignored, redirects only to http(s).

    Every connection (the first and each redirect's) resolves the host itself, refuses it if
    any of its addresses is not public (unless FETCH_ALLOW_PRIVATE) and then connects to those
    checked addresses, so a second DNS answer cannot swap in a private one. Connected sockets
    are appended to `sockets`, so the reader can shorten their timeout as the deadline nears.
    """

    def open_socket(address, timeout=None, source_address=None):  # for socket.create_connection
        host, port = address
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        for *_, sockaddr in found:
            if not settings.FETCH_ALLOW_PRIVATE and not _address_is_public(sockaddr[0]):
                raise ImportRefused(
                    gettext(
                        "refused: {host} resolves to a private or loopback address ({address})"
                    ).format(host=host, address=sockaddr[0])
                )
        error: OSError = OSError(f"{host} has no address")
        for family, kind, protocol, _, sockaddr in found:
            sock = socket.socket(family, kind, protocol)
            try:
                sock.settimeout(max(deadline - time.monotonic(), 0.001))
                sock.connect(sockaddr)
            except OSError as failure:
                sock.close()
                error = failure
                continue
            return sock
        raise error

    class Connection(http.client.HTTPConnection):
        def connect(self):
            self._create_connection = open_socket
            super().connect()
            sockets.append(self.sock)

    class SecureConnection(Connection, http.client.HTTPSConnection):
        pass

    class HTTPHandler(urllib.request.HTTPHandler):
        def http_open(self, req):
            return self.do_open(Connection, req)

    class HTTPSHandler(urllib.request.HTTPSHandler):
        def https_open(self, req):
            return self.do_open(SecureConnection, req, context=self._context)

    class RedirectHandler(urllib.request.HTTPRedirectHandler):
        def http_error_302(self, req, fp, code, msg, headers):
            target = urllib.parse.urljoin(req.full_url, headers.get("location", ""))
            if urllib.parse.urlsplit(target).scheme.lower() not in ("http", "https"):
                fp.close()
                raise ImportRefused(
                    gettext(
                        "refused: {url} redirects to {target}, which is not an http:// or "
                        "https:// address"
                    ).format(url=req.full_url, target=target)
                )
            return super().http_error_302(req, fp, code, msg, headers)

        http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302

    return urllib.request.build_opener(
        urllib.request.ProxyHandler({}), HTTPHandler, HTTPSHandler, RedirectHandler
    )


def page_fetch(*, url: str) -> tuple[bytes, str]:
    """The bytes of a web page and a file name for it.

    Only public http(s) addresses are fetched (see `_fetch_opener`), the whole download must
    finish within FETCH_TIMEOUT_SECONDS and may not exceed IMPORT_MAX_BYTES.
    """

    if not url.lower().startswith(("http://", "https://")):
        raise ImportRefused(gettext("only http:// and https:// addresses can be fetched"))
    request = urllib.request.Request(url, headers={"User-Agent": "newsreader/0.1"})  # noqa: S310 (scheme checked above)
    limit, seconds = settings.IMPORT_MAX_BYTES, settings.FETCH_TIMEOUT_SECONDS
    deadline = time.monotonic() + seconds
    sockets: list = []
    chunks: list[bytes] = []
    size = 0
    try:
        with _fetch_opener(deadline=deadline, sockets=sockets).open(request) as response:
            while size <= limit:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError
                sockets[-1].settimeout(remaining)
                chunk = response.read1(min(64 * 1024, limit + 1 - size))
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
    except ImportRefused:
        raise
    except (urllib.error.URLError, http.client.HTTPException, ValueError, OSError) as error:
        reason = getattr(error, "reason", error)  # TimeoutError is an OSError
        if isinstance(reason, TimeoutError):
            reason = gettext("no complete answer within {seconds} seconds").format(seconds=seconds)
        raise ImportRefused(
            gettext("could not fetch {url}: {reason}").format(url=url, reason=reason)
        ) from error
    if size > limit:
        raise ImportRefused(
            gettext("{url} is larger than the limit of {limit} bytes").format(
                url=url, limit=grouped(limit)
            )
        )
    name = url.rstrip("/").rsplit("/", 1)[-1] or "page"
    if not name.lower().endswith((".html", ".htm", ".txt")):
        name += ".html"
    return b"".join(chunks), name
