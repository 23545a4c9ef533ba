"""Corpus-wide reuse on stored articles: index each article, trace its passages to earlier ones.

Storage choice: one `Shingle` row (signed 64-bit hash, article) per winnowed word 5-gram, with a
composite (hash, article) index, rather than a per-article blob of hashes loaded into an
in-process index. Reasons:
- A lookup is one indexed `hash IN (...)` query over about 180 fingerprints (winnowing keeps
  about 40% of an article's shingles): a few milliseconds whatever the corpus size, because
  B-tree lookups grow with log(N) (figures in README, "Corpus-wide reuse").
- Nothing lives in process memory: 100,000 articles would need about 600 MB per web process as
  numpy arrays, rebuilt at every start and kept in step across processes; the table is shared,
  transactional and current the moment an article is indexed.
- Very common shingles (boilerplate, phrases every outlet prints) are found by counting their
  index entries (an index-only count) and ignored, so candidate lists stay short.
Candidates are then aligned with `reuse.find_passages` for exact offsets (about 10 ms a pair).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.db.models import Count

from .analysis.corpus_index import MAX_DOCS_PER_SHINGLE, fingerprint, passage_origins, to_signed
from .models import Article, Outlet, Shingle

MIN_SHARED = 2  # winnowing guarantees one shared fingerprint per shared run of 8 words
MAX_CANDIDATES = 20
OUTLET_REUSE_MAX_ARTICLES = 50


def article_hashes(article: Article) -> list[int]:
    return to_signed(fingerprint(article.clean_text)).tolist()


def article_index(*, article: Article) -> int:
    """(Re)store the fingerprints of an article's current clean text; returns how many."""
    hashes = article_hashes(article)
    with transaction.atomic():
        Shingle.objects.filter(article=article).delete()
        Shingle.objects.bulk_create(
            [Shingle(hash=h, article=article) for h in hashes], batch_size=1000
        )
    return len(hashes)


def article_candidates(
    *, article: Article, min_shared: int = MIN_SHARED, limit: int = MAX_CANDIDATES
) -> dict[int, int]:
    """{article id: shared fingerprints} of other articles sharing text, most shared first."""
    hashes = article_hashes(article)
    common = (
        Shingle.objects.filter(hash__in=hashes)
        .values("hash")
        .annotate(n=Count("article"))
        .filter(n__gt=MAX_DOCS_PER_SHINGLE)
        .values_list("hash", flat=True)
    )
    rows = (
        Shingle.objects.filter(hash__in=set(hashes) - set(common))
        .exclude(article_id=article.pk)
        .values("article")
        .annotate(n=Count("article"))
        .filter(n__gte=min_shared)
        .order_by("-n", "article")[:limit]
    )
    return {row["article"]: row["n"] for row in rows}


@dataclass
class Passage:
    start: int
    end: int
    text: str
    words: int
    kind: str  # "copied" | "common source"
    match: str
    is_quote: bool
    reason: str
    source: Article | None
    sharers: list[Article] = field(default_factory=list)


def article_origins(*, article: Article) -> list[Passage]:
    """The article's passages shared with earlier articles anywhere in the corpus, each traced
    to the earliest article that published it (or labelled a common source)."""
    candidates = article_candidates(article=article)
    others = {a.pk: a for a in Article.objects.filter(pk__in=candidates).select_related("outlet")}
    earlier = {pk: (a.clean_text, a.published, a.outlet.slug) for pk, a in others.items()}
    origins = passage_origins(article.clean_text, earlier, published=article.published)
    return [
        Passage(
            o.start,
            o.end,
            article.clean_text[o.start : o.end],
            o.words,
            o.kind,
            o.match,
            o.is_quote,
            o.reason,
            others.get(o.source),
            [others[s.doc] for s in o.sharers],
        )
        for o in origins
    ]


@dataclass
class ReuseRow:
    outlet: Outlet
    words: int
    passages: int
    articles: int
    share: float  # of all the outlet's words in the period


@dataclass
class OutletReuse:
    articles: int
    analysed: int
    words: int
    common_words: int
    rows: list[ReuseRow]

    @property
    def common_share(self) -> float:
        return self.common_words / self.words if self.words else 0.0


def outlet_reuse(
    *, outlet: Outlet, since: datetime | None = None, until: datetime | None = None
) -> OutletReuse:
    """How much of an outlet's text (articles published in [since, until]) is copied from which
    other outlets; only the most recent `OUTLET_REUSE_MAX_ARTICLES` articles are traced."""
    articles = outlet.articles.all()
    if since:
        articles = articles.filter(published__gte=since)
    if until:
        articles = articles.filter(published__lte=until)
    total = articles.count()
    chosen = list(articles.order_by("-published", "-id")[:OUTLET_REUSE_MAX_ARTICLES])
    words = sum(a.word_count for a in chosen)
    per_outlet: dict[int, dict] = {}
    common = 0
    for article in chosen:
        for p in article_origins(article=article):
            if p.kind != "copied":
                common += p.words
                continue
            row = per_outlet.setdefault(
                p.source.outlet_id,
                {"outlet": p.source.outlet, "words": 0, "passages": 0, "articles": set()},
            )
            row["words"] += p.words
            row["passages"] += 1
            row["articles"].add(article.pk)
    rows = [
        ReuseRow(r["outlet"], r["words"], r["passages"], len(r["articles"]), r["words"] / words)
        for r in per_outlet.values()
    ]
    rows.sort(key=lambda r: (-r.words, r.outlet.name))
    return OutletReuse(total, len(chosen), words, common, rows)
