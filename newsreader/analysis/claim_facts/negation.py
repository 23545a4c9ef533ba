"""Negation scoped to its predicate: `tidak menaikkan` flips `menaikkan`, nothing else.

A negator anywhere in a claim is no evidence: it only counts against another version of the
claim that states the same predicate (the first content word after the negator, as a lemma)
without a negator in front of it.
"""

from __future__ import annotations

from ..reason import Reason

NEGATORS = frozenset(("tidak", "bukan", "belum", "tak", "tanpa", "jangan", "enggak", "nggak"))
# Words between a negator and its predicate: `tidak akan pernah menaikkan`.
_AUXILIARIES = frozenset(
    "akan pernah bisa dapat mau ingin perlu boleh lagi juga pun terlalu sedang sempat harus "
    "hanya cuma begitu sama sekali lah yang ada".split()
)
_REACH = 3  # a negator this many words before a predicate negates it
_ASSERT_REACH = 5  # a predicate stated with no negator this far before it


def negated_predicates(keys: tuple[str, ...]) -> dict[str, str]:
    """Predicate lemma -> the negator in front of it."""
    out = {}
    for i, key in enumerate(keys):
        if key not in NEGATORS:
            continue
        for nxt in keys[i + 1 : i + 1 + _REACH]:
            if nxt in NEGATORS:
                break
            if nxt not in _AUXILIARIES:
                out.setdefault(nxt, key)
                break
        else:
            if i + 1 < len(keys) and keys[i + 1] == "ada":
                out.setdefault("ada", key)  # `tidak ada`: existence itself is denied
    return out


def asserted(keys: tuple[str, ...], predicate: str) -> bool:
    """The predicate appears with no negator in the words just before it."""
    return any(
        k == predicate and not any(w in NEGATORS for w in keys[max(0, i - _ASSERT_REACH) : i])
        for i, k in enumerate(keys)
    )


def negation_flips(keys_by_doc: dict[int, list[tuple[str, ...]]]) -> list[Reason]:
    """A reason for each predicate negated in one doc and asserted in another."""
    reasons = []
    for doc, versions in sorted(keys_by_doc.items()):
        for keys in versions:
            for predicate, negator in negated_predicates(keys).items():
                others = [
                    d
                    for d, vs in sorted(keys_by_doc.items())
                    if d != doc and any(asserted(v, predicate) for v in vs)
                ]
                if others:
                    text = (
                        f"negasi berlawanan: '{negator} {predicate}' di doc {doc}, "
                        f"'{predicate}' tanpa negasi di doc {', '.join(map(str, others))}"
                    )
                    reason = Reason(
                        "negation_flip",
                        text,
                        negated=f"{negator} {predicate}",
                        predicate=predicate,
                        doc=doc,
                        docs=others,
                    )
                    if reason not in reasons:
                        reasons.append(reason)
    return reasons
