"""Outlet profiles (one TOML file per outlet in `newsreader/outlets/`), outlet detection and
URL normalisation.

A profile is data: domains, page markers, furniture line patterns with the reason each
line is removed. The `generic` profile holds the rules shared by every outlet and is the
only one applied to pages whose outlet is unknown.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

OUTLETS_DIR = Path(__file__).resolve().parent.parent / "outlets"
GENERIC = "generic"
UNKNOWN = "unknown"


@dataclass(frozen=True)
class Furniture:
    """One line pattern (matched against a whole trimmed line) and why such lines go."""

    pattern: re.Pattern[str]
    reason: str
    collect: str | None = None  # "author" | "source": keep the `value` group
    starts_list: bool = False  # the short title-like lines that follow belong to it


@dataclass(frozen=True)
class Marker:
    """Page evidence of an outlet: every pattern in `patterns` must be found."""

    patterns: tuple[re.Pattern[str], ...]
    evidence: str


@dataclass(frozen=True)
class Profile:
    slug: str
    name: str
    domains: tuple[str, ...]
    timezone: str
    dateline_brands: tuple[str, ...]
    markers: tuple[Marker, ...]
    furniture: tuple[Furniture, ...]
    photo_agencies: tuple[str, ...] = ()


def _profile_from_toml(data: dict) -> Profile:
    return Profile(
        slug=data["slug"],
        name=data["name"],
        domains=tuple(d.lower() for d in data.get("domains", ())),
        timezone=data.get("timezone", "UTC"),
        dateline_brands=tuple(data.get("dateline_brands", ())),
        markers=tuple(
            Marker(tuple(re.compile(p) for p in m["all"]), m["evidence"])
            for m in data.get("markers", ())
        ),
        furniture=tuple(
            Furniture(
                re.compile(f["pattern"]),
                f["reason"],
                f.get("collect"),
                f.get("starts_list", False),
            )
            for f in data.get("furniture", ())
        ),
        photo_agencies=tuple(data.get("photo_agencies", ())),
    )


@cache
def load_profiles() -> dict[str, Profile]:
    """Every profile in the outlets directory, keyed by slug (includes `generic`)."""
    profiles = {}
    for path in sorted(OUTLETS_DIR.glob("*.toml")):
        with path.open("rb") as fh:
            profile = _profile_from_toml(tomllib.load(fh))
        profiles[profile.slug] = profile
    return profiles


def _outlet_profiles() -> list[Profile]:
    return [p for slug, p in load_profiles().items() if slug != GENERIC]


_TRACKING_PARAMS = re.compile(
    r"^(utm_\w*|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|igshid|mc_cid|mc_eid|_ga|_gl|"
    r"ref|ref_src|cmpid|src|source|share|amp|output|page|_branch_match_id)$",
    re.IGNORECASE,
)
_KEEP_VALUES = {"page": {"all", "1"}, "output": {"amp"}}  # removed only with these values
_HOST_PREFIXES = ("www.", "m.", "amp.", "mobile.")


def normalise_url(url: str) -> str:
    """Canonical form of an article URL: the same article gives the same string.

    Drops tracking parameters, AMP/mobile variants (`m.`, `amp.`, `/amp`, `?amp=1`,
    `?page=all`), the fragment, default ports and a trailing slash; lowercases the host.
    """
    url = url.strip()
    if not re.match(r"^[a-z][a-z0-9+.-]*://", url, re.IGNORECASE):
        url = "https://" + url.lstrip("/")
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "http":
        scheme = "https"
    host = (parts.hostname or "").lower().rstrip(".")
    for prefix in _HOST_PREFIXES:
        if host.startswith(prefix) and host.count(".") > 1:
            host = host[len(prefix) :]
    if parts.port and parts.port not in (80, 443):
        host = f"{host}:{parts.port}"
    path = re.sub(r"/+", "/", parts.path)
    path = re.sub(r"(^|/)amp(?=/|$)", "", path)
    path = re.sub(r"\.amp(\.html?)?$", r"\1", path).rstrip("/")
    query = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if not _is_tracking(key, value)
    ]
    return urlunsplit((scheme, host, path, urlencode(sorted(query)), ""))


def _is_tracking(key: str, value: str) -> bool:
    if not _TRACKING_PARAMS.match(key):
        return False
    allowed = _KEEP_VALUES.get(key.lower())
    return allowed is None or value.lower() in allowed


def url_host(url: str) -> str:
    return urlsplit(normalise_url(url)).hostname or ""


def detect_outlet(raw_text: str, url: str | None = None) -> tuple[str, str]:
    """(profile slug, human-readable evidence); "unknown" when nothing matches."""
    host = url_host(url) if url else ""
    if host:
        for profile in _outlet_profiles():
            for domain in profile.domains:
                if host == domain or host.endswith("." + domain):
                    return profile.slug, f"URL domain {domain}"
    best: tuple[int, str, str] | None = None
    for profile in _outlet_profiles():
        found = [m.evidence for m in profile.markers if all(p.search(raw_text) for p in m.patterns)]
        if found and (best is None or len(found) > best[0]):
            best = (len(found), profile.slug, " and ".join(found))
    if best:
        return best[1], best[2]
    if host:
        return UNKNOWN, f"URL domain {host} matches no profile; no page marker matched"
    return UNKNOWN, "no profile matched"
