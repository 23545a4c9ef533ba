"""Attribution cues of Indonesian quotes: cue words and verbs, speaker noun phrases after a cue.

Shared by direct quotes, reported speech and the resolution of pronoun cues (quotes.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .speakers import _DETERMINERS, ROLE_WORDS, Speaker, is_descriptive, is_person, parse_speaker

MARKS = '"“”'
_CUE_STEMS = (
    "kata|ujar|imbuh|tambah|ungkap|tutur|jelas|tegas|sebut|klaim|ucap|lanjut|terang|papar|pungkas|"
    "harap|tutup|tulis|pesan|tukas|jawab|sahut|tanya|timpal|cecar|kilah|seloroh"
)
REPORT_VERBS = (
    "mengatakan|menyatakan|menambahkan|menjelaskan|memperingatkan|menegaskan|mengungkapkan|"
    "membantah|menolak|menyangkal|menampik|mengeklaim|mengklaim|mengonfirmasi|menggambarkan|"
    "mencatat|bersikeras|melaporkan|menyebutkan|menyebutnya|menyebut|mengisyaratkan|menuturkan|"
    "menilai|mengakui|menekankan|memaparkan|berkata|meminta|mendesak"
)
_FRAME_VERBS = REPORT_VERBS + "|yakin|ragu|percaya|menganggap|menuntut"
_CUE_AFTER = re.compile(rf"^[\s,.]*(?P<cue>(?:{_CUE_STEMS})(?:nya)?)\b", re.IGNORECASE)
_NAME = r"[A-Z][\w’'-]*(?:\s+(?:[A-Z][\w’'-]*|[A-Z]\.))*"
_NAME_CUE_AFTER = re.compile(rf"(?:^|,)\s*(?P<np>{_NAME})\s+(?P<cue>{REPORT_VERBS})\s*[.!?]?\s*$")
_CUE_BEFORE = re.compile(rf"\b(?P<cue>{REPORT_VERBS})\s*[:,]?\s*$")
_REPORT_RE = re.compile(rf"\b(?P<cue>{REPORT_VERBS})\b")
_FRAME_RE = re.compile(rf"\b(?P<cue>{_FRAME_VERBS})\b")
_MENURUT_RE = re.compile(r"\b(?P<cue>[Mm]enurut)\s+(?P<np>[^,.]{2,80}),\s*")
_FORWARD_RE = re.compile(
    r"^(?:Hal|Pernyataan) (?:ini|itu|tersebut)\s+(?P<cue>di(?:ungkapkan|sampaikan|katakan|utarakan))"
    r"\s+(?:oleh\s+)?(?P<np>[^.]+)"
)
# Words that end a speaker noun phrase written after a cue ("kata Milley tentang Putin").
_NP_STOP = re.compile(
    r"\s+(?:kepada|dalam|tentang|yang|seraya|ketika|saat|pada|di|menggunakan|sambil|usai|"
    r"setelah|seperti|dilansir|mengenai|dari|Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu)\b"
    r"|\s+(?:kepada|dalam|di|saat|usai)(?=[A-Z])"  # glued by a removed link: `kepadaRepublika`
    r"|\s+\d|(?<!\b[A-Z])\.|[;:]|\((?![A-Z][\w.&-]*\))"
)
_ADDRESSEE = re.compile(
    r"^\s*,?\s*kepada\s+(?P<addr>.+?)(?=\s*(?:[,.;]|$|\s+(?:dalam|tentang|seraya|bahwa|pada)\b))"
)
_CLAUSE_START = re.compile(
    r"\b(?:bahwa|setelah|sebelum|ketika|saat|karena|sementara|jika|namun|tetapi|tapi|sedangkan)\b"
    r"|[;:]",
    re.IGNORECASE,
)
_CONJUNCTION_END = re.compile(r"(?:^|\s|,)(?:dan|serta|seraya|lalu|kemudian|sambil)\s*$")
_PRONOUN_RE = re.compile(r"^(?:dia|ia|beliau)$", re.IGNORECASE)
_ADDR_BAHWA = re.compile(r"^\s*(?:kepada\s+(?P<addr>[^,]+?)\s+)?bahwa\s+")


@dataclass
class _Draft:
    start: int
    end: int
    kind: str
    para: int
    open_mark: int | None = None  # offset of the opening mark (or the span start)
    close_mark: int | None = None  # offset just after the closing mark (or span end)
    cue: str | None = None
    cue_start: int | None = None
    addressee: str | None = None
    attribution: str = "none"
    speaker: Speaker | None = None
    ref: str | None = None  # "pronoun" | "descriptive" awaiting resolution
    ref_role: str | None = None  # the role word of a descriptive reference: "jaksa"


def _speaker_after_cue(text: str, d: _Draft, np_start: int, limit: int) -> None:
    rest = text[np_start:limit]
    stop = _NP_STOP.search(rest)
    np_text = rest[: stop.start()] if stop else rest
    first, _, tail = np_text.partition(",")
    speaker = parse_speaker(first)
    role_led = first.split()[:1] and first.split()[0].casefold() in ROLE_WORDS
    if (
        (speaker is None or not is_person(speaker) or role_led)
        and tail.strip()
        and not _PRONOUN_RE.match(first)
    ):
        second = tail.split(",")[0]
        appositive = parse_speaker(second)
        if appositive is not None and is_person(appositive):
            d.speaker = replace(appositive, role=first.strip() or None)
            d.attribution = "appositive"
            np_end = np_start + len(first) + 1 + len(second) + 1
            _set_addressee(text, d, np_end, limit)
            return
    _set_np(d, first)
    _set_addressee(text, d, np_start + len(np_text.rstrip(", ")), limit)


def _set_addressee(text: str, d: _Draft, at: int, limit: int) -> None:
    m = _ADDRESSEE.match(text[at:limit])
    if m:
        d.addressee = m.group("addr").replace("“", "").replace("”", "").replace('"', "").strip()


def _set_np(d: _Draft, np: str) -> None:
    core = np.strip(" ,")
    if _PRONOUN_RE.match(core):
        d.ref = "pronoun"
        return
    if is_descriptive(core):
        d.ref = "descriptive"
        d.ref_role = _DETERMINERS.sub("", core).split()[0].casefold()
        return
    d.speaker = parse_speaker(core)
