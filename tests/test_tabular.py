"""CSV tables: formula-like text stays text, floats carry no noise — in the Analisis
download and in the CLI's ``hitung --csv``."""

import pandas as pd

from kinerja_core import tabular
from tests.ingest import builders
from tests.test_cli import run_cli


def test_formula_like_text_gets_an_apostrophe_and_numbers_are_rounded():
    frame = pd.DataFrame(
        {
            "indikator": ['=HYPERLINK("http://x")', "+1", "@SUM(A1)", "-2", "|cmd", "Biasa"],
            "capaian": [0.1 + 0.2, 0.0600000000000001, 1 / 3, -5.0, 1e12, float("nan")],
            "jumlah": [1, 2, 3, 4, 5, 6],
        }
    )
    out = tabular.for_csv(frame)
    assert out["indikator"].tolist() == [
        "'=HYPERLINK(\"http://x\")", "'+1", "'@SUM(A1)", "'-2", "'|cmd", "Biasa"
    ]  # fmt: skip
    assert out["capaian"].tolist()[:5] == [0.3, 0.06, 0.333333, -5.0, 1e12]
    assert out["jumlah"].tolist() == [1, 2, 3, 4, 5, 6]
    assert frame["indikator"][0].startswith("=")  # the input is left alone


def test_hitung_csv_neutralises_formulas_and_float_noise(tmp_path):
    rows = [
        ["Kode", "Indikator Kinerja", "Satuan", "Target 2024", "Realisasi TW I", "Realisasi TW II"],
        ["2.20.02.2.01.0001", '=HYPERLINK("http://contoh.invalid","klik")', "Dokumen", "3",
         "0,1", "0,2"],
        ["2.20.02.2.01.0002", "@SUM(1+1)", "%", "100", "6", ""],
    ]  # fmt: skip
    source = tmp_path / "statistik.csv"
    source.write_bytes(builders.csv_bytes(rows))
    out = tmp_path / "hasil.csv"
    result = run_cli(
        "hitung", str(source), "--tahun", "2024", "--sampai-tw", "2", "--csv", str(out)
    )
    assert "Traceback" not in result.stderr
    text = out.read_text(encoding="utf-8")
    assert "'=HYPERLINK" in text and "'@SUM(1+1)" in text
    assert ",=" not in text and ",@" not in text
    assert "0.30000000000000004" not in text and "0.0600000000000001" not in text
    table = pd.read_csv(out)
    assert table.loc[0, "realisasi"] == 0.3  # 0,1 + 0,2 kumulatif
