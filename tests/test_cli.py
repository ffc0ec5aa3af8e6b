"""CLI `hitung`: the output contract, and agreement with DESIGN.md §3 on every demo row."""

import math
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from kinerja_core.demo import DEMO_YEARS, demo_frames
from kinerja_core.settings import DEMO_DIR, REPO_ROOT

CONTRACT = [
    "tahun", "bidang", "kode", "uraian", "indikator", "satuan", "polaritas", "agregasi",
    "target", "realisasi_tw1", "realisasi_tw2", "realisasi_tw3", "realisasi_tw4",
    "realisasi", "capaian", "predikat",
]  # fmt: skip


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kinerja_core", *args],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def reference_capaian(row: pd.Series, sampai_tw: int) -> tuple[float, float]:
    """DESIGN.md §3 written out plainly, one row at a time: (realisasi, capaian)."""
    values = [row[f"realisasi_tw{n}"] for n in range(1, sampai_tw + 1)]
    reported = [v for v in values if not math.isnan(v)]
    if not reported:
        realisasi = math.nan
    elif row["agregasi"] == "akhir":
        realisasi = reported[-1]
    elif row["agregasi"] == "rata-rata":
        realisasi = sum(reported) / len(reported)
    else:
        realisasi = sum(reported)
    target = row["target"]
    if row["polaritas"] == "negatif" and target == 0 and realisasi == 0:
        return realisasi, 100.0
    if math.isnan(target) or target == 0 or math.isnan(realisasi):
        return realisasi, math.nan
    if row["polaritas"] == "negatif":
        return realisasi, max((2 * target - realisasi) / target * 100, 0.0)
    return realisasi, realisasi / target * 100


def reference_predikat(capaian: float) -> str:
    if math.isnan(capaian):
        return ""
    for bound, name in ((91, "Sangat Tinggi"), (76, "Tinggi"), (66, "Sedang"), (51, "Rendah")):
        if capaian >= bound:
            return name
    return "Sangat Rendah"


@pytest.mark.parametrize("tahun", DEMO_YEARS)
@pytest.mark.parametrize("sampai_tw", [2, 4])
def test_hitung_on_demo_agrees_with_design(tmp_path, tahun, sampai_tw):
    out = tmp_path / "out.csv"
    files = sorted(str(p) for p in (DEMO_DIR / str(tahun)).glob("*.xlsx"))
    result = run_cli("hitung", *files, "--sampai-tw", str(sampai_tw), "--csv", str(out))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    table = pd.read_csv(out, dtype={"kode": str}, keep_default_na=False, na_values=[""])
    assert list(table.columns[: len(CONTRACT)]) == CONTRACT
    expected, _ = demo_frames(tahun)
    assert len(table) == len(expected)
    keys = set(zip(table["kode"], table["indikator"], strict=True))
    assert keys == set(zip(expected["kode"], expected["indikator"], strict=True))
    assert set(table["polaritas"]) <= {"positif", "negatif"}
    assert set(table["agregasi"]) <= {"kumulatif", "akhir", "rata-rata"}
    for _, row in table.iterrows():
        realisasi, capaian = reference_capaian(row, sampai_tw)
        assert row["realisasi"] == pytest.approx(realisasi, nan_ok=True), row["indikator"]
        assert row["capaian"] == pytest.approx(capaian, rel=1e-5, nan_ok=True), row["indikator"]
        predikat = row["predikat"] if isinstance(row["predikat"], str) else ""
        assert predikat == reference_predikat(capaian), row["indikator"]


def test_hitung_writes_plain_csv_to_stdout():
    files = sorted(str(p) for p in (DEMO_DIR / "2024").glob("*.xlsx"))[:1]
    result = run_cli("hitung", *files)
    assert result.returncode == 0
    header = result.stdout.splitlines()[0]
    assert header.startswith(",".join(CONTRACT))


def test_hitung_missing_file_is_a_message_not_a_traceback(tmp_path):
    result = run_cli("hitung", str(tmp_path / "tidak_ada.xlsx"))
    assert result.returncode == 1
    assert "tidak ditemukan" in result.stderr
    assert "Traceback" not in result.stderr


def test_help_is_indonesian():
    result = run_cli("--help")
    assert result.returncode == 0 and "Penggunaan" in result.stdout and "hitung" in result.stdout


def test_demo_files_exist():
    assert all((DEMO_DIR / str(year)).is_dir() for year in DEMO_YEARS)
    assert Path(REPO_ROOT / "data" / "demo").is_dir()


@pytest.mark.parametrize("sampai_tw", [1, 2, 3, 4])
def test_hitung_matches_shared_expected(tmp_path, sampai_tw, fixtures_dir):
    expected = pd.read_csv(fixtures_dir / "expected.csv", dtype={"kode": str})
    files = [str(fixtures_dir / name) for name in sorted(expected["file"].unique())]
    out = tmp_path / "out.csv"
    result = run_cli(
        "hitung", *files, "--tahun", "2024", "--sampai-tw", str(sampai_tw), "--csv", str(out)
    )
    assert result.returncode == 0, result.stderr
    table = pd.read_csv(out, dtype={"kode": str}, keep_default_na=False, na_values=[""])
    assert len(table) == len(expected)
    merged = expected.merge(table, on=["kode", "indikator"], suffixes=("_exp", ""))
    assert len(merged) == len(expected)
    for _, row in merged.iterrows():
        assert row["bidang"] == row["bidang_exp"]
        assert row["polaritas"] == row["polaritas_exp"]
        assert row["agregasi"] == row["agregasi_exp"]
        assert row["target"] == pytest.approx(row["target_exp"])
        assert row["capaian"] == pytest.approx(row[f"capaian_tw{sampai_tw}"], abs=1e-3)
        if sampai_tw == 4:
            assert row["predikat"] == row["predikat_tw4"]


@pytest.mark.parametrize(
    "name", ["bukan_excel.xlsx", "kosong.xlsx", "kolom_salah.xlsx", "bom_zip.xlsx"]
)
def test_hitung_refuses_broken_fixture_cleanly(name, fixtures_dir):
    result = run_cli("hitung", str(fixtures_dir / name))
    assert result.returncode == 1
    assert "KESALAHAN" in result.stderr and "Cara memperbaiki" in result.stderr
    assert "Traceback" not in result.stderr


def test_unexpected_error_is_an_incident_code_and_the_traceback_goes_to_the_log(
    tmp_path, monkeypatch, capsys
):
    from kinerja_core import cli

    log = tmp_path / "kinerja.log"
    monkeypatch.setenv("KINERJA_LOG", str(log))

    def broken(args):
        raise RuntimeError("rusak di dalam /srv/rahasia/jalur.py")

    monkeypatch.setattr(cli, "cmd_hitung", broken)
    assert cli.main(["hitung", "tidak_ada.xlsx"]) == 2
    err = capsys.readouterr().err
    code = re.search(r"kode insiden (KNJ-[0-9A-F]{6})", err).group(1)
    assert "Traceback" not in err and "/srv/rahasia" not in err
    logged = log.read_text(encoding="utf-8")
    assert code in logged and "Traceback" in logged and "RuntimeError" in logged
