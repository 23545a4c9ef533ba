"""Claim grouping and relation labels, on the demo story and on synthetic pairs."""

import pytest

from newsreader.analysis.claim_facts import (
    actors,
    date_differences,
    date_mentions,
    numbers,
    quantities,
)
from newsreader.analysis.claims import compare_claims
from newsreader.analysis.coreference import normalise_speakers
from newsreader.analysis.quotes import Quote, Speaker, extract_quotes
from tests.analysis.test_quotes import story  # noqa: F401  (shared fixture)


def story_groups(story):  # noqa: F811
    texts, quotes = story
    ids = sorted(quotes)
    return ids, compare_claims(normalise_speakers({i: quotes[s] for i, s in enumerate(ids)}))


def group_with(groups, doc, start_words):
    return next(
        g
        for g in groups
        if any(m.doc == doc and m.quote.text.startswith(start_words) for m in g.members)
    )


def test_altered_hertling_quote_shows_the_added_words(story):  # noqa: F811
    ids, groups = story_groups(story)
    g = group_with(groups, ids.index("004"), "Mereka juga merupakan dua pemimpin")
    assert g.relation == "altered"
    assert {m.doc for m in g.members} == {ids.index("003"), ids.index("004")}
    added = {text.strip() for op, text in g.diff if op != "equal"}
    assert {"putus asa", "(hina)"} <= added
    assert any("putus asa" in r and "(hina)" in r and "doc 3" in r for r in g.reasons)


def test_same_words_agree_and_paraphrase_by_same_speaker_agrees(story):  # noqa: F811
    ids, groups = story_groups(story)
    g = group_with(groups, ids.index("003"), "Ini akan menarik banyak perhatian")
    assert g.relation == "agree" and len(g.members) == 2
    g = group_with(groups, ids.index("003"), "Rusia berada dalam situasi putus asa")
    assert g.relation == "agree"
    assert {m.quote.kind for m in g.members} == {"direct", "reported"}


def test_same_statement_credited_to_two_people(story):  # noqa: F811
    ids, groups = story_groups(story)
    g = group_with(groups, ids.index("004"), "sekelompok pejabat Rusia lainnya")
    assert g.relation == "different_attribution"
    assert any(r.startswith("speaker differs:") and "Kirby" in r for r in g.reasons)


def test_every_claim_is_in_one_group_and_unmatched_ones_are_single_source(story):  # noqa: F811
    ids, groups = story_groups(story)
    singles = [g for g in groups if g.relation == "single_source"]
    assert singles and all(len({m.doc for m in g.members}) == 1 for g in singles)
    assert all(g.reasons and 0 <= g.confidence <= 1 for g in groups)
    assert [g.id for g in groups] == list(range(len(groups)))


def _q(text, name, kind="direct", cue="kata"):
    return Quote(
        0, len(text), text, kind, Speaker(name) if name else None, cue, None, None, "cue-after"
    )


@pytest.mark.parametrize(
    ("a", "b", "reason"),
    [
        (
            "Pemerintah akan menaikkan harga bahan bakar minyak pekan depan",
            "Pemerintah tidak akan menaikkan harga bahan bakar minyak pekan depan",
            "negasi berlawanan: 'tidak naik' di doc 2, 'naik' tanpa negasi di doc 1",
        ),
        (
            "Sebanyak 10 orang tewas dalam banjir bandang di desa itu",
            "Sebanyak 12 orang tewas dalam banjir bandang di desa itu",
            "angka berbeda: 10 orang vs 12 orang",
        ),
        (
            "Kerugian akibat kebakaran pasar mencapai Rp 1,5 miliar menurut polisi",
            "Kerugian akibat kebakaran pasar mencapai Rp 2.000 juta menurut polisi",
            "angka berbeda: mencapai Rp 1,5 miliar vs mencapai Rp 2.000 juta",
        ),
        (
            "Putin dan Kim bertemu di kosmodrom pada 13 September 2023 untuk membahas kerja sama",
            "Putin dan Kim bertemu di kosmodrom pada 14 September 2023 untuk membahas kerja sama",
            "tanggal berbeda: 13 September 2023 vs 14 September 2023",
        ),
        (
            "Menteri itu mengunjungi pabrik senjata di perbatasan pada hari Senin bersama rombongan",
            "Menteri itu mengunjungi pabrik senjata di perbatasan pada hari Selasa bersama rombongan",
            "tanggal berbeda: Senin vs Selasa",
        ),
        (
            "Kesepakatan senjata itu dibahas para pejabat kedua negara pekan lalu secara tertutup",
            "Kesepakatan senjata itu dibahas para pejabat kedua negara bulan lalu secara tertutup",
            None,  # different units are not comparable: no date conflict
        ),
        (
            "Kesepakatan senjata itu dibahas para pejabat kedua negara pekan lalu secara tertutup",
            "Kesepakatan senjata itu dibahas para pejabat kedua negara pekan ini secara tertutup",
            "tanggal berbeda: pekan lalu vs pekan ini",
        ),
        (
            "Kim akan bertemu Putin di Vladivostok untuk membahas pasokan amunisi artileri",
            "Kim akan bertemu Putin di Moskow untuk membahas pasokan amunisi artileri",
            "tempat berbeda: Vladivostok vs Moskow",
        ),
        (
            "Presiden Rusia kehilangan puluhan ribu tentara dalam perang di Ukraina tahun ini",
            "Presiden Rusia kehilangan ratusan tentara dalam perang di Ukraina tahun ini",
            "angka berbeda: puluhan ribu tentara vs ratusan tentara",
        ),
    ],
)
def test_conflicts_name_their_evidence(a, b, reason):
    groups = compare_claims({1: [_q(a, "Budi Santoso")], 2: [_q(b, "Budi Santoso")]})
    assert len(groups) == 1
    if reason is None:
        assert groups[0].relation != "conflict"
        return
    assert groups[0].relation == "conflict"
    assert any(r in (reason, f"{reason} (doc 1 vs doc 2)") for r in groups[0].reasons)
    assert 0 < groups[0].confidence < 0.9


@pytest.mark.parametrize(
    ("a", "b", "reason"),
    [
        (
            "Rusia telah menghabiskan banyak persediaan senjata dalam lebih dari 18 bulan perang",
            "Rusia telah menghabiskan banyak persediaan senjata dalam 18 bulan perang",
            "quantity qualifier differs: 'lebih dari 18 bulan' vs '18 bulan' (doc 1 vs doc 2)",
        ),
        (
            "Kim berencana bertemu dengan Presiden Rusia Vladimir Putin akhir bulan ini di sana",
            "Kim berencana bertemu dengan Presiden Rusia Vladimir Putin bulan ini di sana",
            "date qualifier differs: 'akhir bulan ini' vs 'bulan ini' (doc 1 vs doc 2)",
        ),
        (
            "Kim berencana melakukan perjalanan ke Pyongyang untuk pembicaraan lebih lanjut",
            "Kim berencana melakukan perjalanan ke Korea Utara untuk pembicaraan lebih lanjut",
            None,  # the capital lies in the country: same place, not a conflict
        ),
    ],
)
def test_qualifier_and_compatible_differences_are_not_conflicts(a, b, reason):
    groups = compare_claims({1: [_q(a, "Budi Santoso")], 2: [_q(b, "Budi Santoso")]})
    assert len(groups) == 1 and groups[0].relation == "altered"
    assert not any("berbeda:" in r for r in groups[0].reasons)
    if reason:
        assert reason in groups[0].reasons


def test_dates_and_quantities_in_the_sample_text(story):  # noqa: F811
    texts, _ = story
    found = {(d.kind, d.value, d.part) for t in texts.values() for d in date_mentions(t)}
    assert {
        ("day", (2023, 9, 13), None),  # Rabu 13 September 2023 (Galamedia)
        ("day", (2023, 9, 14), None),
        ("day", (2023, 9, 12), None),  # Selasa (12/9/2023) (Sindonews)
        ("relative", ("week", -1), None),  # Pekan lalu
        ("relative", ("month", 0), "end"),  # akhir bulan ini (Tribunnews)
        ("relative", ("month", 0), None),  # bulan ini
        ("year", (2006, 2008), None),  # dari tahun 2006 hingga 2008
        ("weekday", (0,), None),  # Senin
    } <= found
    galamedia = texts["002"]
    meeting = next(s for s in galamedia.split("\n\n") if "Rabu 13 September" in s)
    kim = next(s for s in galamedia.split("\n\n") if "Kamis 14 September" in s)
    conflicts, _ = date_differences(date_mentions(meeting), date_mentions(kim))
    assert conflicts == ["tanggal berbeda: Rabu 13 September 2023 vs Kamis 14 September 2023"]
    troops = {(q.number, q.qualifier) for q in quantities(galamedia)}
    assert {("puluhan ribu", None), ("18", "lebih dari")} <= troops
    assert "2006" not in {q.number for q in quantities(texts["004"])}  # a year, not a count


def test_denials_by_the_same_states_conflict_with_budanov(story):  # noqa: F811
    ids, groups = story_groups(story)
    g = group_with(groups, ids.index("001"), "tuduhan AS mengenai senjata")
    names = {m.quote.speaker.name for m in g.members}
    assert {"Korut dan Rusia", "Moskow dan Pyongyang", "Kyrylo Budanov"} <= names
    assert g.relation == "conflict"
    (reason,) = [r for r in g.reasons if r.startswith("penyangkalan lawan pernyataan")]
    assert "Moskow dan Pyongyang (doc 2) membantah" in reason
    assert "Kyrylo Budanov (doc 2)" in reason and "menyatakan" in reason
    budanov = next(m for m in g.members if m.quote.speaker.name == "Kyrylo Budanov")
    assert budanov.quote.text.startswith("Korea Utara telah memasok senjata ke Rusia")
    assert (
        actors("Moskow dan Pyongyang")
        == actors("Baik Korut maupun Rusia")
        == {
            "Rusia",
            "Korea Utara",
        }
    )
    assert actors("pejabat AS") is None


def test_every_group_gives_reasons_and_a_confidence(story):  # noqa: F811
    ids, groups = story_groups(story)
    assert {g.relation for g in groups} >= {"agree", "altered", "different_attribution"}
    for g in groups:
        assert g.reasons and all(r.strip() for r in g.reasons), g
        assert 0 < g.confidence <= 1, g
        if g.relation == "single_source":
            (doc,) = {m.doc for m in g.members}
            assert g.reasons[0].startswith(f"only in doc {doc} ")
        if g.relation == "different_attribution":
            assert any(r.startswith("speaker differs:") for r in g.reasons)


def test_denial_against_assertion_is_a_conflict():
    text = "Rusia telah menerima kiriman senjata dari Korea Utara bulan lalu"
    assertion = extract_quotes(f"Gedung Putih mengatakan {text}.")
    denial = extract_quotes(f"Kremlin membantah {text}.")
    g = compare_claims({1: assertion, 2: denial})
    assert [x.relation for x in g] == ["conflict"]
    assert any("membantah" in r for r in g[0].reasons)


def test_unrelated_claims_stay_apart():
    groups = compare_claims(
        {
            1: [_q("Harga beras naik karena panen gagal di banyak daerah", "Andi")],
            2: [_q("Tim nasional menang dua gol tanpa balas tadi malam", "Budi")],
        }
    )
    assert [g.relation for g in groups] == ["single_source", "single_source"]


def test_indonesian_numbers():
    assert numbers("1.000 orang dan 1,5 miliar rupiah") == {1000.0, 1.5e9}
    assert numbers("sepuluh ribu tentara, seratus tank dan 18 bulan") == {10000.0, 100.0, 18.0}
    assert numbers("pada Rabu (13/9/2023) dan 13 September") == set()  # dates are not counts


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (  # `tidak` negates another predicate than the one both claims share
            "Warga mengungsi ke balai desa karena banjir dan listrik tidak menyala",
            "Warga mengungsi ke balai desa karena banjir dan listrik padam sejak pagi",
        ),
        (  # hectares against a count of permits: different units, nothing to compare
            "Perusahaan tambang itu membuka lahan hutan lindung seluas 13.136 hektare di kawasan itu",
            "Perusahaan tambang itu membuka lahan hutan lindung dengan satu izin di kawasan itu",
        ),
        (  # a number word and its digits
            "Korban tewas dalam kecelakaan bus di tol itu berjumlah kedua puluh satu orang",
            "Korban tewas dalam kecelakaan bus di tol itu berjumlah 21 orang",
        ),
        (
            "Jumlah pengungsi erupsi gunung itu mencapai seratus enam puluh lima orang",
            "Jumlah pengungsi erupsi gunung itu mencapai 165 orang",
        ),
        (  # a range allows the exact figure
            "Penonton konser di stadion itu lebih dari 2000 orang menurut panitia",
            "Penonton konser di stadion itu 2.676 orang menurut panitia",
        ),
        (
            "Peserta vaksinasi di puskesmas itu belum mencapai 500 orang pekan ini",
            "Peserta vaksinasi di puskesmas itu 492 orang pekan ini",
        ),
    ],
)
def test_no_conflict_without_shared_evidence(a, b):
    groups = compare_claims({1: [_q(a, "Budi Santoso")], 2: [_q(b, "Budi Santoso")]})
    assert len(groups) == 1
    assert groups[0].relation != "conflict", groups[0].reasons


def test_currency_and_composed_numbers():
    assert [(q.low, q.unit) for q in quantities("tiket Rp10.000 per orang")] == [
        (10000.0, "rupiah")
    ]
    assert [q.low for q in quantities("bantuan Rp2,4 juta")] == [2.4e6]
    assert numbers("seratus enam puluh lima") == {165.0}
    assert numbers("kedua puluh satu") == {21.0}
    assert numbers("dua ribu tiga ratus") == {2300.0}


def test_figures_of_one_unit_conflict():
    groups = compare_claims(
        {
            1: [_q("Banjir merendam 120 rumah warga di tepi sungai itu semalam", "Budi Santoso")],
            2: [_q("Banjir merendam 300 rumah warga di tepi sungai itu semalam", "Budi Santoso")],
        }
    )
    assert groups[0].relation == "conflict"
    assert "angka berbeda: 120 rumah vs 300 rumah (doc 1 vs doc 2)" in groups[0].reasons


def test_an_unknown_place_is_for_review_not_a_conflict():
    groups = compare_claims(
        {
            1: [_q("Longsor menimbun tiga rumah warga di Cibadak pada malam hari", "Asep")],
            2: [_q("Longsor menimbun tiga rumah warga di Sukabumi pada malam hari", "Asep")],
        }
    )
    assert groups[0].relation == "review"
    assert groups[0].reasons[0].startswith("perlu ditinjau:")
    assert "Cibadak vs Sukabumi" in groups[0].reasons[0]


def test_year_bounds():
    before = date_mentions("Gedung itu dibangun sebelum tahun 1990 oleh pemerintah kota")
    assert [m.value for m in before] == [(1, 1989)]
    assert date_differences(before, date_mentions("dibangun pada tahun 1984")) == ([], [])
    later = date_differences(before, date_mentions("dibangun pada tahun 1995"))
    assert later[0] == ["tanggal berbeda: sebelum tahun 1990 vs tahun 1995"]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Idul Adha", "Iduladha"),
        ("Idul Adha", "Idul-Adha"),
        ("bulan Ramadhan", "bulan Ramadan"),
        ("praktek", "praktik"),
    ],
)
def test_spelling_variants_are_not_altered_wording(a, b):
    said = "Kami akan menyembelih sapi kurban pada {} tahun ini di masjid raya kota"
    groups = compare_claims(
        {
            1: [_q(said.format(a), "Budi Santoso", kind="direct")],
            2: [_q(said.format(b), "Budi Santoso", kind="direct")],
        }
    )
    assert [g.relation for g in groups] == ["agree"]


def test_a_real_change_beside_a_spelling_variant_names_only_the_change():
    said = "Kami akan menyembelih {}sapi kurban pada Hari Raya {} tahun ini di masjid raya"
    groups = compare_claims(
        {
            1: [_q(said.format("", "Idul Adha"), "Budi Santoso", kind="direct")],
            2: [_q(said.format("dua ", "Iduladha"), "Budi Santoso", kind="direct")],
        }
    )
    assert groups[0].relation == "altered"
    assert [r for r in groups[0].reasons if "added" in r] == ["words added in doc 2: 'dua'"]
