"""Credits: photo credits, sources credited in the body, editor initials."""

from __future__ import annotations

import re

# A credit component: optional capitalised words, then a token of two or more capitals
# (`AFP`, `Alexey NIKOLSKY`, `KCNA VIA KNS`).
_COMPONENT = r"(?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][A-Z0-9.&-]+"


_CREDIT = rf"{_COMPONENT}(?:\s*/\s*{_COMPONENT})+"
# Trailing photo credit: components joined by `/` or `VIA`, optionally repeated in
# parentheses, e.g. `Alexey NIKOLSKY / SPUTNIK / AFP (Alexey NIKOLSKY / SPUTNIK / AFP)`.
PHOTO_CREDIT_RE = re.compile(rf"(?<!\S)(?P<credit>{_CREDIT}(?:\s*\(\s*{_CREDIT}\s*\))?)\s*$")

# A photo credit glued to the caption that follows it, as scraped from a figure
# (`Muhammad Idris/Money.kompas.comIlustrasi syarat ...`, `Dok. Freepik/FreepikGhosting ...`):
# a `Name/Site` credit at the start of the line whose last letter runs into a capitalised word.
GLUED_CREDIT_RE = re.compile(
    r"(?P<credit>(?:Dok\.\s*)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}\s*/\s*[A-Za-z][\w.-]*?[a-z])"
    r"(?=[A-Z][a-z]{2,}\S*\s+\S)"
)


def is_photo_credit(text: str, agencies: tuple[str, ...]) -> bool:
    """Whether a matched credit names a picture agency (so it is not an ordinary slash)."""
    tokens = {t.upper() for t in re.split(r"\s*/\s*|\s+VIA\s+|[()]", text) if t.strip()}
    tokens |= {w for t in tokens for w in t.split()}
    return any(agency in tokens for agency in agencies)


# Verbs that credit a medium: the name follows, capitalised (`dilansir dari ABC News`).
_CREDIT_VERB = re.compile(
    r"\b(?P<verb>dilansir|dikutip|melansir|mengutip|merujuk(?:\s+pada)?\s+laporan|"
    r"menurut\s+laporan|seperti\s+dilaporkan|dilaporkan|disiarkan|"
    r"according\s+to|as\s+reported\s+by|reported\s+by)"
    r"\s+(?:(?:dari|oleh|dalam|di)\s+)?(?:(?:laman|situs|media|kantor\s+berita|harian)\s+)?"
    r"(?P<name>(?:The\s+)?[A-Z][\w.&'’-]*(?:\s+(?:[A-Z][\w.&'’-]*|of|for|de))*)",
)
_WEEKDAY_TAIL = re.compile(
    r"(?:\s+(?:Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu|Monday|Tuesday|Wednesday|Thursday|"
    r"Friday|Saturday|Sunday))+$"
)
_MEDIA_WORD = re.compile(
    r"(?:\b(?:Times|News|Post|Journal|Guardian|Agency|TV|Radio|Daily|Herald|Tribune|Telegraph|"
    r"Press|Channel|Network|Online|Reuters|Bloomberg|Xinhua|Kompas|Tempo|Detik)\b|\.com\b|"
    r"\b[A-Z]{2,}\b)"
)
# Verbs that also cite people (`mengutip pejabat`): accept only medium-looking names.
_AMBIGUOUS_VERBS = ("mengutip", "dikutip", "dilaporkan", "according", "reported")


def credited_sources(text: str) -> list[str]:
    """Media credited as a source in running text (`dilansir dari AP`, `mengutip The New York
    Times`); speaking *to* a medium (`kepada CNN`) is not a credit."""
    names = []
    for m in _CREDIT_VERB.finditer(text):
        name = _WEEKDAY_TAIL.sub("", m.group("name")).strip(" .'’")
        if not name or name.lower() in {"the", "dia", "ia", "mereka"}:
            continue
        if m.group("verb").split()[0].lower() in _AMBIGUOUS_VERBS and not _MEDIA_WORD.search(name):
            continue
        names.append(name)
    return names


def initials_codes(value: str) -> list[str]:
    """`oln/*/NW` -> ["oln", "NW"]; `mas` -> ["mas"]."""
    return [code for code in re.split(r"\s*/\s*", value.strip()) if code and code != "*"]
