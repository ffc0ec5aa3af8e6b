"""Pengaturan: office identity and signatories in the database, first values from the file."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from kinerja_core import pengaturan
from kinerja_core.access import Actor, AksesDitolak, Peran
from kinerja_core.settings import Settings, Signatory
from kinerja_core.store import Store

ADMIN = Actor("admin", "Rina", Peran.ADMIN)
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture
def store(db_url) -> Store:
    return Store(db_url)


def test_first_values_come_from_the_configuration(store):
    settings = replace(Settings(), dinas="Dinas Uji", alamat="Jl. Soekarno Hatta")
    stored = pengaturan.current(store, settings)
    assert stored.version_id is None
    assert stored.kantor.dinas == "Dinas Uji" and stored.kantor.alamat == "Jl. Soekarno Hatta"
    assert stored.kantor.kepala_dinas == settings.penyusun
    assert stored.kantor.pemerintah_text == "Pemerintah Kabupaten Luwu Timur"


def test_saving_stores_a_version_audits_the_change_and_wins_over_the_file(store):
    settings = Settings()
    kantor = pengaturan.current(store, settings).kantor
    new = replace(
        kantor,
        kepala_dinas=Signatory(
            "Kepala Dinas", "Ir. Andi Baso", "Pembina (IV/a)", "19700101 199503 1 001"
        ),
        logo=PNG,
    )
    first = pengaturan.save(store, new, settings, ADMIN)
    assert first is not None
    now = pengaturan.current(store, replace(settings, dinas="Berubah di berkas"))
    assert now.version_id == first and now.kantor.dinas == kantor.dinas  # the database wins
    assert now.kantor.kepala_dinas.nama == "Ir. Andi Baso" and now.kantor.logo == PNG
    audit = store.audit()
    assert audit.loc[0, "action"] == "ubah pengaturan" and audit.loc[0, "who"] == ADMIN.label
    assert "Kepala Dinas nama: 'Nama Kepala Dinas' → 'Ir. Andi Baso'" in audit.loc[0, "detail"]
    assert "logo: diganti" in audit.loc[0, "detail"]
    assert pengaturan.save(store, now.kantor, settings, ADMIN) is None  # nothing changed
    assert len(store.pengaturan_riwayat()) == 1
    effective = pengaturan.effective_settings(store, settings)
    assert effective.penyusun.nama == "Ir. Andi Baso"


@pytest.mark.parametrize(
    "change,message",
    [
        ({"dinas": " "}, "Nama perangkat daerah"),
        ({"kepala_dinas": Signatory("Kepala Dinas", "A", "B", "123")}, "18 angka"),
        ({"kasubag": Signatory("", "A", "B", "-")}, "jabatan wajib"),
        ({"logo": b"GIF89a"}, "PNG atau JPEG"),
    ],
)
def test_refused_with_a_reason(store, change, message):
    kantor = replace(pengaturan.current(store, Settings()).kantor, **change)
    with pytest.raises(pengaturan.PengaturanError, match=message):
        pengaturan.save(store, kantor, Settings(), ADMIN)
    assert store.pengaturan_terakhir() is None


def test_placeholder_warnings():
    kantor = pengaturan.kantor_from_settings(Settings())
    warnings = pengaturan.placeholder_warnings(kantor)
    assert len(warnings) == 3 and warnings[0].startswith("Kepala Dinas: nama dan NIP")
    real = Signatory("Kepala Dinas", "Ir. Andi Baso", "Pembina", "197001011995031001")
    assert len(pengaturan.placeholder_warnings(replace(kantor, kepala_dinas=real))) == 2
    no_nip = replace(real, nip="-")
    assert "NIP masih" in pengaturan.placeholder_warnings(replace(kantor, kepala_dinas=no_nip))[0]


def test_only_the_admin_changes_the_pengaturan(store):
    kantor = replace(pengaturan.current(store, Settings()).kantor, alamat="Jl. Baru")
    for peran in (Peran.KABID, Peran.SEKRETARIS, Peran.KEPALA_DINAS, Peran.TAMU):
        with pytest.raises(AksesDitolak, match="ubah pengaturan"):
            pengaturan.save(store, kantor, Settings(), Actor("x", "X", peran, "Statistik"))
    assert store.pengaturan_terakhir() is None


def test_the_renstra_start_year_is_kept_applied_and_checked():
    first = pengaturan.kantor_from_settings(Settings(renstra_tahun_awal=2021))
    assert first.renstra_tahun_awal == 2021
    kantor = replace(first, renstra_tahun_awal=2022)
    assert pengaturan.Kantor.from_json(kantor.to_json()).renstra_tahun_awal == 2022
    older = json.loads(kantor.to_json())
    older.pop("renstra_tahun_awal")  # a version saved before the field existed
    assert pengaturan.Kantor.from_json(json.dumps(older)).renstra_tahun_awal is None
    assert pengaturan.apply_kantor(Settings(), kantor).renstra_tahun_awal == 2022
    assert pengaturan.changes(replace(kantor, renstra_tahun_awal=None), kantor) == [
        "Tahun awal periode Renstra: (kosong) → 2022"
    ]
    (error,) = pengaturan.validate(replace(kantor, renstra_tahun_awal=21))
    assert "Tahun awal periode Renstra 21 tidak masuk akal" in error
