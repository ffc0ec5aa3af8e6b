"""The document's life: transitions by role and state, approval freezes the version."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest

from kinerja_core import access, dokumen, exports, koreksi, surat_pengantar
from kinerja_core.access import Aksi
from kinerja_core.dokumen import DokumenError, Status
from kinerja_core.settings import Settings
from tests.alur import ADMIN, EVERYONE, KABID, KEPALA, PDF, SEKRETARIS, TAMU, alur_seed, store

__all__ = ["alur_seed", "store"]
T, TW = 2024, 4
SETTINGS = Settings()


def submit(store, note: str = "") -> int:
    return dokumen.ajukan(store, ADMIN, SETTINGS, T, TW, date(2025, 1, 20), note)


def status(store) -> Status:
    return dokumen.keadaan(store, T, TW).status


def test_a_new_period_is_a_konsep_waiting_for_the_kasubag(store):
    state = dokumen.keadaan(store, T, TW)
    assert state.status is Status.KONSEP and state.current.versi == 1
    assert state.menunggu is access.Peran.ADMIN
    assert [t.aksi for t in state.available(ADMIN)] == [Aksi.AJUKAN]
    assert state.available(SEKRETARIS) == [] and state.available(KEPALA) == []


def test_the_whole_walk_and_the_approved_version_never_changes(store):
    submit(store)
    v1 = dokumen.keadaan(store, T, TW).current
    assert v1.status is Status.DIAJUKAN and v1.xlsx_sha256
    with pytest.raises(DokumenError, match="catatan koreksi"):
        dokumen.kembalikan(store, SEKRETARIS, T, TW, "  ")
    dokumen.kembalikan(store, SEKRETARIS, T, TW, "Faktor penghambat Bidang TIK belum diisi")
    state = dokumen.keadaan(store, T, TW)
    assert [(v.versi, v.status) for v in state.versions] == [
        (1, Status.DIKEMBALIKAN),
        (2, Status.KONSEP),
    ]
    returned = state.event(Aksi.KEMBALIKAN)
    assert returned.catatan == "Faktor penghambat Bidang TIK belum diisi"
    assert returned.oleh == SEKRETARIS.label and returned.peran == "sekretaris"

    submit(store, "sudah diperbaiki")
    dokumen.paraf(store, SEKRETARIS, T, TW)
    with pytest.raises(access.AksesDitolak):
        dokumen.setujui(store, SEKRETARIS, T, TW)
    dokumen.setujui(store, KEPALA, T, TW, "setuju")
    state = dokumen.keadaan(store, T, TW)
    approved = state.approved()
    assert approved.versi == 2 and approved.frozen
    kept = dokumen.version_documents(store, approved)
    xlsx_name, xlsx = kept["xlsx"]
    assert xlsx_name == "Evaluasi_Renja_2024_TW4_v2.xlsx" and xlsx.startswith(b"PK")
    detail = state.event(Aksi.SETUJUI).detail
    assert detail["xlsx_sha256"] == hashlib.sha256(xlsx).hexdigest() == approved.xlsx_sha256
    record = store.export_record(approved.export_id)
    assert detail["snapshot_sha256"] == record["snapshot_sha256"]
    assert detail["penandatangan"]["kepala_dinas"]["jabatan"] == "Kepala Dinas"
    assert detail["tanggal"] == "2025-01-20"

    # later corrections and uploads do not touch the frozen version; they are noticed
    assert not dokumen.data_changed_since_approval(store, T, TW)
    row = exports.gather(store, T, TW).evaluated(SETTINGS).iloc[0]
    koreksi.correct(store, row, "faktor_pendorong", "Dukungan pimpinan", "rapat", ADMIN)
    assert dokumen.data_changed_since_approval(store, T, TW)
    bidang = store.submissions(T)["bidang"].iloc[0]
    latest = store.latest_submission(T, bidang)
    store.add_submission(
        tahun=T, bidang=bidang, filename="ulang.xlsx", content=b"lain",
        actor=ADMIN, indicators=store.indicators(T).iloc[:0],
        anggaran=store.anggaran(T).iloc[:0], problems=[],
    )  # fmt: skip
    assert store.latest_submission(T, bidang)["id"] != latest["id"]

    dokumen.tandatangani(store, KEPALA, T, TW, "pindai", date(2025, 1, 21), PDF, "ttd.pdf")
    with pytest.raises(DokumenError, match="surat pengantar"):
        dokumen.kirim(store, ADMIN, T, TW, "Bappeda", "diantar", store_now())
    nomor, _ = surat_pengantar.buat(
        store, ADMIN, SETTINGS, tahun=T, sampai_tw=TW, kepada="Kepala Bappeda", di="Malili",
        tanggal=date(2025, 1, 22),
    )  # fmt: skip
    dokumen.kirim(store, ADMIN, T, TW, "Bappeda", "diantar langsung", store_now(), PDF, "tt.pdf")
    dokumen.arsipkan(store, ADMIN, T, TW)

    final = dokumen.keadaan(store, T, TW)
    assert final.status is Status.DIARSIPKAN
    assert final.menunggu is None
    after = final.approved()
    assert (after.versi, after.xlsx_sha256, after.export_id) == (
        2,
        approved.xlsx_sha256,
        approved.export_id,
    )
    assert dokumen.version_documents(store, after)["xlsx"][1] == xlsx
    assert final.event(Aksi.KIRIM).detail["nomor_surat"] == nomor.nomor
    assert [e.ke for e in final.events] == [
        "Diajukan", "Dikembalikan", "Diajukan", "Diparaf", "Disetujui", "Ditandatangani",
        "Dikirim", "Diarsipkan",
    ]  # fmt: skip


TAMPERING = [
    "UPDATE dokumen_versi SET xlsx_berkas_id = docx_berkas_id WHERE status = 'Disetujui'",
    "UPDATE dokumen_versi SET export_id = NULL WHERE status = 'Disetujui'",
    "UPDATE dokumen_versi SET status = 'Konsep' WHERE status = 'Disetujui'",
    "DELETE FROM dokumen_versi",
    "UPDATE berkas SET nama = 'lain.xlsx'",
    "DELETE FROM berkas",
    "UPDATE exports SET snapshot_sha256 = 'x'",
    "DELETE FROM exports",
    "UPDATE dokumen_peristiwa SET catatan = 'diubah'",
    "DELETE FROM dokumen_peristiwa",
]


def test_the_database_itself_refuses_to_change_an_approved_version(store):
    import sqlalchemy as sa

    submit(store)
    dokumen.paraf(store, SEKRETARIS, T, TW)
    dokumen.setujui(store, KEPALA, T, TW)
    approved = dokumen.keadaan(store, T, TW).approved()
    refused = []
    for statement in TAMPERING:
        try:
            with store.engine.begin() as conn:
                conn.exec_driver_sql(statement)
        except sa.exc.DBAPIError as error:
            refused.append(statement if "tidak dapat diubah atau dihapus" in str(error) else "")
    assert refused == TAMPERING
    kept = dokumen.keadaan(store, T, TW).approved()
    assert (kept.versi, kept.export_id, kept.xlsx_sha256) == (
        approved.versi,
        approved.export_id,
        approved.xlsx_sha256,
    )
    # what the app does next is still allowed: the approved version moves on to Ditandatangani
    dokumen.tandatangani(store, KEPALA, T, TW, "pindai", date(2025, 1, 21), PDF, "ttd.pdf")
    assert status(store) is Status.DITANDATANGANI


def store_now():
    from kinerja_core import clock

    return clock.utc_now()


TRANSITION_CALLS = {
    Aksi.PARAF: lambda s, a: dokumen.paraf(s, a, T, TW),
    Aksi.KEMBALIKAN: lambda s, a: dokumen.kembalikan(s, a, T, TW, "perbaiki"),
    Aksi.SETUJUI: lambda s, a: dokumen.setujui(s, a, T, TW),
}


@pytest.mark.parametrize("actor", EVERYONE, ids=lambda a: a.peran.value)
@pytest.mark.parametrize("aksi", list(TRANSITION_CALLS), ids=lambda a: a.name)
def test_each_review_transition_only_by_its_role(store, actor, aksi):
    submit(store)
    if aksi is Aksi.SETUJUI:
        dokumen.paraf(store, SEKRETARIS, T, TW)
    before = status(store)
    if access.can(actor, aksi):
        TRANSITION_CALLS[aksi](store, actor)
        assert status(store) is not before
    else:
        with pytest.raises(access.AksesDitolak):
            TRANSITION_CALLS[aksi](store, actor)
        assert status(store) is before


@pytest.mark.parametrize("actor", (SEKRETARIS, KEPALA, KABID, TAMU), ids=lambda a: a.peran.value)
def test_only_the_kasubag_submits(store, actor):
    with pytest.raises(access.AksesDitolak):
        submit_as(store, actor)
    assert dokumen.keadaan(store, T, TW).versions == []


def submit_as(store, actor):
    return dokumen.ajukan(store, actor, SETTINGS, T, TW, date(2025, 1, 20))


def test_a_transition_out_of_its_state_is_refused(store):
    with pytest.raises(DokumenError, match="berstatus Konsep"):
        dokumen.paraf(store, SEKRETARIS, T, TW)
    submit(store)
    with pytest.raises(DokumenError, match="Diparaf"):
        dokumen.setujui(store, KEPALA, T, TW)
    with pytest.raises(DokumenError):
        submit(store)


def test_a_stale_state_cannot_move_twice(store):
    submit(store)
    stale = dokumen.keadaan(store, T, TW)
    dokumen.paraf(store, SEKRETARIS, T, TW)
    with pytest.raises(DokumenError, match="orang lain"):
        dokumen._move(store, SEKRETARIS, T, TW, Aksi.PARAF, state=stale)
    assert len(dokumen.keadaan(store, T, TW).events) == 2


def test_signing_needs_a_pdf_or_paper_and_a_date(store):
    submit(store)
    dokumen.paraf(store, SEKRETARIS, T, TW)
    dokumen.setujui(store, KEPALA, T, TW)
    with pytest.raises(DokumenError, match="bukan PDF"):
        dokumen.tandatangani(store, ADMIN, T, TW, "tte", date(2025, 1, 21), b"PK..", "a.docx")
    with pytest.raises(DokumenError, match="Unggah"):
        dokumen.tandatangani(store, ADMIN, T, TW, "pindai", date(2025, 1, 21))
    dokumen.tandatangani(store, ADMIN, T, TW, "kertas", date(2025, 1, 21), catatan="basah")
    event = dokumen.keadaan(store, T, TW).event(Aksi.TANDATANGANI)
    assert event.detail == {"cara": "kertas", "tanggal": "2025-01-21"}
    assert event.berkas_id is None


def test_a_correction_after_approval_starts_a_new_konsep(store):
    submit(store)
    dokumen.paraf(store, SEKRETARIS, T, TW)
    dokumen.setujui(store, KEPALA, T, TW)
    frozen = dokumen.keadaan(store, T, TW).approved()
    with pytest.raises(access.AksesDitolak):
        dokumen.konsep_baru(store, SEKRETARIS, T, TW, "angka salah")
    dokumen.konsep_baru(store, ADMIN, T, TW, "realisasi TW IV Bidang TIK dikoreksi")
    state = dokumen.keadaan(store, T, TW)
    assert state.status is Status.KONSEP and state.current.versi == 2
    assert state.versions[0].status is Status.DISETUJUI
    assert state.approved() == frozen
    submit(store)
    assert dokumen.keadaan(store, T, TW).current.xlsx_berkas_id != frozen.xlsx_berkas_id


def test_an_empty_year_cannot_be_submitted(store):
    with pytest.raises(DokumenError, match="Belum ada data"):
        dokumen.ajukan(store, ADMIN, SETTINGS, 2030, 4, date(2031, 1, 5))


def test_the_submitted_document_takes_column_6_from_the_renstra_start_year(store):
    """Persandian's realisasi Renstra s/d tahun lalu is in no plan or file of the demo: with
    the Renstra period starting in 2023 the submitted version carries its 2023 realisasi."""
    import math

    from kinerja_core import formulas
    from kinerja_core.demo import BIDANG_PERSANDIAN
    from kinerja_core.model import REALISASI_TW

    def column_6_of_persandian(settings: Settings, sampai_tw: int) -> dict[str, float]:
        dokumen.ajukan(store, ADMIN, settings, T, sampai_tw, date(2025, 1, 20))
        event = dokumen.keadaan(store, T, sampai_tw).event(Aksi.AJUKAN)
        data, _ = exports.load(store, event.detail["export_id"])
        rows = data.indicators[data.indicators["bidang"] == BIDANG_PERSANDIAN]
        return dict(zip(rows["indikator"], rows["realisasi_renstra_lalu"], strict=True))

    assert all(math.isnan(v) for v in column_6_of_persandian(SETTINGS, 4).values())
    with_start = column_6_of_persandian(Settings(renstra_tahun_awal=2023), 3)
    earlier = store.indicators(2023)
    earlier = earlier[earlier["bidang"] == BIDANG_PERSANDIAN]
    reached = formulas.realisasi_sampai(
        earlier[REALISASI_TW].to_numpy(dtype=float), earlier["agregasi"].to_numpy(dtype=object), 4
    )
    expected = dict(zip(earlier["indikator"], reached, strict=True))
    assert with_start == pytest.approx(expected)  # each indicator's 2023 realisasi
