"""Quoted and reported claims in clean article text, with their speakers.

Quote marks are paired per paragraph from their context (an outlet may open with `”` or
close with `"`), so mismatched and missing marks still give a span. A speaker is taken only
from an attribution cue right next to a quote, from a reported-speech frame in the same
sentence, from a continuing quote of the same speaker, or from a pronoun cue (`katanya`)
resolved to the person named last before the quote; otherwise it stays unknown (None).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .quote_cues import (
    _ADDR_BAHWA,
    _CLAUSE_START,
    _CONJUNCTION_END,
    _CUE_AFTER,
    _CUE_BEFORE,
    _CUE_STEMS,
    _FORWARD_RE,
    _FRAME_RE,
    _MENURUT_RE,
    _NAME,
    _NAME_CUE_AFTER,
    _PRONOUN_RE,
    _REPORT_RE,
    MARKS,
    _Draft,
    _set_np,
    _speaker_after_cue,
)
from .quote_people import full_name, is_common_word, person_mentions
from .speakers import ROLE_WORDS, Speaker, is_person, parse_speaker
from .text import Span, paragraphs, sentences

__all__ = ["MARKS", "Quote", "Speaker", "extract_quotes"]
_UNCLOSED_CUE = re.compile(rf",\s*(?:{_CUE_STEMS})(?:nya)?\s+{_NAME}[^.!?]{{0,60}}[.!?]?\s*$")


@dataclass(frozen=True)
class Quote:
    start: int
    end: int
    text: str
    kind: str  # "direct" | "reported" | "partial"
    speaker: Speaker | None
    cue: str | None
    cue_start: int | None
    addressee: str | None
    attribution: str  # "cue-after" "cue-before" "pronoun->X" "descriptive->X" "continuation" ...


def extract_quotes(text: str) -> list[Quote]:
    """Direct, partial and reported quotes of one clean article, in text order."""
    paras = paragraphs(text)
    drafts: list[_Draft] = []
    for i, para in enumerate(paras):
        drafts.extend(_direct_in_paragraph(text, para, i))
    for i, para in enumerate(paras):
        drafts.extend(_reported_in_paragraph(text, para, i, drafts))
    drafts.sort(key=lambda d: d.start)
    _resolve_references(text, drafts)
    _attribute_partials(text, paras, drafts)
    for d in drafts:
        if d.speaker is not None and is_person(d.speaker) and " " not in d.speaker.name:
            full = full_name(text, d.speaker.name, d.start)
            d.attribution = d.attribution.replace(f"->{d.speaker.name}", f"->{full}")
            d.speaker = replace(d.speaker, name=full)
    return [
        Quote(
            start=d.start,
            end=d.end,
            text=text[d.start : d.end],
            kind=d.kind,
            speaker=d.speaker,
            cue=d.cue,
            cue_start=d.cue_start,
            addressee=d.addressee,
            attribution=d.attribution if d.speaker else "none",
        )
        for d in drafts
    ]


# --- direct and partial quotes -------------------------------------------------------------


def _mark_role(text: str, i: int, lo: int, hi: int) -> str:
    prev = text[i - 1] if i > lo else " "
    nxt = text[i + 1] if i + 1 < hi else " "
    left = prev.isspace() or prev in "([{-—"
    right = nxt.isspace() or nxt in ",.;:!?)]}…"
    if left and not right:
        return "open"
    if right and not left:
        return "close"
    return {"“": "open", "”": "close"}.get(text[i], "either")


# Words that introduce a name, a title or a term, not speech: `dijuluki “Kolor Ijo”`,
# `gim “Perang Bintang”`, `istilah “jebakan maut”`.
_NAMING = re.compile(
    r"\b(?:julukan|dijuluki|berjuluk|istilah|disebut\s+dengan|dikenal\s+dengan|bertajuk|"
    r"berjudul|judul|tagar|gim|game|film|lagu|album|novel|buku|program|acara|sinetron|serial|"
    r"aplikasi|operasi|slogan|jargon|akun|grup|geng|kelompok|komunitas|sebutan|kata)\s*$",
    re.IGNORECASE,
)


def _is_name_quote(text: str, a: int, b: int, lo: int, hi: int) -> bool:
    """`James “Spider” Marks`, `kepada “Scenario Room” CNN`, `pria berjuluk “Kolor Ijo”`,
    `istilah “jebakan maut”`, `gim “Perang Bintang” itu`: a quoted name, title or term."""
    inner = text[a + 1 : b].split()
    after = text[b + 1 : min(hi, b + 40)]
    if not 0 < len(inner) <= 4 or (a > 0 and not text[a - 1].isspace()):
        return False
    if re.search(r"[.!?,]$", inner[-1]):
        return False  # `"Kami siap," katanya`: speech ends with its punctuation
    if _NAMING.search(text[max(lo, a - 30) : a]):
        return True
    titled = all(w[:1].isupper() and w.strip(".,").isalpha() for w in inner)
    embedded = text[lo:a].rstrip()[-1:].isalpha()
    return (
        titled
        and len(inner) <= 3
        and (
            re.match(r"\s+[A-Z]", after) is not None
            or (embedded and _CUE_AFTER.match(after) is None and len(inner) >= 2)
        )
    )


def _direct_in_paragraph(text: str, para: Span, index: int) -> list[_Draft]:
    lo, hi = para.start, para.end
    marks = [i for i in range(lo, hi) if text[i] in MARKS]
    pairs: list[tuple[int | None, int | None]] = []
    k, opened = 0, None
    while k < len(marks):
        i = marks[k]
        if opened is None:
            nxt = marks[k + 1] if k + 1 < len(marks) else None
            if nxt is not None and _is_name_quote(text, i, nxt, lo, hi):
                k += 2
                continue
            if _mark_role(text, i, lo, hi) == "close":
                pairs.append((None, i))  # opening mark missing: quote runs from the span start
            else:
                opened = i
        else:
            pairs.append((opened, i))
            opened = None
        k += 1
    if opened is not None:
        pairs.append((opened, None))  # closing mark missing: quote runs to paragraph end
    drafts = []
    last_end = lo
    for a, b in pairs:
        start = a + 1 if a is not None else last_end
        end = b if b is not None else hi
        last_end = (b + 1) if b is not None else hi
        inner_cue = _UNCLOSED_CUE.search(text, start, hi) if b is None else None
        if inner_cue:  # closing mark missing before its cue: `... di hari WFA,ungkap Nur.`
            end = last_end = inner_cue.start()
        start, end = _trim(text, start, end)
        if end - start < 2:
            continue
        d = _Draft(start, end, "direct", index, a if a is not None else start, last_end)
        _attribute_direct(text, para, d)
        drafts.append(d)
    return drafts


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in MARKS):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in MARKS + ","):
        end -= 1
    return start, end


def _attribute_direct(text: str, para: Span, d: _Draft) -> None:
    before = text[para.start : d.open_mark]
    sentence_before = re.split(r"[.!?][\"”’]?\s+", before)[-1]
    embedded = bool(before.rstrip()) and before.rstrip()[-1].isalnum()
    after = text[d.close_mark : para.end]
    m = _CUE_AFTER.match(after)
    if m:
        d.cue, d.cue_start = m.group("cue"), d.close_mark + m.start("cue")
        d.attribution = "cue-after"
        if re.fullmatch(rf"(?:{_CUE_STEMS})nya", d.cue, re.IGNORECASE):  # not `tanya`
            d.ref = "pronoun"
        else:
            _speaker_after_cue(text, d, d.close_mark + m.end("cue"), para.end)
    elif not embedded:
        clause = re.split(r"(?<=[.!?])\s+", after, maxsplit=1)[0]
        m2 = _NAME_CUE_AFTER.search(clause)
        if m2 and len(clause.split()) <= 16:
            d.cue, d.cue_start = m2.group("cue"), d.close_mark + m2.start("cue")
            d.attribution = "cue-after"
            d.speaker = parse_speaker(m2.group("np"))
        else:
            m3 = _CUE_BEFORE.search(sentence_before) or _MENURUT_RE.search(sentence_before)
            if m3 and not sentence_before[m3.end() :].strip(" ,:"):
                d.cue = m3.group("cue")
                d.cue_start = d.open_mark - len(sentence_before) + m3.start("cue")
                d.attribution = "cue-before"
                np = m3.group("np") if "np" in m3.groupdict() else sentence_before[: m3.start()]
                clauses = list(_CLAUSE_START.finditer(np))
                _set_np(d, np[clauses[-1].end() :] if clauses else np)
    n_tokens = len(text[d.start : d.end].split())
    if embedded or (n_tokens < 4 and d.cue is None):
        d.kind = "partial"


# --- reported speech -----------------------------------------------------------------------


def _reported_in_paragraph(text: str, para: Span, index: int, drafts: list[_Draft]) -> list[_Draft]:
    quoted = [(d.open_mark, d.close_mark) for d in drafts if d.para == index]
    direct = [d for d in drafts if d.para == index and d.kind == "direct"]
    found = []
    for sent in sentences(text, within=para):
        s_text = text[sent.start : sent.end]
        forward = _FORWARD_RE.match(s_text)
        if forward:
            continue
        candidates = []
        for m in list(_REPORT_RE.finditer(s_text)) + list(_MENURUT_RE.finditer(s_text)):
            pos = sent.start + m.start()
            if not any(a <= pos < b for a, b in quoted):
                candidates.append(m)
        for m in sorted(candidates, key=lambda m: m.start()):
            d = _reported(text, sent, m, index, direct)
            if d is not None:
                found.append(d)
                break
    return found


def _reported(text: str, sent: Span, m: re.Match, index: int, direct: list[_Draft]):
    s_text = text[sent.start : sent.end]
    d = _Draft(0, 0, "reported", index, cue=m.group("cue"), cue_start=sent.start + m.start("cue"))
    d.attribution = "cue-before"
    if m.group("cue").casefold() == "menurut":
        np = m.group("np")
        content_at = m.end()
    else:
        before = s_text[: m.start()]
        clauses = list(_CLAUSE_START.finditer(before))
        np = (before[clauses[-1].end() :] if clauses else before).strip(" ,")
        if _CONJUNCTION_END.search(np) or not np.strip(" ,"):
            in_sentence = [q for q in direct if sent.start <= q.start < d.cue_start and q.speaker]
            if in_sentence:
                d.speaker = in_sentence[-1].speaker
                np = ""
            else:
                lead = re.match(rf"^(?:Namun,?\s+|Tetapi\s+)?(?P<np>{_NAME})", s_text)
                np = lead.group("np") if lead else ""
                if len(np.split()) == 1 and is_common_word(text, np):
                    return None  # `Tenggat waktu itu ... dan mengatakan`: no name
                if not np:
                    return None
        content_at = m.end()
        tail = _ADDR_BAHWA.match(s_text[content_at:])
        if tail:
            if tail.group("addr"):
                d.addressee = tail.group("addr").strip()
            content_at += tail.end()
        else:
            addr = re.match(r"^\s*kepada\s+(?P<addr>\S+(?:\s+[A-Z]\S*)*)\s+", s_text[content_at:])
            if addr and addr.group("addr")[:1].isupper():
                d.addressee = addr.group("addr")
                content_at += addr.end()
    if np:
        lead = np.strip(" ,").split()[0].casefold() if np.strip(" ,") else ""
        if len(np.split()) > 24 or not (
            np.strip()[:1].isupper() or lead in ROLE_WORDS or lead in {"para", "seorang", "pihak"}
        ):
            return None
        _set_np(d, np)
        if d.speaker is None and d.ref is None:
            return None
    start = sent.start + content_at
    end = sent.end
    for q in direct:
        if start <= q.open_mark < end:
            end = q.open_mark
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".!?"):
        end -= 1
    if len(text[start:end].split()) < 2:
        return None
    d.start, d.end = start, end
    d.open_mark, d.close_mark = start, end
    return d


# --- references, continuations and partial quotes ------------------------------------------


def _resolve_references(text: str, drafts: list[_Draft]) -> None:
    last_person: Speaker | None = None
    previous: _Draft | None = None
    mentions = person_mentions(text, drafts)
    roled: list[Speaker] = []
    last_at = -1
    for d in drafts:
        if d.kind == "partial":
            continue
        hi = d.open_mark if d.open_mark is not None else d.start
        named = [s for at, s in mentions if last_at < at <= hi]
        if named:
            last_person = named[-1]
        referent = last_person
        if d.ref == "descriptive" and d.ref_role:
            # `tanya jaksa lagi`: the last person of that role, not merely the last person
            fits = [p for p in roled if d.ref_role in (p.role or "").casefold()]
            referent = fits[-1] if fits else referent
        if d.ref and referent is not None:
            d.speaker = referent
            d.attribution = f"{d.ref}->{referent.name}"
        elif (
            d.kind == "direct"
            and d.speaker is None
            and d.cue is None
            and previous is not None
            and previous.speaker is not None
            and d.para - previous.para <= 1
        ):
            d.speaker = previous.speaker
            d.attribution = "continuation"
        if d.speaker is not None and is_person(d.speaker):
            last_person = d.speaker
            last_at = max(hi, d.cue_start or 0)
            if d.speaker.role:
                roled.append(d.speaker)
        if d.kind == "direct":
            previous = d


def _attribute_partials(text: str, paras: list[Span], drafts: list[_Draft]) -> None:
    attributed = [d for d in drafts if d.kind != "partial" and d.speaker]
    for d in drafts:
        if d.kind != "partial" or d.speaker is not None:
            continue
        sent = next(
            (s for s in sentences(text, within=paras[d.para]) if s.start <= d.start < s.end), None
        )
        if sent is None:
            continue
        holder = next((q for q in attributed if q.start <= d.start and d.end <= q.end), None)
        holder = holder or next(
            (
                q
                for q in drafts
                if q.speaker
                and q is not d
                and q.para == d.para
                and sent.start <= q.start < sent.end
            ),
            None,
        )
        if holder is not None:
            d.speaker, d.attribution = holder.speaker, "cue-before"
            continue
        frame = None
        for m in _FRAME_RE.finditer(text, sent.start, d.open_mark):
            frame = m
        if frame is not None:
            before = text[sent.start : frame.start()]
            names = re.findall(rf"(?:^|[\s,])({_NAME})\s*$", before)
            pronoun = re.search(r"\b(?:dia|ia)\s*$", before, re.IGNORECASE)
            if pronoun:
                person = _last_person_before(drafts, d.start)
                if person is not None:
                    d.speaker, d.attribution = person, f"pronoun->{person.name}"
                    continue
            if names and not _PRONOUN_RE.match(names[-1]):
                speaker = parse_speaker(names[-1])
                if speaker is not None and speaker.name:
                    d.speaker, d.cue, d.attribution = speaker, frame.group("cue"), "cue-before"
                    d.cue_start = frame.start()
                    continue
        if d.para + 1 < len(paras):
            nxt = paras[d.para + 1]
            forward = _FORWARD_RE.match(text[nxt.start : nxt.end])
            if forward:
                d.cue, d.cue_start = forward.group("cue"), nxt.start + forward.start("cue")
                _speaker_after_cue(text, d, nxt.start + forward.start("np"), nxt.end)
                if d.speaker is not None:
                    d.attribution = "cue-after"


def _last_person_before(drafts: list[_Draft], offset: int) -> Speaker | None:
    people = [d.speaker for d in drafts if d.start < offset and d.speaker and is_person(d.speaker)]
    return people[-1] if people else None
