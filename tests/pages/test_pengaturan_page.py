"""Pengaturan page (AppTest): kop and signatories set on the page reach a new export, while an
earlier export keeps the names it was made with; wrong input is refused in Indonesian."""

from __future__ import annotations

import io

import docx
import openpyxl
import pytest
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

from kinerja_core.store import Store
from tests.pages.conftest import as_shown, open_page


@pytest.fixture
def files(monkeypatch) -> dict[str, bytes]:
    """Every file a page hands to a download button, by file id."""
    captured: dict[str, bytes] = {}
    original = MemoryMediaFileStorage.load_and_get_id

    def record(self, path_or_data, mimetype, kind, filename=None):
        file_id = original(self, path_or_data, mimetype, kind, filename)
        captured[file_id] = path_or_data
        return file_id

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", record)
    return captured


def page(name: str) -> AppTest:
    at = open_page(name, default_timeout=120).run()
    assert not at.exception, at.exception
    return at


def set_kepala_dinas(nama: str, nip: str, **more: str) -> AppTest:
    at = page("pengaturan.py")
    at.text_input(key="pg_kepala_dinas_nama").input(nama)
    at.text_input(key="pg_kepala_dinas_nip").input(nip)
    for key, value in more.items():
        at.text_input(key=f"pg_{key}").input(value)
    at.button(key="FormSubmitter:pengaturan-Simpan pengaturan").click().run()
    assert not at.exception, at.exception
    return at


def downloaded(at: AppTest, files: dict[str, bytes]) -> tuple[list, str]:
    """(E.81 sheet values, report text) of the export the Ekspor page offers."""
    found = {}
    for button in at.get("download_button"):
        found[button.proto.label] = files[button.proto.url.rsplit("/", 1)[-1].split(".")[0]]
    wb = openpyxl.load_workbook(io.BytesIO(found["Unduh dokumen evaluasi (.xlsx)"]))
    values = [c.value for row in wb["Evaluasi Renja (E.81)"].iter_rows() for c in row]
    report = docx.Document(io.BytesIO(found["Unduh laporan evaluasi (.docx)"]))
    cells = [c.text for t in report.tables for row in t.rows for c in row.cells]
    return values, "\n".join([p.text for p in report.paragraphs] + cells)


def test_signatories_reach_a_new_export_and_an_earlier_one_keeps_its_own(demo_db, files):
    at = page("pengaturan.py")
    assert at.title[0].value == "Pengaturan Kantor dan Penandatangan"
    assert "Kepala Dinas: nama dan NIP masih contoh" in as_shown(at.warning[0].value)
    assert at.text_input(key="pg_kepala_dinas_nama").value == "Nama Kepala Dinas"  # the file's

    at = set_kepala_dinas(
        "Ir. Andi Baso, M.Si.", "19700101 199503 1 001", alamat="Jl. Soekarno Hatta No. 1"
    )
    assert "Pengaturan tersimpan" in at.success[0].value
    # no longer a placeholder
    assert not any("Kepala Dinas:" in as_shown(w.value) for w in at.warning)
    history = at.dataframe[0].value
    assert "Ir. Andi Baso, M.Si." in as_shown(history["Perubahan"].iloc[0])
    audit = Store().audit()
    assert audit.loc[0, "action"] == "ubah pengaturan"
    assert "Alamat: '' → 'Jl. Soekarno Hatta No. 1'" in audit.loc[0, "detail"]

    ekspor = page("ekspor.py")
    assert not any("Kepala Dinas:" in as_shown(w.value) for w in ekspor.warning)
    ekspor.button(key="ek_buat").click().run()
    values, report = downloaded(ekspor, files)
    assert "Ir. Andi Baso, M.Si." in values and "Ir. Andi Baso, M.Si." in report
    assert "Jl. Soekarno Hatta No. 1" in report  # the kop
    first = ekspor.selectbox(key="ek_pilih").value

    set_kepala_dinas("Dr. Hasnah, S.E.", "196801011990032001")
    ekspor = page("ekspor.py")
    ekspor.button(key="ek_buat").click().run()
    values, report = downloaded(ekspor, files)
    assert "Dr. Hasnah, S.E." in values and "Dr. Hasnah, S.E." in report
    assert "Ir. Andi Baso, M.Si." not in report

    ekspor.selectbox(key="ek_pilih").select(first).run()  # the earlier export, downloaded again
    assert not ekspor.exception
    values, report = downloaded(ekspor, files)
    assert "Ir. Andi Baso, M.Si." in values and "Ir. Andi Baso, M.Si." in report
    assert "Dr. Hasnah, S.E." not in values and "Dr. Hasnah, S.E." not in report


def test_wrong_input_is_refused_in_indonesian_and_nothing_is_saved(demo_db):
    at = page("pengaturan.py")
    at.text_input(key="pg_dinas").input(" ")
    at.text_input(key="pg_kepala_dinas_nip").input("12345")
    at.button(key="FormSubmitter:pengaturan-Simpan pengaturan").click().run()
    assert not at.exception
    error = as_shown(at.error[0].value)
    assert "Pengaturan belum tersimpan" in error
    assert "Nama perangkat daerah (Dinas) wajib diisi." in error
    assert 'NIP "12345" harus 18 angka' in error
    assert Store().pengaturan_terakhir() is None


def test_the_renstra_start_year_set_here_fills_column_6_of_a_new_export(demo_db, files):
    """Persandian's realisasi Renstra s/d tahun lalu is in no plan or file of the demo: with
    the Renstra period starting in 2023 (set here, audited) the Ekspor page stops listing it
    and the new E.81 carries its 2023 realisasi."""
    from kinerja_core.demo import BIDANG_PERSANDIAN

    def lists_column_6(ekspor: AppTest) -> bool:
        (box,) = [e for e in ekspor.expander if "Sasaran / Renstra belum lengkap" in e.label]
        return any("kolom 6 K" in v for v in box.dataframe[0].value["Kosong"])

    at = page("pengaturan.py")
    assert at.number_input(key="pg_renstra_tahun_awal").value is None  # the file sets none
    assert lists_column_6(page("ekspor.py"))
    at.number_input(key="pg_renstra_tahun_awal").set_value(2023)
    at.button(key="FormSubmitter:pengaturan-Simpan pengaturan").click().run()
    assert not at.exception and "Pengaturan tersimpan" in at.success[0].value
    assert "Tahun awal periode Renstra: (kosong) → 2023" in Store().audit().loc[0, "detail"]
    assert page("pengaturan.py").number_input(key="pg_renstra_tahun_awal").value == 2023

    ekspor = page("ekspor.py")
    assert not lists_column_6(ekspor)
    ekspor.button(key="ek_buat").click().run()
    assert not ekspor.exception
    values, _ = downloaded(ekspor, files)
    sandi = Store().indicators(2023)
    sandi = sandi[(sandi["bidang"] == BIDANG_PERSANDIAN) & (sandi["agregasi"] == "kumulatif")]
    row = sandi.iloc[0]
    at_2023 = row[["realisasi_tw1", "realisasi_tw2", "realisasi_tw3", "realisasi_tw4"]].sum()
    position = values.index(row["indikator"])
    # the indicator's row: columns 4 (indikator, satuan), 5 K, 5 Rp, then 6 K
    assert values[position + 4] == at_2023
