"""Speaker patterns seen on real multi-outlet pages, on constructed sentences of the same shape:
role, institution and place before a name without a comma, words glued by removed links,
question-and-answer cues, pronouns and descriptions that point back to a named person."""

import pytest

from newsreader.analysis.coreference import normalise_speakers
from newsreader.analysis.quotes import extract_quotes
from newsreader.analysis.regions import containers
from newsreader.analysis.speakers import parse_speaker


def speaker_of(text: str, start_words: str) -> str | None:
    quote = next(q for q in extract_quotes(text) if q.text.startswith(start_words))
    return quote.speaker.name if quote.speaker else None


@pytest.mark.parametrize(
    ("phrase", "name", "role"),
    [
        (
            "Kepala Dinas Kesehatan Garut Asep Hidayat",
            "Asep Hidayat",
            "Kepala Dinas Kesehatan Garut",
        ),
        ("Kepala Kemenag Sleman Yusuf Hamdani", "Yusuf Hamdani", "Kepala Kemenag Sleman"),
        ("Analis PT Sinar Sekuritas Indonesia Rudi Tanoto", "Rudi Tanoto", None),
        ("Komisaris Polisi Dani Saputra", "Dani Saputra", "Komisaris Polisi"),
        ("Profesor Hasan Abdul Hakim", "Hasan Abdul Hakim", "Profesor"),
        ("pernyataan Kedutaan Besar Jepang", "Kedutaan Besar Jepang", None),
        ("Yang MuliaIvan Petrov", "Ivan Petrov", None),
        ("Bupati Garut Rudy Permana", "Rudy Permana", "Bupati Garut"),
    ],
)
def test_role_institution_and_place_before_a_name(phrase, name, role):
    speaker = parse_speaker(phrase)
    assert speaker is not None and speaker.name == name
    if role:
        assert speaker.role == role


@pytest.mark.parametrize("phrase", ["pernyataan tersebut", "Warga Garut", "Bekasi"])
def test_a_statement_or_a_place_is_no_speaker(phrase):
    speaker = parse_speaker(phrase)
    assert speaker is None or speaker.name in {"Bekasi"} and not speaker.role


def test_a_person_whose_name_starts_with_a_place_is_kept():
    assert parse_speaker("Agam Pratama").name == "Agam Pratama"


def test_a_word_glued_to_a_name_is_cut_off():
    text = (
        "Rangga Wijayaberbagi cerita tentang latihan pertamanya.\n\n"
        "“Semua pemain di sini sangat cepat,” ujar Rangga kepada wartawan."
    )
    assert speaker_of(text, "Semua pemain") == "Rangga Wijaya"


def test_short_name_takes_the_full_name_named_after_or_as_a_prefix():
    text = (
        "Analis PT Sinar Sekuritas Indonesia Rudi Tanoto menilai pasar masih kuat.\n\n"
        "“Indeks bisa naik lagi besok,” kata Rudi.\n\n"
        "Kader sekaligus advokat, Wirabumi Harahap, datang ke Bareskrim.\n\n"
        "“Kami minta keadilan,” imbuh Wira."
    )
    assert speaker_of(text, "Indeks bisa") == "Rudi Tanoto"
    assert speaker_of(text, "Kami minta") == "Wirabumi Harahap"


def test_question_and_answer_cues():
    text = (
        "“Saudara ingat nomor itu?” tanya jaksa KPK, Wawan Setiawan, di pengadilan.\n\n"
        "“Tidak ingat lagi,” jawab Cecep.\n\n"
        "“Nomor dalam negeri itu?” tanya jaksa lagi.\n\n"
        "“Iya, yang itu,” sahut Cecep."
    )
    assert speaker_of(text, "Saudara ingat") == "Wawan Setiawan"
    assert speaker_of(text, "Tidak ingat") == "Cecep"
    assert speaker_of(text, "Nomor dalam") == "Wawan Setiawan"  # the jaksa, not the last person
    assert speaker_of(text, "Iya, yang") == "Cecep"


@pytest.mark.parametrize(
    ("lead", "name"),
    [
        ("Novi menceritakan, truk itu datang pagi hari.", "Novi"),
        ("Saat itu, lanjut Novi, ada tiga orang di lokasi.", "Novi"),
        ("Penangkapan itu dikonfirmasi oleh Kasat Narkoba AKP Vernal Sitompul.", "Vernal Sitompul"),
        ("Pegawai lain bernama Liza justru setuju.", "Liza"),
        ("Hal itu disampaikan Duta Besar Iran, Ali Rezaei kepada wartawan.", "Ali Rezaei"),
    ],
)
def test_pronoun_cue_takes_the_last_person_named_in_the_text(lead, name):
    text = f"Budi Santoso sempat datang ke sana.\n\n{lead}\n\n“Semua sudah kami periksa,” ujarnya."
    assert speaker_of(text, "Semua sudah") == name


def test_an_object_of_a_noun_is_not_the_referent():
    text = (
        "Jenderal Milley menggambarkan permintaan senjata oleh Putin kepada Kim.\n\n"
        "“Ini menarik,” katanya."
    )
    assert speaker_of(text, "Ini menarik") == "Milley"


def test_an_ordinary_word_opening_a_sentence_is_no_speaker():
    text = (
        "Mengenai tenggat waktu itu, juru bicara tidak menjawab.\n\n"
        "Tenggat itu datang setelah rapat panjang, dan mengatakan bahwa “jalan masih terbuka”."
    )
    assert all(q.speaker is None or q.speaker.name != "Tenggat" for q in extract_quotes(text))


def test_unclosed_quote_ending_in_its_cue():
    text = "“Kami tetap harus ke kantor pada hari kerja jarak jauh,ungkap Nur.\n\nIa lalu pergi."
    q = extract_quotes(text)[0]
    assert q.text.endswith("jarak jauh") and q.speaker.name == "Nur"


def test_first_name_and_full_name_are_one_speaker_in_a_story():
    quotes = normalise_speakers(
        {
            0: extract_quotes("“Harga minyak akan turun,” kata Menteri Bahlil Lahadalia."),
            1: extract_quotes("“Kami tidak impor lagi,” ujar Bahlil di Jakarta."),
        }
    )
    assert {q.speaker.name for qs in quotes.values() for q in qs} == {"Bahlil Lahadalia"}


def test_regions_lie_in_their_province():
    assert containers("Garut") == {"Jawa Barat", "Indonesia"}
    assert "Jawa Barat" in containers("Banjar") and "Kalimantan Selatan" in containers("Banjar")
    assert containers("Jabar") == {"Indonesia"}
