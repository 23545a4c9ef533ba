"""Outlet profiles (one TOML file each), URL-based detection and URL normalisation."""

from __future__ import annotations

import pytest

from newsreader.analysis.profiles import detect_outlet, load_profiles, normalise_url


def test_every_outlet_file_loads_with_domains_and_markers():
    profiles = load_profiles()
    assert {"generic", "tribunnews", "galamedia", "sindonews"} <= set(profiles)
    for slug, profile in profiles.items():
        assert profile.slug == slug
        if slug != "generic":
            assert profile.domains and profile.markers and profile.timezone == "Asia/Jakarta"
    reasons = {rule.reason for rule in profiles["generic"].furniture}
    assert {"read-also teaser", "tag list", "copyright footer", "editor line"} <= reasons


@pytest.mark.parametrize(
    ("url", "slug", "domain"),
    [
        ("https://www.tribunnews.com/internasional/2023/09/05/x", "tribunnews", "tribunnews.com"),
        ("https://m.tribunnews.com/amp/internasional/2023/09/05/x", "tribunnews", "tribunnews.com"),
        (
            "https://galamedia.pikiran-rakyat.com/news/pr-35/x",
            "galamedia",
            "galamedia.pikiran-rakyat.com",
        ),
        ("https://www.galamedianews.com/internasional/1/x", "galamedia", "galamedianews.com"),
        ("https://international.sindonews.com/read/1/x", "sindonews", "sindonews.com"),
        ("HTTPS://SINDONEWS.COM/read/1", "sindonews", "sindonews.com"),
    ],
)
def test_outlet_detected_from_url(url, slug, domain):
    assert detect_outlet("", url) == (slug, f"URL domain {domain}")


def test_lookalike_domains_are_not_matched():
    assert detect_outlet("", "https://nottribunnews.com/x")[0] == "unknown"
    assert detect_outlet("", "https://www.pikiran-rakyat.com/x")[0] == "unknown"
    slug, evidence = detect_outlet("Just some text.", "https://example.org/x")
    assert slug == "unknown" and "example.org" in evidence


@pytest.mark.parametrize(
    ("variant", "canonical"),
    [
        (
            "https://www.tribunnews.com/a/b/?utm_source=fb&utm_medium=x#top",
            "https://tribunnews.com/a/b",
        ),
        ("http://m.tribunnews.com/amp/a/b", "https://tribunnews.com/a/b"),
        ("https://Amp.Tribunnews.com/a/b?page=all", "https://tribunnews.com/a/b"),
        ("https://tribunnews.com/a/b/amp?amp=1&fbclid=abc&gclid=x", "https://tribunnews.com/a/b"),
        ("tribunnews.com/a/b", "https://tribunnews.com/a/b"),
        ("https://tribunnews.com/a/b?id=7&page=2", "https://tribunnews.com/a/b?id=7&page=2"),
        (
            "https://international.sindonews.com:443/read/1/x/",
            "https://international.sindonews.com/read/1/x",
        ),
    ],
)
def test_normalise_url(variant, canonical):
    assert normalise_url(variant) == canonical


def test_normalise_url_keeps_distinct_articles_apart():
    assert normalise_url("https://tribunnews.com/a?page=2") != normalise_url(
        "https://tribunnews.com/a"
    )
    assert normalise_url("https://tribunnews.com/a") != normalise_url("https://tribunnews.com/b")
