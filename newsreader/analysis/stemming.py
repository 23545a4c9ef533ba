"""Indonesian stems and stop words shared by the analysis modules.

Stemming uses simplemma's Indonesian dictionary, not PySastrawi: simplemma keeps denial and
attribution verbs whole (`membantah` -> `bantah`, PySastrawi gives `ban`) and over-stems far
less (PySastrawi turns `pasukan` into `pasu`, `menurut` into `turut`, `senilai` into `nila`).
simplemma leaves unknown words with the clitic `-nya` untouched and gets a few verbs wrong,
so clitics are stripped when the dictionary does not know the word and `_STEM_FIXES` corrects
the verbs this project relies on.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import simplemma

from .text import word_key

DATA_DIR = Path(__file__).resolve().parent / "data"

# Verified on the samples: simplemma gives `kaku` for `mengakui`, leaves `mengeklaim` whole.
_STEM_FIXES = {
    "mengakui": "aku",
    "diakui": "aku",
    "pengakuan": "aku",
    "mengeklaim": "klaim",
    "diklaim": "klaim",
    "meminta": "minta",
    "diminta": "minta",
    "permintaan": "minta",
}
_CLITICS = ("nya", "lah", "kah", "pun")


@cache
def stop_words() -> frozenset[str]:
    text = (DATA_DIR / "stopwords_id.txt").read_text(encoding="utf-8")
    lines = (line for line in text.splitlines() if not line.startswith("#"))
    return frozenset(" ".join(lines).split())


@cache
def stem(word: str) -> str:
    """Lower-cased stem of one Indonesian word token."""
    key = word_key(word)
    if key in _STEM_FIXES:
        return _STEM_FIXES[key]
    lemma = simplemma.lemmatize(key, lang="id").casefold()
    if lemma == key:
        for clitic in _CLITICS:
            if key.endswith(clitic) and len(key) - len(clitic) >= 4:
                base = key[: -len(clitic)]
                return _STEM_FIXES.get(base) or simplemma.lemmatize(base, lang="id").casefold()
    return lemma
