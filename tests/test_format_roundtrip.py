"""Round trips through the collection format and helper A's reader.

1. Every committed demo workbook reads back as exactly ``demo_frames(tahun)`` of its bidang,
   and the committed files are what ``python -m kinerja_core.demo`` writes today.
2. A blank format, filled with openpyxl as a person would (typing into the open cells
   only, the sheet still protected), reads back with the same numbers and texts.
"""

import io
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

from kinerja_core.demo import BIDANG, DEMO_YEARS, DINAS, demo_frames, slug, write_demo_workbooks
from kinerja_core.ingest import read_upload
from kinerja_core.model import ANGGARAN_TW, REALISASI_TW
from kinerja_core.rencana import rencana_from_frames
from kinerja_core.template import build_format

DEMO_DIR = Path(__file__).resolve().parents[1] / "data" / "demo"
COMPARED = ["sumber", "baris"]  # where the rows came from differs by design


def _same(read: pd.DataFrame, expected: pd.DataFrame) -> None:
    left = read.drop(columns=COMPARED).reset_index(drop=True)
    right = expected.drop(columns=COMPARED).reset_index(drop=True)
    pd.testing.assert_frame_equal(left, right, check_dtype=False)


@pytest.mark.parametrize("tahun", DEMO_YEARS)
@pytest.mark.parametrize("bidang", BIDANG)
def test_demo_workbook_reads_back_as_demo_frames(tahun, bidang):
    path = DEMO_DIR / str(tahun) / f"{slug(bidang)}.xlsx"
    result = read_upload(path.read_bytes(), path.name)
    assert result.errors == []
    assert result.shape == "format-kinerja"
    assert (result.bidang, result.tahun) == (bidang, tahun)
    ind, ang = demo_frames(tahun)
    _same(result.indicators, ind[ind["bidang"] == bidang])
    _same(result.anggaran, ang[ang["bidang"] == bidang])
    assert (result.indicators["baris"] >= 6).all()  # rows point at the sheet rows


def test_committed_demo_files_are_current(tmp_path):
    for path in write_demo_workbooks(tmp_path):
        committed = DEMO_DIR / path.relative_to(tmp_path)
        assert committed.read_bytes() == path.read_bytes(), f"{committed} is stale"


def _fill_like_a_person(blank: bytes, ind: pd.DataFrame, ang: pd.DataFrame) -> bytes:
    """Type realisasi, texts and anggaran into the unlocked cells only."""
    wb = openpyxl.load_workbook(io.BytesIO(blank))
    ws = wb["Kinerja"]
    for i, rec in enumerate(ind.to_dict("records")):
        row = 6 + i
        assert ws.cell(row, 4).value == rec["indikator"]
        for k, col in enumerate(REALISASI_TW):
            cell = ws.cell(row, 9 + k)
            assert cell.protection.locked is False
            if rec["target_teks"]:
                cell.value = rec["realisasi_teks"]
            elif not np.isnan(rec[col]):
                cell.value = int(rec[col]) if float(rec[col]).is_integer() else rec[col]
        for k, col in enumerate(["faktor_pendorong", "faktor_penghambat", "tindak_lanjut"]):
            if rec[col]:
                ws.cell(row, 13 + k).value = rec[col]
    sheet = wb["Anggaran"]
    for i, rec in enumerate(ang.to_dict("records")):
        row = 6 + i
        assert sheet.cell(row, 2).value == rec["kode"]
        for k, col in enumerate(ANGGARAN_TW):
            assert sheet.cell(row, 5 + k).protection.locked is False
            sheet.cell(row, 5 + k).value = rec[col]
    assert ws.protection.sheet and sheet.protection.sheet
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@pytest.mark.parametrize("bidang", ["Sekretariat", "Bidang Persandian"])
def test_generate_fill_read_gives_the_same_numbers(bidang):
    full_ind, full_ang = demo_frames(2024)
    plan_ind, plan_ang = rencana_from_frames(full_ind, full_ang)
    blank = build_format(plan_ind, plan_ang, bidang=bidang, tahun=2024, dinas=DINAS)
    assert read_upload(blank, "kosong.xlsx").indicators[REALISASI_TW].isna().all().all()
    ind = full_ind[full_ind["bidang"] == bidang].reset_index(drop=True)
    ang = full_ang[full_ang["bidang"] == bidang].reset_index(drop=True)
    filled = _fill_like_a_person(blank, ind, ang)
    result = read_upload(filled, "terisi.xlsx")
    assert result.errors == []
    assert (result.bidang, result.tahun) == (bidang, 2024)
    expected = ind.assign(keterangan="")  # the person left Keterangan empty
    _same(result.indicators, expected)
    _same(result.anggaran, ang)
