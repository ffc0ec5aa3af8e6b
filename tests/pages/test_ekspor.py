"""Ekspor Dokumen page: headline preview, options, and a download that is a real workbook."""

from __future__ import annotations

import io

import openpyxl
from streamlit.testing.v1 import AppTest

from tests.login import admin
from tests.pages.conftest import as_shown, open_page


def run_page() -> AppTest:
    return open_page("ekspor.py", default_timeout=120).run()


def make(at: AppTest) -> AppTest:
    """Press "Buat dokumen" (a recorded export is what the download buttons offer)."""
    at.button(key="ek_buat").click().run()
    assert not at.exception, at.exception
    return at


def download_of(at: AppTest, downloads) -> tuple[bytes, str | None]:
    buttons = [b for b in at.get("download_button") if b.proto.label.endswith("(.xlsx)")]
    assert len(buttons) == 1
    url = buttons[0].proto.url
    file_id = url.rsplit("/", 1)[-1].split(".")[0]
    return downloads[file_id]


def test_page_offers_the_workbook_of_the_period(demo_db, downloads):
    at = run_page()
    assert not at.exception
    assert at.title[0].value == "Ekspor Dokumen Evaluasi"
    assert at.subheader[0].value == "Tahun 2024, sampai Triwulan IV"
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Rata-rata capaian kinerja"] == "86,2%"  # the Beranda's figure
    assert metrics["Serapan anggaran"] == "87,3%"
    assert len(at.get("download_button")) == 0  # nothing made yet: say how
    assert any("Belum ada dokumen untuk tahun ini" in c.value for c in at.caption)
    warned = "\n".join(as_shown(w.value) for w in at.warning)
    assert "Penandatangan masih contoh" in warned and "Kepala Dinas: nama dan NIP" in warned
    make(at)
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["Unduh dokumen evaluasi (.xlsx)", "Unduh laporan evaluasi (.docx)"]
    content, name = download_of(at, downloads)
    assert name == "Evaluasi_Renja_2024_TW4.xlsx"
    wb = openpyxl.load_workbook(io.BytesIO(content))
    assert wb.sheetnames[:2] == ["Ringkasan", "Evaluasi Renja (E.81)"]
    assert len(wb.sheetnames) == 9
    assert int(wb["Evaluasi Renja (E.81)"].page_setup.paperSize) == 9
    contents = at.dataframe[-1].value
    assert contents["Sheet"].tolist() == wb.sheetnames
    # the Catatan sheet lists the stored submissions that were used
    files = {c.value for c in wb["Catatan"]["C"] if c.value}
    assert "sekretariat.xlsx" in files
    values = [c.value for row in wb["Ringkasan"].iter_rows() for c in row]
    assert "Perbandingan dengan tahun 2023" in values


def test_options_change_the_workbook(demo_db, downloads):
    at = run_page()
    at.radio(key="ek_kertas").set_value("F4")
    at.toggle(key="ek_per_bidang").set_value(False)
    at.sidebar.selectbox(key="_w_sampai_tw").select(2)
    at.run()
    make(at)
    content, name = download_of(at, downloads)
    assert name == "Evaluasi_Renja_2024_TW2.xlsx"
    wb = openpyxl.load_workbook(io.BytesIO(content))
    assert wb.sheetnames == ["Ringkasan", "Evaluasi Renja (E.81)", "Data", "Catatan"]
    assert all(int(ws.page_setup.paperSize) == 14 for ws in wb.worksheets)
    assert wb["Evaluasi Renja (E.81)"]["A3"].value.endswith("(Triwulan I s.d. Triwulan II)")
    assert at.dataframe[-1].value["Sheet"].tolist() == wb.sheetnames


def test_year_without_data_says_so(demo_db, downloads):
    at = run_page()
    from kinerja_core.store import Store

    Store().open_period(2025, 1, actor=admin())
    at.run()
    at.sidebar.selectbox(key="_w_tahun").select(2025).run()
    assert not at.exception
    assert "Belum ada data kinerja untuk tahun 2025" in at.info[0].value
    assert len(at.get("download_button")) == 0


def e81_rows(content: bytes) -> tuple[list[str], list[tuple]]:
    """The E.81's numbered header row (as text) and all its rows."""
    rows = list(
        openpyxl.load_workbook(io.BytesIO(content))["Evaluasi Renja (E.81)"].iter_rows(
            values_only=True
        )
    )
    numbering = next([str(v) for v in r] for r in rows if str(r[0]) == "1" and str(r[1]) == "2")
    return numbering, rows


def test_what_the_e81_lacks_is_listed_before_download_and_column_6_follows_the_setting(
    demo_db, downloads, tmp_path, monkeypatch
):
    """The demo's Persandian has no Sasaran / Renstra in its rencana: the page names each of
    its indicators and kode before anything is made. With the Renstra starting in 2023 the
    made E.81's column 6 (K and Rp) of those rows is computed from the stored 2023, and the
    list no longer names column 6."""
    from kinerja_core.demo import BIDANG_PERSANDIAN
    from kinerja_core.store import Store

    at = run_page()
    (box,) = [e for e in at.expander if "Sasaran / Renstra belum lengkap" in e.label]
    assert "pada 10 indikator dan 5 kode anggaran" in box.label
    table = box.dataframe[0].value
    assert set(table["Bidang"]) == {BIDANG_PERSANDIAN}
    sandi = Store(demo_db).indicators(2024)
    sandi = sandi[sandi["bidang"] == BIDANG_PERSANDIAN]
    assert set(table["Indikator"]) - {"(anggaran kode ini)"} == set(sandi["indikator"])
    assert set(table["Kosong"]) == {"kolom 2, kolom 5 K, kolom 6 K", "kolom 5 Rp, kolom 6 Rp"}
    shown = "\n".join(as_shown(m.value) for m in box.markdown)
    assert (
        "Realisasi Renstra s/d tahun lalu (isi tahun awal periode Renstra di halaman Pengaturan"
        in shown
    )
    make(at)
    numbering, rows = e81_rows(download_of(at, downloads)[0])
    k6 = numbering.index("6")
    indicator = sandi["indikator"].iloc[0]
    (row,) = [r for r in rows if indicator in r]
    assert row[k6] is None  # truly unknown without a Renstra start: empty, not 0

    config = tmp_path / "kinerja.toml"
    config.write_text("renstra_tahun_awal = 2023\n", encoding="utf-8")
    monkeypatch.setenv("KINERJA_CONFIG", str(config))
    at = run_page()
    (box,) = [e for e in at.expander if "Sasaran / Renstra belum lengkap" in e.label]
    assert set(box.dataframe[0].value["Kosong"]) == {"kolom 2, kolom 5 K", "kolom 5 Rp"}
    make(at)
    numbering, rows = e81_rows(download_of(at, downloads)[0])
    (row,) = [r for r in rows if indicator in r]
    assert row[numbering.index("6")] is not None  # from the stored 2023
    kode = "2.21.02.2.01.0001"  # a Persandian sub kegiatan: column 6 Rp = its 2023 spending
    (line,) = [r for r in rows if r[2] == kode]
    spent_2023 = Store(demo_db).anggaran(2023).set_index("kode").loc[kode]
    expected = spent_2023[["anggaran_tw1", "anggaran_tw2", "anggaran_tw3", "anggaran_tw4"]].sum()
    assert line[numbering.index("6") + 1] == expected > 0
