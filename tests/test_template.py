import io
import math
import zipfile
from datetime import datetime

import numpy as np
import openpyxl
import pandas as pd
import pytest

from kinerja_core.demo import BIDANG, DINAS, KABUPATEN, demo_frames
from kinerja_core.model import ANGGARAN_TW, REALISASI_TW, conform_anggaran, conform_indicators
from kinerja_core.template import (
    ANGGARAN_HEADERS,
    SHEET_META,
    bidang_list,
    build_all_formats,
    build_format,
    format_filename,
    kinerja_headers,
    zip_formats,
)

KINERJA_HEADER_2024 = [
    "No",
    "Kode",
    "Program / Kegiatan / Sub Kegiatan",
    "Indikator",
    "Satuan",
    "Polaritas",
    "Cara Agregasi",
    "Target 2024",
    "Realisasi TW I",
    "Realisasi TW II",
    "Realisasi TW III",
    "Realisasi TW IV",
    "Faktor Pendorong",
    "Faktor Penghambat",
    "Tindak Lanjut",
    "Keterangan",
    "Sasaran",
    "Target Renstra Akhir Periode",
    "Realisasi Renstra s/d Tahun Lalu",
]
ANGGARAN_HEADER = [
    "No",
    "Kode",
    "Program / Kegiatan / Sub Kegiatan",
    "Pagu (Rp)",
    "Realisasi Anggaran TW I (Rp)",
    "Realisasi Anggaran TW II (Rp)",
    "Realisasi Anggaran TW III (Rp)",
    "Realisasi Anggaran TW IV (Rp)",
    "Target Renstra Akhir Periode (Rp)",
    "Realisasi Renstra s/d Tahun Lalu (Rp)",
]


def _load(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def _validations(ws) -> list:
    return list(ws.data_validations.dataValidation)


def _validation_at(ws, cell: str):
    found = [dv for dv in _validations(ws) if cell in dv.sqref]
    assert len(found) <= 1
    return found[0] if found else None


def _row_values(ws, row: int) -> list:
    return [c.value for c in ws[row]]


@pytest.fixture(scope="module")
def demo2024():
    return demo_frames(2024)


@pytest.fixture(scope="module")
def statistik_blank(demo2024):
    ind, ang = demo2024
    data = build_format(
        ind, ang, bidang="Bidang Statistik", tahun=2024, dinas=DINAS, kabupaten=KABUPATEN
    )
    return _load(data)


def test_sheets_titles_and_headers(statistik_blank):
    wb = statistik_blank
    assert wb.sheetnames == ["Petunjuk", "Kinerja", "Anggaran", "_meta"]
    ws = wb["Kinerja"]
    assert ws["A1"].value == "FORMAT PENGUMPULAN DATA KINERJA"
    assert ws["A2"].value == f"{DINAS} Kabupaten {KABUPATEN}"
    assert ws["A3"].value == "Bidang Statistik — Tahun 2024"
    assert all(v is None for v in _row_values(ws, 4))
    assert _row_values(ws, 5) == KINERJA_HEADER_2024 == kinerja_headers(2024)
    assert _row_values(wb["Anggaran"], 5) == ANGGARAN_HEADER == ANGGARAN_HEADERS
    assert wb["Anggaran"]["A3"].value == "Bidang Statistik — Tahun 2024"
    petunjuk = " ".join(str(c.value) for row in wb["Petunjuk"].iter_rows() for c in row if c.value)
    for phrase in ("Realisasi TW I", "dikunci", "TW I = Januari", "jangan mengganti nama sheet"):
        assert phrase.casefold() in petunjuk.casefold()


def test_rows_are_the_bidang_rencana_blank_inputs(statistik_blank, demo2024):
    ind, ang = demo2024
    mine = ind[ind["bidang"] == "Bidang Statistik"].reset_index(drop=True)
    ws = statistik_blank["Kinerja"]
    rows = list(ws.iter_rows(min_row=6, values_only=True))
    assert len(rows) == len(mine)
    for values, (_, rec) in zip(rows, mine.iterrows(), strict=True):
        assert values[1] == rec["kode"] and isinstance(values[1], str)
        assert values[3] == rec["indikator"]
        assert values[5] == rec["polaritas"] and values[6] == rec["agregasi"]
        if rec["target_teks"]:
            assert values[7] == rec["target_teks"]
        else:
            assert values[7] == pytest.approx(rec["target"])
        assert all(v is None for v in values[8:16])  # blank format: inputs empty
        assert values[16] == (rec["sasaran"] or None)  # identity from the rencana
        for got, name in zip(
            values[17:19], ("target_renstra", "realisasi_renstra_lalu"), strict=True
        ):
            assert got == (None if np.isnan(rec[name]) else pytest.approx(rec[name]))
    anggaran_rows = list(statistik_blank["Anggaran"].iter_rows(min_row=6, values_only=True))
    mine_ang = ang[ang["bidang"] == "Bidang Statistik"]
    assert [r[1] for r in anggaran_rows] == list(mine_ang["kode"])
    assert [r[3] for r in anggaran_rows] == pytest.approx(list(mine_ang["pagu"]))
    assert all(v is None for r in anggaran_rows for v in r[4:8])
    assert [r[8] for r in anggaran_rows] == pytest.approx(list(mine_ang["target_renstra_rp"]))
    assert any(r[8] for r in anggaran_rows)  # the demo's Statistik has its Renstra Rp


def test_locking_and_protection(statistik_blank):
    ws = statistik_blank["Kinerja"]
    assert ws.protection.sheet is True
    assert not ws.protection.password  # no password, as the Petunjuk says
    for col in "ABCDEFGH":
        assert ws[f"{col}6"].protection.locked is True, col
    for col in "IJKLMNOP":
        assert ws[f"{col}6"].protection.locked is False, col
    for col in "QRS":  # Sasaran and the Renstra figures come from the rencana
        assert ws[f"{col}6"].protection.locked is True, col
    assert ws.freeze_panes == "E6"
    assert ws.page_setup.orientation == "landscape"
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.page_setup.fitToHeight == 0  # fit to width (1 page wide, any height)
    assert ws.print_title_rows == "$5:$5"
    assert ws.column_dimensions["D"].width > 30
    assert ws["D6"].alignment.wrap_text
    ang = statistik_blank["Anggaran"]
    assert ang.protection.sheet is True
    for col in "ABCD":
        assert ang[f"{col}6"].protection.locked is True
    for col in "EFGH":
        assert ang[f"{col}6"].protection.locked is False
        assert ang[f"{col}6"].number_format == "#,##0"
    for col in "IJ":  # Renstra Rp from the rencana
        assert ang[f"{col}6"].protection.locked is True
        assert ang[f"{col}6"].number_format == "#,##0"
    assert ang["D6"].number_format == "#,##0"


def test_validations_numeric_and_qualitative(statistik_blank, demo2024):
    ws = statistik_blank["Kinerja"]
    ind, _ = demo2024
    mine = ind[ind["bidang"] == "Bidang Statistik"].reset_index(drop=True)
    for i, rec in mine.iterrows():
        row = 6 + i
        for col in "IJKL":
            dv = _validation_at(ws, f"{col}{row}")
            assert dv is not None
            if rec["target_teks"]:
                assert dv.type == "list" and dv.formula1 == '"Baik,Cukup,Kurang"'
            else:
                assert dv.type == "decimal"
                assert dv.operator == "greaterThanOrEqual" and dv.formula1 == "0"
    assert (mine["target_teks"] != "").any()  # the qualitative branch really ran
    assert _validation_at(ws, "F6").formula1 == '"positif,negatif"'
    assert _validation_at(ws, "G6").formula1 == '"kumulatif,akhir,rata-rata"'
    assert _validation_at(ws, "M6") is None
    ang = statistik_blank["Anggaran"]
    dv = _validation_at(ang, "E6")
    assert dv.type == "decimal" and dv.operator == "greaterThanOrEqual"
    assert _validation_at(ang, "H9") is not None


def test_meta_sheet_is_very_hidden(statistik_blank):
    meta = statistik_blank[SHEET_META]
    assert meta.sheet_state == "veryHidden"
    values = {row[0]: row[1] for row in meta.iter_rows(values_only=True)}
    assert values["format"] == "kinerja-pengumpulan"
    assert values["versi"] == "1"
    assert values["bidang"] == "Bidang Statistik"
    assert values["tahun"] == "2024"
    assert values["dinas"] == DINAS
    assert datetime.fromisoformat(values["dibuat"]).year >= 2024
    assert list(values) == ["format", "versi", "bidang", "tahun", "dinas", "dibuat"]


def test_filled_writes_realisasi_and_anggaran(demo2024):
    ind, ang = demo2024
    wb = _load(build_format(ind, ang, bidang="Sekretariat", tahun=2024, dinas=DINAS, filled=True))
    ws = wb["Kinerja"]
    assert ws["A2"].value == DINAS  # no kabupaten given
    mine = ind[ind["bidang"] == "Sekretariat"].reset_index(drop=True)
    for i, rec in mine.iterrows():
        values = _row_values(ws, 6 + i)
        if rec["target_teks"]:
            assert values[8:12] == [rec["realisasi_teks"]] * 4
        else:
            for k, col in enumerate(REALISASI_TW):
                expected = rec[col]
                got = values[8 + k]
                assert (got is None) if math.isnan(expected) else got == pytest.approx(expected)
        assert (values[12] or "") == rec["faktor_pendorong"]
        assert (values[13] or "") == rec["faktor_penghambat"]
    # rows are tall enough for their wrapped texts (no program-written row grows by itself)
    heights = [ws.row_dimensions[6 + i].height for i in range(len(mine))]
    longest = int(mine["uraian"].str.len().idxmax())
    assert min(heights) >= 16.5 and heights[longest] >= 3 * 13.5
    mine_ang = ang[ang["bidang"] == "Sekretariat"].reset_index(drop=True)
    for i, rec in mine_ang.iterrows():
        values = _row_values(wb["Anggaran"], 6 + i)
        assert values[4:8] == pytest.approx(list(rec[ANGGARAN_TW]))


def test_text_stays_text():
    ind = conform_indicators(
        pd.DataFrame(
            [
                {
                    "tahun": 2024,
                    "bidang": "Bidang Statistik",
                    "kode": "2.20.02.2.01.0001",
                    "uraian": '=HYPERLINK("http://x","klik")',
                    "indikator": "+SUM(1,2)",
                    "satuan": "@cmd",
                    "polaritas": "positif",
                    "agregasi": "kumulatif",
                    "target": 5,
                    "faktor_pendorong": "-2+3",
                }
            ]
        )
    )
    ang = conform_anggaran(pd.DataFrame(columns=["kode"]))
    wb = _load(
        build_format(ind, ang, bidang="Bidang Statistik", tahun=2024, dinas="=1+1", filled=True)
    )
    ws = wb["Kinerja"]
    assert ws["C6"].value == '=HYPERLINK("http://x","klik")' and ws["C6"].data_type == "s"
    assert ws["D6"].value == "+SUM(1,2)" and ws["D6"].data_type == "s"
    assert ws["M6"].value == "-2+3" and ws["M6"].data_type == "s"
    assert ws["A2"].data_type == "s"
    # a sub kegiatan without pagu still gets an Anggaran row, with the pagu cell open
    anggaran = wb["Anggaran"]
    assert anggaran["B6"].value == "2.20.02.2.01.0001"
    assert anggaran["D6"].value is None and anggaran["D6"].protection.locked is False


def test_anggaran_without_bidang_matched_by_kode(demo2024):
    ind, ang = demo2024
    ang = ang.assign(bidang="")
    wb = _load(build_format(ind, ang, bidang="Bidang Persandian", tahun=2024, dinas=DINAS))
    codes = [r[1] for r in wb["Anggaran"].iter_rows(min_row=6, values_only=True)]
    assert codes and all(c.startswith("2.21.02") for c in codes)


def test_build_all_and_zip(demo2024):
    ind, ang = demo2024
    files = build_all_formats(ind, ang, tahun=2024, dinas=DINAS)
    assert list(files) == [format_filename(2024, b) for b in BIDANG]
    assert "format_kinerja_2024_bidang_statistik.xlsx" in files
    assert list(files)[0] == "format_kinerja_2024_sekretariat.xlsx"
    archive = zipfile.ZipFile(io.BytesIO(zip_formats(files)))
    assert archive.namelist() == list(files)
    for name in archive.namelist():
        wb = _load(archive.read(name))
        assert wb["_meta"]["B3"].value in BIDANG


def test_bidang_list_orders_sekretariat_first_and_skips_blank():
    ind = pd.DataFrame({"bidang": ["Bidang B", "", "Sekretariat", "Bidang A", "Bidang B"]})
    assert bidang_list(ind) == ["Sekretariat", "Bidang B", "Bidang A"]


def test_reproducible_with_fixed_time(demo2024):
    ind, ang = demo2024
    when = datetime(2025, 1, 6, 8, 0)
    a = build_format(ind, ang, bidang="Sekretariat", tahun=2024, dinas=DINAS, dibuat=when)
    b = build_format(ind, ang, bidang="Sekretariat", tahun=2024, dinas=DINAS, dibuat=when)
    assert a == b
    later = build_format(
        ind, ang, bidang="Sekretariat", tahun=2024, dinas=DINAS, dibuat=datetime(2025, 2, 1)
    )
    assert later != a
