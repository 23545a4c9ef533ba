"""The people a quote can point back to: persons named in the text outside quotes, and the
full name behind a first name, surname or short name (`Tasrul` -> `Tasrul Tanar`)."""

from __future__ import annotations

import re
from functools import lru_cache

from .quote_cues import _CUE_STEMS, _NAME, _Draft
from .speakers import ROLE_WORDS, Speaker, name_run

_LEAD_WORDS = frozenset("sementara itu namun menurut sedangkan adapun sang para".split())
_MENTION = re.compile(rf"(?<![\w’'-]){_NAME}")
# A person named as the agent of a statement: `kata Novi`, `dikonfirmasi oleh ... Vernal`
# (not `permintaan oleh Putin`),
# `ASN bernama Liza` (also glued to the word before: `PDI-Pbernama Angga`).
_AGENT_BEFORE = re.compile(
    rf"(?:\b(?:{_CUE_STEMS})|\bdi[a-z]{{3,}}\s+oleh|bernama|\bdi(?:sampaikan|katakan|ungkapkan))\s+$",
    re.IGNORECASE,
)
_VERB_AFTER = re.compile(r"^\s+(?:pun\s+|juga\s+|lalu\s+|kemudian\s+)?(?:me|ber)[a-z]{3,}")
_APPOSITIVE_END = re.compile(r"^(?:,|\s+[a-z])")


def person_mentions(text: str, drafts: list[_Draft]) -> list[tuple[int, Speaker]]:
    """Persons named outside quotes, by their end offsets: the people a later `katanya` can
    point back to. A full name opening a sentence (`Budi Santoso mengatakan`) or set off by
    commas; any name after a cue or as an agent (`kata Novi`, `oleh Kapolres Eko`); a single
    name opening a sentence with a verb (`Novi menceritakan`)."""
    quoted = [
        (d.open_mark or d.start, d.close_mark or d.end) for d in drafts if d.kind != "reported"
    ]
    found = []
    for m in _MENTION.finditer(text):
        if any(a <= m.start() < b for a, b in quoted):
            continue
        run = name_run(m.group(0))
        if not run:
            continue
        before = text[max(0, m.start() - 80) : m.start()]
        lead = re.split(r"[.!?]\s", before)[-1].split("\n")[-1]
        lead_words = lead.replace(",", " ").casefold().split()
        after = text[m.end() : m.end() + 40]
        subject = all(w in ROLE_WORDS or w in _LEAD_WORDS for w in lead_words)
        appositive = before.rstrip().endswith(",") and _APPOSITIVE_END.match(after)
        agent = _AGENT_BEFORE.search(before) is not None
        if (
            agent
            or (len(run) >= 2 and (subject or appositive))
            or (subject and _VERB_AFTER.match(after) and not _common(text, run))
        ):
            found.append((m.end(), Speaker(" ".join(run))))
    return found


def _common(text: str, run: list[str]) -> bool:
    """A capitalised word the article also writes in lower case (`Tenggat`) is no name."""
    return len(run) == 1 and re.search(rf"\b{re.escape(run[0].casefold())}\b", text) is not None


def is_common_word(text: str, word: str) -> bool:
    return _common(text, [word])


@lru_cache(maxsize=4)
def _name_runs(text: str) -> tuple[tuple[int, tuple[str, ...]], ...]:
    """(start, words) of every name of two words or more in `text`: read once per text, not
    once per quote (a page of thousands of quotes made that quadratic)."""
    runs = ((m.start(), tuple(name_run(m.group(0)))) for m in _MENTION.finditer(text))
    return tuple((start, run) for start, run in runs if len(run) >= 2)


def full_name(text: str, short: str, before: int) -> str:
    """`Kirby` -> `John Kirby`, `Tasrul` -> `Tasrul Tanar`, `Wira` -> `Wiradarma Harefa`: the
    person of the article whose full name ends or starts with the short one (or whose first
    name starts with it), the nearest one named before the quote, else the first one after."""
    key = short.casefold()
    fits = []
    for start, run in _name_runs(text):
        if short in run[1:-1]:
            continue
        first, last = run[0].casefold(), run[-1].casefold()
        if key in (first, last) or (len(key) >= 4 and first.startswith(key)):
            fits.append((start, " ".join(run)))
    earlier = [name for at, name in fits if at < before]
    if earlier:
        return earlier[-1]
    return fits[0][1] if fits else short
