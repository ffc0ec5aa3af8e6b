"""Archive zip (manifest hashes match its files, retention class) and the SOP timeline."""

from __future__ import annotations

import csv
import hashlib
import io
import zipfile
from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest

from kinerja_core import access, arsip, clock, disposisi, dokumen, sop, surat_pengantar
from kinerja_core.disposisi import Disposisi
from kinerja_core.settings import Settings
from tests.alur import ADMIN, EVERYONE, KEPALA, PDF, SEKRETARIS, alur_seed, store

__all__ = ["alur_seed", "store"]
T, TW = 2024, 4
SETTINGS = Settings()


def walk(store) -> None:
    now = clock.utc_now()
    disposisi.catat(
        store, ADMIN,
        Disposisi(T, TW, "045", "Kepala Dinas", date(2025, 1, 2), "Evaluasi", "Siapkan",
                  date(2025, 1, 15), now - timedelta(minutes=12)),
        PDF, "disposisi.pdf",
    )  # fmt: skip
    store.add_note(tahun=T, sampai_tw=TW, isi="Bidang TIK menjelaskan", actor=ADMIN)
    store.add_note(tahun=T, sampai_tw=TW, isi="=HYPERLINK(\"http://x\")", jenis="keputusan",
                   actor=ADMIN, penanggung_jawab="Kabid TIK",
                   batas_waktu=date(2025, 2, 28))  # fmt: skip
    store.set_rapat_info(T, TW, tanggal=date(2025, 1, 10), tempat="Aula Dinas",
                         agenda="Evaluasi TW IV", peserta="Kepala Dinas\nKabid TIK",
                         actor=ADMIN)  # fmt: skip
    dokumen.ajukan(store, ADMIN, SETTINGS, T, TW, date(2025, 1, 20))
    dokumen.paraf(store, SEKRETARIS, T, TW)
    dokumen.setujui(store, KEPALA, T, TW)
    dokumen.tandatangani(store, KEPALA, T, TW, "tte", date(2025, 1, 21), PDF, "ttd.pdf")
    surat_pengantar.buat(store, ADMIN, SETTINGS, tahun=T, sampai_tw=TW, kepada="Kepala Bappeda",
                         di="Malili", tanggal=date(2025, 1, 22))  # fmt: skip
    dokumen.kirim(store, ADMIN, T, TW, "Bappeda", "diantar", now, b"tanda terima", "tt.jpg")


def read_zip(content: bytes) -> tuple[dict[str, bytes], list[dict]]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    rows = list(csv.DictReader(io.StringIO(files["manifest.csv"].decode("utf-8-sig")),
                               delimiter=";"))  # fmt: skip
    return files, rows


def test_manifest_hashes_match_the_files_in_the_zip(store):
    walk(store)
    files, rows = read_zip(arsip.zip_bytes(store, KEPALA, SETTINGS, T, TW))
    assert {r["berkas"] for r in rows} == set(files) - {"manifest.csv"}
    for row in rows:
        content = files[row["berkas"]]
        assert hashlib.sha256(content).hexdigest() == row["sha256"], row["berkas"]
        assert int(row["ukuran"]) == len(content)
    folders = {name.split("/")[0] for name in files}
    assert {"dokumen", "ttd", "surat", "pengiriman", "disposisi", "kiriman", "rapat"} <= folders
    frozen = dokumen.keadaan(store, T, TW).approved()
    assert (
        files[f"dokumen/versi-1/Evaluasi_Renja_{T}_TW{TW}_v1.xlsx"]
        == (dokumen.version_documents(store, frozen)["xlsx"][1])
    )
    for sub in store.submissions(T).to_dict("records"):  # every submission, original bytes
        match = [n for n in files if n.startswith("kiriman/") and n.endswith(sub["filename"])
                 and f"/v{sub['version']}_" in n]  # fmt: skip
        assert len(match) >= 1 and any(
            files[n] == store.submission_content(int(sub["id"])) for n in match
        )
    assert "Permanen" in files["keterangan.txt"].decode()
    notes = files["rapat/catatan_rapat.csv"].decode("utf-8-sig")
    assert "Bidang TIK menjelaskan" in notes
    # a keputusan keeps its penanggung jawab and due date; formula-like text stays text
    assert ';"\'=HYPERLINK(""http://x"")";Kabid TIK;28-02-2025' in notes
    assert "Bidang TIK menjelaskan;;\r\n" in notes  # no due date: an empty cell
    rapat = files["rapat/data_rapat.txt"].decode()
    assert "10-01-2025" in rapat and "Aula Dinas" in rapat and "  - Kabid TIK" in rapat
    timeline = files["sop_mutu_baku.csv"].decode("utf-8-sig")
    assert "Penandatanganan dokumen" in timeline and "sesuai mutu baku" in timeline


def test_retention_class_follows_the_jra_setting(store):
    settings = replace(SETTINGS, jra_evaluasi_triwulan="Musnah setelah 10 tahun")
    assert arsip.kelas_retensi(settings, 4) == "Permanen"
    assert arsip.kelas_retensi(settings, 2) == "Musnah setelah 10 tahun"
    files, _ = read_zip(arsip.zip_bytes(store, ADMIN, settings, T, 2))
    assert "Musnah setelah 10 tahun" in files["keterangan.txt"].decode()


@pytest.mark.parametrize("actor", EVERYONE, ids=lambda a: a.peran.value)
def test_who_may_download_the_archive(store, actor):
    if access.can(actor, access.Aksi.LIHAT_ARSIP):
        assert arsip.zip_bytes(store, actor, SETTINGS, T, TW).startswith(b"PK")
    else:
        with pytest.raises(access.AksesDitolak):
            arsip.zip_bytes(store, actor, SETTINGS, T, TW)


def test_timeline_against_the_mutu_baku(store):
    empty = sop.timeline(store, 2030, 4)
    assert empty["status"].tolist() == [sop.BELUM] * 11
    assert empty["mutu_baku"].tolist() == [
        "5 menit", "60 menit", "15 menit", "180 menit", "2 hari", "1 hari", "2 hari",
        "60 menit", "30 menit", "10 menit", "5 menit",
    ]  # fmt: skip
    walk(store)
    now = clock.utc_now()
    sop.catat_langkah(store, ADMIN, T, TW, 2, now - timedelta(minutes=50), now)
    sop.catat_langkah(store, ADMIN, T, TW, 3, now - timedelta(minutes=40), None)
    with pytest.raises(sop.SopError, match="otomatis"):
        sop.catat_langkah(store, ADMIN, T, TW, 5, now, now)
    with pytest.raises(sop.SopError, match="lebih awal"):
        sop.catat_langkah(store, ADMIN, T, TW, 2, now, now - timedelta(minutes=1))
    with pytest.raises(access.AksesDitolak):
        sop.catat_langkah(store, SEKRETARIS, T, TW, 2, now, now)
    frame = sop.timeline(store, T, TW).set_index("langkah")
    assert frame.loc[1, "status"] == sop.MELEBIHI  # received 12 minutes before it was recorded
    assert frame.loc[1, "durasi"] >= timedelta(minutes=12)
    assert frame.loc[2, "status"] == sop.SESUAI
    assert frame.loc[3, "status"] == sop.BERJALAN
    assert frame.loc[4, "status"] == sop.SESUAI  # the rapat notes stand in
    for step in (8, 9, 10, 11):
        assert frame.loc[step, "status"] == sop.SESUAI, step
    assert frame.loc[9, "mulai"] == dokumen.keadaan(store, T, TW).event(access.Aksi.SETUJUI).pada
    fig = sop.figure(frame.reset_index())
    assert {trace.name for trace in fig.data} >= {sop.SESUAI, sop.MELEBIHI, sop.BERJALAN}


@pytest.mark.parametrize(
    ("minutes", "text"), [(0, "0 menit"), (45, "45 menit"), (60 * 27 + 5, "1 hari 3 jam 5 menit")]
)
def test_duration_text(minutes, text):
    assert sop.durasi_teks(timedelta(minutes=minutes)) == text


def test_times_are_shown_in_the_office_zone():
    assert clock.fmt_waktu(datetime(2025, 1, 2, 1, 0), "Asia/Makassar").endswith("09.00 WITA")


def test_a_step_finished_before_it_started_is_not_counted_as_on_time(store):
    start = datetime(2025, 1, 10, 2, 0)
    row = sop._row(sop.LANGKAH[5], start, start - timedelta(hours=1), start)
    assert row["status"] == sop.TIDAK_URUT and row["durasi"] is None
    # the demo's bidang sent in January 2025; a disposisi recorded today does not make the
    # collection look instantaneous: it runs from the first file to the last bidang's
    disposisi.catat(
        store, ADMIN,
        Disposisi(T, TW, "045", "Kepala Dinas", date(2025, 1, 2), "Evaluasi", "Siapkan",
                  date(2025, 1, 15), clock.utc_now()),
    )  # fmt: skip
    step5 = sop.timeline(store, T, TW).set_index("langkah").loc[5]
    assert step5["mulai"] == min(store.submissions(T)["uploaded_at"])
    assert step5["durasi"] > timedelta(days=2) and step5["status"] == sop.MELEBIHI
