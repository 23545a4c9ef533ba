"""Where places lie: Indonesia's provinces, kabupaten and kota (data/regions_id.json) and the
countries and cities of data/places_id.json, as surface form -> (name, containers)."""

from __future__ import annotations

import json
from functools import cache

from .stemming import DATA_DIR


@cache
def region_forms() -> dict[str, tuple[str, frozenset[str]]]:
    """`Garut` -> ("Garut", {"Jawa Barat", "Indonesia"}); `Jabar` -> ("Jawa Barat", {"Indonesia"}).

    A name used by two areas (`Banjar`, a kabupaten in Kalimantan Selatan and a kota in Jawa
    Barat) lies in both provinces.
    """
    data = json.loads((DATA_DIR / "regions_id.json").read_text(encoding="utf-8"))
    out: dict[str, tuple[str, frozenset[str]]] = {}
    for prov in data["provinces"]:
        for form in [prov["name"], *prov["aliases"]]:
            out[form] = (prov["name"], frozenset({"Indonesia"}))
        for area in [*prov["kabupaten"], *prov["kota"]]:
            if area in out and out[area][0] != area:
                continue  # a province's alias (`Jakarta`) stays the province
            held = out[area][1] if area in out and area != prov["name"] else frozenset()
            out[area] = (area, held | {prov["name"], "Indonesia"})
    return out


def containers(name: str) -> frozenset[str]:
    """The provinces and country a named area lies in (empty when unknown)."""
    found = region_forms().get(name)
    return found[1] if found else frozenset()


@cache
def place_forms() -> frozenset[str]:
    """Every surface form of a known place: regions, countries, cities, seats of power."""
    data = json.loads((DATA_DIR / "places_id.json").read_text(encoding="utf-8"))
    forms = set(region_forms())
    for entry in [*data["countries"], *data["cities"]]:
        forms.update([entry["name"], *entry["aliases"]])
    forms.update(data["actors"])
    return frozenset(forms)
