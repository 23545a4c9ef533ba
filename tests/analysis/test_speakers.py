"""Speaker attribution on constructed Indonesian sentences: appositives, institutions, cues."""

import pytest

from newsreader.analysis.framing.sourcing import resolve_speaker
from newsreader.analysis.quotes import extract_quotes
from newsreader.analysis.speakers import is_person, parse_speaker


def speaker_of(text: str, start_words: str) -> str | None:
    quote = next(q for q in extract_quotes(text) if q.text.startswith(start_words))
    return quote.speaker.name if quote.speaker else None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "“Hasil tangkapan turun separuh sejak Mei,” kata Budi Santoso, "
            "Ketua Koperasi Nelayan Mina Jaya, kepada wartawan.",
            "Budi Santoso",
        ),
        (
            "“Air tanah di kawasan itu terus turun,” kata peneliti Universitas Padjadjaran, "
            "Rina Wati, Senin.",
            "Rina Wati",
        ),
        (
            "“Warga kami minta mengungsi malam ini,” kata Kepala Badan Penanggulangan Bencana "
            "Daerah (BPBD) Garut, Asep Surya.",
            "Asep Surya",
        ),
        (
            "“Pemeriksaan saksi dijadwalkan pekan depan,” ujar Kapuspenkum Kejagung Harli Siregar.",
            "Harli Siregar",
        ),
        (
            "“Pelaku ditangkap di rumahnya,” kata Kapolres Sukamaju, AKBP Dedi Kurnia.",
            "Dedi Kurnia",
        ),
    ],
)
def test_role_and_institution_are_not_the_person(text, expected):
    assert speaker_of(text, text[1:12]) == expected


def test_institution_names_are_bodies_not_people():
    assert parse_speaker("peneliti Universitas Padjadjaran") is None  # a role, no name
    assert not is_person(parse_speaker("Koperasi Nelayan Mina Jaya"))
    assert parse_speaker("Istri Budi Santoso").name == "Istri Budi Santoso"
    assert not is_person(parse_speaker("Istri Budi Santoso"))


def test_pronoun_cue_points_to_the_person_named_last_not_the_last_speaker():
    text = (
        "“Kami akan menambah armada bus,” kata Gubernur Dedi Mulyadi.\n\n"
        "Wakil Gubernur Rudi Hartono lalu menjelaskan rencana itu di depan warga.\n\n"
        "“Tarifnya tidak akan naik tahun ini,” katanya."
    )
    assert speaker_of(text, "Kami akan menambah") == "Dedi Mulyadi"
    assert speaker_of(text, "Tarifnya tidak") == "Rudi Hartono"


def test_first_pronoun_cue_takes_the_person_named_before():
    text = (
        "Ketua RT setempat, Slamet Riyadi, datang ke lokasi pagi itu.\n\n"
        "“Airnya naik sampai sepinggang,” ujarnya."
    )
    assert speaker_of(text, "Airnya naik") == "Slamet Riyadi"


@pytest.mark.parametrize("cue", ["tulis", "harap", "tutup", "imbuh", "tegas", "jelas"])
def test_more_cue_words(cue):
    text = f"“Semua pihak harus menahan diri dulu,” {cue} Ahmad Fauzi."
    assert speaker_of(text, "Semua pihak") == "Ahmad Fauzi"


@pytest.mark.parametrize("cue", ["pesannya", "imbuhnya", "tambahnya", "tegasnya", "jelasnya"])
def test_more_pronoun_cues(cue):
    text = (
        "“Jalan ini ditutup sampai Jumat,” kata Bupati Sri Wahyuni.\n\n"
        f"“Gunakan jalur alternatif lewat utara,” {cue}."
    )
    assert speaker_of(text, "Gunakan jalur") == "Sri Wahyuni"


@pytest.mark.parametrize("opener", ["Bahkan", "Padahal", "Mulanya"])
def test_sentence_openers_are_not_names(opener):
    speaker = parse_speaker(f"{opener} Menlu Sugiono")
    assert speaker.name == "Sugiono"
    assert opener not in (speaker.role or "")


@pytest.mark.parametrize(
    ("name", "role", "group"),
    [
        ("Harli Siregar", "Kapuspenkum Kejagung", "id_officials"),
        ("Asep Surya", "Kapolres Garut AKBP", "id_officials"),
        ("Dedi Mulyadi", "Gubernur Jawa Barat", "id_officials"),
        ("Rina Wati", "peneliti Universitas Padjadjaran", "academic"),
        ("Agus Salim", "Direktur Utama PT Sinar Maju Tbk", "company"),
        ("Siti Aminah", "Direktur LBH Bandung", "ngo"),
        ("Sergei Lavrov", "Menteri Luar Negeri Rusia", "russia"),
    ],
)
def test_indonesian_affiliations(name, role, group):
    assert resolve_speaker(name, role)[1] == group
