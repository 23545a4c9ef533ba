"""The comparison page's model: which columns, settings and passages to show, read from the
cached analysis; shares of text."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from django.utils.translation import gettext, gettext_lazy

from newsreader.analysis.reuse import Member, PassageGroup, ReuseResult, Thresholds
from newsreader.analysis.reuse_filters import filter_groups, stock_candidates
from newsreader.analysis.text import words
from newsreader.models import Article, Story
from newsreader.services import corpus
from newsreader.services.story_analysis import (
    AnalysisPending,
    columns_load,
    derived,
    story_analysis_current,
    story_articles,
    story_failures,
    story_section,
)
from newsreader.web.limits import limit_notes

from .section import DEFAULT, PERMISSIVE

COMMON_IN_STORIES = corpus.STOCK_OTHER_STORIES
MAX_COLUMNS = 6


# -- page settings ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Settings:
    edited: int = round(DEFAULT.edited_min * 100)  # percent
    similar: int = round(DEFAULT.similar_min * 100)
    words: int = DEFAULT.min_words
    hide_quotes: bool = False
    hide_common: bool = False
    unique: bool = False
    view: str = "continuous"
    overview: bool = False  # the overview (matrix and strips) is folded away unless asked for
    side: str = ""  # "open" or "closed"; "" lets the column count decide (open up to 3)

    @property
    def thresholds(self) -> Thresholds:
        return Thresholds(self.words, self.edited / 100, self.similar / 100)

    def params(self) -> list[tuple[str, str]]:
        return [
            ("edited", str(self.edited)),
            ("similar", str(self.similar)),
            ("words", str(self.words)),
            ("quotes", "hide" if self.hide_quotes else ""),
            ("common", "hide" if self.hide_common else ""),
            ("unique", "1" if self.unique else ""),
            ("view", self.view),
            ("overview", "1" if self.overview else ""),
            ("side", self.side),
        ]

    def query(self) -> list[tuple[str, str]]:
        """The non-default settings as query parameters."""
        defaults = dict(Settings().params())
        return [(k, v) for k, v in self.params() if v != defaults[k]]


SETTING_NAMES = {
    "edited": gettext_lazy("the edited threshold"),
    "similar": gettext_lazy("the similar threshold"),
    "words": gettext_lazy("the minimum length in words"),
}
LIMITS = {"edited": (50, 100), "similar": (40, 95), "words": (PERMISSIVE.min_words, 200)}


def settings_parse(params) -> tuple[Settings, list[str]]:
    """Settings from GET parameters, each number validated and clamped (with a note saying so)."""
    notes = []
    values = {}
    for name, (low, high) in LIMITS.items():
        raw = params.get(name, "").strip().rstrip("%")
        if not raw:
            continue
        try:
            value = round(float(raw))  # "inf" overflows, "nan" is a ValueError
        except (ValueError, OverflowError):
            notes.append(
                gettext("“{value}” is not a number; {name} uses its default.").format(
                    value=raw, name=SETTING_NAMES[name]
                )
            )
            continue
        if not low <= value <= high:
            notes.append(
                gettext("{name} must lie between {low} and {high}; used {used}.").format(
                    name=SETTING_NAMES[name].capitalize(),
                    low=low,
                    high=high,
                    used=min(max(value, low), high),
                )
            )
        values[name] = min(max(value, low), high)
    settings = replace(
        Settings(),
        **values,
        hide_quotes=params.get("quotes") == "hide",
        hide_common=params.get("common") == "hide",
        unique=params.get("unique") in {"1", "on", "true"},
        view="aligned" if params.get("view") == "aligned" else "continuous",
        overview=params.get("overview") in {"1", "on", "true"},
        side=params.get("side") if params.get("side") in {"open", "closed"} else "",
    )
    if settings.similar > settings.edited:
        notes.append(
            gettext("The similar threshold cannot exceed the edited one; it was lowered to match.")
        )
        settings = replace(settings, similar=settings.edited)
    return settings, notes


def columns_choose(params, articles: list[Article]) -> tuple[list[Article], list[str]]:
    """The articles to show, in the order asked for (`a` repeated, or `pos-<id>` fields of the
    column picker), or the first MAX_COLUMNS by date."""
    by_id = {str(a.pk): a for a in articles}
    wanted = [by_id[x] for x in dict.fromkeys(params.getlist("a")) if x in by_id]
    if any(k.startswith("pos-") for k in params):
        asked = {article: i for i, article in enumerate(wanted)}

        def position(article):
            try:
                return float(params.get(f"pos-{article.pk}", "")), asked[article]
            except ValueError:
                return float("inf"), asked[article]

        wanted.sort(key=position)
    notes = []
    if params.getlist("a") and len(wanted) < 2:
        notes.append(
            gettext("Choose at least two articles to compare; showing the default columns.")
        )
    if len(wanted) > MAX_COLUMNS:
        notes.append(
            gettext("At most {count} columns fit side by side; showing the first {count}.").format(
                count=MAX_COLUMNS
            )
        )
    if len(wanted) < 2:
        wanted = articles
    return wanted[:MAX_COLUMNS], notes


# -- passages shown -----------------------------------------------------------------------------


def _groups(compact: list[list]) -> list[PassageGroup]:
    return [
        PassageGroup(g[0], g[1], g[2], g[3], tuple(Member(*m) for m in g[5:]), g[4])
        for g in compact
    ]


def _regrade(group: PassageGroup, th: Thresholds) -> PassageGroup | None:
    if group.kind == "verbatim":
        return group
    if group.similarity < th.similar_min:
        return None
    kind = "edited" if group.kind == "edited" and group.similarity >= th.edited_min else "similar"
    return replace(group, kind=kind)


def _indexed(analysis: dict, key: str) -> tuple[list[PassageGroup], dict[int, list[int]]]:
    """The story's groups of one setting (`_default` or `_permissive`), parsed, and the
    positions of the groups each article has a member in."""

    def build():
        groups = _groups(analysis["reuse"][key])
        by_doc: dict[int, list[int]] = {}
        for i, g in enumerate(groups):
            for doc in dict.fromkeys(m.doc for m in g.members):
                by_doc.setdefault(doc, []).append(i)
        return groups, by_doc

    return derived(analysis, "compare" + key, build)


def passages_shown(
    analysis: dict, texts: dict[int, str], settings: Settings
) -> tuple[list[PassageGroup], int]:
    """Groups with members in at least two of the shown articles (`texts`), restricted to those
    members, after thresholds and filters; and how many the filters hid. Only the groups of
    the shown articles are looked at, whatever the story's size; stock phrases (`common=hide`)
    are looked up for these groups' words in the table import keeps (`corpus.stock_phrases`)."""
    th = settings.thresholds
    groups, by_doc = _indexed(analysis, "_default" if th == DEFAULT else "_permissive")
    in_shown = Counter(i for doc in texts for i in by_doc.get(doc, ()))
    shown = []
    for i in sorted(i for i, docs in in_shown.items() if docs >= 2):
        g = groups[i] if th == DEFAULT else _regrade(groups[i], th)
        if g is not None:
            shown.append(replace(g, members=tuple(m for m in g.members if m.doc in texts)))
    result = ReuseResult(tuple(shown), {}, {}, texts)
    stock = corpus.stock_phrases(stock_candidates(result)) if settings.hide_common else set()
    kept = filter_groups(
        result, hide_quotes=settings.hide_quotes, min_words=th.min_words, stock=frozenset(stock)
    )
    order = {doc: i for i, doc in enumerate(texts)}
    kept = sorted(kept, key=lambda g: min((order[m.doc], m.start) for m in g.members))
    return kept, len(shown) - len(kept)


# -- shares of text -----------------------------------------------------------------------------


def word_positions(text: str) -> tuple[list[int], list[int]]:
    tokens = words(text)
    return [t.start for t in tokens], [t.end for t in tokens]


def covered_words(positions: tuple[list[int], list[int]], spans) -> int:
    """Words of a text lying wholly inside the union of `spans` ((start, end) pairs)."""
    starts, ends = positions
    merged: list[list[int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    return sum(max(0, bisect_right(ends, e) - bisect_left(starts, s)) for s, e in merged)


# -- the comparison ----------------------------------------------------------------------------


@dataclass
class Comparison:
    """Everything the page and the passage panel need, built from the cached analysis."""

    story: Story
    articles: list[Article]
    columns: list[Article]
    settings: Settings
    notes: list[str]
    groups: list[PassageGroup]
    hidden: int
    analysis: dict
    texts: dict[int, str] = field(default_factory=dict)
    pending: int = 0  # articles being analysed: no passages yet

    @property
    def query(self) -> str:
        return urlencode([("a", a.pk) for a in self.columns] + self.settings.query())

    def number(self, group: PassageGroup) -> int:
        return self.groups.index(group) + 1

    def name(self, article_id: int) -> str:
        return next(a.outlet.display_name for a in self.columns if a.pk == article_id)


# The analysis of a story not analysed yet: no passages, claims or framing marks.
NOT_ANALYSED = {"reuse": {"_default": [], "_permissive": [], "pairwise": {}}}


def comparison_build(story: Story, params) -> Comparison:
    articles = story_articles(story, light=True)  # the column picker: titles and outlets
    columns, notes = columns_choose(params, articles)
    columns = columns_load(columns)  # text and extraction of the columns shown only
    settings, setting_notes = settings_parse(params)
    try:
        analysis, pending = story_analysis_current(story), 0
    except AnalysisPending as waiting:  # the columns show at once, their passages once ready
        analysis, pending = NOT_ANALYSED, waiting.articles
    reuse = story_section(story=story, name="reuse", data=analysis)  # SectionFailed if failed
    if failed := sorted(story_failures(story=story, data=analysis)):
        notes.append(
            gettext("Part of this story's analysis failed ({names}); the rest is shown.").format(
                names=", ".join(failed)
            )
        )
    names = {a.pk: a.outlet.display_name for a in articles}
    notes += limit_notes(reuse.get("limits", []), names)
    texts = {a.pk: a.clean_text for a in columns}
    groups, hidden = passages_shown(analysis, texts, settings)
    return Comparison(
        story,
        articles,
        columns,
        settings,
        notes + setting_notes,
        groups,
        hidden,
        analysis,
        texts,
        pending,
    )
