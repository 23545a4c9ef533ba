"""Grouping models events: the same event in two outlets' words joins, the same topic on another
event (another earthquake) stays apart, and the result does not depend on the input order."""

import itertools
from collections import Counter
from datetime import date, datetime

from newsreader.analysis import grouping
from newsreader.analysis.grouping_features import event_features
from newsreader.analysis.grouping_features import label as feature_label

from ..grouping_texts import (
    BACKGROUND,
    EVENTS,
    GARUT_A,
    GARUT_B,
    SUMBA_A,
    VERDICT_A,
    VERDICT_A2,
    VERDICT_B,
    WIB,
)

ARTICLES = [(name, *a) for name, arts in EVENTS.items() for a in arts]
ARTICLES += [(f"other-{i}", *a) for i, a in enumerate(BACKGROUND)]


def _features():
    return {i: event_features(title, text, pub) for i, (_, title, text, pub) in enumerate(ARTICLES)}


def _df(feats):
    df = Counter()
    for f in feats.values():
        df.update(f.weights)
    return df


def test_features_hold_names_numbers_and_the_reported_day():
    f = event_features(*GARUT_A)
    assert {"n:garut", "n:cikelet", "n:bmkg", "#:5,2 mengguncang", "#:37 rumah"} <= set(f.weights)
    assert "w:rusak" in f.weights and "n:rusak" not in f.weights  # a Title Case headline word
    assert "d:2025-06-18" in f.weights
    assert date.fromordinal(f.event_day) == date(2025, 6, 18)
    assert f.weights["n:garut"] > f.weights.get("w:warga", 0)  # title and names weigh more


def test_glued_link_text_is_split_into_names():
    f = event_features("Kabar", "Kunjungan pemerintahanPrabowo Subianto ke Rusia.", None)
    assert "n:prabowo" in f.weights and "n:subianto" in f.weights


def test_weekdays_and_relative_words_resolve_against_publication():
    f = event_features(
        "Banjir", "Banjir melanda Cengkareng sejak kemarin dan Senin lalu.", GARUT_A[2]
    )
    assert {"d:2025-06-17", "d:2025-06-16"} <= set(f.weights)  # published Wednesday 18 June


def test_same_event_joins_and_another_earthquake_stays_apart():
    feats = _features()
    result = grouping.cluster(
        [grouping.Item(i, (ARTICLES[i][3].isoformat(),), f) for i, f in feats.items()],
        _df(feats),
        len(feats),
    )
    stories = {}
    for i, story in result.assignment.items():
        stories.setdefault(story, set()).add(ARTICLES[i][0])
    events = sorted(sorted(names) for names in stories.values() if len(names) > 1)
    assert events == []  # no story mixes two events
    grouped = {}
    for i, story in result.assignment.items():
        grouped.setdefault(story, []).append(ARTICLES[i][0])
    assert sorted(sorted(g) for g in grouped.values() if "garut" in g or "sumba" in g) == [
        ["garut", "garut"],
        ["sumba", "sumba"],
    ]
    chosen, _ = result.decisions[1]  # GARUT_B joined GARUT_A's story, for shared names
    assert chosen is not None and chosen.score >= grouping.THRESHOLD
    assert "n:cikelet" in dict(chosen.shared)


def test_clustering_is_the_same_in_every_input_order():
    feats = _features()
    df = _df(feats)
    results = set()
    for order in itertools.islice(itertools.permutations(feats), 0, 40320, 97):
        items = [grouping.Item(i, (ARTICLES[i][3].isoformat(),), feats[i]) for i in order]
        assignment = grouping.cluster(items, df, len(feats)).assignment
        groups = {}
        for i, story in assignment.items():
            groups.setdefault(story, set()).add(i)
        results.add(frozenset(frozenset(g) for g in groups.values()))
    assert len(results) == 1


def test_a_story_cannot_drift_far_from_its_first_days():
    feats = _features()
    df, docs = _df(feats), len(feats)
    profile = grouping.Profile()
    a = feats[0]
    profile.add(grouping.vector(a, df, docs), a.event_day)
    b = feats[1]
    near = grouping.match("s", grouping.vector(b, df, docs), b.event_day, profile)
    late = grouping.match("s", grouping.vector(b, df, docs), b.event_day + 10, profile)
    assert near.score >= grouping.THRESHOLD > late.score
    assert late.days_beyond == 10 - grouping.DAY_GRACE


def test_fixed_articles_keep_their_story():
    feats = _features()
    items = [grouping.Item(i, (ARTICLES[i][3].isoformat(),), f) for i, f in feats.items()]
    items[1] = grouping.Item(1, items[1].order, feats[1], fixed=99)  # an editor put it in 99
    result = grouping.cluster(items, _df(feats), len(feats))
    assert result.assignment[1] == 99
    assert result.assignment[0] != 99


def test_profile_round_trips_through_json():
    feats = _features()
    df, docs = _df(feats), len(feats)
    profile = grouping.Profile()
    for f in (feats[0], feats[1]):
        profile.add(grouping.vector(f, df, docs), f.event_day)
    again = grouping.Profile.from_json(profile.as_json())
    v = grouping.vector(event_features(*GARUT_B), df, docs)
    s = event_features(*SUMBA_A)
    assert (
        abs(grouping.match(0, v, 1, again).similarity - grouping.match(0, v, 1, profile).similarity)
        < 1e-4
    )
    assert (
        grouping.match(0, grouping.vector(s, df, docs), s.event_day, again).score
        < grouping.THRESHOLD
    )


def test_labels_read_as_plain_words():
    assert feature_label("d:2025-06-18") == ("date", "18 Juni 2025")
    assert feature_label("n:garut") == ("name", "Garut")
    assert feature_label("n:bmkg") == ("name", "BMKG")
    names = ["kpk", "wni", "bumn", "ojk", "iran", "joko", "bali", "ali", "al-hilal", "sumba"]
    shown = ["KPK", "WNI", "BUMN", "OJK", "Iran", "Joko", "Bali", "Ali", "Al-Hilal", "Sumba"]
    assert [feature_label("n:" + n)[1] for n in names] == shown
    assert feature_label("#:37 rumah") == ("number", "37 rumah")


def _report(day: int, level: str):
    """A constructed closing report of the Jakarta index on one trading day of June 2025."""
    weekday = {18: "Rabu", 19: "Kamis"}[day]
    return event_features(
        f"IHSG Ditutup Melemah ke Level {level}",
        f"Indeks Harga Saham Gabungan (IHSG) ditutup melemah ke level {level} pada perdagangan "
        f"{weekday} ({day}/6/2025). Investor asing mencatat jual bersih di Bursa Efek Indonesia "
        "(BEI), saham perbankan menjadi penekan indeks.",
        datetime(2025, 6, day, 16, 30, tzinfo=WIB),
    )


def test_a_report_of_another_trading_day_agrees_on_no_day():
    feats = _features()
    reports = [_report(18, "7.107"), _report(18, "7.107"), _report(19, "6.968")]
    df = _df({**feats, **{f"r{i}": f for i, f in enumerate(reports)}})
    docs = len(feats) + len(reports)
    profile = grouping.Profile()
    profile.add(grouping.vector(reports[0], df, docs), reports[0].event_day)
    same_day, next_day = (
        grouping.match("s", grouping.vector(r, df, docs), r.event_day, profile) for r in reports[1:]
    )
    assert same_day.day_agreement == 1.0 and next_day.day_agreement == 0.0
    assert next_day.days_beyond == 0  # one day apart: within the grace, only the dates differ
    # each reports on its own day only: another day's report is another event
    assert same_day.other_day == 0.0 and next_day.other_day == 1.0
    penalties = grouping.DATE_PENALTY + grouping.REPORT_PENALTY
    assert abs(next_day.score - (next_day.similarity - penalties)) < 1e-9
    assert same_day.score == same_day.similarity


def test_whole_stories_of_reports_of_two_days_pay_for_it():
    feats = _features()
    reports = [
        _report(18, "7.107"),
        _report(18, "7.107"),
        _report(19, "6.968"),
        _report(19, "6.968"),
    ]
    df = _df({**feats, **{f"r{i}": f for i, f in enumerate(reports)}})
    docs = len(feats) + len(reports)
    days = []
    for pair in (reports[:2], reports[2:]):
        days.append(grouping.Profile())
        for r in pair:
            days[-1].add(grouping.vector(r, df, docs), r.event_day)
    whole = grouping.story_match("a", *days)
    assert whole.other_day == 1.0 and whole.day_agreement == 0.0
    penalties = grouping.DATE_PENALTY + grouping.REPORT_PENALTY
    assert abs(whole.score - (whole.similarity - penalties)) < 1e-9


def test_whole_stories_are_merged_when_single_articles_did_not_join(monkeypatch):
    monkeypatch.setattr(grouping, "THRESHOLD", 1.01)  # no article joins another on its own
    feats = _features()
    items = [grouping.Item(i, (ARTICLES[i][3].isoformat(),), f) for i, f in feats.items()]
    result = grouping.cluster(items, _df(feats), len(feats))
    stories = {}
    for i, story in result.assignment.items():
        stories.setdefault(story, []).append(ARTICLES[i][0])
    assert sorted(sorted(g) for g in stories.values() if len(g) > 1) == [
        ["garut", "garut"],
        ["sumba", "sumba"],
    ]
    chosen, _ = result.decisions[1]  # GARUT_B's first story was merged into GARUT_A's
    assert chosen.whole and chosen.story == result.assignment[0]
    assert chosen.score >= grouping.MERGE_THRESHOLD and "n:cikelet" in dict(chosen.shared)


def test_merge_pass_scores_a_pair_again_only_when_one_of_its_stories_changed(monkeypatch):
    feats = _features()
    df, docs = _df(feats), len(feats)
    profiles = {}
    for story, i in {"a": 0, "b": 1, "c": 2, "d": 4}.items():  # Garut A, B, Sumba A, other
        profiles[story] = grouping.Profile()
        profiles[story].add(grouping.vector(feats[i], df, docs), feats[i].event_day)
    result = grouping.Clustering(dict(zip((0, 1, 2, 4), "abcd", strict=True)), {}, profiles)
    scored = []
    real = grouping.story_match

    def counting(keep, a, b, explain=False, sides=None):
        if not explain:
            scored.append(keep)
        return real(keep, a, b, explain, sides)

    monkeypatch.setattr(grouping, "story_match", counting)
    grouping.merge_pass(result, {"k1": {"a", "b", "c"}, "k2": {"c", "d"}}, set())
    assert result.assignment == {0: "a", 1: "a", 2: "c", 4: "d"}  # the two Garut stories merge
    # first round: a-b, a-c, b-c, c-d; second: only a-c (a changed), c-d is kept
    assert sorted(scored) == ["a", "a", "a", "b", "c"]


def test_titles_counting_one_thing_otherwise_keep_two_verdicts_apart(monkeypatch):
    feats = _features()
    verdicts = [event_features(*v) for v in (VERDICT_A, VERDICT_B, VERDICT_A2)]
    assert verdicts[0].title_numbers == ("12 tahun",) and verdicts[1].title_numbers == ("4 tahun",)
    n = len(feats)
    feats.update({n + i: f for i, f in enumerate(verdicts)})
    df, docs = _df(feats), len(feats)
    profile = grouping.Profile()
    profile.add(grouping.vector(verdicts[0], df, docs), verdicts[0].event_day)
    other, same = (
        grouping.match("s", grouping.vector(f, df, docs), f.event_day, profile)
        for f in verdicts[1:]
    )
    assert other.number_conflict == (1.0, "4 tahun", "12 tahun") and same.number_conflict == (
        0.0,
        "12 tahun",
        "12 tahun",
    )
    assert other.similarity >= grouping.THRESHOLD > other.score  # alike, but another sentence
    assert same.score >= grouping.THRESHOLD

    def stories():
        items = [grouping.Item(i, (f"{i:03}",), f) for i, f in feats.items()]
        assignment = grouping.cluster(items, df, docs).assignment
        return assignment[n], assignment[n + 1], assignment[n + 2]

    a, b, a2 = stories()
    assert a == a2 != b
    monkeypatch.setattr(grouping, "NUMBER_PENALTY", 0.0)
    a, b, a2 = stories()
    assert a == b  # without the count, the two verdicts read as one event
