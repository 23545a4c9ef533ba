"""Short constructed Indonesian news texts for grouping tests: two outlets on each of two
earthquakes (same topic, different events), and a market report on two trading days."""

from datetime import datetime, timedelta, timezone

WIB = timezone(timedelta(hours=7))

GARUT_A = (
    "Gempa Magnitudo 5,2 Guncang Garut, Puluhan Rumah Rusak",
    "Gempa bumi bermagnitudo 5,2 mengguncang Kabupaten Garut, Jawa Barat, pada Rabu (18/6/2025) "
    "pukul 14.05 WIB. Badan Meteorologi, Klimatologi, dan Geofisika (BMKG) mencatat pusat gempa "
    "berada 45 kilometer barat daya Garut pada kedalaman 10 kilometer.\n\n"
    "Kepala BPBD Garut Aah Anwar Saefuloh mengatakan 37 rumah warga di Kecamatan Cikelet rusak. "
    "Tidak ada korban jiwa dalam kejadian ini, warga sempat berhamburan ke luar rumah.",
    datetime(2025, 6, 18, 15, 30, tzinfo=WIB),
)
GARUT_B = (
    "BPBD: 37 Rumah di Cikelet Rusak Akibat Gempa Garut",
    "Sebanyak 37 rumah di Kecamatan Cikelet, Kabupaten Garut, rusak akibat gempa magnitudo 5,2 "
    "yang terjadi Rabu (18/6/2025) siang. Kepala BPBD Garut Aah Anwar Saefuloh menyebut petugas "
    "masih mendata kerusakan.\n\nMenurut BMKG, gempa di Garut dipicu aktivitas subduksi lempeng "
    "di selatan Jawa Barat. Warga Cikelet diminta tetap waspada terhadap gempa susulan.",
    datetime(2025, 6, 18, 19, 10, tzinfo=WIB),
)
SUMBA_A = (
    "Gempa Magnitudo 5,8 Guncang Sumba Timur, Warga Panik",
    "Gempa bumi bermagnitudo 5,8 mengguncang Kabupaten Sumba Timur, Nusa Tenggara Timur, pada "
    "Kamis (19/6/2025) pukul 06.20 WITA. BMKG menyebut pusat gempa berada 60 kilometer tenggara "
    "Waingapu pada kedalaman 25 kilometer.\n\nKepala Pelaksana BPBD Sumba Timur Umbu Maramba "
    "mengatakan warga Waingapu panik dan keluar rumah. Belum ada laporan kerusakan bangunan.",
    datetime(2025, 6, 19, 8, 0, tzinfo=WIB),
)
SUMBA_B = (
    "Warga Waingapu Berhamburan Saat Gempa Sumba Timur",
    "Warga Waingapu, Sumba Timur, berhamburan ke luar rumah saat gempa magnitudo 5,8 terjadi "
    "Kamis (19/6/2025) pagi. Umbu Maramba dari BPBD Sumba Timur memastikan tidak ada korban.\n\n"
    "BMKG mencatat gempa Sumba Timur berpusat di laut pada kedalaman 25 kilometer dan tidak "
    "berpotensi tsunami. Aktivitas warga Waingapu kembali normal siang harinya.",
    datetime(2025, 6, 19, 11, 45, tzinfo=WIB),
)
EVENTS = {"garut": [GARUT_A, GARUT_B], "sumba": [SUMBA_A, SUMBA_B]}

# Other news of those days: they make the common words of Indonesian reports common (IDF).
BACKGROUND = [
    (
        "Harga Cabai Rawit Naik di Pasar Kabupaten Bandung",
        "Harga cabai rawit di pasar tradisional Kabupaten Bandung, Jawa Barat, naik pada Rabu "
        "(18/6/2025). Kepala Dinas Perdagangan mengatakan warga diminta tidak panik karena "
        "pasokan akan kembali normal pekan depan.",
        datetime(2025, 6, 18, 9, 0, tzinfo=WIB),
    ),
    (
        "Banjir Rendam 120 Rumah Warga di Cengkareng",
        "Banjir merendam 120 rumah warga di Kecamatan Cengkareng, Jakarta Barat, pada Kamis "
        "(19/6/2025) pagi. Kepala BPBD DKI Jakarta mengatakan ketinggian air mencapai 50 "
        "sentimeter dan warga mulai mengungsi ke masjid terdekat.",
        datetime(2025, 6, 19, 10, 0, tzinfo=WIB),
    ),
    (
        "Kebakaran Gudang di Tangerang, Tidak Ada Korban Jiwa",
        "Kebakaran melanda sebuah gudang di Kabupaten Tangerang, Banten, pada Rabu (18/6/2025) "
        "pukul 21.00 WIB. Petugas pemadam kebakaran mengatakan tidak ada korban jiwa, warga "
        "sekitar sempat panik dan keluar rumah.",
        datetime(2025, 6, 18, 22, 30, tzinfo=WIB),
    ),
    (
        "BMKG Prakirakan Hujan Lebat di Jawa Barat",
        "BMKG memprakirakan hujan lebat disertai angin kencang di sebagian wilayah Jawa Barat "
        "pada Kamis (19/6/2025). Warga diminta waspada terhadap banjir dan tanah longsor, kata "
        "kepala stasiun BMKG setempat.",
        datetime(2025, 6, 19, 6, 0, tzinfo=WIB),
    ),
]

# Two verdicts of one bribery case on the same day (related, but two events), and a second
# outlet on the first verdict. Names and case are made up.
VERDICT_A = (
    "Eks Pejabat MA Darmawan Sukri Divonis 12 Tahun Penjara",
    "Majelis hakim Pengadilan Tipikor Jakarta menjatuhkan vonis 12 tahun penjara kepada mantan "
    "pejabat Mahkamah Agung Darmawan Sukri dalam perkara suap vonis bebas Hendra Wiratama, Rabu "
    "(18/6/2025). Hakim menyatakan Darmawan terbukti menerima suap untuk mengurus kasasi Hendra "
    "Wiratama di Mahkamah Agung.\n\nJaksa KPK sebelumnya menuntut Darmawan 15 tahun penjara. "
    "Uang suap disebut mengalir melalui pengacara keluarga Wiratama.",
    datetime(2025, 6, 18, 15, 0, tzinfo=WIB),
)
VERDICT_A2 = (
    "Darmawan Sukri Dihukum 12 Tahun Penjara, Hakim: Terdakwa Serakah",
    "Mantan pejabat Mahkamah Agung Darmawan Sukri dihukum 12 tahun penjara oleh majelis hakim "
    "Pengadilan Tipikor Jakarta, Rabu (18/6/2025). Hakim menilai Darmawan serakah karena menerima "
    "suap kasasi Hendra Wiratama.\n\nDarmawan menyatakan pikir-pikir atas vonis tersebut.",
    datetime(2025, 6, 18, 16, 30, tzinfo=WIB),
)
VERDICT_B = (
    "Ayah Hendra Wiratama Divonis 4 Tahun Penjara karena Suap Hakim",
    "Majelis hakim Pengadilan Tipikor Jakarta menjatuhkan vonis 4 tahun penjara kepada Bambang "
    "Wiratama, ayah Hendra Wiratama, dalam perkara suap kasasi di Mahkamah Agung, Rabu "
    "(18/6/2025). Hakim menyatakan Bambang terbukti menyuap pejabat Mahkamah Agung Darmawan "
    "Sukri melalui pengacara keluarga Wiratama.\n\nJaksa KPK sebelumnya menuntut 6 tahun penjara.",
    datetime(2025, 6, 18, 15, 40, tzinfo=WIB),
)
