import numpy as np
import pandas as pd
import pytest

from kinerja_core.demo import demo_frames
from kinerja_core.locale_id import fmt_rupiah
from kinerja_core.model import ANGGARAN_TW, REALISASI_TW, Problem
from kinerja_core.rencana import (
    EDITOR_COLUMNS,
    bidang_options,
    bidang_part,
    copy_rencana,
    frames_from_editor,
    has_errors,
    kode_problem,
    merge_rencana,
    problems_frame,
    rencana_editor_frame,
    rencana_from_editor,
    rencana_from_frames,
    rencana_from_uploads,
    replace_bidang,
    summary_per_bidang,
    summary_table,
    validate_rencana,
)

PLAN_COLUMNS = [
    "bidang",
    "kode",
    "uraian",
    "indikator",
    "satuan",
    "polaritas",
    "agregasi",
    "target",
    "target_teks",
    "target_tw1",
    "target_tw2",
    "target_tw3",
    "target_tw4",
]


@pytest.fixture(scope="module")
def plan2024():
    return rencana_from_frames(*demo_frames(2024))


def test_rencana_strips_realisasi(plan2024):
    ind, ang = plan2024
    assert ind[REALISASI_TW].isna().all().all()
    for col in ("realisasi_teks", "faktor_pendorong", "faktor_penghambat", "tindak_lanjut"):
        assert (ind[col] == "").all()
    assert ang[ANGGARAN_TW].isna().all().all()
    assert ang["pagu"].notna().all()
    full, _ = demo_frames(2024)
    assert ind[PLAN_COLUMNS].equals(full[PLAN_COLUMNS])


def test_demo_plan_is_valid(plan2024):
    assert validate_rencana(*plan2024) == []


def test_editor_round_trip(plan2024):
    ind, ang = plan2024
    table = rencana_editor_frame(ind, ang)
    assert list(table.columns) == EDITOR_COLUMNS
    assert len(table) == len(ind)
    # every row of a sub kegiatan carries its pagu; program rows carry none
    sub = table["kode"] == "2.16.02.2.01.0028"
    assert (table.loc[sub, "pagu"] == 898_000_000).all() and sub.sum() == 2
    assert table.loc[table["kode"] == "2.16.02", "pagu"].isna().all()
    back_ind, back_ang, problems = frames_from_editor(table, 2024)
    assert problems == []
    assert back_ind[PLAN_COLUMNS].equals(ind[PLAN_COLUMNS])
    assert (back_ind["tahun"] == 2024).all()
    merged = back_ang.merge(ang, on="kode", suffixes=("", "_asli"))
    assert len(merged) == len(ang) == len(back_ang)
    assert (merged["pagu"] == merged["pagu_asli"]).all()
    assert (merged["bidang"] == merged["bidang_asli"]).all()


def test_budget_only_kode_survives_the_editor(plan2024):
    ind, ang = plan2024
    extra = pd.DataFrame(
        [
            {
                "tahun": 2024,
                "bidang": "Sekretariat",
                "kode": "2.16.01.1.06.0001",
                "uraian": "Penyediaan Komponen Instalasi Listrik",
                "pagu": 25_000_000.0,
            }
        ]
    )
    table = rencana_editor_frame(ind, pd.concat([ang, extra], ignore_index=True))
    assert len(table) == len(ind) + 1
    back_ind, back_ang, problems = frames_from_editor(table, 2024)
    assert problems == [] and len(back_ind) == len(ind)
    assert back_ang.set_index("kode").loc["2.16.01.1.06.0001", "pagu"] == 25_000_000


def test_editor_blank_rows_ignored_and_conflicting_pagu_reported(plan2024):
    table = rencana_editor_frame(*plan2024)
    blank = pd.DataFrame([{c: None for c in EDITOR_COLUMNS}])
    table = pd.concat([table, blank], ignore_index=True)
    rows = table.index[table["kode"] == "2.16.02.2.01.0028"]
    table.loc[rows[1], "pagu"] = 1.0
    ind, _, problems = frames_from_editor(table, 2024)
    assert len(ind) == len(plan2024[0])
    assert len(problems) == 1
    assert problems[0].level == "error" and "2.16.02.2.01.0028" in problems[0].message
    assert problems[0].row == rows[1] + 1 and problems[0].column == "Pagu (Rp)"


def _editor_row(**values):
    row = {
        "bidang": "Bidang Statistik",
        "kode": "2.20.02.2.01.0001",
        "uraian": "Membangun Metadata Statistik Sektoral",
        "indikator": "Jumlah Dokumen Metadata",
        "satuan": "Dokumen",
        "polaritas": "positif",
        "agregasi": "kumulatif",
        "target": 10.0,
    }
    row.update(values)
    return row


def test_validation_messages_name_row_and_column():
    table = pd.DataFrame(
        [
            _editor_row(),
            _editor_row(bidang="", kode="2.20.02.2", polaritas="naik"),
            _editor_row(indikator="  jumlah dokumen   METADATA ", agregasi=""),
            _editor_row(kode="2.20.02.2.01.0003", indikator="", satuan=""),
            _editor_row(kode="2,20,02", indikator="X", target=np.nan),
            _editor_row(kode="2.20.02", indikator="Y", target=-1.0),
        ]
    )
    ind, ang, extra = frames_from_editor(table, 2024)
    problems = extra + validate_rencana(ind, ang)
    found = {(p.row, p.column, p.level) for p in problems}
    assert (2, "Bidang", "error") in found
    assert (2, "Kode", "error") in found  # 4 parts: neither program, kegiatan nor sub
    assert (2, "Polaritas", "error") in found
    assert (3, "Indikator", "error") in found  # duplicate of row 1 (case/spacing)
    assert (3, "Cara Agregasi", "error") in found
    assert (4, "Indikator", "error") in found
    assert (5, "Kode", "error") in found
    assert (5, "Target", "warning") in found
    assert (6, "Target", "error") in found
    assert not any(p.row == 1 for p in problems)
    dup = next(p for p in problems if p.row == 3 and p.column == "Indikator")
    assert "baris 1" in dup.message
    assert all(p.fix for p in problems)
    assert has_errors(problems)


def test_validate_anggaran_duplicates_and_negative():
    ind = pd.DataFrame([_editor_row()]).assign(tahun=2024)
    ang = pd.DataFrame(
        [
            {"kode": "2.20.02.2.01.0001", "pagu": 5.0},
            {"kode": "2.20.02.2.01.0001", "pagu": 6.0},
            {"kode": "2.20.02.2.01.0002", "pagu": -6.0},
        ]
    )
    problems = validate_rencana(ind, ang)
    assert [(p.row, p.column) for p in problems] == [(2, "Kode"), (3, "Pagu (Rp)")]


def test_file_rows_use_their_file_row_number():
    ind = pd.DataFrame([_editor_row(bidang="")]).assign(tahun=2024, baris=17, sumber="rencana.xlsx")
    (problem,) = validate_rencana(ind)
    assert problem.row == 17 and problem.file == "rencana.xlsx"
    assert "baris 17" in problem.location() and "rencana.xlsx" in problem.location()


def test_kode_problem():
    assert kode_problem("2.16.03.2.02.0005") == ""
    assert kode_problem("2.16.03.2.02.05") == ""  # older 2-digit sub kegiatan
    assert kode_problem("2.16.03") == ""
    assert "bukan kode" in kode_problem("2.16")
    assert "karakter" in kode_problem("2.16.x3")
    assert kode_problem("") == "Kode kosong."


def test_summary_per_bidang(plan2024):
    summary = summary_per_bidang(*plan2024).set_index("bidang")
    assert summary["indikator"].sum() == len(plan2024[0])
    assert summary.loc["Bidang Persandian", "kode_anggaran"] == 5
    assert summary["pagu"].sum() == pytest.approx(plan2024[1]["pagu"].sum())


def test_merge_replaces_only_loaded_bidang(plan2024):
    ind, ang = plan2024
    loaded_ind = ind[ind["bidang"] == "Bidang Statistik"].assign(target=1.0)
    loaded_ang = ang[ang["bidang"] == "Bidang Statistik"].assign(pagu=2.0)
    merged_ind, merged_ang = merge_rencana((ind, ang), (loaded_ind, loaded_ang), replace_all=False)
    assert len(merged_ind) == len(ind) and len(merged_ang) == len(ang)
    stat = merged_ind["bidang"] == "Bidang Statistik"
    assert (merged_ind.loc[stat, "target"] == 1).all()
    assert merged_ind.loc[~stat, "target"].equals(
        ind.loc[ind["bidang"] != "Bidang Statistik", "target"].reset_index(drop=True)
    )
    assert (merged_ang.loc[merged_ang["bidang"] == "Bidang Statistik", "pagu"] == 2).all()
    whole_ind, whole_ang = merge_rencana((ind, ang), (loaded_ind, loaded_ang), replace_all=True)
    assert set(whole_ind["bidang"]) == {"Bidang Statistik"} and len(whole_ang) == 4


class _Result:
    def __init__(self, filename, indicators, anggaran, problems, tahun):
        self.filename, self.indicators, self.anggaran = filename, indicators, anggaran
        self.problems, self.tahun = problems, tahun


def test_rencana_from_uploads_strips_realisasi_and_warns_on_other_year():
    ind23, ang23 = demo_frames(2023)
    broken = Problem("error", "Berkas rusak.", "Kirim ulang.", file="rusak.xlsx")
    results = [
        _Result("a.xlsx", ind23.assign(sumber="a.xlsx"), ang23, [], 2023),
        _Result("rusak.xlsx", ind23.iloc[0:0], ang23.iloc[0:0], [broken], None),
    ]
    ind, ang, problems = rencana_from_uploads(results, 2024)
    assert len(ind) == len(ind23) and (ind["tahun"] == 2024).all() and (ang["tahun"] == 2024).all()
    assert ind[REALISASI_TW].isna().all().all() and ang[ANGGARAN_TW].isna().all().all()
    assert broken in problems
    other_year = [p for p in problems if p.file == "a.xlsx"]
    assert len(other_year) == 1 and "tahun 2023" in other_year[0].message
    assert other_year[0].level == "warning"
    table = problems_frame(problems)
    assert list(table.columns) == ["Tingkat", "Lokasi", "Masalah", "Cara memperbaiki"]
    assert table["Tingkat"].tolist().count("Kesalahan") == 1
    assert "berkas rusak.xlsx" in table["Lokasi"].tolist()


def test_bidang_options(plan2024):
    table = rencana_editor_frame(*plan2024)
    options = bidang_options(table, ["Bidang Baru", " ", "Sekretariat"])
    assert options[0] == "Sekretariat" and options[-1] == "Bidang Baru"
    assert len(options) == 6
    assert (
        bidang_options(rencana_editor_frame(*rencana_from_frames(pd.DataFrame(), pd.DataFrame())))
        == []
    )


def test_replace_bidang_keeps_other_bidang(plan2024):
    ind, ang = plan2024
    mine = ind[ind["bidang"] == "Bidang Persandian"]
    mine_ang = ang[ang["bidang"] == "Bidang Persandian"]
    table = rencana_editor_frame(mine, mine_ang).iloc[1:]  # first row deleted in the editor
    table.loc[table.index[0], "target"] = 99.0
    part_ind, part_ang, problems = frames_from_editor(table, 2024)
    assert problems == []
    new_ind, new_ang = replace_bidang((ind, ang), (part_ind, part_ang), "Bidang Persandian")
    assert len(new_ind) == len(ind) - 1
    assert len(new_ang) == len(ang)
    others = new_ind[new_ind["bidang"] != "Bidang Persandian"].reset_index(drop=True)
    assert others.equals(ind[ind["bidang"] != "Bidang Persandian"].reset_index(drop=True))
    persandian = new_ind[new_ind["bidang"] == "Bidang Persandian"]
    assert persandian["target"].iloc[0] == 99
    assert mine["indikator"].iloc[0] not in set(new_ind["indikator"])


def test_summary_table_for_people(plan2024):
    table = summary_table(*plan2024).set_index("Bidang")
    assert list(table.columns) == ["Indikator", "Kode anggaran", "Pagu"]
    assert table.loc["Bidang Persandian", "Kode anggaran"] == "5"
    pagu = summary_per_bidang(*plan2024).set_index("bidang").loc["Bidang Persandian", "pagu"]
    assert table.loc["Bidang Persandian", "Pagu"] == fmt_rupiah(pagu)
    assert table.loc["Bidang Persandian", "Pagu"].startswith("Rp ")


def test_bidang_part(plan2024):
    ind, ang = plan2024
    assert bidang_part(ind, ang, None) == (ind, ang)
    part_ind, part_ang = bidang_part(ind, ang, "Bidang Persandian")
    assert set(part_ind["bidang"]) == set(part_ang["bidang"]) == {"Bidang Persandian"}
    assert len(part_ind) == (ind["bidang"] == "Bidang Persandian").sum()


def test_rencana_from_editor_whole_and_one_bidang(plan2024):
    ind, ang = plan2024
    whole, whole_ang, problems = rencana_from_editor(rencana_editor_frame(ind, ang), 2024, plan2024)
    assert problems == [] and len(whole) == len(ind) and len(whole_ang) == len(ang)

    part = bidang_part(ind, ang, "Bidang Persandian")
    table = rencana_editor_frame(*part).iloc[1:]  # first row deleted in the editor
    new_ind, new_ang, problems = rencana_from_editor(table, 2024, plan2024, "Bidang Persandian")
    assert problems == []
    assert len(new_ind) == len(ind) - 1  # the other bidang kept
    assert (new_ind["bidang"] == "Sekretariat").sum() == (ind["bidang"] == "Sekretariat").sum()

    table.loc[table.index[0], "kode"] = "2.16"
    bad_ind, _, problems = rencana_from_editor(table, 2024, plan2024, "Bidang Persandian")
    assert has_errors(problems)
    assert set(bad_ind["bidang"]) <= {"Bidang Persandian"}  # not merged when it is refused


def test_copy_rencana_to_a_new_year():
    full_ind, full_ang = demo_frames(2024)
    ind, ang = copy_rencana(full_ind, full_ang, 2025)
    assert (ind["tahun"] == 2025).all() and (ang["tahun"] == 2025).all()
    assert len(ind) == len(full_ind) and ang["pagu"].sum() == full_ang["pagu"].sum()
    assert ind[REALISASI_TW].isna().all().all() and ang[ANGGARAN_TW].isna().all().all()
    # the same Renstra period: sasaran and targets carry over; last year's realisasi Renstra
    # is one year short now, so it is left for the stored years to give
    assert ind["sasaran"].tolist() == full_ind["sasaran"].tolist()
    assert ind["target_renstra"].equals(full_ind["target_renstra"])
    assert ang["target_renstra_rp"].equals(full_ang["target_renstra_rp"])
    assert full_ind["realisasi_renstra_lalu"].notna().any()
    assert full_ang["realisasi_renstra_lalu_rp"].notna().any()
    assert ind["realisasi_renstra_lalu"].isna().all()
    assert ang["realisasi_renstra_lalu_rp"].isna().all()
