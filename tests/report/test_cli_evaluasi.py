"""CLI `evaluasi`: files in, the evaluation workbook out; exit codes; no traceback."""

from __future__ import annotations

import io
import math
import subprocess
import sys

import openpyxl
import pandas as pd
import pytest

from kinerja_core import tabular
from kinerja_core.settings import DEMO_DIR, REPO_ROOT

DEMO_2024 = sorted(str(p) for p in (DEMO_DIR / "2024").glob("*.xlsx"))
DEMO_2023 = sorted(str(p) for p in (DEMO_DIR / "2023").glob("*.xlsx"))

pytestmark = pytest.mark.skipif(not DEMO_2024, reason="demo workbooks not generated")


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kinerja_core", *args],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=180,
    )


def test_demo_year_to_workbook_matches_hitung(tmp_path):
    out = tmp_path / "Evaluasi_Renja_2024_TW4.xlsx"
    result = run_cli("evaluasi", *DEMO_2024, "--keluaran", str(out), "--tanggal", "2025-01-15")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "ditulis ke" in result.stderr and "53 indikator, 5 bidang" in result.stderr
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[:2] == ["Ringkasan", "Evaluasi Renja (E.81)"]
    assert len(wb.sheetnames) == 9
    texts = [c.value for row in wb["Evaluasi Renja (E.81)"].iter_rows() for c in row]
    assert "Malili, 15 Januari 2025" in texts
    files = [c.value for c in wb["Catatan"]["C"] if c.value]
    assert "sekretariat.xlsx" in files  # the files used, with their validation notes

    hitung = run_cli("hitung", *DEMO_2024)
    expected = pd.read_csv(io.StringIO(hitung.stdout), dtype={"kode": str})
    data = pd.DataFrame(wb["Data"].values)
    data.columns = data.iloc[0]
    data = data.iloc[1:].reset_index(drop=True)
    assert list(data.columns[: len(expected.columns)]) == list(expected.columns)
    assert len(data) == len(expected)
    for column in ("kode", "indikator", "predikat"):
        assert data[column].fillna("").tolist() == expected[column].fillna("").tolist()
    for column in ("target", "realisasi", "capaian", "pagu", "serapan"):
        for got, want in zip(data[column], expected[column], strict=True):
            if want is None or (isinstance(want, float) and math.isnan(want)):
                assert got is None
            else:
                # hitung prints floats rounded to tabular.DECIMALS places; the workbook not
                assert got == pytest.approx(want, rel=1e-12, abs=0.5 * 10**-tabular.DECIMALS)


def test_several_years_need_tahun_and_give_a_comparison(tmp_path):
    out = tmp_path / "dua_tahun.xlsx"
    result = run_cli("evaluasi", *DEMO_2023, *DEMO_2024, "--keluaran", str(out))
    assert result.returncode == 2
    assert "beberapa tahun (2023, 2024)" in result.stderr and "--tahun" in result.stderr
    assert not out.exists()
    result = run_cli(
        "evaluasi", *DEMO_2023, *DEMO_2024, "--tahun", "2024", "--sampai-tw", "2",
        "--kertas", "f4", "--tanpa-sheet-bidang", "--keluaran", str(out),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Ringkasan", "Evaluasi Renja (E.81)", "Data", "Catatan"]
    assert int(wb["Ringkasan"].page_setup.paperSize) == 14
    values = [c.value for row in wb["Ringkasan"].iter_rows() for c in row]
    assert "Perbandingan dengan tahun 2023" in values
    assert "Tahun 2024, sampai Triwulan II" in values
    result = run_cli("evaluasi", *DEMO_2024, "--tahun", "2020", "--keluaran", str(out))
    assert result.returncode == 2 and "Tidak ada data tahun 2020" in result.stderr


def test_bad_file_still_writes_what_was_read(tmp_path, fixtures_dir):
    out = tmp_path / "sebagian.xlsx"
    result = run_cli(
        "evaluasi", str(fixtures_dir / "bukan_excel.xlsx"), DEMO_2024[0], "--keluaran", str(out)
    )
    assert result.returncode == 1
    assert "KESALAHAN" in result.stderr and "Traceback" not in result.stderr
    assert "lihat sheet Catatan" in result.stderr
    wb = openpyxl.load_workbook(out)
    rows = [[c.value for c in row] for row in wb["Catatan"].iter_rows()]
    assert any(row[1] == "Kesalahan" and row[2] == "bukan_excel.xlsx" for row in rows)
    assert wb["Data"].max_row > 1


def test_nothing_readable_writes_nothing(tmp_path):
    out = tmp_path / "kosong.xlsx"
    result = run_cli("evaluasi", str(tmp_path / "tidak_ada.xlsx"), "--keluaran", str(out))
    assert result.returncode == 1
    assert "Berkas tidak ditemukan" in result.stderr
    assert "dokumen tidak dibuat" in result.stderr
    assert not out.exists()


def test_unwritable_output_and_bad_date_are_messages(tmp_path):
    result = run_cli(
        "evaluasi", DEMO_2024[0], "--keluaran", str(tmp_path / "tidak" / "ada" / "x.xlsx")
    )
    assert result.returncode == 2
    assert "Tidak dapat menulis" in result.stderr and "Traceback" not in result.stderr
    result = run_cli(
        "evaluasi", DEMO_2024[0], "--keluaran", str(tmp_path / "x.xlsx"), "--tanggal", "15/01"
    )
    assert result.returncode == 2 and "Tanggal tidak dikenali" in result.stderr
    result = run_cli("evaluasi", DEMO_2024[0])
    assert result.returncode == 2 and "--keluaran" in result.stderr


def test_laporan_beside_the_workbook(tmp_path):
    out, report = tmp_path / "E.xlsx", tmp_path / "Laporan.docx"
    result = run_cli("evaluasi", *DEMO_2024, "--keluaran", str(out), "--laporan", str(report),
                     "--tanggal", "2025-01-15")  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert f"Laporan evaluasi ditulis ke {report}" in result.stderr
    import docx

    document = docx.Document(str(report))
    texts = [p.text for p in document.paragraphs]
    assert "BAB II\nCAPAIAN KINERJA" in texts
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert any(c.startswith("Malili, 15 Januari 2025\n") for c in cells)
    wb = openpyxl.load_workbook(out)
    dinas = next(r for r in wb["Ringkasan"].iter_rows(values_only=True)
                 if r[0] == "Perangkat Daerah (seluruh bidang)")  # fmt: skip
    from kinerja_core.locale_id import fmt_percent

    assert cells[cells.index("Rata-rata capaian kinerja") + 1] == fmt_percent(dinas[4])


def test_laporan_that_cannot_be_written_says_so(tmp_path):
    result = run_cli("evaluasi", *DEMO_2024, "--keluaran", str(tmp_path / "E.xlsx"),
                     "--laporan", str(tmp_path / "tidak-ada" / "L.docx"))  # fmt: skip
    assert result.returncode == 2 and "Tidak dapat menulis" in result.stderr
    assert "Traceback" not in result.stderr


def test_column_6_from_the_earlier_year_in_the_files_when_the_renstra_starts_then(tmp_path):
    """Persandian has no Renstra figures in the demo: with renstra_tahun_awal = 2023 the
    E.81's column 6 K of its indicators is their 2023 realisasi, read from the 2023 files."""
    import os

    from kinerja_core import formulas
    from kinerja_core.demo import BIDANG_PERSANDIAN, demo_frames
    from kinerja_core.model import REALISASI_TW

    earlier = demo_frames(2023)[0]
    row = earlier[
        (earlier["bidang"] == BIDANG_PERSANDIAN) & (earlier["agregasi"] == "kumulatif")
    ].iloc[0]
    expected = float(
        formulas.realisasi_sampai(
            row[REALISASI_TW].to_numpy(dtype=float)[None, :], [row["agregasi"]], 4
        )[0]
    )

    def column_6(config: str) -> tuple[object, str]:
        (tmp_path / "kinerja.toml").write_text(config, encoding="utf-8")
        out = tmp_path / "e81.xlsx"
        env = {**os.environ, "KINERJA_CONFIG": str(tmp_path / "kinerja.toml")}
        result = subprocess.run(
            [sys.executable, "-m", "kinerja_core", "evaluasi", *DEMO_2023, *DEMO_2024,
             "--tahun", "2024", "--tanpa-sheet-bidang", "--keluaran", str(out)],
            cwd=REPO_ROOT, capture_output=True, text=True, timeout=180, env=env,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        rows = list(
            openpyxl.load_workbook(out)["Evaluasi Renja (E.81)"].iter_rows(values_only=True)
        )
        numbering = next([str(v) for v in r] for r in rows if str(r[0]) == "1" and r[1] in (2, "2"))
        k6 = numbering.index("6")
        (found,) = [r for r in rows if row["indikator"] in r]
        return found[k6], result.stderr

    value, said = column_6("")
    assert value is None  # no Renstra start: truly unknown
    assert "Formulir E.81 belum lengkap: Realisasi Renstra s/d tahun lalu" in said
    assert "tidak dipakai" not in said
    value, said = column_6("renstra_tahun_awal = 2023\n")
    assert value == pytest.approx(expected)
    assert "(kolom 6 K)" not in said and "(kolom 5 K): kosong pada 10 dari" in said
    assert "tidak dipakai" not in said  # the 2023 rows were used (column 6)
