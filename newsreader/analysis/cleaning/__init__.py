"""Turn a raw scraped page into a clean, structured article.

Every character of the clean text maps back to one raw position (`Extraction.segments`), and
every raw character left out is either whitespace or covered by a `Removal` that says why.
Outlet-specific knowledge lives in the TOML profiles (see `profiles.py`); the steps live in
their own modules: `rejoin` (lines broken at links), `lines` (title, navigation, whole-line
furniture), `body` and `inline` (furniture inside paragraphs), `duplicates`, `learned`
(furniture learned from an outlet's pages) and `pipeline` (the whole run).
"""

from newsreader.analysis.cleaning.learned import (
    LearnedFurniture,
    learn_furniture,
    line_key,
    pattern_rule,
    valid_pattern,
)
from newsreader.analysis.cleaning.page import Removal, SelfDuplicate
from newsreader.analysis.cleaning.pipeline import Extraction, beyond_rules, extract
from newsreader.analysis.profiles import Profile, detect_outlet, load_profiles, normalise_url

__all__ = [
    "beyond_rules",
    "Extraction",
    "LearnedFurniture",
    "Profile",
    "Removal",
    "SelfDuplicate",
    "detect_outlet",
    "extract",
    "learn_furniture",
    "line_key",
    "load_profiles",
    "normalise_url",
    "pattern_rule",
    "valid_pattern",
]
