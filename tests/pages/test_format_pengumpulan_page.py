"""Format Pengumpulan page: one download per bidang with the right workbook, and a zip."""

import io
import zipfile

import openpyxl
import pytest
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

from kinerja_core.demo import BIDANG, DINAS, demo_frames
from kinerja_core.rencana import rencana_from_frames
from kinerja_core.store import Store
from kinerja_core.template import build_format, format_filename
from tests.login import admin
from tests.pages.conftest import open_page


@pytest.fixture
def media(monkeypatch) -> MemoryMediaFileStorage:
    """One media storage shared by every AppTest run, so download bytes can be read back."""
    storage = MemoryMediaFileStorage("/mock/media")
    monkeypatch.setattr(
        "streamlit.testing.v1.app_test.MemoryMediaFileStorage", lambda _endpoint: storage
    )
    return storage


@pytest.fixture
def plan_db(tmp_path, monkeypatch) -> Store:
    path = tmp_path / "format.db"
    monkeypatch.setenv("KINERJA_DB", str(path))
    store = Store(f"sqlite:///{path}")
    for tahun in (2023, 2024):
        store.set_rencana(tahun, *rencana_from_frames(*demo_frames(tahun)), actor=admin("uji"))
    return store


def download_bytes(storage: MemoryMediaFileStorage, button) -> bytes:
    file_id = button.proto.url.rsplit("/", 1)[-1].split(".")[0]
    return storage.get_file(file_id).content


def sheet_rows(data: bytes, sheet: str) -> list[tuple]:
    wb = openpyxl.load_workbook(io.BytesIO(data))
    return list(wb[sheet].iter_rows(values_only=True))


def test_one_download_per_bidang_with_the_right_workbook(plan_db, media):
    at = open_page("format_pengumpulan.py", default_timeout=60).run()
    assert not at.exception
    assert at.title[0].value == "Format Pengumpulan"
    assert at.subheader[0].value == "Tahun 2024: 5 format"
    buttons = {b.key: b for b in at.download_button}
    assert len(buttons) == len(BIDANG) + 1
    ind, ang = plan_db.rencana(2024)
    for bidang in BIDANG:
        name = format_filename(2024, bidang)
        data = download_bytes(media, buttons[f"unduh_{name}"])
        expected = build_format(ind, ang, bidang=bidang, tahun=2024, dinas=DINAS)
        for sheet in ("Kinerja", "Anggaran"):
            got = sheet_rows(data, sheet)
            want = sheet_rows(expected, sheet)
            assert got[2:] == want[2:]  # same rows (row 2 carries the kabupaten)
        meta = dict(sheet_rows(data, "_meta"))
        assert meta["bidang"] == bidang and meta["tahun"] == "2024"
    assert "Sekretariat" in [m.value for m in at.markdown]
    shown = [m.value for m in at.markdown]
    assert "Rp 5.610.440.000" in shown and "12" in shown  # Sekretariat: pagu total, indicators


def test_zip_holds_every_format(plan_db, media):
    at = open_page("format_pengumpulan.py", default_timeout=60).run()
    (zip_button,) = [b for b in at.download_button if b.proto.label == "Unduh semua (zip)"]
    archive = zipfile.ZipFile(io.BytesIO(download_bytes(media, zip_button)))
    assert archive.namelist() == [format_filename(2024, b) for b in BIDANG]


def test_year_from_sidebar_and_missing_plan(plan_db, media):
    at = open_page("format_pengumpulan.py", default_timeout=60).run()
    at.sidebar.selectbox(key="_w_tahun").select(2023).run()
    assert not at.exception
    assert at.subheader[0].value == "Tahun 2023: 5 format"
    key = f"unduh_{format_filename(2023, 'Bidang Statistik')}"
    data = download_bytes(media, next(b for b in at.download_button if b.key == key))
    assert sheet_rows(data, "Kinerja")[4][7] == "Target 2023"
    plan_db.open_period(2025, 1, None, actor=admin("uji"))  # a year with no rencana yet
    at = open_page("format_pengumpulan.py", default_timeout=60).run()
    at.sidebar.selectbox(key="_w_tahun").select(2025).run()
    assert not at.exception
    assert "Belum ada rencana kinerja tahun 2025" in at.info[0].value
    assert not at.download_button
