"""Agenda surat keluar: numbers per letter year, never reused, void stays, never twice at once."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import date

import pytest

from kinerja_core import access, surat
from kinerja_core.settings import Settings, SettingsError, load_settings
from kinerja_core.store import Store
from tests.alur import ADMIN, EVERYONE

SETTINGS = Settings()


@pytest.fixture
def store(db_url):
    store = Store(db_url)
    yield store
    store.engine.dispose()


def number(store, tanggal: date, settings: Settings = SETTINGS) -> surat.Nomor:
    return surat.beri_nomor(
        store, ADMIN, settings, tanggal=tanggal, kepada="Kepala Bappeda", hal="Pengantar"
    )


def test_default_number_pattern():
    assert surat.format_nomor(SETTINGS, 7, 2026) == "000.7.2/007/Diskominfo-SP/2026"


def test_other_pattern_codes_and_digits():
    settings = replace(
        SETTINGS,
        surat_pola_nomor="{unit}-{urut}/{klasifikasi}/{tahun}",
        surat_kode_klasifikasi="000.7.2.3",
        surat_kode_unit="Diskominfo",
        surat_digit_urut=4,
    )
    assert surat.format_nomor(settings, 12, 2025) == "Diskominfo-0012/000.7.2.3/2025"


@pytest.mark.parametrize(
    ("line", "key"),
    [
        ('surat_pola_nomor = "{klasifikasi}/{unit}/{tahun}"', "surat_pola_nomor"),
        ('surat_pola_nomor = "{urut}/{bagian}/{tahun}"', "surat_pola_nomor"),
        ('surat_kode_klasifikasi = "A.12"', "surat_kode_klasifikasi"),
        ('surat_kode_unit = "Dis/kominfo"', "surat_kode_unit"),
        ("surat_digit_urut = 0", "surat_digit_urut"),
    ],
)
def test_wrong_numbering_settings_are_refused_by_name(tmp_path, line, key):
    path = tmp_path / "kinerja.toml"
    path.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(SettingsError, match=key):
        load_settings(path)


def test_counter_is_per_letter_year_and_restarts(store):
    got = [
        number(store, date(2025, 12, 30)).nomor,
        number(store, date(2025, 12, 31)).nomor,
        number(store, date(2026, 1, 2)).nomor,
        number(store, date(2025, 12, 31)).nomor,  # a letter still dated last year
    ]
    assert got == [
        "000.7.2/001/Diskominfo-SP/2025",
        "000.7.2/002/Diskominfo-SP/2025",
        "000.7.2/001/Diskominfo-SP/2026",
        "000.7.2/003/Diskominfo-SP/2025",
    ]


def test_a_void_number_stays_and_is_never_given_again(store):
    first = number(store, date(2026, 3, 1))
    with pytest.raises(surat.SuratError, match="alasan"):
        surat.hanguskan(store, ADMIN, first.id, " ")
    surat.hanguskan(store, ADMIN, first.id, "salah tujuan")
    with pytest.raises(surat.SuratError, match="sudah hangus"):
        surat.hanguskan(store, ADMIN, first.id, "lagi")
    second = number(store, date(2026, 3, 1))
    assert (first.nomor_urut, second.nomor_urut) == (1, 2)
    rows = surat.register(store, 2026)
    assert [r["nomor_urut"] for r in rows] == [1, 2]
    assert rows[0]["hangus_alasan"] == "salah tujuan" and rows[0]["hangus_pada"] is not None
    assert rows[1]["hangus_pada"] is None


@pytest.mark.parametrize("actor", EVERYONE, ids=lambda a: a.peran.value)
def test_only_the_kasubag_numbers_letters(store, actor):
    if access.can(actor, access.Aksi.SURAT):
        assert surat.beri_nomor(
            store, actor, SETTINGS, tanggal=date(2026, 1, 5), kepada="Bappeda", hal="x"
        ).nomor_urut == 1  # fmt: skip
    else:
        with pytest.raises(access.AksesDitolak):
            surat.beri_nomor(
                store, actor, SETTINGS, tanggal=date(2026, 1, 5), kepada="Bappeda", hal="x"
            )
        assert surat.register(store) == []


def test_concurrent_numbering_never_gives_one_number_twice(db_url):
    url = db_url
    Store(url).engine.dispose()
    results: list[int] = []
    errors: list[BaseException] = []
    start = threading.Barrier(6)

    def worker() -> None:
        store = Store(url)  # its own engine, as a second app process would have
        try:
            start.wait()
            for _ in range(5):
                results.append(number(store, date(2026, 6, 1)).nomor_urut)
        except BaseException as error:  # noqa: BLE001 — reported below
            errors.append(error)
        finally:
            store.engine.dispose()

    threads = [threading.Thread(target=worker) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(results) == list(range(1, 31))
    reader = Store(url)
    numbers = [r["nomor"] for r in surat.register(reader, 2026)]
    reader.engine.dispose()
    assert len(set(numbers)) == 30
