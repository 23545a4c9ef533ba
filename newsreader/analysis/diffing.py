"""Word-level diffs of two passages.

Each text is cut into whitespace-delimited chunks (a word with its punctuation and the spaces
after it); every distinct chunk becomes one private-use character (the diff-match-patch
`linesToChars` trick at word level), so the exact character diff of the encoded strings is a
word diff. The C++ build (`fast_diff_match_patch`) diffs when installed, else the pure-Python
one with no time limit, so a diff is never silently inexact; the semantic clean-up then merges
trivial equalities. Chunks compare with quote styles and spaces folded; text of "equal" ops is
taken from `a`, so the ops rebuild `a` exactly and `b` up to spacing and quote style.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import NamedTuple

from diff_match_patch import diff_match_patch

from .text import normalise, words

try:
    import fast_diff_match_patch
except ImportError:  # pragma: no cover - the C++ build is a declared dependency
    fast_diff_match_patch = None

_CHUNK = re.compile(r"\s*\S+\s*|\s+")
_OPS = {-1: "delete", 0: "equal", 1: "insert"}
_FAST_OPS = {"-": -1, "=": 0, "+": 1}
_FOLD = str.maketrans(dict.fromkeys("“”„‟«»", '"') | dict.fromkeys("‘’‚‛`´", "'"))


def _codepoint(index: int) -> str:
    """A unique stand-in character per distinct word. The encoded strings are never shown, so
    beyond the basic private-use area any non-surrogate code point above U+FFFF serves: room
    for over a million distinct words, more than a page within the import limit can hold."""
    return chr(0xE000 + index if index < 6400 else 0x10000 + index - 6400)


class DiffOp(NamedTuple):
    """One op of a located word diff: `text` is exactly `source[start:start + len(text)]`,
    the source being `a` for equal and delete, `b` for insert."""

    op: str
    text: str
    start: int


def word_diff(a: str, b: str) -> list[tuple[str, str]]:
    """(op, text) pairs, op "equal" | "insert" | "delete", at word granularity."""
    return diff_texts(word_diff_located(a, b))


def diff_texts(located: list[DiffOp]) -> list[tuple[str, str]]:
    """The (op, text) pairs of a located diff, an insertion spaced from the word before it."""
    ops = []
    b_side = ""  # last text of b's reading (equal or insert), to keep its words apart
    for op, text, _ in located:
        if op == "insert" and b_side and not b_side[-1].isspace() and not text[0].isspace():
            text = " " + text  # a's last word was equal to a word of b followed by space
        if op != "delete":
            b_side = text
        ops.append((op, text))
    return ops


def word_diff_located(a: str, b: str) -> list[DiffOp]:
    """The word diff with each op's offset in the text it comes from (notes on a diff page)."""
    codes: dict[str, str] = {}

    def encode(text: str) -> str:
        out = []
        for chunk in _CHUNK.findall(text):
            key = chunk.strip().translate(_FOLD)
            out.append(codes.setdefault(key, _codepoint(len(codes))))
        return "".join(out)

    ea, eb = encode(a), encode(b)
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0
    if fast_diff_match_patch is not None:
        raw = fast_diff_match_patch.diff(ea, eb, timelimit=0, cleanup="No", counts_only=False)
        diffs = [(_FAST_OPS[op], text) for op, text in raw]
    else:  # pragma: no cover
        diffs = dmp.diff_main(ea, eb, False)
    dmp.diff_cleanupSemantic(diffs)
    return _decode(diffs, a, b)


def _decode(diffs, a: str, b: str) -> list[DiffOp]:
    """Map encoded ops back to the original chunks of a (equal, delete) and b (insert)."""
    chunks = {-1: iter(_CHUNK.finditer(a)), 1: iter(_CHUNK.finditer(b))}
    ops = []
    for op, encoded in diffs:
        side = chunks[1 if op == 1 else -1]
        taken = [next(side) for _ in encoded]
        if op == 0:
            for _ in encoded:
                next(chunks[1])
        source = b if op == 1 else a
        start, end = taken[0].start(), taken[-1].end()
        ops.append(DiffOp(_OPS[op], source[start:end], start))
    return ops


def diff_summary(ops: list[tuple[str, str]]) -> dict:
    """Inserted and deleted phrases, and substitutions (old, new).

    A delete next to an insert is re-compared word by word, so ("Times pada", "Instances pada
    hari") reads as the substitution Times -> Instances and the insertion "hari". Changes of
    punctuation or quote style alone are left out."""
    summary: dict[str, list] = {"inserted": [], "deleted": [], "substituted": []}
    k = 0
    while k < len(ops):
        op, text = ops[k]
        nxt = ops[k + 1] if k + 1 < len(ops) else ("equal", "")
        if op != "equal" and nxt[0] not in ("equal", op):
            old, new = (text, nxt[1]) if op == "delete" else (nxt[1], text)
            _refine(old, new, summary)
            k += 2
            continue
        if op != "equal" and words(text):
            summary["inserted" if op == "insert" else "deleted"].append(text.strip())
        k += 1
    return summary


def _refine(old: str, new: str, summary: dict[str, list]) -> None:
    wo, wn = words(old), words(new)
    keys_old = [normalise(old[w.start : w.end]) for w in wo]
    keys_new = [normalise(new[w.start : w.end]) for w in wn]
    matcher = SequenceMatcher(None, keys_old, keys_new, autojunk=False)
    for tag, i0, i1, j0, j1 in matcher.get_opcodes():
        piece_old = old[wo[i0].start : wo[i1 - 1].end] if i1 > i0 else ""
        piece_new = new[wn[j0].start : wn[j1 - 1].end] if j1 > j0 else ""
        if tag == "replace":
            summary["substituted"].append((piece_old, piece_new))
        elif tag == "delete":
            summary["deleted"].append(piece_old)
        elif tag == "insert":
            summary["inserted"].append(piece_new)
