"""The shipped outlet registry: domains, subdomains and media groups."""

import pytest

from newsreader.analysis import outlet_registry as registry


@pytest.mark.parametrize(
    ("host", "slug", "group"),
    [
        ("finance.detik.com", "detik", "CT Corp (Trans Media)"),
        ("cnbcindonesia.com", "cnbcindonesia", "CT Corp (Trans Media)"),
        ("nasional.sindonews.com", "sindonews", "MNC Group"),
        ("okezone.com", "okezone", "MNC Group"),
        ("inews.id", "inews", "MNC Group"),
        ("regional.kompas.com", "kompas", "Kompas Gramedia"),
        ("jogja.tribunnews.com", "tribun-jogja", "Kompas Gramedia"),
        ("www.tribunnews.com", "tribunnews", "Kompas Gramedia"),
        ("kapanlagi.com", "kapanlagi", "Emtek (KLY)"),
        ("galamedia.pikiran-rakyat.com", "galamedia", "Pikiran Rakyat Media Network"),
        ("jabar.pikiran-rakyat.com", "pikiran-rakyat", "Pikiran Rakyat Media Network"),
        ("news.republika.co.id", "republika", "Mahaka Media"),
    ],
)
def test_a_host_resolves_to_its_outlet_and_group(host, slug, group):
    found = registry.by_host(registry.clean_host(host))
    assert found == slug
    assert registry.registry()[found].group == group


def test_a_host_no_registered_domain_covers_resolves_to_nothing():
    assert registry.by_host("beritadesa.example.id") is None
    # a suffix that is not a whole label is not a subdomain
    assert registry.by_host("notdetik.com") is None


def test_every_registered_outlet_has_a_name_a_domain_and_a_group():
    outlets = registry.registry()
    assert len(outlets) >= 40
    domains = [d for o in outlets.values() for d in o.domains]
    assert len(domains) == len(set(domains)), "a domain listed for two outlets"
    for outlet in outlets.values():
        assert outlet.name and outlet.domains and outlet.group
        assert all(registry.clean_host(d) == d for d in outlet.domains)


@pytest.mark.parametrize(
    ("given", "slug"),
    [
        ("Kompas.com", "kompas"),
        ("detik", "detik"),
        ("https://www.liputan6.com/news", "liputan6"),
        ("CNN Indonesia", "cnnindonesia"),
        ("Harian Desa Makmur", None),
    ],
)
def test_a_given_name_slug_or_domain_names_a_registered_outlet(given, slug):
    assert registry.by_name(given) == slug


def test_clean_host_refuses_what_is_not_a_host():
    assert registry.clean_host("Harian Desa Makmur") == ""
    assert registry.clean_host("m.Detik.com/berita") == "detik.com"


@pytest.mark.parametrize(
    "lead, slug",
    [
        ("KOMPAS.com - Harga cabai naik di pasar induk.", "kompas"),
        ("JAKARTA, KOMPAS.com - Harga cabai naik di pasar induk.", "kompas"),
        ("Liputan6.com, Jakarta - Menteri meninjau pasar.", "liputan6"),
        ("TEMPO.CO, Jakarta - Polisi menangkap dua orang.", "tempo"),
        ("REPUBLIKA.CO.ID, JAKARTA -- Wakil presiden berkunjung.", "republika"),
        ("Jakarta, CNN Indonesia -- Harga emas turun.", "cnnindonesia"),
        ("Jakarta (ANTARA) - Bank sentral menahan suku bunga.", "antaranews"),
    ],
)
def test_a_dateline_at_the_start_of_the_body_names_its_outlet(lead, slug):
    assert registry.by_dateline(lead)[0] == slug


@pytest.mark.parametrize(
    "lead",
    [
        "Jakarta - Presiden meninjau pasar.",  # a dateline without a brand
        "Menurut data detik.com - yang dikutip warga - harga naik.",  # a mention, not a dateline
        "Bandung - Warga membaca berita di layar ponsel. " * 3 + "KOMPAS.com - lalu pergi.",
    ],
)
def test_a_brand_that_is_no_dateline_names_no_outlet(lead):
    assert registry.by_dateline(lead) is None
