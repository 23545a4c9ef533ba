"""Place containment in claim comparison: a kabupaten or kota lies in its province."""

import pytest

from newsreader.analysis.claim_facts import place_differences, places


def differences(a: str, b: str) -> list[str]:
    return place_differences(places(a), places(b))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Banjir merendam rumah di Garut", "Banjir merendam rumah di Jawa Barat"),
        ("Banjir merendam rumah di Kabupaten Garut", "Banjir merendam rumah di Jabar"),
        ("Kebakaran terjadi di Jakarta Selatan", "Kebakaran terjadi di Jakarta"),
        ("Banjir merendam rumah di Desa Sukamaju, Garut", "Banjir merendam rumah di Jawa Barat"),
        ("Gempa terasa di Bandung", "Gempa terasa di Indonesia"),
    ],
)
def test_a_place_inside_the_other_is_no_conflict(a, b):
    assert differences(a, b) == []


def test_two_regencies_differ():
    assert differences("Banjir di Garut", "Banjir di Bekasi") == ["tempat berbeda: Garut vs Bekasi"]
    assert differences("Banjir di Surabaya", "Banjir di Jawa Barat") == [
        "tempat berbeda: Surabaya vs Jawa Barat"
    ]


def test_a_name_two_provinces_use_lies_in_both():
    assert differences("Banjir di Banjar", "Banjir di Kalimantan Selatan") == []
    assert differences("Banjir di Banjar", "Banjir di Jawa Barat") == []
