"""Speakers: parse a speaker noun phrase into person and role; normalise names across a story."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from simplemma import is_known

from .regions import place_forms


@dataclass(frozen=True)
class Speaker:
    name: str  # the person or body as identity: "Mark Hertling", "Kremlin"
    role: str | None = None  # titles and roles kept apart: "Pensiunan Letjen"


DATA_DIR = Path(__file__).resolve().parent / "data"


def _lexicon() -> dict[str, frozenset[str]]:
    data = json.loads((DATA_DIR / "institutions_id.json").read_text(encoding="utf-8"))
    return {k: frozenset(v.split()) for k, v in data.items() if k != "about"}


_LEXICON = _lexicon()
# Titles and roles, and the institution and place words that appear inside them.
ROLE_WORDS = _LEXICON["roles"]
_ORG_HEADS = _LEXICON["org_heads"]
_ORG_WORDS = (
    frozenset(
        """
    angkatan darat laut udara dewan keamanan nasional departemen kementerian luar negeri dalam
    pertahanan gedung putih staf gabungan kantor berita intelijen militer amerika serikat as rusia
    ukraina korea korut korsel utara selatan timur barat jauh inggris china tiongkok iran jepang
    kremlin moskow washington pyongyang kiev kyiv beijing seoul pemerintahan pemerintah uni eropa
    federal the new york times radio badan pbb nato media laporan pentagon
    """.split()
    )
    | _ORG_HEADS
    | _LEXICON["institutions"]
)
_ORG_PREFIXES = tuple(_LEXICON["org_prefixes"])
_KIN = _LEXICON["kin"]
# Capitalised at a sentence start, never part of a name.
_NOT_NAMES = _LEXICON["not_names"]
_INSTITUTION_HEADS = frozenset(
    "pemerintahan pemerintah kementerian kantor gedung dewan badan departemen kedutaan the "
    "laporan media pasukan tentara militer".split()
)
_DETERMINERS = re.compile(r"^(?:baik|para|seorang|pihak|sang)\s+", re.IGNORECASE)
_DATELINE = re.compile(r"^[A-Z]{3,}(?:\s+[A-Z]{3,})*\s*[-–—]\s+")
_ADVERB_CUT = re.compile(
    r"\s+(?:pada|sejauh|sebelumnya|telah|juga|kemudian|akan|sudah|masih|kini|pun|tidak|"
    r"berulang|sedang|dapat|bisa)\b.*$",
    re.DOTALL,
)
_TEMPORAL = re.compile(
    r"^(?:pada|akhir|awal|pekan|bulan|tahun|hari|minggu|kemarin|sebelumnya|senin|selasa|rabu|"
    r"kamis|jumat|sabtu)\b",
    re.IGNORECASE,
)
_ROLE_RELATIVE = re.compile(r"^yang\s+(?:menjabat\s+sebagai|merupakan|adalah|juga)\s+", re.I)
_NAME_TOKEN = re.compile(r"^[A-Z][a-z’'][\w’']*(?:-[A-Z][\w’']*)?$|^[A-Z][a-z]*-[A-Z]\w*$")
_INITIAL = re.compile(r"^[A-Z]\.$")
_ACRONYM_NOTE = re.compile(r"\s*\([A-Z][\w.&-]*\)")
# A broken line or a removed link: "SiberSudarnoto", "JaksaKPK" (not "InJourney", "McDonald").
_GLUED = re.compile(r"(?<=[a-z]{3})(?=[A-Z][a-z]|[A-Z]{2,}\b)")
# A statement named as the speaker: "pernyataan Kedutaan Besar AS" is the embassy's.
_DOCUMENT = re.compile(
    r"^(?:pernyataan|keterangan|siaran\s+pers|rilis)(?:\s+(?:resmi|tertulis))?\b\s*", re.I
)
_HONORIFIC = re.compile(r"^Yang\s+(?:Mulia|Terhormat)\s+")
_DOCUMENT_ONLY = re.compile(r"^(?:tersebut|itu|ini)?$", re.I)
_NICKNAME = re.compile(r"\s*[\"“”][^\"“”]{1,30}[\"“”]")


def parse_speaker(np: str) -> Speaker | None:
    """`Pensiunan Letjen Mark Hertling` -> Speaker("Mark Hertling", "Pensiunan Letjen").

    Institutions and groups keep their phrase as name (`Kremlin`, `pejabat AS`). Returns None
    for an empty phrase and for a description of a person without a name (see is_descriptive).
    """
    np = _GLUED.sub(" ", _ACRONYM_NOTE.sub("", _NICKNAME.sub("", np)))
    np = _DATELINE.sub("", np).strip(" ,")
    np = _HONORIFIC.sub("", _ADVERB_CUT.sub("", np).strip(" ,"))
    document = _DOCUMENT.match(np)
    if document:
        np = np[document.end() :]
        if _DOCUMENT_ONLY.match(np):
            return None
    if not np or is_descriptive(np):
        return None
    segments = [s.strip() for s in np.split(",") if s.strip()]
    roles, name_segment = [], None
    for seg in segments:
        relative = _ROLE_RELATIVE.match(seg)
        if relative:
            roles.append(seg[relative.end() :])
        elif seg.casefold().startswith("yang ") or _TEMPORAL.match(seg):
            continue
        elif name_run(seg):
            if name_segment is not None:
                roles.append(name_segment)
            name_segment = seg
        else:
            roles.append(seg)
    if name_segment is None:
        kept = [s for s in segments if not _TEMPORAL.match(s) and not s.startswith("yang ")]
        if not kept:
            return None
        return Speaker(_DETERMINERS.sub("", kept[-1]).replace(" maupun ", " dan "))
    tokens = name_segment.split()
    run = name_run(name_segment)
    lead = tokens[: _after_place(tokens, _run_start(tokens))]
    while lead and lead[0].casefold().strip(",") in _NOT_NAMES:
        lead = lead[1:]  # "Bahkan Menlu Sugiono": the adverb is no part of the role
    role = " ".join(lead)
    name = " ".join(run)
    role_text = ", ".join(r for r in [*roles, role] if r)
    if tokens[0].casefold() in _INSTITUTION_HEADS:
        return Speaker(name_segment)
    return Speaker(name, role_text or None)


_NOT_NAME_WORDS = ROLE_WORDS | _ORG_WORDS | _NOT_NAMES | _KIN


def _is_name_token(tok: str) -> bool:
    low = tok.casefold()
    return (
        bool(_NAME_TOKEN.match(tok) or _INITIAL.match(tok))
        and low not in _NOT_NAME_WORDS
        and not any(low.startswith(p) and len(low) > len(p) + 1 for p in _ORG_PREFIXES)
    )


def _run_start(tokens: list[str]) -> int:
    i = len(tokens)
    if i >= 2 and tokens[-1].istitle() and tokens[-1].casefold() in ROLE_WORDS:
        if _is_name_token(tokens[-2]):
            i -= 1  # a name ending in a role word: `Sudarnoto Abdul Hakim`
    while i and _is_name_token(tokens[i - 1]):
        i -= 1
    return i


def name_run(segment: str) -> list[str]:
    """The personal name at the end of a phrase (initials dropped, at most four words).

    Empty when the capitalised words name a body (`Universitas Padjadjaran`, after an
    institution word), a place (`Warga Garut`) or a relative (`Istri Budi` is not Budi).
    """
    return list(_name_run(segment))


@lru_cache(maxsize=1 << 14)
def _name_run(segment: str) -> tuple[str, ...]:
    """`name_run`, kept per phrase (an article's phrases are read for every quote pass)."""
    tokens = _unglue(_GLUED.sub(" ", segment).split())
    start = _run_start(tokens)
    cut = _after_place(tokens, start)
    if cut == start and start and tokens[start - 1].casefold() in _ORG_HEADS | _KIN:
        return ()
    if " ".join(tokens[cut:]) in place_forms():
        return ()  # `Warga Garut`: a place, not a person
    return tuple([t for t in tokens[cut:] if not _INITIAL.match(t)][-4:])


_GLUE_PREFIXES = ("me", "be", "te", "di", "se", "ad", "ak", "ju", "su")


def _unglue(tokens: list[str]) -> list[str]:
    """Cut the phrase where a removed link glued the next word to a name: `Trent
    Alexander-Arnoldberbagi kesan` -> `Trent Alexander-Arnold` (the tail a dictionary word)."""
    for i, tok in enumerate(tokens):
        if len(tok) < 8 or not tok[:1].isupper() or is_known(tok.casefold(), lang="id"):
            continue
        for j in range(3, len(tok) - 4):
            tail = tok[j:]
            if tail.islower() and tail.startswith(_GLUE_PREFIXES) and is_known(tail, lang="id"):
                return [*tokens[:i], tok[:j]]
    return tokens


def _after_place(tokens: list[str], start: int) -> int:
    """Where the name starts once a place glued before it is cut off: `Kemenag Depok Enjat
    Mujiat`, `Mirae Asset Sekuritas Indonesia Tasrul Tanar`. A place opening the phrase is
    kept (`Agam Pratama` may be a person), and so is a place at its end."""
    cut = start
    for end in range(start + 1, len(tokens)):
        for begin in range(start, end):
            if begin == 0 == start or " ".join(tokens[begin:end]) not in place_forms():
                continue
            cut = end
    return cut


def is_descriptive(np: str) -> bool:
    """A person named by role only: `jenderal tertinggi AS`, `Panglima Militer Amerika itu`."""
    np = _NICKNAME.sub("", _DETERMINERS.sub("", np.strip()))
    tokens = np.split()
    if not tokens or tokens[0].casefold() not in ROLE_WORDS:
        return False
    segments = [seg.strip() for seg in np.split(",") if seg.strip()]
    named = any(name_run(seg) for seg in segments if not seg.startswith("yang "))
    return not named or tokens[-1].casefold() in {"itu", "tersebut"}


def is_person(speaker: Speaker) -> bool:
    """A named person (not an institution, a place or an unnamed group)."""
    tokens = speaker.name.split()
    return bool(tokens) and name_run(speaker.name) == tokens
