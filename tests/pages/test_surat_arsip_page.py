"""Surat & Arsip page: disposisi opens the period, a numbered letter, sending, the archive."""

from __future__ import annotations

import io
import zipfile
from datetime import date

from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

from kinerja_core import clock, dokumen
from kinerja_core.settings import Settings
from kinerja_core.store import Store
from tests.alur import ADMIN, KEPALA, PDF, SEKRETARIS
from tests.pages.conftest import as_shown, open_page


def run_page(peran: str = "admin") -> AppTest:
    return open_page("surat_arsip.py", peran, default_timeout=180).run()


def button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def test_disposisi_opens_the_period_with_its_due_date(demo_db):
    at = run_page()
    assert not at.exception
    assert at.title[0].value == "Surat & Arsip"
    at.text_input(key="dsp_nomor").input("045/Sekr/I/2025")
    at.text_area(key="dsp_isi").input("Siapkan evaluasi Renja 2024")
    at.date_input(key="dsp_tanggal").set_value(date(2025, 1, 2))
    at.date_input(key="dsp_batas").set_value(date(2025, 1, 12))
    button(at, "Simpan disposisi").click().run()
    assert not at.exception
    assert at.success[0].value == "Disposisi tersimpan; periode dibuka dengan batas waktunya."
    assert Store().period(2024)["batas_waktu"] == date(2025, 1, 12)
    assert any("Batas waktu: **12 Januari 2025**" in m.value for m in at.markdown)


def test_missing_fields_are_told(demo_db):
    at = run_page()
    at.date_input(key="dsp_batas").set_value(date(2025, 1, 12))
    button(at, "Simpan disposisi").click().run()
    assert "Nomor agenda wajib diisi." in at.error[0].value
    assert "Isi instruksi wajib diisi." in at.error[0].value


def test_letter_sending_and_archive(demo_db, monkeypatch):
    captured: dict[str, bytes] = {}
    original = MemoryMediaFileStorage.load_and_get_id

    def record(self, data, mimetype, kind, filename=None):
        file_id = original(self, data, mimetype, kind, filename)
        captured[filename or file_id] = data
        return file_id

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", record)
    store = Store()
    dokumen.ajukan(store, ADMIN, Settings(), 2024, 4, date(2025, 1, 20))
    dokumen.paraf(store, SEKRETARIS, 2024, 4)
    dokumen.setujui(store, KEPALA, 2024, 4)
    dokumen.tandatangani(store, KEPALA, 2024, 4, "tte", date(2025, 1, 21), PDF, "ttd.pdf")

    at = run_page()
    button(at, "Beri nomor dan buat surat").click().run()
    assert not at.exception
    year = clock.today().year
    number = f"000.7.2/001/Diskominfo-SP/{year}"
    assert any(
        f"Surat pengantar periode ini: **{number}**" in as_shown(m.value) for m in at.markdown
    )
    register = at.dataframe[0].value
    assert register["Nomor"].tolist() == [number] and register["Keadaan"].tolist() == ["berlaku"]

    button(at, "Catat pengiriman").click().run()
    assert not at.exception
    assert dokumen.keadaan(store, 2024, 4).status is dokumen.Status.DIKIRIM
    button(at, "Arsipkan").click().run()
    assert dokumen.keadaan(store, 2024, 4).status is dokumen.Status.DIARSIPKAN

    archive = [d for d in at.get("download_button") if d.proto.label == "Unduh arsip (.zip)"]
    assert len(archive) == 1  # the zip is made on the click (tests/test_arsip_sop.py)
    letter = captured[store.berkas(store.letters()[0]["berkas_id"])["nama"]]
    with zipfile.ZipFile(io.BytesIO(letter)) as docx:
        assert number in docx.read("word/document.xml").decode()


def test_a_kabid_sees_no_forms_and_no_archive(demo_db):
    at = run_page("kabid")
    assert not at.exception
    assert [b.label for b in at.button] == []
    assert "Peran Anda tidak dapat mengunduh arsip." in [c.value for c in at.caption]
