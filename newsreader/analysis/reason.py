"""A claim label's reason: a stable code with its parameters, read as the technical wording.

`Reason` is a `str` (the wording the analysis has always written, kept for exports, logs and
the "how is this computed?" disclosure) that also carries `code` and `params`, so the interface
renders each reason in the reader's language at display time. Parameters are plain JSON
values: strings, numbers and lists of them.
"""

from __future__ import annotations

# Every code a claim reason can have (features/claims/wording.py words each one).
CODES = (
    "single_source",  # doc, similarity
    "speaker_differs",  # speakers
    "similarity",  # similarity
    "review",  # items: the reason documents the rules could not decide on
    "same_wording",  # speakers, docs, similarity
    "same_claim",  # speakers, docs, similarity
    "same_denial",  # speakers, docs, similarity
    "negation_flip",  # negated, predicate, doc, docs
    "denial_vs_claim",  # deniers, claimants (lists of {name, doc}), cue
    "numbers_differ",  # left, right, docs
    "quantity_qualifier",  # left, right, docs
    "dates_differ",  # left, right, docs
    "date_qualifier",  # left, right, docs
    "places_differ",  # left, right, docs
    "places_maybe_differ",  # left, right, docs
    "words_added",  # doc, words
    "judged_contradiction",  # probability, evidence (feature names), docs, sure
)


class Reason(str):
    code: str
    params: dict

    def __new__(cls, code: str, text: str, **params) -> Reason:
        if code not in CODES:
            raise ValueError(f"unknown reason code {code!r}")
        reason = super().__new__(cls, text)
        reason.code, reason.params = code, params
        return reason

    def between(self, doc_a: int, doc_b: int) -> Reason:
        """The same reason found between two documents: `... (doc 1 vs doc 2)`."""
        return Reason(
            self.code, f"{self} (doc {doc_a} vs doc {doc_b})", **self.params, docs=[doc_a, doc_b]
        )

    def document(self) -> dict:
        return {"code": self.code, **self.params}

    def __reduce__(self):
        return (_rebuild, (self.code, str(self), self.params))


def _rebuild(code: str, text: str, params: dict) -> Reason:
    return Reason(code, text, **params)


def reason_document(reason: str) -> dict:
    """The code and parameters of a reason; a plain string (an older analysis) as its text."""
    return reason.document() if isinstance(reason, Reason) else {"code": "text", "text": reason}
