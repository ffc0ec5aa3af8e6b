"""The mid-year basis: capaian against the target up to the chosen triwulan."""

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from kinerja_core import analysis, formulas
from kinerja_core.model import conform_anggaran, conform_indicators

NAN = float("nan")


def rows() -> pd.DataFrame:
    data = [
        # kumulatif with stored TW targets: 10 + 20 by TW II
        dict(indikator="pelatihan", agregasi="kumulatif", target=100.0,
             target_tw=[10, 20, 30, 40], tw=[10, 15, NAN, NAN]),
        # kumulatif without TW targets: 100 spread evenly, 50 by TW II
        dict(indikator="dokumen", agregasi="kumulatif", target=100.0,
             target_tw=[NAN] * 4, tw=[20, 25, NAN, NAN]),
        # akhir: TW II's own target
        dict(indikator="indeks", agregasi="akhir", target=90.0, satuan="indeks",
             target_tw=[NAN, 70, NAN, NAN], tw=[60, 70, NAN, NAN]),
        # akhir without TW targets: the annual target
        dict(indikator="persen", agregasi="akhir", target=80.0, satuan="%",
             target_tw=[NAN] * 4, tw=[NAN, 60, NAN, NAN]),
        # rata-rata: the mean of the TW targets so far
        dict(indikator="kepuasan", agregasi="rata-rata", target=85.0,
             target_tw=[80, 90, NAN, NAN], tw=[80, 90, NAN, NAN]),
    ]  # fmt: skip
    out = []
    for i, row in enumerate(data):
        item = {"tahun": 2024, "bidang": "Bidang A", "kode": f"1.01.01.1.01.000{i}", **row}
        for n, value in enumerate(item.pop("target_tw"), start=1):
            item[f"target_tw{n}"] = value
        for n, value in enumerate(item.pop("tw"), start=1):
            item[f"realisasi_tw{n}"] = value
        out.append(item)
    return conform_indicators(pd.DataFrame(out))


def test_target_up_to_tw_ii():
    frame = rows()
    per_tw = frame[[f"target_tw{n}" for n in range(1, 5)]].to_numpy()
    got = formulas.target_sampai(frame["target"], per_tw, frame["agregasi"], 2)
    assert got.tolist() == [30, 50, 70, 80, 85]
    at_iv = formulas.target_sampai(frame["target"], per_tw, frame["agregasi"], 4)
    assert at_iv.tolist() == [100, 100, 90, 80, pytest.approx(85.0)]  # rata-rata: 80,90,85,85


def test_mid_year_capaian_against_the_tw_ii_target():
    annual = analysis.evaluate(rows(), conform_anggaran(pd.DataFrame()), 2)
    mid = analysis.evaluate(rows(), conform_anggaran(pd.DataFrame()), 2, acuan="triwulan")
    assert annual["capaian"].round(1).tolist() == [25.0, 45.0, 77.8, 75.0, 100.0]
    assert mid["capaian"].round(1).tolist() == [83.3, 90.0, 100.0, 75.0, 100.0]
    assert mid["target_acuan"].tolist() == [30, 50, 70, 80, 85]
    assert annual["target_acuan"].tolist() == annual["target"].tolist()
    assert mid["target"].tolist() == annual["target"].tolist()  # the annual target is kept
    assert mid["predikat"].tolist()[:3] == ["Tinggi", "Tinggi", "Sangat Tinggi"]
    assert annual["predikat"].tolist()[:2] == ["Sangat Rendah", "Sangat Rendah"]
    assert mid["gap"].tolist()[:2] == [5.0, 5.0]  # 30 − 25, 50 − 45


def test_tw_target_zero_so_far_is_flagged_not_computed():
    frame = rows()
    frame.loc[0, ["target_tw1", "target_tw2"]] = [0.0, 0.0]  # all the work planned later
    mid = analysis.evaluate(frame, conform_anggaran(pd.DataFrame()), 2, acuan="triwulan")
    assert math.isnan(mid.loc[0, "capaian"]) and analysis.FLAG_TARGET_NOL in mid.loc[0, "flags"]


def test_unknown_basis_is_refused():
    with pytest.raises(ValueError, match="acuan"):
        analysis.evaluate(rows(), conform_anggaran(pd.DataFrame()), 2, acuan="semester")


@hsettings(deadline=None, max_examples=60)
@given(
    annual=st.floats(1, 1e6),
    tw=st.integers(1, 4),
    agregasi=st.sampled_from(["kumulatif", "akhir", "rata-rata"]),
)
def test_without_tw_targets_tw_iv_is_the_annual_target(annual, tw, agregasi):
    none = np.full((1, 4), np.nan)
    got = formulas.target_sampai([annual], none, [agregasi], tw)[0]
    expected = annual * tw / 4 if agregasi == "kumulatif" else annual
    assert got == pytest.approx(expected)
    assert formulas.target_sampai([annual], none, [agregasi], 4)[0] == pytest.approx(annual)


def test_table_and_download_show_the_target_used():
    from kinerja_core import views

    mid = analysis.evaluate(rows(), conform_anggaran(pd.DataFrame()), 2, acuan="triwulan")
    assert views.display_table(mid, 2)["Target"].tolist()[:2] == ["30", "50"]
    out = views.export_frame(mid, 2, target_acuan="Target s.d. Triwulan II")
    columns = list(out.columns)
    assert columns[columns.index("Target") + 1] == "Target s.d. Triwulan II"
    assert out["Target"].tolist()[:2] == [100, 100]
    assert out["Target s.d. Triwulan II"].tolist()[:2] == [30, 50]
    assert "Target s.d. Triwulan II" not in views.export_frame(mid, 2).columns
