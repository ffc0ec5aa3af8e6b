"""Exports: recorded with their parameters and data; an earlier export keeps its own names."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

import docx
import openpyxl
import pytest

from kinerja_core import exports, koreksi, pengaturan
from kinerja_core.access import Actor, Peran
from kinerja_core.bootstrap import seed_demo
from kinerja_core.demo import demo_frames
from kinerja_core.settings import Settings, Signatory
from kinerja_core.store import Store

ADMIN = Actor("kasubag", "Rina", Peran.ADMIN)


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Store:
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('ekspor') / 'e.db'}")
    seed_demo(store)
    return store


def texts(xlsx: bytes) -> list:
    wb = openpyxl.load_workbook(io.BytesIO(xlsx))
    return [c.value for row in wb["Evaluasi Renja (E.81)"].iter_rows() for c in row]


def report_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def sign(store: Store, name: str, nip: str) -> None:
    settings = Settings()
    kantor = pengaturan.current(store, settings).kantor
    signer = Signatory("Kepala Dinas", name, "Pembina Tk. I (IV/b)", nip)
    pengaturan.save(store, replace(kantor, kepala_dinas=signer), settings, ADMIN)


def test_an_earlier_export_keeps_its_signatories_date_and_data(store):
    settings = Settings()
    sign(store, "Ir. Andi Baso, M.Si.", "197001011995031001")
    data = exports.gather(store, 2024, 4)
    params = exports.params_now(store, settings, date(2025, 1, 15), "F4")
    first_docs = exports.build(data, params)
    first = exports.record(store, data, params, first_docs, ADMIN)
    assert "Ir. Andi Baso, M.Si." in texts(first_docs.xlsx)

    # a new Kepala Dinas, a correction: the next export shows both
    sign(store, "Dr. Hasnah, S.E.", "196801011990032001")
    row = exports.gather(store, 2024, 4).evaluated(settings).iloc[0]
    koreksi.correct(store, row, "faktor_pendorong", "Dukungan pimpinan", "rapat", ADMIN)
    data2 = exports.gather(store, 2024, 4)
    params2 = exports.params_now(store, settings, date(2025, 2, 1), "A4")
    second_docs = exports.build(data2, params2)
    second = exports.record(store, data2, params2, second_docs, ADMIN)
    assert "Dr. Hasnah, S.E." in texts(second_docs.xlsx)
    assert "Ir. Andi Baso, M.Si." not in texts(second_docs.xlsx)
    assert any("Nilai dikoreksi (koreksi konsep" in str(v) for v in texts(second_docs.xlsx))
    assert not any("Nilai dikoreksi" in str(v) for v in texts(first_docs.xlsx))

    again = exports.rebuild(store, first)
    values = texts(again.xlsx)
    assert "Ir. Andi Baso, M.Si." in values and "Dr. Hasnah, S.E." not in values
    assert "Malili, 15 Januari 2025" in values
    report = report_text(again.docx)
    assert "Ir. Andi Baso, M.Si." in report and "Dr. Hasnah, S.E." not in report
    assert "Malili, 15 Januari 2025" in report
    assert "Dr. Hasnah, S.E." in report_text(second_docs.docx)
    assert "Dukungan pimpinan" in report_text(second_docs.docx)  # the corrected factor
    assert again.sha256()[1] == store.export_record(first)["docx_sha256"] != ""
    assert again.sha256()[0] == store.export_record(first)["xlsx_sha256"]  # the same bytes
    wb = openpyxl.load_workbook(io.BytesIO(again.xlsx))
    assert int(wb["Evaluasi Renja (E.81)"].page_setup.paperSize) == 14  # F4, as recorded
    assert exports.rebuild(store, second).xlsx == second_docs.xlsx

    listed = exports.summary(store, 2024)
    assert [r.id for r in listed[:2]] == [second, first]
    assert listed[1].kepala_dinas == "Ir. Andi Baso, M.Si." and listed[1].kertas == "F4"
    assert listed[0].kepala_dinas == "Dr. Hasnah, S.E." and listed[0].kertas == "A4"
    assert store.audit()["action"].tolist()[0] == "ekspor dokumen"


def test_snapshot_round_trip_is_exact(store):
    data = exports.gather(store, 2024, 2)
    back = exports.snapshot_data(exports.snapshot_bytes(data))
    assert back.tahun == 2024 and back.sampai_tw == 2
    assert back.indicators.equals(data.indicators)
    assert back.anggaran.equals(data.anggaran)
    assert back.previous_indicators.equals(data.previous_indicators)
    assert back.problems == data.problems
    assert [k.as_dict() for k in back.corrections] == [k.as_dict() for k in data.corrections]
    assert exports.snapshot_bytes(back) == exports.snapshot_bytes(data)  # deterministic


def test_settings_round_trip_without_the_database_url():
    settings = replace(
        Settings(),
        capaian_cap=120.0,
        predikat_bounds=(90.0, 75.0, 65.0, 50.0),
        kualitatif_nilai=(("Baik", 100.0), ("Cukup", 75.0)),
        database_url="postgresql://u:rahasia@host/db",
    )
    data = exports.settings_to_dict(settings)
    assert "database_url" not in data and "rahasia" not in str(data)
    assert exports.settings_from_dict(data) == replace(settings, database_url="")


def test_the_e81_takes_sasaran_and_renstra_from_the_rencana_and_earlier_years(store):
    """Columns 2, 5, 6 from the demo rencana (three programs have their Renstra), column 6
    of the others computed from the stored 2023 when the Renstra starts in 2023, so 13 and
    14 follow; a figure corrected in the rencana wins over the file's."""
    from kinerja_core import renstra

    settings = Settings()
    data = exports.gather(store, 2024, 4)
    rows = data.indicators.set_index("indikator")
    spbe = rows.loc["Indeks SPBE"]
    assert spbe["sasaran"].startswith("Meningkatnya kualitas penyelenggaraan")
    assert spbe["target_renstra"] == 3.78 and spbe["realisasi_renstra_lalu"] == 2.85
    missing = {k.kolom: k for k in renstra.kekurangan(data.evaluated(settings), data.anggaran)}
    demo_ind, demo_ang = demo_frames(2024)
    assert missing["kolom 2"].kosong == (demo_ind["sasaran"] == "").sum() > 0
    assert missing["kolom 2"].dari == len(demo_ind)  # Persandian: no Renstra yet
    assert missing["kolom 6 Rp"].kosong == demo_ang["realisasi_renstra_lalu_rp"].isna().sum()

    from_2023 = exports.gather(store, 2024, 4, tahun_awal=2023)
    left = {
        k.kolom: k
        for k in renstra.kekurangan(from_2023.evaluated(settings), from_2023.anggaran, 2023)
    }
    assert "kolom 6 Rp" not in left  # every kode spent in 2023
    sandi = from_2023.anggaran.set_index("kode").loc["2.21.02.2.01.0001"]
    spent_2023 = store.anggaran(2023).set_index("kode").loc["2.21.02.2.01.0001"]
    assert sandi["realisasi_renstra_lalu_rp"] == pytest.approx(
        spent_2023[["anggaran_tw1", "anggaran_tw2", "anggaran_tw3", "anggaran_tw4"]].sum()
    )
    assert "kolom 6 K" not in left and missing["kolom 6 K"].kosong > 0

    plan_ind, plan_ang = store.rencana(2024)
    changed = plan_ind.copy()
    changed.loc[changed["indikator"] == "Indeks SPBE", "target_renstra"] = 4.0
    store.set_rencana(2024, changed, plan_ang, actor=ADMIN)
    try:
        again = exports.gather(store, 2024, 4).evaluated(settings).set_index("indikator")
        assert again.loc["Indeks SPBE", "target_renstra"] == 4.0
        wb = openpyxl.load_workbook(
            io.BytesIO(
                exports.build(
                    exports.gather(store, 2024, 4),
                    exports.params_now(store, settings, date(2025, 1, 15), "F4"),
                ).xlsx
            )
        )
        sheet = wb["Evaluasi Renja (E.81)"]
        found = [row for row in sheet.iter_rows(values_only=True) if "Indeks SPBE" in row]
        assert found and 4.0 in found[0] and 2.85 in found[0]
    finally:
        store.set_rencana(2024, plan_ind, plan_ang, actor=ADMIN)
