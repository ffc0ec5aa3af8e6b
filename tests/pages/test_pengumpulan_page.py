"""Pengumpulan Data page (AppTest): upload, check, store with the original bytes, track."""

from __future__ import annotations

import hashlib
from datetime import date, timedelta

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from kinerja_core.demo import DINAS, demo_frames
from kinerja_core.ingest.safe import shutdown_workers
from kinerja_core.model import ANGGARAN_TW, REALISASI_TW
from kinerja_core.rencana import rencana_from_frames
from kinerja_core.store import Store
from kinerja_core.template import build_format
from tests.ingest import builders
from tests.login import admin
from tests.pages.conftest import as_shown, open_page, table_as_shown

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(scope="module", autouse=True)
def _stop_workers():
    yield
    shutdown_workers()


@pytest.fixture
def plan_db(tmp_path, monkeypatch) -> Store:
    """The 2024 rencana, a period open until next month, and no submissions yet."""
    path = tmp_path / "pengumpulan.db"
    monkeypatch.setenv("KINERJA_DB", str(path))
    store = Store(f"sqlite:///{path}")
    store.set_rencana(2024, *rencana_from_frames(*demo_frames(2024)), actor=admin("uji"))
    store.open_period(2024, 4, date.today() + timedelta(days=30), actor=admin("uji"))
    return store


def filled_format(bidang: str = "Bidang Statistik") -> bytes:
    """The generated 2024 format of ``bidang``, filled in with openpyxl as a bidang would."""
    indicators, anggaran = demo_frames(2024)
    blank = build_format(
        indicators.assign(**{c: np.nan for c in REALISASI_TW}),
        anggaran.assign(**{c: np.nan for c in ANGGARAN_TW}),
        bidang=bidang,
        tahun=2024,
        dinas=DINAS,
    )
    mine = indicators[indicators["bidang"] == bidang]
    realisasi = {
        rec["indikator"]: (
            [rec["realisasi_teks"]] * 4
            if rec["target_teks"]
            else [None if np.isnan(rec[c]) else rec[c] for c in REALISASI_TW]
        )
        for rec in mine.to_dict("records")
    }
    return builders.fill_format(blank, realisasi)


def run_page() -> AppTest:
    at = open_page("pengumpulan.py", default_timeout=120).run()
    assert not at.exception, at.exception
    return at


def tracker_row(at: AppTest, bidang: str) -> dict:
    table = at.table[-1].value  # the tracker is the last table on the page
    return table.loc[bidang].to_dict()


def simpan(at: AppTest, label: str = "Simpan") -> AppTest:
    button = next(b for b in at.button if b.key and b.key.startswith("simpan_"))
    assert button.label == label
    return button.click().run()


def test_upload_check_save_and_tracker_turns_sudah(plan_db):
    at = run_page()
    assert at.title[0].value == "Pengumpulan Data"
    assert tracker_row(at, "Bidang Statistik")["Status"] == "Belum"
    content = filled_format()
    at.file_uploader[0].set_value(("kiriman_statistik.xlsx", content, XLSX)).run()
    assert not at.exception
    assert any("Terbaca tanpa kesalahan" in s.value for s in at.success)
    assert any("Bidang Statistik" in m.value for m in at.markdown)
    at = simpan(at)
    assert not at.exception
    assert any("Tersimpan sebagai versi 1 untuk Bidang Statistik" in i.value for i in at.info)
    row = tracker_row(at, "Bidang Statistik")
    assert row["Status"] == "Sudah" and row["Versi"] == "1" and row["Dipakai"] == "versi 1"
    assert row["Kelengkapan"].startswith("100")
    assert tracker_row(at, "Sekretariat")["Status"] == "Belum"
    stored = plan_db.submissions(2024)
    assert len(stored) == 1
    assert stored["sha256"].iloc[0] == hashlib.sha256(content).hexdigest()
    assert plan_db.submission_content(int(stored["id"].iloc[0])) == content
    assert (
        len(plan_db.indicators(2024))
        == (demo_frames(2024)[0]["bidang"] == "Bidang Statistik").sum()
    )


def test_broken_file_is_kept_as_archive_after_choosing_bidang_and_tahun(plan_db):
    at = run_page()
    bad = builders.dimension_bomb(honest=False)
    at.file_uploader[0].set_value(("rusak.xlsx", bad, XLSX)).run()
    assert not at.exception
    assert any("tidak bisa dibaca" in e.value for e in at.error)
    button = next(b for b in at.button if b.key and b.key.startswith("simpan_"))
    assert button.disabled  # bidang and tahun first
    bidang_box = next(s for s in at.selectbox if s.key and s.key.startswith("pilih_bidang_"))
    bidang_box.select("Bidang Persandian").run()
    tahun_box = next(s for s in at.selectbox if s.key and s.key.startswith("pilih_tahun_"))
    tahun_box.select(2024).run()
    at = simpan(at, "Simpan sebagai arsip")
    assert not at.exception
    assert any("arsip; data belum dipakai" in i.value for i in at.info)
    row = tracker_row(at, "Bidang Persandian")
    assert row["Status"] == "Ada kesalahan"
    assert row["Dipakai"] == "belum ada (semua versi ada kesalahan)"
    assert at.metric[2].label == "Ada kesalahan" and at.metric[2].value == "1"
    stored = plan_db.submissions(2024)
    assert list(stored["usable"]) == [False]
    assert plan_db.submission_content(int(stored["id"].iloc[0])) == bad


def test_several_files_at_once_and_save_all(plan_db):
    at = run_page()
    files = [
        ("statistik.xlsx", filled_format("Bidang Statistik"), XLSX),
        ("sekretariat.xlsx", filled_format("Sekretariat"), XLSX),
    ]
    at.file_uploader[0].set_value(files).run()
    assert not at.exception
    save_all = next(b for b in at.button if b.label.startswith("Simpan semua"))
    assert save_all.label == "Simpan semua (2 berkas)"
    at = save_all.click().run()
    assert not at.exception
    assert tracker_row(at, "Sekretariat")["Status"] == "Sudah"
    assert tracker_row(at, "Bidang Statistik")["Status"] == "Sudah"
    assert len(plan_db.submissions(2024)) == 2


def test_problems_are_listed_with_location_and_fix(plan_db):
    at = run_page()
    rows = [
        ["BIDANG STATISTIK — TAHUN ANGGARAN 2024"],
        [],
        ["Kode", "Indikator", "Satuan", "Target 2024", "Realisasi TW I"],
        ["2.20.02.2.01.0001", "Jumlah Dokumen Metadata Statistik Sektoral", "Dokumen", 50, "-3"],
    ]
    at.file_uploader[0].set_value(("statistik.xlsx", builders.write_xlsx({"Data": rows}), XLSX))
    at.run()
    assert not at.exception
    problems = table_as_shown(at.table[0].value)
    assert "sheet Data, baris 4, kolom Realisasi TW I (E)" in problems.index
    assert "negatif" in problems.loc["sheet Data, baris 4, kolom Realisasi TW I (E)", "Masalah"]


def test_history_offers_every_version(plan_db):
    for version in (1, 2):
        plan_db.add_submission(
            tahun=2024,
            bidang="Bidang Statistik",
            filename=f"statistik_v{version}.xlsx",
            content=b"PK" + bytes([version]),
            actor=admin("uji"),
            indicators=demo_frames(2024)[0].iloc[0:0],
            anggaran=demo_frames(2024)[1].iloc[0:0],
            problems=[],
        )
    at = run_page()
    downloads = [b for b in at.get("download_button")]
    assert len(downloads) == 2
    shown = [as_shown(m.value) for m in at.markdown]
    assert any("Versi 2" in m and "statistik_v2.xlsx" in m for m in shown)


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("bukan_excel.xlsx", "bukan file Excel"),
        ("kosong.xlsx", "tidak berisi data"),
        ("kolom_salah.xlsx", "Tidak ditemukan tabel kinerja"),
        ("bom_zip.xlsx", "mengembang"),
    ],
)
def test_shared_broken_fixtures_are_refused_on_the_page(plan_db, name, reason, fixtures_dir):
    at = run_page()
    content = (fixtures_dir / name).read_bytes()
    at.file_uploader[0].set_value((name, content, XLSX)).run()
    assert not at.exception
    assert any("tidak bisa dibaca" in e.value for e in at.error)
    problems = table_as_shown(at.table[0].value)  # the Kesalahan table of the upload card
    assert problems.map(lambda cell: reason in str(cell)).to_numpy().any(), problems
    assert problems["Cara memperbaiki"].str.len().gt(0).all()
    button = next(b for b in at.button if b.key and b.key.startswith("simpan_"))
    assert "arsip" in button.label  # refused for analysis; the bytes can still be kept


# --- issue 8: the choice survives, duplicates, types, confirmation --------------------------
def _without_bidang(realisasi_tw1: object = 17) -> bytes:
    """A readable table that names neither its bidang nor (in its name) anything else."""
    rows = [
        ["LAPORAN REALISASI KINERJA TAHUN ANGGARAN 2024"],
        [],
        ["Kode", "Indikator", "Satuan", "Target 2024", "Realisasi TW I"],
        ["2.20.02.2.01.0001", "Jumlah Dokumen Metadata Statistik Sektoral", "Dokumen", 50,
         realisasi_tw1],
    ]  # fmt: skip
    return builders.write_xlsx({"Data": rows})


def _choose(at: AppTest, prefix: str, value) -> AppTest:
    box = next(s for s in at.selectbox if s.key and s.key.startswith(prefix))
    return box.select(value).run()


def test_choosing_the_bidang_of_a_file_that_does_not_name_it_then_saving(plan_db):
    at = run_page()
    at.file_uploader[0].set_value(("kiriman.xlsx", _without_bidang(), XLSX)).run()
    assert any("Bidang tidak tertulis" in s.label for s in at.selectbox)
    at = _choose(at, "pilih_bidang_", "Bidang Statistik")
    assert not at.exception
    assert any("Terbaca tanpa kesalahan" in s.value for s in at.success)
    # the choice is still there on the next rerun (the dropdown stays, with its value)
    at.run()
    box = next(s for s in at.selectbox if s.key and s.key.startswith("pilih_bidang_"))
    assert box.value == "Bidang Statistik"
    at = simpan(at)
    assert not at.exception
    assert any("Tersimpan sebagai versi 1 untuk Bidang Statistik" in i.value for i in at.info)
    stored = plan_db.submissions(2024)
    assert list(stored["bidang"]) == ["Bidang Statistik"] and list(stored["usable"]) == [True]
    assert set(plan_db.indicators(2024)["bidang"]) == {"Bidang Statistik"}
    assert tracker_row(at, "Bidang Statistik")["Status"] == "Sudah"


def test_the_same_file_again_is_recognised_not_stored_twice(plan_db):
    content = filled_format("Bidang Statistik")
    at = run_page()
    at.file_uploader[0].set_value(("statistik.xlsx", content, XLSX)).run()
    at = simpan(at)
    assert len(plan_db.submissions(2024)) == 1
    again = run_page()  # a new session, the same bytes under another name
    again.file_uploader[0].set_value(("statistik (1).xlsx", content, XLSX)).run()
    assert not again.exception
    assert any(
        "Berkas yang sama sudah tersimpan sebagai versi 1 untuk Bidang Statistik" in i.value
        for i in again.info
    )
    assert not [b for b in again.button if b.key and b.key.startswith("simpan_")]
    assert len(plan_db.submissions(2024)) == 1


def test_ods_is_accepted_and_another_type_is_told_in_indonesian(plan_db, tmp_path):
    import shutil
    import subprocess

    soffice = shutil.which("soffice")
    if soffice:  # .ods made by LibreOffice from our filled format
        source = tmp_path / "statistik.xlsx"
        source.write_bytes(filled_format("Bidang Statistik"))
        subprocess.run(
            [soffice, "--headless", f"-env:UserInstallation=file://{tmp_path / 'p'}",
             "--convert-to", "ods", "--outdir", str(tmp_path), str(source)],
            check=True, capture_output=True, timeout=120,
        )  # fmt: skip
        ods = (tmp_path / "statistik.ods").read_bytes()
        at = run_page()
        at.file_uploader[0].set_value(("statistik.ods", ods, "application/vnd.oasis")).run()
        assert not at.exception
        assert any("Terbaca tanpa kesalahan" in s.value for s in at.success)
    at = run_page()
    at.file_uploader[0].set_value(("laporan.pdf", b"%PDF-1.4 ...", "application/pdf")).run()
    assert not at.exception
    [message] = [e.value for e in at.error]
    assert "bukan jenis berkas yang diterima" in message and "ods" in message
    assert "Simpan Sebagai" in message


def test_implausible_numbers_must_be_confirmed_before_saving(plan_db):
    rows = [
        ["BIDANG STATISTIK — TAHUN ANGGARAN 2024"],
        ["Kode", "Indikator", "Satuan", "Target 2024", "Realisasi TW I"],
        ["2.20.02.2.01.0001", "Jumlah Dokumen Metadata Statistik Sektoral", "Dokumen", 50, 170],
    ]
    at = run_page()
    at.file_uploader[0].set_value(("statistik.xlsx", builders.write_xlsx({"D": rows}), XLSX))
    at.run()
    assert not at.exception
    assert not any("Terbaca tanpa kesalahan" in s.value for s in at.success)
    assert any("perlu dikonfirmasi" in w.value for w in at.warning)
    button = next(b for b in at.button if b.key and b.key.startswith("simpan_"))
    assert button.disabled
    at.checkbox[0].check().run()
    at = simpan(at)
    assert not at.exception
    assert len(plan_db.submissions(2024)) == 1


def test_a_bidang_not_in_the_rencana_is_named_and_chosen(plan_db):
    rows = [
        ["BIDANG TATA KELOLA DATA — TAHUN ANGGARAN 2024"],
        ["Kode", "Indikator", "Satuan", "Target 2024", "Realisasi TW I"],
        ["2.20.02.2.01.0001", "Jumlah Dokumen Metadata Statistik Sektoral", "Dokumen", 50, 17],
    ]
    at = run_page()
    at.file_uploader[0].set_value(("kiriman.xlsx", builders.write_xlsx({"D": rows}), XLSX))
    at.run()
    box = next(s for s in at.selectbox if s.key and s.key.startswith("pilih_bidang_"))
    assert "'Bidang Tata Kelola Data'" in box.label and "tidak ada di rencana" in box.label
    assert "Bidang Tata Kelola Data" not in box.options
    at = _choose(at, "pilih_bidang_", "Bidang Statistik")
    at = simpan(at)
    assert list(plan_db.submissions(2024)["bidang"]) == ["Bidang Statistik"]
