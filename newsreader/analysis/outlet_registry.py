"""The outlet registry: Indonesian news outlets, their domains and media groups, shipped as
data (`newsreader/outlets/registry/*.toml`), and the look-ups that resolve a URL host or a
name an importer gave to one of them."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

REGISTRY_DIR = Path(__file__).resolve().parent.parent / "outlets" / "registry"


@dataclass(frozen=True)
class RegisteredOutlet:
    slug: str
    name: str
    domains: tuple[str, ...]
    group: str  # the media group's display name
    uncertain: bool = False  # the ownership fact could not be confirmed


@cache
def registry() -> dict[str, RegisteredOutlet]:
    """Every registered outlet, keyed by slug."""
    outlets: dict[str, RegisteredOutlet] = {}
    for path in sorted(REGISTRY_DIR.glob("*.toml")):
        with path.open("rb") as fh:
            data = tomllib.load(fh)
        groups = data.get("groups", {})
        for row in data.get("outlet", ()):
            outlets[row["slug"]] = RegisteredOutlet(
                slug=row["slug"],
                name=row["name"],
                domains=tuple(d.lower() for d in row["domains"]),
                group=groups.get(row["group"], row["group"]),
                uncertain=row.get("uncertain", False),
            )
    return outlets


def url_host(url: str) -> str:
    """The host of an article URL, lowercased, without `www.`/`m.`/`amp.` prefixes."""
    if not re.match(r"^[a-z][a-z0-9+.-]*://", url.strip(), re.IGNORECASE):
        url = "https://" + url.strip().lstrip("/")
    host = (urlsplit(url).hostname or "").rstrip(".")
    return _without_prefix(host)


def _without_prefix(host: str) -> str:
    for prefix in ("www.", "m.", "amp.", "mobile."):
        if host.startswith(prefix) and host.count(".") > 1:
            return host[len(prefix) :]
    return host


def clean_host(value: str) -> str:
    """`https://www.Detik.com/x` or `detik.com` -> `detik.com`; "" when it names no host."""
    value = value.strip().lower()
    value = re.sub(r"^[a-z][a-z0-9+.-]*://", "", value).split("/", 1)[0].split(":", 1)[0]
    value = _without_prefix(value.rstrip("."))
    if re.fullmatch(r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}", value):
        return value
    return ""


def domain_matches(host: str, domain: str) -> bool:
    return host == domain or host.endswith("." + domain)


def by_host(host: str, domains: dict[str, str] | None = None) -> str | None:
    """The slug whose domain covers `host`, the longest domain winning; `domains` maps
    domain -> slug (the registry's own when not given)."""
    if domains is None:
        domains = registry_domains()
    matches = [d for d in domains if domain_matches(host, d)]
    return domains[max(matches, key=len)] if matches else None


@cache
def registry_domains() -> dict[str, str]:
    return {d: o.slug for o in registry().values() for d in o.domains}


def by_name(value: str) -> str | None:
    """The registered outlet a given name, slug or domain means (`Kompas.com`, `detik`)."""
    key = value.strip().casefold()
    if not key:
        return None
    for outlet in registry().values():
        if key in (outlet.slug, outlet.name.casefold()):
            return outlet.slug
    host = clean_host(value)
    return by_host(host) if host else None


# A dateline brand: `KOMPAS.com -`, `JAKARTA, KOMPAS.com -`, `Liputan6.com, Jakarta -`,
# `REPUBLIKA.CO.ID, JAKARTA --`, `Jakarta, CNN Indonesia --`, `Jakarta (ANTARA) -`: an outlet's domain or name at the
# start of the body, followed (after an optional place) by the dateline's dash.
_DATELINE_PLACE = r"(?:,\s*[^\W\d][^\n,\-–—]{0,30}?)?"
_DATELINE_DOMAIN = re.compile(
    r"(?:^|[,(]\s*)((?:[A-Za-z0-9-]+\.)+(?:com|co\.id|co|id|net|tv|news))\b"
    + _DATELINE_PLACE
    + r"\)?\s*[-–—]{1,2}",
    re.IGNORECASE,
)
DATELINE_SPAN = 120  # how far into the body a dateline may start (after a place name)


def by_dateline(lead: str, domains: dict[str, str] | None = None) -> tuple[str, str] | None:
    """(slug, brand) of the registered outlet a dateline at the start of `lead` names."""
    opening = lead[:DATELINE_SPAN]
    for match in _DATELINE_DOMAIN.finditer(opening):
        host = clean_host(match.group(1))
        if host and (slug := by_host(host, domains)):
            return slug, match.group(1)
    match = _dateline_names().search(opening)
    if match:
        return by_name(match.group(1)), match.group(1)
    return None


@cache
def _dateline_names() -> re.Pattern:
    names = sorted({o.name for o in registry().values() if len(o.name) >= 4}, key=len, reverse=True)
    alternatives = "|".join(re.escape(n) for n in names)
    return re.compile(
        rf"(?:^|[,(]\s*)({alternatives})\b" + _DATELINE_PLACE + r"\)?\s*[-–—]{1,2}",
        re.IGNORECASE,
    )
