"""Corpus-wide reuse on stored articles: index each article, trace its passages to earlier ones.

Storage choice: one `Shingle` row (signed 64-bit hash, article) per winnowed word 5-gram, with a
composite (hash, article) index, rather than a per-article blob of hashes loaded into an
in-process index. Reasons:
- A lookup is one query of one index probe per fingerprint (about 180: winnowing keeps about
  40% of an article's shingles): a few milliseconds whatever the corpus size, because B-tree
  lookups grow with log(N) (figures in README, "Corpus-wide reuse").
- Nothing lives in process memory: 100,000 articles would need about 600 MB per web process as
  numpy arrays, rebuilt at every start and kept in step across processes; the table is shared,
  transactional and current the moment an article is indexed.
- Very common shingles (boilerplate, phrases every outlet prints) are ignored, so candidate
  lists stay short; each probe reads at most MAX_DOCS_PER_SHINGLE + 1 entries to tell.
Candidates are then aligned with `reuse.find_passages` for exact offsets (about 10 ms a pair).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime

from django.db import connection, transaction

from ..analysis.corpus_index import MAX_DOCS_PER_SHINGLE, fingerprint, passage_origins, to_signed
from ..models import Article, Outlet, Shingle, StockPhrase
from .rows import rows_insert

STOCK_OTHER_STORIES = 3  # a phrase found in this many other stories is a stock phrase
MIN_SHARED = 2  # winnowing guarantees one shared fingerprint per shared run of 8 words
MAX_CANDIDATES = 20
OUTLET_REUSE_MAX_ARTICLES = 50


def article_hashes(article: Article) -> list[int]:
    return to_signed(fingerprint(article.clean_text)).tolist()


def article_index(*, article: Article) -> int:
    """(Re)store the fingerprints of an article's current clean text; returns how many."""
    hashes = article_hashes(article)
    with transaction.atomic():
        # Two workers indexing one article at once: the row lock makes the second wait and
        # then delete the first one's rows, instead of both inserting a full set.
        list(Article.objects.select_for_update().filter(pk=article.pk).values_list("pk"))
        Shingle.objects.filter(article=article).delete()
        rows_insert(
            Shingle._meta.db_table, ("hash", "article_id"), [(h, article.pk) for h in hashes]
        )
        stock_phrases_update(hashes)
    return len(hashes)


# Stock phrases: of the given hashes not stock yet, those whose holders (at most
# STOCK_HOLDERS_READ of them, the index read in order) lie in more than STOCK_OTHER_STORIES
# stories. One index probe per hash, so an import costs the same whatever the corpus size; a
# hash with no more holders than STOCK_OTHER_STORIES (most: new text) is let go after reading
# them, without joining them to their articles.
STOCK_HOLDERS_READ = 200
_STOCK_NEW = {
    "postgresql": """
        INSERT INTO newsreader_stockphrase (hash)
        SELECT wanted.h FROM unnest(%s::bigint[]) AS wanted(h)
        WHERE NOT EXISTS (SELECT 1 FROM newsreader_stockphrase AS p WHERE p.hash = wanted.h)
        AND EXISTS (SELECT 1 FROM newsreader_shingle AS s WHERE s.hash = wanted.h LIMIT 1 OFFSET %s)
        AND (
            SELECT count(DISTINCT held.story_id) FROM (
                SELECT a.story_id FROM newsreader_shingle AS s
                JOIN newsreader_article AS a ON a.id = s.article_id
                WHERE s.hash = wanted.h LIMIT %s
            ) AS held
        ) > %s
        ON CONFLICT (hash) DO NOTHING
    """,
    "sqlite": """
        INSERT OR IGNORE INTO newsreader_stockphrase (hash)
        SELECT wanted.value FROM json_each(%s) AS wanted
        WHERE NOT EXISTS (SELECT 1 FROM newsreader_stockphrase AS p WHERE p.hash = wanted.value)
        AND EXISTS (
            SELECT 1 FROM newsreader_shingle AS s WHERE s.hash = wanted.value LIMIT 1 OFFSET %s
        )
        AND (
            SELECT count(DISTINCT held.story_id) FROM (
                SELECT a.story_id FROM newsreader_shingle AS s
                JOIN newsreader_article AS a ON a.id = s.article_id
                WHERE s.hash = wanted.value LIMIT %s
            ) AS held
        ) > %s
    """,
}


def stock_phrases_update(hashes, chunk: int = 5000) -> None:
    """Record which of these stored fingerprints became stock phrases (after an import, or a
    move of their articles to other stories). A phrase once stock stays stock."""
    ordered = sorted(set(hashes))
    vendor = connection.vendor
    with connection.cursor() as cursor:
        for i in range(0, len(ordered), chunk):
            part = ordered[i : i + chunk]
            listed = part if vendor == "postgresql" else json.dumps(part)
            cursor.execute(
                _STOCK_NEW[vendor],
                [listed, STOCK_OTHER_STORIES, STOCK_HOLDERS_READ, STOCK_OTHER_STORIES],
            )


def stock_phrases_recount(article_ids) -> None:
    """After articles moved to other stories: their fingerprints may have become stock."""
    ids, hashes = sorted(set(article_ids)), set()
    for i in range(0, len(ids), 500):
        held = Shingle.objects.filter(article_id__in=ids[i : i + 500])
        hashes.update(held.values_list("hash", flat=True))
    stock_phrases_update(hashes)


def stock_phrases(hashes) -> set[int]:
    """Which of these phrase hashes are stock phrases."""
    ordered, found = sorted(set(hashes)), set()
    for i in range(0, len(ordered), 500):
        chunk = StockPhrase.objects.filter(hash__in=ordered[i : i + 500])
        found.update(chunk.values_list("hash", flat=True))
    return found


def fingerprints_insert(rows: list[tuple[int, int]]) -> None:
    """Store (hash, article id) rows in bulk, in the caller's transaction (`rows.rows_insert`),
    and record the stock phrases among them."""
    rows_insert(Shingle._meta.db_table, ("hash", "article_id"), rows)
    stock_phrases_update(h for h, _ in rows)


# (hash, article id) of the stored fingerprints among a list of hashes (one parameter: a
# PostgreSQL array, a JSON array for SQLite), leaving out the hashes held by more than
# MAX_DOCS_PER_SHINGLE articles. Each hash is read only up to one entry past that limit, so a
# common shingle (thousands of entries in a large corpus) costs no more than a rare one; a plain
# GROUP BY count reads every entry of every common hash and grows with the corpus.
_RARE_HITS = {
    # One index lookup per hash whatever the table statistics say: without any (a bulk load
    # before ANALYZE) the planner assumes 0.5% of the table per hash and scans all of it.
    "postgresql": """
        SELECT hash, article_id FROM (
            SELECT wanted.h AS hash, held.article_id,
                count(*) OVER (PARTITION BY wanted.h) AS holders
            FROM unnest(%s::bigint[]) AS wanted(h) CROSS JOIN LATERAL (
                SELECT article_id FROM newsreader_shingle WHERE hash = wanted.h LIMIT %s
            ) AS held
        ) AS capped WHERE holders <= %s
    """,
    "sqlite": """
        WITH wanted(h) AS (SELECT value FROM json_each(%s)),
        rare AS (
            SELECT h FROM wanted WHERE (
                SELECT count(*) FROM (
                    SELECT 1 FROM newsreader_shingle WHERE hash = wanted.h LIMIT %s
                )
            ) <= %s
        )
        SELECT s.hash, s.article_id FROM newsreader_shingle AS s JOIN rare ON s.hash = rare.h
    """,
}
_CANDIDATES = """
    SELECT hits.article_id, count(*) AS n FROM ({rare_hits}) AS hits
    WHERE hits.article_id <> %s
    GROUP BY hits.article_id HAVING count(*) >= %s
    ORDER BY n DESC, hits.article_id LIMIT %s
"""
_HOLDERS = """
    SELECT hits.hash, hits.article_id, a.story_id FROM ({rare_hits}) AS hits
    JOIN newsreader_article AS a ON a.id = hits.article_id
"""


def _rare_hits_query(query: str, hashes: list[int]) -> tuple[str, list]:
    """`query` (a constant) with its `{rare_hits}` part filled in, and that part's parameters."""
    vendor = connection.vendor
    listed = hashes if vendor == "postgresql" else json.dumps(hashes)
    return (
        query.format(rare_hits=_RARE_HITS[vendor]),
        [listed, MAX_DOCS_PER_SHINGLE + 1, MAX_DOCS_PER_SHINGLE],
    )


def article_candidates(
    *, article: Article, min_shared: int = MIN_SHARED, limit: int = MAX_CANDIDATES
) -> dict[int, int]:
    """{article id: shared fingerprints} of other articles sharing text, most shared first."""
    hashes = article_hashes(article)
    if not hashes:
        return {}
    sql, params = _rare_hits_query(_CANDIDATES, hashes)
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, article.pk or 0, min_shared, limit])
        return dict(cursor.fetchall())


def hash_holders(hashes: set[int], chunk: int = 5000) -> dict[int, list[tuple[int, int]]]:
    """{hash: [(article id, story id), ...]} of the stored articles holding each of `hashes`,
    leaving out hashes held by more than MAX_DOCS_PER_SHINGLE articles (one query a chunk)."""
    holders: dict[int, list[tuple[int, int]]] = {}
    ordered = sorted(hashes)
    for i in range(0, len(ordered), chunk):
        sql, params = _rare_hits_query(_HOLDERS, ordered[i : i + chunk])
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            for h, article_id, story_id in cursor.fetchall():
                holders.setdefault(h, []).append((article_id, story_id))
    return holders


@dataclass
class Passage:
    start: int
    end: int
    text: str
    words: int
    kind: str  # "copied" | "syndicated" | "common source"
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
    outlets = [article.outlet, *(a.outlet for a in others.values())]
    origins = passage_origins(
        article.clean_text,
        earlier,
        published=article.published,
        outlet=article.outlet.slug,
        groups={o.slug: o.media_group for o in outlets if o.media_group},
    )
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
    syndicated_words: int = 0  # shared with sister outlets of the same media group


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
    common = syndicated = 0
    for article in chosen:
        for p in article_origins(article=article):
            if p.kind == "common source":
                common += p.words
                continue
            if p.kind == "syndicated":
                syndicated += p.words
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
    return OutletReuse(total, len(chosen), words, common, rows, syndicated)
