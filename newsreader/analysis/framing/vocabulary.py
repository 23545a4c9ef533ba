"""Vocabulary of an article and the words that set one outlet's coverage apart.

Stems and stop words come from newsreader.analysis.stemming.

Distinctive terms follow Monroe, Colaresi & Quinn (2008), "Fightin' Words", section 3.5:
log-odds ratio with an informative Dirichlet prior, each group against the rest.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import lru_cache

from newsreader.analysis.shared_features import per_text
from newsreader.analysis.stemming import stem, stop_words
from newsreader.analysis.text import Span, keyed_words


@lru_cache(maxsize=1 << 16)
def _content_stem(surface: str) -> str | None:
    """The stem of a lower-cased word, None for a number, a stop word or a single letter."""
    stops = stop_words()
    if any(ch.isdigit() for ch in surface) or len(surface) < 2 or surface in stops:
        return None
    term = stem(surface)
    return None if term in stops else term


def _content_tokens(text: str) -> Iterable[tuple[Span, str, str]]:
    """(span, stem, surface form lower-cased) of each content word."""
    for span, surface in zip(*per_text(keyed_words, text), strict=True):
        term = _content_stem(surface)
        if term is not None:
            yield span, term, surface


def term_counts(text: str) -> Counter:
    """Stemmed content-word counts (stop words, negators and numbers removed)."""
    return Counter(term for _, term, _ in _content_tokens(text))


def term_occurrences(text: str, stem_: str) -> list[Span]:
    """Spans of every word of `text` whose stem is `stem_`."""
    return [span for span, term, _ in _content_tokens(text) if term == stem_]


def vocabulary(text: str) -> tuple[Counter, dict[str, Counter], dict[str, list[Span]]]:
    """`term_counts`, each stem's surface forms (lower-cased, counted) and every stem's
    `term_occurrences`, in one reading."""
    counts: Counter = Counter()
    forms: dict[str, Counter] = {}
    occurrences: dict[str, list[Span]] = {}
    for span, term, surface in _content_tokens(text):
        counts[term] += 1
        forms.setdefault(term, Counter())[surface] += 1
        occurrences.setdefault(term, []).append(span)
    return counts, forms, occurrences


def distinctive_terms(
    counts_by_group: Mapping[str, Counter],
    prior: Counter | None = None,
    alpha0: float = 500.0,
    top: int | None = None,
    used_only: bool = False,
) -> dict[str, list[dict]]:
    """Log-odds ratio with informative Dirichlet prior, each group against all the others.

    The prior is scaled to `alpha0` pseudo-counts in total (Monroe et al. used 500):
    a_w = alpha0 * prior_w / sum(prior). `prior` defaults to the summed counts of all groups.
    Terms the prior does not cover cannot be estimated and are skipped. Each group's terms are
    sorted by z-score, highest (most distinctive of the group) first. With fewer than two terms
    nothing can stand out (and the odds of a lone term are undefined), so every list is empty.
    `used_only` lists each group's own terms only (those `top_distinctive` can keep).
    """
    totals = Counter()
    for counts in counts_by_group.values():
        totals.update(counts)
    prior = prior if prior is not None else totals
    prior_total = sum(prior.values())
    alpha = {w: alpha0 * prior[w] / prior_total for w in totals if prior.get(w, 0) > 0}
    if len(alpha) < 2:
        return {group: [] for group in counts_by_group}
    n_all = sum(totals.values())
    result = {}
    for group, counts in counts_by_group.items():
        n_i = sum(counts.values())
        n_j = n_all - n_i
        rows = []
        terms = [(t, alpha[t]) for t in counts if t in alpha] if used_only else alpha.items()
        for term, a_w in terms:
            y_i = counts.get(term, 0)
            y_j = totals[term] - y_i
            delta = math.log((y_i + a_w) / (n_i + alpha0 - y_i - a_w)) - math.log(
                (y_j + a_w) / (n_j + alpha0 - y_j - a_w)
            )
            variance = 1 / (y_i + a_w) + 1 / (y_j + a_w)
            z = delta / math.sqrt(variance)
            rows.append({"term": term, "z": z, "delta": delta, "variance": variance, "count": y_i})
        rows.sort(key=lambda row: (-row["z"], row["term"]))
        result[group] = rows[:top] if top is not None else rows
    return result


def top_distinctive(rows: list[dict], *, n: int = 15, min_z: float = 1.96) -> list[dict]:
    """The strongest terms of one group's list that the group actually uses."""
    return [row for row in rows if row["count"] > 0 and row["z"] >= min_z][:n]
