"""A submission against the year's rencana (issue 3, item 4)."""

from __future__ import annotations

import math

import pandas as pd

from kinerja_core.ingest import check_against_rencana, read_upload
from kinerja_core.model import conform_indicators
from tests.ingest import builders

PLAN = conform_indicators(
    pd.DataFrame(
        [
            {
                "bidang": "Bidang Statistik",
                "kode": "2.20.02.2.01.0001",
                "uraian": "Metadata",
                "indikator": "Jumlah Dokumen Metadata",
                "satuan": "Dokumen",
                "polaritas": "positif",
                "agregasi": "kumulatif",
                "target": 50,
            },
            {
                "bidang": "Bidang Statistik",
                "kode": "2.20.02.2.01.0003",
                "uraian": "Data",
                "indikator": "Rata-rata Waktu Rilis Data",
                "satuan": "Hari",
                "polaritas": "negatif",
                "agregasi": "rata-rata",
                "target": 7,
            },
            {
                "bidang": "Bidang Statistik",
                "kode": "2.20.02.2.01.0004",
                "uraian": "Survei",
                "indikator": "Jumlah Survei",
                "satuan": "Survei",
                "polaritas": "positif",
                "agregasi": "kumulatif",
                "target": 3,
            },
            {
                "bidang": "Bidang Persandian",
                "kode": "2.21.02.2.01.0004",
                "indikator": "Jumlah PD Terlayani",
                "satuan": "PD",
                "target": 24,
            },
        ]
    )
)


def _upload(rows):
    header = ["Kode", "Indikator", "Satuan", "Polaritas", "Target 2024", "Realisasi TW I"]
    content = builders.write_xlsx({"Kinerja": [header, *rows]})
    return read_upload(content, "statistik.xlsx")


def test_plan_fills_what_the_file_lacks_and_flags_disagreements():
    result = _upload(
        [
            [" 2.20.02.2.01.0001", "jumlah  dokumen METADATA", "Dokumen", "", None, 10],
            ["2.20.02.2.01.0003", "Rata-rata Waktu Rilis Data", "", "", 8, 6],
            ["2.20.02.2.01.0099", "Indikator Baru", "Unit", "Positif", 5, 1],
        ]
    )
    assert result.indicators["polaritas"].tolist() == ["positif"] * 3  # defaults
    checked, problems = check_against_rencana(result.indicators, PLAN, defaulted=result.defaulted)
    rows = checked.set_index("kode")
    metadata = rows.loc["2.20.02.2.01.0001"]
    assert metadata["target"] == 50  # from the plan (file gave none)
    assert metadata["uraian"] == "Metadata"
    waktu = rows.loc["2.20.02.2.01.0003"]
    assert waktu["polaritas"] == "negatif"  # file gave none: plan, no complaint
    assert waktu["agregasi"] == "rata-rata"
    assert waktu["satuan"] == "Hari"
    assert waktu["target"] == 7  # disagreement: plan wins, reported
    texts = [p.message for p in problems]
    assert any("Target" in t and "8" in t and "7" in t for t in texts)
    assert not any("Polaritas" in t for t in texts)
    unknown = [p for p in problems if "tidak ada di rencana" in p.message]
    assert len(unknown) == 1 and unknown[0].row == 4
    missing = [p for p in problems if "tidak ada di berkas" in p.message]
    assert len(missing) == 1 and "2.20.02.2.01.0004" in missing[0].message
    # the other bidang's plan rows are not this file's business
    assert not any("2.21.02" in t for t in texts)
    assert all(p.level == "warning" for p in problems)


def test_explicit_polaritas_disagreement_is_reported():
    result = _upload([["2.20.02.2.01.0003", "Rata-rata Waktu Rilis Data", "Hari", "Positif", 7, 6]])
    checked, problems = check_against_rencana(result.indicators, PLAN, defaulted=result.defaulted)
    assert checked["polaritas"].iloc[0] == "negatif"
    assert any("Polaritas" in p.message and "'positif'" in p.message for p in problems)


def test_mistyped_kode_matches_on_the_indicator_name():
    result = _upload([["2.20.02.2.1.0001", "Jumlah Dokumen Metadata", "Dokumen", "", 50, 10]])
    checked, problems = check_against_rencana(result.indicators, PLAN, defaulted=result.defaulted)
    assert checked["kode"].iloc[0] == "2.20.02.2.01.0001"
    assert any("kodenya berbeda" in p.message for p in problems)


def test_read_upload_with_rencana_applies_it():
    header = ["Kode", "Indikator", "Target 2024", "Realisasi TW I"]
    content = builders.write_xlsx(
        {"Kinerja": [header, ["2.20.02.2.01.0003", "Rata-rata Waktu Rilis Data", 7, 6]]}
    )
    result = read_upload(content, "statistik.xlsx", rencana=PLAN)
    row = result.indicators.iloc[0]
    assert row["polaritas"] == "negatif" and row["satuan"] == "Hari"
    assert any("tidak ada di berkas" in p.message for p in result.warnings)


def test_qualitative_target_from_plan():
    plan = conform_indicators(
        pd.DataFrame(
            [
                {
                    "bidang": "Bidang Statistik",
                    "kode": "1.01",
                    "indikator": "Kualitas",
                    "target_teks": "Baik",
                }
            ]
        )
    )
    result = _upload([["1.01", "Kualitas", "", "", None, None]])
    checked, problems = check_against_rencana(result.indicators, plan, defaulted=result.defaulted)
    assert checked["target_teks"].iloc[0] == "Baik" and math.isnan(checked["target"].iloc[0])
    assert problems == []


def test_empty_inputs():
    result = _upload([["1.01", "A", "", "", 1, 1]])
    same, problems = check_against_rencana(
        result.indicators, PLAN.iloc[0:0], defaulted=result.defaulted
    )
    assert problems == [] and len(same) == 1


def test_agregasi_proved_by_the_file_is_kept_against_the_plan():
    submitted = conform_indicators(
        PLAN.iloc[[1, 2]].assign(agregasi=["kumulatif", "akhir"], sumber="e81.xlsx", baris=9)
    )
    checked, problems = check_against_rencana(
        submitted,
        PLAN,
        defaulted={
            "polaritas": [False, False],
            "agregasi": [False, False],
            "agregasi_berkas": [True, False],
        },
    )
    # row 0: the file's own column 12 proved "kumulatif" → kept, difference reported
    # row 1: "akhir" only written in the file → the plan's "kumulatif" wins, reported
    assert list(checked["agregasi"]) == ["kumulatif", "kumulatif"]
    kept = [p for p in problems if "berkas sendiri" in p.message]
    assert len(kept) == 1 and "'rata-rata'" in kept[0].message
    assert any("dipakai nilai rencana" in p.message for p in problems)


def test_prepared_index_checks_exactly_like_the_plan_frame():
    """rencana_index(plan), prepared once for a batch, gives the same rows and problems."""
    from kinerja_core.demo import demo_frames
    from kinerja_core.ingest import check_against_rencana, rencana_index
    from kinerja_core.rencana import rencana_from_frames

    indicators, anggaran = demo_frames(2024)
    plan = rencana_from_frames(indicators, anggaran)[0]
    changed = indicators.copy()
    changed.loc[0, "target"] = 999.0  # differs from the plan
    changed.loc[1, "kode"] = "9.99.99"  # matched by name within its bidang
    changed = changed.drop(index=[2])  # a plan row missing from the file
    by_frame = check_against_rencana(changed, plan)
    index = rencana_index(plan)
    for _ in range(2):  # the index is reusable
        by_index = check_against_rencana(changed, index)
        pd.testing.assert_frame_equal(by_frame[0], by_index[0])
        assert by_frame[1] == by_index[1]
    assert len(by_frame[1]) >= 3
