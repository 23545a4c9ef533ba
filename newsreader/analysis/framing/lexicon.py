"""Evaluative lexicon: loading (shipped JSON or rows edited in the admin) and matching.

An entry is `{"term", "category", "note"}` plus optional `"variants"` (list or comma-separated
string of extra surface forms) and `"match"`: `"word"` (default) matches the term and its
variants as whole words, case-insensitively, with an optional clitic (-nya, -lah, -kah, -pun);
a multi-word term also matches its ke-...-an noun (`putus asa` -> `keputusasaan`).
`"stem"` matches every word with the same stem (`ancam` -> `mengancam`, `ancaman`).
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from newsreader.analysis.shared_features import per_text
from newsreader.analysis.stemming import DATA_DIR, stem
from newsreader.analysis.text import keyed_words

HEDGING = "hedging"
_CLITIC = r"(?:nya|lah|kah|pun)?"


@dataclass(frozen=True, slots=True)
class Hit:
    start: int
    end: int
    term: str
    category: str


@dataclass(frozen=True, slots=True)
class Entry:
    term: str
    category: str
    note: str = ""
    variants: tuple[str, ...] = ()
    match: str = "word"

    def forms(self) -> list[str]:
        forms = [self.term, *self.variants]
        parts = self.term.split()
        if self.match == "word" and len(parts) > 1:
            forms.append("ke" + "".join(parts) + "an")
        return forms


@dataclass(frozen=True)
class Lexicon:
    entries: tuple[Entry, ...]
    pattern: re.Pattern | None = field(compare=False)
    by_form: Mapping[str, tuple[Entry, ...]] = field(compare=False)
    by_stem: Mapping[str, tuple[Entry, ...]] = field(compare=False)

    @property
    def categories(self) -> list[str]:
        return sorted({entry.category for entry in self.entries})


def term_pattern(forms: Iterable[str], *, clitics: bool = True) -> re.Pattern | None:
    """Whole-word, case-insensitive pattern for phrases; a trailing `*` allows any ending."""
    alternatives = []
    for form in sorted({f.strip() for f in forms if f.strip()}, key=lambda f: (-len(f), f)):
        prefix = form.endswith("*")
        body = r"\s+".join(re.escape(part) for part in form.rstrip("*").split())
        alternatives.append(body + (r"\w*" if prefix else ""))
    if not alternatives:
        return None
    suffix = _CLITIC if clitics else ""
    return re.compile(rf"(?<![\w-])(?:{'|'.join(alternatives)}){suffix}(?![\w-])", re.IGNORECASE)


def _form_key(form: str) -> str:
    return " ".join(form.casefold().split())


def _entry(row: Mapping) -> Entry | None:
    term = " ".join(str(row.get("term") or "").split())
    category = str(row.get("category") or "").strip()
    if not term or not category:
        return None
    variants = row.get("variants") or ()
    if isinstance(variants, str):
        variants = variants.split(",")
    return Entry(
        term=term,
        category=category,
        note=str(row.get("note") or ""),
        variants=tuple(v.strip() for v in variants if v.strip()),
        match="stem" if row.get("match") == "stem" else "word",
    )


def load_lexicon(entries: Iterable[Mapping] | None = None) -> Lexicon:
    """Build a lexicon from rows (`None`: the shipped `data/lexicon_id.json`)."""
    if entries is None:
        entries = json.loads((DATA_DIR / "lexicon_id.json").read_text(encoding="utf-8"))
    parsed = tuple(e for e in map(_entry, entries) if e is not None)
    by_form: dict[str, list[Entry]] = {}
    by_stem: dict[str, list[Entry]] = {}
    for entry in parsed:
        if entry.match == "stem":
            by_stem.setdefault(stem(entry.term), []).append(entry)
        else:
            for form in entry.forms():
                by_form.setdefault(_form_key(form), []).append(entry)
    return Lexicon(
        entries=parsed,
        pattern=term_pattern(by_form),
        by_form={k: tuple(v) for k, v in by_form.items()},
        by_stem={k: tuple(v) for k, v in by_stem.items()},
    )


def evaluative_hits(text: str, lexicon: Lexicon) -> list[Hit]:
    """Every lexicon term in `text`, longest match first, as offsets into `text`."""
    hits = []
    covered = []
    if lexicon.pattern is not None:
        for m in lexicon.pattern.finditer(text):
            key = _form_key(m.group())
            entries = lexicon.by_form.get(key) or lexicon.by_form.get(_strip_clitic(key), ())
            hits.extend(Hit(m.start(), m.end(), e.term, e.category) for e in entries)
            covered.append((m.start(), m.end()))
    if lexicon.by_stem:
        starts = [s for s, _ in covered]  # the pattern's matches: in order, not overlapping
        for span in per_text(keyed_words, text)[0]:
            k = bisect_right(starts, span.start) - 1
            if k >= 0 and span.start < covered[k][1]:
                continue
            for entry in lexicon.by_stem.get(stem(span.text(text)), ()):
                hits.append(Hit(span.start, span.end, entry.term, entry.category))
    return sorted(hits, key=lambda h: (h.start, h.end, h.category))


def _strip_clitic(key: str) -> str:
    return re.sub(r"(?:nya|lah|kah|pun)$", "", key)
