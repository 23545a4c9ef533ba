"""Per-article features that several sections of one story analysis read (an article's quotes,
its word tokens), computed once per analysis run instead of once per section.

`story_analysis.story_analyse` runs the sections inside `shared()`; outside it, `per_text`
simply computes. The memo lives for one run only, so it holds no text once the run is over.
Callers must not mutate what they get (it is handed to every section that asks).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_memo: ContextVar[dict | None] = ContextVar("shared_features", default=None)


@contextmanager
def shared() -> Iterator[None]:
    """Within this block, `per_text` computes each (feature, text) once (an enclosing block's
    memo is kept)."""
    if _memo.get() is not None:
        yield
        return
    token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(token)


def per_text[T](feature: Callable[[str], T], text: str) -> T:
    """`feature(text)`, memoised within `shared()` (keyed by the function and the text)."""
    memo = _memo.get()
    if memo is None:
        return feature(text)
    key = (feature, text)
    if key not in memo:
        memo[key] = feature(text)
    return memo[key]
