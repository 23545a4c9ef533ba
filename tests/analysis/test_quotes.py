"""Quote extraction and speaker attribution on the demo samples and on hard synthetic cases."""

import importlib.util
from pathlib import Path

import pytest

from newsreader.analysis.cleaning import extract
from newsreader.analysis.coreference import normalise_speakers
from newsreader.analysis.quotes import MARKS, Quote, Speaker, extract_quotes

ROOT = Path(__file__).resolve().parents[2]


def _load_eval():
    spec = importlib.util.spec_from_file_location("eval_quotes", ROOT / "bench" / "eval_quotes.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def story():
    texts = {
        p.name[:3]: extract(p.read_text(encoding="utf-8")).clean_text
        for p in sorted((ROOT / "newsreader" / "samples").glob("*.txt"))
    }
    return texts, {sid: extract_quotes(t) for sid, t in texts.items()}


def find(quotes, start_words):
    hits = [q for q in quotes if q.text.startswith(start_words)]
    assert hits, f"no quote starting {start_words!r}"
    return hits[0]


def test_offsets_point_at_the_quoted_words(story):
    texts, quotes = story
    for sid, qs in quotes.items():
        for q in qs:
            assert q.text == texts[sid][q.start : q.end]
            assert q.text.strip() == q.text
            assert q.kind == "reported" or q.text[0] not in MARKS
            if q.cue_start is not None:
                assert texts[sid][q.cue_start :].startswith(q.cue)


def test_missing_opening_mark_and_pronoun_cue(story):
    q = find(story[1]["002"], "Sudah satu setengah bulan")
    assert q.kind == "direct" and q.cue == "ujarnya"
    assert q.speaker.name == "Kyrylo Budanov"
    assert q.attribution == "pronoun->Kyrylo Budanov"


def test_missing_closing_mark_then_mismatched_pair(story):
    qs = story[1]["003"]
    unclosed = find(qs, "peluru artileri kaliber besar")
    assert unclosed.kind == "partial" and unclosed.speaker.name == "Mark Hertling"
    nxt = find(qs, "Bukan senjata presisi")
    assert nxt.kind == "direct" and nxt.speaker.name == "Herling" and nxt.cue == "kata"


def test_quote_continuing_over_paragraphs(story):
    q = find(story[1]["003"], "Mereka menggunakan sistem senjata")
    assert q.speaker.name == "Marks" and q.attribution == "continuation"
    q = find(story[1]["000"], "Saya tidak yakin seberapa banyak")
    assert q.speaker.name == "Mark Milley" and q.attribution == "continuation"


def test_two_quotes_in_one_paragraph(story):
    first = find(story[1]["004"], "Mereka juga merupakan")
    second = find(story[1]["004"], "Ini menunjukkan bahwa Putin")
    assert first.speaker == Speaker("Mark Hertling") and first.addressee == "CNN"
    assert second.speaker == first.speaker and second.attribution == "continuation"


def test_nicknames_and_show_names_are_not_quotes(story):
    texts = " ".join(q.text for qs in story[1].values() for q in qs if q.kind != "reported")
    assert "Spider" not in texts and "Scenario Room" not in texts
    q = find(story[1]["004"], "Tidak ada yang strategis")
    assert q.addressee == "Scenario Room CNN"


def test_short_embedded_phrases_are_partial(story):
    for sid, words in [
        ("003", "singnifikansi besar"),
        ("001", "lebih bersifat permukaan"),
        ("000", "membuat perbedaan mendasar"),
    ]:
        assert find(story[1][sid], words).kind == "partial"
    assert find(story[1]["003"], "singnifikansi").speaker.name == "Mark Hertling"


def test_pronoun_and_description_resolve_to_the_last_named_speaker(story):
    qs = story[1]["000"]
    assert find(qs, "Ini cukup menarik").speaker.name == "Mark Milley"
    described = find(qs, "Jadi tidak mengherankan")
    assert described.speaker.name == "Mark Milley" and described.attribution.startswith(
        "descriptive->"
    )
    assert find(story[1]["003"], "Saya pribadi tidak berpikir").speaker.name == "Mark Hertling"


def test_appositive_speakers_keep_role_apart(story):
    marks = find(story[1]["003"], "Rusia berada dalam situasi putus asa")
    assert marks.speaker == Speaker("James Marks", "purnawirawan Mayor Jenderal Angkatan Darat AS")
    assert marks.attribution == "appositive"
    miller = find(story[1]["002"], "Kami telah mengambil")
    assert miller.speaker == Speaker("Matthew Miller", "juru bicara Departemen Luar Negeri AS")
    everard = find(story[1]["004"], "persediaan minyak")
    assert everard.kind == "reported" and everard.speaker.name == "John Everard"
    assert everard.speaker.role.startswith("duta besar Inggris") and everard.addressee == "BBC"


def test_reported_speech_and_denials_are_claims(story):
    reported = {
        sid: {(q.speaker.name if q.speaker else None, q.cue) for q in qs if q.kind == "reported"}
        for sid, qs in story[1].items()
    }
    assert ("John Kirby", "menolak") in reported["001"]
    assert ("Korut dan Rusia", "membantah") in reported["001"]
    assert ("Moskow dan Pyongyang", "membantah") in reported["002"]
    assert ("Kremlin", "menolak") in reported["004"]
    q = find(story[1]["004"], "kemitraan yang dilaporkan")
    assert q.kind == "reported" and q.speaker.name == "Marks" and q.cue == "mengatakan"


def test_unknown_speaker_is_none_not_a_guess(story):
    q = find(story[1]["003"], "mencari bantuan pangan")
    assert q.speaker is None and q.attribution == "none"


@pytest.mark.parametrize(
    ("text", "quoted", "speaker", "kind"),
    [
        (
            '"Kami tidak akan mundur dari sini," kata Budi.',
            "Kami tidak akan mundur dari sini",
            "Budi",
            "direct",
        ),
        (
            "”Harga naik tajam bulan ini,” ujar Siti.",
            "Harga naik tajam bulan ini",
            "Siti",
            "direct",
        ),
        (
            'Menurut Andi, "semua warga sudah dievakuasi dari lokasi."',
            "semua warga sudah dievakuasi dari lokasi.",
            "Andi",
            "direct",
        ),
        (
            'Kapolres Bogor, AKBP Yusuf Rahman, mengatakan: "Pelaku sudah kami tangkap tadi malam."',
            "Pelaku sudah kami tangkap tadi malam.",
            "Yusuf Rahman",
            "direct",
        ),
    ],
)
def test_synthetic_cases(text, quoted, speaker, kind):
    q = next(q for q in extract_quotes(text) if q.kind != "reported")
    assert (q.text, q.kind) == (quoted, kind)
    assert (q.speaker.name if q.speaker else None) == speaker


@pytest.mark.parametrize(
    "text",
    [
        "Kawasan itu kini dijuluki “kampung mati” sejak banjir.",
        "Polisi menangkap pria berjuluk “Kolor Ijo” di pasar.",
        "Anak-anak bermain gim “Perang Bintang” sampai malam.",
        "Warga menyebut tikungan itu dengan istilah “jebakan maut” bagi pengendara.",
        "Pertunjukan “Malam Seribu Lampu” ditonton ribuan orang.",
    ],
)
def test_nicknames_titles_and_terms_are_not_quotes(text):
    assert [q for q in extract_quotes(text) if q.kind != "reported"] == []


def test_a_short_quote_with_its_cue_is_still_a_quote():
    q = extract_quotes("“Kami Siap,” kata Budi Santoso.")[0]
    assert q.text == "Kami Siap" and q.speaker.name == "Budi Santoso"


def test_title_first_speaker_role_is_kept():
    q = extract_quotes(
        'Kapolres Bogor, AKBP Yusuf Rahman, mengatakan: "Pelaku sudah kami tangkap."'
    )[0]
    assert q.speaker.role == "Kapolres Bogor, AKBP"


def test_normalise_speakers_merges_titles_slips_and_surnames():
    def quote(name, role=None):
        return Quote(0, 4, "teks", "direct", Speaker(name, role), "kata", 5, None, "cue-after")

    out = normalise_speakers(
        {
            3: [quote("Hertling"), quote("Herling"), quote("Marks")],
            4: [quote("Mark Hertling", "Pensiunan Letjen"), quote("James Marks")],
            5: [quote("Kremlin")],
        }
    )
    assert [q.speaker.name for q in out[3]] == ["Mark Hertling", "Mark Hertling", "James Marks"]
    assert out[4][0].speaker.role == "Pensiunan Letjen" and out[5][0].speaker.name == "Kremlin"


def test_normalise_speakers_leaves_ambiguous_surnames_alone():
    q = lambda n: Quote(0, 4, "teks", "direct", Speaker(n), "kata", 5, None, "cue-after")  # noqa: E731
    out = normalise_speakers({1: [q("Kim")], 2: [q("Adam Smith"), q("Smith"), q("Jane Smith")]})
    assert out[2][1].speaker.name == "Smith" and out[1][0].speaker.name == "Kim"


def test_scores_meet_the_thresholds():
    evaluation = _load_eval()
    scores = evaluation.score()
    assert scores["quote_f1"] >= 0.9
    assert scores["speaker_accuracy"] >= 0.9
    assert scores["relation_precision"] >= 0.8
    assert scores["relation_recall"] >= 0.8
    confusion = scores["_confusion"]
    assert (
        sum(n for (gold, _), n in confusion.items() if gold != "-") == scores["relation_pairs_gold"]
    )
    assert scores["different_attribution_precision"] >= 0.8
    assert "different_attribution" in evaluation.confusion_table(confusion)
