"""A bulk import reads each outlet once per batch; outlets it creates meanwhile are seen by the
rest of the batch (no second outlet for the same domain or name)."""

from newsreader.models import Outlet
from newsreader.services.imports import articles_import_bulk


def page(n: int) -> bytes:
    return (
        f"Banjir melanda kampung nomor {n} sejak Senin pagi. Warga mengungsi ke balai desa, "
        f"kata kepala desa. Air setinggi {n + 40} sentimeter merendam jalan utama.\n"
    ).encode()


def test_one_new_domain_and_one_new_name_give_one_outlet_each(db):
    records = [
        {"data": page(1), "url": "https://warta-contoh.example/berita/1"},
        {"data": page(2), "url": "https://www.warta-contoh.example/berita/2"},
        {"data": page(3), "outlet": "Kabar Rekaan"},
        {"data": page(4), "outlet": "Kabar Rekaan"},
    ]
    results = articles_import_bulk(records=records, source_kind="command")
    outlets = [r.article.outlet for r in results]
    assert outlets[0] == outlets[1] and outlets[2] == outlets[3] != outlets[0]
    assert Outlet.objects.filter(domain="warta-contoh.example").count() == 1
    assert Outlet.objects.filter(name="Kabar Rekaan").count() == 1
    again = articles_import_bulk(
        records=[{"data": page(5), "url": "https://warta-contoh.example/berita/5"}],
        source_kind="command",
    )
    assert again[0].article.outlet == outlets[0]
