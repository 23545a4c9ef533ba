"""Outlets: which outlet a page belongs to, and the Outlet rows the registry, a URL's domain or
an importer's word create.

Resolution order for a page: the outlet an importer or editor named; the outlet whose domain
covers the URL's host (editors' domains, then the registry and the cleaning profiles); the
outlet a cleaning profile recognised from page markers; an outlet named after the URL's domain;
and, with neither URL nor markers, an "unknown outlet" of that one article.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils.text import slugify

from ..analysis import cleaning
from ..analysis import outlet_registry as registry
from ..models import UNKNOWN_NAME, UNKNOWN_OUTLET, Outlet, OutletFurniture

GENERIC = "generic"

# Look-ups kept while one import batch runs (`batch_lookups`): the outlets named and the
# furniture of each outlet are read once per batch instead of once per page.
_batch: ContextVar[dict | None] = ContextVar("outlet_lookups", default=None)


@contextmanager
def batch_lookups():
    """Keep outlet look-ups for the duration of a batch of imports (one transaction)."""
    token = _batch.set({})
    try:
        yield
    finally:
        _batch.reset(token)


def batch_forget() -> None:
    """Forget the batch's look-ups (its transaction was rolled back)."""
    if (kept := _batch.get()) is not None:
        kept.clear()


def _kept(key: tuple, build: Callable):
    kept = _batch.get()
    if kept is None:
        return build()
    if key not in kept:
        kept[key] = build()
    return kept[key]


@dataclass(frozen=True)
class OutletCleaning:
    """What cleaning adds for one outlet: the lines learned from its pages (less those an
    editor kept as body) and its editors' patterns."""

    outlet_id: int | None
    learned: tuple[cleaning.LearnedFurniture, ...] = ()
    patterns: tuple = ()


def outlet_cleaning(outlet: Outlet | None) -> OutletCleaning:
    if outlet is None or outlet.pk is None:
        return OutletCleaning(None)
    return _kept(("cleaning", outlet.pk), lambda: _outlet_cleaning(outlet))


def _outlet_cleaning(outlet: Outlet) -> OutletCleaning:
    rows = OutletFurniture.objects.filter(outlet=outlet, keep_as_body=False)
    learned, patterns = [], []
    for row in rows.only("kind", "key", "text", "articles", "stories"):
        if row.kind == OutletFurniture.PATTERN:
            patterns.append(cleaning.pattern_rule(row.text, outlet.name))
        else:
            learned.append(
                cleaning.LearnedFurniture(row.key, row.text, row.articles, row.stories, outlet.name)
            )
    return OutletCleaning(outlet.pk, tuple(learned), tuple(patterns))


@dataclass(frozen=True)
class Resolved:
    outlet: Outlet
    evidence: str


def _profiles() -> dict:
    return {s: p for s, p in cleaning.load_profiles().items() if s != GENERIC}


def _known_domains() -> dict[str, str]:
    """domain -> outlet slug: the registry and profiles, overlaid by the stored outlets'."""
    return _kept(("domains",), _domains_read)


def _domains_read() -> dict[str, str]:
    domains = {d: slug for slug, p in _profiles().items() for d in p.domains}
    domains.update(registry.registry_domains())
    for slug, stored in Outlet.objects.exclude(domains=[]).values_list("slug", "domains"):
        domains.update(dict.fromkeys(stored, slug))
    return domains


def _row(slug: str, **defaults) -> Outlet:
    """The Outlet with `slug`, created with `defaults` when new (a concurrent creation wins)."""
    row = Outlet.objects.filter(slug=slug).first()
    if row:
        return row
    defaults.setdefault("profile", slug if slug in _profiles() else GENERIC)
    if (kept := _batch.get()) is not None:
        kept.pop(("domains",), None)  # a new outlet may bring domains
    try:
        with transaction.atomic():
            return Outlet.objects.create(slug=slug, **defaults)
    except IntegrityError:
        return Outlet.objects.get(slug=slug)


def outlet_by_slug(slug: str) -> Outlet:
    """The outlet of a registry or profile slug (created on first use), or the shared
    unknown outlet for any other slug no row has."""
    if row := Outlet.objects.filter(slug=slug).first():
        return row
    if entry := registry.registry().get(slug):
        return _row(
            slug,
            name=entry.name,
            domain=entry.domains[0],
            domains=list(entry.domains),
            media_group=entry.group,
            kind=Outlet.REGISTRY,
        )
    if profile := _profiles().get(slug):
        domains = list(profile.domains)
        return _row(
            slug,
            name=profile.name,
            domain=domains[0] if domains else "",
            domains=domains,
            kind=Outlet.REGISTRY,
        )
    return _row(UNKNOWN_OUTLET, name=UNKNOWN_NAME, kind=Outlet.UNKNOWN)


def outlet_for_host(host: str) -> Outlet:
    """The outlet whose domain covers `host`, or a new outlet named after the domain."""
    return _known_host(host) or _row(
        _free_slug(host), name=host, domain=host, domains=[host], kind=Outlet.DOMAIN
    )


def _known_host(host: str) -> Outlet | None:
    slug = registry.by_host(host, _known_domains())
    return outlet_by_slug(slug) if slug else None


def outlet_for(value: str) -> Outlet:
    """The outlet a slug, name or domain given at import or in a correction names; a name
    no outlet has becomes a new outlet."""
    value = " ".join(value.split())[:200]
    return _kept(("named", value), lambda: _outlet_for(value))


def _outlet_for(value: str) -> Outlet:
    if not value or value == UNKNOWN_OUTLET:
        return outlet_by_slug(UNKNOWN_OUTLET)
    row = (
        Outlet.objects.filter(slug=value).first()
        or Outlet.objects.filter(name__iexact=value).first()
    )
    if row:
        return row
    slug = registry.by_name(value) or (value.casefold() if value.casefold() in _profiles() else "")
    if slug:
        return outlet_by_slug(slug)
    host = registry.clean_host(value)
    if host and "." in value and " " not in value:
        return outlet_for_host(host)
    return _row(_free_slug(value), name=value, kind=Outlet.NAMED)


def outlet_named(value: str) -> str | None:
    """The slug of the stored or registered outlet a name, slug or domain means (`Kompas.com`,
    `TribunJabar.id`), or None; nothing is created."""
    value = " ".join(value.split())
    if not value:
        return None
    row = (
        Outlet.objects.filter(slug=value.casefold()).first()
        or Outlet.objects.filter(name__iexact=value).first()
    )
    if row:
        return row.slug
    if slug := registry.by_name(value):
        return slug
    host = registry.clean_host(value) if "." in value and " " not in value else ""
    return registry.by_host(host, _known_domains()) if host else None


def profile_for(value: str) -> str | None:
    """The cleaning profile of an outlet given by slug, name or domain, if it has one."""
    if not value:
        return None
    return _kept(("profile", value), lambda: _profile_for(value))


def _profile_for(value: str) -> str | None:
    row = (
        Outlet.objects.filter(slug=value).first()
        or Outlet.objects.filter(name__iexact=value.strip()).first()
    )
    slug = row.slug if row else (registry.by_name(value) or value.strip().casefold())
    return slug if slug in _profiles() else None


def outlet_of_page(
    *, detected: str, evidence: str, url: str, lead: str, key: str, label: str
) -> Resolved:
    """The outlet of a page nobody named: the outlet whose domain covers the URL's host, the
    profile whose page markers matched (`detected`: a page on an unregistered host may be a
    mirror), the registered outlet the body's dateline names (`lead`: the clean text's start),
    an outlet named after the host, else an unknown outlet of this article alone (`key` is
    stable per article, `label` names it)."""
    host = registry.url_host(url) if url else ""
    if host and (known := _known_host(host)):
        return Resolved(known, f"URL domain {host} (registered)")
    if detected in _profiles():
        return Resolved(outlet_by_slug(detected), evidence)
    if dateline := registry.by_dateline(lead, _known_domains()):
        slug, brand = dateline
        return Resolved(outlet_by_slug(slug), f"dateline {brand} (registered)")
    if host:
        return Resolved(outlet_for_host(host), f"URL domain {host} (named after the domain)")
    outlet = _row(
        f"{UNKNOWN_OUTLET}--{key[:12]}",
        name=f"{UNKNOWN_NAME} ({label[:180]})",
        kind=Outlet.UNKNOWN,
    )
    return Resolved(outlet, "no URL and no page marker of a known outlet")


def _free_slug(value: str) -> str:
    base = slugify(value.replace(".", "-"))[:90] or "outlet"
    if base.startswith(UNKNOWN_OUTLET):
        base = "o-" + base
    slug, n = base, 2
    while Outlet.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def domain_of(value: str) -> str:
    """The domain a typed value names (`https://www.kabar.id/x` -> `kabar.id`), or ""."""
    return registry.clean_host(value)


def outlet_domain_owner(domain: str, *, other_than: Outlet | None = None) -> Outlet | None:
    """The stored or registered outlet that lists `domain` already (not `other_than`)."""
    for row in Outlet.objects.exclude(domains=[]):
        if domain in row.domains and (other_than is None or row.pk != other_than.pk):
            return row
    slug = registry.registry_domains().get(domain)
    if slug and (other_than is None or other_than.slug != slug):
        if not Outlet.objects.filter(slug=slug).exists():  # its row was not edited away
            return outlet_by_slug(slug)
    return None


@transaction.atomic
def outlet_save(
    *, outlet: Outlet | None, name: str, domains: list[str], media_group: str
) -> Outlet:
    """Create an outlet an editor describes, or change one; the form has validated the values.
    Articles already imported keep their outlet until they are re-analysed."""
    if outlet is None:
        outlet = Outlet(slug=_free_slug(name), kind=Outlet.NAMED, profile=GENERIC)
    outlet.name, outlet.domains, outlet.media_group = name, domains, media_group
    outlet.domain = domains[0] if domains else ""
    if outlet.kind == Outlet.UNKNOWN:
        outlet.kind = Outlet.NAMED  # an editor named it: it is known now
    outlet.save()
    return outlet


def media_groups() -> list[str]:
    """Every media group of the registry and of the stored outlets."""
    groups = {o.group for o in registry.registry().values()}
    groups.update(Outlet.objects.exclude(media_group="").values_list("media_group", flat=True))
    return sorted(groups, key=str.casefold)
